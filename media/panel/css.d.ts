// CSS imported for its side effect: esbuild bundles it into media/dist/panel.css.
declare module '*.css';

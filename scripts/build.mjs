// Bundles the engine, the CLI and the extension with esbuild and copies the tree-sitter
// WebAssembly files next to them (web-tree-sitter's ESM build crashes when bundled to CJS).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(root, 'dist');
mkdirSync(dist, { recursive: true });

const wts = path.join(root, 'node_modules', 'web-tree-sitter');
copyFileSync(path.join(wts, 'web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
copyFileSync(
  require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
  path.join(dist, 'tree-sitter-python.wasm'),
);

// The TypeScript/JavaScript parser (typescript-estree with the TypeScript compiler inside) is its
// own bundle, loaded by the engine on the first TS/JS file only: Python users never pay for it.
const ESTREE = './typescript-estree.js';
const estreeOutside = {
  name: 'estree-outside',
  setup(b) {
    b.onResolve({ filter: /^@typescript-eslint\/(typescript-estree|visitor-keys)$/ }, () => ({ path: ESTREE, external: true }));
  },
};

// The engine build behind `frugal check`'s cache: the version and every engine source, so a cache
// written by another build is never read.
function engineId() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) hash.update(full.slice(root.length)).update(readFileSync(full));
    }
  };
  walk(path.join(root, 'src', 'engine'));
  hash.update(readFileSync(path.join(root, 'src', 'cli', 'check.ts')));
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return `${version}-${hash.digest('hex').slice(0, 12)}`;
}

const common = {
  define: { __FRUGAL_ENGINE_ID__: JSON.stringify(engineId()) },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  alias: { 'web-tree-sitter': path.join(wts, 'web-tree-sitter.cjs') },
  external: ['vscode', 'onnxruntime-node'],
  plugins: [estreeOutside],
};

/** A webview bundle: media/panel/<entry>.ts → media/dist/<name>.js and .css. */
function webview(entry, name) {
  return build({
    entryPoints: [path.join(root, 'media/panel', `${entry}.ts`)],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
    outfile: path.join(root, 'media/dist', `${name}.js`),
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
  });
}

await Promise.all([
  build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
    stdin: {
      contents: "module.exports = { ...require('@typescript-eslint/typescript-estree'), visitorKeys: require('@typescript-eslint/visitor-keys').visitorKeys };",
      resolveDir: root,
      loader: 'js',
    },
    outfile: path.join(dist, 'typescript-estree.js'),
  }),
  build({ ...common, entryPoints: [path.join(root, 'src/engine/index.ts')], outfile: path.join(dist, 'engine.js') }),
  build({
    ...common,
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    outfile: path.join(dist, 'cli.js'),
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({ ...common, entryPoints: [path.join(root, 'src/extension/extension.ts')], outfile: path.join(dist, 'extension.js') }),
  // The inference benchmark's child process (it loads onnxruntime-node, kept external).
  build({ ...common, entryPoints: [path.join(root, 'src/bench/worker.ts')], outfile: path.join(dist, 'bench-worker.js') }),
  // The webviews — the Energy Profile and the Benchmark view: script, styles, uPlot and the codicon
  // font, all local (media/dist ships in the VSIX).
  webview('main', 'panel'),
  webview('bench', 'bench'),
]);

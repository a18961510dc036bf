// A tiny element builder for the panel: text only through textContent, never HTML strings.
type Child = Node | string | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, '').toLowerCase(), v);
    else if (k === 'className') el.className = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === false || c === null || c === undefined) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/** A codicon (bundled font), hidden from screen readers. */
export function icon(name: string): HTMLElement {
  return h('span', { className: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** The webview's handle on its host, typed by the messages it may post. */
export interface VsCodeApi<M> {
  postMessage(message: M): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi<M>(): VsCodeApi<M>;

/** acquireVsCodeApi() may be called once per webview: call this once, at start-up. */
export function vscodeApi<M>(): VsCodeApi<M> {
  return acquireVsCodeApi<M>();
}

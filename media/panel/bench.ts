// The Benchmark webview: renders the host's validated state — the sweep's progress, then a table
// and a chart of energy per 1,000 inferences against p95 latency with the best setting
// highlighted, the snippet that applies it, the model's advice and the history with compare.
import '@vscode/codicons/dist/codicon.css';
import 'uplot/dist/uPlot.min.css';
import './panel.css';
import './bench.css';
import uPlot from 'uplot';
import type { BenchReport, BenchRun } from '../../src/bench/types';
import { parseBenchHostMessage, type BenchEntry, type BenchSnapshot, type BenchWebviewMessage } from '../../src/extension/bench/protocol';
import { h, icon, vscodeApi } from './dom';

const vscode = vscodeApi<BenchWebviewMessage>();
const root = document.getElementById('root')!;
const saved = vscode.getState() as { selected?: string; lang?: 'python' | 'typescript' } | undefined;
let state: BenchSnapshot = { trusted: true, history: [] };
let selected: string | undefined = typeof saved?.selected === 'string' ? saved.selected : undefined;
let lang: 'python' | 'typescript' = saved?.lang === 'typescript' ? 'typescript' : 'python';
let loaded = false;
let plot: uPlot | undefined;

const post = (m: BenchWebviewMessage) => vscode.postMessage(m);
const persist = () => vscode.setState({ selected, lang });
const base = (p: string) => p.split(/[\\/]/).pop() ?? p;

function ms(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
}

function joules(x: number): string {
  return x >= 1 ? `${x.toFixed(2)} J` : x >= 1e-3 ? `${(x * 1e3).toPrecision(3)} mJ` : `${(x * 1e6).toPrecision(3)} µJ`;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function copyButton(text: string, what: string): HTMLElement {
  return h('button', { className: 'secondary', onclick: () => post({ type: 'copy', text }), 'aria-label': `Copy ${what}` }, icon('copy'), ' Copy');
}

function settingText(r: BenchRun): string {
  return `batch ${r.batch}, ${r.threads} thread${r.threads === 1 ? '' : 's'}, ${r.optimization}, ${r.provider}`;
}

function chart(report: BenchReport): HTMLElement {
  const el = h('div', { className: 'chart', role: 'img', 'aria-label': 'Energy per 1,000 inferences against p95 latency, one point per setting; the table below has the same figures' });
  const ok = report.runs.map((r, i) => ({ r, i })).filter(({ r }) => !r.error);
  const xs = [...new Set(ok.map(({ r }) => r.latencyMs.p95))].sort((a, b) => a - b);
  const models = report.models.map((m) => m.path);
  const colors = [cssVar('--vscode-charts-blue', '#3794ff'), cssVar('--vscode-charts-orange', '#d18616'), cssVar('--vscode-charts-purple', '#b180d7'), cssVar('--vscode-charts-green', '#89d185')];
  const column = (keep: (r: BenchRun, i: number) => boolean) => xs.map((x) => ok.find(({ r, i }) => r.latencyMs.p95 === x && keep(r, i))?.r.energyPer1kJ ?? null);
  const data = [xs, ...models.map((m) => column((r) => r.model === m)), column((_r, i) => i === report.best?.index)] as uPlot.AlignedData;
  const fg = cssVar('--vscode-descriptionForeground', '#888');
  const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)');
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: `11px ${cssVar('--vscode-font-family', 'sans-serif')}` };
  const dots = (stroke: string, size: number): uPlot.Series => ({ stroke, fill: stroke, width: 0, paths: () => null, points: { show: true, size, stroke, fill: stroke } });
  plot?.destroy();
  requestAnimationFrame(() => {
    plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: 170,
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1e-9, (max ?? 0) * 1.15)] } },
        series: [
          { label: 'p95', value: (_u, v) => (v === null ? '—' : `${ms(v)} ms`) },
          ...models.map((m, i) => ({ ...dots(colors[i % colors.length], 7), label: base(m), value: (_u: uPlot, v: number | null) => (v === null ? '—' : joules(v)) })),
          { ...dots(cssVar('--vscode-charts-red', '#f14c4c'), 12), label: '★ best', value: (_u: uPlot, v: number | null) => (v === null ? '—' : joules(v)) },
        ],
        axes: [
          { ...axis, label: 'p95 latency per call (ms)', values: (_u, t) => t.map((x) => ms(x)) },
          { ...axis, size: 56, label: 'J / 1k inferences', values: (_u, t) => t.map((x) => x.toPrecision(2)) },
        ],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
      },
      data,
      el,
    );
  });
  return el;
}

function table(report: BenchReport): HTMLTableElement {
  const multi = report.models.length > 1;
  const head = [...(multi ? ['Model'] : []), 'Batch', 'Threads', 'Opt', 'Provider', 'p50 ms', 'p95 ms', 'Samples/s', 'J / 1k inf', 'Method'];
  const rows = report.runs.map((r, i) => {
    const best = report.best?.index === i;
    const setting = [...(multi ? [base(r.model)] : []), String(r.batch), String(r.threads), r.optimization, r.provider];
    const cells = r.error
      ? [...setting.map((c) => h('td', {}, c)), h('td', { className: 'error', colspan: 5 }, `failed: ${r.error}`)]
      : [...setting, ms(r.latencyMs.p50), ms(r.latencyMs.p95), r.throughputPerS.toFixed(0), r.energyPer1kJ.toPrecision(3), r.method].map((c) => h('td', {}, c));
    if (best) cells[0].prepend(h('span', { 'aria-label': 'best setting: ' }, '★ '));
    return h('tr', { className: best ? 'best' : '' }, ...cells);
  });
  return h(
    'table',
    { className: 'bench' },
    h('caption', {}, 'Every setting; ★ the least energy per inference'),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows),
  );
}

function result(entry: BenchEntry): HTMLElement {
  const r = entry.report;
  const best = r.best;
  const bestRun = best ? r.runs[best.index] : undefined;
  const snippet = best ? best.snippets[lang] : '';
  const advice = r.models.flatMap((m) => m.advice.map((a) => ({ model: m.path, ...a })));
  return h(
    'section',
    { 'aria-labelledby': 'result-title' },
    h('h2', { id: 'result-title' }, entry.labels.join(' vs ')),
    h('p', { className: 'muted small' }, `${new Date(entry.startedAt).toLocaleString()} · ${r.machine.cpu.model} · ONNX Runtime ${r.machine.onnxruntime} · ${r.sweep.settings} settings in ${r.sweep.wallS.toFixed(1)} s`),
    best && bestRun
      ? h(
          'p',
          { className: 'big', id: 'best' },
          `★ ${multi(r) ? `${base(best.model)}: ` : ''}${settingText(bestRun)} — ${joules(best.energyPer1kJ)} per 1,000 inferences (${bestRun.method}), p95 ${ms(best.p95Ms)} ms`,
        )
      : h('p', { className: 'banner error' }, 'No setting ran to the end; the errors are in the table.'),
    chart(r),
    h('div', { className: 'table-wrap' }, table(r)),
    bestRun && h('p', { className: 'muted small' }, `Energy: CPU ${bestRun.methods.cpu.label}. RAM ${bestRun.methods.ram.label}. GPU: ${bestRun.methods.gpu.label}.`),
    best &&
      h(
        'div',
        {},
        h('h3', {}, 'Apply the best setting'),
        h(
          'div',
          { className: 'row', role: 'group', 'aria-label': 'Snippet language' },
          ...(['python', 'typescript'] as const).map((l) =>
            h('button', { className: l === lang ? '' : 'secondary', 'aria-pressed': String(l === lang), onclick: () => ((lang = l), persist(), render()) }, l === 'python' ? 'Python' : 'TypeScript'),
          ),
          copyButton(snippet, 'the snippet'),
        ),
        h('pre', { className: 'snippet' }, h('code', {}, snippet)),
      ),
    ...advice.map((a) => h('div', {}, h('h3', {}, `${base(a.model)}: advice`), h('p', {}, a.text), a.snippet && h('pre', { className: 'snippet' }, h('code', {}, a.snippet)), a.snippet && copyButton(a.snippet, 'the quantisation snippet'))),
    h('div', { className: 'row' }, h('button', { className: 'secondary', onclick: () => post({ type: 'compare', id: entry.id }) }, icon('diff'), ' Compare with another model…')),
  );
}

const multi = (r: BenchReport) => r.models.length > 1;

function history(): HTMLElement | undefined {
  if (state.history.length < 2) return undefined;
  return h(
    'section',
    { 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, 'History'),
    h(
      'ul',
      { className: 'history' },
      ...state.history.map((e) =>
        h(
          'li',
          {},
          h('button', { className: 'link', 'aria-current': e.id === shown()?.id ? 'true' : undefined, onclick: () => ((selected = e.id), persist(), render()) }, e.labels.join(' vs ')),
          h('span', { className: 'muted small' }, `${new Date(e.startedAt).toLocaleString()}${e.report.best ? ` · ★ ${joules(e.report.best.energyPer1kJ)} / 1k` : ''}`),
        ),
      ),
    ),
  );
}

function shown(): BenchEntry | undefined {
  return state.history.find((e) => e.id === selected) ?? state.history[0];
}

function render(): void {
  plot?.destroy();
  plot = undefined;
  const live = state.live;
  const entry = live ? undefined : shown();
  const parts = [
    h(
      'div',
      { className: 'controls row' },
      live
        ? h('button', { onclick: () => post({ type: 'stop' }) }, icon('debug-stop'), ' Stop')
        : h('button', { onclick: () => post({ type: 'run' }), disabled: !state.trusted }, icon('dashboard'), ' Benchmark a model…'),
    ),
    !state.trusted && h('p', { className: 'banner warning' }, 'Benchmarking is off in Restricted Mode: it loads the model into ONNX Runtime. Trust the workspace to use it.'),
    state.error && !live ? h('p', { className: 'banner error', role: 'alert' }, state.error) : undefined,
    live &&
      h(
        'section',
        { 'aria-labelledby': 'live-title' },
        h('h2', { id: 'live-title' }, `Benchmarking ${live.label}`),
        h('progress', { max: Math.max(1, live.total), value: live.done, 'aria-label': `${live.done} of ${live.total} settings done` }),
        h('p', { className: 'muted' }, live.total ? `${live.done}/${live.total} — ${live.message}` : live.message),
      ),
    entry ? result(entry) : live ? undefined : h('p', { className: 'muted' }, 'Benchmark an ONNX model (Explorer: right-click a .onnx file → Benchmark Inference) to see which batch size, thread count and optimisation level cost the least energy per inference on this machine.'),
    history(),
  ];
  root.replaceChildren(...parts.filter((p): p is HTMLElement => !!p));
  if (entry) post({ type: 'rendered', id: entry.id, rows: root.querySelectorAll('table.bench tbody tr').length });
}

window.addEventListener('message', (ev: MessageEvent) => {
  const m = parseBenchHostMessage(ev.data);
  if (!m) return;
  if (m.type === 'init') state = m.state;
  else if (m.type === 'progress') state = { ...state, live: m.live, error: undefined };
  else if (m.type === 'result') {
    state = { ...state, live: undefined, error: undefined, history: [m.entry, ...state.history.filter((e) => e.id !== m.entry.id)] };
    selected = m.entry.id;
    persist();
  } else if (m.type === 'failed') state = { ...state, live: undefined, error: m.message };
  loaded = true;
  render();
});

// A theme change re-colours the chart.
new MutationObserver(() => loaded && render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
post({ type: 'ready' });

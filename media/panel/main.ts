// The Energy Profile webview: renders the panel state (src/extension/profile/viewState.ts) from the
// host's validated messages, keeps the user's picks in getState/setState, and asks the host for
// everything else (start, stop, open a line, export) with protocol messages.
import '@vscode/codicons/dist/codicon.css';
import 'uplot/dist/uPlot.min.css';
import './panel.css';
import type { Breakdown, Hotspot, RunSummary, RunView, TeamView } from '../../src/extension/profile/model';
import { parseHostMessage, type WebviewMessage } from '../../src/extension/profile/protocol';
import {
  compareRuns,
  formatGrams,
  formatJoules,
  formatPct,
  formatSeconds,
  formatShare,
  formatWatts,
  formatWh,
  initialState,
  outcome,
  reduce,
  setDuration,
  toggleCompare,
  type PanelState,
} from '../../src/extension/profile/viewState';
import { PowerChart } from './chart';
import { TeamChart } from './team-chart';
import { h, icon, vscodeApi } from './dom';

const vscode = vscodeApi<WebviewMessage>();
const root = document.getElementById('root')!;

/** What survives the view being hidden: the user's picks, not the host's data. */
interface Saved {
  durationS: number;
  durationEdited: boolean;
  compare: string[];
  tab: 'functions' | 'lines';
}

const saved = vscode.getState() as Partial<Saved> | undefined;
let state: PanelState = {
  ...initialState(),
  ...(saved && typeof saved.durationS === 'number' && saved.durationEdited ? { durationS: saved.durationS, durationEdited: true } : {}),
  compare: Array.isArray(saved?.compare) ? saved.compare.filter((x): x is string => typeof x === 'string').slice(0, 2) : [],
};
let tab: Saved['tab'] = saved?.tab === 'lines' ? 'lines' : 'functions';
let loaded = false;
let liveChart: PowerChart | undefined;
let resultChart: PowerChart | undefined;
let teamChart: TeamChart | undefined;

function post(m: WebviewMessage): void {
  vscode.postMessage(m);
}

function persist(): void {
  vscode.setState({ durationS: state.durationS, durationEdited: state.durationEdited, compare: state.compare, tab } satisfies Saved);
}

// --- Rendering -----------------------------------------------------------------------------------

const METHOD_WORDS: Record<string, string> = {
  rapl: 'measured (RAPL)',
  'rapl-dram': 'measured (RAPL DRAM)',
  'nvidia-smi': 'measured (nvidia-smi)',
  'amd-smi': 'measured (amd-smi)',
  'rocm-smi': 'measured (rocm-smi)',
  powermetrics: 'measured (powermetrics)',
  'tdp-estimate': 'estimated from TDP',
  'ram-model': 'estimated (RAM model)',
  none: 'not measured',
};

function methodText(m: { id: string; estimated: boolean }): string {
  return METHOD_WORDS[m.id] ?? (m.estimated ? `estimated (${m.id})` : `measured (${m.id})`);
}

function section(title: string, id: string, ...children: (Node | false | undefined)[]): HTMLElement {
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

function controls(): HTMLElement {
  const running = !!state.live;
  const a = state.active;
  const target = a ? a.relPath : 'no file open';
  const canStart = state.trusted && !running && !!a?.profilable;
  const duration = h('input', {
    id: 'duration',
    type: 'number',
    min: 1,
    max: 86400,
    step: 1,
    value: String(state.durationS),
    'aria-label': 'Run for at most this many seconds',
    disabled: running,
    onchange: (e: Event) => {
      state = setDuration(state, Number((e.target as HTMLInputElement).value));
      persist();
    },
  });
  return h(
    'div',
    { className: 'controls' },
    h('div', { className: 'target', title: a?.path ?? '' }, icon('file-code'), h('span', {}, target)),
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'duration' }, 'Stop after'),
      duration,
      h('span', {}, 's'),
      running
        ? h('button', { id: 'stop', className: 'primary', onclick: () => post({ type: 'stop' }) }, icon('debug-stop'), ' Stop')
        : h(
            'button',
            {
              id: 'start',
              className: 'primary',
              disabled: !canStart,
              title: !state.trusted ? 'Profiling is off in Restricted Mode' : a?.profilable ? `Run ${a.relPath} and measure its energy` : 'Open a .py, .js or .ts script',
              onclick: () => post({ type: 'start', durationS: state.durationS }),
            },
            icon('play'),
            ' Profile',
          ),
    ),
  );
}

function banners(): (HTMLElement | false)[] {
  return [
    !state.trusted &&
      h(
        'div',
        { className: 'banner warning', role: 'note' },
        icon('shield'),
        h('span', {}, 'Profiling is off in Restricted Mode: it runs your script and what it imports. Static analysis still works. Trust this workspace to profile it.'),
      ),
    !!state.error && h('div', { className: 'banner error', role: 'alert' }, icon('error'), h('span', {}, state.error)),
    !!state.notice && h('div', { className: 'banner info', role: 'status' }, icon('info'), h('span', {}, state.notice)),
  ];
}

function liveSection(): HTMLElement | false {
  const live = state.live;
  if (!live) return false;
  const last = live.points[live.points.length - 1];
  const watts = last ? last.cpuW + last.gpuW + last.ramW : 0;
  const stats = h(
    'dl',
    { className: 'stats', id: 'live-stats' },
    h('div', {}, h('dt', {}, 'elapsed'), h('dd', {}, `${last ? last.t.toFixed(1) : '0.0'} / ${formatSeconds(live.run.durationS)}`)),
    h('div', {}, h('dt', {}, 'energy so far'), h('dd', {}, last ? formatJoules(last.energyJ) : '—')),
    h('div', {}, h('dt', {}, 'power now'), h('dd', {}, last ? formatWatts(watts) : '—')),
    last?.progress ? h('div', {}, h('dt', {}, 'progress'), h('dd', {}, `${(last.progress.fraction * 100).toFixed(0)} %`)) : false,
  );
  const chartEl = h('div', { className: 'chart', role: 'img', 'aria-label': 'Power over time per component' });
  liveChart?.destroy();
  liveChart = new PowerChart(chartEl);
  queueMicrotask(() => liveChart?.set(live.points));
  return section(`Running ${live.run.relPath}`, 'live-title', stats, chartEl);
}

function updateLive(): void {
  const live = state.live;
  const stats = document.getElementById('live-stats');
  if (!live || !stats || !liveChart) {
    render();
    return;
  }
  const last = live.points[live.points.length - 1];
  const dds = stats.querySelectorAll('dd');
  if (last && dds.length >= 3) {
    dds[0].textContent = `${last.t.toFixed(1)} / ${formatSeconds(live.run.durationS)}`;
    dds[1].textContent = formatJoules(last.energyJ);
    dds[2].textContent = formatWatts(last.cpuW + last.gpuW + last.ramW);
    if (last.progress && dds[3]) dds[3].textContent = `${(last.progress.fraction * 100).toFixed(0)} %`;
    else if (last.progress) return render();
  }
  liveChart.set(live.points);
}

function energyTable(v: RunView): HTMLElement {
  const e = v.summary.energy;
  const row = (name: string, j: number, m: RunView['methods']['cpu'] | undefined) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, name),
      h('td', { className: 'num' }, m?.id === 'none' ? '—' : formatJoules(j)),
      h('td', { className: 'num' }, m?.id === 'none' ? '' : formatWh(j)),
      h('td', { className: m ? (m.estimated ? 'method estimated' : m.id === 'none' ? 'method' : 'method measured') : 'method', title: m?.label ?? '' }, m ? methodText(m) : ''),
    );
  return h(
    'table',
    { className: 'energy' },
    h('caption', { className: 'sr-only' }, 'Energy per component'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col', className: 'num' }, 'J'), h('th', { scope: 'col', className: 'num' }, 'Wh'), h('th', { scope: 'col' }, 'how'))),
    h(
      'tbody',
      {},
      row('CPU', e.cpuJ, v.methods.cpu),
      row(v.gpuNames.length > 1 ? `GPU ×${v.gpuNames.length}` : 'GPU', e.gpuJ, v.methods.gpu),
      row('RAM', e.ramJ, v.methods.ram),
      h('tr', { className: 'total' }, h('th', { scope: 'row' }, 'total'), h('td', { className: 'num' }, formatJoules(e.totalJ)), h('td', { className: 'num' }, formatWh(e.totalJ)), h('td', {}, '')),
    ),
  );
}

function emissionsBlock(v: RunView): HTMLElement {
  const em = v.emissions;
  const place = v.summary.place;
  const country = h('input', {
    id: 'country',
    type: 'text',
    size: 4,
    maxlength: 3,
    value: em.countryIso3 ?? state.country,
    placeholder: 'FRA',
    'aria-label': 'Country (ISO 3166 code) for the carbon intensity',
    spellcheck: 'false',
  });
  const apply = () => post({ type: 'setCountry', runId: v.summary.id, country: (country as HTMLInputElement).value });
  country.addEventListener('keydown', (e) => (e as KeyboardEvent).key === 'Enter' && apply());
  return h(
    'div',
    { className: 'emissions' },
    h('p', { className: 'big', id: 'result-co2e' }, h('strong', {}, formatGrams(em.gCO2e)), ' CO2e'),
    h('p', {}, `${formatWh(v.summary.energy.totalJ)} × PUE ${em.pue} × ${Math.round(em.intensityGPerKWh)} g/kWh — ${place}`),
    h('p', { className: 'muted small' }, `source: ${em.intensitySource}`),
    h('div', { className: 'row' }, h('label', { for: 'country' }, 'Country'), country, h('button', { id: 'country-apply', className: 'secondary', onclick: apply }, 'Apply')),
    em.equivalent ? h('p', { title: em.equivalent.source }, `≈ ${em.equivalent.text}`) : false,
  );
}

function hotspotList(v: RunView, kind: 'function' | 'line', items: Hotspot[]): HTMLElement {
  if (!items.length) return h('p', { className: 'muted' }, 'No samples landed here.');
  return h(
    'ol',
    { className: 'hotspots' },
    items.map((x, index) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            className: `hotspot${x.user ? '' : ' library'}`,
            title: `${x.file}:${x.line} — ${x.seconds.toFixed(2)} s sampled`,
            onclick: () => post({ type: 'open', runId: v.summary.id, kind, index }),
          },
          h('span', { className: 'bar', 'aria-hidden': 'true' }, h('span', { className: `fill w${Math.min(20, Math.round(x.share * 20))}` })),
          h('span', { className: 'name' }, kind === 'function' ? x.name : `${x.relPath.split(/[\\/]/).pop()}:${x.line}`),
          h('span', { className: 'where muted' }, kind === 'function' ? `${x.relPath.split(/[\\/]/).pop()}:${x.line}` : x.name),
          h('span', { className: 'share' }, formatShare(x.share)),
          h('span', { className: 'joules muted' }, formatJoules(x.energyJ)),
        ),
      ),
    ),
  );
}

function whereSection(v: RunView): HTMLElement {
  const a = v.attribution;
  if (!a) return section('Where the energy went', 'where-title', h('p', { className: 'muted' }, v.attributionNote ?? 'No attribution for this run.'));
  const tabs = h(
    'div',
    { className: 'tabs', role: 'tablist' },
    (['functions', 'lines'] as const).map((t) =>
      h(
        'button',
        {
          id: `tab-${t}`,
          role: 'tab',
          'aria-selected': String(tab === t),
          className: tab === t ? 'tab selected' : 'tab',
          onclick: () => {
            tab = t;
            persist();
            render();
          },
        },
        t === 'functions' ? 'Functions' : 'Lines',
      ),
    ),
  );
  return section(
    'Where the energy went',
    'where-title',
    h('p', { className: 'muted small' }, `${a.samples} stack samples over ${a.sampledS.toFixed(1)} s, weighted by time; each share of time is that share of the measured energy.`),
    tabs,
    h('div', { role: 'tabpanel', 'aria-labelledby': `tab-${tab}` }, hotspotList(v, tab === 'functions' ? 'function' : 'line', tab === 'functions' ? a.functions : a.lines)),
    state.hintsShown ? h('button', { id: 'clear-hints', className: 'link', onclick: () => post({ type: 'clearHints' }) }, icon('clear-all'), ' Clear the hints in the editor') : false,
    v.attributionNote ? h('p', { className: 'muted small' }, v.attributionNote) : false,
  );
}

function kwh(k: number): string {
  return formatWh(k * 3.6e6);
}

/** A team's CodeCarbon logs: totals, cumulative CO2e per project over time, the projects. */
function teamSection(t: TeamView): HTMLElement {
  const chartEl = h('div', { className: 'chart', role: 'img', 'aria-label': 'Cumulative CO2e over time per project' });
  teamChart?.destroy();
  teamChart = undefined;
  if (t.days.length) queueMicrotask(() => (teamChart = new TeamChart(chartEl, t)));
  return section(
    'Team emissions (CodeCarbon logs)',
    'team-title',
    h('p', { className: 'big', id: 'team-total' }, h('strong', {}, formatGrams(t.emissionsKg * 1000)), ` CO2e · ${kwh(t.energyKWh)} · ${t.runs} run${t.runs === 1 ? '' : 's'} · ${formatSeconds(t.durationS)} of compute`),
    h('p', { className: 'muted small' }, `${t.files.length} file${t.files.length === 1 ? '' : 's'}; CodeCarbon's own figures (each run at the intensity it used)`),
    t.days.length ? chartEl : h('p', { className: 'muted' }, 'The logs have no dates to chart.'),
    h(
      'div',
      { className: 'scroll' },
      h(
        'table',
        { className: 'breakdown', id: 'team-projects' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'project'), h('th', { scope: 'col', className: 'num' }, 'runs'), h('th', { scope: 'col', className: 'num' }, 'energy'), h('th', { scope: 'col', className: 'num' }, 'CO2e'), h('th', { scope: 'col' }, 'hardware'))),
        h('tbody', {}, t.projects.map((p) => h('tr', {}, h('td', {}, p.key), h('td', { className: 'num' }, String(p.runs)), h('td', { className: 'num' }, kwh(p.energyKWh)), h('td', { className: 'num' }, formatGrams(p.emissionsKg * 1000)), h('td', {}, p.hardware)))),
      ),
    ),
    t.notes.length ? h('details', {}, h('summary', {}, `Notes (${t.notes.length})`), h('ul', {}, t.notes.map((n) => h('li', {}, n)))) : false,
    h('button', { id: 'team-close', className: 'link', onclick: () => post({ type: 'closeTeam' }) }, icon('close'), ' Close'),
  );
}

/** A cluster job's pods (or another report's rows), and the metric and PromQL behind each figure. */
function breakdownSection(b: Breakdown): HTMLElement {
  const num = new Set(b.numeric);
  return section(
    b.title,
    'breakdown-title',
    h(
      'div',
      { className: 'scroll' },
      h(
        'table',
        { className: 'breakdown', id: 'breakdown' },
        h('thead', {}, h('tr', {}, b.columns.map((c, i) => h('th', { scope: 'col', className: num.has(i) ? 'num' : '' }, c)))),
        h('tbody', {}, b.rows.map((r) => h('tr', {}, r.map((c, i) => h('td', { className: num.has(i) ? 'num' : '' }, c))))),
      ),
    ),
    b.queries.length
      ? h(
          'details',
          {},
          h('summary', {}, `How each figure was obtained (${b.queries.length} quer${b.queries.length === 1 ? 'y' : 'ies'})`),
          h('ul', { className: 'queries' }, b.queries.map((q) => h('li', {}, h('span', {}, `${q.figure}: `), h('code', {}, q.promql)))),
        )
      : false,
  );
}

function resultSection(v: RunView): HTMLElement {
  const s = v.summary;
  const chartEl = h('div', { className: 'chart', role: 'img', 'aria-label': 'Power over time per component' });
  resultChart?.destroy();
  resultChart = new PowerChart(chartEl, v.gpuNames);
  queueMicrotask(() => resultChart?.set(v.points));
  const p = v.projection;
  return section(
    `${s.relPath}`,
    'result-title',
    h(
      'p',
      { className: 'muted small', id: 'result-meta' },
      `${new Date(s.startedAt).toLocaleString()} · ${formatSeconds(s.durationS)} · ${outcome(s)}${s.commit ? ` · ${s.commit.slice(0, 8)}${s.dirty ? ' (modified)' : ''}` : ''}`,
    ),
    h('p', { className: 'big', id: 'result-total' }, h('strong', {}, formatJoules(s.energy.totalJ)), ` (${formatWh(s.energy.totalJ)}) · mean ${formatWatts(s.durationS > 0 ? s.energy.totalJ / s.durationS : 0)}`),
    h('div', { className: 'pair' }, energyTable(v), emissionsBlock(v)),
    p ? h('p', { className: 'projection' }, icon('graph-line'), ` Full run ≈ ${formatJoules(p.energyJ)}, ${formatGrams(p.gCO2e)} CO2e — ${(p.fraction * 100).toFixed(0)} % done when stopped (${p.basis})`) : false,
    h('button', { id: 'how', className: 'link', onclick: () => post({ type: 'howWeMeasure' }) }, icon('question'), ' How we measure'),
    chartEl,
    v.stderrTail ? h('details', {}, h('summary', {}, 'The script failed: end of its standard error'), h('pre', {}, v.stderrTail)) : false,
    v.notes.length ? h('details', {}, h('summary', {}, `Notes (${v.notes.length})`), h('ul', {}, v.notes.map((n) => h('li', {}, n)))) : false,
  );
}

function historyRow(r: RunSummary): HTMLElement {
  const picked = state.compare.includes(r.id);
  const shown = state.view?.summary.id === r.id;
  return h(
    'li',
    { className: shown ? 'run shown' : 'run' },
    h('input', {
      type: 'checkbox',
      id: `cmp-${r.id}`,
      checked: picked,
      'aria-label': `Compare the run of ${r.relPath} at ${new Date(r.startedAt).toLocaleString()}`,
      onchange: () => {
        state = toggleCompare(state, r.id);
        persist();
        render();
      },
    }),
    h(
      'button',
      { className: 'run-main', id: `show-${r.id}`, onclick: () => post({ type: 'select', runId: r.id }), title: `Show this run${r.commit ? ` (commit ${r.commit})` : ''}` },
      h('span', { className: 'name' }, r.relPath.split(/[\\/]/).pop() ?? r.relPath),
      h('span', { className: 'muted small' }, `${new Date(r.startedAt).toLocaleString()} · ${formatSeconds(r.durationS)} · ${outcome(r)}`),
      h('span', { className: 'figures' }, `${formatJoules(r.energy.totalJ)} · ${formatGrams(r.gCO2e)}`),
    ),
    h(
      'span',
      { className: 'actions' },
      h('button', { className: 'icon', title: 'Export as JSON', 'aria-label': 'Export as JSON', onclick: () => post({ type: 'export', runId: r.id, format: 'json' }) }, icon('json')),
      h('button', { className: 'icon', title: 'Export as CodeCarbon CSV', 'aria-label': 'Export as CodeCarbon CSV', onclick: () => post({ type: 'export', runId: r.id, format: 'csv' }) }, icon('table')),
      h('button', { className: 'icon', title: 'Delete this run', 'aria-label': 'Delete this run', onclick: () => post({ type: 'deleteRun', runId: r.id }) }, icon('trash')),
    ),
  );
}

function compareBlock(): HTMLElement | false {
  if (state.compare.length !== 2) return state.history.length > 1 ? h('p', { className: 'muted small' }, 'Tick two runs to compare them (before/after of a change).') : false;
  const [a, b] = state.compare.map((id) => state.history.find((r) => r.id === id));
  if (!a || !b) return false;
  const c = compareRuns(a, b);
  const cls = (p: number | undefined) => (p === undefined ? '' : p < -0.5 ? 'better' : p > 0.5 ? 'worse' : '');
  return h(
    'div',
    { className: 'compare', id: 'compare' },
    h('h3', {}, 'Before → after'),
    h(
      'div',
      { className: 'scroll' },
      h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col', className: 'num' }, 'before'), h('th', { scope: 'col', className: 'num' }, 'after'), h('th', { scope: 'col', className: 'num' }, 'Δ'))),
      h(
        'tbody',
        {},
        c.components.map((d) =>
          h(
            'tr',
            { className: d.component === 'total' ? 'total' : '' },
            h('th', { scope: 'row' }, d.component),
            h('td', { className: 'num' }, formatJoules(d.beforeJ)),
            h('td', { className: 'num' }, formatJoules(d.afterJ)),
            h('td', { className: `num ${cls(d.deltaPct)}` }, formatPct(d.deltaPct, true)),
          ),
        ),
        h('tr', {}, h('th', { scope: 'row' }, 'time'), h('td', { className: 'num' }, formatSeconds(c.before.durationS)), h('td', { className: 'num' }, formatSeconds(c.after.durationS)), h('td', { className: `num ${cls(c.deltaTimePct)}` }, formatPct(c.deltaTimePct, true))),
        h('tr', {}, h('th', { scope: 'row' }, 'CO2e'), h('td', { className: 'num' }, formatGrams(c.before.gCO2e)), h('td', { className: 'num' }, formatGrams(c.after.gCO2e)), h('td', { className: `num ${cls(c.deltaCO2ePct)}` }, formatPct(c.deltaCO2ePct, true))),
      ),
      ),
    ),
    state.compareNote ? h('p', { className: 'compare-note' }, state.compareNote) : false,
    c.partial && !state.compareNote ? h('p', { className: 'muted small' }, `A run was stopped before its end, so totals cover different work; mean power changed by ${formatPct(c.deltaPowerPct, true)}.`) : false,
    c.differentScripts && !state.compareNote ? h('p', { className: 'muted small' }, 'These are runs of different scripts.') : false,
  );
}

function historySection(): HTMLElement {
  return section(
    'History',
    'history-title',
    state.history.length ? h('ul', { className: 'history' }, state.history.map(historyRow)) : h('p', { className: 'muted' }, 'Runs you profile are kept here, per workspace.'),
    compareBlock(),
  );
}

function render(): void {
  const focused = document.activeElement?.id;
  const children: (Node | false)[] = [controls(), ...banners()];
  if (!loaded) children.push(h('p', { className: 'muted' }, 'Loading…'));
  const live = liveSection();
  if (!live) {
    liveChart?.destroy();
    liveChart = undefined;
  }
  children.push(live);
  if (state.team) children.push(teamSection(state.team));
  else {
    teamChart?.destroy();
    teamChart = undefined;
  }
  if (state.view) children.push(resultSection(state.view), state.view.breakdown ? breakdownSection(state.view.breakdown) : whereSection(state.view));
  else {
    resultChart?.destroy();
    resultChart = undefined;
    if (!state.live && loaded) children.push(h('p', { className: 'muted intro' }, 'Open a script and press Profile: Frugal ML runs it for a bounded time and shows its power, energy and CO2e, where the energy went, and how it compares with earlier runs.'));
  }
  children.push(historySection());
  root.replaceChildren(...children.filter((c): c is Node => !!c));
  if (focused) document.getElementById(focused)?.focus();
}

// --- Messages ------------------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent) => {
  const msg = parseHostMessage(event.data);
  if (!msg) {
    console.warn('Frugal ML panel: ignored a message that is not part of the protocol', event.data);
    return;
  }
  state = reduce(state, msg);
  if (msg.type === 'init') loaded = true;
  persist();
  if (msg.type === 'sample') {
    updateLive();
    return;
  }
  render();
  // Tell the host which final result is on screen (tests and the command's callers rely on it).
  const shown = msg.type === 'runEnded' || msg.type === 'show' || msg.type === 'init' ? state.view?.summary.id : undefined;
  if (shown) post({ type: 'rendered', runId: shown, phase: 'result' });
  // After the charts (built in microtasks) have taken their height.
  if (msg.type === 'compare') requestAnimationFrame(() => document.getElementById('compare')?.scrollIntoView({ block: 'end' }));
  if (msg.type === 'runStarted' || msg.type === 'runEnded') requestAnimationFrame(() => window.scrollTo(0, 0));
  if (msg.type === 'runStarted') post({ type: 'rendered', runId: msg.run.id, phase: 'live' });
});

// Chart colours come from the theme: redraw when VS Code switches it (the body's class changes).
new MutationObserver(() => {
  liveChart?.retheme();
  resultChart?.retheme();
  teamChart?.build();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

render();
post({ type: 'ready' });

// The panel's state machine (what the webview shows, as a pure function of the host's messages and
// the user's selections), the comparison of two runs, and number formatting for people.
import type { ActiveFile, LiveRunInfo, LiveSampleView, RunSummary, RunView, TeamView } from './model';
import type { HostMessage } from './protocol';

export interface PanelState {
  trusted: boolean;
  /** The duration the next run gets (the setting until the user changes it here). */
  durationS: number;
  durationEdited: boolean;
  country: string;
  active?: ActiveFile;
  hintsShown: boolean;
  live?: { run: LiveRunInfo; points: LiveSampleView[] };
  view?: RunView;
  history: RunSummary[];
  /** Up to two run ids picked for comparison, oldest pick first. */
  compare: string[];
  /** What the host said about the compared pair (a measured fix: the basis and the noise). */
  compareNote?: string;
  error?: string;
  notice?: string;
  team?: TeamView;
}

/** Points kept for the live chart; older ones are thinned beyond this. */
export const MAX_LIVE_POINTS = 1200;

export function initialState(): PanelState {
  return { trusted: true, durationS: 30, durationEdited: false, country: '', hintsShown: false, history: [], compare: [] };
}

function thin<T>(points: T[]): T[] {
  if (points.length <= MAX_LIVE_POINTS) return points;
  const last = points[points.length - 1];
  return [...points.slice(0, -1).filter((_, i) => i % 2 === 0), last];
}

/** The state after a host message. */
export function reduce(state: PanelState, msg: HostMessage): PanelState {
  switch (msg.type) {
    case 'init': {
      const s = msg.state;
      const ids = new Set(s.history.map((r) => r.id));
      return {
        ...state,
        trusted: s.trusted,
        durationS: state.durationEdited ? state.durationS : s.durationS,
        country: s.country,
        active: s.active,
        hintsShown: s.hintsShown,
        live: s.live,
        view: s.view ?? (state.view && ids.has(state.view.summary.id) ? state.view : undefined),
        history: s.history,
        compare: state.compare.filter((id) => ids.has(id)),
        error: undefined,
        team: s.team,
      };
    }
    case 'team':
      return { ...state, team: msg.team };
    case 'active':
      return { ...state, active: msg.active };
    case 'trust':
      return { ...state, trusted: msg.trusted };
    case 'hints':
      return { ...state, hintsShown: msg.shown };
    case 'settings':
      return { ...state, country: msg.country, durationS: state.durationEdited ? state.durationS : msg.durationS };
    case 'runStarted':
      return { ...state, live: { run: msg.run, points: [] }, error: undefined, notice: undefined };
    case 'sample':
      if (!state.live || state.live.run.id !== msg.runId) return state;
      return { ...state, live: { run: state.live.run, points: thin([...state.live.points, msg.sample]) } };
    case 'runEnded':
      return { ...state, live: state.live?.run.id === msg.runId ? undefined : state.live, view: msg.view };
    case 'runFailed':
      return { ...state, live: msg.runId && state.live?.run.id !== msg.runId ? state.live : undefined, error: msg.message };
    case 'history': {
      const ids = new Set(msg.runs.map((r) => r.id));
      const view = state.view && ids.has(state.view.summary.id) ? { ...state.view, summary: msg.runs.find((r) => r.id === state.view!.summary.id)! } : undefined;
      return { ...state, history: msg.runs, compare: state.compare.filter((id) => ids.has(id)), view };
    }
    case 'show':
      return { ...state, view: msg.view, error: undefined };
    case 'notice':
      return { ...state, notice: msg.message };
    case 'compare':
      return { ...state, compare: msg.runIds.filter((id) => state.history.some((r) => r.id === id)), compareNote: msg.note };
  }
}

/** Picks or unpicks a run for comparison; a third pick drops the oldest. */
export function toggleCompare(state: PanelState, id: string): PanelState {
  if (state.compare.includes(id)) return { ...state, compare: state.compare.filter((x) => x !== id), compareNote: undefined };
  if (!state.history.some((r) => r.id === id)) return state;
  return { ...state, compare: [...state.compare, id].slice(-2), compareNote: undefined };
}

export function setDuration(state: PanelState, durationS: number): PanelState {
  if (!Number.isFinite(durationS) || durationS <= 0) return state;
  return { ...state, durationS, durationEdited: true };
}

export interface ComponentDelta {
  component: 'CPU' | 'GPU' | 'RAM' | 'total';
  beforeJ: number;
  afterJ: number;
  /** Relative change in %, undefined when `before` is zero. */
  deltaPct?: number;
}

export interface Comparison {
  before: RunSummary;
  after: RunSummary;
  components: ComponentDelta[];
  deltaTimeS: number;
  deltaTimePct?: number;
  deltaCO2ePct?: number;
  /** Energy per second of run, so runs of different lengths (stopped at --duration) compare fairly. */
  deltaPowerPct?: number;
  /** The two runs are of different scripts. */
  differentScripts: boolean;
  /** Either run was stopped before its end, so totals cover different amounts of work. */
  partial: boolean;
}

/** Ran to its end: a script that exited, or a cluster job's whole window. */
const complete = (r: RunSummary): boolean => r.stoppedBy === 'exit' || r.stoppedBy === 'window';

const pct = (before: number, after: number): number | undefined => (before > 0 ? ((after - before) / before) * 100 : undefined);

/** Before/after of two runs, the earlier one first. */
export function compareRuns(x: RunSummary, y: RunSummary): Comparison {
  const [before, after] = Date.parse(x.startedAt) <= Date.parse(y.startedAt) ? [x, y] : [y, x];
  const comp = (component: ComponentDelta['component'], key: 'cpuJ' | 'gpuJ' | 'ramJ' | 'totalJ'): ComponentDelta => ({
    component,
    beforeJ: before.energy[key],
    afterJ: after.energy[key],
    deltaPct: pct(before.energy[key], after.energy[key]),
  });
  const power = (r: RunSummary) => (r.durationS > 0 ? r.energy.totalJ / r.durationS : 0);
  return {
    before,
    after,
    components: [comp('CPU', 'cpuJ'), comp('GPU', 'gpuJ'), comp('RAM', 'ramJ'), comp('total', 'totalJ')],
    deltaTimeS: after.durationS - before.durationS,
    deltaTimePct: pct(before.durationS, after.durationS),
    deltaCO2ePct: pct(before.gCO2e, after.gCO2e),
    deltaPowerPct: pct(power(before), power(after)),
    differentScripts: before.script !== after.script,
    partial: !complete(before) || !complete(after),
  };
}

/** The latest run of `script` in a history list (newest first or not). */
export function latestRunOf(history: RunSummary[], script: string): RunSummary | undefined {
  let best: RunSummary | undefined;
  for (const r of history) if (r.script === script && (!best || Date.parse(r.startedAt) > Date.parse(best.startedAt))) best = r;
  return best;
}

// --- Formatting ---------------------------------------------------------------------------------

export { formatGrams, formatJoules } from '../../profile/report/units';

/** Watt-hours, always, for the "J and Wh" pair. */
export function formatWh(j: number): string {
  const wh = j / 3600;
  if (wh >= 1000) return `${(wh / 1000).toFixed(3)} kWh`;
  if (wh >= 1) return `${wh.toFixed(2)} Wh`;
  if (wh >= 0.001) return `${(wh * 1000).toFixed(2)} mWh`;
  return `${(wh * 1e6).toFixed(2)} µWh`;
}

export function formatWatts(w: number): string {
  return w >= 100 ? `${w.toFixed(0)} W` : w >= 1 ? `${w.toFixed(1)} W` : `${w.toFixed(2)} W`;
}

export function formatSeconds(s: number): string {
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
  if (s >= 60) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${s.toFixed(1)} s`;
}

export function formatPct(p: number | undefined, signed = false): string {
  if (p === undefined || !Number.isFinite(p)) return '—';
  const sign = signed && p > 0 ? '+' : p < 0 ? '−' : '';
  const a = Math.abs(p);
  return `${sign}${a >= 10 ? a.toFixed(0) : a.toFixed(1)} %`;
}

export function formatShare(share: number): string {
  const p = share * 100;
  return p >= 10 ? `${p.toFixed(0)} %` : p >= 1 ? `${p.toFixed(1)} %` : '< 1 %';
}

/** How a run ended, in a few words. */
export function outcome(r: Pick<RunSummary, 'exitCode' | 'signal' | 'stoppedBy'>): string {
  switch (r.stoppedBy) {
    case 'duration':
      return 'stopped at the time limit';
    case 'cancel':
      return 'stopped';
    case 'signal':
      return 'interrupted';
    case 'window':
      return 'cluster job, read from Prometheus';
    default:
      return r.signal ? `ended by ${r.signal}` : r.exitCode === 0 ? 'finished' : `failed (exit code ${r.exitCode})`;
  }
}

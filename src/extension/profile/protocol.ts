// The Energy Profile panel's message protocol, both directions, with validators used on both
// sides: the host drops any webview message that is not exactly one of these shapes, and the
// webview ignores host messages it cannot read. No `vscode`, no DOM.
import type { ActiveFile, LiveRunInfo, LiveSampleView, RunSummary, RunView, TeamView } from './model';

export interface PanelSnapshot {
  trusted: boolean;
  durationS: number;
  /** ISO 3166 code from the `frugal.country` setting; empty: from the time zone. */
  country: string;
  active?: ActiveFile;
  live?: { run: LiveRunInfo; points: LiveSampleView[] };
  view?: RunView;
  history: RunSummary[];
  hintsShown: boolean;
  /** A team's CodeCarbon totals, while shown. */
  team?: TeamView;
}

/** Host → webview. */
export type HostMessage =
  | { type: 'init'; state: PanelSnapshot }
  | { type: 'active'; active?: ActiveFile }
  | { type: 'trust'; trusted: boolean }
  | { type: 'settings'; durationS: number; country: string }
  | { type: 'runStarted'; run: LiveRunInfo }
  | { type: 'sample'; runId: string; sample: LiveSampleView }
  | { type: 'runEnded'; runId: string; view: RunView }
  | { type: 'runFailed'; runId?: string; message: string }
  | { type: 'history'; runs: RunSummary[] }
  | { type: 'show'; view: RunView }
  | { type: 'hints'; shown: boolean }
  /** Pick these two runs for the before/after comparison. */
  | { type: 'compare'; runIds: [string, string]; note?: string }
  | { type: 'notice'; message: string }
  /** Shows a team's CodeCarbon totals; without `team`, hides them. */
  | { type: 'team'; team?: TeamView };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'start'; durationS: number }
  | { type: 'stop' }
  | { type: 'open'; runId: string; kind: 'function' | 'line'; index: number }
  | { type: 'select'; runId: string }
  | { type: 'export'; runId: string; format: 'json' | 'csv' }
  | { type: 'setCountry'; runId: string; country: string }
  | { type: 'clearHints' }
  | { type: 'deleteRun'; runId: string }
  | { type: 'howWeMeasure' }
  | { type: 'closeTeam' }
  | { type: 'rendered'; runId: string; phase: 'live' | 'result' };

export const MAX_DURATION_S = 24 * 3600;
const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** ISO 3166 alpha-2 or alpha-3, or empty for "from the time zone". */
const COUNTRY = /^(?:[A-Za-z]{2,3})?$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length <= max;
const isRunId = (v: unknown): v is string => typeof v === 'string' && RUN_ID.test(v);

/** True when `o` has exactly these keys (optional ones may be missing). */
function keys(o: Obj, required: string[], optional: string[] = []): boolean {
  const allowed = new Set([...required, ...optional]);
  return required.every((k) => k in o) && Object.keys(o).every((k) => allowed.has(k));
}

/** The message if it is exactly one of the webview's shapes, else undefined. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isObj(raw) || typeof raw.type !== 'string') return undefined;
  const m = raw;
  switch (m.type) {
    case 'ready':
    case 'stop':
    case 'clearHints':
    case 'howWeMeasure':
    case 'closeTeam':
      return keys(m, ['type']) ? { type: m.type } : undefined;
    case 'start':
      return keys(m, ['type', 'durationS']) && isNum(m.durationS) && m.durationS > 0 && m.durationS <= MAX_DURATION_S ? { type: 'start', durationS: m.durationS } : undefined;
    case 'open':
      return keys(m, ['type', 'runId', 'kind', 'index']) && isRunId(m.runId) && (m.kind === 'function' || m.kind === 'line') && Number.isInteger(m.index) && (m.index as number) >= 0 && (m.index as number) < 10_000
        ? { type: 'open', runId: m.runId, kind: m.kind, index: m.index as number }
        : undefined;
    case 'select':
    case 'deleteRun':
      return keys(m, ['type', 'runId']) && isRunId(m.runId) ? { type: m.type, runId: m.runId } : undefined;
    case 'export':
      return keys(m, ['type', 'runId', 'format']) && isRunId(m.runId) && (m.format === 'json' || m.format === 'csv') ? { type: 'export', runId: m.runId, format: m.format } : undefined;
    case 'setCountry':
      return keys(m, ['type', 'runId', 'country']) && isRunId(m.runId) && typeof m.country === 'string' && COUNTRY.test(m.country.trim())
        ? { type: 'setCountry', runId: m.runId, country: m.country.trim().toUpperCase() }
        : undefined;
    case 'rendered':
      return keys(m, ['type', 'runId', 'phase']) && isRunId(m.runId) && (m.phase === 'live' || m.phase === 'result') ? { type: 'rendered', runId: m.runId, phase: m.phase } : undefined;
    default:
      return undefined;
  }
}

function isEnergy(v: unknown): boolean {
  return isObj(v) && isNum(v.cpuJ) && isNum(v.gpuJ) && isNum(v.ramJ) && isNum(v.totalJ);
}

export function isRunSummary(v: unknown): v is RunSummary {
  return (
    isObj(v) &&
    isRunId(v.id) &&
    isStr(v.script) &&
    isStr(v.relPath) &&
    isStr(v.startedAt, 64) &&
    isNum(v.durationS) &&
    (v.exitCode === null || isNum(v.exitCode)) &&
    isStr(v.stoppedBy, 32) &&
    isEnergy(v.energy) &&
    isNum(v.gCO2e) &&
    isNum(v.intensityGPerKWh) &&
    isStr(v.place, 200) &&
    isObj(v.methods) &&
    isStr(v.methods.cpu, 64) &&
    isStr(v.methods.gpu, 64) &&
    isStr(v.methods.ram, 64)
  );
}

function isPoint(v: unknown): boolean {
  return isObj(v) && isNum(v.t) && isNum(v.cpuW) && isNum(v.ramW) && isNum(v.gpuW) && (v.gpus === undefined || (Array.isArray(v.gpus) && v.gpus.every(isNum)));
}

function isLiveSample(v: unknown): v is LiveSampleView {
  return isPoint(v) && isNum((v as Obj).energyJ);
}

function isHotspotList(v: unknown): boolean {
  return Array.isArray(v) && v.every((h) => isObj(h) && isStr(h.file) && isStr(h.relPath) && isNum(h.line) && isStr(h.name, 500) && isNum(h.share) && isNum(h.energyJ));
}

export function isRunView(v: unknown): v is RunView {
  if (!isObj(v) || !isRunSummary(v.summary) || !isObj(v.methods) || !isObj(v.emissions) || !Array.isArray(v.points) || !Array.isArray(v.notes)) return false;
  const methodsOk = ['cpu', 'gpu', 'ram'].every((c) => {
    const m = (v.methods as Obj)[c];
    return isObj(m) && isStr(m.id, 64) && isStr(m.label) && typeof m.estimated === 'boolean';
  });
  const e = v.emissions;
  const attributionOk = v.attribution === undefined || (isObj(v.attribution) && isHotspotList(v.attribution.functions) && isHotspotList(v.attribution.lines));
  return methodsOk && isNum(e.gCO2e) && isNum(e.intensityGPerKWh) && isStr(e.intensitySource) && v.points.every(isPoint) && v.notes.every((n) => isStr(n)) && attributionOk && (v.breakdown === undefined || isBreakdown(v.breakdown));
}

const isStrList = (v: unknown, max = 4096): v is string[] => Array.isArray(v) && v.length <= 1000 && v.every((x) => isStr(x, max));

function isBreakdown(v: unknown): boolean {
  return (
    isObj(v) &&
    isStr(v.title, 200) &&
    isStrList(v.columns, 200) &&
    Array.isArray(v.rows) &&
    v.rows.length <= 1000 &&
    v.rows.every((r) => isStrList(r)) &&
    Array.isArray(v.numeric) &&
    v.numeric.every((n) => Number.isInteger(n)) &&
    Array.isArray(v.queries) &&
    v.queries.every((q) => isObj(q) && isStr(q.figure, 200) && isStr(q.promql))
  );
}

export function isTeamView(v: unknown): v is TeamView {
  if (!isObj(v) || !isStrList(v.files) || !isNum(v.runs) || !isNum(v.durationS) || !isNum(v.energyKWh) || !isNum(v.emissionsKg) || !isStrList(v.days, 10) || !isStrList(v.notes)) return false;
  const projectsOk = Array.isArray(v.projects) && v.projects.length <= 1000 && v.projects.every((p) => isObj(p) && isStr(p.key, 500) && isNum(p.runs) && isNum(p.energyKWh) && isNum(p.emissionsKg) && isStr(p.hardware));
  const days = (v.days as string[]).length;
  const seriesOk = Array.isArray(v.series) && v.series.length <= 10 && v.series.every((s) => isObj(s) && isStr(s.project, 500) && Array.isArray(s.cumulativeKg) && s.cumulativeKg.length === days && s.cumulativeKg.every(isNum));
  return projectsOk && seriesOk;
}

function isActive(v: unknown): boolean {
  return v === undefined || (isObj(v) && isStr(v.path) && isStr(v.relPath) && typeof v.profilable === 'boolean');
}

function isLiveRun(v: unknown): v is LiveRunInfo {
  return isObj(v) && isRunId(v.id) && isStr(v.script) && isStr(v.relPath) && isNum(v.durationS) && isStr(v.startedAt, 64);
}

/** The message if the webview can read it, else undefined. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isObj(raw) || typeof raw.type !== 'string') return undefined;
  const m = raw;
  const ok = (() => {
    switch (m.type) {
      case 'init': {
        const s = m.state;
        return (
          isObj(s) &&
          typeof s.trusted === 'boolean' &&
          isNum(s.durationS) &&
          isStr(s.country, 3) &&
          isActive(s.active) &&
          (s.live === undefined || (isObj(s.live) && isLiveRun(s.live.run) && Array.isArray(s.live.points) && s.live.points.every(isLiveSample))) &&
          (s.view === undefined || isRunView(s.view)) &&
          Array.isArray(s.history) &&
          s.history.every(isRunSummary) &&
          typeof s.hintsShown === 'boolean' &&
          (s.team === undefined || isTeamView(s.team))
        );
      }
      case 'active':
        return isActive(m.active);
      case 'trust':
        return typeof m.trusted === 'boolean';
      case 'hints':
        return typeof m.shown === 'boolean';
      case 'compare':
        return Array.isArray(m.runIds) && m.runIds.length === 2 && m.runIds.every(isRunId) && (m.note === undefined || isStr(m.note));
      case 'settings':
        return isNum(m.durationS) && isStr(m.country, 3);
      case 'runStarted':
        return isLiveRun(m.run);
      case 'sample':
        return isRunId(m.runId) && isLiveSample(m.sample);
      case 'runEnded':
        return isRunId(m.runId) && isRunView(m.view);
      case 'runFailed':
        return (m.runId === undefined || isRunId(m.runId)) && isStr(m.message);
      case 'history':
        return Array.isArray(m.runs) && m.runs.every(isRunSummary);
      case 'show':
        return isRunView(m.view);
      case 'notice':
        return isStr(m.message);
      case 'team':
        return m.team === undefined || isTeamView(m.team);
      default:
        return false;
    }
  })();
  return ok ? (m as unknown as HostMessage) : undefined;
}

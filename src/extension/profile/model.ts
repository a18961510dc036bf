// The Energy Profile panel's data: what a run looks like in history, in the live chart and in the
// result view. Plain data shared by the extension host and the webview (no `vscode`, no DOM).

export interface EnergyJ {
  cpuJ: number;
  gpuJ: number;
  ramJ: number;
  totalJ: number;
}

/** One run as kept in the history list: enough to show it and to compare it with another. */
export interface RunSummary {
  id: string;
  /** Absolute path of the script. */
  script: string;
  /** The script relative to its workspace folder (or its base name outside any). */
  relPath: string;
  commit?: string;
  /** The script had uncommitted changes when it ran. */
  dirty?: boolean;
  startedAt: string;
  durationS: number;
  exitCode: number | null;
  signal?: string;
  stoppedBy: string;
  energy: EnergyJ;
  gCO2e: number;
  intensityGPerKWh: number;
  /** Where the intensity applies, for people: "France", "FRA", "world average". */
  place: string;
  /** Method ids per component (`rapl`, `tdp-estimate`, `nvidia-smi`, `ram-model`, `none`, …). */
  methods: { cpu: string; gpu: string; ram: string };
}

/** A function or line and its share of the run's sampled time, hence of its energy. */
export interface Hotspot {
  file: string;
  /** Workspace-relative path (or the path itself outside the workspace). */
  relPath: string;
  line: number;
  /** Function name; for a line, the function it is in. */
  name: string;
  share: number;
  energyJ: number;
  seconds: number;
  /** False for the standard library and installed packages. */
  user: boolean;
}

export interface Attribution {
  samples: number;
  sampledS: number;
  intervalMs: number;
  functions: Hotspot[];
  lines: Hotspot[];
}

export interface MethodView {
  id: string;
  scope: string;
  estimated: boolean;
  label: string;
}

/** A point of the live chart and of a finished run's chart. */
export interface PowerPoint {
  t: number;
  cpuW: number;
  ramW: number;
  /** Total GPU power, and per GPU when known (index order). */
  gpuW: number;
  gpus?: number[];
}

/** A table beside a run's totals, e.g. a cluster job's pods, with how each figure was obtained. */
export interface Breakdown {
  title: string;
  columns: string[];
  /** Cells as shown (already formatted). */
  rows: string[][];
  /** Indices of the columns aligned right (numbers). */
  numeric: number[];
  /** The metric and PromQL behind each figure. */
  queries: { figure: string; promql: string }[];
}

/** Everything the result view shows about one finished run. */
export interface RunView {
  summary: RunSummary;
  methods: { cpu: MethodView; gpu: MethodView; ram: MethodView };
  emissions: {
    gCO2e: number;
    intensityGPerKWh: number;
    intensitySource: string;
    pue: number;
    location: string;
    countryIso3?: string;
    countryName?: string;
    region?: string;
    equivalent?: { text: string; source: string };
  };
  projection?: { fraction: number; energyJ: number; gCO2e: number; basis: string };
  notes: string[];
  gpuNames: string[];
  points: PowerPoint[];
  attribution?: Attribution;
  /** Why there is no attribution (not Python, probe off, probe failed). */
  attributionNote?: string;
  stderrTail?: string;
  /** Rows under the totals (a cluster job's pods); shown instead of "Where the energy went". */
  breakdown?: Breakdown;
}

/** A team's CodeCarbon logs, totalled (src/report/codecarbon.ts), for the panel. */
export interface TeamView {
  files: string[];
  runs: number;
  durationS: number;
  energyKWh: number;
  emissionsKg: number;
  /** Per project, largest emissions first. */
  projects: { key: string; runs: number; energyKWh: number; emissionsKg: number; hardware: string }[];
  /** Days (YYYY-MM-DD) of the chart, in order. */
  days: string[];
  /** Cumulative kg CO2e per day, for the largest projects (and the rest together). */
  series: { project: string; cumulativeKg: number[] }[];
  notes: string[];
}

export interface LiveRunInfo {
  id: string;
  script: string;
  relPath: string;
  durationS: number;
  startedAt: string;
}

export interface LiveSampleView extends PowerPoint {
  energyJ: number;
  progress?: { fraction: number; done: number; total: number };
}

/** The file the panel would profile now. */
export interface ActiveFile {
  path: string;
  relPath: string;
  profilable: boolean;
}

export const PROFILABLE_EXTENSIONS = ['.py', '.pyw', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

export function isProfilable(file: string): boolean {
  const dot = file.lastIndexOf('.');
  return dot >= 0 && PROFILABLE_EXTENSIONS.includes(file.slice(dot).toLowerCase());
}

const MAIN_GUARD = /^if\s+__name__\s*==\s*(['"])__main__\1\s*:/;

/** 0-based lines of the module-level `if __name__ == "__main__":` guards in Python source. */
export function mainGuardLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => MAIN_GUARD.test(line) && out.push(i));
  return out;
}

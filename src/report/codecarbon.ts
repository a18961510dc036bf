// A team's CodeCarbon logs (`emissions.csv`, from any CodeCarbon version and any number of
// machines) read by their header, and totalled by project, experiment, run or day. CodeCarbon's
// units: duration s, emissions kg CO2e, energy kWh. Rows are cumulative per run (a run flushed
// three times writes three rows with the same run_id), so each run counts once, with its last row.
import { readFileSync } from 'node:fs';
import { parseCsv } from './csv';

export type GroupBy = 'project' | 'experiment' | 'run' | 'day';

export interface EmissionsRun {
  file: string;
  line: number;
  timestamp?: string;
  day?: string;
  project: string;
  experiment: string;
  run: string;
  durationS: number;
  /** kg CO2e; undefined when the row has none. */
  emissionsKg?: number;
  energyKWh?: number;
  cpuKWh?: number;
  gpuKWh?: number;
  ramKWh?: number;
  country?: string;
  region?: string;
  cloud?: string;
  machine: string;
  gpuModel?: string;
  cpuModel?: string;
  codecarbonVersion?: string;
  pue?: number;
}

export interface FileSummary {
  file: string;
  columns: number;
  /** CodeCarbon versions named in its rows (`codecarbon_version`), or a guess from the header. */
  versions: string[];
  rows: number;
  runs: number;
  skipped: { line: number; why: string }[];
  /** Rows replaced by a later row of the same run. */
  superseded: number;
}

export interface Totals {
  runs: number;
  durationS: number;
  energyKWh: number;
  cpuKWh: number;
  gpuKWh: number;
  ramKWh: number;
  emissionsKg: number;
  /** Runs without an emissions figure (left out of emissionsKg). */
  runsWithoutEmissions: number;
}

export interface Group extends Totals {
  key: string;
  first?: string;
  last?: string;
  machines: string[];
  gpuModels: string[];
  countries: string[];
}

export interface EmissionsReport {
  schema: 'frugal.codecarbon-report/1';
  by: GroupBy;
  files: FileSummary[];
  totals: Totals;
  groups: Group[];
  /** kg CO2e per day and project, for a chart over time. */
  timeline: { day: string; project: string; emissionsKg: number; energyKWh: number }[];
  notes: string[];
}

export class ReportError extends Error {}

/** Header names across CodeCarbon versions (and the docs' `run-id`) → one field. */
const ALIASES: Record<string, string> = { 'run-id': 'run_id', runid: 'run_id', project: 'project_name', energy: 'energy_consumed' };

const num = (v: string | undefined): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** The version a header looks like, when the rows do not say (CodeCarbon added columns over time). */
function headerEra(cols: Set<string>): string {
  if (cols.has('water_consumed')) return '3.x (header)';
  if (cols.has('experiment_id')) return '2.5–2.8 (header)';
  if (cols.has('pue')) return '2.3–2.4 (header)';
  if (cols.has('codecarbon_version')) return '2.0–2.2 (header)';
  if (cols.has('cpu_energy')) return '1.x (header)';
  return 'before 1.2 (header)';
}

export function readEmissionsText(text: string, file: string): { runs: EmissionsRun[]; summary: FileSummary } {
  const { records, unterminatedAt } = parseCsv(text);
  const summary: FileSummary = { file, columns: 0, versions: [], rows: 0, runs: 0, skipped: [], superseded: 0 };
  if (!records.length) {
    summary.skipped.push({ line: 1, why: 'empty file' });
    return { runs: [], summary };
  }
  const header = records[0].cells.map((h) => {
    const k = h.toLowerCase();
    return ALIASES[k] ?? k;
  });
  summary.columns = header.length;
  const cols = new Set(header);
  const needed = ['timestamp', 'duration'];
  const missing = needed.filter((c) => !cols.has(c));
  if (missing.length || (!cols.has('emissions') && !cols.has('energy_consumed'))) {
    throw new ReportError(`${file}: not a CodeCarbon emissions.csv (its header has no ${[...missing, ...(!cols.has('emissions') && !cols.has('energy_consumed') ? ['emissions or energy_consumed'] : [])].join(', ')})`);
  }
  if (unterminatedAt) summary.skipped.push({ line: unterminatedAt, why: 'cut off inside a quoted cell (the file was still being written?)' });
  const versions = new Set<string>();
  const byRun = new Map<string, EmissionsRun>();
  const runs: EmissionsRun[] = [];
  for (const rec of records.slice(1)) {
    summary.rows++;
    const get = (c: string) => {
      const i = header.indexOf(c);
      return i >= 0 ? rec.cells[i] : undefined;
    };
    if (rec.cells.length < header.length && rec.cells.length <= header.indexOf('duration')) {
      summary.skipped.push({ line: rec.line, why: `partial row: ${rec.cells.length} of ${header.length} cells, no duration` });
      continue;
    }
    if (rec.cells.length > header.length) {
      summary.skipped.push({ line: rec.line, why: `${rec.cells.length} cells for ${header.length} columns (an unquoted comma?)` });
      continue;
    }
    const durationS = num(get('duration'));
    const emissionsKg = num(get('emissions'));
    const cpuKWh = num(get('cpu_energy'));
    const gpuKWh = num(get('gpu_energy'));
    const ramKWh = num(get('ram_energy'));
    const parts = [cpuKWh, gpuKWh, ramKWh].filter((x): x is number => x !== undefined);
    const energyKWh = num(get('energy_consumed')) ?? (parts.length ? parts.reduce((a, b) => a + b, 0) : undefined);
    if (durationS === undefined || (emissionsKg === undefined && energyKWh === undefined)) {
      summary.skipped.push({ line: rec.line, why: durationS === undefined ? 'no duration' : 'neither emissions nor energy' });
      continue;
    }
    const version = get('codecarbon_version');
    if (version) versions.add(version);
    const timestamp = get('timestamp') || undefined;
    const gpuModel = get('gpu_model') || undefined;
    const cpuModel = get('cpu_model') || undefined;
    const os = get('os') || undefined;
    const run: EmissionsRun = {
      file,
      line: rec.line,
      ...(timestamp ? { timestamp, day: timestamp.slice(0, 10) } : {}),
      project: get('project_name') || 'codecarbon',
      experiment: get('experiment_id') || '(none)',
      run: get('run_id') || `${file}:${rec.line}`,
      durationS,
      ...(emissionsKg !== undefined ? { emissionsKg } : {}),
      ...(energyKWh !== undefined ? { energyKWh } : {}),
      ...(cpuKWh !== undefined ? { cpuKWh } : {}),
      ...(gpuKWh !== undefined ? { gpuKWh } : {}),
      ...(ramKWh !== undefined ? { ramKWh } : {}),
      ...(get('country_iso_code') || get('country_name') ? { country: get('country_iso_code') || get('country_name') } : {}),
      ...(get('region') ? { region: get('region') } : {}),
      ...(get('cloud_provider') ? { cloud: `${get('cloud_provider')}${get('cloud_region') ? `:${get('cloud_region')}` : ''}` } : {}),
      machine: [os, cpuModel, gpuModel].filter(Boolean).join(' · ') || 'unknown machine',
      ...(gpuModel ? { gpuModel } : {}),
      ...(cpuModel ? { cpuModel } : {}),
      ...(version ? { codecarbonVersion: version } : {}),
      ...(num(get('pue')) !== undefined ? { pue: num(get('pue')) } : {}),
    };
    const prev = byRun.get(run.run);
    if (prev) {
      summary.superseded++;
      if (run.durationS >= prev.durationS) {
        byRun.set(run.run, run);
        runs[runs.indexOf(prev)] = run;
      }
      continue;
    }
    byRun.set(run.run, run);
    runs.push(run);
  }
  summary.versions = versions.size ? [...versions].sort() : [headerEra(cols)];
  summary.runs = runs.length;
  return { runs, summary };
}

export function readEmissionsFile(file: string): { runs: EmissionsRun[]; summary: FileSummary } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReportError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`);
  }
  return readEmissionsText(text, file);
}

function emptyTotals(): Totals {
  return { runs: 0, durationS: 0, energyKWh: 0, cpuKWh: 0, gpuKWh: 0, ramKWh: 0, emissionsKg: 0, runsWithoutEmissions: 0 };
}

function add(t: Totals, r: EmissionsRun): void {
  t.runs++;
  t.durationS += r.durationS;
  t.energyKWh += r.energyKWh ?? 0;
  t.cpuKWh += r.cpuKWh ?? 0;
  t.gpuKWh += r.gpuKWh ?? 0;
  t.ramKWh += r.ramKWh ?? 0;
  if (r.emissionsKg === undefined) t.runsWithoutEmissions++;
  else t.emissionsKg += r.emissionsKg;
}

const keyOf = (r: EmissionsRun, by: GroupBy) => (by === 'project' ? r.project : by === 'experiment' ? r.experiment : by === 'run' ? r.run : (r.day ?? '(no date)'));

/** Totals, groups (largest emissions first; days in order) and a timeline of several files' runs. */
export function emissionsReport(files: { runs: EmissionsRun[]; summary: FileSummary }[], by: GroupBy = 'project'): EmissionsReport {
  const all = files.flatMap((f) => f.runs);
  // The same run in two files (a copy, a merged log) counts once.
  const seen = new Map<string, EmissionsRun>();
  let duplicates = 0;
  for (const r of all) {
    const prev = seen.get(r.run);
    if (prev) duplicates++;
    if (!prev || r.durationS > prev.durationS) seen.set(r.run, r);
  }
  const runs = [...seen.values()];
  const totals = emptyTotals();
  const groups = new Map<string, Group & { _m: Set<string>; _g: Set<string>; _c: Set<string> }>();
  const timeline = new Map<string, { day: string; project: string; emissionsKg: number; energyKWh: number }>();
  for (const r of runs) {
    add(totals, r);
    const key = keyOf(r, by);
    let g = groups.get(key);
    if (!g) {
      g = { key, ...emptyTotals(), machines: [], gpuModels: [], countries: [], _m: new Set(), _g: new Set(), _c: new Set() };
      groups.set(key, g);
    }
    add(g, r);
    g._m.add(r.machine);
    if (r.gpuModel) g._g.add(r.gpuModel);
    if (r.country) g._c.add(r.country);
    if (r.timestamp) {
      if (!g.first || r.timestamp < g.first) g.first = r.timestamp;
      if (!g.last || r.timestamp > g.last) g.last = r.timestamp;
    }
    if (r.day) {
      const tk = `${r.day}\u0000${r.project}`;
      const t = timeline.get(tk) ?? { day: r.day, project: r.project, emissionsKg: 0, energyKWh: 0 };
      t.emissionsKg += r.emissionsKg ?? 0;
      t.energyKWh += r.energyKWh ?? 0;
      timeline.set(tk, t);
    }
  }
  const notes: string[] = [];
  for (const f of files) {
    for (const s of f.summary.skipped) notes.push(`${f.summary.file}:${s.line}: skipped, ${s.why}`);
    if (f.summary.superseded) notes.push(`${f.summary.file}: ${f.summary.superseded} row${f.summary.superseded === 1 ? '' : 's'} replaced by a later row of the same run (CodeCarbon's rows are cumulative)`);
  }
  if (duplicates) notes.push(`${duplicates} run${duplicates === 1 ? '' : 's'} appeared in more than one file and ${duplicates === 1 ? 'was' : 'were'} counted once`);
  if (totals.runsWithoutEmissions) notes.push(`${totals.runsWithoutEmissions} run${totals.runsWithoutEmissions === 1 ? ' has' : 's have'} energy but no emissions figure; ${totals.runsWithoutEmissions === 1 ? 'it is' : 'they are'} left out of the CO2e total`);
  const out = [...groups.values()].map(({ _m, _g, _c, ...g }) => ({ ...g, machines: [..._m].sort(), gpuModels: [..._g].sort(), countries: [..._c].sort() }));
  out.sort(by === 'day' ? (a, b) => a.key.localeCompare(b.key) : (a, b) => b.emissionsKg - a.emissionsKg || a.key.localeCompare(b.key));
  return {
    schema: 'frugal.codecarbon-report/1',
    by,
    files: files.map((f) => f.summary),
    totals,
    groups: out,
    timeline: [...timeline.values()].sort((a, b) => a.day.localeCompare(b.day) || a.project.localeCompare(b.project)),
    notes,
  };
}

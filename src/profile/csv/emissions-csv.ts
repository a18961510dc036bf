// CodeCarbon-compatible `emissions.csv`: the 38 columns of CodeCarbon 3.x in its order and units
// (duration s, emissions kg CO2e, emissions_rate kg/s, power W, energy kWh, RAM GB), one row
// appended per run, with the header when the file is new — so CodeCarbon dashboards read it.
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { ProfileReport } from '../types';

export const EMISSIONS_CSV_COLUMNS = [
  'timestamp', 'project_name', 'run_id', 'experiment_id', 'duration', 'emissions', 'emissions_rate',
  'cpu_power', 'gpu_power', 'ram_power', 'cpu_energy', 'gpu_energy', 'ram_energy', 'energy_consumed',
  'water_consumed', 'country_name', 'country_iso_code', 'region', 'cloud_provider', 'cloud_region', 'os',
  'python_version', 'codecarbon_version', 'cpu_count', 'cpu_model', 'gpu_count', 'gpu_model', 'longitude',
  'latitude', 'ram_total_size', 'tracking_mode', 'cpu_utilization_percent', 'gpu_utilization_percent',
  'ram_utilization_percent', 'ram_used_gb', 'on_cloud', 'pue', 'wue',
] as const;

/** CodeCarbon's default experiment id, which its dashboards use for runs without an experiment. */
const DEFAULT_EXPERIMENT_ID = '5b0fa12a-3dd7-45bb-9766-cc326314d9f1';

const J_PER_KWH = 3.6e6;

export interface CsvContext {
  toolVersion: string;
  pythonVersion?: string;
  /** Mean CPU use of the whole machine over the run, %. */
  cpuUtilizationPct?: number;
  gpuUtilizationPct?: number;
  projectName?: string;
  runId?: string;
}

function cell(v: string | number | undefined): string {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `YYYY-MM-DDTHH:MM:SS` in local time, as CodeCarbon writes it. */
function localIso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function emissionsRow(r: ProfileReport, ctx: CsvContext): Record<(typeof EMISSIONS_CSV_COLUMNS)[number], string | number | undefined> {
  const d = r.durationS;
  const kg = r.emissions.gCO2e / 1000;
  const gpuModels = new Map<string, number>();
  for (const g of r.devices.gpus) gpuModels.set(g.name, (gpuModels.get(g.name) ?? 0) + 1);
  const maxRss = r.samples.reduce((m, s) => Math.max(m, s.rssMB), 0);
  return {
    timestamp: localIso(new Date(Date.parse(r.startedAt) + d * 1000)),
    project_name: ctx.projectName ?? path.basename(r.script).replace(/\.[^.]+$/, ''),
    run_id: ctx.runId ?? randomUUID(),
    experiment_id: DEFAULT_EXPERIMENT_ID,
    duration: d,
    emissions: kg,
    emissions_rate: d > 0 ? kg / d : 0,
    cpu_power: d > 0 ? r.energy.cpuJ / d : 0,
    gpu_power: d > 0 ? r.energy.gpuJ / d : 0,
    ram_power: d > 0 ? r.energy.ramJ / d : 0,
    cpu_energy: r.energy.cpuJ / J_PER_KWH,
    gpu_energy: r.energy.gpuJ / J_PER_KWH,
    ram_energy: r.energy.ramJ / J_PER_KWH,
    energy_consumed: r.energy.totalJ / J_PER_KWH,
    water_consumed: 0,
    country_name: r.emissions.countryName,
    country_iso_code: r.emissions.countryIso3,
    region: r.emissions.region?.toLowerCase(),
    cloud_provider: r.emissions.cloudProvider,
    cloud_region: r.emissions.cloudRegion,
    os: `${os.type()}-${os.release()}-${os.arch()}`,
    python_version: ctx.pythonVersion,
    codecarbon_version: `frugal-ml ${ctx.toolVersion}`,
    cpu_count: r.devices.cpu.logicalCpus,
    cpu_model: r.devices.cpu.model,
    gpu_count: r.devices.gpus.length,
    gpu_model: [...gpuModels].map(([n, c]) => `${c} x ${n}`).join(', ') || undefined,
    longitude: undefined,
    latitude: undefined,
    ram_total_size: r.devices.ram.totalGB,
    tracking_mode: 'process',
    cpu_utilization_percent: ctx.cpuUtilizationPct ?? 0,
    gpu_utilization_percent: ctx.gpuUtilizationPct ?? 0,
    ram_utilization_percent: r.devices.ram.totalGB > 0 ? (maxRss / 1024 / r.devices.ram.totalGB) * 100 : 0,
    ram_used_gb: maxRss / 1024,
    on_cloud: r.emissions.cloudProvider ? 'Y' : 'N',
    pue: r.emissions.pue,
    wue: 0,
  };
}

export function emissionsCsvHeader(): string {
  return EMISSIONS_CSV_COLUMNS.join(',') + '\n';
}

export function emissionsCsvLine(r: ProfileReport, ctx: CsvContext): string {
  const row = emissionsRow(r, ctx);
  return EMISSIONS_CSV_COLUMNS.map((c) => cell(row[c])).join(',') + '\n';
}

/**
 * Appends a row, writing the header when the file is new. A file with other columns (an older
 * CodeCarbon's) is moved aside to `<file>.bak` first, as CodeCarbon does; returns that path then.
 */
export function appendEmissionsCsv(file: string, r: ProfileReport, ctx: CsvContext): { backedUp?: string } {
  let backedUp: string | undefined;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (text.trim()) {
    const header = text.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, '');
    if (header !== EMISSIONS_CSV_COLUMNS.join(',')) {
      backedUp = `${file}.bak`;
      for (let i = 1; existsSync(backedUp); i++) backedUp = `${file}_${i}.bak`;
      renameSync(file, backedUp);
    }
  }
  if (!text.trim() || backedUp) writeFileSync(file, emissionsCsvHeader());
  appendFileSync(file, emissionsCsvLine(r, ctx));
  return { backedUp };
}

// CPU power without a hardware counter: the CPU's TDP from CodeCarbon's table, matched the way
// CodeCarbon matches it, and the script's share as CodeCarbon's process mode computes it — same
// inputs, same watts as CodeCarbon.
/*! @license CPU TDP table (src/profile/data/cpu-tdp.json)
 * From CodeCarbon, codecarbon/data/hardware/cpu_power.csv (mlco2/codecarbon @ b05965e4). MIT licence,
 * Copyright (c) 2019 Mila, BCG Gamma, CometML, Haverford College; (c) 2023 Code Carbon NGO.
 */
import table from '../data/cpu-tdp.json';

/** CodeCarbon: watts per logical CPU when the model is known but not in the table. */
export const WATTS_PER_THREAD = 4;
/** CodeCarbon: watts when the CPU model cannot be detected at all. */
export const UNKNOWN_CPU_W = 85;

const CPUS = table as [string, number][];

/** rapidfuzz's default_process: non-word characters to spaces, trimmed, lower case. */
function defaultProcess(s: string): string {
  return s.replace(/[^\p{L}\p{N}_]/gu, ' ').trim().toLowerCase();
}

function tokens(s: string): Set<string> {
  return new Set(s.split(/\s+/).filter(Boolean));
}

/** rapidfuzz token_set_ratio == 100: the token sets share something and one contains the other. */
function tokenSetFull(a: Set<string>, b: Set<string>): boolean {
  if (!a.size || !b.size) return false;
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common > 0 && (common === a.size || common === b.size);
}

function exact(model: string, cpus: readonly [string, number][]): [string, number] | undefined {
  const wanted = model.toLowerCase();
  return cpus.find(([name]) => name.toLowerCase() === wanted);
}

/**
 * CodeCarbon's `TDP._get_matching_cpu`: exact (case-insensitive) match; then the same after
 * dropping "(R)", " CPU" and the "@ x.xxGHz" suffix; then a token-set match that must be unique.
 */
export function matchCpu(modelRaw: string, cpus: readonly [string, number][] = CPUS): { name: string; tdpW: number; how: string } | undefined {
  const direct = exact(modelRaw, cpus);
  if (direct) return { name: direct[0], tdpW: direct[1], how: 'exact match' };
  let model = modelRaw.replaceAll('(R)', '');
  const at = model.indexOf(' CPU @ ');
  if (at > 0) model = model.slice(0, at);
  model = model.replaceAll(' CPU', '').replace(/ @\s*\d+\.\d+GHz/, '');
  const normalised = exact(model, cpus);
  if (normalised) return { name: normalised[0], tdpW: normalised[1], how: 'normalised match' };
  const wanted = tokens(defaultProcess(model));
  const hits = cpus.filter(([name]) => tokenSetFull(wanted, tokens(defaultProcess(name))));
  if (hits.length === 1) return { name: hits[0][0], tdpW: hits[0][1], how: 'unique token match' };
  return undefined;
}

export interface TdpEstimate {
  tdpW: number;
  /** One sentence saying where the figure comes from. */
  source: string;
  matched?: string;
}

/** The machine's CPU TDP: table match × sockets; model known but unmatched → threads × 4 W; unknown → 85 W. */
export function estimateTdp(model: string | undefined, logicalCpus: number, sockets = 1): TdpEstimate {
  if (!model) return { tdpW: UNKNOWN_CPU_W, source: `CPU model unknown: CodeCarbon's default of ${UNKNOWN_CPU_W} W` };
  const hit = matchCpu(model);
  if (hit && hit.tdpW) {
    const per = sockets > 1 ? ` × ${sockets} sockets` : '';
    return { tdpW: hit.tdpW * sockets, matched: hit.name, source: `TDP ${hit.tdpW} W${per} for "${hit.name}" (CodeCarbon's CPU table, ${hit.how})` };
  }
  return {
    tdpW: logicalCpus * WATTS_PER_THREAD,
    source: `"${model}" is not in CodeCarbon's CPU table (no exact or unique match): ${logicalCpus} threads × ${WATTS_PER_THREAD} W`,
  };
}

/** CodeCarbon's process mode: TDP × (tree CPU-seconds / wall-seconds) / logical CPUs. */
export function processPowerW(tdpW: number, treeCpuS: number, wallS: number, logicalCpus: number): number {
  return wallS > 0 ? (tdpW * (treeCpuS / wallS)) / logicalCpus : 0;
}

/**
 * The whole machine, for context beside the script's share: 10 % of TDP at idle rising linearly to
 * TDP at full load. Linear, like the process mode, so a script's share never exceeds the machine;
 * CodeCarbon's machine mode (0.1 + 0.9 × load³) would put one busy core of two at 21 % of TDP while
 * its process mode gives that core's process 50 %.
 */
export function machinePowerW(tdpW: number, load: number): number {
  const l = Math.min(1, Math.max(0, load));
  return tdpW * (0.1 + 0.9 * l);
}

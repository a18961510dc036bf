// "Measure this fix": a script profiled as it is and with a fix applied, runs interleaved, both
// bounded by the same duration. Compares like with like: energy per unit of progress when the
// runs print progress (tqdm, Keras, Lightning, counters), energy per run when every run ended on
// its own, and otherwise only power, which says nothing about work done; and says whether the
// difference is larger than the spread between runs of the same half.
import type { ProfileReport } from './types';

export type FixBasis = 'per-progress' | 'per-run' | 'power';

export interface FixComparison {
  basis: FixBasis;
  /** The unit of the figures: `J/step` (with the progress printer's kind), `J`, `W`. */
  unit: string;
  /** Median of each half's figures. */
  before: number;
  after: number;
  /** (after − before) / before, in %. */
  deltaPct: number;
  /** Largest difference between two runs of the same half (0 with one run each). */
  noise: number;
  /**
   * `true`: the difference is within the noise; `false`: larger than it; `undefined`: one run
   * each, so the noise is unknown.
   */
  withinNoise: boolean | undefined;
  /** One sentence for people: what was compared and what it means. */
  verdict: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function spread(xs: number[]): number {
  return xs.length < 2 ? 0 : Math.max(...xs) - Math.min(...xs);
}

/** Progress comparable across all runs: the same printer and total, and some of it done. */
function progressOf(reports: ProfileReport[]): { kind: string; total: number } | undefined {
  const first = reports[0]?.progress;
  if (!first) return undefined;
  const same = reports.every((r) => r.progress && r.progress.done > 0 && r.progress.kind === first.kind && r.progress.total === first.total);
  return same ? { kind: first.kind, total: first.total } : undefined;
}

export function compareFix(before: ProfileReport[], after: ProfileReport[]): FixComparison {
  if (before.length === 0 || after.length === 0) throw new Error('each half needs at least one run');
  const all = [...before, ...after];
  const progress = progressOf(all);
  const allEnded = all.every((r) => r.stoppedBy === 'exit' && r.exitCode === 0);
  let basis: FixBasis;
  let unit: string;
  let figure: (r: ProfileReport) => number;
  if (allEnded) {
    basis = 'per-run';
    unit = 'J';
    figure = (r) => r.energy.totalJ;
  } else if (progress) {
    basis = 'per-progress';
    unit = 'J/step';
    figure = (r) => r.energy.totalJ / r.progress!.done;
  } else {
    basis = 'power';
    unit = 'W';
    figure = (r) => (r.durationS > 0 ? r.energy.totalJ / r.durationS : 0);
  }
  const b = before.map(figure);
  const a = after.map(figure);
  const mb = median(b);
  const ma = median(a);
  const deltaPct = mb > 0 ? ((ma - mb) / mb) * 100 : 0;
  const noise = Math.max(spread(b), spread(a));
  const withinNoise = before.length < 2 && after.length < 2 ? undefined : Math.abs(ma - mb) <= noise;
  const change = `${deltaPct <= 0 ? '' : '+'}${deltaPct.toFixed(1)} %`;
  const what =
    basis === 'per-run'
      ? `energy per run ${change}`
      : basis === 'per-progress'
        ? `energy per unit of progress (${progress!.kind}) ${change}`
        : `power ${change}; the runs were stopped at the time limit without recognisable progress, so this does not say how much work each did — profile for longer, or print progress (tqdm, Keras, Lightning)`;
  const noiseText =
    withinNoise === undefined
      ? 'one run each, so the noise between runs is unknown'
      : withinNoise
        ? `within the noise: runs of the same half differ by up to ${noise.toPrecision(3)} ${unit}`
        : `larger than the noise between runs of the same half (${noise.toPrecision(3)} ${unit})`;
  return { basis, unit, before: mb, after: ma, deltaPct, noise, withinNoise, verdict: `With the fix: ${what}; ${noiseText}.` };
}

/** Where the fixed copy is written: beside the original, so its imports and relative paths resolve. */
export function fixedCopyPath(script: string): string {
  const slash = Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\'));
  const dir = script.slice(0, slash + 1);
  const base = script.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  return `${dir}.${stem}.frugal-fix${ext}`;
}

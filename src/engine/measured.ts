// The savings this project measured itself (`npm run evidence`, evidence/results.json): one line
// per rule for its docs page, hover, SARIF help and `frugal rules`.
import results from '../../evidence/results.json';

export interface MeasuredSide {
  energyJ: number;
  durationS: number;
  spreadJ: number;
  spreadS: number;
}

export interface MeasuredResult {
  rule: string;
  code: string;
  gpuOnly: boolean;
  runs: number;
  date?: string;
  what: string;
  before: MeasuredSide;
  after: MeasuredSide;
  deltaPct: number | null;
  durationDeltaPct: number | null;
  /** Every run's after used less (or every one more) energy than its before, over 3 runs or more. */
  measurable: boolean;
  /** The profiler's label for how the energy was obtained (measured counter, or estimated and how). */
  method: string;
}

export interface MeasuredMachine {
  cpu: string;
  cores: number;
  os: string;
  gpu: string | null;
}

interface ResultsFile {
  machine: MeasuredMachine | null;
  date: string | null;
  results: MeasuredResult[];
}

const FILE = results as unknown as ResultsFile;

export function measuredResult(rule: string): MeasuredResult | undefined {
  return FILE.results.find((r) => r.rule === rule);
}

function signed(x: number): string {
  return `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(0)} %`;
}

/**
 * "Measured here: −64 % energy, −63 % time (5 interleaved runs, …)", or undefined when the rule
 * has no pair measured. A difference inside the runs' noise says so instead of claiming a saving.
 */
export function measuredLine(rule: string): string | undefined {
  const r = measuredResult(rule);
  const m = FILE.machine;
  if (!r || !m || r.deltaPct === null) return undefined;
  const estimated = /estimat/i.test(r.method) ? ', energy estimated from CPU time' : '';
  const where = `${r.runs} interleaved runs on ${m.cpu} (${m.cores} cores${m.gpu && r.gpuOnly ? `, ${m.gpu}` : ''})${estimated}, ${r.date ?? FILE.date}`;
  if (!r.measurable) return `Measured here: no measurable difference (${signed(r.deltaPct)} energy, within the runs' spread; ${where}).`;
  const time = r.durationDeltaPct === null ? '' : `, ${signed(r.durationDeltaPct)} time`;
  return `Measured here: ${signed(r.deltaPct)} energy${time} (${r.before.energyJ.toFixed(1)} J → ${r.after.energyJ.toFixed(1)} J; ${where}).`;
}

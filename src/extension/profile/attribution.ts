// Where the energy went: reads the sampling probe's JSON (media/probe/frugal_probe.py) and shares
// the run's measured energy among functions and lines in proportion to their sampled time.
import path from 'node:path';
import type { Attribution, Hotspot } from './model';

export const PROBE_SCHEMA = 'frugal.probe/1';

interface ProbeFunction {
  file: string;
  line: number;
  name: string;
  selfS: number;
  totalS: number;
  user: boolean;
}

interface ProbeLine {
  file: string;
  line: number;
  function: string;
  selfS: number;
}

export interface ProbeResult {
  schema: typeof PROBE_SCHEMA;
  script: string;
  python?: string;
  intervalMs: number;
  wallS: number;
  samples: number;
  sampledS: number;
  functions: ProbeFunction[];
  userLines: ProbeLine[];
}

/** Entries shown in the panel, per list. */
export const TOP = 15;

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const str = (v: unknown): v is string => typeof v === 'string';

/** The probe's result if `raw` is one (entries that do not fit are dropped), else undefined. */
export function parseProbeResult(raw: unknown): ProbeResult | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (r.schema !== PROBE_SCHEMA || !num(r.samples) || !num(r.sampledS) || !Array.isArray(r.functions) || !Array.isArray(r.userLines)) return undefined;
  const functions = (r.functions as Record<string, unknown>[]).filter(
    (f): f is Record<string, unknown> & ProbeFunction => typeof f === 'object' && f !== null && str(f.file) && num(f.line) && str(f.name) && num(f.selfS) && num(f.totalS),
  );
  const userLines = (r.userLines as Record<string, unknown>[]).filter(
    (l): l is Record<string, unknown> & ProbeLine => typeof l === 'object' && l !== null && str(l.file) && num(l.line) && str(l.function) && num(l.selfS),
  );
  return {
    schema: PROBE_SCHEMA,
    script: str(r.script) ? r.script : '',
    ...(str(r.python) ? { python: r.python } : {}),
    intervalMs: num(r.intervalMs) ? r.intervalMs : 10,
    wallS: num(r.wallS) ? r.wallS : r.sampledS,
    samples: r.samples,
    sampledS: r.sampledS,
    functions: functions.map((f) => ({ file: f.file, line: f.line, name: f.name, selfS: f.selfS, totalS: f.totalS, user: f.user !== false })),
    userLines: userLines.map((l) => ({ file: l.file, line: l.line, function: l.function, selfS: l.selfS })),
  };
}

/**
 * Shares `totalJ` by sampled time. Functions are ranked by inclusive time (the script's module
 * body, which holds everything, is left out); lines are the innermost line of the user's own code
 * on each sampled stack, so time inside libraries lands on the line that called them.
 */
export function attribute(probe: ProbeResult, totalJ: number, relPath: (file: string) => string): Attribution {
  const sampled = probe.sampledS > 0 ? probe.sampledS : 0;
  const share = (s: number) => (sampled > 0 ? Math.min(1, s / sampled) : 0);
  const scriptModule = (f: ProbeFunction) => f.name === '<module>' && probe.script !== '' && path.resolve(f.file) === path.resolve(probe.script);
  const functions: Hotspot[] = probe.functions
    .filter((f) => !scriptModule(f) && f.totalS > 0)
    .sort((a, b) => b.totalS - a.totalS)
    .slice(0, TOP)
    .map((f) => ({ file: f.file, relPath: relPath(f.file), line: f.line, name: f.name, share: share(f.totalS), energyJ: share(f.totalS) * totalJ, seconds: f.totalS, user: f.user }));
  const lines: Hotspot[] = probe.userLines
    .filter((l) => l.selfS > 0)
    .sort((a, b) => b.selfS - a.selfS)
    .slice(0, TOP)
    .map((l) => ({ file: l.file, relPath: relPath(l.file), line: l.line, name: l.function, share: share(l.selfS), energyJ: share(l.selfS) * totalJ, seconds: l.selfS, user: true }));
  return { samples: probe.samples, sampledS: probe.sampledS, intervalMs: probe.intervalMs, functions, lines };
}

/** Lines worth an inline hint: the hottest few that hold at least `minShare` of the run. */
export function hintLines(a: Attribution, minShare = 0.05, max = 5): Hotspot[] {
  return a.lines.filter((l) => l.share >= minShare).slice(0, max);
}

// The one place the panel meets the profiler library (src/profile): runs a script under it —
// Python scripts through the sampling probe — and re-prices a report's emissions for another
// country. No `vscode` here, so it is tested with node:test.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emissionsOf, gramsCO2e, profileScript, resolveIntensity, type ProfileHooks, type ProfileReport } from '../../profile';
// Not exported by src/profile/index.ts yet; needed to re-price a finished run for another country.
import { parseProbeResult, type ProbeResult } from './attribution';

export { ProfileUsageError, emissionsCsvHeader, emissionsCsvLine, formatSummary, type LiveSample, type ProfileHooks, type ProfileReport } from '../../profile';

const PYTHON = new Set(['.py', '.pyw']);

export interface RunRequest {
  script: string;
  args: string[];
  cwd: string;
  durationS: number;
  python?: string;
  /** ISO 3166 code; undefined: from the time zone. */
  country?: string;
  env?: NodeJS.ProcessEnv;
  /** The sampling probe (media/probe/frugal_probe.py); Python scripts run under it when given. */
  probe?: string;
  intervalMs?: number;
}

export type RunHooks = Omit<ProfileHooks, 'onNote'>;

export interface RunOutcome {
  report: ProfileReport;
  probe?: ProbeResult;
  /** Why there is no probe result, when the probe was used or could not be. */
  probeNote?: string;
}

export function usesProbe(req: Pick<RunRequest, 'script' | 'probe'>): boolean {
  return !!req.probe && PYTHON.has(path.extname(req.script).toLowerCase());
}

/** Runs the script under the profiler (and the probe for Python) and reads both results. */
export async function runProfile(req: RunRequest, hooks: RunHooks): Promise<RunOutcome> {
  const probe = usesProbe(req) ? req.probe : undefined;
  const tmpDir = probe ? await fs.mkdtemp(path.join(os.tmpdir(), 'frugal-probe-')) : undefined;
  const out = tmpDir ? path.join(tmpDir, 'probe.json') : undefined;
  try {
    const report = await profileScript(
      {
        script: probe ?? req.script,
        args: probe ? ['--out', out!, '--', req.script, ...req.args] : req.args,
        cwd: req.cwd,
        env: req.env,
        durationS: req.durationS,
        python: probe ? req.python : PYTHON.has(path.extname(req.script).toLowerCase()) ? req.python : undefined,
        country: req.country || undefined,
        intervalMs: req.intervalMs,
      },
      hooks,
    );
    // The report names the user's script; `command` keeps what really ran (the probe included).
    report.script = req.script;
    report.args = req.args;
    if (!probe) return { report };
    let text: string | undefined;
    try {
      text = await fs.readFile(out!, 'utf8');
    } catch {
      return { report, probeNote: 'the sampling probe wrote no result: the script ended without Python shutting down normally (os._exit, a crash, or SIGKILL)' };
    }
    let parsed: ProbeResult | undefined;
    try {
      parsed = parseProbeResult(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed) return { report, probeNote: 'the sampling probe wrote an unreadable result' };
    if (parsed.samples === 0) return { report, probe: parsed, probeNote: 'the run was too short for the sampling probe (no sample in the script)' };
    return { report, probe: parsed };
  } finally {
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  }
}

/** The report with its emissions (and projection) re-priced for `country` (empty: the time zone's). */
export function repriceEmissions(report: ProfileReport, country: string): ProfileReport {
  const intensity = resolveIntensity({ country: country || undefined, pue: report.emissions.pue });
  // The panel sets the country through the frugal.country setting, not the CLI's --country.
  const base = emissionsOf(report.energy.totalJ, intensity);
  const emissions: ProfileReport['emissions'] = {
    ...base,
    location: base.location === '--country' ? 'frugal.country' : base.location,
    pueSource: report.emissions.pueSource,
  };
  const projection = report.progress?.projection;
  return {
    ...report,
    emissions,
    ...(report.progress
      ? { progress: { ...report.progress, ...(projection ? { projection: { ...projection, gCO2e: gramsCO2e(projection.energyJ, intensity) } } : {}) } }
      : {}),
  };
}

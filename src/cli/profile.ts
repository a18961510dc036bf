// `frugal profile [options] <script> [-- args…]`: runs a script for a bounded time, shows a live
// line on a terminal, then a summary of its energy and CO2e with the method behind each figure;
// optionally writes the JSON report and appends a CodeCarbon-compatible emissions.csv row.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { appendEmissionsCsv, formatLive, formatSummary, profileScript, ProfileUsageError, type ProfileOptions, type ProfileReport } from '../profile';
import { version } from '../../package.json';
import { unwritable, writeWhole } from './destination';

export const PROFILE_HELP = `frugal profile — measure what a script costs in energy and CO2e

Usage:
  frugal profile [options] <script> [-- args...]

Runs the script (.py with python3, .js with node, .ts with tsx) with its arguments, stops it and
its whole process tree after --duration, and reports CPU, GPU and RAM energy with the method
behind each figure (measured, or estimated and how), and the CO2e.

Options:
  --duration S          stop after S seconds (default 60; 0 waits for the script to end)
  --interval MS         sampling interval (default 200)
  --json FILE           write the JSON report (frugal.profile/1) to FILE; "-" writes it to standard
                        output and sends the script's own standard output to standard error, so
                        the report is the only thing on standard output (frugal profile --json - x.py | jq)
  --csv FILE            append a CodeCarbon-compatible row to FILE (e.g. emissions.csv)
  --country ISO3        grid carbon intensity of this country (default: from the time zone)
  --zone ID             an Electricity Maps zone instead (e.g. CA-QC, US-CAL-CISO)
  --cloud P:REGION      a cloud region: gcp:europe-west1, aws:eu-west-3, azure:westeurope
  --intensity G         carbon intensity in gCO2e/kWh, overriding the tables
  --pue N               power usage effectiveness (default 1.0, or the cloud provider's)
  --baseline S          measure S seconds of idle first and report the energy above idle
  --python PATH         Python interpreter (default python3, then python)
  --stop-grace S        seconds between SIGINT, SIGTERM and SIGKILL when stopping (default 2)
  --quiet               no live line and no summary (the script's output still shows)
  -h, --help            show this help

--json and --csv destinations are checked before the script starts.

Exit status: 0 when the script ran (to its end or to --duration), 1 when it failed on its own,
2 for a usage error (bad option, script or interpreter not found) or an internal error.
`;

const OPTIONS = {
  duration: { type: 'string' },
  interval: { type: 'string' },
  json: { type: 'string' },
  csv: { type: 'string' },
  country: { type: 'string' },
  zone: { type: 'string' },
  cloud: { type: 'string' },
  intensity: { type: 'string' },
  pue: { type: 'string' },
  baseline: { type: 'string' },
  python: { type: 'string' },
  'stop-grace': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Our options come before the script; what follows the script is the script's, after an optional
 * `--` (`frugal profile train.py -- --epochs 3`). `frugal profile -- train.py …` works too.
 */
export function splitArgv(argv: string[]): { ours: string[]; script?: string; args: string[] } {
  const rest = (from: number) => (argv[from] === '--' ? argv.slice(from + 1) : argv.slice(from));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return { ours: argv.slice(0, i), script: argv[i + 1], args: argv.slice(i + 2) };
    if (a.startsWith('-') && a !== '-') {
      const name = a.replace(/^--?/, '').split('=')[0];
      const spec = (OPTIONS as Record<string, { type: string; short?: string }>)[name] ?? Object.values(OPTIONS).find((o) => 'short' in o && o.short === name);
      if (spec?.type === 'string' && !a.includes('=')) i++;
      continue;
    }
    return { ours: argv.slice(0, i), script: a, args: rest(i + 1) };
  }
  return { ours: argv, args: [] };
}

/**
 * `--duration -1` as `--duration=-1`: parseArgs refuses a value that looks like an option
 * ("argument is ambiguous"), and our own range check says more.
 */
function joinValues(ours: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ours.length; i++) {
    const spec = (OPTIONS as Record<string, { type: string }>)[ours[i].replace(/^--/, '')];
    if (ours[i].startsWith('--') && spec?.type === 'string' && i + 1 < ours.length) out.push(`${ours[i]}=${ours[++i]}`);
    else out.push(ours[i]);
  }
  return out;
}

function number(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new ProfileUsageError(`--${name} needs a number ≥ ${min}, got "${raw}"`);
  return n;
}

function pythonVersion(python: string): string | undefined {
  const r = spawnSync(python, ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8', timeout: 5000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export async function runProfile(argv: string[]): Promise<number> {
  const { ours, script, args } = splitArgv(argv);
  let report: ProfileReport;
  let quiet: boolean;
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  const controller = new AbortController();
  const onSignal = (sig: NodeJS.Signals) => {
    if (!controller.signal.aborted) process.stderr.write(`\nfrugal: ${sig}: stopping the script and its child processes…\n`);
    controller.abort(sig);
  };
  try {
    values = parseArgs({ args: joinValues(ours), options: OPTIONS, allowPositionals: false }).values;
    if (values.help) {
      process.stdout.write(PROFILE_HELP);
      return 0;
    }
    if (!script) throw new ProfileUsageError('no script given: frugal profile [options] <script> [-- args...]');
    quiet = !!values.quiet;
    let cloud: ProfileOptions['cloud'];
    if (values.cloud) {
      const [provider, ...region] = values.cloud.split(':');
      if (!provider || !region.length) throw new ProfileUsageError(`--cloud takes PROVIDER:REGION (e.g. gcp:europe-west1), got "${values.cloud}"`);
      cloud = { provider, region: region.join(':') };
    }
    const graceS = number('stop-grace', values['stop-grace'], 0);
    const options: ProfileOptions = {
      script,
      args,
      durationS: number('duration', values.duration, 0),
      intervalMs: number('interval', values.interval, 50),
      python: values.python,
      country: values.country,
      zone: values.zone,
      cloud,
      intensity: number('intensity', values.intensity, 0),
      pue: number('pue', values.pue, 1),
      baselineS: number('baseline', values.baseline, 0),
      stopGraceMs: graceS === undefined ? undefined : graceS * 1000,
    };
    // A measurement must not be lost to a report that cannot be written: check before starting.
    for (const [option, file] of [['json', values.json], ['csv', values.csv]] as const) {
      const why = file === undefined || file === '-' ? undefined : unwritable(file);
      if (why) {
        process.stderr.write(`frugal: cannot write --${option} ${file}: ${why}\n`);
        return 2;
      }
    }
    // With `--json -` standard output carries the report alone.
    const scriptStdout = values.json === '-' ? process.stderr : process.stdout;
    const live = !quiet && process.stderr.isTTY === true;
    let liveShown = false;
    const clearLive = () => {
      if (liveShown) process.stderr.write('\r\x1b[K');
      liveShown = false;
    };
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onSignal);
    try {
      report = await profileScript(options, {
        signal: controller.signal,
        onOutput: (stream, chunk) => {
          clearLive();
          (stream === 'stdout' ? scriptStdout : process.stderr).write(chunk);
        },
        onStop: (why) => {
          if (why !== 'duration') return;
          clearLive();
          // Python prints a KeyboardInterrupt traceback on SIGINT; it must not read as a crash.
          process.stderr.write(`frugal: the --duration limit is reached: stopping the script on purpose (a KeyboardInterrupt traceback below is this stop, not a crash)\n`);
        },
        onSample: live
          ? (s) => {
              process.stderr.write(`\r\x1b[K${formatLive(s)}`);
              liveShown = true;
            }
          : undefined,
      });
    } finally {
      for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(sig, onSignal);
      clearLive();
    }
  } catch (e) {
    if (e instanceof ProfileUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`frugal: ${(e as Error).message}\nRun \`frugal profile --help\` for usage.\n`);
      return 2;
    }
    throw e;
  }

  if (!quiet) process.stderr.write('\n' + formatSummary(report));
  try {
    if (values.json) {
      const text = JSON.stringify(report, null, 2) + '\n';
      if (values.json === '-') process.stdout.write(text);
      else writeWhole(values.json, text);
    }
    if (values.csv) {
      const { backedUp } = appendEmissionsCsv(values.csv, report, {
        toolVersion: version,
        pythonVersion: report.runtime === 'python' ? pythonVersion(report.command[0]) : undefined,
        cpuUtilizationPct: report.utilization.machineCpuPct,
        gpuUtilizationPct: report.utilization.gpuPct,
      });
      if (backedUp) process.stderr.write(`frugal: ${values.csv} had other columns (an older CodeCarbon's?); moved it to ${backedUp} and started a new file\n`);
    }
  } catch (e) {
    process.stderr.write(`frugal: could not write the report: ${(e as Error).message}\n`);
    return 2;
  }
  return report.stoppedBy === 'exit' && report.exitCode !== 0 ? 1 : 0;
}

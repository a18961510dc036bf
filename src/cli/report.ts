// `frugal report emissions.csv [more.csv …]`: totals of a team's CodeCarbon logs, broken down by
// project, experiment, run or day. Thin: the reading and the sums are in src/report.
import { parseArgs } from 'node:util';
import { emissionsReport, readEmissionsFile, ReportError, type EmissionsReport, type GroupBy } from '../report/codecarbon';
import { formatGrams } from '../profile/report/units';
import { unwritable, writeWhole } from './destination';

export const REPORT_HELP = `frugal report — totals of CodeCarbon logs (emissions.csv), from any CodeCarbon version and machine

Usage:
  frugal report emissions.csv [more.csv ...] [--by project|experiment|run|day] [--json [FILE]]

Options:
  --by KEY        break the totals down by project (default), experiment, run or day
  --json [FILE]   the report as JSON (frugal.codecarbon-report/1) on standard output, or in FILE
  -h, --help      show this help

Columns are read by the header, so files of different CodeCarbon versions mix; a run flushed several
times (cumulative rows with one run_id) counts once, with its last row; partial rows are skipped
and listed.

Exit status: 0 a report, 1 a file could not be read, 2 a usage error.
`;

const BY: GroupBy[] = ['project', 'experiment', 'run', 'day'];

function kwh(k: number): string {
  return k >= 1 ? `${k.toFixed(2)} kWh` : `${(k * 1000).toFixed(k * 1000 >= 10 ? 1 : 3)} Wh`;
}

function hours(s: number): string {
  return s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(0)} s`;
}

export function formatEmissionsReport(r: EmissionsReport): string {
  const t = r.totals;
  const lines: string[] = [];
  lines.push(`${t.runs} run${t.runs === 1 ? '' : 's'} in ${r.files.length} file${r.files.length === 1 ? '' : 's'}: ${kwh(t.energyKWh)} (CPU ${kwh(t.cpuKWh)}, GPU ${kwh(t.gpuKWh)}, RAM ${kwh(t.ramKWh)}), ${formatGrams(t.emissionsKg * 1000)} CO2e, ${hours(t.durationS)} of compute`);
  lines.push(`  (CodeCarbon's own figures: energy_consumed in kWh, emissions in kg CO2e at the intensity each run used)\n`);
  const head = [r.by, 'runs', 'duration', 'energy', 'GPU', 'CO2e', 'hardware'];
  const rows = r.groups.map((g) => [g.key, String(g.runs), hours(g.durationS), kwh(g.energyKWh), kwh(g.gpuKWh), formatGrams(g.emissionsKg * 1000), (g.gpuModels.length ? g.gpuModels : g.machines).join('; ')]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
  const right = new Set([1, 2, 3, 4, 5]);
  const fmt = (x: string[]) => '  ' + x.map((c, i) => (i === x.length - 1 ? c : right.has(i) ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  ').trimEnd();
  lines.push(fmt(head), ...rows.map(fmt), '');
  lines.push('Files:');
  for (const f of r.files) lines.push(`  ${f.file}: ${f.runs} run${f.runs === 1 ? '' : 's'} from ${f.rows} row${f.rows === 1 ? '' : 's'}, ${f.columns} columns, CodeCarbon ${f.versions.join(', ')}`);
  if (r.notes.length) {
    lines.push('Notes:');
    for (const n of r.notes) lines.push(`  - ${n}`);
  }
  return lines.join('\n') + '\n';
}

export function runReport(argv: string[]): number {
  // `--json` alone prints to standard output; `--json FILE` writes FILE (a .csv after it is an input).
  const args: string[] = [];
  let jsonFile: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') {
      json = true;
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('-') && !/\.csv$/i.test(next)) jsonFile = argv[++i];
    } else if (argv[i].startsWith('--json=')) {
      json = true;
      jsonFile = argv[i].slice('--json='.length) || undefined;
    } else args.push(argv[i]);
  }
  let values: { by?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { by: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    process.stderr.write(`frugal: ${(e as Error).message}\nRun \`frugal report --help\` for usage.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(REPORT_HELP);
    return 0;
  }
  const by = (values.by ?? 'project') as GroupBy;
  const usage = (m: string) => {
    process.stderr.write(`frugal: ${m}\nRun \`frugal report --help\` for usage.\n`);
    return 2;
  };
  if (!BY.includes(by)) return usage(`unknown --by "${values.by}" (use project, experiment, run or day)`);
  if (!positionals.length) return usage('no file given: frugal report emissions.csv [more.csv ...]');
  if (jsonFile && jsonFile !== '-') {
    const why = unwritable(jsonFile);
    if (why) return usage(`cannot write --json ${jsonFile}: ${why}`);
  }
  let report: EmissionsReport;
  try {
    report = emissionsReport(positionals.map(readEmissionsFile), by);
  } catch (e) {
    if (e instanceof ReportError) {
      process.stderr.write(`frugal: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const text = JSON.stringify(report, null, 2) + '\n';
  if (json && (!jsonFile || jsonFile === '-')) process.stdout.write(text);
  else {
    if (jsonFile) writeWhole(jsonFile, text);
    process.stdout.write(formatEmissionsReport(report));
  }
  return 0;
}

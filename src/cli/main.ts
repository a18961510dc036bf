// The `frugal` command line: `check` and `rules` (exit 0 clean, 1 findings, 2 usage or
// internal error). Thin: all analysis lives in the engine.
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import path from 'node:path';
import { ruleInfo } from '../engine/analyzer';
import { measuredLine } from '../engine/measured';
import { RULES } from '../engine/rules/registry';
import { findConfig, loadConfig } from '../engine/config/pyproject';
import type { Settings } from '../engine/config/settings';
import { SELECTOR_HINT, unknownSelectors } from '../engine/config/selectors';
import { categoryTitle } from '../engine/docs';
import { CACHE_DIR_NAME, engineId } from './cache';
import { checkTree, defaultJobs } from './check';
import { unwritable, writeWhole } from './destination';
import { formatJson, formatSarif, formatText } from './format';
import { version } from '../../package.json';

const HELP = `frugal ${version} — find energy-wasteful patterns in ML code

Usage:
  frugal check [paths...] [options]   analyse Python, notebooks, TypeScript and JavaScript (default: .)
  frugal rules [--format text|json]   list the rules
  frugal profile [options] <script> [-- args...]
                                      measure a script's energy and CO2e (frugal profile --help)
  frugal bench MODEL.onnx [options]   inference latency and energy per setting (frugal bench --help)
  frugal cluster --prometheus URL --job NAME --last 2h
                                      a cluster job's energy and CO2e from Prometheus or Slurm (frugal cluster --help)
  frugal report emissions.csv [more.csv...] [--by project|experiment|run|day]
                                      totals of CodeCarbon logs (frugal report --help)

Options for check:
  --format text|json|sarif   output format (default text)
  --select CODES             only these codes, prefixes or names (comma-separated; replaces the config's)
  --ignore CODES             skip these codes, prefixes or names (added to the config's)
  --fix                      apply safe fixes in place
  --diff                     print the safe fixes as a unified diff instead of applying them
  --unsafe-fixes             with --fix or --diff, apply unsafe fixes too (or unsafe-fixes = true in [tool.frugal])
  --no-unsafe-fixes          apply only safe fixes, whatever the configuration says
  --confidence high|low      lowest confidence reported (default high, or confidence in [tool.frugal]): low
                             also shows matches where the code shows no large dataset, model or loop
  --exclude GLOBS            extra paths to skip (comma-separated globs)
  --no-config                ignore [tool.frugal] in pyproject.toml
  --output FILE              write the report to FILE instead of standard output
  --exit-zero                exit 0 even when there are findings (missing paths still exit 2)
  --no-cache                 analyse every file afresh and leave the cache alone
  --cache-dir DIR            where the cache lives (default .frugal_cache beside pyproject.toml, else here;
                             or $FRUGAL_CACHE_DIR)
  --jobs N                   worker threads at most (default: the number of cores, 1 on two cores)
  -h, --help                 show this help
  -V, --version              show the version

Exit status: 0 no findings, 1 findings (or files that could not be checked), 2 usage or internal error.
`;

class UsageError extends Error {}
/** A problem the message alone explains (no usage hint): an output file that cannot be written. */
class CannotError extends Error {}

function list(value: string | undefined): string[] {
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** `--select`/`--ignore` codes; an unknown one is a usage error, as in ruff. */
function selectors(option: string, value: string | undefined): string[] {
  const codes = list(value);
  const unknown = unknownSelectors(codes);
  if (unknown.length) throw new UsageError(`--${option}: unknown rule selector${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (${SELECTOR_HINT})`);
  return codes;
}

async function runCheck(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      select: { type: 'string' },
      ignore: { type: 'string' },
      fix: { type: 'boolean', default: false },
      diff: { type: 'boolean', default: false },
      'unsafe-fixes': { type: 'boolean' },
      'no-unsafe-fixes': { type: 'boolean' },
      exclude: { type: 'string' },
      confidence: { type: 'string' },
      'no-config': { type: 'boolean', default: false },
      output: { type: 'string' },
      'exit-zero': { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
      'cache-dir': { type: 'string' },
      jobs: { type: 'string' },
    },
  });
  const format = values.format!;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown --format "${format}" (use text, json or sarif)`);
  const select = values.select === undefined ? undefined : selectors('select', values.select);
  const ignore = values.ignore === undefined ? undefined : selectors('ignore', values.ignore);
  // Before any work (and before --fix changes files): a report that cannot be written is a failed run.
  const why = values.output === undefined ? undefined : unwritable(values.output);
  if (why) throw new CannotError(`cannot write --output ${values.output}: ${why}`);
  const paths = positionals.length ? positionals : ['.'];
  const overrides: Partial<Settings> = {};
  const useConfig = !values['no-config'];
  // The project configuration next to the first path decides excludes and the CLI's additions.
  const project = useConfig ? findConfig(path.resolve(paths[0])) : undefined;
  const projectSettings = project ? loadConfig(project).settings : undefined;
  if (select) overrides.select = select;
  if (values.confidence !== undefined) {
    if (values.confidence !== 'high' && values.confidence !== 'low') throw new UsageError(`--confidence must be high or low, not "${values.confidence}"`);
    overrides.confidence = values.confidence;
  }
  if (ignore) overrides.ignore = [...(projectSettings?.ignore ?? []), ...ignore];
  if (values['unsafe-fixes'] && values['no-unsafe-fixes']) throw new UsageError('--unsafe-fixes and --no-unsafe-fixes cannot be given together');
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1, not "${values.jobs}"`);
  // As ruff: beside the project's pyproject.toml, else in the working directory.
  const cacheRoot = values['cache-dir'] ?? process.env.FRUGAL_CACHE_DIR ?? path.join(project ? path.dirname(project) : process.cwd(), CACHE_DIR_NAME);
  const noCache = values['no-cache'] || ['1', 'true'].includes(process.env.FRUGAL_NO_CACHE ?? '');
  const run = await checkTree({
    analyzer: { settings: overrides, configFiles: useConfig },
    jobs,
    cache: noCache ? undefined : { root: path.resolve(cacheRoot), engine: engineId(version) },
    paths,
    fix: values.fix!,
    diff: values.diff!,
    // As in ruff: the flag, else `unsafe-fixes` in the project configuration.
    unsafeFixes: values['no-unsafe-fixes'] ? false : (values['unsafe-fixes'] ?? projectSettings?.unsafeFixes ?? false),
    exclude: [...(projectSettings?.exclude ?? []), ...list(values.exclude)],
  });
  let report: string;
  if (format === 'json') report = formatJson(run, version);
  else if (format === 'sarif') report = formatSarif(run, version, process.cwd());
  else report = (run.diffs.length ? run.diffs.join('\n') : '') + formatText(run, !values.output && process.stdout.isTTY === true, values.diff);
  if (values.output) {
    try {
      writeWhole(values.output, report);
    } catch (e) {
      throw new CannotError((e as Error).message, { cause: e });
    }
  } else process.stdout.write(report);
  if (format === 'text' || values.output) {
    for (const e of run.errors) process.stderr.write(`${e.path}: ${e.kind}: ${e.message}\n`);
  }
  if (run.missing.length) return 2;
  if (values['exit-zero']) return 0;
  if (values.diff) return run.diffs.length ? 1 : 0;
  return run.findings.length > 0 || run.errors.some((e) => e.kind === 'error') ? 1 : 0;
}

function runRules(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { format: { type: 'string', default: 'text' } } });
  if (values.format === 'json') {
    process.stdout.write(JSON.stringify(RULES.map(ruleInfo), null, 2) + '\n');
    return 0;
  }
  if (values.format !== 'text') throw new UsageError(`unknown --format "${values.format}" (use text or json)`);
  let category = '';
  for (const r of RULES) {
    if (r.meta.category !== category) {
      category = r.meta.category;
      process.stdout.write(`\n${categoryTitle(r.meta.category)}\n`);
    }
    const fix = r.meta.fixTitle ? ' [fix]' : '';
    process.stdout.write(`  ${r.meta.code}  ${r.meta.name.padEnd(36)} ${r.meta.severity.padEnd(8)}${r.meta.summary}${fix}\n`);
    const measured = measuredLine(r.meta.name);
    if (measured) process.stdout.write(`  ${' '.repeat(r.meta.code.length)}  ${measured}\n`);
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      process.stdout.write(HELP);
      return command ? 0 : 2;
    }
    if (command === '-V' || command === '--version') {
      process.stdout.write(`frugal ${version}\n`);
      return 0;
    }
    // Before the generic -h check: `--help` after the script belongs to the script.
    if (command === 'profile') return await (await import('./profile.js')).runProfile(rest);
    if (command === 'bench') return await (await import('./bench.js')).runBenchCommand(rest);
    if (command === 'cluster') return await (await import('./cluster.js')).runCluster(rest);
    if (command === 'report') return (await import('./report.js')).runReport(rest);
    if (rest.includes('-h') || rest.includes('--help')) {
      process.stdout.write(HELP);
      return 0;
    }
    if (command === 'check') return await runCheck(rest);
    if (command === 'rules') return runRules(rest);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof CannotError) {
      process.stderr.write(`frugal: ${err.message}\n`);
    } else if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`frugal: ${err.message}\nRun \`frugal --help\` for usage.\n`);
    } else {
      process.stderr.write(`frugal: internal error: ${err.stack ?? err.message}\n`);
    }
    return 2;
  }
}

if (require.main === module && isMainThread) {
  // `frugal rules | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

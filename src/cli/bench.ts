// `frugal bench MODEL.onnx [options]`: sweeps batch sizes, threads, optimisation levels and
// providers in a child process, prints one line per setting with the best marked, the snippet that
// applies it, and optionally writes the `frugal.bench/1` JSON report.
import { parseArgs } from 'node:util';
import { BenchUsageError, DEFAULT_DURATION_S, DEFAULT_WARMUP, formatBest, formatFacts, formatRuns, runBench, type BenchOptions, type Optimization, type Provider } from '../bench';
import { unwritable, writeWhole } from './destination';

export const BENCH_HELP = `frugal bench — measure inference latency and energy of an ONNX model on this machine

Usage:
  frugal bench MODEL.onnx [options]

Runs the model with ONNX Runtime (in a child process) for each combination of the settings below,
and reports latency, throughput and energy per 1,000 inferences (one inference = one sample: a batch
of 32 counts 32), with the method behind the energy (measured, or estimated and how).

Options:
  --batch 1,8,32         batch sizes for a symbolic first dimension (default 1,8,32)
  --threads 1,2,4        intra-op threads (default 1 and every core)
  --opt LEVELS           graph optimisation: disabled,basic,extended,all (default disabled,all)
  --provider cpu,cuda    execution providers (default cpu; cuda needs onnxruntime-node's CUDA binaries)
  --compare OTHER.onnx   also run another model with the same settings (repeatable)
  --duration S           measured seconds per setting (default ${DEFAULT_DURATION_S})
  --warmup N             untimed runs before each measurement (default ${DEFAULT_WARMUP})
  --seq N                length of symbolic sequence dimensions (default 128)
  --input NAME=FILE      a sample for an input, .json (nested arrays) or .npy (repeatable)
  --timeout S            stop a setting that takes longer than S seconds (default 30 + duration)
  --country ISO3         grid carbon intensity of this country (default: from the time zone)
  --json FILE            write the JSON report (frugal.bench/1) to FILE ("-": standard output)
  --quiet                only the table
  -h, --help             show this help

Exit status: 0 every setting ran, 1 some failed (their error is in the table and the report),
2 for a usage error or a model that cannot be read.
`;

const OPTIONS = {
  batch: { type: 'string' },
  threads: { type: 'string' },
  opt: { type: 'string' },
  provider: { type: 'string' },
  compare: { type: 'string', multiple: true },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  seq: { type: 'string' },
  input: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  country: { type: 'string' },
  json: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function ints(name: string, raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const xs = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const out = xs.map(Number);
  if (!xs.length || out.some((n) => !Number.isInteger(n) || n < 1)) throw new BenchUsageError(`--${name} takes whole numbers ≥ 1 separated by commas, got "${raw}"`);
  return out;
}

function number(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new BenchUsageError(`--${name} needs a number ≥ 0, got "${raw}"`);
  return n;
}

function words<T extends string>(raw: string | undefined): T[] | undefined {
  return raw === undefined ? undefined : (raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) as T[]);
}

function inputs(raw: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of raw ?? []) {
    const eq = r.indexOf('=');
    if (eq < 1 || eq === r.length - 1) throw new BenchUsageError(`--input takes NAME=FILE.json or NAME=FILE.npy, got "${r}"`);
    out[r.slice(0, eq)] = r.slice(eq + 1);
  }
  return out;
}

export async function runBenchCommand(argv: string[]): Promise<number> {
  let options: BenchOptions;
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    const parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    values = parsed.values;
    if (values.help) {
      process.stdout.write(BENCH_HELP);
      return 0;
    }
    if (parsed.positionals.length !== 1) throw new BenchUsageError(parsed.positionals.length ? `one model at a time (got ${parsed.positionals.length}); compare others with --compare OTHER.onnx` : 'no model given: frugal bench MODEL.onnx [options]');
    options = {
      models: [parsed.positionals[0], ...(values.compare ?? [])],
      batches: ints('batch', values.batch),
      threads: ints('threads', values.threads),
      optimizations: words<Optimization>(values.opt),
      providers: words<Provider>(values.provider),
      durationS: number('duration', values.duration),
      warmup: number('warmup', values.warmup),
      seq: number('seq', values.seq),
      timeoutS: number('timeout', values.timeout),
      inputs: inputs(values.input),
      country: values.country,
    };
    const why = values.json === undefined || values.json === '-' ? undefined : unwritable(values.json);
    if (why) throw new BenchUsageError(`cannot write --json ${values.json}: ${why}`);
  } catch (e) {
    if (e instanceof BenchUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`frugal: ${(e as Error).message}\nRun \`frugal bench --help\` for usage.\n`);
      return 2;
    }
    throw e;
  }
  const quiet = !!values.quiet;
  const live = !quiet && process.stderr.isTTY === true;
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  let report;
  try {
    report = await runBench(options, {
      signal: controller.signal,
      onProgress: live ? (p) => process.stderr.write(`\r\x1b[K[${p.done}/${p.total}] ${p.message}`.slice(0, (process.stderr.columns || 100) + 4)) : undefined,
    });
  } catch (e) {
    if (e instanceof BenchUsageError) {
      if (live) process.stderr.write('\r\x1b[K');
      process.stderr.write(`frugal: ${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
  }
  if (live) process.stderr.write('\r\x1b[K');
  const out = values.json === '-' ? process.stderr : process.stdout;
  if (!quiet) for (const f of report.models) out.write(formatFacts(f) + '\n');
  out.write(formatRuns(report));
  if (!quiet) {
    out.write('\n' + formatBest(report));
    for (const n of report.notes) out.write(`  note: ${n}\n`);
  }
  if (values.json) {
    const text = JSON.stringify(report, null, 2) + '\n';
    try {
      if (values.json === '-') process.stdout.write(text);
      else writeWhole(values.json, text);
    } catch (e) {
      process.stderr.write(`frugal: could not write the report: ${(e as Error).message}\n`);
      return 2;
    }
  }
  return report.sweep.failed > 0 || controller.signal.aborted ? 1 : 0;
}

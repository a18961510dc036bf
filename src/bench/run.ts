// runBench(): the sweep. Each model's settings run in a child process (dist/bench-worker.js) under
// the energy profiler, so the energy of every measured window comes from the profiler's own
// samplers (RAPL when readable, else its TDP model; GPU samplers for a GPU provider) and carries
// the same measured/estimated labels as `frugal profile`. A setting that hangs is stopped after its
// timeout, a child that crashes is reported and replaced for the settings left, and no process
// outlives the sweep.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { profileScript } from '../profile';
import { nowMs } from '../profile/clock';
import { gramsCO2e, resolveIntensity, type Intensity } from '../profile/carbon/intensity';
import type { Energy, Method, ProfileReport } from '../profile/types';
import { hasBatchDim, readSample } from './inputs';
import { BenchUsageError, modelFacts } from './model-facts';
import { decode, type ChildMessage, type Job } from './protocol';
import { bestSetting } from './report';
import { OPTIMIZATIONS, PROVIDERS, type BenchHooks, type BenchOptions, type BenchReport, type BenchRun, type ModelFacts, type Setting, type TensorInfo } from './types';

export const DEFAULT_BATCHES = [1, 8, 32];
export const DEFAULT_DURATION_S = 2;
export const DEFAULT_WARMUP = 5;

/** The child's entry point: next to the bundle (dist/bench-worker.js) or, compiled by tsc, worker.js. */
function workerPath(): string {
  const bundled = path.join(__dirname, 'bench-worker.js');
  return existsSync(bundled) ? bundled : path.join(__dirname, 'worker.js');
}

function positiveInts(name: string, xs: number[] | undefined, fallback: number[]): number[] {
  const list = xs?.length ? xs : fallback;
  for (const x of list) if (!Number.isInteger(x) || x < 1) throw new BenchUsageError(`--${name} takes whole numbers ≥ 1, got ${x}`);
  return [...new Set(list)];
}

/** Default threads: 1 and every core (the two ends; a machine with one core has one setting). */
export function defaultThreads(): number[] {
  const cores = os.availableParallelism();
  return [...new Set([1, cores])];
}

interface Point {
  t: number;
  e: Energy;
}

/** Cumulative energy at epoch time `t`, linear between the profiler's samples. */
function energyAt(points: Point[], t: number): Energy {
  if (!points.length) return { cpuJ: 0, gpuJ: 0, ramJ: 0, totalJ: 0 };
  if (t <= points[0].t) return points[0].e;
  for (let i = 1; i < points.length; i++) {
    const b = points[i];
    if (t <= b.t) {
      const a = points[i - 1];
      const f = b.t > a.t ? (t - a.t) / (b.t - a.t) : 1;
      const mix = (x: number, y: number) => x + (y - x) * f;
      return { cpuJ: mix(a.e.cpuJ, b.e.cpuJ), gpuJ: mix(a.e.gpuJ, b.e.gpuJ), ramJ: mix(a.e.ramJ, b.e.ramJ), totalJ: mix(a.e.totalJ, b.e.totalJ) };
    }
  }
  return points[points.length - 1].e;
}

const NOT_GPU: Method = { id: 'none', scope: 'none', estimated: false, label: 'not counted: the CPU provider does not use the GPU' };

function runMethods(report: ProfileReport, provider: Setting['provider']): BenchRun['methods'] {
  return { cpu: report.methods.cpu, gpu: provider === 'cpu' ? NOT_GPU : report.methods.gpu, ram: report.methods.ram };
}

function emptyRun(s: Setting, methods: BenchRun['methods'], error: string): BenchRun {
  return { ...s, iterations: 0, latencyMs: { p50: 0, p95: 0, p99: 0, mean: 0 }, throughputPerS: 0, energyPer1kJ: 0, gCO2ePer1M: 0, method: 'estimated', methods, windowS: 0, overheadPct: 0, error };
}

interface ChildOutcome {
  hello?: Extract<ChildMessage, { type: 'hello' }>;
  loadError?: string;
  runs: BenchRun[];
  report?: ProfileReport;
}

/** Runs `settings` of one model in one child until they are done or the child ends. */
async function runChild(job: Job, intensity: Intensity, timeoutMs: number, hooks: BenchHooks, onRun: (r: BenchRun) => void, onBegin: (s: Setting) => void): Promise<ChildOutcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-bench-'));
  const jobFile = path.join(dir, 'job.json');
  writeFileSync(jobFile, JSON.stringify(job));
  const out: ChildOutcome = { runs: [] };
  const points: Point[] = [];
  const done: Extract<ChildMessage, { type: 'done' }>[] = [];
  const errors = new Map<number, string>();
  let current: number | 'hello' = 'hello';
  let phaseStart = nowMs();
  let timedOut: number | 'hello' | undefined;
  const abort = new AbortController();
  const onOuterAbort = () => abort.abort('cancel');
  hooks.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let pending = '';
  const onMessage = (m: ChildMessage) => {
    phaseStart = nowMs();
    if (m.type === 'hello') out.hello = m;
    else if (m.type === 'load-error') out.loadError = m.message;
    else if (m.type === 'begin') {
      current = m.index;
      onBegin(job.settings[m.index]);
    } else if (m.type === 'done') done.push(m);
    else if (m.type === 'error') errors.set(m.index, m.message);
  };
  const watchdog = setInterval(() => {
    if (timedOut === undefined && nowMs() - phaseStart > timeoutMs) {
      timedOut = current;
      abort.abort('timeout');
    }
  }, 100);
  let report: ProfileReport;
  try {
    report = await profileScript(
      { script: workerPath(), args: [jobFile], durationS: 0, intervalMs: 100, stopGraceMs: 500 },
      {
        signal: abort.signal,
        onStart: ({ pid }) => hooks.onChild?.(pid),
        onOutput: (stream, chunk) => {
          if (stream !== 'stdout') return;
          pending += chunk.toString('utf8');
          let nl: number;
          while ((nl = pending.indexOf('\n')) >= 0) {
            const m = decode(pending.slice(0, nl));
            pending = pending.slice(nl + 1);
            if (m) onMessage(m);
          }
        },
        onSample: (s) => points.push({ t: s.t, e: s.energy }),
      },
    );
  } finally {
    clearInterval(watchdog);
    hooks.signal?.removeEventListener('abort', onOuterAbort);
    rmSync(dir, { recursive: true, force: true });
  }
  out.report = report;
  const start = Date.parse(report.startedAt);
  const timeline = [{ t: start, e: { cpuJ: 0, gpuJ: 0, ramJ: 0, totalJ: 0 } }, ...points.map((p) => ({ t: start + p.t * 1000, e: p.e }))];
  const byIndex = new Map(done.map((d) => [d.index, d]));
  const lastLine = report.stderrTail.trim().split('\n').filter(Boolean).pop();
  for (let i = 0; i < job.settings.length; i++) {
    const s = job.settings[i];
    const methods = runMethods(report, s.provider);
    const d = byIndex.get(i);
    if (d) {
      const a = energyAt(timeline, d.t0);
      const b = energyAt(timeline, d.t1);
      const joules = b.cpuJ - a.cpuJ + (b.ramJ - a.ramJ) + (s.provider === 'cpu' ? 0 : b.gpuJ - a.gpuJ);
      const samples = d.iterations * d.samplesPerCall;
      const windowS = (d.t1 - d.t0) / 1000;
      const per1k = samples > 0 ? (joules / samples) * 1000 : 0;
      const counted = [methods.cpu, methods.ram, methods.gpu].filter((m) => m.id !== 'none');
      const run: BenchRun = {
        ...s,
        iterations: d.iterations,
        latencyMs: d.latencyMs,
        throughputPerS: windowS > 0 ? samples / windowS : 0,
        energyPer1kJ: per1k,
        gCO2ePer1M: gramsCO2e(per1k * 1000, intensity),
        method: counted.every((m) => !m.estimated) ? 'measured' : 'estimated',
        methods,
        windowS,
        overheadPct: windowS > 0 ? Math.max(0, (1 - d.runMs / 1000 / windowS) * 100) : 0,
      };
      out.runs.push(run);
      onRun(run);
      continue;
    }
    const error = errors.get(i);
    if (error !== undefined) {
      const run = emptyRun(s, methods, error);
      out.runs.push(run);
      onRun(run);
      continue;
    }
    // The child ended while running this setting (or before beginning it): that is the failure.
    if (out.loadError !== undefined || !out.hello) break;
    const how = timedOut === i
      ? `did not finish within ${(timeoutMs / 1000).toFixed(0)} s (session creation, warm-up and the measured runs): the ONNX Runtime process was stopped`
      : report.stoppedBy === 'cancel'
        ? 'cancelled'
        : `the ONNX Runtime process ended (${report.signal ? `signal ${report.signal}` : `exit code ${report.exitCode}`}) while running this setting${lastLine ? `: ${lastLine}` : ''}`;
    const run = emptyRun(s, methods, how);
    out.runs.push(run);
    onRun(run);
    break;
  }
  if (!out.hello && out.loadError === undefined) {
    out.loadError = timedOut === 'hello' ? `ONNX Runtime did not load the model within ${(timeoutMs / 1000).toFixed(0)} s` : `the ONNX Runtime process ended (${report.signal ? `signal ${report.signal}` : `exit code ${report.exitCode}`}) before loading the model${lastLine ? `: ${lastLine}` : ''}`;
  }
  return out;
}

/** The settings of one model: batches (only its own batch when its first dimension is fixed) × threads × levels × providers. */
export function settingsFor(model: string, inputs: TensorInfo[], batches: number[], threads: number[], options: BenchOptions): Setting[] {
  const fixed = inputs.length > 0 && !inputs.some((i) => hasBatchDim(i.shape));
  const b = fixed ? [Number(inputs[0].shape[0]) || 1] : batches;
  const out: Setting[] = [];
  for (const provider of options.providers ?? ['cpu']) {
    for (const batch of b) for (const t of threads) for (const optimization of options.optimizations ?? ['disabled', 'all']) out.push({ model, batch, threads: t, optimization, provider });
  }
  return out;
}

export async function runBench(options: BenchOptions, hooks: BenchHooks = {}): Promise<BenchReport> {
  const t0 = nowMs();
  const startedAt = new Date().toISOString();
  const cwd = options.cwd ?? process.cwd();
  if (!options.models.length) throw new BenchUsageError('no model given: frugal bench MODEL.onnx [options]');
  const batches = positiveInts('batch', options.batches, DEFAULT_BATCHES);
  const threads = positiveInts('threads', options.threads, defaultThreads());
  for (const o of options.optimizations ?? []) if (!OPTIMIZATIONS.includes(o)) throw new BenchUsageError(`--opt: unknown level "${o}" (use ${OPTIMIZATIONS.join(', ')})`);
  for (const p of options.providers ?? []) if (!PROVIDERS.includes(p)) throw new BenchUsageError(`--provider: unknown provider "${p}" (use ${PROVIDERS.join(', ')})`);
  const durationS = options.durationS ?? DEFAULT_DURATION_S;
  if (!(durationS > 0 && durationS <= 600)) throw new BenchUsageError(`--duration takes seconds between 0 and 600, got ${durationS}`);
  const warmup = options.warmup ?? DEFAULT_WARMUP;
  if (!Number.isInteger(warmup) || warmup < 0) throw new BenchUsageError(`--warmup takes a whole number ≥ 0, got ${warmup}`);
  const seq = options.seq ?? 128;
  if (!Number.isInteger(seq) || seq < 1) throw new BenchUsageError(`--seq takes a whole number ≥ 1, got ${seq}`);
  const timeoutMs = (options.timeoutS ?? 30 + durationS) * 1000;

  const facts: ModelFacts[] = options.models.map((m) => modelFacts(path.resolve(cwd, m)));
  const samples: Record<string, string> = {};
  for (const [name, file] of Object.entries(options.inputs ?? {})) {
    const full = path.resolve(cwd, file);
    readSample(full);
    if (!facts.some((f) => f.inputs.some((i) => i.name === name))) throw new BenchUsageError(`--input ${name}: no model has an input of that name (inputs: ${[...new Set(facts.flatMap((f) => f.inputs.map((i) => i.name)))].join(', ')})`);
    samples[name] = full;
  }
  const intensity = resolveIntensity({ country: options.country });
  const plans = facts.map((f) => settingsFor(f.path, f.inputs, batches, threads, options));
  const total = plans.reduce((n, p) => n + p.length, 0);
  const runs: BenchRun[] = [];
  const notes: string[] = [];
  let machine: BenchReport['machine'] | undefined;
  let ortVersion = '';
  const progress = (message: string, extra: Partial<{ setting: Setting; run: BenchRun }> = {}) => hooks.onProgress?.({ done: runs.length, total, message, ...extra });

  for (const [m, f] of facts.entries()) {
    let remaining = plans[m];
    if (remaining.length && remaining[0].batch !== batches[0] && !f.inputs.some((i) => hasBatchDim(i.shape))) notes.push(`${path.basename(f.path)} has a fixed first dimension (${remaining[0].batch}): its batch size cannot be swept.`);
    while (remaining.length && !hooks.signal?.aborted) {
      const job: Job = { model: f.path, settings: remaining, durationS, warmup, seq, vocab: f.vocab, samples };
      const outcome = await runChild(
        job,
        intensity,
        timeoutMs,
        hooks,
        (run) => {
          runs.push(run);
          progress(run.error ? `failed: ${run.error}` : `${run.energyPer1kJ.toFixed(3)} J per 1,000 inferences`, { run, setting: run });
        },
        (setting) => progress(`${path.basename(setting.model)} batch ${setting.batch}, ${setting.threads} thread(s), ${setting.optimization}, ${setting.provider}`, { setting }),
      );
      const r = outcome.report!;
      machine ??= {
        cpu: r.devices.cpu,
        gpus: r.devices.gpus,
        ramGB: r.devices.ram.totalGB,
        os: r.devices.os,
        node: process.version,
        onnxruntime: '',
        intensityGPerKWh: intensity.gPerKWh,
        intensitySource: intensity.source,
      };
      for (const n of r.notes) if (!notes.includes(n)) notes.push(n);
      if (outcome.hello) {
        ortVersion ||= outcome.hello.onnxruntime;
        if (!f.inputs.length) f.inputs = outcome.hello.inputs;
      }
      if (outcome.loadError !== undefined) {
        if (!outcome.hello) throw new BenchUsageError(`cannot load ${f.path} in ONNX Runtime: ${outcome.loadError}`);
      }
      remaining = remaining.slice(outcome.runs.length);
      if (!outcome.runs.length) break;
    }
  }
  machine!.onnxruntime = ortVersion;
  const windowS = runs.reduce((s, r) => s + r.windowS, 0);
  const runS = runs.reduce((s, r) => s + r.windowS * (1 - r.overheadPct / 100), 0);
  return {
    schema: 'frugal.bench/1',
    startedAt,
    machine: machine!,
    models: facts,
    runs,
    best: bestSetting(runs),
    sweep: { wallS: (nowMs() - t0) / 1000, windowS, runS, overheadPct: windowS > 0 ? (1 - runS / windowS) * 100 : 0, settings: runs.length, failed: runs.filter((r) => r.error).length },
    notes,
  };
}

// The benchmark's child process (dist/bench-worker.js): loads onnxruntime-node, reads the model's
// inputs from a session, then for each setting creates a session with its threads, optimisation
// level and provider, warms up and runs for the duration, timing every `session.run`. It never
// decides anything about energy: the parent measures this process from outside.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import type * as Ort from 'onnxruntime-node';
import { fitSample, generate, readSample, resolveShape, type Sample } from './inputs';
import { encode, latencyStats, type ChildMessage, type Job } from './protocol';
import type { Setting, TensorInfo } from './types';

const now = () => performance.timeOrigin + performance.now();
const send = (m: ChildMessage) => process.stdout.write(encode(m));

function message(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).split('\n')[0];
}

function metadata(list: readonly Ort.InferenceSession.ValueMetadata[]): TensorInfo[] {
  return list.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: m.shape.map((d) => (typeof d === 'number' && d < 0 ? '?' : d)) } : { name: m.name, type: 'non-tensor', shape: [] }));
}

function sessionOptions(s: Setting): Ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: s.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: s.optimization,
    executionProviders: [s.provider],
  };
}

function feeds(inputs: TensorInfo[], job: Job, samples: Map<string, Sample>, batch: number): { feeds: Record<string, Ort.Tensor>; samplesPerCall: number } {
  const out: Record<string, Ort.Tensor> = {};
  let perCall = 0;
  for (const i of inputs) {
    const { dims, batched } = resolveShape(i.shape, batch, job.seq);
    const sample = samples.get(i.name);
    const data = sample ? fitSample(i.name, sample, i.type, dims, batched) : generate(i.name, i.type, dims, job.vocab[i.name]);
    out[i.name] = new ort.Tensor(i.type as Ort.Tensor.Type, data as Ort.Tensor.DataType, dims);
    perCall = Math.max(perCall, batched ? batch : (dims[0] ?? 1));
  }
  return { feeds: out, samplesPerCall: perCall || 1 };
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Job;
  const samples = new Map(Object.entries(job.samples).map(([name, file]) => [name, readSample(file)]));
  let inputs: TensorInfo[];
  try {
    const probe = await ort.InferenceSession.create(job.model, { graphOptimizationLevel: 'disabled', intraOpNumThreads: 1 });
    inputs = metadata(probe.inputMetadata);
    send({ type: 'hello', onnxruntime: ort.env.versions.node ?? ort.env.versions.common, inputs, outputs: metadata(probe.outputMetadata) });
    await probe.release();
  } catch (e) {
    send({ type: 'load-error', message: message(e) });
    return;
  }
  for (let index = 0; index < job.settings.length; index++) {
    const s = job.settings[index];
    send({ type: 'begin', index });
    let session: Ort.InferenceSession | undefined;
    try {
      session = await ort.InferenceSession.create(job.model, sessionOptions(s));
      const { feeds: f, samplesPerCall } = feeds(inputs, job, samples, s.batch);
      for (let w = 0; w < job.warmup; w++) await session.run(f);
      const latencies: number[] = [];
      const t0 = now();
      const end = t0 + job.durationS * 1000;
      let t = t0;
      let runMs = 0;
      do {
        const a = now();
        await session.run(f);
        t = now();
        latencies.push(t - a);
        runMs += t - a;
      } while (t < end);
      send({ type: 'done', index, t0, t1: t, iterations: latencies.length, runMs, samplesPerCall, latencyMs: latencyStats(latencies) });
    } catch (e) {
      send({ type: 'error', index, message: message(e) });
    } finally {
      await session?.release().catch(() => undefined);
    }
  }
}

// Exit once the output is flushed: ONNX Runtime's thread pools would otherwise keep the process up.
main().then(
  () => process.stdout.write('', () => process.exit(0)),
  (e: unknown) => {
    process.stderr.write(`frugal bench worker: ${message(e)}\n`);
    process.exit(3);
  },
);

// The inference benchmark against the real onnxruntime-node, on tiny models built here: model
// facts, generated inputs of every kind, user samples, the JSON report through the CLI, bad model
// files (exit 2, one line), and a child that hangs or crashes (reported, no process left behind).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { BenchUsageError, modelFacts, runBench, settingsFor } from '../../src/bench';
import { parseJsonSample, parseNpy, resolveShape } from '../../src/bench/inputs';
import { latencyStats } from '../../src/bench/protocol';
import type { BenchReport } from '../../src/bench/types';
import { ROOT } from '../helpers';
import { endless, externalData, mlp, tokens } from './models';
import { alive } from '../alive';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-bench-test-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const QUICK = { durationS: 0.3, warmup: 2, batches: [1, 4], threads: [1], optimizations: ['all' as const] };

function frugal(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'bench', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function npy(descr: string, shape: number[], data: ArrayBufferView): Buffer {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat(63 - ((header.length + 10) % 64)) + '\n';
  const pre = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  return Buffer.concat([pre, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

describe('model facts from the graph', () => {
  test('an MLP: parameters, operators, weight types, symbolic inputs, the int8 advice', () => {
    const f = modelFacts(mlp(dir));
    assert.equal(f.params, 64 * 256 + 256 + 256 * 10 + 10);
    assert.deepEqual(f.ops, { Add: 2, MatMul: 2, Relu: 1 });
    assert.deepEqual(f.inputs, [{ name: 'x', type: 'float32', shape: ['batch', 64] }]);
    assert.deepEqual(f.outputs, [{ name: 'y', type: 'float32', shape: ['batch', 10] }]);
    assert.equal(f.weights[0].type, 'float32');
    assert.equal(f.weights[0].share, 1);
    assert.equal(f.advice[0]?.id, 'dynamic-int8');
    assert.match(f.advice[0].snippet!, /quantize_dynamic\("mlp\.onnx", "mlp\.int8\.onnx", weight_type=QuantType\.QInt8\)/);
    assert.match(f.advice[0].text, /--compare mlp\.int8\.onnx/);
  });

  test('a token model: the vocabulary bound of its ids comes from the embedding table', () => {
    const f = modelFacts(tokens(dir, 37));
    assert.deepEqual(f.vocab, { input_ids: 37 });
    assert.deepEqual(f.inputs.map((i) => i.type), ['int64', 'bool']);
    assert.deepEqual(f.advice, [], 'too small to be worth quantising');
  });

  test('external data: listed, and a missing file is a clear error', () => {
    const sub = mkdtempSync(path.join(dir, 'ext-'));
    const file = externalData(sub);
    const f = modelFacts(file);
    assert.deepEqual(f.externalData, ['weights.bin']);
    assert.equal(f.params, 64 * 256 + 256 * 10);
    rmSync(path.join(sub, 'weights.bin'));
    assert.throws(() => modelFacts(file), (e: Error) => e instanceof BenchUsageError && /external-data file that is missing: weights\.bin/.test(e.message));
  });

  test('symbolic dimensions: the first follows the batch, the others the sequence length', () => {
    assert.deepEqual(resolveShape(['batch', 'seq'], 8, 16), { dims: [8, 16], batched: true });
    assert.deepEqual(resolveShape([3, 'N', 5], 8, 16), { dims: [3, 16, 5], batched: false });
    assert.deepEqual(resolveShape([2, 'batch_size'], 8, 16), { dims: [2, 8], batched: false });
    const fixed = modelFacts(mlp(dir, 'fixed.onnx', 8, 8, 2, 4));
    assert.deepEqual(settingsFor(fixed.path, fixed.inputs, [1, 8, 32], [1], { models: [] }).map((s) => s.batch), [4, 4], 'a fixed batch cannot be swept');
  });
});

describe('samples and statistics', () => {
  test('.npy files: float32, int64, and what is refused', () => {
    const s = parseNpy(npy('<f4', [2, 3], new Float32Array([1, 2, 3, 4, 5, 6])), 'x.npy');
    assert.deepEqual(s.dims, [2, 3]);
    assert.equal(s.type, 'float32');
    assert.deepEqual([...(s.data as Float32Array)], [1, 2, 3, 4, 5, 6]);
    const ids = parseNpy(npy('<i8', [4], new BigInt64Array([1n, 2n, 3n, 4n])), 'ids.npy');
    assert.deepEqual([...(ids.data as BigInt64Array)], [1n, 2n, 3n, 4n]);
    assert.throws(() => parseNpy(Buffer.from('hello world'), 'x.npy'), /not a \.npy file/);
    assert.throws(() => parseNpy(npy('>f4', [1], new Float32Array([1])), 'x.npy'), /big-endian/);
    assert.throws(() => parseNpy(npy('<f4', [4], new Float32Array([1])), 'x.npy'), /ends early/);
  });

  test('JSON samples: nested arrays or dims and data', () => {
    assert.deepEqual(parseJsonSample('[[1, 2], [3, 4], [5, 6]]', 's.json').dims, [3, 2]);
    assert.deepEqual(parseJsonSample('{"dims": [1, 2], "data": [1, 2]}', 's.json').dims, [1, 2]);
    assert.throws(() => parseJsonSample('[[1, 2], [3]]', 's.json'), /rectangular/);
    assert.throws(() => parseJsonSample('{', 's.json'), /not valid JSON/);
  });

  test('latency percentiles by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    assert.deepEqual(latencyStats(xs), { p50: 50, p95: 95, p99: 99, mean: 50.5 });
  });
});

describe('runBench with onnxruntime-node', () => {
  test('an MLP over two batch sizes: latency from the runs, energy per sample from the window', async () => {
    const pids: number[] = [];
    const progress: string[] = [];
    const r = await runBench({ models: [mlp(dir)], ...QUICK }, { onChild: (pid) => pids.push(pid), onProgress: (p) => progress.push(`${p.done}/${p.total}`) });
    assert.equal(r.schema, 'frugal.bench/1');
    assert.equal(r.runs.length, 2);
    for (const run of r.runs) {
      assert.equal(run.error, undefined);
      assert.ok(run.iterations > 10, `${run.iterations} iterations`);
      assert.ok(run.latencyMs.p50 > 0 && run.latencyMs.p50 <= run.latencyMs.p95 && run.latencyMs.p95 <= run.latencyMs.p99);
      // One inference is one sample: throughput counts samples, not calls.
      const calls = run.iterations / run.windowS;
      assert.ok(Math.abs(run.throughputPerS - calls * run.batch) / run.throughputPerS < 1e-6);
      assert.ok(run.energyPer1kJ > 0 && run.gCO2ePer1M > 0);
      assert.equal(run.method, run.methods.cpu.estimated || run.methods.ram.estimated ? 'estimated' : 'measured');
      assert.equal(run.methods.gpu.id, 'none');
    }
    assert.ok(r.best && r.best.index >= 0);
    assert.equal(r.best.energyPer1kJ, Math.min(...r.runs.map((x) => x.energyPer1kJ)));
    assert.match(r.best.snippets.python, /graph_optimization_level = ort\.GraphOptimizationLevel\.ORT_ENABLE_ALL/);
    assert.match(r.best.snippets.typescript, /graphOptimizationLevel: 'all'/);
    assert.ok(r.machine.onnxruntime.startsWith('1.'), r.machine.onnxruntime);
    assert.ok(r.sweep.overheadPct >= 0 && r.sweep.overheadPct < 50, `overhead ${r.sweep.overheadPct} %`);
    assert.equal(progress.at(-1), '2/2');
    assert.ok(pids.length === 1 && !alive(pids[0]), 'the child is gone');
  });

  test('int64 token ids within the vocabulary and a boolean mask; external data; --compare', async () => {
    const sub = mkdtempSync(path.join(dir, 'cmp-'));
    const r = await runBench({ models: [tokens(sub, 20), externalData(sub)], ...QUICK, batches: [2], seq: 8 });
    assert.deepEqual(r.runs.map((x) => [path.basename(x.model), x.error]), [['tokens.onnx', undefined], ['external.onnx', undefined]]);
    assert.equal(r.models.length, 2);
  });

  test('a user sample (.npy) is repeated to fill the batch; a wrong shape is refused before anything runs', async () => {
    const sample = path.join(dir, 'x.npy');
    writeFileSync(sample, npy('<f4', [1, 64], new Float32Array(64).fill(0.5)));
    const r = await runBench({ models: [mlp(dir)], ...QUICK, batches: [3], inputs: { x: sample } });
    assert.equal(r.runs[0].error, undefined);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([[1, 2, 3]]));
    const r2 = await runBench({ models: [mlp(dir)], ...QUICK, batches: [1], inputs: { x: bad } });
    assert.match(r2.runs[0].error ?? '', /shape \[1, 3\] but the model takes \[batch, 64\]/);
    await assert.rejects(runBench({ models: [mlp(dir)], ...QUICK, inputs: { nope: sample } }), /no model has an input of that name/);
  });

  test('a model that never returns: stopped at the timeout, reported, no process left', async () => {
    const pids: number[] = [];
    const t0 = Date.now();
    const r = await runBench({ models: [endless(dir)], durationS: 0.2, warmup: 1, batches: [1], threads: [1], optimizations: ['disabled'], timeoutS: 3 }, { onChild: (pid) => pids.push(pid) });
    assert.ok(Date.now() - t0 < 20_000);
    assert.equal(r.runs.length, 1);
    assert.match(r.runs[0].error ?? '', /did not finish within 3 s/);
    assert.equal(r.best, null);
    assert.equal(r.sweep.failed, 1);
    assert.ok(pids.length === 1 && !alive(pids[0]), 'the hung child was stopped');
  });

  test('a child that crashes: the setting is reported, the next ones run in a new child', async () => {
    const pids: number[] = [];
    let killed = false;
    const r = await runBench(
      { models: [mlp(dir)], ...QUICK, durationS: 1, batches: [1, 2] },
      {
        onChild: (pid) => pids.push(pid),
        onProgress: (p) => {
          if (!killed && p.setting && !p.run) {
            killed = true;
            setTimeout(() => process.kill(pids[0], 'SIGSEGV'), 300);
          }
        },
      },
    );
    assert.match(r.runs[0].error ?? '', /ended \(signal SIGSEGV\) while running this setting/);
    assert.equal(r.runs[1].error, undefined);
    assert.equal(pids.length, 2, 'a second child for the rest');
    for (const pid of pids) assert.ok(!alive(pid));
  });
});

describe('frugal bench (CLI)', () => {
  test('--json writes frugal.bench/1; the table marks the best; exit 0', () => {
    const model = mlp(dir);
    const json = path.join(dir, 'report.json');
    const r = frugal([model, '--batch', '1,8', '--threads', '1', '--opt', 'basic', '--duration', '0.3', '--warmup', '1', '--json', json]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^★ .*\bbasic\b/m);
    assert.match(r.stdout, /intra_op_num_threads = 1/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    assert.equal(report.schema, 'frugal.bench/1');
    assert.deepEqual(Object.keys(report.runs[0]).slice(0, 14), ['model', 'batch', 'threads', 'optimization', 'provider', 'iterations', 'latencyMs', 'throughputPerS', 'energyPer1kJ', 'gCO2ePer1M', 'method', 'methods', 'windowS', 'overheadPct']);
    assert.deepEqual(report.models[0].ops, { Add: 2, MatMul: 2, Relu: 1 });
    assert.ok(report.best);
  });

  test('truncated, empty, non-ONNX and missing files: exit 2 with one clear line', () => {
    const model = mlp(dir, 'whole.onnx');
    const truncated = path.join(dir, 'truncated.onnx');
    copyFileSync(model, truncated);
    truncateSync(truncated, 5000);
    const empty = path.join(dir, 'empty.onnx');
    writeFileSync(empty, '');
    const text = path.join(dir, 'notes.onnx');
    writeFileSync(text, 'this is not a model, just some text that happens to end in .onnx\n');
    const cases: [string, RegExp][] = [
      [truncated, /is not a readable ONNX model: it ends early \(truncated\?\)/],
      [empty, /is empty \(0 bytes\), not an ONNX model/],
      [text, /is not a readable ONNX model: it does not decode as an ONNX ModelProto/],
      [path.join(dir, 'missing.onnx'), /model not found/],
    ];
    for (const [file, message] of cases) {
      const r = frugal([file, '--duration', '0.2']);
      assert.equal(r.code, 2, `${file}: ${r.stderr}`);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], message);
    }
  });

  test('a failed setting exits 1; usage errors exit 2', () => {
    const r = frugal([mlp(dir), '--provider', 'cuda', '--batch', '1', '--threads', '1', '--opt', 'all', '--duration', '0.2']);
    if (r.code === 0) return; // a machine with CUDA binaries and a GPU runs it
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /failed: /);
    assert.equal(frugal([mlp(dir), '--opt', 'fast']).code, 2);
    assert.equal(frugal([mlp(dir), '--batch', '0']).code, 2);
    assert.equal(frugal([]).code, 2);
    assert.match(frugal(['--help']).stdout, /frugal bench MODEL\.onnx/);
  });
});

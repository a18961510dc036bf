// The NVIDIA path: nvidia-smi line parsing ([N/A], [Not Supported], several GPUs), trapezoid
// integration, per-process attribution from the compute-apps list; and end to end through the CLI
// with the fake nvidia-smi replaying the recorded H200 trace, compared with what it printed
// (FAKE_SMI_LOG) and with NVML's energy counter (the ground truth recorded beside it).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { trapezoidJ } from '../../src/profile/power/series';
import { NvidiaSampler, parseAppLine, parseSmiLine, smiNumber } from '../../src/profile/samplers/nvidia';
import type { ProfileReport } from '../../src/profile/types';
import { ROOT } from '../helpers';

// A real H200 trace with NVML ground truth, and a fake nvidia-smi that replays it (kept in the
// repository so that CI checks the GPU path on machines without a GPU).
const FAKE_SMI = path.join(ROOT, 'test', 'tools', 'fake-nvidia-smi');
const TRACE = path.join(ROOT, 'test', 'fixtures', 'gpu-h200');
const CLI = path.join(ROOT, 'dist', 'cli.js');

describe('nvidia-smi parsing', () => {
  test('a row with units stripped, and the unsupported markers', () => {
    const row = parseSmiLine('2026/11/27 21:41:28.191, 0, GPU-1837d3b4, NVIDIA H200, 79.08, 3, 1139')!;
    assert.equal(row.index, 0);
    assert.equal(row.name, 'NVIDIA H200');
    assert.equal(row.powerW, 79.08);
    assert.equal(row.utilizationPct, 3);
    assert.equal(row.memoryMiB, 1139);
    assert.equal(row.tMs, new Date(2026, 10, 27, 21, 41, 28, 191).getTime());
    const na = parseSmiLine('2026/11/27 21:41:28.191, 1, GPU-x, Tesla K80, [N/A], [Not Supported], [Unknown Error]')!;
    assert.equal(na.index, 1);
    assert.equal(na.powerW, undefined);
    assert.equal(na.utilizationPct, undefined);
    assert.equal(parseSmiLine('NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver.'), undefined);
    assert.equal(smiNumber('79.08 W'), 79.08);
    assert.equal(smiNumber('[Not Supported]'), undefined);
    assert.deepEqual(parseAppLine('2026/11/27 21:41:30.000, GPU-abc, 4242, 1024'), { stamp: '2026/11/27 21:41:30.000', gpuUuid: 'GPU-abc', pid: 4242, usedMiB: 1024 });
  });

  test('trapezoid: clipped to the window with interpolation, last value held after the last point', () => {
    const pts: [number, number][] = [[0, 100], [1000, 200], [2000, 200]];
    assert.equal(trapezoidJ(pts, 0, 2000), 350);
    assert.equal(trapezoidJ(pts, 500, 1500), 0.5 * (150 + 200) / 2 + 0.5 * 200);
    assert.equal(trapezoidJ(pts, 1500, 3000), 300);
    assert.equal(trapezoidJ([], 0, 1000), 0);
  });
});

/** A stand-in for a spawned nvidia-smi that prints the given lines. */
class FakeChild extends EventEmitter {
  stdout = new PassThrough();
  stderr = new PassThrough();
  exitCode: number | null = null;
  signalCode: string | null = null;
  kill(): boolean {
    this.exitCode = 0;
    this.emit('exit', 0, null);
    return true;
  }
}

function stamp(t: number): string {
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

describe('per-process attribution', () => {
  test("only the GPUs the script's processes used count, split by GPU memory with other processes", async () => {
    const t0 = Date.now();
    const spawnFn = (_file: string, args: string[]) => {
      const child = new FakeChild();
      setImmediate(() => {
        if (args[0].startsWith('--query-gpu')) {
          for (const dt of [0, 500, 1000]) {
            child.stdout.write(`${stamp(t0 + dt)}, 0, GPU-aaa, NVIDIA A100-SXM4-40GB, 100.00, 50, 1000\n`);
            child.stdout.write(`${stamp(t0 + dt)}, 1, GPU-bbb, NVIDIA A100-SXM4-40GB, 200.00, 0, 0\n`);
          }
        } else {
          // Our process (this test's pid) and another one (pid 1) share GPU 0.
          child.stdout.write(`${stamp(t0)}, GPU-aaa, ${process.pid}, 1000\n${stamp(t0)}, GPU-aaa, 1, 3000\n`);
          child.stdout.end();
          child.exitCode = 0;
          child.emit('exit', 0, null);
        }
      });
      return child as unknown as ChildProcess;
    };
    const s = new NvidiaSampler(500, process.env, spawnFn);
    await s.start(2000);
    assert.equal(s.gpus.size, 2);
    s.startApps((pid) => pid === process.pid);
    await new Promise((r) => setTimeout(r, 50));
    await s.stop();
    const a = s.attribution(t0, t0 + 1000, undefined);
    assert.equal(a.scope, 'process-tree');
    assert.equal(a.wholeJ, 300);
    assert.equal(a.scriptJ, 25);
    assert.match(a.label, /#0 25 % by GPU memory, shared with other processes/);
  });

  test('without per-process data: CUDA_VISIBLE_DEVICES limits the GPUs counted whole', async () => {
    const t0 = Date.now();
    const spawnFn = (_file: string, args: string[]) => {
      const child = new FakeChild();
      setImmediate(() => {
        if (args[0].startsWith('--query-gpu')) {
          for (const dt of [0, 1000]) {
            child.stdout.write(`${stamp(t0 + dt)}, 0, GPU-aaa, NVIDIA L4, 30.00, 0, 0\n${stamp(t0 + dt)}, 1, GPU-bbb, NVIDIA L4, 70.00, 0, 0\n`);
          }
        } else {
          child.stdout.end();
          child.emit('exit', 0, null);
        }
      });
      return child as unknown as ChildProcess;
    };
    const s = new NvidiaSampler(1000, process.env, spawnFn);
    await s.start(2000);
    s.startApps(() => false);
    await new Promise((r) => setTimeout(r, 20));
    await s.stop();
    const a = s.attribution(t0, t0 + 1000, '1');
    assert.equal(a.scope, 'whole-device');
    assert.equal(a.scriptJ, 70);
    assert.match(a.label, /1 of 2 \(CUDA_VISIBLE_DEVICES\)/);
    assert.match(a.label, /lists no compute processes/);
  });

  test('nvidia-smi missing: a clear problem, no GPU', async () => {
    const s = new NvidiaSampler(200, { ...process.env, PATH: '/nonexistent' });
    await s.start(2000);
    assert.equal(s.gpus.size, 0);
    assert.match(s.problem!, /nvidia-smi not found on PATH/);
  });
});

// --- End to end with the replayed H200 trace ----------------------------------------------------

/** nvidia-smi prints local wall-clock time; the H200 machine ran in UTC. */
function traceTime(stampText: string): number {
  const [d, t] = stampText.trim().split(' ');
  return Date.parse(`${d.replaceAll('/', '-')}T${t}Z`) / 1000;
}

function interpolate(xs: number[], ys: number[], x: number): number {
  if (x <= xs[0]) return ys[0];
  for (let i = 1; i < xs.length; i++) if (x <= xs[i]) return ys[i - 1] + ((ys[i] - ys[i - 1]) * (x - xs[i - 1])) / (xs[i] - xs[i - 1]);
  return ys[ys.length - 1];
}

/** Trapezoid over what the fake printed, clipped to [start, end] (an implementation independent of ours). */
function expectedFromLog(log: [number, number][], start: number, end: number): number {
  const ts = log.map(([t]) => t);
  const ws = log.map(([, w]) => w);
  const grid = [start, ...ts.filter((t) => t > start && t < end), end];
  let j = 0;
  for (let i = 1; i < grid.length; i++) j += ((interpolate(ts, ws, grid[i - 1]) + interpolate(ts, ws, grid[i])) / 2) * (grid[i] - grid[i - 1]);
  return j;
}

/**
 * NVML's counter over the stretch of the trace the fake replayed during [start, end]. The fake
 * replays on its own clock (row i is due at its first print + the row's offset in the trace), so
 * that clock maps real time to trace time even when a busy machine delays some prints.
 */
function groundTruth(log: [number, number][], offsetS: number, start: number, end: number): number {
  const rows = readFileSync(path.join(TRACE, 'smi_100ms.csv'), 'utf8').trim().split('\n').map((l) => traceTime(l.split(',')[0]));
  const first = rows.find((t) => t - rows[0] >= offsetS)!;
  const toTrace = (t: number) => first + (t - log[0][0]);
  const samples = readFileSync(path.join(TRACE, 'nvml_trace.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  // The counter moves in steps about every 100 ms (about 70 J at full load): interpolate between the
  // moments it changes, not across the 25-ms samples of a flat step, or a window edge moved by 50 ms
  // gains or loses a whole step.
  const steps = samples.filter((r, i) => i === 0 || r[1] !== samples[i - 1][1]);
  const counter = (t: number) => interpolate(steps.map((r) => r[0]), steps.map((r) => r[1]), t);
  return (counter(toTrace(end)) - counter(toTrace(start))) / 1000;
}

function runWithFakeGpu(offsetS: number, durationS: number): Promise<{ report: ProfileReport; log: [number, number][] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-gpu-'));
  const script = path.join(dir, 'idle.js');
  writeFileSync(script, 'setTimeout(() => {}, 600000);\n');
  const logFile = path.join(dir, 'smi.log');
  const json = path.join(dir, 'report.json');
  const env = { ...process.env, PATH: `${FAKE_SMI}${path.delimiter}${process.env.PATH}`, FAKE_SMI_LOG: logFile, FAKE_SMI_OFFSET_S: String(offsetS) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'profile', '--quiet', '--duration', String(durationS), '--interval', '100', '--json', json, script], { env, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`frugal profile exited ${code}`));
      const log = readFileSync(logFile, 'utf8').trim().split('\n').map((l) => l.split(',').map(Number) as [number, number]);
      resolve({ report: JSON.parse(readFileSync(json, 'utf8')) as ProfileReport, log });
    });
  });
}

const canReplay = existsSync(path.join(FAKE_SMI, 'nvidia-smi')) && process.platform === 'linux';

describe('the recorded H200 trace, offline', { skip: !existsSync(TRACE) && 'needs test/fixtures/gpu-h200' }, () => {
  test('our trapezoid over power.draw at 100 ms, on the NVML window: 11,786 J, 0.9985 of the counter', () => {
    const points = readFileSync(path.join(TRACE, 'smi_100ms.csv'), 'utf8').trim().split('\n').map((l) => {
      const f = l.split(', ');
      return [traceTime(f[0]) * 1000, Number(f[2])] as [number, number];
    });
    const nvml = readFileSync(path.join(TRACE, 'nvml_trace.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const [first, last] = [nvml[0], nvml[nvml.length - 1]];
    const ours = trapezoidJ(points, first[0] * 1000, last[0] * 1000);
    const counter = (last[1] - first[1]) / 1000;
    assert.ok(Math.abs(ours - 11786.0) < 1, `${ours} J`);
    assert.ok(Math.abs(counter - 11803.8) < 0.1, `${counter} J`);
    assert.equal((ours / counter).toFixed(4), '0.9985');
  });
});

describe('GPU energy through the replayed H200 trace', { skip: !canReplay && 'needs python3 for test/tools/fake-nvidia-smi, and Linux' }, () => {
  test('3 s of the heavy phase: equal to what nvidia-smi printed, within 1 % of NVML', async () => {
    const offset = 11; // the trace's steady bf16-matmul stretch (about 690 W)
    const { report, log } = await runWithFakeGpu(offset, 3);
    const start = Date.parse(report.startedAt) / 1000;
    const end = start + report.durationS;
    assert.equal(report.methods.gpu.id, 'nvidia-smi');
    assert.equal(report.methods.gpu.scope, 'whole-device');
    assert.match(report.methods.gpu.label, /lists no compute processes/);
    assert.deepEqual(report.devices.gpus.map((g) => g.name), ['NVIDIA H200']);
    const expected = expectedFromLog(log, start, end);
    const truth = groundTruth(log, offset, start, end);
    assert.ok(report.energy.gpuJ > 1500, `heavy phase: ${report.energy.gpuJ} J`);
    assert.ok(Math.abs(report.energy.gpuJ / expected - 1) < 0.002, `ours ${report.energy.gpuJ} J vs printed ${expected} J`);
    assert.ok(Math.abs(report.energy.gpuJ / truth - 1) < 0.01, `ours ${report.energy.gpuJ} J vs NVML ${truth} J`);
    assert.equal(report.machine.gpuJ, report.energy.gpuJ);
  });

  // The whole recorded window (25 s): run with FRUGAL_LONG_TESTS=1; docs/accuracy.md has its result.
  test('the whole NVML window (25 s), within 1 % of NVML', { skip: process.env.FRUGAL_LONG_TESTS !== '1' && 'set FRUGAL_LONG_TESTS=1' }, async () => {
    const offset = 6.04; // the NVML trace starts 6.04 s into the nvidia-smi trace
    const { report, log } = await runWithFakeGpu(offset, 25);
    const start = Date.parse(report.startedAt) / 1000;
    const end = start + report.durationS;
    const expected = expectedFromLog(log, start, end);
    const truth = groundTruth(log, offset, start, end);
    console.log(JSON.stringify({ oursJ: report.energy.gpuJ, printedJ: expected, nvmlJ: truth, ratio: report.energy.gpuJ / truth, windowS: report.durationS }));
    assert.ok(Math.abs(report.energy.gpuJ / expected - 1) < 0.002);
    assert.ok(Math.abs(report.energy.gpuJ / truth - 1) < 0.01);
  });
});

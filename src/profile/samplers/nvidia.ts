// NVIDIA GPUs through one long-running `nvidia-smi --query-gpu ... -lms N` stream per run, parsed
// line by line, integrated per GPU with the trapezoid rule; and, beside it, nvidia-smi's list of
// compute processes, to count only the GPUs the script used (when the driver can see its PIDs).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LineSplitter } from '../runner/output';
import { PowerSeries } from '../power/series';
import { nowMs } from '../clock';
import { CLOCK_TICKS_PER_S, readPidStat } from '../procfs/procfs';
import type { GpuReading } from '../types';

export const QUERY_FIELDS = ['timestamp', 'index', 'uuid', 'name', 'power.draw', 'utilization.gpu', 'memory.used'];

export interface SmiRow {
  /** nvidia-smi's own timestamp (local wall clock), epoch ms; undefined if unparsable. */
  tMs?: number;
  index: number;
  uuid: string;
  name: string;
  powerW?: number;
  utilizationPct?: number;
  memoryMiB?: number;
}

/** `[N/A]`, `[Not Supported]`, `[Unknown Error]`, `N/A`, empty → undefined; numbers with or without units. */
export function smiNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim();
  if (!v || v.startsWith('[') || v === 'N/A') return undefined;
  const n = parseFloat(v);
  return Number.isFinite(n) ? n : undefined;
}

/** `YYYY/MM/DD HH:MM:SS.mmm` in local time. */
export function parseSmiTimestamp(raw: string): number | undefined {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms] = m;
  return new Date(+y, +mo - 1, +d, +h, +mi, +s, ms ? +ms.padEnd(3, '0') : 0).getTime();
}

/** One line of the QUERY_FIELDS stream (`--format=csv,noheader,nounits`: fields joined by ", "). */
export function parseSmiLine(line: string): SmiRow | undefined {
  const f = line.split(',').map((s) => s.trim());
  if (f.length < QUERY_FIELDS.length) return undefined;
  const index = smiNumber(f[1]);
  if (index === undefined) return undefined;
  return {
    tMs: parseSmiTimestamp(f[0]),
    index,
    uuid: f[2],
    // A GPU name never holds a comma; if it did, the extra fields shift and the row is still right from the end.
    name: f.slice(3, f.length - 3).join(', '),
    powerW: smiNumber(f[f.length - 3]),
    utilizationPct: smiNumber(f[f.length - 2]),
    memoryMiB: smiNumber(f[f.length - 1]),
  };
}

export interface ComputeApp {
  gpuUuid: string;
  pid: number;
  usedMiB?: number;
}

/** `--query-compute-apps=timestamp,gpu_uuid,pid,used_memory --format=csv,noheader,nounits`. */
export function parseAppLine(line: string): (ComputeApp & { stamp: string }) | undefined {
  const f = line.split(',').map((s) => s.trim());
  if (f.length < 4) return undefined;
  const pid = smiNumber(f[2]);
  if (pid === undefined) return undefined;
  return { stamp: f[0], gpuUuid: f[1], pid, usedMiB: smiNumber(f[3]) };
}

export interface GpuTrack {
  index: number;
  uuid: string;
  name: string;
  series: PowerSeries;
  lastUtil?: number;
  utilSum: number;
  utilCount: number;
  mig?: boolean;
}

/** Per GPU, which PIDs used it and how much memory, accumulated over the run. */
interface AppObservation {
  ours: number;
  all: number;
  ourMemory: number;
  allMemory: number;
}

export type SpawnFn = (file: string, args: string[], opts: { env: NodeJS.ProcessEnv }) => ChildProcess;

const defaultSpawn: SpawnFn = (file, args, opts) => spawn(file, args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });

export class NvidiaSampler {
  readonly gpus = new Map<number, GpuTrack>();
  /** Set when nvidia-smi is missing or failed; the sentence says which. */
  problem?: string;
  /** Helper processes that exited while the script ran (their CPU time lands in ours). */
  helperExited = false;
  /** CPU seconds the nvidia-smi helpers used, read just before they are stopped (Linux). */
  helperCpuS = 0;
  private stream?: ChildProcess;
  private apps?: ChildProcess;
  private appsAvailable = false;
  private appsSawForeignNamespace = false;
  private readonly appObs = new Map<string, AppObservation>();
  private lastLineMs = 0;
  private stopping = false;
  private stderr = '';

  constructor(
    private readonly intervalMs: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly spawnFn: SpawnFn = defaultSpawn,
    private readonly procRoot = '/proc',
  ) {}

  /** Starts the stream; resolves once every GPU has reported once (or on failure / timeout). */
  start(timeoutMs = 5000): Promise<void> {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          resolve();
        }
      };
      let child: ChildProcess;
      try {
        child = this.spawnFn('nvidia-smi', [`--query-gpu=${QUERY_FIELDS.join(',')}`, '--format=csv,noheader,nounits', `-lms`, String(this.intervalMs)], { env: this.env });
      } catch (e) {
        this.problem = `nvidia-smi could not be started: ${(e as Error).message}`;
        return finish();
      }
      this.stream = child;
      const lines = new LineSplitter();
      let firstBatch = -1;
      child.stdout!.on('data', (chunk: Buffer) => {
        for (const line of lines.push(chunk)) {
          const row = parseSmiLine(line);
          if (!row) {
            if (!this.gpus.size && !this.problem && line.trim()) this.problem = `nvidia-smi printed something unexpected: ${line.trim().slice(0, 200)}`;
            continue;
          }
          this.record(row);
          // All GPUs are printed together each round: the round is complete when an index repeats,
          // or shortly after the first line if the second round is slow to come.
          if (firstBatch < 0) {
            firstBatch = row.index;
            setTimeout(finish, Math.min(300, this.intervalMs));
          } else if (row.index === firstBatch) finish();
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => {
        if (this.stderr.length < 2000) this.stderr += chunk.toString('utf8');
      });
      child.once('error', (e: NodeJS.ErrnoException) => {
        this.problem = e.code === 'ENOENT' ? 'nvidia-smi not found on PATH (no NVIDIA driver on this machine)' : `nvidia-smi could not be started: ${e.message}`;
        finish();
      });
      child.once('exit', (code, signal) => {
        if (!this.stopping) {
          this.helperExited = true;
          const why = this.stderr.trim().split('\n')[0] || (signal ? `signal ${signal}` : `exit code ${code}`);
          this.problem ??= this.gpus.size ? `nvidia-smi stopped during the run (${why}); the GPU energy covers only what it reported` : `nvidia-smi failed: ${why}`;
        }
        finish();
      });
      setTimeout(() => {
        if (!this.gpus.size) this.problem ??= `nvidia-smi printed no GPU within ${timeoutMs / 1000} s`;
        finish();
      }, timeoutMs).unref();
    });
  }

  /** Starts the compute-process list beside the power stream (only once GPUs were found). */
  startApps(isOurs: (pid: number) => boolean): void {
    if (!this.gpus.size) return;
    let child: ChildProcess;
    try {
      child = this.spawnFn('nvidia-smi', ['--query-compute-apps=timestamp,gpu_uuid,pid,used_memory', '--format=csv,noheader,nounits', '-lms', '1000'], { env: this.env });
    } catch {
      return;
    }
    this.apps = child;
    const lines = new LineSplitter();
    let stamp = '';
    let round: ComputeApp[] = [];
    const flush = () => {
      if (round.length) this.observeApps(round, isOurs);
      round = [];
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) {
        const app = parseAppLine(line);
        if (!app) continue;
        if (app.stamp !== stamp) {
          flush();
          stamp = app.stamp;
        }
        round.push(app);
      }
    });
    child.once('error', () => undefined);
    child.once('exit', () => {
      flush();
      if (!this.stopping) this.helperExited = true;
    });
  }

  private observeApps(apps: ComputeApp[], isOurs: (pid: number) => boolean): void {
    // PIDs from another PID namespace (a container seeing host PIDs) match nothing here: then the
    // list says nothing about the script, and the GPUs are counted whole.
    if (!apps.some((a) => existsSync(path.join(this.procRoot, String(a.pid))))) {
      this.appsSawForeignNamespace = true;
      return;
    }
    this.appsAvailable = true;
    for (const a of apps) {
      const o = this.appObs.get(a.gpuUuid) ?? { ours: 0, all: 0, ourMemory: 0, allMemory: 0 };
      const ours = isOurs(a.pid);
      o.all++;
      o.allMemory += a.usedMiB ?? 0;
      if (ours) {
        o.ours++;
        o.ourMemory += a.usedMiB ?? 0;
      }
      this.appObs.set(a.gpuUuid, o);
    }
  }

  private record(row: SmiRow): void {
    const arrival = nowMs();
    this.lastLineMs = arrival;
    let gpu = this.gpus.get(row.index);
    if (!gpu) {
      gpu = { index: row.index, uuid: row.uuid, name: row.name, series: new PowerSeries(), utilSum: 0, utilCount: 0 };
      this.gpus.set(row.index, gpu);
    }
    // nvidia-smi's timestamp marks when it queried the driver; trust it unless the clocks disagree.
    const t = row.tMs !== undefined && Math.abs(row.tMs - arrival) < 2000 ? row.tMs : arrival;
    if (row.powerW !== undefined) gpu.series.add(t, row.powerW);
    if (row.utilizationPct !== undefined) {
      gpu.lastUtil = row.utilizationPct;
      gpu.utilSum += row.utilizationPct;
      gpu.utilCount++;
    }
  }

  latest(): GpuReading[] {
    return [...this.gpus.values()].map((g) => ({ index: g.index, powerW: g.series.latestW() ?? 0, utilizationPct: g.lastUtil }));
  }

  /** Waits until every GPU reported a reading at or after `tMs` (bounded), so the window's end is covered. */
  async waitPast(tMs: number, limitMs = this.intervalMs * 2 + 1000): Promise<void> {
    const deadline = nowMs() + limitMs;
    while (nowMs() < deadline && this.stream && this.stream.exitCode === null) {
      const covered = [...this.gpus.values()].every((g) => (g.series.points[g.series.points.length - 1]?.[0] ?? 0) >= tMs);
      if (covered) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const child of [this.stream, this.apps]) {
      if (child?.pid) {
        const st = readPidStat(this.procRoot, child.pid);
        if (st) this.helperCpuS += (st.ownTicks + st.childTicks) / CLOCK_TICKS_PER_S;
      }
      if (child && child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([gone, new Promise((r) => setTimeout(r, 1000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    }
  }

  /**
   * Energy per GPU over the window and the script's share: with per-process data, the GPUs its
   * processes used (split by GPU memory where others shared them); without, every GPU the script
   * may see (CUDA_VISIBLE_DEVICES), whole.
   */
  attribution(startMs: number, endMs: number, visible: string | undefined): { wholeJ: number; scriptJ: number; perGpu: { index: number; energyJ: number; share: number }[]; label: string; scope: 'process-tree' | 'whole-device' } {
    const perGpu: { index: number; energyJ: number; share: number }[] = [];
    let wholeJ = 0;
    let scriptJ = 0;
    const allowed = visibleFilter(visible);
    for (const g of this.gpus.values()) {
      const e = g.series.energyJ(startMs, endMs);
      wholeJ += e;
      let share: number;
      if (this.appsAvailable) {
        const o = this.appObs.get(g.uuid);
        share = !o || !o.ours ? 0 : o.allMemory > 0 ? o.ourMemory / o.allMemory : o.ours / o.all;
      } else share = allowed(g) ? 1 : 0;
      perGpu.push({ index: g.index, energyJ: e, share });
      scriptJ += e * share;
    }
    const names = summariseNames([...this.gpus.values()].map((g) => g.name));
    const mig = [...this.gpus.values()].some((g) => g.mig) ? '; MIG is on, and power is only reported for the whole physical GPU, shared by its instances' : '';
    const rate = `power.draw every ${this.intervalMs} ms, trapezoid-integrated`;
    if (this.appsAvailable) {
      const used = perGpu.filter((p) => p.share > 0);
      const label = used.length
        ? `nvidia-smi ${rate}, for the GPU(s) the script's processes used (${used.map((p) => `#${p.index}${p.share < 1 ? ` ${(p.share * 100).toFixed(0)} % by GPU memory, shared with other processes` : ''}`).join(', ')}) of ${names}${mig}`
        : `nvidia-smi ${rate}: the script's processes never appeared in nvidia-smi's compute-process list, so no GPU energy is attributed to it (${names}${mig})`;
      return { wholeJ, scriptJ, perGpu, label, scope: 'process-tree' };
    }
    const why = this.appsSawForeignNamespace
      ? "nvidia-smi lists compute processes from another PID namespace (a container), so they cannot be matched to the script's"
      : 'nvidia-smi lists no compute processes here (usual in containers and VMs)';
    const counted = perGpu.filter((p) => p.share > 0).length;
    const which = counted === perGpu.length ? names : `${counted} of ${perGpu.length} (CUDA_VISIBLE_DEVICES) of ${names}`;
    return { wholeJ, scriptJ, perGpu, label: `nvidia-smi ${rate}; whole GPU(s) while the script ran (${which}), because ${why}${mig}`, scope: 'whole-device' };
  }

  meanUtilization(): number | undefined {
    const gs = [...this.gpus.values()].filter((g) => g.utilCount);
    return gs.length ? gs.reduce((s, g) => s + g.utilSum / g.utilCount, 0) / gs.length : undefined;
  }
}

/** CUDA_VISIBLE_DEVICES holds indices, UUIDs or UUID prefixes; an unparsable value shows every GPU. */
function visibleFilter(visible: string | undefined): (g: GpuTrack) => boolean {
  if (visible === undefined || visible.trim() === '') return () => visible === undefined;
  const items = visible.split(',').map((s) => s.trim()).filter(Boolean);
  return (g) =>
    items.some((item) => (/^\d+$/.test(item) ? Number(item) === g.index : g.uuid.startsWith(item.replace(/^MIG-/, '')) || item.startsWith(g.uuid)));
}

function summariseNames(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => `${c} × ${n}`).join(', ');
}

/** The one-shot MIG check (older drivers lack the field: then MIG is assumed off). */
export function parseMigModes(stdout: string): Map<number, boolean> {
  const out = new Map<number, boolean>();
  for (const line of stdout.split('\n')) {
    const [index, mode] = line.split(',').map((s) => s.trim());
    if (index && /^\d+$/.test(index)) out.set(Number(index), mode === 'Enabled');
  }
  return out;
}

// AMD GPUs: `amd-smi metric --power --usage --json` (ROCm 6+), else `rocm-smi --showpower
// --showuse --json`, polled (both take a noticeable fraction of a second per call). The GPUs are
// counted whole while the script runs.
import { execFile } from 'node:child_process';
import { PowerSeries } from '../power/series';
import { nowMs } from '../clock';
import type { GpuReading } from '../types';

export interface AmdReading {
  index: number;
  powerW?: number;
  utilizationPct?: number;
  name?: string;
}

/** amd-smi values come as `{ value, unit }`, bare numbers, or "N/A"; mW and µW are converted. */
function amdValue(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const n = parseFloat(v);
    return Number.isFinite(n) ? n : undefined;
  }
  if (v && typeof v === 'object' && 'value' in v) {
    const n = amdValue((v as { value: unknown }).value);
    const unit = String((v as { unit?: unknown }).unit ?? 'W');
    if (n === undefined) return undefined;
    return unit === 'mW' ? n / 1e3 : unit === 'uW' || unit === 'µW' ? n / 1e6 : n;
  }
  return undefined;
}

/** Parses `amd-smi metric --json`: an array of GPUs, or `{ gpu_data: [...] }`; warnings may precede the JSON. */
export function parseAmdSmi(stdout: string): AmdReading[] {
  const start = stdout.search(/[[{]/);
  if (start < 0) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(stdout.slice(start));
  } catch {
    return [];
  }
  const list = Array.isArray(doc) ? doc : ((doc as { gpu_data?: unknown[] }).gpu_data ?? []);
  const out: AmdReading[] = [];
  list.forEach((g, i) => {
    const gpu = g as { gpu?: number; power?: Record<string, unknown>; usage?: Record<string, unknown> };
    const p = gpu.power ?? {};
    // MI300 and later report current socket power; earlier parts an average.
    const powerW = amdValue(p.socket_power) ?? amdValue(p.current_socket_power) ?? amdValue(p.average_socket_power);
    out.push({ index: typeof gpu.gpu === 'number' ? gpu.gpu : i, powerW, utilizationPct: amdValue(gpu.usage?.gfx_activity) });
  });
  return out;
}

/** Parses `rocm-smi --showpower --showuse --json`: `{ "card0": { "Average Graphics Package Power (W)": "35.0", ... } }`. */
export function parseRocmSmi(stdout: string): AmdReading[] {
  const start = stdout.indexOf('{');
  if (start < 0) return [];
  let doc: Record<string, Record<string, string>>;
  try {
    doc = JSON.parse(stdout.slice(start));
  } catch {
    return [];
  }
  const out: AmdReading[] = [];
  for (const [card, fields] of Object.entries(doc)) {
    const m = /^card(\d+)$/.exec(card);
    if (!m) continue;
    const key = Object.keys(fields).find((k) => /(Average|Current Socket) Graphics Package Power \(W\)/.test(k));
    const use = Object.keys(fields).find((k) => k.startsWith('GPU use (%)'));
    out.push({ index: Number(m[1]), powerW: amdValue(key ? fields[key] : undefined), utilizationPct: amdValue(use ? fields[use] : undefined) });
  }
  return out;
}

type Exec = (file: string, args: string[]) => Promise<string>;

const exec: Exec = (file, args) =>
  new Promise((resolve, reject) => execFile(file, args, { timeout: 10_000, maxBuffer: 4 << 20, windowsHide: true }, (e, stdout) => (e ? reject(e) : resolve(stdout))));

export class AmdSampler {
  readonly gpus = new Map<number, { series: PowerSeries; name: string }>();
  tool?: 'amd-smi' | 'rocm-smi';
  problem?: string;
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly intervalMs: number,
    private readonly run: Exec = exec,
  ) {}

  private async poll(): Promise<void> {
    if (this.busy || !this.tool) return;
    this.busy = true;
    try {
      const out = this.tool === 'amd-smi' ? await this.run('amd-smi', ['metric', '--power', '--usage', '--json']) : await this.run('rocm-smi', ['--showpower', '--showuse', '--json']);
      const t = nowMs();
      for (const r of this.tool === 'amd-smi' ? parseAmdSmi(out) : parseRocmSmi(out)) {
        if (r.powerW === undefined) continue;
        let g = this.gpus.get(r.index);
        if (!g) this.gpus.set(r.index, (g = { series: new PowerSeries(), name: `AMD GPU ${r.index}` }));
        g.series.add(t, r.powerW);
      }
    } catch (e) {
      this.problem ??= `${this.tool} failed during the run: ${(e as Error).message.split('\n')[0]}`;
    } finally {
      this.busy = false;
    }
  }

  /** Finds a working tool and takes the first reading; resolves false when there is no AMD GPU. */
  async start(): Promise<boolean> {
    for (const tool of ['amd-smi', 'rocm-smi'] as const) {
      this.tool = tool;
      await this.poll();
      if (this.gpus.size) {
        this.problem = undefined;
        this.timer = setInterval(() => void this.poll(), Math.max(this.intervalMs, 1000));
        return true;
      }
    }
    this.tool = undefined;
    this.problem = undefined;
    return false;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.poll();
  }

  latest(): GpuReading[] {
    return [...this.gpus].map(([index, g]) => ({ index, powerW: g.series.latestW() ?? 0 }));
  }
}

// A real Prometheus on loopback for the cluster tests: series made from the recorded H200 trace
// (dcgm-exporter's power, energy counter with a reset, utilisation, with pod labels) and a
// synthetic Kepler series, backfilled with `promtool tsdb create-blocks-from openmetrics` so the
// queries cover a known past window at once.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { which } from '../../src/profile/runner/which';

/** NVML's energy counter and power, every ~25 ms, on an H200 (test/fixtures/gpu-h200/README.md). */
/** The repository root, wherever this file was compiled to (out/test/cluster, out/e2e/test/cluster). */
export function repoRoot(): string {
  let d = __dirname;
  while (!existsSync(path.join(d, 'test', 'fixtures', 'gpu-h200')) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

export const TRACE = path.join(repoRoot(), 'test', 'fixtures', 'gpu-h200', 'nvml_trace.csv');

/** Why the server tests cannot run here, or undefined when they can. */
export function missingPrometheus(): string | undefined {
  if (!which('prometheus') || !which('promtool')) return 'prometheus and promtool are not installed (apt-get install -y prometheus); the real-server tests are skipped';
  return undefined;
}

export interface TraceRow {
  t: number;
  energyMJ: number;
  powerW: number;
  util: number;
}

export function readTrace(): TraceRow[] {
  return readFileSync(TRACE, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [t, e, p, u] = l.split(',').map(Number);
      return { t, energyMJ: e, powerW: p / 1000, util: u };
    });
}

/** The exporter's view of the trace: the latest reading at each scrape, every `stepS`. */
export function resample(rows: TraceRow[], stepS: number): TraceRow[] {
  const out: TraceRow[] = [];
  let j = 0;
  for (let t = rows[0].t; t <= rows[rows.length - 1].t + 1e-9; t += stepS) {
    while (j + 1 < rows.length && rows[j + 1].t <= t) j++;
    out.push({ ...rows[j], t });
  }
  return out;
}

export const NODE = 'gpu-node-1';
export const TRAIN_POD = 'train-bert-x7k2p';
export const EVAL_POD = 'eval-resnet-q8r2t';
export const LEGACY_POD = 'train-bert-legacy-m3n4p';
export const SERVE_POD = 'infer-llm-7d4b9c8f6d-zx9k2';
/** Kepler's synthetic powers for the training pod (W). */
export const KEPLER_W = { dynamic: 50, idle: 10, dram: 5 };
export const RESET_AT = 120;
export const DCGM_STEP_S = 0.1;
export const KEPLER_STEP_S = 1;

function labels(l: Record<string, string>): string {
  return `{${Object.entries(l).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
}

/** The OpenMetrics text to backfill: one family after another, each series in time order. */
export function openMetrics(): { text: string; fromS: number; toS: number; keplerSpanS: number } {
  const trace = readTrace();
  // dcgm-exporter collecting every 100 ms (its -c 100); Kepler every second.
  const s = resample(trace, DCGM_STEP_S);
  const k1 = resample(trace, KEPLER_STEP_S);
  const gpu = (pod: string, ns: string, index: string, node = NODE) => ({ gpu: index, UUID: `GPU-${node}-${index}`, device: `nvidia${index}`, modelName: 'NVIDIA H200', Hostname: node, container: 'trainer', namespace: ns, pod });
  const train = gpu(TRAIN_POD, 'ml', '0');
  const evalL = gpu(EVAL_POD, 'ml', '1');
  const legacy = gpu(LEGACY_POD, 'ml-legacy', '0', 'gpu-node-3');
  const serve = gpu(SERVE_POD, 'serve', '0', 'gpu-node-2');
  const lines: string[] = [];
  const family = (name: string, series: [Record<string, string>, (r: TraceRow, k: number) => number][], at = s) => {
    lines.push(`# TYPE ${name} gauge`);
    for (const [l, value] of series) for (let k = 0; k < at.length; k++) lines.push(`${name}${labels(l)} ${value(at[k], k)} ${at[k].t.toFixed(3)}`);
  };
  // A driver reload between scrape RESET_AT-1 and RESET_AT: the counter starts again from zero.
  const base = s[RESET_AT - 1].energyMJ;
  family('DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION', [[train, (r, k) => (k < RESET_AT ? r.energyMJ : r.energyMJ - base)]]);
  family('DCGM_FI_DEV_POWER_USAGE', [
    [train, (r) => r.powerW],
    [evalL, () => 100],
    [legacy, (r) => r.powerW],
    [serve, () => 200],
  ]);
  family('DCGM_FI_DEV_GPU_UTIL', [
    [train, (r) => r.util],
    [evalL, () => 30],
  ]);
  const kep = (pod: string, mode: string) => ({ container_name: 'trainer', container_namespace: 'ml', pod_name: pod, mode });
  const t0 = s[0].t;
  family('kepler_container_package_joules_total', [
    [kep(TRAIN_POD, 'dynamic'), (r) => 1000 + KEPLER_W.dynamic * (r.t - t0)],
    [kep(TRAIN_POD, 'idle'), (r) => 500 + KEPLER_W.idle * (r.t - t0)],
    [kep(EVAL_POD, 'dynamic'), (r) => 20 * (r.t - t0)],
  ], k1);
  family('kepler_container_dram_joules_total', [[kep(TRAIN_POD, 'dynamic'), (r) => 200 + KEPLER_W.dram * (r.t - t0)]], k1);
  lines.push('# EOF');
  return { text: lines.join('\n') + '\n', fromS: Math.floor(t0) - 60, toS: Math.ceil(s[s.length - 1].t) + 60, keplerSpanS: k1[k1.length - 1].t - k1[0].t };
}

/** Builds the TSDB blocks once; returns their folder. */
export function buildBlocks(dir: string): string {
  const om = path.join(dir, 'series.om');
  writeFileSync(om, openMetrics().text);
  const blocks = path.join(dir, 'blocks');
  mkdirSync(blocks, { recursive: true });
  const r = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', om, blocks], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`promtool failed: ${r.stderr || r.stdout}`);
  return blocks;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  stop(): Promise<void>;
  log(): string;
}

/** User and password of the server with basic auth; the bcrypt hash below is of this password (cost 10). */
export const BASIC = { user: 'frugal', password: 'frugal-test-secret' };
const BASIC_HASH = '$2b$10$3yRqRA00ZTc6WTwyFkMdOOiumVVV5NMxhLtK3cWLt3DxbEplqniQm';

export async function startPrometheus(opts: { blocks?: string; flags?: string[]; basicAuth?: boolean }): Promise<Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-prom-'));
  const data = path.join(dir, 'data');
  mkdirSync(data);
  if (opts.blocks) cpSync(opts.blocks, data, { recursive: true });
  const config = path.join(dir, 'prometheus.yml');
  writeFileSync(config, 'global:\n  scrape_interval: 1h\nscrape_configs: []\n');
  const port = await freePort();
  const args = [`--config.file=${config}`, `--storage.tsdb.path=${data}`, `--web.listen-address=127.0.0.1:${port}`, '--storage.tsdb.retention.time=100y', ...(opts.flags ?? [])];
  if (opts.basicAuth) {
    const web = path.join(dir, 'web.yml');
    writeFileSync(web, `basic_auth_users:\n  ${BASIC.user}: ${BASIC_HASH}\n`);
    args.push(`--web.config.file=${web}`);
  }
  let out = '';
  const child: ChildProcess = spawn('prometheus', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const headers: Record<string, string> = opts.basicAuth ? { authorization: `Basic ${Buffer.from(`${BASIC.user}:${BASIC.password}`).toString('base64')}` } : {};
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${url}/-/ready`, { headers });
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`prometheus not ready after 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    log: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          // already gone
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

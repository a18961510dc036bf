// Apple: `powermetrics --samplers cpu_power,gpu_power` gives measured CPU and GPU power on Apple
// silicon (and package power on Intel Macs). It needs root, so it is used only when `sudo -n`
// works without a password; otherwise the CPU falls back to the TDP estimate and says why.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { LineSplitter } from '../runner/output';
import { PowerSeries } from '../power/series';
import { nowMs } from '../clock';

export interface PowermetricsSample {
  cpuW?: number;
  gpuW?: number;
}

function watts(value: string, unit: string): number {
  return unit.toLowerCase() === 'mw' ? Number(value) / 1000 : Number(value);
}

/**
 * Incremental parser of the text output: each sample opens with "*** Sampled system activity";
 * the first "CPU Power:"/"GPU Power:" of a sample counts (the GPU section may repeat GPU Power).
 * Intel Macs print "Intel energy model derived package power (CPUs+GT+SA): 1.23W" instead.
 */
export class PowermetricsParser {
  private current: PowermetricsSample = {};
  private started = false;

  /** Feeds one line; returns the previous sample when a new one begins. */
  line(text: string): PowermetricsSample | undefined {
    if (text.startsWith('*** Sampled system activity')) {
      const done = this.started ? this.current : undefined;
      this.current = {};
      this.started = true;
      return done && (done.cpuW !== undefined || done.gpuW !== undefined) ? done : undefined;
    }
    let m = /^CPU Power:\s*([\d.]+)\s*(mW|W)\b/.exec(text) ?? /^Intel energy model derived package power \(CPUs\+GT\+SA\):\s*([\d.]+)\s*(mW|W)/.exec(text);
    if (m && this.current.cpuW === undefined) this.current.cpuW = watts(m[1], m[2]);
    m = /^GPU Power:\s*([\d.]+)\s*(mW|W)\b/.exec(text);
    if (m && this.current.gpuW === undefined) this.current.gpuW = watts(m[1], m[2]);
    return undefined;
  }

  flush(): PowermetricsSample | undefined {
    const done = this.current;
    this.current = {};
    return done.cpuW !== undefined || done.gpuW !== undefined ? done : undefined;
  }
}

export class AppleSampler {
  readonly cpu = new PowerSeries();
  readonly gpu = new PowerSeries();
  problem?: string;
  private child?: ChildProcess;

  constructor(private readonly intervalMs: number) {}

  /** False (with `problem` set) when powermetrics cannot run without a password. */
  start(): boolean {
    if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 3000 }).status !== 0) {
      this.problem = 'powermetrics needs root and `sudo -n` asks for a password; allow it with a sudoers rule such as `yourname ALL=(root) NOPASSWD: /usr/bin/powermetrics`';
      return false;
    }
    const child = spawn('sudo', ['-n', 'powermetrics', '--samplers', 'cpu_power,gpu_power', '-i', String(Math.max(100, this.intervalMs))], { stdio: ['ignore', 'pipe', 'ignore'] });
    this.child = child;
    const lines = new LineSplitter();
    const parser = new PowermetricsParser();
    const take = (s: PowermetricsSample | undefined) => {
      if (!s) return;
      const t = nowMs();
      if (s.cpuW !== undefined) this.cpu.add(t, s.cpuW);
      if (s.gpuW !== undefined) this.gpu.add(t, s.gpuW);
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of lines.push(chunk)) take(parser.line(line));
    });
    child.once('error', (e) => (this.problem = `powermetrics failed: ${e.message}`));
    return true;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await Promise.race([gone, new Promise((r) => setTimeout(r, 1500))]);
  }
}

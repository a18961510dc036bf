// Starts the script in its own process group, streams its output (bounded), and stops its whole
// tree on request: SIGINT, then SIGTERM, then SIGKILL, each to the group and to every tracked
// member, until nothing of the tree is left.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { LineSplitter, TailBuffer } from './output';
import type { ResolvedCommand } from './command';
import { ProfileUsageError } from './command';
import { signalTree } from './process-tree';
import { nowMs } from '../clock';

export interface ScriptExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  atMs: number;
}

export interface RunningScript {
  pid: number;
  child: ChildProcess;
  startedAtMs: number;
  exited: Promise<ScriptExit>;
  /** Resolves when both output streams are drained (after exit). */
  drained: Promise<void>;
  stderrTail(): string;
}

export interface StartOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderrTailBytes: number;
  onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void;
  onLine?: (line: string) => void;
}

export function startScript(cmd: ResolvedCommand, opts: StartOptions): Promise<RunningScript> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.file, cmd.argv, {
      cwd: opts.cwd,
      env: opts.env,
      // Own process group (setsid) on POSIX, so stopping it never touches the profiler's group;
      // on Windows `detached` would open a console, and taskkill /T stops the tree instead.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const tail = new TailBuffer(opts.stderrTailBytes);
    const lines = { stdout: new LineSplitter(), stderr: new LineSplitter() };
    let open = 2;
    let drain: () => void = () => undefined;
    const drained = new Promise<void>((r) => (drain = r));
    for (const name of ['stdout', 'stderr'] as const) {
      const stream = child[name]!;
      stream.on('data', (chunk: Buffer) => {
        if (name === 'stderr') tail.push(chunk);
        opts.onOutput?.(name, chunk);
        if (opts.onLine) for (const line of lines[name].push(chunk)) opts.onLine(line);
      });
      stream.on('close', () => {
        const rest = lines[name].flush();
        if (rest && opts.onLine) opts.onLine(rest);
        if (--open === 0) drain();
      });
    }
    const exited = new Promise<ScriptExit>((r) => child.once('exit', (code, signal) => r({ code, signal, atMs: nowMs() })));
    child.once('error', (e: NodeJS.ErrnoException) => reject(new ProfileUsageError(`could not start ${cmd.file}: ${e.message}`)));
    child.once('spawn', () =>
      resolve({ pid: child.pid!, child, startedAtMs: nowMs(), exited, drained, stderrTail: () => tail.text() }),
    );
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Members {
  running: number[];
  outsideGroup: number[];
}

/**
 * Stops the tree and waits until it is gone. `members()` rescans the tree (the root included while
 * it runs). Returns how many were running when stopping began.
 */
export async function stopTree(
  rootPid: number,
  members: () => Promise<Members>,
  graceMs: number,
  rootRunning: () => boolean,
): Promise<number> {
  const initial = (await members()).running.length;
  if (process.platform === 'win32') {
    if (rootRunning()) spawnSync('taskkill', ['/pid', String(rootPid), '/T', '/F'], { windowsHide: true });
    return initial;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const m = await members();
    if (m.running.length === 0 && !rootRunning()) return initial;
    signalTree(rootPid, m.outsideGroup, signal);
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
      await sleep(Math.min(50, graceMs));
      if ((await members()).running.length === 0 && !rootRunning()) return initial;
    }
  }
  // SIGKILL until two scans in a row find nothing (a member may fork while we kill).
  for (let quiet = 0, rounds = 0; quiet < 2 && rounds < 200; rounds++) {
    const m = await members();
    if (m.running.length === 0 && !rootRunning()) quiet++;
    else {
      quiet = 0;
      signalTree(rootPid, m.running, 'SIGKILL');
    }
    await sleep(20);
  }
  return initial;
}

// Tracks the script's whole process tree: who belongs to it, its CPU time (including descendants
// that already exited) and its resident memory. On Linux from /proc; elsewhere with pidusage.
//
// Membership: the root, any process whose parent is a member, and any process whose environment
// carries the run's cookie (FRUGAL_PROFILE_RUN=<id>). Parentage finds children that start their
// own process group or session; the cookie finds orphans that were re-parented to init before we
// saw them. Members stay members until they exit, even if re-parented.
//
// CPU time: every live member contributes utime+stime+cutime+cstime (cutime/cstime hold the
// children it has waited for). A member that disappears was reaped: if its parent is a live
// member, its time is now in that parent's cutime; otherwise (orphan reaped by init, or the root
// reaped by us) its last-seen time is kept aside. So descendants that exited between two samples
// still count, as long as their waiter is in the tree.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { CLOCK_TICKS_PER_S, environHas, listPids, readPidStat, type PidStat } from '../procfs/procfs';

export interface TreeSnapshot {
  /** CPU seconds used by the tree since it started (monotonic). */
  cpuS: number;
  rssBytes: number;
  /** Live members, zombies included (their CPU time still counts). */
  pids: number[];
  /** Members that are still running (not zombies): what stopping must wait for. */
  running: number[];
  /** Running members outside the root's process group (they started their own group or session),
   *  which a signal to the group does not reach. */
  outsideGroup: number[];
}

export interface ProcessTree {
  refresh(): Promise<TreeSnapshot>;
  /** Every pid ever seen in the tree (for matching GPU process lists). */
  everSeen(): ReadonlySet<number>;
}

interface Tracked {
  starttime: number;
  ppid: number;
  ticks: number;
  rssPages: number;
}

export class LinuxProcessTree implements ProcessTree {
  private readonly known = new Map<number, Tracked>();
  private readonly foreign = new Set<number>();
  private readonly seen = new Set<number>();
  private lostTicks = 0;
  private lastTicks = 0;
  private rootPid = -1;
  /** The root's own and waited-for children's CPU ticks at its last sighting. */
  rootLastTicks = 0;

  constructor(
    private readonly cookie: string,
    private readonly procRoot = '/proc',
    private readonly pageSize = 4096,
  ) {}

  /** Marks every process alive now as not ours (call before starting the root), so that later
   *  scans read only new pids. */
  seedForeign(): void {
    for (const pid of listPids(this.procRoot)) this.foreign.add(pid);
  }

  setRoot(pid: number): this {
    this.rootPid = pid;
    this.foreign.delete(pid);
    return this;
  }

  everSeen(): ReadonlySet<number> {
    return this.seen;
  }

  async refresh(): Promise<TreeSnapshot> {
    return this.refreshSync();
  }

  refreshSync(): TreeSnapshot {
    const listing = listPids(this.procRoot);
    const present = new Set(listing);
    for (const pid of this.foreign) if (!present.has(pid)) this.foreign.delete(pid);

    const live = new Map<number, PidStat>();
    const candidates = new Map<number, PidStat>();
    const vanished: number[] = [];
    for (const [pid, t] of this.known) {
      const st = present.has(pid) ? readPidStat(this.procRoot, pid) : undefined;
      if (st && st.starttime === t.starttime) live.set(pid, st);
      else {
        vanished.push(pid);
        if (st) candidates.set(pid, st); // the pid was reused by a new process
      }
    }
    for (const pid of listing) {
      if (live.has(pid) || candidates.has(pid) || this.foreign.has(pid) || this.known.has(pid)) continue;
      const st = readPidStat(this.procRoot, pid);
      if (st) candidates.set(pid, st);
    }
    // Parentage first (a child may be listed before its new parent), then the cookie.
    for (let changed = true; changed; ) {
      changed = false;
      for (const [pid, st] of candidates) {
        if (pid === this.rootPid || live.has(st.ppid)) {
          live.set(pid, st);
          candidates.delete(pid);
          changed = true;
        }
      }
    }
    for (const [pid, st] of candidates) {
      if (environHas(this.procRoot, pid, this.cookie)) live.set(pid, st);
      else this.foreign.add(pid);
    }

    for (const pid of vanished) {
      const t = this.known.get(pid)!;
      this.known.delete(pid);
      if (!live.has(t.ppid)) this.lostTicks += t.ticks;
    }
    let ticks = this.lostTicks;
    let rssPages = 0;
    for (const [pid, st] of live) {
      const t = { starttime: st.starttime, ppid: st.ppid, ticks: st.ownTicks + st.childTicks, rssPages: st.rssPages };
      this.known.set(pid, t);
      this.seen.add(pid);
      if (pid === this.rootPid) this.rootLastTicks = t.ticks;
      ticks += t.ticks;
      rssPages += t.rssPages;
    }
    this.lastTicks = Math.max(this.lastTicks, ticks);
    const alive = [...live.values()].filter((st) => st.state !== 'Z' && st.state !== 'X');
    return {
      cpuS: this.lastTicks / CLOCK_TICKS_PER_S,
      rssBytes: rssPages * this.pageSize,
      pids: [...live.keys()],
      running: alive.map((st) => st.pid),
      outsideGroup: alive.filter((st) => st.pgrp !== this.rootPid).map((st) => st.pid),
    };
  }
}

const execFileAsync = promisify(execFile);

/** macOS and Windows: pidusage for CPU time and memory; children from `ps` on macOS, none on Windows. */
export class PidusageProcessTree implements ProcessTree {
  private readonly last = new Map<number, { ctimeMs: number; ppid: number }>();
  private readonly seen = new Set<number>();
  private lostMs = 0;
  private lastMs = 0;

  constructor(private readonly rootPid: number) {}

  everSeen(): ReadonlySet<number> {
    return this.seen;
  }

  private async members(): Promise<Map<number, number>> {
    const out = new Map<number, number>([[this.rootPid, process.pid]]);
    if (process.platform === 'win32') return out;
    const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pid=,ppid='], { maxBuffer: 8 << 20 });
    const parent = new Map<number, number>();
    for (const line of stdout.split('\n')) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (pid) parent.set(pid, ppid);
    }
    const ours = new Set([this.rootPid, ...this.last.keys()]);
    for (let changed = true; changed; ) {
      changed = false;
      for (const [pid, ppid] of parent) {
        if (!ours.has(pid) && ours.has(ppid)) {
          ours.add(pid);
          changed = true;
        }
      }
    }
    for (const pid of ours) if (parent.has(pid)) out.set(pid, parent.get(pid)!);
    return out;
  }

  async refresh(): Promise<TreeSnapshot> {
    const { default: pidusage } = await import('pidusage');
    const members = await this.members().catch(() => new Map([[this.rootPid, process.pid]]));
    const stats: Record<string, { ctime: number; memory: number } | undefined> = await pidusage([...members.keys()]).catch(() => ({}));
    let ms = this.lostMs;
    let rss = 0;
    const alive = new Set<number>();
    for (const [pid, ppid] of members) {
      const s = stats[pid];
      if (!s) continue;
      alive.add(pid);
      this.seen.add(pid);
      this.last.set(pid, { ctimeMs: s.ctime, ppid });
      ms += s.ctime;
      rss += s.memory;
    }
    for (const [pid, t] of this.last) {
      if (alive.has(pid)) continue;
      // Without cutime here, an exited member's time is kept wherever it was reaped.
      this.lostMs += t.ctimeMs;
      ms += t.ctimeMs;
      this.last.delete(pid);
    }
    this.lastMs = Math.max(this.lastMs, ms);
    // `ps` gives no process groups portably: signal every member one by one.
    return { cpuS: this.lastMs / 1000, rssBytes: rss, pids: [...alive], running: [...alive], outsideGroup: [...alive] };
  }
}

/** Sends `signal` to the tree: its process group, and each member that left the group (once, so that
 *  a Python worker does not get two KeyboardInterrupts). */
export function signalTree(rootPid: number, pids: Iterable<number>, signal: NodeJS.Signals): void {
  if (process.platform === 'win32') return;
  try {
    process.kill(-rootPid, signal);
  } catch {
    // the group is empty
  }
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Logical CPUs of the machine (CodeCarbon's `psutil.cpu_count()`). */
export function logicalCpus(): number {
  return os.cpus().length || 1;
}

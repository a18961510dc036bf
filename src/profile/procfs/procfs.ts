// Readers for the Linux /proc files the profiler needs, parameterised by the tree's root so that
// tests can point them at fixtures. Synchronous on purpose: these are tiny kernel-generated files
// and a synchronous read is several times cheaper than a promise per file at 5 Hz.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Linux reports CPU times in USER_HZ ticks, fixed at 100 on every mainstream architecture. */
export const CLOCK_TICKS_PER_S = 100;

export interface PidStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** utime + stime of the process itself, ticks. */
  ownTicks: number;
  /** cutime + cstime: children (and their descendants) it has waited for, ticks. */
  childTicks: number;
  /** Start time after boot, ticks: with the pid, identifies a process across pid reuse. */
  starttime: number;
  rssPages: number;
}

/** Parses /proc/<pid>/stat; the command name may hold spaces and parentheses, so split after the last ')'. */
export function parseStat(text: string): PidStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const f = text.slice(close + 2).trim().split(/\s+/);
  if (f.length < 22) return undefined;
  // f[0] is field 3 (state) of proc(5); field n is f[n - 3].
  const n = (field: number) => Number(f[field - 3]);
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state: f[0],
    ppid: n(4),
    pgrp: n(5),
    session: n(6),
    ownTicks: n(14) + n(15),
    childTicks: n(16) + n(17),
    starttime: n(22),
    rssPages: n(24),
  };
}

export function readPidStat(procRoot: string, pid: number | 'self'): PidStat | undefined {
  try {
    return parseStat(readFileSync(path.join(procRoot, String(pid), 'stat'), 'latin1'));
  } catch {
    return undefined;
  }
}

export function listPids(procRoot: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync(procRoot)) {
    const c = name.charCodeAt(0);
    if (c >= 48 && c <= 57) out.push(Number(name));
  }
  return out;
}

export interface MachineCpuTimes {
  /** Ticks spent not idle (user, nice, system, irq, softirq, steal), all CPUs together. */
  busy: number;
  /** busy + idle + iowait. */
  total: number;
}

/** The aggregate `cpu` line of /proc/stat (guest time is already inside user, so it is not added). */
export function parseProcStat(text: string): MachineCpuTimes | undefined {
  const line = text.slice(0, text.indexOf('\n'));
  if (!line.startsWith('cpu ')) return undefined;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.slice(4).trim().split(/\s+/).map(Number);
  const busy = user + nice + system + (irq || 0) + (softirq || 0) + (steal || 0);
  return { busy, total: busy + idle + (iowait || 0) };
}

export function readMachineCpuTimes(procRoot: string): MachineCpuTimes | undefined {
  try {
    return parseProcStat(readFileSync(path.join(procRoot, 'stat'), 'latin1'));
  } catch {
    return undefined;
  }
}

/** MemTotal from /proc/meminfo, bytes. */
export function readMemTotalBytes(procRoot: string): number | undefined {
  try {
    const m = /^MemTotal:\s+(\d+)\s+kB/m.exec(readFileSync(path.join(procRoot, 'meminfo'), 'latin1'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process's environment holds `needle` (a `NAME=value` entry). Unreadable → false. */
export function environHas(procRoot: string, pid: number, needle: string): boolean {
  try {
    const env = readFileSync(path.join(procRoot, String(pid), 'environ'), 'latin1');
    return env.split('\0').includes(needle);
  } catch {
    return false;
  }
}

export interface CpuInfo {
  model?: string;
  sockets: number;
  hypervisor: boolean;
}

export function readCpuInfo(procRoot: string): CpuInfo {
  let text: string;
  try {
    text = readFileSync(path.join(procRoot, 'cpuinfo'), 'latin1');
  } catch {
    return { sockets: 1, hypervisor: false };
  }
  const model = /^model name\s*:\s*(.+)$/m.exec(text)?.[1].trim();
  const sockets = new Set([...text.matchAll(/^physical id\s*:\s*(\d+)/gm)].map((m) => m[1])).size || 1;
  const hypervisor = /^flags\s*:.*\bhypervisor\b/m.test(text);
  return { model, sockets, hypervisor };
}

// /proc readers and the process-tree tracker against fixture /proc trees: membership by parentage
// and by cookie, CPU time of descendants that exited (reaped by a member or by init), pid reuse.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseProcStat, parseStat, readCpuInfo, readMachineCpuTimes, readMemTotalBytes } from '../../src/profile/procfs/procfs';
import { LinuxProcessTree } from '../../src/profile/runner/process-tree';
import { FIXTURES } from '../helpers';

const PROC = path.join(FIXTURES, 'profile', 'proc');

/** A writable copy of the fixture /proc, and a helper to (re)write one process's stat line. */
function procCopy() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-proc-'));
  cpSync(PROC, dir, { recursive: true });
  const put = (pid: number, p: { ppid: number; utime: number; stime?: number; cutime?: number; start: number; rss?: number; state?: string; env?: string }) => {
    mkdirSync(path.join(dir, String(pid)), { recursive: true });
    const f = [p.state ?? 'S', p.ppid, pid, pid, 0, -1, 0, 0, 0, 0, 0, p.utime, p.stime ?? 0, p.cutime ?? 0, 0, 20, 0, 1, 0, p.start, 1000, p.rss ?? 100];
    writeFileSync(path.join(dir, String(pid), 'stat'), `${pid} (proc ${pid}) ${f.join(' ')} 0 0 0\n`);
    writeFileSync(path.join(dir, String(pid), 'environ'), p.env ?? 'PATH=/bin\0');
  };
  const remove = (pid: number) => rmSync(path.join(dir, String(pid)), { recursive: true, force: true });
  return { dir, put, remove };
}

describe('procfs parsers', () => {
  test('stat: a command name with spaces and parentheses, and the fields proc(5) numbers', () => {
    const st = parseStat('102 (my (odd) worker) S 101 102 102 0 -1 4194304 100 0 0 0 25 5 7 3 20 0 1 0 5020 50000000 500 1 2 3')!;
    assert.equal(st.comm, 'my (odd) worker');
    assert.equal(st.ppid, 101);
    assert.equal(st.session, 102);
    assert.equal(st.ownTicks, 30);
    assert.equal(st.childTicks, 10);
    assert.equal(st.starttime, 5020);
    assert.equal(st.rssPages, 500);
  });

  test('/proc/stat: busy excludes idle and iowait, guest is not added twice', () => {
    assert.deepEqual(parseProcStat('cpu  100 5 30 800 20 1 2 3 50 0\ncpu0 1 2 3\n'), { busy: 141, total: 961 });
    assert.deepEqual(readMachineCpuTimes(PROC), { busy: 132000, total: 934000 });
  });

  test('meminfo and cpuinfo', () => {
    assert.equal(readMemTotalBytes(PROC), 65536000 * 1024);
    assert.deepEqual(readCpuInfo(PROC), { model: 'Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz', sockets: 2, hypervisor: false });
  });
});

describe('process tree', () => {
  test('members: the root, descendants by parentage (one in its own session), orphans by cookie; not others', () => {
    const tree = new LinuxProcessTree('FRUGAL_PROFILE_RUN=fixture-run', PROC).setRoot(100);
    const snap = tree.refreshSync();
    assert.deepEqual(snap.pids.sort((a, b) => a - b), [100, 101, 102, 201]);
    // 100: 150 ticks, 101: 50, 102: 30, 201: 10 → 240 ticks = 2.4 CPU-s
    assert.equal(snap.cpuS, 2.4);
    assert.equal(snap.rssBytes, (2500 + 1000 + 500 + 300) * 4096);
  });

  test('a child reaped by a member moves into its cutime: counted once; an orphan reaped by init is kept', () => {
    const p = procCopy();
    try {
      for (const name of ['100', '101', '102', '200', '201', '50']) rmSync(path.join(p.dir, name), { recursive: true });
      p.put(10, { ppid: 1, utime: 500, start: 1 }); // a process that is not ours
      const tree = new LinuxProcessTree('FRUGAL_PROFILE_RUN=x', p.dir);
      tree.seedForeign();
      p.put(100, { ppid: 50, utime: 100, start: 10 });
      p.put(101, { ppid: 100, utime: 50, start: 11 });
      p.put(102, { ppid: 1, utime: 20, start: 12, env: 'A=1\0FRUGAL_PROFILE_RUN=x\0' });
      tree.setRoot(100);
      assert.equal(tree.refreshSync().cpuS, 1.7);
      // 101 works on, exits and is reaped by 100 (its 60 ticks land in 100's cutime); 102 exits, reaped by init.
      p.put(100, { ppid: 50, utime: 110, cutime: 60, start: 10 });
      p.remove(101);
      p.remove(102);
      const snap = tree.refreshSync();
      assert.deepEqual(snap.pids, [100]);
      assert.equal(snap.cpuS, 1.9);
      assert.equal(tree.rootLastTicks, 170);
      // The root is reaped by the profiler: its last-seen time stays.
      p.remove(100);
      const end = tree.refreshSync();
      assert.deepEqual(end.pids, []);
      assert.equal(end.cpuS, 1.9);
    } finally {
      rmSync(p.dir, { recursive: true, force: true });
    }
  });

  test('a new process reusing a member pid is not taken for it; zombies count but are not running', () => {
    const p = procCopy();
    try {
      for (const name of ['100', '101', '102', '200', '201', '50']) rmSync(path.join(p.dir, name), { recursive: true });
      const tree = new LinuxProcessTree('FRUGAL_PROFILE_RUN=x', p.dir);
      tree.seedForeign();
      p.put(100, { ppid: 50, utime: 100, start: 10 });
      p.put(101, { ppid: 100, utime: 30, start: 11, state: 'Z' });
      tree.setRoot(100);
      const first = tree.refreshSync();
      assert.deepEqual(first.running, [100]);
      assert.equal(first.cpuS, 1.3);
      // 101 is reaped by 100 (cutime 30) and its pid reused by an unrelated process.
      p.put(100, { ppid: 50, utime: 100, cutime: 30, start: 10 });
      p.put(101, { ppid: 1, utime: 999, start: 99 });
      const second = tree.refreshSync();
      assert.deepEqual(second.pids, [100]);
      assert.equal(second.cpuS, 1.3);
    } finally {
      rmSync(p.dir, { recursive: true, force: true });
    }
  });
});

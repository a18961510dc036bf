// Measures what the sampling probe costs (not a test: run it by hand after changing the probe).
//
//   npm run compile && FRUGAL_PROBE_BENCH=1 node out/test/panel/probe-overhead.js [runs]
//
// (`npm test` loads every file under out/test/, so without the variable this does nothing.)
//
// Alternates plain `python script.py`, the probe with sampling off (`--interval-ms 1e9`: the
// launcher alone) and the probe as the panel runs it, on a pure-Python CPU-bound script — the
// worst case, since the sampler then competes for the GIL. Reports medians of wall and CPU time.
// Then an in-process A/B, less exposed to the machine's noise: the same work alternately with and
// without the sampler thread, 40 times, and the time one sample takes at stack depths 5 and 30.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROBE } from './fixtures';

const SCRIPT = `
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def loop(n):
    s = 0
    for i in range(n):
        s += i % 7
    return s
fib(30); loop(40_000_000); fib(29)
`;

function time(argv: string[], cwd: string): { wall: number; cpu: number } {
  // Python times the child: wall clock, and its user + system CPU time.
  const wrapper = `import resource, subprocess, sys, time\nt = time.perf_counter()\nsubprocess.run(sys.argv[1:], check=True)\nw = time.perf_counter() - t\nr = resource.getrusage(resource.RUSAGE_CHILDREN)\nprint(w, r.ru_utime + r.ru_stime)`;
  const r = spawnSync('python3', ['-c', wrapper, ...argv], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const [wall, cpu] = r.stdout.trim().split(' ').map(Number);
  return { wall, cpu };
}

const IN_PROCESS = `
import sys, time, threading, importlib.util, statistics
spec = importlib.util.spec_from_file_location("_frugal_probe", sys.argv[1])
probe = importlib.util.module_from_spec(spec); spec.loader.exec_module(probe)
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
def loop(n):
    s = 0
    for i in range(n): s += i % 7
    return s
root = sys._getframe().f_code
def timed(sampling):
    sampler = probe.Sampler(threading.main_thread().ident, 0.01, root) if sampling else None
    if sampler: sampler.start()
    t, c = time.perf_counter(), time.process_time()
    fib(25); loop(8_000_000)
    w, cpu = time.perf_counter() - t, time.process_time() - c
    if sampler: sampler.stopped.set(); sampler.join()
    return w, cpu
runs = {False: [], True: []}
for i in range(40): runs[i % 2 == 1].append(timed(i % 2 == 1))
for k, name in ((0, "wall"), (1, "cpu")):
    off = statistics.median(r[k] for r in runs[False]); on = statistics.median(r[k] for r in runs[True])
    print("  in-process %s: %.3f s without, %.3f s with the sampler: %+.2f %%" % (name, off, on, (on - off) / off * 100))
def deep(n, f): return f() if n == 0 else deep(n - 1, f)
def per_sample():
    s = probe.Sampler(threading.get_ident(), 0.01, None)
    f = sys._getframe()
    while f.f_back is not None: f = f.f_back
    s.root_code = f.f_code
    t = time.perf_counter()
    for _ in range(20000): s.record(sys._current_frames()[threading.get_ident()], 0.01)
    return (time.perf_counter() - t) / 20000 * 1e6
for depth in (5, 30):
    print("  one sample at stack depth %d: %.1f us" % (depth, deep(depth - 2, per_sample)))
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const runs = Number(process.argv[2] ?? 9);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-probe-bench-'));
  writeFileSync(path.join(dir, 'cpu.py'), SCRIPT);
  const out = path.join(dir, 'probe.json');
  const kinds = {
    plain: ['python3', 'cpu.py'],
    launcher: ['python3', PROBE, '--out', out, '--interval-ms', '1e9', '--', 'cpu.py'],
    probe: ['python3', PROBE, '--out', out, '--', 'cpu.py'],
  };
  const results: Record<string, { wall: number[]; cpu: number[] }> = { plain: { wall: [], cpu: [] }, launcher: { wall: [], cpu: [] }, probe: { wall: [], cpu: [] } };
  for (let i = 0; i < runs; i++) {
    for (const [k, argv] of Object.entries(kinds)) {
      const t = time(argv, dir);
      results[k].wall.push(t.wall);
      results[k].cpu.push(t.cpu);
    }
  }
  const pct = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(2)} %`;
  // The median, and the minimum (the run least disturbed by anything else on the machine).
  for (const [label, stat] of [['median', median], ['minimum', (xs: number[]) => Math.min(...xs)]] as const) {
    const m = (k: string, f: 'wall' | 'cpu') => stat(results[k][f]);
    console.log(`${label} of ${runs} runs:`);
    for (const k of Object.keys(kinds)) console.log(`  ${k.padEnd(9)} wall ${m(k, 'wall').toFixed(3)} s  cpu ${m(k, 'cpu').toFixed(3)} s`);
    console.log(`  sampling (probe vs launcher): wall ${pct(m('launcher', 'wall'), m('probe', 'wall'))}, cpu ${pct(m('launcher', 'cpu'), m('probe', 'cpu'))}`);
    console.log(`  probe vs plain python:        wall ${pct(m('plain', 'wall'), m('probe', 'wall'))}, cpu ${pct(m('plain', 'cpu'), m('probe', 'cpu'))}`);
  }
  const ab = spawnSync('python3', ['-c', IN_PROCESS, PROBE], { encoding: 'utf8' });
  process.stdout.write(ab.stdout + ab.stderr);
}

if (process.env.FRUGAL_PROBE_BENCH) main();

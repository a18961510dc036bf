// The sampling probe (media/probe/frugal_probe.py) run by a real Python: the script must behave
// exactly as under `python script.py` (same __main__, argv, output, exit code, traceback, exit by
// SIGINT), and the probe's time-weighted samples must match where the time really went.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parseProbeResult } from '../../src/extension/profile/attribution';
import { PROBE } from './fixtures';

const PYTHON = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
const skip = PYTHON ? false : 'no Python on PATH';

function workdir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-probe-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

function both(dir: string, script: string, args: string[] = []) {
  const opts = { cwd: dir, encoding: 'utf8' as const, env: { ...process.env, PYTHONHASHSEED: '0' } };
  const plain = spawnSync(PYTHON!, [script, ...args], opts);
  const out = path.join(dir, 'probe.json');
  const probed = spawnSync(PYTHON!, [PROBE, '--out', out, '--', script, ...args], opts);
  return { plain, probed, out };
}

const INTROSPECT = `
import sys, os, pickle, json
import __main__

class Point:
    def __init__(self, x):
        self.x = x

def names():
    return sorted(k for k in globals() if k.startswith('__'))

print(json.dumps({
    'name': __name__,
    'argv': sys.argv,
    'file': __file__,
    'path0': sys.path[0],
    'spec': repr(__spec__),
    'package': __package__,
    'main_is_module': sys.modules['__main__'] is __main__ and __main__.__dict__ is globals(),
    'pickle': pickle.loads(pickle.dumps(Point(3))).x,
    'dunders': names(),
    'builtins': type(__builtins__).__name__,
    'doc': __doc__,
}))
`;

describe('the probe keeps the script\'s behaviour', { skip }, () => {
  test('same __main__, argv, __file__, sys.path[0], pickling and output', () => {
    const dir = workdir({ 'introspect.py': INTROSPECT });
    const { plain, probed, out } = both(dir, 'introspect.py', ['--flag', 'a b', '-x']);
    assert.equal(probed.status, 0, probed.stderr);
    assert.equal(probed.stdout, plain.stdout);
    assert.equal(probed.stderr, plain.stderr);
    const seen = JSON.parse(probed.stdout);
    assert.equal(seen.name, '__main__');
    assert.deepEqual(seen.argv, ['introspect.py', '--flag', 'a b', '-x']);
    assert.equal(seen.main_is_module, true);
    assert.ok(existsSync(out));
  });

  test('sys.exit codes and messages', () => {
    const dir = workdir({ 'exit7.py': 'import sys\nprint("bye")\nsys.exit(7)\n', 'exitmsg.py': 'raise SystemExit("fatal: no data")\n' });
    for (const script of ['exit7.py', 'exitmsg.py']) {
      const { plain, probed } = both(dir, script);
      assert.equal(probed.status, plain.status, script);
      assert.equal(probed.stdout, plain.stdout, script);
      assert.equal(probed.stderr, plain.stderr, script);
    }
  });

  test('an uncaught exception: the same traceback (no probe frames) and exit code 1; atexit handlers still run', () => {
    const dir = workdir({
      'fail.py': 'import atexit\natexit.register(lambda: print("atexit ran"))\ndef inner():\n    raise ValueError("boom")\ndef outer():\n    try:\n        {}["k"]\n    except KeyError:\n        inner()\nouter()\n',
    });
    const { plain, probed, out } = both(dir, 'fail.py');
    assert.equal(plain.status, 1);
    assert.equal(probed.status, 1);
    assert.equal(probed.stderr, plain.stderr);
    assert.equal(probed.stdout, plain.stdout);
    assert.doesNotMatch(probed.stderr, /frugal_probe/);
    assert.ok(existsSync(out), 'the result is written even when the script fails');
  });

  test('a custom sys.excepthook is used', () => {
    const dir = workdir({ 'hook.py': 'import sys\nsys.excepthook = lambda t, v, tb: print("hooked", t.__name__)\nraise RuntimeError()\n' });
    const { plain, probed } = both(dir, 'hook.py');
    assert.equal(probed.stdout, plain.stdout);
    assert.equal(probed.status, plain.status);
  });

  test('a missing script fails like Python does (exit 2)', () => {
    const dir = workdir({});
    const { plain, probed } = both(dir, 'missing.py');
    assert.equal(probed.status, plain.status);
    assert.equal(probed.status, 2);
  });

  test('SIGINT: KeyboardInterrupt traceback, exit by SIGINT, and the result is written', async () => {
    if (process.platform === 'win32') return;
    const dir = workdir({ 'wait.py': 'import time\nprint("ready", flush=True)\nwhile True:\n    time.sleep(0.01)\n' });
    const run = (argv: string[]) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
        const child = spawn(PYTHON!, argv, { cwd: dir });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.stdout.on('data', (d) => String(d).includes('ready') && setTimeout(() => child.kill('SIGINT'), 100));
        child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
      });
    const out = path.join(dir, 'probe.json');
    const [plain, probed] = await Promise.all([run(['wait.py']), run([PROBE, '--out', out, '--', 'wait.py'])]);
    assert.equal(plain.signal, 'SIGINT');
    assert.equal(probed.signal, plain.signal);
    assert.equal(probed.code, plain.code);
    assert.match(probed.stderr, /KeyboardInterrupt/);
    assert.doesNotMatch(probed.stderr, /frugal_probe/);
    assert.ok(parseProbeResult(JSON.parse(readFileSync(out, 'utf8'))));
  });

  test('os._exit: the exit code is kept (no result can be written)', () => {
    const dir = workdir({ 'hard.py': 'import os\nos._exit(5)\n' });
    const { plain, probed, out } = both(dir, 'hard.py');
    assert.equal(probed.status, plain.status);
    assert.equal(existsSync(out), false);
  });
});

describe('time-weighted samples', { skip }, () => {
  test('a pure-Python loop and a sleep get their share of the time', () => {
    const script = `
import time, json, sys
def spin(seconds):
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1
    return n
def rest(seconds):
    time.sleep(seconds)
t0 = time.perf_counter(); spin(0.6); t1 = time.perf_counter(); rest(0.4); t2 = time.perf_counter()
print(json.dumps({'spin': t1 - t0, 'rest': t2 - t1}))
`;
    const dir = workdir({ 'phases.py': script });
    const out = path.join(dir, 'probe.json');
    const r = spawnSync(PYTHON!, [PROBE, '--out', out, '--', 'phases.py'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const truth = JSON.parse(r.stdout) as { spin: number; rest: number };
    const p = parseProbeResult(JSON.parse(readFileSync(out, 'utf8')))!;
    const fn = (name: string) => p.functions.find((f) => f.name === name)!.totalS;
    // Within 0.1 s of the truth on a busy 2-core machine (the check found 0.03 s).
    assert.ok(Math.abs(fn('spin') - truth.spin) < 0.1, `spin: sampled ${fn('spin')} s, really ${truth.spin} s`);
    assert.ok(Math.abs(fn('rest') - truth.rest) < 0.1, `rest: sampled ${fn('rest')} s, really ${truth.rest} s`);
    assert.ok(p.samples > 30, `${p.samples} samples`);
    const top = p.userLines[0];
    assert.equal(top.function, 'spin');
  });
});

// Running the script: its whole process tree is stopped after the duration (children in the
// same group, one that started its own session, an orphan re-parented to init, all ignoring
// SIGINT and SIGTERM), a crash is reported with its exit code and stderr, and bad paths or a
// missing interpreter are usage errors.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { profileScript, ProfileUsageError } from '../../src/profile';
import { readPidStat } from '../../src/profile/procfs/procfs';

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-run-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Running means: it exists and is not a zombie (a reaped-later zombie uses no CPU and holds nothing). */
function running(pid: number): boolean {
  const st = readPidStat('/proc', pid);
  return !!st && st.state !== 'Z' && st.state !== 'X';
}

// Each process appends its pid to pids.txt; "stubborn" ones ignore SIGINT and SIGTERM.
const TREE_SCRIPT = String.raw`
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const file = process.argv[2];
const stubborn = (body) => "process.on('SIGINT',()=>{});process.on('SIGTERM',()=>{});require('fs').appendFileSync(" + JSON.stringify(file) + ", process.pid + '\\n');" + body + ";setInterval(()=>{},1000);";
const node = (code, opts) => spawn(process.execPath, ['-e', code], { stdio: 'ignore', ...opts });
fs.appendFileSync(file, process.pid + '\n');
// a child in our group, with a grandchild
node(stubborn("require('child_process').spawn(process.execPath, ['-e', " + JSON.stringify(stubborn('')) + "], { stdio: 'ignore' })"));
// a child that starts its own session (setsid), with a grandchild
node(stubborn("require('child_process').spawn(process.execPath, ['-e', " + JSON.stringify(stubborn('')) + "], { stdio: 'ignore' })"), { detached: true });
// an orphan: its parent exits at once, so init adopts it
node("require('child_process').spawn(process.execPath, ['-e', " + JSON.stringify(stubborn('')) + "], { stdio: 'ignore', detached: true }).unref(); process.exit(0)");
setInterval(() => {}, 1000);
`;

describe('the process tree', { skip: process.platform !== 'linux' && 'Linux /proc' }, () => {
  test('nothing is left running after --duration, whatever signals the tree ignores', async () => {
    const dir = workspace({ 'tree.js': TREE_SCRIPT });
    const pidFile = path.join(dir, 'pids.txt');
    writeFileSync(pidFile, '');
    const report = await profileScript({ script: 'tree.js', args: [pidFile], cwd: dir, durationS: 1.5, stopGraceMs: 200, intervalMs: 100 });
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    assert.equal(pids.length, 6, `root, 2 children, 2 grandchildren, 1 orphan: ${pids}`);
    assert.deepEqual(pids.filter(running), []);
    assert.equal(report.stoppedBy, 'duration');
    assert.ok(report.leftoverProcesses >= 5, `leftovers ${report.leftoverProcesses}`);
    assert.ok(report.samples.some((s) => s.processes >= 6), 'the tracker saw the whole tree');
  });

  test('a script that exits leaves no daemon behind either', async () => {
    const dir = workspace({
      'daemon.js': "require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(()=>{},1000)'], { detached: true, stdio: 'ignore' }).unref(); require('node:fs').writeFileSync('pid', '' + process.pid);",
    });
    const report = await profileScript({ script: 'daemon.js', cwd: dir, durationS: 10, stopGraceMs: 200, intervalMs: 100 });
    assert.equal(report.stoppedBy, 'exit');
    assert.equal(report.exitCode, 0);
    assert.equal(report.leftoverProcesses, 1);
    assert.match(report.notes.join('\n'), /1 process\(es\) of the script's tree were still running after it ended; they were stopped/);
  });
});

describe('failures', () => {
  test('a crashing script gets a report with its exit code and the tail of its stderr', async () => {
    const dir = workspace({ 'crash.js': "console.log('loading'); console.error('reading train.csv'); setTimeout(() => { throw new Error('no such column: label'); }, 300);" });
    const out: string[] = [];
    const report = await profileScript({ script: 'crash.js', cwd: dir, durationS: 10, intervalMs: 100 }, { onOutput: (s, c) => out.push(`${s}:${c}`) });
    assert.equal(report.exitCode, 1);
    assert.equal(report.stoppedBy, 'exit');
    assert.match(report.stderrTail, /reading train\.csv/);
    assert.match(report.stderrTail, /Error: no such column: label/);
    assert.ok(out.includes('stdout:loading\n'));
    assert.ok(report.durationS >= 0.25 && report.durationS < 5);
    assert.ok(report.samples.length >= 2);
  });

  test('a script path that does not exist, or of an unknown kind, is a usage error', async () => {
    await assert.rejects(profileScript({ script: 'nope/train.py', cwd: os.tmpdir() }), (e: Error) => e instanceof ProfileUsageError && /script not found: nope\/train\.py/.test(e.message));
    const dir = workspace({ 'notes.txt': 'hello\n' });
    await assert.rejects(profileScript({ script: 'notes.txt', cwd: dir }), /don't know how to run notes\.txt/);
  });

  test('a missing interpreter is a usage error that says what to do', async () => {
    const dir = workspace({ 'train.py': 'print(1)\n' });
    await assert.rejects(profileScript({ script: 'train.py', cwd: dir, python: '/opt/none/python3' }), /Python interpreter not found: \/opt\/none\/python3/);
    await assert.rejects(profileScript({ script: 'train.py', cwd: dir, env: { PATH: dir } }), /neither python3 nor python is on PATH; install Python or pass --python PATH/);
    await assert.rejects(profileScript({ script: 'train.py', cwd: dir, country: 'XYZ' }), /unknown country "XYZ"/);
  });

  test('cancelling through the AbortSignal stops the script', async () => {
    const dir = workspace({ 'wait.js': 'setInterval(() => {}, 1000);' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 400);
    const report = await profileScript({ script: 'wait.js', cwd: dir, durationS: 30, intervalMs: 100 }, { signal: controller.signal });
    assert.equal(report.stoppedBy, 'cancel');
    assert.equal(report.signal, 'SIGINT');
    assert.ok(report.durationS < 3);
  });
});

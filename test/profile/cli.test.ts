// `frugal profile` through the bundled CLI: help, usage errors (exit 2), a crash (exit 1 with the
// script's stderr in the summary), and a real run of the demo with the JSON report and the CSV.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { splitArgv } from '../../src/cli/profile';
import { which } from '../../src/profile/runner/which';
import type { ProfileReport } from '../../src/profile/types';
import { ROOT } from '../helpers';
import { unprivileged } from '../unprivileged';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const DEMO = path.join(ROOT, 'examples', 'profile_demo.py');

function frugal(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('frugal profile: arguments', () => {
  test('our options stop at the script; the rest, or what follows --, is the script’s', () => {
    assert.deepEqual(splitArgv(['--duration', '5', 'train.py', '--epochs', '3']), { ours: ['--duration', '5'], script: 'train.py', args: ['--epochs', '3'] });
    assert.deepEqual(splitArgv(['--quiet', '--json=r.json', 'train.py']), { ours: ['--quiet', '--json=r.json'], script: 'train.py', args: [] });
    assert.deepEqual(splitArgv(['--country', 'FRA', '--', 'train.py', '--help']), { ours: ['--country', 'FRA'], script: 'train.py', args: ['--help'] });
    assert.deepEqual(splitArgv(['train.py', '--', '--epochs', '3', '--']), { ours: [], script: 'train.py', args: ['--epochs', '3', '--'] });
  });

  test('help, and the command in the global help', () => {
    const r = frugal(['profile', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /frugal profile \[options\] <script> \[-- args\.\.\.\]/);
    assert.match(r.stdout, /--csv FILE/);
    assert.match(frugal(['--help']).stdout, /frugal profile \[options\] <script>/);
  });

  test('usage errors exit 2 with a message: no script, missing script, missing interpreter, bad number', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-cli-profile-'));
    writeFileSync(path.join(dir, 'train.py'), 'print(1)\n');
    const cases: [string[], RegExp][] = [
      [['profile'], /no script given/],
      [['profile', 'missing.py'], /script not found: missing\.py/],
      [['profile', '--python', '/opt/none/python3', 'train.py'], /Python interpreter not found: \/opt\/none\/python3/],
      [['profile', '--duration', 'soon', 'train.py'], /--duration needs a number/],
      [['profile', '--duration', '-1', 'train.py'], /--duration needs a number ≥ 0, got "-1"/],
    ];
    for (const [args, message] of cases) {
      const r = frugal(args, dir);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  test('a crash exits 1 and the summary shows the end of its stderr', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-cli-profile-'));
    writeFileSync(path.join(dir, 'crash.js'), "throw new Error('CUDA out of memory');\n");
    const r = frugal(['profile', 'crash.js'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /exited with code 1/);
    assert.match(r.stderr, /the script failed; the end of its standard error:\n(.|\n)*Error: CUDA out of memory/);
  });
});

describe('frugal profile: report destinations', () => {
  const MARK = "require('fs').writeFileSync('ran', '1'); console.log('script output');\n";

  test('--json - puts only the report on standard output; the script\'s output goes to standard error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-cli-profile-'));
    writeFileSync(path.join(dir, 'hello.js'), MARK);
    const r = frugal(['profile', '--quiet', '--json', '-', 'hello.js'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as ProfileReport).schema, 'frugal.profile/1');
    assert.match(r.stderr, /script output/);
    assert.match(frugal(['profile', '--help']).stdout, /"-" writes it to standard\s+output and sends the script's own standard output to standard error/);
  });

  test('a --json or --csv that cannot be written stops before the script starts', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-cli-profile-'));
    writeFileSync(path.join(dir, 'hello.js'), MARK);
    mkdirSync(path.join(dir, 'folder'));
    for (const [option, target] of [['--json', 'missing/r.json'], ['--csv', 'folder'], ['--csv', 'hello.js/emissions.csv']]) {
      const r = frugal(['profile', option, target, 'hello.js'], dir);
      assert.equal(r.code, 2, `${option} ${target}`);
      assert.match(r.stderr, new RegExp(`^frugal: cannot write ${option} ${target}: [^\n]+\n$`));
      assert.equal(existsSync(path.join(dir, 'ran')), false, 'the script never ran');
    }
  });

  const user = unprivileged(CLI);
  test('a destination the user may not write stops before the script starts', { skip: typeof user === 'string' ? user : false }, () => {
    const as = user as Exclude<typeof user, string>;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-cli-profile-'));
    writeFileSync(path.join(dir, 'hello.js'), MARK);
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'emissions.csv'), '');
    as.own(dir);
    chmodSync(path.join(dir, 'locked'), 0o555);
    chmodSync(path.join(dir, 'emissions.csv'), 0o444);
    for (const [option, target] of [['--json', 'locked/r.json'], ['--csv', 'emissions.csv']]) {
      const r = as.run(process.execPath, [CLI, 'profile', option, target, 'hello.js'], dir);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, `frugal: cannot write ${option} ${target}: permission denied (EACCES)\n`);
      assert.equal(existsSync(path.join(dir, 'ran')), false);
    }
  });
});

describe('frugal profile: a real run', { skip: !which('python3') && 'needs python3' }, () => {
  test('the demo for 1 s: labelled report, JSON and a CodeCarbon row', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-cli-profile-'));
    const json = path.join(dir, 'r.json');
    const csv = path.join(dir, 'emissions.csv');
    const r = frugal(['profile', '--duration', '1.5', '--country', 'FRA', '--json', json, '--csv', csv, DEMO], dir);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(readFileSync(json, 'utf8')) as ProfileReport;
    assert.equal(report.schema, 'frugal.profile/1');
    for (const key of ['script', 'args', 'startedAt', 'durationS', 'exitCode', 'stoppedBy', 'energy', 'methods', 'emissions', 'devices', 'samples']) assert.ok(key in report, key);
    assert.equal(report.stoppedBy, 'duration');
    assert.ok(report.durationS >= 1.5 && report.durationS < 5);
    assert.ok(['rapl', 'tdp-estimate', 'powermetrics'].includes(report.methods.cpu.id));
    assert.ok(report.energy.cpuJ > 0);
    assert.equal(report.energy.totalJ, report.energy.cpuJ + report.energy.gpuJ + report.energy.ramJ);
    assert.equal(report.methods.ram.estimated, true);
    assert.equal(report.emissions.countryIso3, 'FRA');
    assert.equal(report.emissions.gCO2e, (report.energy.totalJ / 3.6e6) * report.emissions.intensityGPerKWh * report.emissions.pue);
    assert.ok(report.samples.length >= 5);
    assert.equal(report.progress?.kind, 'counter');
    assert.ok(report.progress!.projection!.energyJ > report.energy.totalJ);
    assert.ok(report.profiler.pctOfOneCore < 5, `profiler used ${report.profiler.pctOfOneCore} % of a core`);
    assert.match(r.stdout, /epoch 1\/100/);
    assert.match(r.stderr, /CPU .*(estimated from TDP|RAPL)/);
    const rows = readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(rows.length, 2);
    assert.equal(rows[1].split(',')[rows[0].split(',').indexOf('country_iso_code')], 'FRA');
  });

  test('a script stopped by --duration: the note says so above its KeyboardInterrupt traceback', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-cli-profile-'));
    writeFileSync(path.join(dir, 'loop.py'), 'import time\nprint("started", flush=True)\nwhile True:\n    time.sleep(0.05)\n');
    const r = frugal(['profile', '--duration', '1', '--interval', '1000', 'loop.py'], dir);
    assert.equal(r.code, 0, r.stderr);
    const note = r.stderr.indexOf('frugal: the --duration limit is reached: stopping the script on purpose');
    const traceback = r.stderr.indexOf('KeyboardInterrupt');
    assert.ok(note >= 0 && traceback > note, r.stderr);
    assert.match(r.stderr, /profiler: 1 sample every 1000 ms|profiler: \d+ samples every 1000 ms/);
    assert.doesNotMatch(r.stderr, /profiler: 1 samples/);
  });

  test('arguments after -- go to the script, --help included', () => {
    const r = frugal(['profile', '--quiet', DEMO, '--', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /usage: profile_demo\.py/);
  });
});

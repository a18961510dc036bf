// The panel's use of the profiler: a Python script runs under the probe inside profileScript, the
// report names the user's script, a stop still yields the probe's result, and a finished run can
// be re-priced for another country.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { repriceEmissions, runProfile } from '../../src/extension/profile/profiler';
import { buildView, summarize } from '../../src/extension/profile/views';
import { attribute } from '../../src/extension/profile/attribution';
import { isRunView } from '../../src/extension/profile/protocol';
import { PROBE } from './fixtures';

const PYTHON = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
const skip = PYTHON ? false : 'no Python on PATH';

function script(name: string, text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-run-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const BUSY = `import sys, time
def work(seconds):
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1
    return n
print("args", sys.argv[1:])
work(float(sys.argv[1]) if len(sys.argv) > 1 else 0.6)
`;

describe('running under the profiler', { skip }, () => {
  test('a Python script runs under the probe; the report names the script', async () => {
    const file = script('busy.py', BUSY);
    let out = '';
    const samples: number[] = [];
    const r = await runProfile(
      { script: file, args: ['0.8'], cwd: path.dirname(file), durationS: 20, probe: PROBE, python: PYTHON, country: 'FRA' },
      { onOutput: (_s, c) => (out += c.toString()), onSample: (s) => samples.push(s.t) },
    );
    assert.equal(r.report.schema, 'frugal.profile/1');
    assert.equal(r.report.script, file);
    assert.deepEqual(r.report.args, ['0.8']);
    assert.equal(r.report.exitCode, 0);
    assert.equal(r.report.stoppedBy, 'exit');
    assert.ok(r.report.command.includes(PROBE), 'the command shows what really ran');
    assert.match(out, /args \['0.8'\]/);
    assert.ok(samples.length > 0);
    assert.ok(r.probe && r.probe.samples > 20, r.probeNote ?? '');
    const a = attribute(r.probe!, r.report.energy.totalJ, (f) => path.basename(f));
    assert.equal(a.functions[0].name, 'work');
    assert.ok(a.functions[0].share > 0.8, `work: ${a.functions[0].share}`);
    const summary = summarize(r.report, { id: 'run-1', relPath: 'busy.py' });
    assert.equal(summary.place, 'France');
    assert.ok(isRunView(buildView(r.report, summary, a)));
  });

  test('stopping the run ends the script and still yields the probe\'s result', async () => {
    const file = script('long.py', BUSY);
    const abort = new AbortController();
    const t0 = Date.now();
    const pending = runProfile(
      { script: file, args: ['60'], cwd: path.dirname(file), durationS: 60, probe: PROBE, python: PYTHON },
      { signal: abort.signal, onStart: () => setTimeout(() => abort.abort(), 1000) },
    );
    const r = await pending;
    assert.equal(r.report.stoppedBy, 'cancel');
    assert.ok(Date.now() - t0 < 15_000);
    assert.equal(r.report.leftoverProcesses, 0);
    assert.ok(r.probe && r.probe.samples > 0, r.probeNote ?? '');
  });

  test('a JavaScript script runs without the probe', async () => {
    const file = script('hello.js', 'console.log("hi from node")\n');
    const r = await runProfile({ script: file, args: [], cwd: path.dirname(file), durationS: 10, probe: PROBE }, {});
    assert.equal(r.report.exitCode, 0);
    assert.equal(r.probe, undefined);
    assert.equal(r.report.script, file);
  });
});

describe('re-pricing', { skip }, () => {
  test('emissions follow the country; energy does not change', async () => {
    const file = script('quick.py', 'print(1)\n');
    const { report } = await runProfile({ script: file, args: [], cwd: path.dirname(file), durationS: 10, python: PYTHON, country: 'FRA' }, {});
    const india = repriceEmissions(report, 'IND');
    assert.equal(india.energy.totalJ, report.energy.totalJ);
    assert.equal(india.emissions.countryIso3, 'IND');
    assert.ok(india.emissions.intensityGPerKWh > report.emissions.intensityGPerKWh);
    const ratio = india.emissions.gCO2e / report.emissions.gCO2e;
    assert.ok(Math.abs(ratio - india.emissions.intensityGPerKWh / report.emissions.intensityGPerKWh) < 1e-9);
    assert.throws(() => repriceEmissions(report, 'ZZZ'), /unknown country/);
  });
});

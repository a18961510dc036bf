// The Energy Profile panel in a real VS Code: `frugal.profileFile` resolves with the report and
// the panel renders it; a stopped run leaves no process behind; the history survives a reload;
// exports; and pictures of the panel in a light and a dark theme.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { MeasureFixResult, ProfilingApi } from '../../../src/extension/profile';
import { fixedCopyPath } from '../../../src/profile/fix-comparison';
import type { EmissionsReport } from '../../../src/report/codecarbon';
import { buildBlocks, missingPrometheus, openMetrics, readTrace, repoRoot, startPrometheus } from '../../cluster/server';
import type { ProfileReport } from '../../../src/profile/types';
import { frugalExtension, screenshot, waitFor, workspaceUri } from '../util';
import { alive } from '../../alive';

type Report = ProfileReport;
const CODECARBON = path.join(repoRoot(), 'test', 'fixtures', 'codecarbon');

async function profiling(): Promise<ProfilingApi> {
  const api = (await frugalExtension().activate()) as { profiling: ProfilingApi };
  return api.profiling;
}

async function setTheme(theme: string): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
  await new Promise((r) => setTimeout(r, 1500));
}

suite('Energy Profile', () => {
  test('frugal.profileFile resolves with the report; the panel renders it; hints and CodeLens', async function () {
    this.timeout(120_000);
    const api = await profiling();
    const uri = workspaceUri('energy_demo.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const t0 = Date.now();
    const report = (await vscode.commands.executeCommand('frugal.profileFile', uri, { durationS: 30 })) as Report;
    console.log(`profile of energy_demo.py: ${report.durationS.toFixed(2)} s run, ${((Date.now() - t0) / 1000).toFixed(2)} s command, ${report.energy.totalJ.toFixed(2)} J, cpu ${report.methods.cpu.id}`);
    assert.equal(report.schema, 'frugal.profile/1');
    assert.equal(report.script, uri.fsPath);
    assert.equal(report.exitCode, 0);
    assert.equal(report.stoppedBy, 'exit');
    assert.ok(report.energy.totalJ > 0, 'some energy');
    assert.ok(Math.abs(report.energy.cpuJ + report.energy.gpuJ + report.energy.ramJ - report.energy.totalJ) < 1e-6);
    assert.ok(report.emissions.gCO2e > 0 && report.emissions.intensityGPerKWh > 0 && report.emissions.intensitySource.length > 0);
    assert.ok(report.samples.length > 0);

    const last = api.history()[0];
    assert.equal(last.script, uri.fsPath);
    await waitFor(() => api.panelRendered(last.id), 'the panel to render the final result');
    await waitFor(() => api.hintLines(uri).length > 0, 'inline energy hints on energy_demo.py');
    const lines = api.hintLines(uri);
    assert.ok(lines.includes(6) || lines.includes(7), `the loop of slow_sum_of_squares is hot (hints on ${lines.join(', ')})`);

    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) as vscode.CodeLens[];
    const profileLens = lenses.find((l) => l.command?.command === 'frugal.profileFile');
    assert.ok(profileLens, 'a Profile energy CodeLens');
    assert.equal(profileLens.range.start.line, 21, 'above if __name__ == "__main__":');

    await vscode.commands.executeCommand('workbench.action.closePanel');
    await setTheme('Default Light Modern');
    await screenshot('light');
    // A wider side bar, as a reader would make it (with the side bar focused, "decrease" narrows the editor).
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await screenshot('light-wide');
  });

  test('a second run: the history holds both, newest first, for comparison', async function () {
    this.timeout(120_000);
    const api = await profiling();
    const uri = workspaceUri('energy_demo.py');
    const report = (await vscode.commands.executeCommand('frugal.profileFile', uri, { durationS: 30 })) as Report;
    assert.equal(report.exitCode, 0);
    const runs = api.history().filter((r) => r.script === uri.fsPath);
    assert.ok(runs.length >= 2);
    await waitFor(() => api.panelRendered(runs[0].id), 'the panel to render the second result');
    const pair = (await vscode.commands.executeCommand('frugal.compareRuns')) as string[];
    assert.deepEqual(pair, [runs[1].id, runs[0].id], 'the previous run before the latest');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await setTheme('Default Dark Modern');
    await screenshot('compare-dark');
    await setTheme('Default High Contrast');
    await screenshot('compare-high-contrast');
    await setTheme('Default Dark Modern');
    // And a narrow one: the layout wraps instead of overflowing.
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    for (let i = 0; i < 12; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    await screenshot('narrow-dark');
  });

  test('stopping a long run ends the script and its child process', async function () {
    this.timeout(120_000);
    const api = await profiling();
    const uri = workspaceUri('long_run.py');
    const pidsFile = workspaceUri('long_run.pids').fsPath;
    const pending = vscode.commands.executeCommand('frugal.profileFile', uri, { durationS: 120 }) as Thenable<Report>;
    await waitFor(() => existsSync(pidsFile) && readFileSync(pidsFile, 'utf8').trim().split(' ').length === 2, 'long_run.py to start its child', 30_000);
    const [scriptPid, childPid] = readFileSync(pidsFile, 'utf8').trim().split(' ').map(Number);
    assert.ok(api.running(), 'a run is in progress');
    assert.ok(alive(scriptPid) && alive(childPid));
    await new Promise((r) => setTimeout(r, 3000));
    await screenshot('live');
    const t0 = Date.now();
    await vscode.commands.executeCommand('frugal.stopProfile');
    const report = await pending;
    console.log(`stop: the run ended ${((Date.now() - t0) / 1000).toFixed(2)} s after Stop`);
    assert.equal(report.stoppedBy, 'cancel');
    assert.equal(api.running(), undefined);
    await waitFor(() => !alive(scriptPid) && !alive(childPid), 'the script and its child to be gone', 10_000);
    const last = api.history()[0];
    assert.equal(last.script, uri.fsPath);
    assert.equal(last.stoppedBy, 'cancel');
  });

  test('the history survives a reload; runs export as JSON and CodeCarbon CSV', async () => {
    const api = await profiling();
    const before = api.history().map((r) => r.id);
    assert.ok(before.length >= 3);
    const after = (await api.reloadHistory()).map((r) => r.id);
    assert.deepEqual(after, before);
    assert.ok(existsSync(`${api.storageDir}/history.json`));

    const json = workspaceUri('exported.profile.json');
    await vscode.commands.executeCommand('frugal.exportProfile', before[0], 'json', json);
    assert.equal(JSON.parse(readFileSync(json.fsPath, 'utf8')).schema, 'frugal.profile/1');
    const csv = workspaceUri('exported.emissions.csv');
    await vscode.commands.executeCommand('frugal.exportProfile', before[0], 'csv', csv);
    const [header, row] = readFileSync(csv.fsPath, 'utf8').trim().split('\n');
    assert.ok(header.startsWith('timestamp,project_name,run_id,experiment_id,duration,emissions'));
    assert.equal(header.split(',').length, row.split(',').length);
  });

  test('Measure this fix: the code action profiles the script as it is and with the fix, never touching the file', async function () {
    this.timeout(240_000);
    const api = await profiling();
    const uri = workspaceUri('measure_fix.py');
    const original = readFileSync(uri.fsPath, 'utf8');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    let diag: vscode.Diagnostic | undefined;
    await waitFor(() => (diag = vscode.languages.getDiagnostics(uri).find((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'FRG105')) !== undefined, 'the FRG105 diagnostic');
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diag!.range)) as vscode.CodeAction[];
    const titles = actions.map((a) => a.title);
    const fixAt = titles.findIndex((t) => t.startsWith('Fix: '));
    const measure = actions.find((a) => a.title === 'Measure this fix (profile before and after)');
    assert.ok(measure?.command, `a Measure this fix action (got ${titles.join(' | ')})`);
    assert.equal(titles.indexOf(measure.title), fixAt + 1, 'right after the quick fix it measures');
    const result = (await vscode.commands.executeCommand(measure.command.command, ...(measure.command.arguments ?? []))) as MeasureFixResult;
    assert.equal(result.before.length, 2);
    assert.equal(result.after.length, 2);
    const runs = api.history();
    const label = (id: string) => runs.find((r) => r.id === id)?.relPath ?? '';
    assert.ok(result.before.every((id) => label(id).endsWith('measure_fix.py (as it is)')), result.before.map(label).join(', '));
    assert.ok(result.after.every((id) => label(id).endsWith('measure_fix.py (with the fix)')), result.after.map(label).join(', '));
    assert.equal(result.comparison.basis, 'per-run', 'every run finished, so whole runs compare');
    assert.ok(result.comparison.withinNoise !== undefined, 'two runs each give a noise estimate');
    assert.match(result.comparison.verdict, /noise/);
    console.log(`measure this fix on measure_fix.py: ${result.comparison.verdict}`);
    assert.equal(readFileSync(uri.fsPath, 'utf8'), original, 'the user\'s file is unchanged');
    assert.ok(!existsSync(fixedCopyPath(uri.fsPath)), 'the fixed copy is removed');
    await waitFor(() => api.panelRendered(result.after[1]), 'the panel to render the last run');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await screenshot('measure-fix');
  });

  test('Cluster Job Energy reads a real Prometheus and opens the job in the panel; Team Emissions totals CodeCarbon logs', async function () {
    const missing = missingPrometheus();
    if (missing) {
      console.log(`cluster: skipped (${missing})`);
      this.skip();
    }
    this.timeout(180_000);
    const api = await profiling();
    const server = await startPrometheus({ blocks: buildBlocks(mkdtempSync(path.join(os.tmpdir(), 'frugal-e2e-prom-'))) });
    try {
      const om = openMetrics();
      const report = (await vscode.commands.executeCommand('frugal.clusterJobEnergy', { prometheus: server.url, job: 'train-bert', fromS: om.fromS, toS: om.toS })) as ProfileReport;
      const trace = readTrace();
      const truthJ = (trace[trace.length - 1].energyMJ - trace[0].energyMJ) / 1000;
      console.log(`cluster job train-bert: GPU ${report.energy.gpuJ.toFixed(1)} J vs the trace's ${truthJ.toFixed(1)} J, ${report.emissions.gCO2e.toFixed(2)} g CO2e`);
      assert.ok(Math.abs(report.energy.gpuJ / truthJ - 1) <= 0.01, 'GPU energy within 1 % of the trace');
      assert.ok(report.energy.cpuJ > 0 && report.emissions.gCO2e > 0);
      assert.match(report.methods.gpu.label, /DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION/, 'the figure says which metric gave it');
      const run = api.history()[0];
      await waitFor(() => api.panelRendered(run.id), 'the panel to render the cluster job');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      await screenshot('cluster-job');
    } finally {
      await server.stop();
    }
    const logs = readdirSync(CODECARBON).filter((f) => f.endsWith('.csv')).map((f) => path.join(CODECARBON, f));
    const team = (await vscode.commands.executeCommand('frugal.teamEmissions', logs)) as EmissionsReport;
    assert.equal(team.files.length, logs.length);
    assert.ok(team.totals.runs > 0 && team.totals.emissionsKg > 0, 'totals from every log');
    await screenshot('team-emissions');
  });

  test('bad arguments are refused with a message', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('frugal.profileFile', workspaceUri('explore.ipynb'))), /profiles Python/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('frugal.profileFile', workspaceUri('energy_demo.py'), { durationS: -1 })), /durationS/);
  });
});

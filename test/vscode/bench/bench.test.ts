// Benchmark Inference in a real VS Code: the command resolves with the frugal.bench/1 report, the
// Benchmark view renders its table (one row per setting), the CodeLens on torch.onnx.export names
// the model, and a model that is not ONNX is refused with a clear message.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { BenchReport } from '../../../src/bench/types';
import type { BenchmarkApi } from '../../../src/extension/bench';
import { mlp } from '../../bench/models';
import { frugalExtension, screenshot, waitFor, workspaceUri } from '../util';

async function bench(): Promise<BenchmarkApi> {
  const api = (await frugalExtension().activate()) as { bench: BenchmarkApi };
  return api.bench;
}

suite('Benchmark', () => {
  test('frugal.benchmarkModel runs the sweep; the view renders the table', async function () {
    this.timeout(120_000);
    const api = await bench();
    const folder = workspaceUri('.').fsPath;
    const model = mlp(folder, 'mlp.onnx');
    const t0 = Date.now();
    const report = (await vscode.commands.executeCommand('frugal.benchmarkModel', vscode.Uri.file(model), {
      batches: [1, 8],
      threads: [1],
      optimizations: ['disabled', 'all'],
      durationS: 0.5,
      warmup: 2,
    })) as BenchReport;
    console.log(`benchmark of mlp.onnx: ${report.runs.length} settings, ${((Date.now() - t0) / 1000).toFixed(2)} s command, best ${report.best?.energyPer1kJ.toPrecision(3)} J/1k (${report.runs[0].method})`);
    assert.equal(report.schema, 'frugal.bench/1');
    assert.equal(report.runs.length, 4);
    assert.ok(report.runs.every((r) => !r.error && r.iterations > 0 && r.energyPer1kJ > 0), JSON.stringify(report.runs.map((r) => r.error)));
    assert.ok(report.best);
    const entry = api.history()[0];
    assert.equal(entry.report.startedAt, report.startedAt);
    await waitFor(() => api.rendered(entry.id) !== undefined, 'the Benchmark view to render the result');
    assert.equal(api.rendered(entry.id), 4, 'one table row per setting');
    await screenshot('bench');
  });

  test('a CodeLens on torch.onnx.export names the model', async () => {
    const uri = workspaceUri('export_model.py');
    writeFileSync(uri.fsPath, 'import torch\n\nmodel = torch.nn.Linear(64, 10)\ntorch.onnx.export(model, torch.zeros(1, 64), "mlp.onnx")\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    let lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < 50 && !lenses.some((l) => l.command?.command === 'frugal.benchmarkModel'); i++) {
      lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) as vscode.CodeLens[];
      await new Promise((r) => setTimeout(r, 200));
    }
    const lens = lenses.find((l) => l.command?.command === 'frugal.benchmarkModel');
    assert.ok(lens, 'a Benchmark Inference CodeLens');
    assert.equal(lens.range.start.line, 3);
    assert.equal((lens.command!.arguments?.[0] as vscode.Uri).fsPath, workspaceUri('mlp.onnx').fsPath);
  });

  test('a file that is not an ONNX model: a clear error, no crash', async () => {
    const api = await bench();
    const bad = workspaceUri('notes.onnx');
    writeFileSync(bad.fsPath, 'not a model\n');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('frugal.benchmarkModel', bad, { durationS: 0.2 })), /is not a readable ONNX model/);
    assert.equal(api.running(), undefined);
  });
});

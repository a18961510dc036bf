// Bad input never breaks the editor: syntax errors still get findings for what parses, and a
// huge file is skipped with a notice while other files keep being analysed.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, frugalDiagnostics, waitFor, workspaceUri } from '../util';

suite('Robustness', () => {
  test('a file with syntax errors still gets findings for the parts that parse', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('broken.py'));
    await vscode.window.showTextDocument(doc);
    await waitFor(() => frugalDiagnostics(doc.uri).length > 0, 'diagnostics on broken.py');
    assert.deepEqual(frugalDiagnostics(doc.uri).map(codeOf), ['FRG107']);
  });

  test('a huge file is skipped and the extension keeps working', async () => {
    const uri = workspaceUri('huge.py');
    const line = 'import torch\nfrom torch.utils.data import DataLoader\nmodel.cuda()\n';
    const body = 'loader = DataLoader(ds, num_workers=2)\n'.repeat(40_000);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(line + body));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(frugalDiagnostics(uri), []);
    // Still responsive: a small edit elsewhere is analysed.
    const small = await vscode.workspace.openTextDocument({ language: 'python', content: line + 'loader = DataLoader(ds, num_workers=2)\n' });
    await waitFor(() => frugalDiagnostics(small.uri).length === 1, 'diagnostics on an untitled file after the huge one');
  });

  test('re-analysis of a 1,000-line file is fast', async () => {
    const lines = ['import torch', 'from torch.utils.data import DataLoader', 'device = torch.device("cuda")', 'model.cuda()'];
    for (let i = 0; lines.length < 1000; i++) {
      lines.push(`def step_${i}(model, batch, opt):`, '    loss = model(batch).mean()', '    loss.backward()', '    opt.step()', `    return DataLoader(ds_${i}, num_workers=2)`);
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: lines.join('\n') + '\n' });
    await vscode.window.showTextDocument(doc);
    await waitFor(() => frugalDiagnostics(doc.uri).length > 100, 'diagnostics on the 1,000-line file');
    const api = vscode.extensions.getExtension<{ analyze(uri: vscode.Uri): Promise<{ ms: number }> }>('frugal-ml.frugal-ml')!.exports;
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const editor = vscode.window.activeTextEditor!;
      await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount - 1, 0), `x_${i} = ${i}\n`));
      times.push((await api.analyze(doc.uri)).ms);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(`re-analysis of a ${doc.lineCount}-line file after one edit: median ${median.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
    assert.ok(median < 50, `median re-analysis ${median.toFixed(1)} ms is not under 50 ms`);
  });
});

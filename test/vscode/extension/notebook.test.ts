// Notebooks: every code cell gets its own diagnostics from analysing the whole notebook in
// cell order; quick fixes edit the right cell.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, frugalDiagnostics, waitFor, workspaceUri } from '../util';

suite('Notebook', () => {
  test('cells get diagnostics using imports and CUDA evidence from earlier cells', async () => {
    const nb = await vscode.workspace.openNotebookDocument(workspaceUri('explore.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.cellAt(3);
    await waitFor(() => frugalDiagnostics(cell.document.uri).length >= 2, 'diagnostics in cell 3');
    const got = frugalDiagnostics(cell.document.uri)
      .map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`)
      .sort();
    assert.deepEqual(got, ['FRG107@1:9', 'FRG108@3:9']);
    assert.deepEqual(frugalDiagnostics(nb.cellAt(1).document.uri), []);
  });

  test('a quick fix in a cell edits that cell', async () => {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith('explore.ipynb'))!;
    const cell = nb.cellAt(3).document;
    const d = frugalDiagnostics(cell.uri).find((x) => codeOf(x) === 'FRG108')!;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', cell.uri, d.range)) ?? [];
    const fix = actions.find((a) => a.title.startsWith('Fix: '))!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(cell.lineAt(2).text, '    x = torch.zeros(8, device=device)');
    await waitFor(() => !frugalDiagnostics(cell.uri).some((x) => codeOf(x) === 'FRG108'), 'FRG108 to disappear from the cell');
  });
});

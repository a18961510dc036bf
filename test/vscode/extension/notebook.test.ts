// Notebooks: every code cell gets its own diagnostics from analysing the whole notebook in
// cell order; quick fixes edit the right cell.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, frugalDiagnostics, frugalExtension, waitFor, workspaceUri } from '../util';

type Stats = { analyses: number; lastMs: number };

async function linterStats(): Promise<() => Stats> {
  return ((await frugalExtension().activate()) as { linterStats: () => Stats }).linterStats;
}

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

  test('only a change to a cell\'s text runs the rules again: metadata and outputs do not', async () => {
    const stats = await linterStats();
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith('explore.ipynb'))!;
    await waitFor(() => frugalDiagnostics(nb.cellAt(3).document.uri).length > 0, 'diagnostics in cell 3');
    // Settle: the previous test's edit may still be on its debounce timer.
    for (let last = -1; last !== stats().analyses; ) {
      last = stats().analyses;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const before = stats().analyses;
    const meta = new vscode.WorkspaceEdit();
    meta.set(nb.uri, [vscode.NotebookEdit.updateCellMetadata(1, { ...nb.cellAt(1).metadata, tags: ['frugal-test'] })]);
    assert.ok(await vscode.workspace.applyEdit(meta));
    const out = new vscode.WorkspaceEdit();
    out.set(nb.uri, [vscode.NotebookEdit.updateNotebookMetadata({ ...nb.metadata, frugalTest: 1 })]);
    assert.ok(await vscode.workspace.applyEdit(out));
    // Past the debounce (250 ms) with room to spare: no analysis ran.
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(stats().analyses, before, 'metadata changes left the diagnostics as they were');
    const text = new vscode.WorkspaceEdit();
    text.insert(nb.cellAt(1).document.uri, new vscode.Position(0, 0), '# a note\n');
    assert.ok(await vscode.workspace.applyEdit(text));
    await waitFor(() => stats().analyses === before + 1, 'one analysis after the cell edit');
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(stats().analyses, before + 1, 'one edit, one analysis');
    console.log(`notebook re-analysis after a cell edit: ${stats().lastMs.toFixed(1)} ms`);
  });
});

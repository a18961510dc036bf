// Last in the suite: leaves a file with diagnostics and an open hover on screen and asks the
// harness for a picture of it (saved with E2E_SCREENSHOTS=dir), for a person to check.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { frugalDiagnostics, screenshot, waitFor, workspaceUri } from '../util';

suite('Screenshot', () => {
  test('a file with diagnostics and the hover', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const doc = await vscode.workspace.openTextDocument(workspaceUri('train.py'));
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor(() => frugalDiagnostics(doc.uri).length > 0, 'diagnostics on train.py');
    const d = frugalDiagnostics(doc.uri)[0];
    editor.selection = new vscode.Selection(d.range.start, d.range.start);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover');
    assert.ok(frugalDiagnostics(doc.uri).length > 0);
  });
});

// Commands and settings: Analyze Workspace fills the Problems panel for closed files (skipping
// excluded folders), settings changes re-analyse, Restart brings diagnostics back.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, frugalDiagnostics, waitFor, workspaceUri } from '../util';

suite('Commands and settings', () => {
  test('Analyze Workspace reports closed files and skips excluded folders', async () => {
    const result = await vscode.commands.executeCommand<{ files: number; findings: number; cancelled: boolean }>('frugal.analyzeWorkspace');
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 6, `only ${result.files} files analysed`);
    assert.deepEqual(frugalDiagnostics(workspaceUri('closed.py')).map(codeOf), ['FRG301']);
    assert.deepEqual(frugalDiagnostics(workspaceUri('.venv/lib/vendored.py')), []);
  });

  test('changing a setting re-analyses open documents', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('train.py'));
    await vscode.window.showTextDocument(doc);
    await waitFor(() => frugalDiagnostics(doc.uri).length > 0, 'diagnostics on train.py');
    const config = vscode.workspace.getConfiguration('frugal');
    await config.update('severity', { FRG101: 'error' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => frugalDiagnostics(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Error, 'FRG101 to become an error');
      await config.update('ignore', ['missing-early-stopping'], vscode.ConfigurationTarget.Workspace);
      await waitFor(() => frugalDiagnostics(doc.uri).length === 0, 'FRG101 to be ignored');
    } finally {
      await config.update('ignore', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => frugalDiagnostics(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Warning, 'the default severity back');
  });

  test('frugal.confidence "high" keeps back findings where the code shows no large run', async () => {
    // train.py fits a Keras model on 256 random rows: FRG101 is a low-confidence finding.
    const doc = await vscode.workspace.openTextDocument(workspaceUri('train.py'));
    await vscode.window.showTextDocument(doc);
    await waitFor(() => frugalDiagnostics(doc.uri).some((d) => codeOf(d) === 'FRG101' && /low confidence/.test(d.message)), 'a low-confidence FRG101 on train.py');
    const config = vscode.workspace.getConfiguration('frugal');
    await config.update('confidence', 'high', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => frugalDiagnostics(doc.uri).length === 0, 'the low-confidence finding kept back');
    } finally {
      await config.update('confidence', 'low', vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => frugalDiagnostics(doc.uri).some((d) => codeOf(d) === 'FRG101'), 'FRG101 shown again');
  });

  test('Restart re-analyses the open documents', async () => {
    const uri = workspaceUri('train.py');
    await vscode.commands.executeCommand('frugal.restart');
    await waitFor(() => frugalDiagnostics(uri).length > 0, 'diagnostics after a restart');
  });
});

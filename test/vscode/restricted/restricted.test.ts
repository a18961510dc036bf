// Restricted Mode: the workspace is not trusted, so analysis (which never runs code) works while
// profiling (which runs the script) refuses with the reason, offers no CodeLens, and runs nothing.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProfilingApi } from '../../../src/extension/profile';
import { frugalDiagnostics, frugalExtension, waitFor, workspaceUri } from '../util';

suite('Restricted Mode', () => {
  test('the workspace is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  test('analysis runs: diagnostics on a script', async () => {
    const uri = workspaceUri('train.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(() => frugalDiagnostics(uri).length > 0, 'Frugal ML diagnostics on train.py');
  });

  test('profiling is off and says why; no CodeLens; nothing ran', async () => {
    const { profiling } = (await frugalExtension().activate()) as { profiling: ProfilingApi };
    const uri = workspaceUri('energy_demo.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('frugal.profileFile', uri, { durationS: 5 })),
      /does not profile in Restricted Mode: profiling runs your script/,
    );
    assert.equal(profiling.running(), undefined);
    assert.deepEqual(profiling.history(), []);
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) as vscode.CodeLens[];
    assert.equal(lenses.filter((l) => l.command?.command === 'frugal.profileFile').length, 0);
  });
});

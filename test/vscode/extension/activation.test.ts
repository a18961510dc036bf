// The extension activates on Python files and its command lists the engine's rules.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import { frugalDiagnostics, frugalExtension, waitFor, workspaceUri } from '../util';

suite('Extension', () => {
  test('activates when a Python file opens', async () => {
    const ext = frugalExtension();
    assert.equal(ext.isActive, false, 'nothing should activate Frugal ML before a Python file or notebook opens');
    const started = Date.now();
    const doc = await vscode.workspace.openTextDocument(workspaceUri('train.py'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'python');
    await waitFor(() => ext.isActive, 'Frugal ML to activate after opening train.py');
    // Cold start: activation, loading the grammar, the first analysis.
    await waitFor(() => frugalDiagnostics(doc.uri).length > 0, 'the first diagnostics on train.py');
    const ms = Date.now() - started;
    console.log(`cold start: first diagnostics ${ms} ms after opening train.py`);
    assert.ok(ms < 5000, `first diagnostics took ${ms} ms`);
  });

  test('contributes its commands under the Frugal ML category', async () => {
    const commands = frugalExtension().packageJSON.contributes.commands as { command: string; title: string; category: string }[];
    const registered = await vscode.commands.getCommands(true);
    for (const id of ['frugal.analyzeWorkspace', 'frugal.showRules', 'frugal.restart', 'frugal.listRules']) {
      const c = commands.find((x) => x.command === id);
      assert.equal(c?.category, 'Frugal ML', id);
      assert.ok(registered.includes(id), `${id} is not registered`);
    }
  });

  test('frugal.listRules returns the engine rule codes', async () => {
    const codes = await vscode.commands.executeCommand<string[]>('frugal.listRules');
    // The repository's engine bundle (the extension under test may be an unpacked VSIX without it).
    const engineFile = path.resolve(__dirname, '..', '..', '..', '..', '..', 'dist', 'engine.js');
    const engine = (await import(pathToFileURL(engineFile).href)) as { default: { RULES: { meta: { code: string } }[] } };
    const expected = engine.default.RULES.map((r) => r.meta.code);
    assert.ok(expected.length > 0, 'the engine lists rules');
    assert.deepEqual(codes, expected);
  });
});

// The extension activates on Python files and its command lists the engine's rules.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import { frugalExtension, waitFor, workspaceUri } from '../util';

suite('Extension', () => {
  test('activates when a Python file opens', async () => {
    const ext = frugalExtension();
    assert.equal(ext.isActive, false, 'nothing should activate Frugal ML before a Python file or notebook opens');
    const doc = await vscode.workspace.openTextDocument(workspaceUri('train.py'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'python');
    await waitFor(() => ext.isActive, 'Frugal ML to activate after opening train.py');
  });

  test('contributes Frugal ML: List Rules', async () => {
    const commands = frugalExtension().packageJSON.contributes.commands as { command: string; title: string }[];
    assert.deepEqual(
      commands.find((c) => c.command === 'frugal.listRules'),
      { command: 'frugal.listRules', title: 'Frugal ML: List Rules' },
    );
    assert.ok((await vscode.commands.getCommands(true)).includes('frugal.listRules'));
  });

  test('frugal.listRules returns the engine rule codes', async () => {
    const codes = await vscode.commands.executeCommand<string[]>('frugal.listRules');
    const engineFile = path.join(frugalExtension().extensionPath, 'dist', 'engine.js');
    const engine = (await import(pathToFileURL(engineFile).href)) as { default: { RULES: { meta: { code: string } }[] } };
    const expected = engine.default.RULES.map((r) => r.meta.code);
    assert.ok(expected.length > 0, 'the engine lists rules');
    assert.deepEqual(codes, expected);
  });
});

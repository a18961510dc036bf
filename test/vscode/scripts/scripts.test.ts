// TypeScript and JavaScript files in a real VS Code: the extension activates on them, and
// diagnostics, quick fixes (with `//` suppressions) and hovers work as in Python.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, frugalDiagnostics, waitFor, workspaceUri } from '../util';

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(doc);
}

function summary(uri: vscode.Uri): string[] {
  return frugalDiagnostics(uri)
    .map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`)
    .sort();
}

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

suite('TypeScript and JavaScript', () => {
  test('a .ts file gets diagnostics, and the hover shows the why and a TypeScript example', async () => {
    const editor = await open('web/train.ts');
    assert.equal(editor.document.languageId, 'typescript');
    const uri = editor.document.uri;
    await waitFor(() => frugalDiagnostics(uri).length >= 1, 'diagnostics on web/train.ts');
    assert.deepEqual(summary(uri), ['FRG101@8:9']);
    const d = frugalDiagnostics(uri)[0];
    assert.match(d.message, /TensorFlow\.js `fit` runs 200 epochs/);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start)) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /FRG101/);
    assert.match(text, /\*\*Why:\*\*/);
    assert.match(text, /tf\.callbacks\.earlyStopping/);
  });

  test('the early-stopping quick fix adds the callback and the diagnostic goes away', async () => {
    const editor = await open('web/train.ts');
    const uri = editor.document.uri;
    await waitFor(() => frugalDiagnostics(uri).length >= 1, 'diagnostics on web/train.ts');
    const d = frugalDiagnostics(uri).find((x) => codeOf(x) === 'FRG101')!;
    // Early stopping changes what is trained: offered in one click, marked unsafe.
    const fix = (await actionsAt(uri, d.range)).find((a) => a.title.startsWith('Fix (unsafe): '))!;
    assert.ok(fix, 'a quick fix for FRG101');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(editor.document.lineAt(7).text, /callbacks: \[tf\.callbacks\.earlyStopping\(\{ monitor: 'val_loss', patience: 5 \}\)\]/);
    await waitFor(() => frugalDiagnostics(uri).length === 0, 'FRG101 to disappear after the fix');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => frugalDiagnostics(uri).length === 1, 'FRG101 to come back after undo');
  });

  test('a .js server gets diagnostics; the safe fix removes profiling; Ignore uses a // comment', async () => {
    const editor = await open('web/server.js');
    assert.equal(editor.document.languageId, 'javascript');
    const uri = editor.document.uri;
    await waitFor(() => frugalDiagnostics(uri).length >= 2, 'diagnostics on web/server.js');
    assert.deepEqual(summary(uri), ['FRG105@7:69', 'FRG402@7:25']);
    const debug = frugalDiagnostics(uri).find((x) => codeOf(x) === 'FRG105')!;
    const fix = (await actionsAt(uri, debug.range)).find((a) => a.title.startsWith('Fix: '))!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(editor.document.lineAt(6).text, "  const session = await ort.InferenceSession.create('model.onnx');");
    await waitFor(() => !summary(uri).some((s) => s.startsWith('FRG105')), 'FRG105 to disappear after the fix');
    const load = frugalDiagnostics(uri).find((x) => codeOf(x) === 'FRG402')!;
    const ignore = (await actionsAt(uri, load.range)).find((a) => a.title === 'Ignore FRG402 for this line')!;
    assert.ok(await vscode.workspace.applyEdit(ignore.edit!));
    assert.match(editor.document.lineAt(6).text, /\/\/ frugal: ignore\[FRG402\]$/);
    await waitFor(() => frugalDiagnostics(uri).length === 0, 'FRG402 to disappear after ignoring it');
  });
});

// Diagnostics as you type, quick fixes, suppression, fix-all on save, hovers and the docs link,
// in a real VS Code.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, frugalDiagnostics, waitFor, workspaceUri } from '../util';

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(doc);
}

function summary(uri: vscode.Uri): string[] {
  return frugalDiagnostics(uri)
    .map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`)
    .sort();
}

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

suite('Editor', () => {
  test('diagnostics appear on open with code, range, severity, source and a docs link', async () => {
    const started = Date.now();
    const editor = await open('loader.py');
    const uri = editor.document.uri;
    await waitFor(() => frugalDiagnostics(uri).length >= 3, 'diagnostics on loader.py');
    console.log(`first diagnostics on loader.py after ${Date.now() - started} ms`);
    assert.deepEqual(summary(uri), ['FRG105@5:1-5:34', 'FRG107@9:13-9:23', 'FRG108@15:12-15:23']);
    const d = frugalDiagnostics(uri).find((x) => codeOf(x) === 'FRG107')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.match(d.message, /pin_memory=True/);
    const target = (d.code as { target: vscode.Uri }).target;
    assert.equal(target.scheme, 'command');
    assert.equal(target.path, 'frugal.showDocumentation');
    assert.deepEqual(JSON.parse(target.query), ['FRG107']);
  });

  test('code actions come in order: fix, ignore line, ignore file, docs, fix all', async () => {
    const uri = workspaceUri('loader.py');
    const d = frugalDiagnostics(uri).find((x) => codeOf(x) === 'FRG107')!;
    const titles = (await actionsAt(uri, d.range)).map((a) => a.title);
    const frg107 = titles.filter((t) => /FRG107|pin_memory/.test(t));
    assert.deepEqual(frg107, [
      'Fix: Set `pin_memory=True`',
      'Ignore FRG107 for this line',
      'Ignore FRG107 for this file',
      'Show documentation for FRG107',
      'Fix all FRG107 problems in this file',
    ]);
    const fix = (await actionsAt(uri, d.range)).find((a) => a.title.startsWith('Fix: '))!;
    assert.equal(fix.isPreferred, true);
  });

  test('applying the quick fix edits the document and the diagnostic goes away; undo is one step', async () => {
    const editor = await open('loader.py');
    const uri = editor.document.uri;
    const d = frugalDiagnostics(uri).find((x) => codeOf(x) === 'FRG107')!;
    const fix = (await actionsAt(uri, d.range)).find((a) => a.title.startsWith('Fix: '))!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(editor.document.lineAt(8).text, '    train = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4, pin_memory=True)');
    await waitFor(() => !summary(uri).some((s) => s.startsWith('FRG107')), 'FRG107 to disappear after the fix');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.lineAt(8).text, '    train = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4)');
    await waitFor(() => summary(uri).some((s) => s.startsWith('FRG107')), 'FRG107 to come back after undo');
  });

  test('Ignore for this line inserts the directive and the diagnostic goes away', async () => {
    const editor = await open('loader.py');
    const uri = editor.document.uri;
    const d = frugalDiagnostics(uri).find((x) => codeOf(x) === 'FRG108')!;
    const ignore = (await actionsAt(uri, d.range)).find((a) => a.title === 'Ignore FRG108 for this line')!;
    assert.ok(await vscode.workspace.applyEdit(ignore.edit!));
    assert.equal(editor.document.lineAt(14).text, '    return torch.zeros(n, 16).to(device)  # frugal: ignore[FRG108]');
    await waitFor(() => !summary(uri).some((s) => s.startsWith('FRG108')), 'FRG108 to disappear after ignoring it');
  });

  test('diagnostics follow typing (debounced)', async () => {
    const editor = await open('loader.py');
    const uri = editor.document.uri;
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n\nextra = DataLoader(val_set, num_workers=2)\n'));
    const line = editor.document.lineCount - 1;
    await waitFor(() => summary(uri).some((s) => s.startsWith(`FRG107@${line}:`)), 'a diagnostic on the typed line');
  });

  test('fix-all on save applies every safe fix (editor.codeActionsOnSave)', async () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'python' });
    await config.update('codeActionsOnSave', { 'source.fixAll.frugal': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      // A fresh copy of loader.py as saved on disk (the tests above only edit its open document).
      await vscode.workspace.fs.copy(workspaceUri('loader.py'), workspaceUri('onsave.py'), { overwrite: true });
      const editor = await open('onsave.py');
      const uri = editor.document.uri;
      await waitFor(() => frugalDiagnostics(uri).length >= 3, 'diagnostics on onsave.py');
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# saved\n'));
      await waitFor(() => summary(uri).some((s) => s.startsWith('FRG105@6:')), 're-analysis after the edit');
      await editor.document.save();
      const text = editor.document.getText();
      assert.match(text, /torch\.autograd\.set_detect_anomaly\(False\)/);
      assert.match(text, /num_workers=4, pin_memory=True\)/);
      assert.match(text, /return torch\.zeros\(n, 16, device=device\)/);
      await waitFor(() => summary(uri).length === 0, 'no diagnostics left after fix-all on save');
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
  });

  test('hover explains the finding with its evidence and links', async () => {
    const editor = await open('train.py');
    const uri = editor.document.uri;
    await waitFor(() => frugalDiagnostics(uri).length > 0, 'diagnostics on train.py');
    const d = frugalDiagnostics(uri)[0];
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /\*\*FRG101\*\* `missing-early-stopping`/);
    assert.match(text, /\*\*Evidence:\*\*.*arXiv/s);
    assert.match(text, /command:frugal\.showDocumentation/);
  });

  test('the documentation link opens the rule page in the Markdown preview', async () => {
    const d = frugalDiagnostics(workspaceUri('train.py'))[0];
    // What the Problems panel does with the link: run its command with its arguments.
    const target = (d.code as { target: vscode.Uri }).target;
    await vscode.commands.executeCommand(target.path, ...(JSON.parse(target.query) as string[]));
    const previewOpen = () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => /missing-early-stopping/.test(t.label) && /Preview/.test(t.label));
    await waitFor(previewOpen, 'a Markdown preview of missing-early-stopping.md');
  });
});

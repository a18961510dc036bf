// Proves the harness reports failure: one test passes, one fails on purpose.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('Harness self-check', () => {
  test('a passing test passes', () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the workspace fixture is open');
  });

  test('a deliberately failing test fails the run', () => {
    assert.equal(1 + 1, 3, 'deliberate failure: the harness must report this run as failed');
  });
});

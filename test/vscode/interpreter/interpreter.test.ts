// The interpreter a profile uses is the one selected in the Python extension, asked for the
// profiled file, with the variables that extension adds (its `.env`); here a stand-in for it
// (test/vscode/companions/fake-python) selects a wrapper that records how it was started.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ProfileReport } from '../../../src/profile/types';
import { frugalExtension, workspaceUri } from '../util';

suite('Interpreter from the Python extension', () => {
  test('frugal.profileFile runs the script with the selected interpreter and its .env variables', async function () {
    this.timeout(120_000);
    const python = path.join(workspaceUri('.fake-venv').fsPath, 'bin', 'python');
    const record = workspaceUri('interpreter-used.txt').fsPath;
    mkdirSync(path.dirname(python), { recursive: true });
    writeFileSync(python, `#!/bin/sh\nprintf '%s\\n' "$FRUGAL_FROM_DOTENV" > '${record}'\nexec python3 "$@"\n`);
    chmodSync(python, 0o755);
    const standIn = vscode.extensions.getExtension<{ asked: (string | undefined)[] }>('ms-python.python');
    assert.ok(standIn, 'the Python extension stand-in is loaded');

    await frugalExtension().activate();
    const uri = workspaceUri('energy_demo.py');
    const report = (await vscode.commands.executeCommand('frugal.profileFile', uri, { durationS: 20 })) as ProfileReport;
    assert.equal(report.command[0], python, `ran with ${report.command.join(' ')}`);
    assert.equal(report.exitCode, 0);
    assert.equal(readFileSync(record, 'utf8').trim(), 'selected-by-the-python-extension');
    assert.ok(standIn.exports.asked.includes(uri.fsPath), `the interpreter was asked for the profiled file (asked: ${standIn.exports.asked.join(', ')})`);
  });
});

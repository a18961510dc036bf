// The extension's editor-neutral adapter: diagnostic shapes, fix edits, suppression edits and
// the merging of editor settings with pyproject.toml — no editor needed.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createAnalyzer } from '../src/engine/analyzer';
import type { Finding } from '../src/engine/types';
import { combineSafeFixes, findingRange, fixEdits, ignoreFileEdit, ignoreLineEdit, settingsOverrides, severityNumber } from '../src/extension/adapter';

function finding(code: string, line: number, fix?: Finding['fix'], cell?: number): Finding {
  return { path: 'x.py', code, rule: 'r', severity: 'warning', message: 'm', line, column: 5, endLine: line, endColumn: 9, cell, fix };
}

describe('diagnostic shapes', () => {
  test('1-based findings become 0-based ranges; severities map to VS Code numbers', () => {
    assert.deepEqual(findingRange({ line: 3, column: 5, endLine: 4, endColumn: 1 }), { start: { line: 2, character: 4 }, end: { line: 3, character: 0 } });
    assert.deepEqual(['error', 'warning', 'info'].map((s) => severityNumber(s as Finding['severity'])), [0, 1, 2]);
  });

  test('fix edits keep their cell, defaulting to the finding\'s', () => {
    const fix = { title: 't', safety: 'safe' as const, edits: [{ line: 1, column: 1, endLine: 1, endColumn: 1, text: 'import os\n', cell: 0 }, { line: 2, column: 3, endLine: 2, endColumn: 3, text: 'x' }] };
    assert.deepEqual(fixEdits(fix, 4).map((e) => e.cell), [0, 4]);
  });
});

describe('fix all', () => {
  const edit = (line: number, column: number, text: string) => ({ line, column, endLine: line, endColumn: column, text });
  test('combines safe fixes, adds a shared import once and skips overlaps and unsafe fixes', () => {
    const imp = edit(1, 1, 'import os\n');
    const findings = [
      finding('FRG106', 5, { title: 'a', safety: 'safe', edits: [imp, edit(5, 20, ', num_workers=2')] }),
      finding('FRG106', 7, { title: 'b', safety: 'safe', edits: [imp, edit(7, 20, ', num_workers=2')] }),
      finding('FRG107', 7, { title: 'c', safety: 'safe', edits: [{ line: 7, column: 10, endLine: 7, endColumn: 25, text: 'clash' }] }),
      finding('FRG104', 9, { title: 'd', safety: 'unsafe', edits: [edit(9, 1, 'x')] }),
    ];
    const all = combineSafeFixes(findings);
    assert.deepEqual(all.map((e) => `${e.range.start.line}:${e.range.start.character}:${e.text}`), ['0:0:import os\n', '4:19:, num_workers=2', '6:19:, num_workers=2']);
    assert.equal(combineSafeFixes(findings, 'FRG107').length, 1);
  });
});

describe('suppression edits', () => {
  test('Ignore for this line appends a directive, or extends the one there', () => {
    assert.deepEqual(ignoreLineEdit('x = f(1)   ', 4, 'FRG101'), {
      range: { start: { line: 4, character: 8 }, end: { line: 4, character: 11 } },
      text: '  # frugal: ignore[FRG101]',
    });
    const extended = ignoreLineEdit('x = f(1)  # frugal: ignore[FRG302]', 0, 'FRG101')!;
    assert.equal(extended.text, '# frugal: ignore[FRG302, FRG101]');
    assert.deepEqual(extended.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 34 } });
    assert.equal(ignoreLineEdit('x = f(1)  # frugal: ignore[FRG101]', 0, 'FRG101'), null);
    assert.equal(ignoreLineEdit('x = f(1)  # frugal: ignore', 0, 'FRG101'), null);
    assert.equal(ignoreLineEdit('x = f(1) + \\', 0, 'FRG101'), null);
    assert.equal(ignoreLineEdit('x = f(1)  # type: ignore', 0, 'FRG101')!.text, '  # frugal: ignore[FRG101]');
  });

  test('Ignore for this file goes after a shebang and encoding line, or extends the directive', () => {
    assert.deepEqual(ignoreFileEdit(['#!/usr/bin/env python', '# -*- coding: utf-8 -*-', 'import os'], 'FRG1'), {
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } },
      text: '# frugal: ignore-file[FRG1]\n',
    });
    assert.equal(ignoreFileEdit(['import os'], 'FRG101')!.range.start.line, 0);
    assert.equal(ignoreFileEdit(['import os', '# frugal: ignore-file[FRG302]'], 'FRG101')!.text, '# frugal: ignore-file[FRG302, FRG101]');
    assert.equal(ignoreFileEdit(['# frugal: ignore-file'], 'FRG101'), null);
  });

  test('the inserted directives really suppress the finding', async () => {
    const a = await createAnalyzer({ configFiles: false });
    const src = 'import torch\nfrom torch.utils.data import DataLoader\nmodel.cuda()\nl = DataLoader(ds, num_workers=2)\n';
    const lines = src.split('\n');
    const e = ignoreLineEdit(lines[3], 3, 'FRG107')!;
    lines[3] = lines[3].slice(0, e.range.start.character) + e.text;
    assert.deepEqual(a.analyze(lines.join('\n'), { path: 'x.py' }).findings, []);
    const f = ignoreFileEdit(src.split('\n'), 'FRG107')!;
    assert.deepEqual(a.analyze(f.text + src, { path: 'x.py' }).findings, []);
  });
});

describe('settings', () => {
  test('editor settings override; invalid values are reported and dropped', () => {
    const { overrides, warnings } = settingsOverrides({ select: [], ignore: ['FRG3'], severity: { FRG101: 'error', FRG102: 'loud' }, minEpochs: 20, gridSearchBudget: -1, largeFileMb: null });
    assert.deepEqual(overrides, { ignore: ['FRG3'], severity: { FRG101: 'error' }, minEpochs: 20 });
    assert.equal(warnings.length, 2);
  });

  test('editor settings win over pyproject.toml; severities merge code by code', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-merge-'));
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.frugal]\nseverity = { FRG107 = "error", FRG106 = "error" }\nignore = ["FRG105"]\n');
    const { overrides } = settingsOverrides({ severity: { FRG106: 'info' } });
    const a = await createAnalyzer({ settings: overrides });
    const s = a.configFor(path.join(dir, 'train.py')).settings;
    assert.deepEqual(s.severity, { FRG107: 'error', FRG106: 'info' });
    assert.deepEqual(s.ignore, ['FRG105']);
  });
});

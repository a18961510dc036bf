// Code nothing in the project uses: a finding in a module-level class or function that other files
// import the module of, but that neither its file nor any other file names (other definitions of the
// same name aside), is low confidence; the
// cached result follows the project (a file that starts to name it brings the finding back).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { analyzerAllMatches, ROOT } from './helpers';

const LOSS = `import torch
import torch.nn as nn


class UsedLoss(nn.Module):
    def forward(self, logits, targets):
        weights = torch.zeros(logits.shape).cuda()
        return (weights * (logits - targets) ** 2).mean()


class UnusedLoss(nn.Module):
    def forward(self, logits, targets):
        weights = torch.zeros(logits.shape).cuda()
        return (weights * (logits - targets).abs()).mean()


@register
class RegisteredLoss(nn.Module):
    def forward(self, logits, targets):
        weights = torch.zeros(logits.shape).cuda()
        return (weights * (logits - targets)).mean()
`;

function project(train: string | undefined): { dir: string; loss: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-refs-'));
  mkdirSync(path.join(dir, 'pkg'));
  writeFileSync(path.join(dir, 'pkg', '__init__.py'), '');
  writeFileSync(path.join(dir, 'pkg', 'loss.py'), LOSS);
  if (train !== undefined) writeFileSync(path.join(dir, 'train.py'), train);
  return { dir, loss: path.join(dir, 'pkg', 'loss.py') };
}

/** FRG108 findings on pkg/loss.py by line: 'high' or 'low'. */
async function confidences(loss: string): Promise<Record<number, string>> {
  const a = await analyzerAllMatches();
  const out: Record<number, string> = {};
  for (const f of a.analyze(LOSS, { path: loss }).findings) if (f.code === 'FRG108') out[f.line] = f.confidence ?? 'high';
  return out;
}

test('a class no file names, in a module the project imports, is low confidence; used and registered ones are not', async () => {
  const { dir, loss } = project('from pkg.loss import UsedLoss\n\ncriterion = UsedLoss()\n');
  try {
    assert.deepEqual(await confidences(loss), { 7: 'high', 13: 'low', 20: 'high' });
    const a = await analyzerAllMatches();
    const unused = a.analyze(LOSS, { path: loss }).findings.find((f) => f.line === 13)!;
    assert.match(unused.message, /nothing in the project uses `UnusedLoss`/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a module nothing imports (a library, or a file on its own) is left as it is', async () => {
  for (const train of [undefined, 'import torch\n']) {
    const { dir, loss } = project(train);
    try {
      assert.deepEqual(await confidences(loss), { 7: 'high', 13: 'high', 20: 'high' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('in a folder of scripts (no package), a helper the scripts import but never name is low confidence, even where a copy of the module defines it too', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-refs-flat-'));
  try {
    mkdirSync(path.join(dir, 'copy'));
    writeFileSync(path.join(dir, 'utils.py'), LOSS);
    writeFileSync(path.join(dir, 'train.py'), 'from utils import UsedLoss, RegisteredLoss\n');
    writeFileSync(path.join(dir, 'copy', 'utils.py'), LOSS);
    assert.deepEqual(await confidences(path.join(dir, 'utils.py')), { 7: 'high', 13: 'low', 20: 'high' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('frugal check reuses its cache only while the project is unchanged', () => {
  const { dir } = project('from pkg.loss import UsedLoss\n');
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', '.', '--confidence', 'low', '--format', 'json', '--exit-zero', '--no-config', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
  const lows = () =>
    (JSON.parse(cli([]).stdout) as { findings: { line: number; code: string; confidence?: string }[] }).findings
      .filter((f) => f.code === 'FRG108' && f.confidence === 'low')
      .map((f) => f.line);
  try {
    assert.deepEqual(lows(), [13]);
    assert.deepEqual(lows(), [13], 'cached rerun');
    // A new file that uses the class: the folder changed, so the cached result is not reused.
    writeFileSync(path.join(dir, 'eval.py'), 'from pkg.loss import UnusedLoss\n');
    assert.deepEqual(lows(), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

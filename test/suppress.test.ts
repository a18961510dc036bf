// Suppression comments and configuration (pyproject.toml [tool.frugal]).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createAnalyzer } from '../src/engine/analyzer';
import { analyzer } from './helpers';

// A loader over a folder of images on a GPU: a finding at high confidence, shown by default.
const HEADER = 'import torch\nfrom torch.utils.data import DataLoader; from torchvision.datasets import ImageFolder\nmodel.cuda(); ds = ImageFolder("data/train")\n';

async function codesAt(body: string): Promise<number[]> {
  const a = await analyzer();
  return a.analyze(HEADER + body, { path: 't.py' }).findings.filter((f) => f.code === 'FRG107').map((f) => f.line - 3);
}

describe('suppression comments', () => {
  test('# frugal: ignore on the line, with or without codes', async () => {
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # frugal: ignore\n'), []);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # frugal: ignore[FRG107]\n'), []);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # frugal: ignore[FRG101, FRG302]\n'), [1]);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # frugal: ignore[dataloader-unpinned-memory]\n'), []);
  });

  test('on the first line of a multi-line statement', async () => {
    assert.deepEqual(await codesAt('a = (  # frugal: ignore[FRG107]\n    DataLoader(ds)\n)\n'), []);
    assert.deepEqual(await codesAt('a = (\n    DataLoader(ds)\n)  # frugal: ignore[FRG107]\n'), [2]);
  });

  test('# frugal: ignore-file and # noqa', async () => {
    assert.deepEqual(await codesAt('# frugal: ignore-file[FRG107]\na = DataLoader(ds)\nb = DataLoader(ds)\n'), []);
    assert.deepEqual(await codesAt('# frugal: ignore-file[FRG101]\na = DataLoader(ds)\n'), [2]);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # noqa: FRG107\n'), []);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # noqa: E501, FRG107\n'), []);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # noqa: E501\n'), [1]);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # noqa\n'), []);
  });

  test('code prefixes match the codes under them, in every form', async () => {
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # frugal: ignore[FRG1]\n'), []);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # frugal: ignore[frg10]\n'), []);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # noqa: FRG10\n'), []);
    assert.deepEqual(await codesAt('# frugal: ignore-file[FRG1]\na = DataLoader(ds)\n'), []);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # frugal: ignore[FRG3, FRG11]\n'), [1]);
    assert.deepEqual(await codesAt('a = DataLoader(ds)  # frugal: ignore[FRG-107]\n'), [1]);
  });

  test('a directive inside a string is not a comment', async () => {
    assert.deepEqual(await codesAt('s = "# frugal: ignore"; a = DataLoader(ds)\n'), [1]);
  });
});

function project(toml: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-cfg-'));
  writeFileSync(path.join(dir, 'pyproject.toml'), toml);
  mkdirSync(path.join(dir, 'pkg', 'sub'), { recursive: true });
  return dir;
}

describe('pyproject.toml [tool.frugal]', () => {
  const script = HEADER + 'a = DataLoader(ds, num_workers=2)\n';

  test('found by walking up; select, ignore and severity apply', async () => {
    const dir = project('[tool.frugal]\nseverity = { FRG107 = "error" }\n');
    const a = await createAnalyzer();
    const r = a.analyze(script, { path: path.join(dir, 'pkg', 'sub', 'train.py') });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.findings.map((f) => [f.code, f.severity]), [['FRG107', 'error']]);
    const ignored = project('[tool.frugal]\nignore = ["FRG1"]\n');
    assert.deepEqual(a.analyze(script, { path: path.join(ignored, 'train.py') }).findings, []);
    const selected = project('[tool.frugal]\nselect = ["FRG3"]\n');
    assert.deepEqual(a.analyze(script, { path: path.join(selected, 'train.py') }).findings, []);
  });

  test('unknown keys, bad values and invalid TOML warn and keep the defaults', async () => {
    const a = await createAnalyzer();
    const dir = project('[tool.frugal]\nmin-epoch = 5\ngrid-search-budget = "many"\nseverity = { FRG107 = "fatal" }\nselect = "FRG1"\n');
    const r = a.analyze(script, { path: path.join(dir, 'train.py') });
    assert.deepEqual(r.findings.map((f) => [f.code, f.severity]), [['FRG107', 'info']]);
    const messages = r.errors.map((e) => e.message).join('\n');
    assert.match(messages, /unknown key "min-epoch"/);
    assert.match(messages, /grid-search-budget must be a non-negative number, got "many"; using 100/);
    assert.match(messages, /severity\.FRG107 must be "error", "warning" or "info", got "fatal"/);
    assert.match(messages, /select must be a list of strings/);
    assert.ok(r.errors.every((e) => e.kind === 'warning'));
    const broken = project('[tool.frugal\nselect = [');
    const b = a.analyze(script, { path: path.join(broken, 'train.py') });
    assert.match(b.errors[0].message, /invalid TOML/);
    assert.equal(b.findings.length, 1);
  });

  test('other tools\' sections are ignored', async () => {
    const a = await createAnalyzer();
    const dir = project('[tool.ruff]\nline-length = 100\n[project]\nname = "x"\n');
    const r = a.analyze(script, { path: path.join(dir, 'train.py') });
    assert.deepEqual(r.errors, []);
    assert.equal(r.findings.length, 1);
  });
});

// `frugal check` at scale, through the bundled command line: worker threads give the report of a
// single thread, byte for byte; the content cache is reused while a file, its configuration and
// the files its rules read are unchanged, is safe under concurrent runs, and cleans itself.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const PYTORCH_EXAMPLES = path.join(ROOT, 'test', 'realcode', 'pytorch-examples');

function frugal(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function frugalAsync(args: string[], cwd: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'check', ...args], { cwd });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

function tmp(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `frugal-${prefix}-`));
}

/** pytorch/examples twice over (186 files) in a fresh folder. */
function realTree(): string {
  const dir = tmp('tree');
  cpSync(PYTORCH_EXAMPLES, path.join(dir, 'a'), { recursive: true });
  cpSync(PYTORCH_EXAMPLES, path.join(dir, 'b'), { recursive: true });
  return dir;
}

function entries(cacheDir: string): string[] {
  return readdirSync(cacheDir)
    .filter((d) => !d.startsWith('.') && d !== 'CACHEDIR.TAG')
    .flatMap((d) => readdirSync(path.join(cacheDir, d)).map((f) => path.join(cacheDir, d, f)));
}

describe('frugal check in parallel', () => {
  test('worker threads give the single-threaded report, in the same order, with the same exit status', () => {
    const dir = realTree();
    try {
      for (const format of ['json', 'text', 'sarif']) {
        const one = frugal(['.', '--no-cache', '--jobs', '1', '--format', format], dir);
        const many = frugal(['.', '--no-cache', '--jobs', '3', '--format', format], dir);
        assert.equal(many.code, one.code);
        assert.equal(many.stdout, one.stdout, format);
        assert.equal(many.stderr, one.stderr);
      }
      const report = JSON.parse(frugal(['.', '--no-cache', '--jobs', '3', '--format', 'json'], dir).stdout) as { findings: unknown[]; summary?: unknown };
      assert.ok(report.findings.length > 50, 'the tree has findings to compare');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--fix in workers fixes the same files as in one thread', () => {
    const one = realTree();
    const many = realTree();
    try {
      const a = frugal(['.', '--no-cache', '--jobs', '1', '--fix', '--unsafe-fixes', '--exit-zero'], one);
      const b = frugal(['.', '--no-cache', '--jobs', '2', '--fix', '--unsafe-fixes', '--exit-zero'], many);
      assert.equal(b.stdout, a.stdout);
      assert.match(a.stdout, /fixed/i);
      const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.py')).sort();
      assert.deepEqual(files(many), files(one));
      let changed = 0;
      for (const f of files(one)) {
        const fixed = readFileSync(path.join(one, f), 'utf8');
        assert.equal(readFileSync(path.join(many, f), 'utf8'), fixed, f);
        if (fixed !== readFileSync(path.join(PYTORCH_EXAMPLES, f.slice(2)), 'utf8')) changed++;
      }
      assert.ok(changed > 0, 'some files were fixed');
    } finally {
      rmSync(one, { recursive: true, force: true });
      rmSync(many, { recursive: true, force: true });
    }
  });

  test('--jobs must be a whole number of at least 1', () => {
    const r = frugal(['.', '--jobs', '0'], tmp('jobs'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--jobs must be a whole number/);
  });
});

const SCRIPT = 'import pandas as pd\ndf = pd.read_csv("data.csv")\nprint(df["a"].mean())\n';
const GRID = 'from sklearn.model_selection import GridSearchCV\nfrom sklearn.svm import SVC\nsearch = GridSearchCV(SVC(), {"C": [1, 2, 3, 4, 5, 6, 7, 8], "gamma": [1, 2, 3, 4, 5, 6, 7, 8], "kernel": ["rbf", "poly"]})\nsearch.fit(X, y)\n';

/** A CSV over 1 MB with ten columns: reading it whole when one is used is worth a finding. */
function wideCsv(): string {
  const rows = ['a,b,c,d,e,f,g,h,i,j'];
  for (let i = 0; i < 60000; i++) rows.push(Array(10).fill(String(i)).join(','));
  return rows.join('\n') + '\n';
}

describe('frugal check cache', () => {
  test('a rerun reads the cache: the entries are what it reports', () => {
    const dir = tmp('cache');
    writeFileSync(path.join(dir, 'grid.py'), GRID);
    const first = frugal(['grid.py', '--format', 'json'], dir);
    const cacheDir = path.join(dir, '.frugal_cache');
    assert.ok(existsSync(path.join(cacheDir, 'CACHEDIR.TAG')));
    assert.match(readFileSync(path.join(cacheDir, '.gitignore'), 'utf8'), /^\*$/m);
    const [entry] = entries(cacheDir);
    assert.ok(entry);
    // An entry edited by hand (same file, same content hash) is what the next run reports.
    const stored = JSON.parse(readFileSync(entry, 'utf8')) as { result: { findings: { message: string }[] } };
    assert.ok(stored.result.findings.length > 0);
    stored.result.findings[0].message = 'from the cache';
    writeFileSync(entry, JSON.stringify(stored));
    const second = frugal(['grid.py', '--format', 'json'], dir);
    assert.match(second.stdout, /from the cache/);
    // --no-cache analyses afresh.
    assert.equal(frugal(['grid.py', '--format', 'json', '--no-cache'], dir).stdout, first.stdout);
  });

  test('an edited file, a changed configuration and a changed input file are analysed afresh', () => {
    const dir = tmp('cache');
    writeFileSync(path.join(dir, 'grid.py'), GRID);
    writeFileSync(path.join(dir, 'read.py'), SCRIPT);
    writeFileSync(path.join(dir, 'data.csv'), 'a,b\n1,2\n');
    const codes = (args: string[] = []) => (JSON.parse(frugal(['.', '--format', 'json', ...args], dir).stdout) as { findings: { code: string; path: string }[] }).findings.map((f) => `${f.path}:${f.code}`);
    const before = codes();
    assert.ok(before.includes('grid.py:FRG201'));
    assert.ok(!before.some((c) => c.startsWith('read.py')), 'a small CSV is left alone');
    // The data file grows past 1 MB: the rule that reads its header must run again (under 16 MB it
    // reports at low confidence).
    writeFileSync(path.join(dir, 'data.csv'), wideCsv());
    assert.ok(codes(['--confidence', 'low']).includes('read.py:FRG307'));
    // The script changes.
    writeFileSync(path.join(dir, 'grid.py'), '# nothing here\n');
    assert.ok(!codes().some((c) => c.startsWith('grid.py')));
    writeFileSync(path.join(dir, 'grid.py'), GRID);
    // The configuration changes.
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.frugal]\nignore = ["FRG201"]\n');
    assert.ok(!codes().includes('grid.py:FRG201'));
    rmSync(path.join(dir, 'pyproject.toml'));
    assert.ok(codes().includes('grid.py:FRG201'));
    // Command-line selection is part of the key too.
    assert.deepEqual(codes(['--select', 'FRG307', '--confidence', 'low']), ['read.py:FRG307']);
  });

  test('concurrent runs on one cache all report right, and leave a cache that reads back the same', async () => {
    const dir = realTree();
    const cacheDir = tmp('shared-cache');
    try {
      const expected = frugal(['.', '--no-cache', '--format', 'json'], dir).stdout;
      const runs = await Promise.all([0, 1, 2].map(() => frugalAsync(['.', '--format', 'json', '--cache-dir', cacheDir, '--jobs', '1'], dir)));
      for (const r of runs) assert.equal(r.stdout, expected);
      assert.ok(!entries(cacheDir).some((e) => e.endsWith('.tmp')), 'no half-written entries are left');
      assert.equal(frugal(['.', '--format', 'json', '--cache-dir', cacheDir], dir).stdout, expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('other engine builds and deleted files leave the cache', () => {
    const dir = tmp('cache');
    writeFileSync(path.join(dir, 'grid.py'), GRID);
    writeFileSync(path.join(dir, 'gone.py'), GRID.replace('SVC()', 'SVC(probability=True)'));
    frugal(['.'], dir);
    const cacheDir = path.join(dir, '.frugal_cache');
    assert.equal(entries(cacheDir).length, 2);
    const old = path.join(cacheDir, '0.0.1-oldbuild');
    mkdirSync(old);
    writeFileSync(path.join(old, 'x.json'), '{}');
    rmSync(path.join(dir, 'gone.py'));
    // A run that writes an entry cleans up after itself.
    writeFileSync(path.join(dir, 'new.py'), GRID.replace('SVC()', 'SVC(C=2)'));
    frugal(['.'], dir);
    assert.ok(!existsSync(old));
    const left = entries(cacheDir).map((e) => (JSON.parse(readFileSync(e, 'utf8')) as { path: string }).path).sort();
    assert.deepEqual(left, [path.join(dir, 'grid.py'), path.join(dir, 'new.py')].map((p) => path.resolve(p)).sort());
  });

  test('--cache-dir and $FRUGAL_CACHE_DIR place the cache; --no-cache writes none', () => {
    const dir = tmp('cache');
    writeFileSync(path.join(dir, 'grid.py'), GRID);
    frugal(['grid.py', '--no-cache'], dir);
    assert.ok(!existsSync(path.join(dir, '.frugal_cache')));
    frugal(['grid.py', '--cache-dir', 'elsewhere'], dir);
    assert.equal(entries(path.join(dir, 'elsewhere')).length, 1);
    const env = spawnSync(process.execPath, [CLI, 'check', 'grid.py'], { cwd: dir, encoding: 'utf8', env: { ...process.env, FRUGAL_CACHE_DIR: path.join(dir, 'from-env') } });
    assert.equal(env.status, 1);
    assert.equal(entries(path.join(dir, 'from-env')).length, 1);
    assert.ok(!existsSync(path.join(dir, '.frugal_cache')));
  });
});

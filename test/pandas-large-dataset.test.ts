// FRG303 on real files: the fixture harness cannot create large data files, so these tests
// write a script and data files of a few megabytes to a temporary folder and lower the limit.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAnalyzer, type Analyzer } from '../src/engine/analyzer';
import { applyTextFixes } from '../src/engine/fix/apply';
import type { Finding } from '../src/engine/types';

const MB = 1024 * 1024;

describe('pandas-large-dataset on files on disk', () => {
  let dir: string;
  let analyzer: Analyzer;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-large-'));
    mkdirSync(path.join(dir, 'data'));
    writeFileSync(path.join(dir, 'data', 'big.csv'), Buffer.alloc(Math.round(2.5 * MB), 'a'));
    writeFileSync(path.join(dir, 'data', 'big.parquet'), Buffer.alloc(3 * MB, 1));
    writeFileSync(path.join(dir, 'data', 'big.jsonl'), Buffer.alloc(2 * MB, 'b'));
    writeFileSync(path.join(dir, 'data', 'small.csv'), 'id,x\n1,2\n');
    analyzer = await createAnalyzer({ configFiles: false, settings: { largeFileMb: 1, select: ['FRG303'] } });
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  const check = (source: string, file = path.join(dir, 'script.py'), a = analyzer): { text: string; findings: Finding[] } => {
    const text = `import os\nfrom pathlib import Path\nimport pandas as pd\n${source}`;
    return { text, findings: a.analyze(text, { path: file }).findings };
  };

  test('flags a literal path at or above the limit, with the size, and offers engine="pyarrow"', () => {
    const { text, findings } = check('df = pd.read_csv("data/big.csv")\n');
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f.code, 'FRG303');
    assert.equal(f.severity, 'info');
    assert.equal(f.line, 4);
    assert.match(f.message, /`read_csv` loads a 2\.5 MB file/);
    assert.match(f.message, /pl\.scan_csv/);
    assert.equal(f.fix?.safety, 'unsafe');
    assert.equal(applyTextFixes(text, [f.fix!]).text.split('\n')[3], 'df = pd.read_csv("data/big.csv", engine="pyarrow")');
  });

  test('the fixed call is no longer flagged', () => {
    assert.deepEqual(check('df = pd.read_csv("data/big.csv", engine="pyarrow")\n').findings, []);
  });

  test('resolves module constants, os.path.join, Path / and string concatenation', () => {
    const { findings } = check(
      [
        'DATA = "data"',
        'BIG = "data/big.csv"',
        'a = pd.read_csv(BIG)',
        'b = pd.read_csv(os.path.join(DATA, "big.csv"))',
        'c = pd.read_parquet(Path(DATA) / "big.parquet")',
        'd = pd.read_csv(DATA + "/big.csv")',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      findings.map((f) => f.line),
      [6, 7, 8, 9],
    );
    const parquet = findings.find((f) => f.line === 8)!;
    assert.match(parquet.message, /3\.0 MB/);
    assert.match(parquet.message, /pl\.scan_parquet/);
    assert.equal(parquet.fix, undefined, 'read_parquet already uses pyarrow when it is installed');
  });

  test('skips small, missing and dynamic paths', () => {
    const { findings } = check(
      [
        'a = pd.read_csv("data/small.csv")',
        'b = pd.read_csv("data/missing.csv")',
        'name = input()',
        'c = pd.read_csv(f"data/{name}.csv")',
        'd = pd.read_csv("data")',
        '',
      ].join('\n'),
    );
    assert.deepEqual(findings, []);
  });

  test('looks paths up relative to the working directory too', async () => {
    const elsewhere = path.join(os.tmpdir(), 'frugal-elsewhere', 'script.py');
    const a = await createAnalyzer({ configFiles: false, cwd: dir, settings: { largeFileMb: 1, select: ['FRG303'] } });
    assert.equal(check('df = pd.read_csv("data/big.csv")\n', elsewhere, a).findings.length, 1);
    const noCwd = await createAnalyzer({ configFiles: false, cwd: os.tmpdir(), settings: { largeFileMb: 1, select: ['FRG303'] } });
    assert.deepEqual(check('df = pd.read_csv("data/big.csv")\n', elsewhere, noCwd).findings, []);
  });

  test('respects the limit', async () => {
    const strict = await createAnalyzer({ configFiles: false, settings: { largeFileMb: 3, select: ['FRG303'] } });
    const { findings } = check('a = pd.read_csv("data/big.csv")\nb = pd.read_parquet("data/big.parquet")\n', undefined, strict);
    assert.deepEqual(
      findings.map((f) => f.line),
      [5],
    );
  });

  test('offers engine="pyarrow" only where the pyarrow engine accepts the call', () => {
    const { findings } = check(
      [
        'a = pd.read_csv("data/big.csv", usecols=["x"], dtype={"x": "float32"}, sep=",")',
        'b = pd.read_csv("data/big.csv", nrows=1000)',
        'c = pd.read_csv("data/big.csv", sep=r"\\s+")',
        'd = pd.read_csv("data/big.csv", low_memory=False)',
        'e = pd.read_json("data/big.jsonl", lines=True)',
        'f = pd.read_json("data/big.jsonl")',
        'g = pd.read_csv("data/big.csv", **options)',
        'h = pd.read_csv("data/big.csv", engine="c")',
        '',
      ].join('\n'),
    );
    const fixable = findings.map((f) => `${f.line}:${f.fix ? 'fix' : 'none'}`);
    // `**options` may already pick the pyarrow engine: line 10 is not flagged.
    assert.deepEqual(fixable, ['4:fix', '5:none', '6:none', '7:none', '8:fix', '9:none', '11:none']);
  });

  test('a chunked read of a large file reports the size and offers no fix', () => {
    const { findings } = check('for chunk in pd.read_csv("data/big.csv", chunksize=10_000):\n    pass\n');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /2\.5 MB/);
    assert.equal(findings[0].fix, undefined);
  });
});

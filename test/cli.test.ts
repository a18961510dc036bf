// The bundled command line (dist/cli.js): formats, exit codes, --fix/--diff, selection,
// per-file errors, and SARIF validated against the official 2.1.0 schema.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../src/engine/rules/registry';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import type { Analyzer } from '../src/engine/analyzer';
import { check } from '../src/cli/check';
import { analyzer, FIXTURES, ROOT } from './helpers';
import { unprivileged } from './unprivileged';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function frugal(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GPU_SCRIPT = `import torch
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder
device = torch.device("cuda")
loader = DataLoader(ImageFolder("data/train"), batch_size=64, num_workers=4)
`;

function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-cli-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

describe('frugal check', () => {
  test('text output names path:line:col, the code and the message; exit 1 on findings', () => {
    const dir = workspace({ 'train.py': GPU_SCRIPT });
    const r = frugal(['check', 'train.py'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^train\.py:5:10: FRG107 \[\*\] DataLoader without `pin_memory=True`/m);
    assert.match(r.stdout, /Found 1 problem \(1 file checked\)/);
  });

  test('exit 0 and a clean message when nothing is found', () => {
    const dir = workspace({ 'ok.py': 'import pandas as pd\nprint(pd.__version__)\n' });
    const r = frugal(['check', '.'], dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /All checks passed \(1 file checked\)/);
  });

  test('JSON output follows the Finding contract', () => {
    const dir = workspace({ 'train.py': GPU_SCRIPT });
    const r = frugal(['check', '--format', 'json', 'train.py'], dir);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { version: string; findings: Record<string, unknown>[]; summary: { findings: number } };
    assert.equal(typeof out.version, 'string');
    assert.equal(out.summary.findings, 1);
    const f = out.findings[0];
    assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'endColumn', 'endLine', 'fix', 'line', 'message', 'path', 'rule', 'severity']);
    assert.equal(f.rule, 'dataloader-unpinned-memory');
    assert.deepEqual(f.fix, {
      title: 'Set `pin_memory=True`',
      safety: 'safe',
      edits: [{ line: 5, column: 76, endLine: 5, endColumn: 76, text: ', pin_memory=True' }],
    });
  });

  test('SARIF output validates against the SARIF 2.1.0 schema and carries rule help', () => {
    const dir = workspace({ 'train.py': GPU_SCRIPT, 'broken.ipynb': '{"cells": [' });
    const r = frugal(['check', '--format', 'sarif', '.'], dir);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    const schema = JSON.parse(readFileSync(path.join(FIXTURES, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8').replace(/^\uFEFF/, ''));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 1));
    const run = log.runs[0];
    const result = run.results![0];
    assert.equal(result.ruleId, 'FRG107');
    assert.equal(result.locations![0].physicalLocation!.artifactLocation!.uri, 'train.py');
    const rule = run.tool.driver.rules![result.ruleIndex!];
    assert.equal(rule.id, 'FRG107');
    assert.match(rule.help!.markdown!, /## Why is this bad\?/);
    assert.equal(run.invocations![0].executionSuccessful, false);
    assert.match(run.invocations![0].toolExecutionNotifications![0].message.text!, /not valid notebook JSON/);
  });

  test('--fix applies safe fixes in place; --diff shows them without writing', () => {
    const dir = workspace({ 'train.py': GPU_SCRIPT });
    const diff = frugal(['check', '--diff', 'train.py'], dir);
    assert.equal(diff.code, 1);
    assert.match(diff.stdout, /^\+loader = DataLoader\(ImageFolder\("data\/train"\), batch_size=64, num_workers=4, pin_memory=True\)$/m);
    assert.equal(readFileSync(path.join(dir, 'train.py'), 'utf8'), GPU_SCRIPT);
    const fix = frugal(['check', '--fix', 'train.py'], dir);
    assert.equal(fix.code, 0, fix.stdout + fix.stderr);
    assert.match(readFileSync(path.join(dir, 'train.py'), 'utf8'), /num_workers=4, pin_memory=True\)/);
    assert.equal(frugal(['check', 'train.py'], dir).code, 0);
  });

  test('--fix on a notebook keeps it valid JSON in its own layout', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-nb-'));
    cpSync(path.join(FIXTURES, 'notebooks', 'training.ipynb'), path.join(dir, 'nb.ipynb'));
    const before = readFileSync(path.join(dir, 'nb.ipynb'), 'utf8');
    // The fixture's loaders are toys: every match is shown (and fixed) with `--confidence low`.
    const r = frugal(['check', '--fix', '--confidence', 'low', '--select', 'FRG107', 'nb.ipynb'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const after = readFileSync(path.join(dir, 'nb.ipynb'), 'utf8');
    const nb = JSON.parse(after);
    assert.match(nb.cells[3].source.join(''), /pin_memory=True/);
    assert.match(nb.cells[6].source.join(''), /num_workers=2, pin_memory=True\)$/m);
    // Only the two fixed lines changed; the layout is Jupyter's own.
    const changed = after.split('\n').filter((l, i) => l !== before.split('\n')[i]);
    assert.equal(changed.length, 2, changed.join('\n'));
  });

  test('--fix keeps a script\'s byte-order mark and CRLF line endings, also in inserted lines', () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    const script = GPU_SCRIPT.replace('batch_size=64, num_workers=4)', '\n    batch_size=64,\n    num_workers=4,\n)');
    const dir = workspace({ 'train.py': '\ufeff' + crlf(script) });
    const r = frugal(['check', '--fix', 'train.py'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const after = readFileSync(path.join(dir, 'train.py'), 'utf8');
    assert.equal(after, '\ufeff' + crlf(script.replace('num_workers=4,\n', 'num_workers=4,\n    pin_memory=True,\n')));
    const lf = workspace({ 'train.py': '\ufeff' + GPU_SCRIPT });
    frugal(['check', '--fix', 'train.py'], lf);
    assert.equal(readFileSync(path.join(lf, 'train.py'), 'utf8'), '\ufeff' + GPU_SCRIPT.replace('num_workers=4)', 'num_workers=4, pin_memory=True)'));
  });

  test('--fix on a notebook changes only the fixed lines: BOM, CRLF, indent, key order and escapes stay', () => {
    // A notebook's loader must be read somewhere to matter.
    const source = `${GPU_SCRIPT}for x, y in loader:\n    step(x.to(device), y.to(device))\n`.split(/(?<=\n)/);
    const nb = {
      metadata: { kernelspec: { name: 'python3' }, title: 'Caf\u00e9' },
      nbformat: 4,
      nbformat_minor: 5,
      cells: [
        { cell_type: 'markdown', source: ['# Caf\u00e9 \u2014 notes\n'], metadata: {} },
        { source, outputs: [], cell_type: 'code', metadata: {}, execution_count: null },
      ],
    };
    // Python's json.dump(indent=2) with ensure_ascii: \u escapes, CRLF from a Windows checkout, no final newline.
    const ascii = (t: string) => t.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const before = '\ufeff' + ascii(JSON.stringify(nb, null, 2)).replace(/\n/g, '\r\n');
    const dir = workspace({ 'nb.ipynb': before });
    const r = frugal(['check', '--fix', 'nb.ipynb'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const after = readFileSync(path.join(dir, 'nb.ipynb'), 'utf8');
    assert.ok(after.startsWith('\ufeff{\r\n  "metadata"'), 'BOM and key order kept');
    assert.ok(!/[^\r]\n/.test(after), 'every line still ends with CRLF');
    const a = before.split('\r\n');
    const b = after.split('\r\n');
    assert.equal(b.length, a.length);
    const changed = b.flatMap((line, i) => (line === a[i] ? [] : [[a[i], line]]));
    assert.deepEqual(changed, [
      ['        "loader = DataLoader(ImageFolder(\\"data/train\\"), batch_size=64, num_workers=4)\\n",', '        "loader = DataLoader(ImageFolder(\\"data/train\\"), batch_size=64, num_workers=4, pin_memory=True)\\n",'],
    ]);
    assert.match(after, /"# Caf\\u00e9 \\u2014 notes\\n"/);
  });

  test('--select and --ignore choose rules by code, prefix or name', () => {
    const dir = workspace({ 'train.py': GPU_SCRIPT });
    assert.equal(frugal(['check', '--select', 'FRG3', 'train.py'], dir).code, 0);
    assert.equal(frugal(['check', '--select', 'dataloader-unpinned-memory', 'train.py'], dir).code, 1);
    assert.equal(frugal(['check', '--ignore', 'FRG107', 'train.py'], dir).code, 0);
  });

  test('bad files get a clear message each and the rest are still checked', () => {
    const dir = workspace({
      'train.py': GPU_SCRIPT,
      'binary.py': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'latin1.py': Buffer.from([0x23, 0x20, 0xe9, 0x0a]),
      'huge.py': 'x = 1\n'.repeat(400_000),
      'broken.ipynb': '{"cells": [',
      'syntax.py': 'import torch\nfrom torch.utils.data import DataLoader; from torchvision.datasets import ImageFolder\nmodel.cuda()\ndef broken(:\n    pass\nl = DataLoader(ImageFolder("data"))\n',
    });
    const r = frugal(['check', '.'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /binary\.py: error: binary file, not checked/);
    assert.match(r.stderr, /latin1\.py: error: not valid UTF-8/);
    assert.match(r.stderr, /huge\.py: error: file too large/);
    assert.match(r.stderr, /broken\.ipynb: error: not valid notebook JSON/);
    assert.match(r.stderr, /syntax\.py: warning: syntax errors; findings cover the parts that parse/);
    assert.match(r.stdout, /train\.py:5:10: FRG107/);
    assert.match(r.stdout, /syntax\.py:6:5: FRG107/);
  });

  test('a missing path is reported and exits 2 after checking the rest', () => {
    const dir = workspace({ 'train.py': GPU_SCRIPT });
    const r = frugal(['check', 'nope.py', 'train.py'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope\.py: error: no such file or directory/);
    assert.match(r.stdout, /FRG107/);
  });

  test('default excludes skip virtual environments and build folders', () => {
    const dir = workspace({ 'train.py': 'print(1)\n' });
    for (const d of ['.venv', 'node_modules', 'build']) {
      cpSync(path.join(dir, 'train.py'), path.join(dir, d, 'lib.py'), { recursive: true });
      writeFileSync(path.join(dir, d, 'lib.py'), GPU_SCRIPT);
    }
    const r = frugal(['check', '.'], dir);
    assert.equal(r.code, 0, r.stdout);
  });

  test('usage errors exit 2 with a message', () => {
    const dir = workspace({});
    const bad = frugal(['check', '--format', 'xml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown --format "xml"/);
    assert.equal(frugal(['launch'], dir).code, 2);
    assert.equal(frugal(['check', '--no-such-flag'], dir).code, 2);
  });
});

const ROW_LOOP = 'import pandas as pd\n\ndf = pd.read_csv("x.csv")\ntotals = []\nfor i, row in df.iterrows():\n    totals.append(row["x"] * 2)\n';

describe('frugal check: codes, prefixes and names', () => {
  test('a code prefix in a suppression comment hides the codes under it (the README example)', () => {
    const dir = workspace({ 'loop.py': ROW_LOOP });
    assert.match(frugal(['check', 'loop.py'], dir).stdout, /loop\.py:5:\d+: FRG301/);
    const comments = [
      '# frugal: ignore-file[FRG3]\n',
      '# frugal: ignore-file[FRG30]\n',
      '# frugal: ignore-file[dataframe-row-iteration]\n',
    ];
    for (const comment of comments) {
      writeFileSync(path.join(dir, 'loop.py'), ROW_LOOP + comment);
      const r = frugal(['check', 'loop.py'], dir);
      assert.equal(r.code, 0, `${comment}: ${r.stdout}`);
    }
    for (const comment of ['# frugal: ignore[FRG3]', '# noqa: FRG3', '# noqa: E501, FRG30']) {
      writeFileSync(path.join(dir, 'loop.py'), ROW_LOOP.replace('df.iterrows():', `df.iterrows():  ${comment}`));
      assert.equal(frugal(['check', 'loop.py'], dir).code, 0, comment);
    }
    // A prefix of another category hides nothing.
    writeFileSync(path.join(dir, 'loop.py'), ROW_LOOP + '# frugal: ignore-file[FRG1]\n');
    assert.equal(frugal(['check', 'loop.py'], dir).code, 1);
  });

  test('prefixes select and ignore on the command line and in pyproject.toml', () => {
    const dir = workspace({ 'loop.py': ROW_LOOP });
    assert.equal(frugal(['check', '--select', 'FRG30', 'loop.py'], dir).code, 1);
    assert.equal(frugal(['check', '--ignore', 'FRG3', 'loop.py'], dir).code, 0);
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.frugal]\nignore = ["FRG30"]\n');
    assert.equal(frugal(['check', 'loop.py'], dir).code, 0);
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.frugal]\nselect = ["FRG1"]\n');
    assert.equal(frugal(['check', 'loop.py'], dir).code, 0);
  });

  test('unknown codes on the command line exit 2, naming them', () => {
    const dir = workspace({ 'loop.py': ROW_LOOP });
    for (const [option, value] of [['--select', 'FRG999'], ['--ignore', 'FRG-101'], ['--select', 'FRG3,dataframe-row-iterations']]) {
      const r = frugal(['check', option, value, 'loop.py'], dir);
      assert.equal(r.code, 2, `${option} ${value}`);
      assert.match(r.stderr, new RegExp(`${option}: unknown rule selector "${value.split(',').pop()}"`));
      assert.equal(r.stdout, '');
    }
  });

  test('unknown codes in pyproject.toml warn once, naming the file once, and are dropped', () => {
    const dir = workspace({ 'loop.py': ROW_LOOP, 'pyproject.toml': '[tool.frugal]\nignore = ["FRG999", "FRG-101"]\nseverity = { FRG998 = "error" }\n' });
    const r = frugal(['check', 'loop.py'], dir);
    assert.equal(r.code, 1, 'the check still runs, with the valid settings');
    assert.match(r.stdout, /FRG301/);
    const toml = path.join(dir, 'pyproject.toml');
    const lines = r.stderr.trim().split('\n');
    assert.deepEqual(lines.map((l) => l.split(': warning: ')[0]), [toml, toml, toml]);
    assert.ok(lines.every((l) => l.split(toml).length === 2), `the path appears once per line:\n${r.stderr}`);
    assert.match(lines[0], /ignore: unknown rule selector "FRG999" ignored/);
    assert.match(lines[1], /ignore: unknown rule selector "FRG-101" ignored/);
    assert.match(lines[2], /severity\.FRG998: no rule has this code or name; ignored/);
  });
});

describe('frugal check: what could not be checked', () => {
  test('the summary counts files that could not be checked and never says "All checks passed" then', () => {
    const dir = workspace({ 'ok.py': 'print(1)\n', 'binary.py': Buffer.from([0x00, 0x01]) });
    const r = frugal(['check', '.'], dir);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /All checks passed/);
    assert.match(r.stdout, /\(1 file checked, 1 could not be checked\)/);
    const many = workspace({ 'train.py': GPU_SCRIPT, ...Object.fromEntries([1, 2, 3].map((i) => [`bad${i}.py`, Buffer.from([0x00])])) });
    const m = frugal(['check', '.'], many);
    assert.match(m.stdout, /Found 1 problem \(1 file checked, 3 could not be checked\)/);
    const json = JSON.parse(frugal(['check', '--format', 'json', '.'], many).stdout) as { summary: { files: number; notChecked: number } };
    assert.deepEqual([json.summary.files, json.summary.notChecked], [1, 3]);
  });

  test('a symbolic link loop named on the command line is called a loop', () => {
    const dir = workspace({ 'ok.py': 'print(1)\n' });
    symlinkSync('loop.py', path.join(dir, 'loop.py'));
    const r = frugal(['check', 'loop.py', 'ok.py'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^loop\.py: error: symbolic link loop \(ELOOP\)/m);
    assert.doesNotMatch(r.stderr, /no such file/);
    assert.match(r.stdout, /1 file checked, 1 could not be checked/);
  });

  test('--output to a path that cannot be written: one line, exit 2, nothing written', () => {
    const dir = workspace({ 'train.py': GPU_SCRIPT });
    mkdirSync(path.join(dir, 'report.json'));
    for (const target of ['missing/report.json', 'report.json']) {
      const r = frugal(['check', '--format', 'json', '--output', target, 'train.py'], dir);
      assert.equal(r.code, 2, target);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^frugal: cannot write --output ${target}: [^\n]+\n$`));
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['report.json', 'train.py']);
    assert.equal(existsSync(path.join(dir, 'missing')), false);
    const ok = frugal(['check', '--format', 'json', '--output', 'out.json', 'train.py'], dir);
    assert.equal(ok.code, 1);
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')).summary.findings, 1);
  });
});

const user = unprivileged(CLI);

describe('frugal check: permissions (as a non-root user)', { skip: typeof user === 'string' ? user : false }, () => {
  const as = user as Exclude<typeof user, string>;
  const run = (args: string[], cwd: string) => {
    const r = as.run(process.execPath, [CLI, ...args], cwd);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('--output into a folder the user cannot write: one line, exit 2, nothing written, no fix applied', () => {
    const dir = workspace({ 'train.py': GPU_SCRIPT });
    mkdirSync(path.join(dir, 'locked'));
    as.own(dir);
    chmodSync(path.join(dir, 'locked'), 0o555);
    const r = run(['check', '--fix', '--output', 'locked/report.txt', 'train.py'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^frugal: cannot write --output locked\/report\.txt: permission denied \(EACCES\)\n$/);
    assert.deepEqual(readdirSync(path.join(dir, 'locked')), []);
    assert.equal(readFileSync(path.join(dir, 'train.py'), 'utf8'), GPU_SCRIPT, 'the run stopped before fixing');
  });

  test('--fix on a read-only file reports it in one line and still fixes the others (exit 1)', () => {
    const dir = workspace({ 'a.py': GPU_SCRIPT, 'b.py': GPU_SCRIPT, 'c.py': GPU_SCRIPT });
    as.own(dir);
    chmodSync(path.join(dir, 'b.py'), 0o444);
    const r = run(['check', '--fix', '.'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, 'b.py: error: cannot write the fixes (EACCES); the file is unchanged\n');
    assert.match(readFileSync(path.join(dir, 'a.py'), 'utf8'), /pin_memory=True/);
    assert.match(readFileSync(path.join(dir, 'c.py'), 'utf8'), /pin_memory=True/);
    assert.equal(readFileSync(path.join(dir, 'b.py'), 'utf8'), GPU_SCRIPT);
    assert.match(r.stdout, /^b\.py:5:10: FRG107/m);
    assert.match(r.stdout, /Found 1 problem \(2 fixed\) \(3 files checked\)/);
  });

  test('an unreadable folder gets one line, like a file, and counts as not checked', () => {
    const dir = workspace({ 'ok.py': 'print(1)\n' });
    mkdirSync(path.join(dir, 'private'));
    writeFileSync(path.join(dir, 'private', 'train.py'), GPU_SCRIPT);
    as.own(dir);
    chmodSync(path.join(dir, 'private'), 0o000);
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'private: error: cannot read directory: permission denied (EACCES); the files in it were not checked\n');
    assert.match(r.stdout, /No problems found in the files checked \(1 file checked, 1 could not be checked\)/);
  });
});

/** Every `.py` and `.ipynb` file under `dir`, relative to it. */
function sources(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(full, base));
    else if (/\.(py|ipynb)$/.test(e.name)) out.push(path.relative(base, full));
  }
  return out.sort();
}

const UNSAFE_SCRIPT = `import torch
from torch.utils.data import DataLoader
from torchvision.datasets import ImageFolder

device = torch.device("cuda")
loader = DataLoader(ImageFolder("data/train"), batch_size=64, pin_memory=True)
`;

describe('frugal check --unsafe-fixes', () => {
  test('unsafe fixes are hidden without the option, counted in the summary, applied with it', () => {
    const dir = workspace({ 'train.py': UNSAFE_SCRIPT });
    const plain = frugal(['check', 'train.py'], dir);
    assert.match(plain.stdout, /^train\.py:6:10: FRG106 DataLoader without `num_workers`/m);
    assert.match(plain.stdout, /No safe fixes available \(1 hidden fix can be enabled with the `--unsafe-fixes` option\)\./);
    const json = JSON.parse(frugal(['check', '--format', 'json', 'train.py'], dir).stdout) as { summary: { fixable: number; hiddenFixes: number } };
    assert.deepEqual([json.summary.fixable, json.summary.hiddenFixes], [0, 1]);
    const fix = frugal(['check', '--fix', 'train.py'], dir);
    assert.equal(fix.code, 1);
    assert.equal(readFileSync(path.join(dir, 'train.py'), 'utf8'), UNSAFE_SCRIPT, 'no safe fix to apply');
    const shown = frugal(['check', '--unsafe-fixes', 'train.py'], dir);
    assert.match(shown.stdout, /FRG106 \[\*\] DataLoader/);
    assert.match(shown.stdout, /\[\*\] 1 fixable with `frugal check --fix --unsafe-fixes`\./);
    const diff = frugal(['check', '--diff', '--unsafe-fixes', 'train.py'], dir);
    assert.equal(diff.code, 1);
    assert.match(diff.stdout, /^\+import os$/m);
    assert.match(diff.stdout, /^\+loader = DataLoader\(ImageFolder\("data\/train"\), batch_size=64, pin_memory=True, num_workers=min\(8, os\.cpu_count\(\) or 1\)\)$/m);
    assert.match(diff.stdout, /Would fix 1 problem/);
    assert.equal(readFileSync(path.join(dir, 'train.py'), 'utf8'), UNSAFE_SCRIPT);
    const applied = frugal(['check', '--fix', '--unsafe-fixes', 'train.py'], dir);
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    assert.match(applied.stdout, /Fixed 1 problem; nothing left to report/);
    assert.match(readFileSync(path.join(dir, 'train.py'), 'utf8'), /^import os$/m);
  });

  test('`unsafe-fixes = true` in [tool.frugal] turns them on; --no-unsafe-fixes turns them off again', () => {
    const dir = workspace({ 'train.py': UNSAFE_SCRIPT, 'pyproject.toml': '[tool.frugal]\nunsafe-fixes = true\n' });
    const off = frugal(['check', '--diff', '--no-unsafe-fixes', 'train.py'], dir);
    assert.equal(off.code, 0);
    assert.match(off.stdout, /No safe fixes to apply .*\n\(1 hidden fix can be enabled with the `--unsafe-fixes` option\.\)/);
    const on = frugal(['check', '--fix', 'train.py'], dir);
    assert.equal(on.code, 0, on.stdout + on.stderr);
    assert.match(readFileSync(path.join(dir, 'train.py'), 'utf8'), /num_workers=min\(8, os\.cpu_count\(\) or 1\)/);
    assert.equal(frugal(['check', '--unsafe-fixes', '--no-unsafe-fixes', 'train.py'], dir).code, 2);
  });

  test('test modules are not checked unless `check-tests = true`', () => {
    const script = 'import torch\n\nmodel = torch.load("model.pt")\nmodel.eval()\n\n\ndef evaluate(loader):\n    for x in loader:\n        print(model(x))\n';
    const dir = workspace({ 'evaluate.py': script, 'test_evaluate.py': script, 'conftest.py': script });
    const paths = (args: string[]) => {
      const r = frugal(['check', '--format', 'json', '--exit-zero', '--no-cache', ...args], dir);
      assert.equal(r.code, 0, r.stderr);
      return [...new Set((JSON.parse(r.stdout) as { findings: { path: string; code: string }[] }).findings.map((f) => `${path.basename(f.path)} ${f.code}`))].sort();
    };
    assert.deepEqual(paths(['.']), ['evaluate.py FRG401']);
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.frugal]\ncheck-tests = true\n');
    assert.deepEqual(paths(['.']), ['conftest.py FRG401', 'evaluate.py FRG401', 'test_evaluate.py FRG401']);
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.frugal]\ncheck-tests = "yes"\n');
    const bad = frugal(['check', '--exit-zero', '--no-cache', '.'], dir);
    assert.match(bad.stderr, /check-tests must be true or false/);
  });

  test('`--confidence low` and `confidence = "low"` also show matches where the code shows no large run', () => {
    const script = 'import numpy as np\nfrom tensorflow import keras\nx = np.random.rand(200, 8)\ny = np.random.randint(0, 2, 200)\nmodel = keras.Sequential([keras.layers.Dense(64), keras.layers.Dense(1)])\nmodel.compile(loss="mse")\nmodel.fit(x, y, epochs=50, validation_split=0.2)\n';
    const dir = workspace({ 'toy.py': script });
    const codes = (args: string[]) => {
      const r = frugal(['check', '--format', 'json', '--exit-zero', '--no-cache', ...args, '.'], dir);
      assert.equal(r.code, 0, r.stderr);
      return (JSON.parse(r.stdout) as { findings: { code: string; confidence?: string }[] }).findings.map((f) => `${f.code}${f.confidence ? ` ${f.confidence}` : ''}`);
    };
    assert.deepEqual(codes([]), []);
    // Kept back, never silent: the summary counts them.
    const text = frugal(['check', '--no-cache', '.'], dir);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /All checks passed \(1 file checked\)\.\n1 low-confidence finding not shown \(`--confidence low` shows it\)\./);
    const json = JSON.parse(frugal(['check', '--format', 'json', '--exit-zero', '--no-cache', '.'], dir).stdout) as { summary: { lowConfidence: number } };
    assert.equal(json.summary.lowConfidence, 1);
    assert.deepEqual(codes(['--confidence', 'low']), ['FRG101 low']);
    writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.frugal]\nconfidence = "low"\n');
    assert.deepEqual(codes([]), ['FRG101 low']);
    assert.deepEqual(codes(['--confidence', 'high']), []);
    const sarif = JSON.parse(frugal(['check', '--format', 'sarif', '--exit-zero', '--no-cache', '.'], dir).stdout) as Sarif.Log;
    assert.deepEqual(sarif.runs[0].results?.map((r) => [r.ruleId, r.properties?.confidence]), [['FRG101', 'low']]);
    const bad = frugal(['check', '--confidence', 'medium', '.'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--confidence must be high or low/);
  });

  test('over a mixed corpus every applied fix keeps its file parsing and removes its finding', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frugal-unsafe-'));
    for (const name of ['corpus', 'corpus2']) cpSync(path.join(ROOT, 'test', name), path.join(dir, name), { recursive: true });
    cpSync(path.join(FIXTURES, 'rules'), path.join(dir, 'rules'), { recursive: true });
    const files = sources(dir);
    const a = await analyzer();
    const before = new Map(files.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    const parsedBefore = new Set(files.filter((f) => !a.analyze(before.get(f)!, { path: f }).syntaxErrors));
    const findingsOf = (args: string[]) => JSON.parse(frugal(['check', '--no-config', '--exit-zero', '--format', 'json', ...args, '.'], dir).stdout) as { findings: { path: string; code: string; message: string; cell?: number; fix?: unknown }[]; summary: { fixed: number; hiddenFixes: number } };
    const start = findingsOf([]);
    assert.ok(start.summary.hiddenFixes >= 20, `${start.summary.hiddenFixes} unsafe fixes offered`);
    const fixedRun = findingsOf(['--fix', '--unsafe-fixes']);
    assert.ok(fixedRun.summary.fixed >= 20, `${fixedRun.summary.fixed} fixes applied`);
    // Findings that vanished, counted per file, rule and message: at least one per applied fix.
    const key = (f: { path: string; code: string; message: string; cell?: number }) => `${path.normalize(f.path)}\0${f.code}\0${f.message}\0${f.cell ?? ''}`;
    const count = (list: { path: string; code: string; message: string; cell?: number }[]) => list.reduce((m, f) => m.set(key(f), (m.get(key(f)) ?? 0) + 1), new Map<string, number>());
    const was = count(start.findings);
    const now = count(fixedRun.findings);
    let gone = 0;
    for (const [k, n] of was) gone += Math.max(0, n - (now.get(k) ?? 0));
    assert.ok(gone >= fixedRun.summary.fixed, `${gone} findings gone for ${fixedRun.summary.fixed} fixes`);
    const changed = files.filter((f) => readFileSync(path.join(dir, f), 'utf8') !== before.get(f));
    assert.ok(changed.length >= 10, `${changed.length} files changed`);
    const python = spawnSync('python3', ['--version']).status === 0;
    const compiles = (file: string) => spawnSync('python3', ['-m', 'py_compile', file]).status === 0;
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'frugal-orig-'));
    for (const f of changed) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      if (f.endsWith('.ipynb')) JSON.parse(text);
      if (!parsedBefore.has(f)) continue;
      assert.equal(a.analyze(text, { path: f }).syntaxErrors ?? false, false, `${f} still parses`);
      if (!python || f.endsWith('.ipynb')) continue;
      const original = path.join(scratch, 'original.py');
      writeFileSync(original, before.get(f)!);
      if (compiles(original)) assert.ok(compiles(path.join(dir, f)), `${f} compiled before the fixes and not after`);
    }
    // Running again changes nothing: the applied fixes converged.
    assert.equal(findingsOf(['--fix', '--unsafe-fixes']).summary.fixed, 0);
  });

  test('a fix that breaks the file or leaves its finding is rolled back', () => {
    const finding = (code: string, message: string, text: string, line: number) => ({
      path: 'x.py', code, rule: code, severity: 'warning' as const, message, line, column: 1, endLine: line, endColumn: 1,
      fix: { title: code, safety: 'unsafe' as const, edits: [{ line, column: 1, endLine: line, endColumn: 1, text }] },
    });
    // A stand-in analyzer: each line `bad` is a finding whose fix inserts a syntax error, each `stay` one whose fix changes nothing it sees, each `good` one whose fix removes it.
    const stub = {
      analyze(text: string) {
        const findings = text.split('\n').flatMap((l, i) => (l === 'good' ? [finding('FRG901', 'good', '# ', i + 1)] : l === 'bad' ? [finding('FRG902', 'bad', '(', i + 1)] : l === 'stay' ? [finding('FRG903', 'stay', '\n', i + 1)] : []));
        return { findings, errors: [], language: 'python' as const, syntaxErrors: text.includes('(') };
      },
    };
    const dir = workspace({ 'x.py': 'good\nbad\nstay\ngood\n' });
    const run = check(stub as unknown as Analyzer, { paths: [path.join(dir, 'x.py')], fix: true, diff: false, unsafeFixes: true, exclude: [] });
    assert.equal(run.fixed, 2);
    assert.equal(readFileSync(path.join(dir, 'x.py'), 'utf8'), '# good\nbad\nstay\n# good\n');
    assert.deepEqual(run.findings.map((f) => f.code), ['FRG902', 'FRG903']);
  });
});

describe('frugal rules', () => {
  test('JSON lists every rule with the documented fields', () => {
    const r = frugal(['rules', '--format', 'json'], ROOT);
    assert.equal(r.code, 0);
    const rules = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(rules.length, RULES.length);
    for (const rule of rules) {
      // `measured` only for rules whose saving this project measured (evidence/results.json).
      assert.deepEqual(Object.keys(rule).filter((k) => k !== 'measured').sort(), ['category', 'code', 'docs', 'fixable', 'languages', 'name', 'severity', 'summary']);
      if ('measured' in rule) assert.match(String(rule.measured), /^Measured here: /);
      assert.match(String(rule.code), /^FRG[1-5]\d\d$/);
    }
  });

  test('text lists the rules by category', () => {
    const r = frugal(['rules'], ROOT);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Training\n {2}FRG101 {2}missing-early-stopping/);
  });
});

// The measured evidence: every pair under evidence/ is well formed and shows its rule's pattern
// (the rule flags before.py and not after.py); the runner's statistics; results.json and
// docs/evidence.md agree; the "Measure this fix" comparison.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { measuredLine } from '../src/engine/measured';
import { RULES } from '../src/engine/rules/registry';
import { compareFix, fixedCopyPath } from '../src/profile/fix-comparison';
import type { ProfileReport } from '../src/profile/types';
// A pair's before.py is a small benchmark: it must show the rule's pattern, at any confidence.
import { analyzerAllMatches as analyzer, read, ROOT } from './helpers';

const EVIDENCE = path.join(ROOT, 'evidence');

interface Runner {
  resultOf(stdout: string): Record<string, unknown> | undefined;
  compareResults(compare: unknown, a: unknown, b: unknown): string | undefined;
  median(xs: number[]): number;
  summarise(before: { energyJ: number; durationS: number }[], after: { energyJ: number; durationS: number }[]): {
    deltaPct: number | null;
    measurable: boolean;
    before: { energyJ: number; spreadJ: number };
  };
  pairs(): { name: string; rule: string; code: string; gpuOnly?: boolean; requires?: string[]; what: string; compare: { kind: string; key?: string; abs?: number } }[];
  evidenceTable(results: unknown): string;
}

const runner = (): Promise<Runner> => import(pathToFileURL(path.join(ROOT, 'scripts', 'evidence.mjs')).href) as Promise<Runner>;

describe('evidence pairs', () => {
  test('every pair has before.py, after.py and a pair.json naming a rule, a result check and its needs', async () => {
    const { pairs } = await runner();
    const dirs = readdirSync(EVIDENCE, { withFileTypes: true }).filter((d) => d.isDirectory());
    const found = pairs();
    assert.equal(found.length, dirs.length, 'every folder under evidence/ is a pair');
    for (const p of found) {
      const rule = RULES.find((r) => r.meta.name === p.rule);
      assert.ok(rule, `${p.name}: rule ${p.rule} exists`);
      assert.equal(p.name, p.rule, `${p.name}: the folder is named after the rule`);
      assert.equal(p.code, rule.meta.code, `${p.name}: code`);
      assert.ok(existsSync(path.join(EVIDENCE, p.name, 'before.py')) && existsSync(path.join(EVIDENCE, p.name, 'after.py')), `${p.name}: both halves`);
      assert.ok(typeof p.what === 'string' && p.what.length > 10, `${p.name}: what`);
      assert.ok(p.compare.kind === 'equal' || (p.compare.kind === 'close' && typeof p.compare.key === 'string' && typeof p.compare.abs === 'number'), `${p.name}: compare`);
      assert.ok(Array.isArray(p.requires), `${p.name}: requires`);
      assert.equal(!!p.gpuOnly, (p.requires ?? []).includes('cuda'), `${p.name}: GPU-only pairs need cuda, and only they`);
    }
  });

  test("the rule flags its pattern in before.py and not in after.py (the pair measures the rule's own advice)", async () => {
    const { pairs } = await runner();
    const a = await analyzer();
    for (const p of pairs()) {
      const codes = (half: string) => {
        const file = path.join(EVIDENCE, p.name, half);
        return a.analyze(read(file), { path: file }).findings.map((f) => f.code);
      };
      assert.ok(codes('before.py').includes(p.code), `${p.name}/before.py is flagged ${p.code}`);
      assert.ok(!codes('after.py').includes(p.code), `${p.name}/after.py is not flagged ${p.code}`);
    }
  });

  test('each half prints one FRUGAL_RESULT line', () => {
    for (const d of readdirSync(EVIDENCE, { withFileTypes: true }).filter((x) => x.isDirectory())) {
      for (const half of ['before.py', 'after.py']) {
        const text = read(path.join(EVIDENCE, d.name, half));
        assert.match(text, /FRUGAL_RESULT /, `${d.name}/${half}`);
      }
    }
  });
});

describe('evidence runner', () => {
  test('reads the last FRUGAL_RESULT line; ignores others and broken JSON', async () => {
    const { resultOf } = await runner();
    assert.deepEqual(resultOf('loss 0.3\nFRUGAL_RESULT {"a": 1}\nFRUGAL_RESULT {"a": 2}\nbye\n'), { a: 2 });
    assert.equal(resultOf('FRUGAL_RESULT {oops'), undefined);
    assert.equal(resultOf('nothing here'), undefined);
  });

  test('compares results exactly or within a tolerance, and says why they differ', async () => {
    const { compareResults } = await runner();
    assert.equal(compareResults({ kind: 'equal' }, { d: 'x' }, { d: 'x' }), undefined);
    assert.match(compareResults({ kind: 'equal' }, { d: 'x' }, { d: 'y' })!, /differ/);
    assert.equal(compareResults({ kind: 'close', key: 'acc', abs: 0.02 }, { acc: 0.91 }, { acc: 0.925 }), undefined);
    assert.match(compareResults({ kind: 'close', key: 'acc', abs: 0.01 }, { acc: 0.91 }, { acc: 0.93 })!, /more than 0.01/);
    assert.match(compareResults({ kind: 'equal' }, undefined, { d: 1 })!, /no FRUGAL_RESULT/);
  });

  test('claims a saving only when every paired run agrees in sign, over 3 runs or more', async () => {
    const { summarise, median } = await runner();
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    const run = (energyJ: number) => ({ energyJ, durationS: energyJ / 10 });
    const saving = summarise([run(100), run(104), run(98)], [run(50), run(52), run(49)]);
    assert.equal(saving.measurable, true);
    assert.equal(saving.deltaPct, -50);
    assert.equal(saving.before.spreadJ, 6);
    const noise = summarise([run(100), run(90), run(110)], [run(95), run(105), run(99)]);
    assert.equal(noise.measurable, false, 'paired differences on both sides of zero');
    assert.equal(summarise([run(100)], [run(10)]).measurable, false, 'one run is no evidence of a difference');
  });

  test('results.json is well formed, and docs/evidence.md is generated from it', async () => {
    const { evidenceTable, pairs } = await runner();
    const results = JSON.parse(read(path.join(EVIDENCE, 'results.json'))) as { results: { rule: string; before: { energyJ: number }; after: { energyJ: number }; method: string; runs: number }[] };
    const names = new Set(pairs().map((p) => p.rule));
    for (const r of results.results) {
      assert.ok(names.has(r.rule), `${r.rule} has a pair`);
      assert.ok(r.before.energyJ > 0 && r.after.energyJ > 0 && r.runs >= 1 && r.method.length > 0, r.rule);
      assert.ok(measuredLine(r.rule)?.startsWith('Measured here: '), `${r.rule} has a line for docs and hovers`);
    }
    if (results.results.length > 0) assert.equal(read(path.join(ROOT, 'docs', 'evidence.md')), evidenceTable(results), 'run `npm run evidence` (or regenerate docs/evidence.md)');
  });
});

/** A report as `frugal profile --json` writes it, with only the fields the comparison reads set. */
function report(energyJ: number, durationS: number, extra: Partial<ProfileReport> = {}): ProfileReport {
  return { energy: { cpuJ: energyJ, gpuJ: 0, ramJ: 0, totalJ: energyJ }, durationS, stoppedBy: 'exit', exitCode: 0, ...extra } as ProfileReport;
}

describe('Measure this fix', () => {
  test('whole runs compare per run; the verdict weighs the difference against the runs of the same half', () => {
    const c = compareFix([report(100, 10), report(104, 10.4)], [report(60, 6), report(62, 6.2)]);
    assert.equal(c.basis, 'per-run');
    assert.equal(c.unit, 'J');
    assert.equal(c.before, 102);
    assert.equal(c.after, 61);
    assert.ok(Math.abs(c.deltaPct + 40.2) < 0.1);
    assert.equal(c.withinNoise, false);
    assert.match(c.verdict, /larger than the noise/);
    const same = compareFix([report(100, 10), report(110, 11)], [report(104, 10), report(101, 10)]);
    assert.equal(same.withinNoise, true);
    assert.match(same.verdict, /within the noise/);
    assert.equal(compareFix([report(100, 10)], [report(50, 5)]).withinNoise, undefined);
  });

  test('runs stopped at the time limit compare per unit of progress, or else only by power, which it says', () => {
    const stopped = (j: number, done: number) => report(j, 30, { stoppedBy: 'duration', exitCode: null, progress: { done, total: 100, fraction: done / 100, kind: 'tqdm', line: '' } });
    const p = compareFix([stopped(300, 10)], [stopped(300, 20)]);
    assert.equal(p.basis, 'per-progress');
    assert.equal(p.before, 30);
    assert.equal(p.after, 15);
    const power = compareFix([report(300, 30, { stoppedBy: 'duration', exitCode: null })], [report(240, 30, { stoppedBy: 'duration', exitCode: null })]);
    assert.equal(power.basis, 'power');
    assert.match(power.verdict, /does not say how much work/);
  });

  test('the fixed copy sits beside the script, hidden, with the same extension', () => {
    assert.equal(fixedCopyPath('/w/proj/train.py'), '/w/proj/.train.frugal-fix.py');
    assert.equal(fixedCopyPath('C:\\w\\serve.ts'), 'C:\\w\\.serve.frugal-fix.ts');
  });
});

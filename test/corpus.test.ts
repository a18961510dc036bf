// Precision and recall on the blind corpora (test/corpus/, test/corpus2/, test/corpus3/, test/corpus4/, test/corpus-js/): realistic scripts
// annotated from the rule specifications alone. Prints the per-rule table; fails below each corpus's floor.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Analyzer } from '../src/engine/analyzer';
import { analyzer, analyzerAllMatches, expectations, findingKey, read, ROOT } from './helpers';

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

async function evaluate(dir: string, t: TestContext, a: Analyzer): Promise<Counts> {
  const counts = new Map<string, Counts>();
  const misses: string[] = [];
  const get = (code: string) => {
    let c = counts.get(code);
    if (!c) counts.set(code, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  // TypeScript/JavaScript corpora keep each app in its own folder, beside its package.json.
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(py|ipynb|ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(f)).sort();
  for (const file of files) {
    const full = path.join(dir, file);
    const text = read(full);
    // `^CODE` marks a related location of a finding reported elsewhere: the rule fixtures check those.
    const expected = new Set(
      [...expectations(text, file.endsWith('.ipynb'))].flatMap(([k, codes]) => codes.filter((c) => !c.startsWith('^')).map((c) => `${k}|${c}`)),
    );
    const actual = new Set(a.analyze(text, { path: full }).findings.map((f) => `${findingKey(f)}|${f.code}`));
    for (const key of actual) {
      const code = key.split('|')[1];
      if (expected.has(key)) get(code).tp++;
      else {
        get(code).fp++;
        misses.push(`false positive ${file}:${key}`);
      }
    }
    for (const key of expected) {
      if (actual.has(key)) continue;
      get(key.split('|')[1]).fn++;
      misses.push(`missed ${file}:${key}`);
    }
  }
  const total = { tp: 0, fp: 0, fn: 0 };
  const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
  for (const [code, c] of [...counts].sort()) {
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    t.diagnostic(`${code}  tp ${c.tp}  fp ${c.fp}  fn ${c.fn}  precision ${pct(c.tp, c.tp + c.fp)}  recall ${pct(c.tp, c.tp + c.fn)}`);
  }
  t.diagnostic(`overall  tp ${total.tp}  fp ${total.fp}  fn ${total.fn}  precision ${pct(total.tp, total.tp + total.fp)}  recall ${pct(total.tp, total.tp + total.fn)}`);
  for (const m of misses) t.diagnostic(m);
  return total;
}

// Floors, not targets. Every match (`confidence = "low"`) tests the rules' patterns: corpus3
// (both waves of Python rules) is held at what it measured (precision 100 %, recall 86 %, see its
// README) so that it cannot fall back; corpus4, written blind from the rule documentation, at the
// issue's targets for both waves (97 % and 95 %). The default (high confidence) keeps back matches
// where the code shows no large run: its recall floors are what it measures (README, Confidence).
const FLOORS: Record<string, { precision: number; recall: number; defaultRecall: number }> = {
  corpus: { precision: 0.95, recall: 0.9, defaultRecall: 0.75 },
  corpus2: { precision: 0.95, recall: 0.9, defaultRecall: 0.9 },
  corpus3: { precision: 0.97, recall: 0.86, defaultRecall: 0.78 },
  corpus4: { precision: 0.97, recall: 0.95, defaultRecall: 0.89 },
  'corpus-js': { precision: 0.95, recall: 0.9, defaultRecall: 0.9 },
};

for (const [name, floor] of Object.entries(FLOORS)) {
  const dir = path.join(ROOT, 'test', name);
  const check = async (t: TestContext, a: Analyzer, recallFloor: number) => {
    const { tp, fp, fn } = await evaluate(dir, t, a);
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    assert.ok(precision >= floor.precision, `precision ${(precision * 100).toFixed(1)} % < ${floor.precision * 100} %`);
    assert.ok(recall >= recallFloor, `recall ${(recall * 100).toFixed(1)} % < ${recallFloor * 100} %`);
  };
  test(`every match: precision >= ${floor.precision * 100} % and recall >= ${floor.recall * 100} % on the blind ${name}`, { skip: !existsSync(dir) }, async (t) =>
    check(t, await analyzerAllMatches(), floor.recall),
  );
  test(`default confidence: precision >= ${floor.precision * 100} % and recall >= ${floor.defaultRecall * 100} % on the blind ${name}`, { skip: !existsSync(dir) }, async (t) =>
    check(t, await analyzer(), floor.defaultRecall),
  );
}

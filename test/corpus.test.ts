// Precision and recall on the blind corpus (test/corpus/): realistic scripts annotated from
// the rule specifications alone. Prints the per-rule table; fails below 95 % / 90 %.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzer, expectations, findingKey, read, ROOT } from './helpers';

const CORPUS = path.join(ROOT, 'test', 'corpus');

test('precision >= 95 % and recall >= 90 % on the blind corpus', { skip: !existsSync(CORPUS) }, async (t) => {
  const a = await analyzer();
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const misses: string[] = [];
  const get = (code: string) => {
    let c = counts.get(code);
    if (!c) counts.set(code, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const name of readdirSync(CORPUS).filter((f) => f.endsWith('.py') || f.endsWith('.ipynb')).sort()) {
    const file = path.join(CORPUS, name);
    const text = read(file);
    const expected = new Set([...expectations(text, name.endsWith('.ipynb'))].flatMap(([k, codes]) => codes.map((c) => `${k}|${c}`)));
    const actual = new Set(a.analyze(text, { path: file }).findings.map((f) => `${findingKey(f)}|${f.code}`));
    for (const key of actual) {
      const code = key.split('|')[1];
      if (expected.has(key)) get(code).tp++;
      else {
        get(code).fp++;
        misses.push(`false positive ${name}:${key}`);
      }
    }
    for (const key of expected) {
      if (actual.has(key)) continue;
      get(key.split('|')[1]).fn++;
      misses.push(`missed ${name}:${key}`);
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
  const precision = total.tp / (total.tp + total.fp);
  const recall = total.tp / (total.tp + total.fn);
  t.diagnostic(`overall  tp ${total.tp}  fp ${total.fp}  fn ${total.fn}  precision ${pct(total.tp, total.tp + total.fp)}  recall ${pct(total.tp, total.tp + total.fn)}`);
  for (const m of misses) t.diagnostic(m);
  assert.ok(precision >= 0.95, `precision ${(precision * 100).toFixed(1)} % < 95 %`);
  assert.ok(recall >= 0.9, `recall ${(recall * 100).toFixed(1)} % < 90 %`);
});

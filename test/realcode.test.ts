// Real-code regression, in the spirit of ruff's ecosystem check: for each
// test/realcode/<corpus>.verdicts.json, the findings on the vendored corpus beside it must
// match a person's verdicts — "right" ones reported, "wrong" ones not, none left unjudged.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { discover, readSource } from '../src/engine/files';
import type { Finding } from '../src/engine/types';
import { analyzer, read, ROOT } from './helpers';

const REALCODE = path.join(ROOT, 'test', 'realcode');
const VERDICTS = ['right', 'wrong', 'debatable'] as const;

interface Verdict {
  path: string;
  line: number;
  code: string;
  /** Only for notebooks, whose lines count within a cell. */
  cell?: number;
  verdict: (typeof VERDICTS)[number];
  reason: string;
}

interface VerdictFile {
  corpus: string;
  repo: string;
  commit: string;
  verdicts: Verdict[];
}

/** The identity of a finding across runs: its path from the corpus root, cell, line and code. */
function key(v: Pick<Verdict, 'path' | 'line' | 'code' | 'cell'>): string {
  return `${v.path}:${v.cell === undefined ? '' : `${v.cell}:`}${v.line} ${v.code}`;
}

/** The corpus's findings by key, found the way `frugal check <dir>` finds them. */
async function findings(dir: string): Promise<{ found: Map<string, Finding>; unreadable: string[] }> {
  const a = await analyzer();
  const found = new Map<string, Finding>();
  const unreadable: string[] = [];
  for (const file of discover([dir]).files) {
    const source = readSource(file);
    if ('error' in source) {
      unreadable.push(`${file}: ${source.error}`);
      continue;
    }
    const rel = path.relative(dir, file).split(path.sep).join('/');
    for (const f of a.analyze(source.text, { path: file }).findings) found.set(key({ ...f, path: rel }), f);
    a.forget(file);
  }
  return { found, unreadable };
}

function precisionSummary(reported: Verdict[], t: TestContext): void {
  const pct = (right: number, wrong: number) => (right + wrong === 0 ? '   -  ' : `${((100 * right) / (right + wrong)).toFixed(1).padStart(5)}%`);
  const byCode = new Map<string, Record<Verdict['verdict'], number>>();
  for (const v of reported) {
    const counts = byCode.get(v.code) ?? { right: 0, wrong: 0, debatable: 0 };
    counts[v.verdict]++;
    byCode.set(v.code, counts);
  }
  const total = { right: 0, wrong: 0, debatable: 0 };
  for (const [code, c] of [...byCode].sort()) {
    for (const v of VERDICTS) total[v] += c[v];
    t.diagnostic(`${code}  right ${c.right}  wrong ${c.wrong}  debatable ${c.debatable}  precision ${pct(c.right, c.wrong)}`);
  }
  t.diagnostic(`overall  right ${total.right}  wrong ${total.wrong}  debatable ${total.debatable}  precision ${pct(total.right, total.wrong)}`);
}

for (const name of readdirSync(REALCODE).filter((f) => f.endsWith('.verdicts.json')).sort()) {
  const file = JSON.parse(read(path.join(REALCODE, name))) as VerdictFile;
  test(`findings on ${file.corpus} (${file.repo} @ ${file.commit.slice(0, 7)}) match the judged verdicts`, async (t) => {
    const problems: string[] = [];
    const verdicts = new Map<string, Verdict>();
    for (const v of file.verdicts) {
      if (!VERDICTS.includes(v.verdict)) problems.push(`invalid verdict ${JSON.stringify(v.verdict)} for ${key(v)} (use right, wrong or debatable)`);
      else if (verdicts.has(key(v))) problems.push(`two verdicts for ${key(v)}`);
      else verdicts.set(key(v), v);
    }
    const { found, unreadable } = await findings(path.join(REALCODE, file.corpus));
    problems.push(...unreadable.map((u) => `could not read ${u}`));
    const reported: Verdict[] = [];
    for (const [k, f] of found) {
      const v = verdicts.get(k);
      if (!v) problems.push(`unjudged: ${k} ${f.rule}: ${f.message} (judge it with npm run audit)`);
      else {
        reported.push(v);
        if (v.verdict === 'wrong') problems.push(`reported but judged wrong (precision regression): ${k} (${v.reason})`);
      }
    }
    for (const [k, v] of verdicts) {
      if (v.verdict === 'right' && !found.has(k)) problems.push(`not reported but judged right (recall regression): ${k} (${v.reason})`);
    }
    precisionSummary(reported, t);
    assert.ok(problems.length === 0, `${problems.length} difference(s) from ${name}:\n  ${problems.join('\n  ')}`);
  });
}

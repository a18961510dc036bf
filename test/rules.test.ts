// Per-rule fixtures: inline expectations (`# FRG101` on a line that must be flagged, nothing
// on a line that must not), golden snapshots of diagnostics with code frames and fix diffs,
// and the fix-convergence harness (safe fixes re-applied until stable, never breaking syntax).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { applyNotebookFixes, applyTextFixes } from '../src/engine/fix/apply';
import { cellText } from '../src/engine/parse/notebook';
import { RULES } from '../src/engine/rules/registry';
import type { Finding, Fix } from '../src/engine/types';
import { analyzerAllMatches as analyzer, expectations, findingKey, FIXTURES, lineDiff, matchSnapshot, read, ROOT } from './helpers';

const RULE_FIXTURES = path.join(FIXTURES, 'rules');

function sourceLines(text: string, notebook: boolean, cell?: number): string[] {
  if (!notebook) return text.split('\n');
  const nb = JSON.parse(text) as { cells: { source: string | string[] }[] };
  return cellText(nb.cells[cell ?? 0]?.source ?? '').split('\n');
}

function frame(lines: string[], f: Finding): string {
  const out: string[] = [];
  const width = String(f.endLine + 1).length;
  for (let l = Math.max(1, f.line - 1); l <= Math.min(lines.length, f.line + 1); l++) {
    out.push(`${l === f.line ? '>' : ' '} ${String(l).padStart(width)} | ${lines[l - 1]}`);
    if (l === f.line) {
      const end = f.endLine === f.line ? f.endColumn : lines[l - 1].length + 1;
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(f.column - 1)}${'^'.repeat(Math.max(1, end - f.column))}`);
    }
  }
  return out.join('\n');
}

function applyFixes(text: string, notebook: boolean, fixes: Fix[]) {
  return notebook ? applyNotebookFixes(text, fixes) : applyTextFixes(text, fixes);
}

function snapshot(text: string, notebook: boolean, findings: Finding[]): string {
  const parts: string[] = [];
  for (const f of findings) {
    const where = f.cell === undefined ? '' : `cell ${f.cell} `;
    parts.push(`${f.code} ${f.rule} [${f.severity}${f.confidence ? ', low confidence' : ''}] ${where}${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
    parts.push(f.message);
    parts.push(frame(sourceLines(text, notebook, f.cell), f));
    for (const r of f.related ?? []) parts.push(`related ${r.cell === undefined ? '' : `cell ${r.cell} `}${r.line}:${r.column}: ${r.message}`);
    if (f.fix) {
      const after = applyFixes(text, notebook, [f.fix]).text;
      parts.push(`Fix (${f.fix.safety}): ${f.fix.title}`);
      parts.push(lineDiff(text, after));
    }
    parts.push('');
  }
  return parts.join('\n');
}

const ruleDirs = readdirSync(RULE_FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

test('every rule has a fixture folder', () => {
  const missing = RULES.map((r) => r.meta.name).filter((n) => !ruleDirs.includes(n));
  assert.deepEqual(missing, []);
});

for (const dir of ruleDirs) {
  const rule = RULES.find((r) => r.meta.name === dir);
  describe(`rule ${dir}`, () => {
    test('is registered', () => assert.ok(rule, `no rule named ${dir}`));
    const files = readdirSync(path.join(RULE_FIXTURES, dir)).filter((f) => /\.(py|ipynb|ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(f));
    for (const name of files) {
      const file = path.join(RULE_FIXTURES, dir, name);
      const notebook = name.endsWith('.ipynb');
      test(`${name}: findings match the inline expectations`, async () => {
        const a = await analyzer();
        const text = read(file);
        const expected = expectations(text, notebook);
        const codes = new Set([rule!.meta.code, ...[...expected.values()].flat().map((c) => c.replace('^', ''))]);
        const result = a.analyze(text, { path: file });
        assert.deepEqual(result.errors, []);
        const actual = new Map<string, string[]>();
        // Related locations are compared only in fixtures that mark them.
        const related = [...expected.values()].flat().some((c) => c.startsWith('^'));
        const add = (key: string, code: string) => actual.set(key, [...(actual.get(key) ?? []), code].sort());
        for (const f of result.findings) {
          if (!codes.has(f.code)) continue;
          add(findingKey(f), f.code);
          if (related) for (const r of f.related ?? []) add(r.cell === undefined ? `${r.line}` : `${r.cell}:${r.line}`, `^${f.code}`);
        }
        const show = (m: Map<string, string[]>) => [...m].map(([k, v]) => `${k}: ${v.join(',')}`).sort();
        assert.deepEqual(show(actual), show(expected));
      });
      test(`${name}: snapshot of diagnostics and fixes`, async () => {
        const a = await analyzer();
        const text = read(file);
        const findings = a.analyze(text, { path: file }).findings;
        const snap = path.join(ROOT, 'test', 'snapshots', 'rules', dir, `${name}.snap`);
        matchSnapshot(snap, snapshot(text, notebook, findings));
      });
      test(`${name}: safe fixes converge without new syntax errors`, async () => {
        const a = await analyzer();
        let text = read(file);
        const before = a.analyze(text, { path: file });
        const fixable = before.findings.filter((f) => f.fix?.safety === 'safe');
        for (let pass = 0; pass < 3; pass++) {
          const r = a.analyze(text, { path: file });
          const fixes = r.findings.filter((f) => f.fix?.safety === 'safe').map((f) => f.fix!);
          if (fixes.length === 0) break;
          text = applyFixes(text, notebook, fixes).text;
        }
        const after = a.analyze(text, { path: file });
        if (!before.syntaxErrors) assert.equal(after.syntaxErrors, false, `a fix broke the syntax:\n${text}`);
        assert.deepEqual(after.errors, []);
        const left = after.findings.filter((f) => f.fix?.safety === 'safe');
        assert.deepEqual(left.map((f) => `${f.code}@${findingKey(f)}`), [], 'safe fixes did not converge in 3 passes');
        for (const f of fixable) {
          const still = after.findings.filter((g) => g.code === f.code).length;
          const was = before.findings.filter((g) => g.code === f.code).length;
          assert.ok(still < was, `fixing ${f.code} did not remove its finding`);
        }
      });
    }
  });
}

// The suppression-comment injection grammar: its patterns find the directives and codes the
// engine honours, and the manifest points at it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  repository: Record<string, { match?: string; patterns?: { match: string; name: string }[] }>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] };
};
const entry = manifest.contributes.grammars[0];
const grammar = JSON.parse(readFileSync(path.join(ROOT, entry.path), 'utf8')) as Grammar;

test('the manifest injects the grammar into Python, TypeScript and JavaScript comments', () => {
  assert.ok(existsSync(path.join(ROOT, entry.path)));
  assert.equal(grammar.scopeName, entry.scopeName);
  assert.deepEqual(entry.injectTo, ['source.python', 'source.ts', 'source.tsx', 'source.js', 'source.js.jsx']);
  assert.match(grammar.injectionSelector, /comment\.line\.number-sign\.python/);
  for (const scope of ['ts', 'tsx', 'js', 'js.jsx']) {
    assert.match(grammar.injectionSelector, new RegExp(`comment\\.line\\.double-slash\\.${scope.replace('.', '\\.')}(,|$)`));
    assert.match(grammar.injectionSelector, new RegExp(`comment\\.block\\.${scope.replace('.', '\\.')}(,|$)`));
  }
});

test('directives and their codes are matched', () => {
  const directive = new RegExp(grammar.repository.directive.match!);
  const m = directive.exec('x = 1  # frugal: ignore[FRG101, dataframe-row-apply]')!;
  assert.deepEqual([m[1], m[3], m[5]], ['frugal', 'ignore', 'FRG101, dataframe-row-apply']);
  assert.equal(directive.exec('# frugal: ignore-file[FRG3]')![3], 'ignore-file');
  assert.equal(directive.exec('# frugal: ignore')![4], undefined);
  const noqa = new RegExp(grammar.repository.noqa.match!);
  assert.equal(noqa.exec('# noqa: E501, FRG107')![3], 'E501, FRG107');
  const codes = grammar.repository.codes.patterns!.map((p) => [new RegExp(p.match, 'g'), p.name] as const);
  // TextMate's scan: at each point the earliest match wins, the first pattern on a tie.
  const named = (text: string) => {
    const out: string[] = [];
    for (let pos = 0; ; ) {
      let best: [RegExpExecArray, string] | undefined;
      for (const [re, name] of codes) {
        re.lastIndex = pos;
        const m = re.exec(text);
        if (m && (!best || m.index < best[0].index)) best = [m, name];
      }
      if (!best) return out;
      out.push(`${best[0][0]}:${best[1]}`);
      pos = best[0].index + best[0][0].length;
    }
  };
  assert.deepEqual(named('FRG101, dataframe-row-apply'), ['FRG101:constant.language.rule-code.frugal', 'dataframe-row-apply:constant.language.rule-name.frugal']);
});

// Malformed input: mutated fixtures (deleted spans, stray brackets, truncation, random text)
// must never make the engine throw or report an internal error.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analyzer, FIXTURES, read } from './helpers';

/** Deterministic PRNG (mulberry32) so a failure can be reproduced from its seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  '(', ')', '[', ']', ':', '\n', '    ', '"', "'''", '\\', 'def ', 'for x in ', 'with ', '@', '=', ',', '**', 'lambda', '#', '\t', '\u00e9', '\ud83d\ude00', '\0',
  // TypeScript and JavaScript
  '{', '}', '=>', '`', '${', '<div>', '</', '/*', '//', 'async ', 'await ', 'tf.tidy(', '?.', 'as any', ';',
];

function mutate(text: string, random: () => number): string {
  let out = text;
  const steps = 1 + Math.floor(random() * 4);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const kind = random();
    if (kind < 0.35) out = out.slice(0, at) + out.slice(at + Math.floor(random() * 40));
    else if (kind < 0.7) out = out.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + out.slice(at);
    else if (kind < 0.85) out = out.slice(0, at);
    else out = out.slice(at) + out.slice(0, at);
  }
  return out;
}

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : /\.(py|ipynb|ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

test('mutated fixtures never throw or report an internal error', async () => {
  const a = await analyzer();
  const files = fixtureFiles(FIXTURES);
  assert.ok(files.length > 0);
  const random = rng(20261127);
  let runs = 0;
  for (const file of files) {
    const text = read(file);
    for (let i = 0; i < 12; i++) {
      const mutated = mutate(text, random);
      for (const incremental of [false, true]) {
        const r = a.analyze(mutated, { path: file, incremental });
        runs++;
        const internal = r.errors.find((e) => e.message.startsWith('internal error'));
        assert.equal(internal, undefined, `${file} mutation ${i}: ${internal?.message}`);
        for (const f of r.findings) {
          assert.ok(f.line >= 1 && f.column >= 1 && (f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column)), JSON.stringify(f));
        }
      }
    }
    a.forget(file);
  }
  assert.ok(runs >= files.length * 24);
});

test('random text and deep nesting do not throw', async () => {
  const a = await analyzer();
  const random = rng(7);
  for (let i = 0; i < 50; i++) {
    const text = Array.from({ length: 200 }, () => String.fromCharCode(Math.floor(random() * 0x7f))).join('');
    assert.equal(a.analyze(text, { path: 'r.py' }).errors.length, 0);
  }
  const deep = `x = ${'('.repeat(5000)}1${')'.repeat(5000)}\nf(${'['.repeat(3000)}`;
  assert.doesNotThrow(() => a.analyze(deep, { path: 'deep.py' }));
});

test('incremental re-analysis gives the same findings as a fresh parse', async () => {
  const a = await analyzer();
  const base = 'import torch\nfrom torch.utils.data import DataLoader\nmodel.cuda()\n';
  let text = base;
  for (let i = 0; i < 20; i++) {
    text += i % 3 === 0 ? `dl${i} = DataLoader(ds, num_workers=2)\n` : `x${i} = ${i}\n`;
    const inc = a.analyze(text, { path: 'edited.py', incremental: true }).findings;
    const fresh = a.analyze(text, { path: 'fresh.py' }).findings.map((f) => ({ ...f, path: 'edited.py' }));
    assert.deepEqual(inc, fresh);
  }
  a.forget('edited.py');
});

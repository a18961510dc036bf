// Rule metadata is complete and the generated documentation on disk is up to date.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { generatedDocs } from '../src/engine/docs';
import { RULES } from '../src/engine/rules/registry';
import { ROOT } from './helpers';

const CATEGORY_HUNDREDS = { training: '1', search: '2', data: '3', inference: '4', infrastructure: '5' } as const;

test('every rule has complete metadata', () => {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const { meta } of RULES) {
    assert.match(meta.code, /^FRG\d{3}$/);
    assert.equal(meta.code[3], CATEGORY_HUNDREDS[meta.category], `${meta.code} is not in its category's hundreds`);
    assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)+$/);
    assert.doesNotMatch(meta.name, /^(avoid|use)-/, 'names say what is flagged, not the fix');
    assert.ok(!codes.has(meta.code) && !names.has(meta.name), `duplicate ${meta.code} ${meta.name}`);
    codes.add(meta.code);
    names.add(meta.name);
    assert.ok(meta.summary.length > 10 && !/placeholder/i.test(meta.summary), `${meta.name}: summary`);
    assert.ok(Object.keys(meta.messages).length > 0);
    for (const [id, text] of Object.entries(meta.messages)) assert.ok(text.length > 10, `${meta.name}: message ${id}`);
    for (const [section, text] of Object.entries(meta.docs)) {
      assert.ok(text.trim().length > 10 && !/placeholder/i.test(text), `${meta.name}: docs.${section} is empty`);
    }
    assert.match(meta.docs.evidence, /\d/, `${meta.name}: evidence should carry a figure or say there is none`);
  }
  assert.equal(RULES.length, 31);
});

test('docs/rules and the README rule table are generated from the metadata (run `npm run docs`)', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const [rel, content] of generatedDocs(RULES.map((r) => r.meta), readme)) {
    const file = path.join(ROOT, rel);
    assert.ok(existsSync(file), `${rel} is missing: run npm run docs`);
    assert.equal(readFileSync(file, 'utf8'), content, `${rel} is stale: run npm run docs`);
  }
});

// The extension manifest agrees with the code that reads it: a setting read for a resource
// (`getConfiguration('frugal', uri)`) must be contributed with a scope that has a per-resource
// value, else the extension host logs "Accessing a window scoped configuration for a resource".
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

const PER_RESOURCE = new Set(['resource', 'language-overridable', 'machine-overridable']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

test('settings read for a resource have a resource scope', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
  };
  const properties = pkg.contributes.configuration.properties;
  const read = new Set<string>();
  for (const file of sources(path.join(ROOT, 'src', 'extension'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/getConfiguration\('frugal', \w+\)\s*\.get(?:<[^>]+>)?\('([\w.]+)'/g)) read.add(`frugal.${m[1]}`);
  }
  assert.ok(read.has('frugal.country') && read.has('frugal.profile.lineAttribution'), [...read].join(', '));
  for (const key of read) {
    assert.ok(key in properties, `${key} is read but not contributed`);
    assert.ok(PER_RESOURCE.has(properties[key].scope ?? 'window'), `${key} is read per resource but its scope is ${properties[key].scope ?? 'window (the default)'}`);
  }
});

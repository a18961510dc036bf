// The Node.js minimum in package.json `engines` is the real one: every runtime dependency accepts
// it, and the tests run on it or later (CI runs them on that minimum, Node 20).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

type Version = [number, number, number];

function parse(v: string): Version {
  const [a = 0, b = 0, c = 0] = v.replace(/^v/, '').split('.').map(Number);
  return [a, b, c];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether `version` satisfies a range of the forms dependencies use: `>=X.Y.Z`, `^X.Y`, `X || Y`, `*`. */
function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((part) => {
    const r = part.trim();
    if (r === '*' || r === '') return true;
    const m = /^(>=|\^|~)?\s*v?(\d+(?:\.\d+){0,2})(?:\.x)?$/.exec(r);
    assert.ok(m, `an engines range this test does not read: "${range}"`);
    const min = parse(m[2]);
    if (compare(version, min) < 0) return false;
    if (m[1] === '^') return version[0] === min[0];
    if (m[1] === '~') return version[0] === min[0] && version[1] === min[1];
    return m[1] === '>=' || compare(version, min) === 0;
  });
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; dependencies: Record<string, string> };

test('package.json declares the Node.js minimum', () => {
  assert.match(pkg.engines.node, /^>=\d+(\.\d+){0,2}$/);
});

test('every runtime dependency accepts the declared minimum', () => {
  const minimum = parse(pkg.engines.node.slice(2));
  for (const dep of Object.keys(pkg.dependencies)) {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', dep, 'package.json'), 'utf8')) as { engines?: { node?: string } };
    const range = manifest.engines?.node;
    if (range) assert.ok(satisfies(minimum, range), `${dep} needs Node ${range}, above our minimum ${pkg.engines.node}`);
  }
});

test('these tests run on a supported Node.js', () => {
  assert.ok(satisfies(parse(process.version), pkg.engines.node), `${process.version} is below ${pkg.engines.node}`);
});

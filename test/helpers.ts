// Shared test helpers: one analyzer for the whole run, fixture expectations, snapshots.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { structuredPatch } from 'diff';
import { createAnalyzer, type Analyzer } from '../src/engine/analyzer';
import type { Finding } from '../src/engine/types';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

let shared: Promise<Analyzer> | undefined;

/** An analyzer with default settings and no pyproject lookup (tests set what they need). */
export function analyzer(): Promise<Analyzer> {
  shared ??= createAnalyzer({ configFiles: false });
  return shared;
}

let everyMatch: Promise<Analyzer> | undefined;
/**
 * The same with `confidence = "low"`: every match of every rule, also where the code shows no
 * large run. Rule fixtures test the patterns with it; the confidence each finding gets shows in
 * their snapshots.
 */
export function analyzerAllMatches(): Promise<Analyzer> {
  everyMatch ??= createAnalyzer({ configFiles: false, settings: { confidence: 'low' } });
  return everyMatch;
}

export function read(file: string): string {
  return readFileSync(file, 'utf8');
}

/**
 * `cell:line` (notebooks) or `line` → the codes a fixture expects there; `^FRG103` marks a
 * related location of an FRG103 finding (a site that follows from a decision reported elsewhere).
 */
export function expectations(text: string, notebook: boolean): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const scan = (source: string, cell?: number) => {
    source.split('\n').forEach((line, i) => {
      const m = /(?:#|\/\/)\s*((?:\^?FRG\d{3}[\s,]*)+)\s*(?:(?:#|\/\/).*)?$/.exec(line);
      if (!m || /frugal:|noqa/.test(line.slice(0, m.index + 1))) return;
      const codes = m[1].match(/\^?FRG\d{3}/g) ?? [];
      out.set(cell === undefined ? `${i + 1}` : `${cell}:${i + 1}`, codes.sort());
    });
  };
  if (!notebook) scan(text);
  else {
    const nb = JSON.parse(text) as { cells: { cell_type: string; source: string | string[] }[] };
    nb.cells.forEach((c, i) => {
      if (c.cell_type === 'code') scan(Array.isArray(c.source) ? c.source.join('') : c.source, i);
    });
  }
  return out;
}

export function findingKey(f: Finding): string {
  return f.cell === undefined ? `${f.line}` : `${f.cell}:${f.line}`;
}

/** Compares a snapshot file, or writes it when UPDATE_SNAPSHOTS=1 or it does not exist yet. */
export function matchSnapshot(file: string, actual: string): void {
  if (process.env.UPDATE_SNAPSHOTS === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) assert.fail(`missing snapshot ${path.relative(ROOT, file)}; run UPDATE_SNAPSHOTS=1 npm test`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, read(file), `snapshot ${path.relative(ROOT, file)} differs; if the change is intended run UPDATE_SNAPSHOTS=1 npm test`);
}

/** A unified diff (one line of context) of the changes between two texts. */
export function lineDiff(before: string, after: string): string {
  const patch = structuredPatch('before', 'after', before, after, '', '', { context: 1 });
  return patch.hunks
    .map((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines].join('\n'))
    .join('\n');
}

// `frugal check`: analyse files, optionally apply safe fixes (or show them as a diff), report.
import { writeFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import type { AnalysisResult, Analyzer } from '../engine/analyzer';
import { applyNotebookFixes, applyTextFixes } from '../engine/fix/apply';
import type { FileError, Finding } from '../engine/types';
import { discover, readSource } from '../engine/files';
import type { CheckOutput } from './format';

export interface CheckOptions {
  paths: string[];
  fix: boolean;
  diff: boolean;
  /** Apply unsafe fixes too (`--unsafe-fixes`). */
  unsafeFixes: boolean;
  /** Extra exclude globs from the command line or configuration. */
  exclude: string[];
}

export interface CheckRun extends CheckOutput {
  /** Paths given that do not resolve (exit 2). */
  missing: string[];
  /** With `--diff`: one unified diff per file that the fixes would change (`fixed` counts them). */
  diffs: string[];
}

/** Batches of fixes applied together before the file is re-analysed; then one fix at a time. */
const MAX_FIX_PASSES = 3;

/** What identifies a finding across edits that move it: its rule, its message, its cell. */
function findingKey(f: Finding): string {
  return `${f.code}\0${f.message}\0${f.cell ?? ''}`;
}

function countByKey(findings: Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) out.set(findingKey(f), (out.get(findingKey(f)) ?? 0) + 1);
  return out;
}

/**
 * Applies the fixes of `result` (safe ones, unsafe ones too with `unsafe`) and re-analyses.
 * A fix is kept only when the file still parses (if it did) and its finding is gone: a batch
 * that fails either test is retried one fix at a time, and a fix that fails alone is dropped.
 */
function applyFixes(analyzer: Analyzer, file: string, text: string, result: AnalysisResult, unsafe: boolean): { text: string; result: AnalysisResult; fixed: number } {
  const notebook = result.language === 'notebook';
  const rejected = new Set<string>();
  let fixed = 0;
  let batches = 0;
  // Each accepted step removes at least one finding, so this bounds the work on any file.
  const steps = 4 * result.findings.length + MAX_FIX_PASSES;
  for (let step = 0; step < steps; step++) {
    const candidates = result.findings.filter((f) => f.fix && (f.fix.safety === 'safe' || unsafe) && !rejected.has(findingKey(f)));
    if (candidates.length === 0) break;
    const batch = batches < MAX_FIX_PASSES && candidates.length > 1;
    const chosen = batch ? candidates : candidates.slice(0, 1);
    const applied = notebook ? applyNotebookFixes(text, chosen.map((f) => f.fix!)) : applyTextFixes(text, chosen.map((f) => f.fix!));
    const next = applied.applied > 0 && applied.text !== text ? analyzer.analyze(applied.text, { path: file }) : undefined;
    if (next && fixesHeld(result, next, chosen)) {
      fixed += chosen.length;
      text = applied.text;
      result = next;
      if (batch) batches++;
      continue;
    }
    if (batch) batches = MAX_FIX_PASSES;
    else rejected.add(findingKey(chosen[0]));
  }
  return { text, result, fixed };
}

/** The edited file parses whenever the original did, and every chosen finding is gone. */
function fixesHeld(before: AnalysisResult, after: AnalysisResult, chosen: Finding[]): boolean {
  if (after.syntaxErrors && !before.syntaxErrors) return false;
  const was = countByKey(before.findings);
  const now = countByKey(after.findings);
  const wanted = countByKey(chosen);
  for (const [key, n] of wanted) if ((now.get(key) ?? 0) > (was.get(key) ?? 0) - n) return false;
  return true;
}

export function check(analyzer: Analyzer, opts: CheckOptions): CheckRun {
  const { files, missing, unreadable } = discover(opts.paths, opts.exclude);
  const findings: Finding[] = [];
  const errors: FileError[] = [...missing, ...unreadable].map((p) => ({ ...p, kind: 'error' }));
  // Paths whose content was not analysed: the summary counts them apart from the checked files.
  const notChecked = new Set(errors.map((e) => e.path));
  const diffs: string[] = [];
  const warned = new Set<string>();
  let fixed = 0;
  for (const file of files) {
    const read = readSource(file);
    if ('error' in read) {
      errors.push({ path: file, message: read.error, kind: 'error' });
      notChecked.add(file);
      continue;
    }
    let text = read.text;
    const original = analyzer.analyze(text, { path: file });
    let result = original;
    if (opts.fix || opts.diff) {
      const fixedRun = applyFixes(analyzer, file, text, result, opts.unsafeFixes);
      text = fixedRun.text;
      result = fixedRun.result;
      let fixedHere = fixedRun.fixed;
      if (text !== read.text && opts.diff) diffs.push(createTwoFilesPatch(file, file, read.text, text, '', '', { context: 3 }));
      else if (text !== read.text) {
        try {
          writeFileSync(file, (read.bom ? '\ufeff' : '') + text);
        } catch (e) {
          // One file that cannot be written must not stop the others from being fixed.
          errors.push({ path: file, message: `cannot write the fixes (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the file is unchanged`, kind: 'error' });
          result = original;
          fixedHere = 0;
        }
      }
      // With --diff the findings are those of the file as it is; the diff shows what --fix would change.
      if (opts.diff) result = original;
      fixed += fixedHere;
    }
    for (const e of result.errors) {
      const key = `${e.path}\0${e.message}`;
      if (e.kind === 'warning' && warned.has(key)) continue;
      warned.add(key);
      errors.push(e);
      if (e.kind === 'error' && e.path === file) notChecked.add(file);
    }
    if (result.syntaxErrors) errors.push({ path: file, message: 'syntax errors; findings cover the parts that parse', kind: 'warning' });
    findings.push(...result.findings);
  }
  const checked = files.filter((f) => !notChecked.has(f)).length;
  return { findings, errors, checked, notChecked: notChecked.size, fixed, unsafeFixes: opts.unsafeFixes, missing: missing.map((m) => m.path), diffs };
}

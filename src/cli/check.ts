// `frugal check`: analyse files, optionally apply safe fixes (or show them as a diff), report.
import { writeFileSync } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import type { Analyzer } from '../engine/analyzer';
import { applyNotebookFixes, applyTextFixes } from '../engine/fix/apply';
import type { FileError, Finding } from '../engine/types';
import { discover, readSource } from '../engine/files';
import type { CheckOutput } from './format';

export interface CheckOptions {
  paths: string[];
  fix: boolean;
  diff: boolean;
  /** Extra exclude globs from the command line or configuration. */
  exclude: string[];
}

export interface CheckRun extends CheckOutput {
  /** Paths given that do not resolve (exit 2). */
  missing: string[];
  /** With `--diff`: one unified diff per file that safe fixes would change (`fixed` counts them). */
  diffs: string[];
}

const MAX_FIX_PASSES = 3;

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
      const notebook = result.language === 'notebook';
      let fixedHere = 0;
      for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
        const fixes = result.findings.filter((f) => f.fix?.safety === 'safe').map((f) => f.fix!);
        if (fixes.length === 0) break;
        const applied = notebook ? applyNotebookFixes(text, fixes) : applyTextFixes(text, fixes);
        if (applied.applied === 0 || applied.text === text) break;
        const next = analyzer.analyze(applied.text, { path: file });
        // A fix must never make a file that parsed stop parsing.
        if (next.syntaxErrors && !result.syntaxErrors) break;
        fixedHere += result.findings.length - next.findings.length;
        text = applied.text;
        result = next;
      }
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
  return { findings, errors, checked, notChecked: notChecked.size, fixed, missing: missing.map((m) => m.path), diffs };
}

// Applies fixes to a document: text edits on scripts, per-cell edits on notebooks (which stay
// valid JSON in their original layout). Overlapping edits are left for a later pass. Inserted
// line breaks follow the document's own (CRLF files stay CRLF).
import { cellText, readNotebook } from '../parse/notebook';
import { cellSourceSpans, relayout } from './json-splice';
import { lineStartsOf } from '../parse/syntax';
import type { Fix, TextEdit } from '../types';

interface Located extends TextEdit {
  start: number;
  end: number;
}

function offset(starts: number[], text: string, line: number, column: number): number {
  const base = starts[Math.min(line - 1, starts.length - 1)] ?? 0;
  return Math.min(base + column - 1, text.length);
}

/**
 * Applies as many of `fixes` as do not overlap (in order), returning the new text and how
 * many fixes were applied. All edits of one fix go in together or not at all.
 */
export function applyTextFixes(text: string, fixes: Fix[]): { text: string; applied: number } {
  const starts = lineStartsOf(text);
  const taken: Located[] = [];
  let applied = 0;
  for (const fix of fixes) {
    const located = fix.edits.map((e) => ({ ...e, start: offset(starts, text, e.line, e.column), end: offset(starts, text, e.endLine, e.endColumn) }));
    const clash = located.some((e) =>
      taken.some((t) => (e.start < t.end && t.start < e.end) || (e.start === t.start && e.end === t.end && e.start === e.end && e.text !== t.text) || (e.start === e.end && e.start === t.start && t.start !== t.end)),
    );
    if (clash) continue;
    // The same insertion from two fixes (e.g. one import both need) goes in once.
    for (const e of located) if (!taken.some((t) => t.start === e.start && t.end === e.end && t.text === e.text)) taken.push(e);
    applied++;
  }
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  const eol = lineEnding(text);
  let out = text;
  for (const e of taken) out = out.slice(0, e.start) + (eol === '\n' ? e.text : e.text.replace(/\r?\n/g, eol)) + out.slice(e.end);
  return { text: out, applied };
}

/** The text's usual line break: CRLF when most of its lines end so, else LF. */
export function lineEnding(text: string): '\n' | '\r\n' {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const all = text.match(/\n/g)?.length ?? 0;
  return crlf > 0 && crlf * 2 >= all ? '\r\n' : '\n';
}

/** Applies fixes whose edits carry `cell` to a notebook's JSON text. */
export function applyNotebookFixes(text: string, fixes: Fix[]): { text: string; applied: number } {
  const nb = readNotebook(text).json;
  const byCell = new Map<number, Fix[]>();
  for (const fix of fixes) {
    const cells = new Set(fix.edits.map((e) => e.cell));
    // Fixes spanning cells (an import in cell 0 and a keyword in cell 3) are split per cell.
    for (const cell of cells) {
      if (cell === undefined) continue;
      const part = { ...fix, edits: fix.edits.filter((e) => e.cell === cell) };
      byCell.set(cell, [...(byCell.get(cell) ?? []), part]);
    }
  }
  // Each changed cell's "source" value is replaced where it stands; the rest of the file is kept.
  const spans = cellSourceSpans(text);
  const asciiOnly = !/[^ -~\t\r\n]/.test(text);
  const replacements: { start: number; end: number; text: string }[] = [];
  let applied = 0;
  for (const [index, cellFixes] of byCell) {
    const cell = nb.cells[index];
    const span = spans[index];
    if (!cell || !span) continue;
    const source = cellText(cell.source ?? '');
    const result = applyTextFixes(source, cellFixes);
    if (result.text === source) continue;
    applied += result.applied;
    const value = Array.isArray(cell.source) ? splitLinesKeepEnds(result.text) : result.text;
    replacements.push({ ...span, text: relayout(text.slice(span.start, span.end), value, asciiOnly) });
  }
  replacements.sort((a, b) => b.start - a.start);
  let out = text;
  for (const r of replacements) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return { text: out, applied };
}

/** Jupyter's list form: each line keeps its newline, the last may lack one. */
export function splitLinesKeepEnds(text: string): string[] {
  if (text === '') return [];
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

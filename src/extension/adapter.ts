// Editor-neutral adapter logic: findings → diagnostic shapes, fixes → edits, suppression
// comments and settings merging. No `vscode` import, so it is tested with plain node:test.
import { SELECTOR_HINT, unknownSelectors } from '../engine/config/selectors';
import type { Settings } from '../engine/config/settings';
import type { Finding, Fix, Severity, SourceRange } from '../engine/types';

/** 0-based position, as editors count. */
export interface Pos {
  line: number;
  character: number;
}

export interface Span {
  start: Pos;
  end: Pos;
}

/** An edit on one document: the script, or one notebook cell (`cell` = its index). */
export interface DocEdit {
  cell?: number;
  range: Span;
  text: string;
}

export const SOURCE = 'Frugal ML';

export function findingRange(f: SourceRange): Span {
  return { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } };
}

/** VS Code's DiagnosticSeverity numbers: Error 0, Warning 1, Information 2. */
export function severityNumber(s: Severity): 0 | 1 | 2 {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}

/** The edits of a fix; edits without a cell belong to the finding's own document. */
export function fixEdits(fix: Fix, findingCell?: number): DocEdit[] {
  return fix.edits.map((e) => ({ cell: e.cell ?? findingCell, range: findingRange(e), text: e.text }));
}

/**
 * Safe fixes of `findings` that do not overlap, for "fix all" and fix-on-save. Edits of
 * different fixes that touch the same spot are skipped except for identical insertions
 * (the same import needed twice), which go in once.
 */
export function combineSafeFixes(findings: Finding[], code?: string): DocEdit[] {
  const taken: DocEdit[] = [];
  const key = (e: DocEdit) => `${e.cell ?? ''}:${e.range.start.line}:${e.range.start.character}:${e.range.end.line}:${e.range.end.character}`;
  const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character < b.character);
  const overlaps = (a: DocEdit, b: DocEdit) =>
    a.cell === b.cell && before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
  for (const f of findings) {
    if (!f.fix || f.fix.safety !== 'safe' || (code && f.code !== code)) continue;
    const edits = fixEdits(f.fix, f.cell);
    const fresh = edits.filter((e) => !taken.some((t) => key(t) === key(e) && t.text === e.text));
    if (fresh.some((e) => taken.some((t) => overlaps(t, e) || (key(t) === key(e) && t.text !== e.text)))) continue;
    taken.push(...fresh);
  }
  return taken;
}

const LINE_DIRECTIVE = /(?:#|\/\/)\s*frugal:\s*ignore(?!-file)\b(\s*\[([^\]]*)\])?/i;
const FILE_DIRECTIVE = /(?:#|\/\/)\s*frugal:\s*ignore-file\b(\s*\[([^\]]*)\])?/i;

/** The comment marker of a document's language: `#` for Python, `//` for TypeScript and JavaScript. */
export function commentMarker(languageId: string): string {
  return /^(typescript|javascript)(react)?$/.test(languageId) ? '//' : '#';
}

/** Merges `code` into an existing directive's list, or returns null when it already covers it. */
function extendDirective(match: RegExpExecArray, code: string): { start: number; end: number; text: string } | null {
  const list = match[2];
  if (match[1] === undefined) return null; // a bare directive already ignores every rule
  const codes = list.split(/[\s,]+/).filter(Boolean);
  if (codes.includes(code)) return null;
  const start = match.index;
  const end = match.index + match[0].length;
  const name = match[0].slice(0, match[0].indexOf('['));
  return { start, end, text: `${name.trimEnd()}[${[...codes, code].join(', ')}]` };
}

/**
 * The edit that suppresses `code` on a line: extends an existing `# frugal: ignore[...]` or
 * appends one. Returns null when the line is a continuation (`\`) where a comment would break
 * the statement, or when the code is already suppressed there.
 */
export function ignoreLineEdit(lineText: string, line: number, code: string, comment = '#'): DocEdit | null {
  const m = LINE_DIRECTIVE.exec(lineText);
  if (m) {
    const e = extendDirective(m, code);
    return e && { range: { start: { line, character: e.start }, end: { line, character: e.end } }, text: e.text };
  }
  if (comment === '#' && /\\\s*$/.test(lineText)) return null;
  const end = lineText.replace(/\s+$/, '').length;
  return { range: { start: { line, character: end }, end: { line, character: lineText.length } }, text: `  ${comment} frugal: ignore[${code}]` };
}

/** The edit that suppresses `code` in a whole file: extends `# frugal: ignore-file[...]` or adds one at the top. */
export function ignoreFileEdit(lines: string[], code: string, comment = '#'): DocEdit | null {
  for (let i = 0; i < lines.length; i++) {
    const m = FILE_DIRECTIVE.exec(lines[i]);
    if (!m) continue;
    const e = extendDirective(m, code);
    return e && { range: { start: { line: i, character: e.start }, end: { line: i, character: e.end } }, text: e.text };
  }
  // After a shebang and an encoding declaration, which must stay on the first lines.
  let at = 0;
  while (at < Math.min(2, lines.length) && (/^#!/.test(lines[at]) || /^#.*coding[:=]/.test(lines[at]))) at++;
  return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: `${comment} frugal: ignore-file[${code}]\n` };
}

/** What the user set in VS Code (undefined = not set, so pyproject.toml or the default applies). */
export interface EditorSettings {
  select?: string[];
  ignore?: string[];
  severity?: Record<string, string>;
  minEpochs?: number | null;
  minEstimators?: number | null;
  gridSearchBudget?: number | null;
  largeFileMb?: number | null;
  confidence?: string | null;
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Overrides for the engine from editor settings. Editor settings win over `[tool.frugal]`
 * where both set a value (the engine merges severities code by code). Invalid values are
 * reported, not used.
 */
export function settingsOverrides(editor: EditorSettings): { overrides: Partial<Settings>; warnings: string[] } {
  const overrides: Partial<Settings> = {};
  const warnings: string[] = [];
  for (const key of ['select', 'ignore'] as const) {
    const list = editor[key];
    if (!list?.length) continue;
    const unknown = unknownSelectors(list);
    for (const u of unknown) warnings.push(`frugal.${key}: unknown rule selector "${u}" ignored (${SELECTOR_HINT})`);
    const known = list.filter((s) => !unknown.includes(s));
    if (known.length) overrides[key] = known;
  }
  const severity: Record<string, Severity> = {};
  for (const [code, level] of Object.entries(editor.severity ?? {})) {
    if (SEVERITIES.has(level)) severity[code] = level as Severity;
    else warnings.push(`frugal.severity.${code}: "${level}" is not error, warning or info; ignored`);
  }
  if (Object.keys(severity).length) overrides.severity = severity;
  for (const key of ['minEpochs', 'minEstimators', 'gridSearchBudget', 'largeFileMb'] as const) {
    const v = editor[key];
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) overrides[key] = v;
    else warnings.push(`frugal.${key}: ${JSON.stringify(v)} is not a non-negative number; ignored`);
  }
  const confidence = editor.confidence;
  if (confidence === 'high' || confidence === 'low') overrides.confidence = confidence;
  else if (confidence !== undefined && confidence !== null) warnings.push(`frugal.confidence: ${JSON.stringify(confidence)} is not "high" or "low"; ignored`);
  return { overrides, warnings };
}

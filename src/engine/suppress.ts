// Suppression comments: `# frugal: ignore`, `# frugal: ignore[FRG101, FRG302]`,
// `# frugal: ignore-file[...]` and flake8/ruff-style `# noqa: FRG101`; in TypeScript and
// JavaScript the same after `//` or inside `/* … */`.
import { matchesSelector } from './config/selectors';
import type { SourceFile } from './parse/syntax';

export interface Suppressions {
  /** Row → codes suppressed on that line ('*' = all). */
  lines: Map<number, Set<string>>;
  file: Set<string>;
}

const DIRECTIVE = /(?:#|\/\/|\/\*)\s*frugal:\s*(ignore-file|ignore)\b(?:\s*\[([^\]]*)\])?/i;
const NOQA = /(?:#|\/\/|\/\*)\s*noqa\b(?::\s*([A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i;

function codes(list: string | undefined): string[] {
  if (!list || !list.trim()) return ['*'];
  return list.split(/[\s,]+/).filter(Boolean).map((c) => (/^[a-z]+\d+$/i.test(c) ? c.toUpperCase() : c));
}

export function findSuppressions(file: SourceFile): Suppressions {
  const lines = new Map<number, Set<string>>();
  const fileCodes = new Set<string>();
  for (const c of file.comments) {
    const text = file.textOf(c);
    const d = DIRECTIVE.exec(text);
    if (d) {
      const target = d[1].toLowerCase() === 'ignore-file' ? fileCodes : getSet(lines, c.startRow);
      for (const code of codes(d[2])) target.add(code);
      continue;
    }
    const n = NOQA.exec(text);
    if (n) for (const code of codes(n[1])) getSet(lines, c.startRow).add(code);
  }
  return { lines, file: fileCodes };
}

function getSet(map: Map<number, Set<string>>, row: number): Set<string> {
  let s = map.get(row);
  if (!s) map.set(row, (s = new Set()));
  return s;
}

export function isSuppressed(s: Suppressions, rows: number[], code: string, name: string): boolean {
  // Codes, code prefixes (`FRG3`) and names, as in select/ignore.
  const hit = (set: Set<string> | undefined) => !!set && (set.has('*') || matchesSelector([...set], code, name));
  return hit(s.file) || rows.some((r) => hit(s.lines.get(r)));
}

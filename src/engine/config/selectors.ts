// Rule selectors — a code (`FRG101`), a code prefix (`FRG1`), a rule name or `ALL` — shared by
// select/ignore (command line, pyproject.toml, editor settings) and suppression comments, so a
// selector means the same thing everywhere.
import { RULES } from '../rules/registry';

const CODE_PREFIX = /^FRG\d{0,3}$/i;

/** Whether one selector picks the rule `code`/`name`. */
export function selects(selector: string, code: string, name: string): boolean {
  return selector === 'ALL' || selector === name || (CODE_PREFIX.test(selector) && code.startsWith(selector.toUpperCase()));
}

/** Whether any of `selectors` picks the rule `code`/`name`. */
export function matchesSelector(selectors: string[], code: string, name: string): boolean {
  return selectors.some((s) => selects(s, code, name));
}

/** The selectors that pick no rule at all (`FRG999`, `FRG-101`, a misspelt name). */
export function unknownSelectors(selectors: string[]): string[] {
  return selectors.filter((s) => !RULES.some((r) => selects(s, r.meta.code, r.meta.name)));
}

/** Whether `key` names one rule exactly, by code or name (severity overrides take no prefixes). */
export function isRuleKey(key: string): boolean {
  return RULES.some((r) => r.meta.code === key || r.meta.name === key);
}

export const SELECTOR_HINT = 'use a code (FRG101), a code prefix (FRG1), a rule name or ALL; `frugal rules` lists them';

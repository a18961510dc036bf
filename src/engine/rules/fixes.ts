// Building blocks for quick fixes: keyword arguments added or changed in the call's own style,
// nodes replaced, and imports added once after the existing ones.
import type { CallSite, ModuleModel } from '../model/model';
import { child, type SNode } from '../parse/syntax';
import type { OffsetEdit } from './rule';

export function replaceNode(node: SNode, text: string): OffsetEdit {
  return { start: node.start, end: node.end, text };
}

/**
 * Adds `name=value` at the end of a call's arguments, matching a one-line or one-argument-
 * per-line layout and any trailing comma.
 */
export function addKeyword(model: ModuleModel, call: CallSite, name: string, value: string): OffsetEdit {
  const list = call.argList;
  const text = model.file.text;
  const args = list.children.filter((c) => c.type !== 'comment');
  const close = list.end - 1;
  if (args.length === 0) return { start: close, end: close, text: `${name}=${value}` };
  const last = args[args.length - 1];
  const between = text.slice(last.end, close);
  const comma = between.indexOf(',');
  const multiline = last.startRow > list.startRow;
  if (multiline) {
    const indent = model.file.lineText(last.startRow).match(/^\s*/)?.[0] ?? '    ';
    if (comma >= 0) return { start: last.end + comma + 1, end: last.end + comma + 1, text: `\n${indent}${name}=${value},` };
    return { start: last.end, end: last.end, text: `,\n${indent}${name}=${value}` };
  }
  if (comma >= 0) return { start: last.end + comma + 1, end: last.end + comma + 1, text: ` ${name}=${value}` };
  return { start: last.end, end: last.end, text: `, ${name}=${value}` };
}

/** Sets a keyword argument: replaces its value when present, adds it otherwise. */
export function setKeyword(model: ModuleModel, call: CallSite, name: string, value: string): OffsetEdit {
  for (const a of call.argList.children) {
    if (a.type !== 'keyword_argument') continue;
    const k = child(a, 'name');
    const v = child(a, 'value');
    if (k && v && model.text(k) === name) return replaceNode(v, value);
  }
  return addKeyword(model, call, name, value);
}

/**
 * An edit adding `statement` (e.g. `import os`, `from keras.callbacks import EarlyStopping`)
 * unless `local` already resolves to `qualified`. Returns null when nothing is needed.
 */
export function addImport(model: ModuleModel, statement: string, local: string, qualified: string): OffsetEdit | null {
  if (model.imports.get(local) === qualified) return null;
  const text = model.file.text;
  const last = model.importStatements[model.importStatements.length - 1];
  if (last) {
    const eol = text.indexOf('\n', last.end);
    const at = eol === -1 ? text.length : eol + 1;
    return { start: at, end: at, text: eol === -1 ? `\n${statement}` : `${statement}\n` };
  }
  // No imports: after a module docstring and leading comments.
  const root = model.file.root;
  let at = 0;
  const first = root.children.find((c) => c.type !== 'comment');
  if (first?.type === 'expression_statement' && first.children[0]?.type === 'string') {
    const eol = text.indexOf('\n', first.end);
    at = eol === -1 ? text.length : eol + 1;
    return { start: at, end: at, text: eol === -1 ? `\n${statement}\n` : `${statement}\n` };
  }
  while (text.startsWith('#', at)) {
    const eol = text.indexOf('\n', at);
    if (eol === -1) return { start: text.length, end: text.length, text: `\n${statement}\n` };
    at = eol + 1;
  }
  return { start: at, end: at, text: `${statement}\n` };
}

/** Local name under which `qualified` is reachable (`np` for numpy), if imported. */
export function localName(model: ModuleModel, qualified: string): string | undefined {
  for (const [local, q] of model.imports) if (q === qualified && !local.includes('.')) return local;
  for (const [local, q] of model.imports) {
    if (qualified.startsWith(`${q}.`) && !local.includes('.')) return `${local}${qualified.slice(q.length)}`;
  }
  return undefined;
}

export function compact<T>(items: (T | null | undefined)[]): T[] {
  return items.filter((x): x is T => x !== null && x !== undefined);
}

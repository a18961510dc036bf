// Python parsing with web-tree-sitter: loads the grammar once, keeps one tree per document so
// that re-analysis after an edit re-parses incrementally, and mirrors trees into plain objects.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser, type Edit, type Point, type Tree } from 'web-tree-sitter';
import { lineStartsOf, rowAt, SourceFile, type SNode } from './syntax';

const WASM_RUNTIME = 'web-tree-sitter.wasm';
const WASM_PYTHON = 'tree-sitter-python.wasm';

/** The bundle ships both .wasm files next to it; unbundled code finds them in node_modules. */
function locate(file: string): string {
  const beside = path.join(__dirname, file);
  if (existsSync(beside)) return beside;
  // Unbundled (tests, tools): resolve from node_modules; names kept out of the bundler's view.
  const runtime = 'web-tree-sitter';
  if (file === WASM_RUNTIME) return path.join(path.dirname(require.resolve(runtime)), file);
  const grammar = `tree-sitter-python/${file}`;
  return require.resolve(grammar);
}

let loading: Promise<Language> | undefined;

function loadPython(): Promise<Language> {
  loading ??= Parser.init({ locateFile: (f: string) => locate(f) }).then(() => Language.load(locate(WASM_PYTHON)));
  return loading;
}

interface Cached {
  text: string;
  tree: Tree;
}

const MAX_CACHED_TREES = 64;

export class PythonParser {
  private readonly parser: Parser;
  private readonly trees = new Map<string, Cached>();

  private constructor(language: Language) {
    this.parser = new Parser();
    this.parser.setLanguage(language);
  }

  static async create(): Promise<PythonParser> {
    return new PythonParser(await loadPython());
  }

  /**
   * Parses `text`; when `key` names a document parsed before, the old tree is edited and
   * re-used so only the changed region is re-parsed.
   */
  parse(text: string, key?: string): SourceFile {
    const cached = key === undefined ? undefined : this.trees.get(key);
    let old: Tree | undefined;
    if (cached) {
      this.trees.delete(key!);
      const edit = diffEdit(cached.text, text);
      if (edit) {
        cached.tree.edit(edit);
        old = cached.tree;
      } else {
        old = cached.tree;
      }
    }
    const tree = this.parser.parse(text, old ?? null);
    if (old && old !== tree) old.delete();
    if (!tree) throw new Error('tree-sitter returned no tree');
    const file = mirror(tree, text);
    if (key !== undefined) {
      this.trees.set(key, { text, tree });
      if (this.trees.size > MAX_CACHED_TREES) this.forget(this.trees.keys().next().value!);
    } else {
      tree.delete();
    }
    return file;
  }

  forget(key: string): void {
    const cached = this.trees.get(key);
    if (cached) {
      cached.tree.delete();
      this.trees.delete(key);
    }
  }

  dispose(): void {
    for (const key of [...this.trees.keys()]) this.forget(key);
    this.parser.delete();
  }
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The single edit that turns `before` into `after` (common prefix and suffix kept). */
function diffEdit(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  const oldEnd = before.length - suffix;
  const newEnd = after.length - suffix;
  return {
    startIndex: prefix,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, prefix),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  } as Edit;
}

/** Per-language lookups kept on the JavaScript side so the walk crosses into WebAssembly less. */
interface LanguageTables {
  types: string[];
  named: boolean[];
  fields: (string | null)[];
}

const tables = new WeakMap<Language, LanguageTables>();

function tablesFor(language: Language): LanguageTables {
  let t = tables.get(language);
  if (!t) {
    const types: string[] = [];
    const named: boolean[] = [];
    for (let id = 0; id < language.nodeTypeCount; id++) {
      types.push(language.nodeTypeForId(id) ?? '');
      named.push(language.nodeTypeIsNamed(id));
    }
    t = { types, named, fields: language.fields };
    tables.set(language, t);
  }
  return t;
}

/** Node types with anonymous children in a field (`operator`): the grammar's node-types.json. */
const ANONYMOUS_FIELD_PARENTS = new Set(['augmented_assignment', 'binary_operator', 'boolean_operator', 'comparison_operator', 'unary_operator', 'dict_pattern', 'for_in_clause']);

/** Leaves: no need to ask the cursor for children. */
const LEAVES = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'comment', 'string_content', 'string_start', 'string_end', 'escape_sequence', 'type_conversion']);

/**
 * Walks the tree once with a cursor and builds the plain mirror. Rows and columns are
 * derived from offsets here rather than asked of the cursor: each question is a crossing.
 */
function mirror(tree: Tree, text: string): SourceFile {
  const { types, named, fields } = tablesFor(tree.language);
  const lineStarts = lineStartsOf(text);
  const rowOf = (offset: number): number => rowAt(lineStarts, offset);
  const cursor = tree.walk();
  const comments: SNode[] = [];
  const make = (type: string, field: string | null, parent: SNode | null): SNode => {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const startRow = rowOf(start);
    const endRow = end === start ? startRow : rowOf(end);
    return {
      type,
      field,
      start,
      end,
      startRow,
      startCol: start - lineStarts[startRow],
      endRow,
      endCol: end - lineStarts[endRow],
      children: [],
      parent,
    };
  };
  const root = make(types[cursor.nodeTypeId], null, null);
  const hasErrors = tree.rootNode.hasError;
  let current = root;
  // Depth-first: descend when possible, otherwise move to the next sibling or climb.
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const type = types[typeId];
      // Anonymous tokens matter only as operators; skip asking for the field elsewhere.
      const isNamed = named[typeId];
      const fieldId = isNamed || ANONYMOUS_FIELD_PARENTS.has(current.type) ? cursor.currentFieldId : 0;
      const field = fieldId ? fields[fieldId] : null;
      let node: SNode | undefined;
      if (isNamed || field !== null) {
        node = make(type, field, current);
        current.children.push(node);
        if (type === 'comment') comments.push(node);
      }
      if (node && node.end > node.start && !LEAVES.has(type) && cursor.gotoFirstChild()) {
        current = node;
        continue;
      }
      let advanced = cursor.gotoNextSibling();
      while (!advanced && current !== root && cursor.gotoParent()) {
        current = current.parent!;
        advanced = cursor.gotoNextSibling();
      }
      if (!advanced) break;
    }
  }
  cursor.delete();
  return new SourceFile(text, root, comments, hasErrors, lineStarts);
}

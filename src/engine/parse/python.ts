// Python parsing with web-tree-sitter: loads the grammar once, keeps one tree per document so
// that re-analysis after an edit re-parses incrementally, and mirrors trees into plain objects.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser, type Edit, type Point, type Tree } from 'web-tree-sitter';
import { SourceFile, type SNode } from './syntax';

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

/** Walks the tree once with a cursor and builds the plain mirror. */
function mirror(tree: Tree, text: string): SourceFile {
  const cursor = tree.walk();
  const comments: SNode[] = [];
  const make = (parent: SNode | null): SNode => {
    const s = cursor.startPosition;
    const e = cursor.endPosition;
    return {
      type: cursor.nodeType,
      field: cursor.currentFieldName,
      start: cursor.startIndex,
      end: cursor.endIndex,
      startRow: s.row,
      startCol: s.column,
      endRow: e.row,
      endCol: e.column,
      children: [],
      parent,
    };
  };
  const root = make(null);
  const hasErrors = tree.rootNode.hasError;
  let current = root;
  // Depth-first: descend when possible, otherwise move to the next sibling or climb.
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const type = cursor.nodeType;
      const keep = cursor.nodeIsNamed || cursor.currentFieldName !== null;
      let node: SNode | undefined;
      if (keep) {
        node = make(current);
        current.children.push(node);
        if (type === 'comment') comments.push(node);
      }
      if (node && node.end > node.start && type !== 'string_content' && type !== 'comment' && cursor.gotoFirstChild()) {
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
  return new SourceFile(text, root, comments, hasErrors);
}

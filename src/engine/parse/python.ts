// Python parsing with web-tree-sitter: loads the grammar once, keeps one tree per document so
// that re-analysis after an edit re-parses incrementally, and mirrors trees into plain objects.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Language, Parser, type Edit, type Point, type Tree } from 'web-tree-sitter';
import { ANONYMOUS_FIELD_PARENTS, heapLanguage, heapMirror, LEAVES, sameMirror, type HeapLanguage, type MirrorTables, type WasmHeap } from './heap';
import { lineStartsOf, newNode, rowAt, SourceFile, type SNode } from './syntax';

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

/**
 * The options handed to `Parser.init`: emscripten makes this very object its module, so after
 * init it carries the views of the wasm memory (`HEAPU8`, …) that the heap walk reads. If some
 * other code initialised web-tree-sitter first, it carries nothing and the cursor walk is used.
 */
const wasmModule: { locateFile: (f: string) => string } & Partial<WasmHeap> = { locateFile: (f: string) => locate(f) };

/** The wasm memory views, once web-tree-sitter is initialised through `loadPython`. */
export function wasmHeap(): WasmHeap | undefined {
  const m = wasmModule;
  return m.HEAPU8 && m.HEAPU16 && m.HEAPU32 ? (m as WasmHeap) : undefined;
}

/** The Python grammar, loaded once. */
export function loadPython(): Promise<Language> {
  loading ??= Parser.init(wasmModule).then(() => Language.load(locate(WASM_PYTHON)));
  return loading;
}

/** Parsed once per process with both walks: the heap walk is used only if they agree on it. */
const PROBE = [
  '# -*- coding: utf-8 -*-\r\n',
  '"""Docstring \u00e9\u4e2d\u6587 \ud83d\ude00."""\r\n',
  'from __future__ import annotations\n',
  'import os.path as osp, sys\n',
  'from .a.b import (c as d, e)  # comment\n',
  '@decorator(x=1)\n',
  'async def f(a, /, b: int = 2, *args, c, d=3, **kw) -> "T":\n',
  '    global g\n',
  '    x: list[int] = [i ** 2 for i in range(10) if i % 2 and not i or i in (1, 2)]\n',
  '    y = {k: v for k, v in kw.items()}; z = {1, *x}; w = {**kw, "a": 1}\n',
  '    x += 1; x //= 2; x @= m; del x[1:2, ::3]\n',
  '    s = f"{a!r:>{b}} \\n {c=}" rb"raw\\d" "\\x41\\N{DASH}"\n',
  '    lam = lambda q, *r, **t: (yield q) if q is not None else await t\n',
  '    with open("p") as fh, ctx() as (u, v):\n',
  '        pass\n',
  '    try:\n        raise E from None\n    except* (A, B) as e:\n        return\n    finally:\n        ...\n',
  '    match p:\n        case {"k": [1, *rest], **other} | Point(x=0) if rest:\n            print(-x, ~y, +z, sep="")\n',
  '        case _:\n            assert a < b <= c != d, "m"\n',
  'class C(B, metaclass=M):\n    type Alias[T] = list[T]\n    def g[U](self, u: U) -> U: return u.v[0](1)\n',
  'x = a if b else \\\n    c\n',
  'def broken(:\n    y = (1 +\n',
  'print(x\n',
  'for i in : pass\n',
  'z = [1, 2\n',
  'if True\n    q = 1\n',
  '\u00e9t\u00e9 = "\u6587\u5b57"  # \ud83d\ude00 \u2603\n',
].join('');

interface Cached {
  text: string;
  tree: Tree;
}

const MAX_CACHED_TREES = 64;

/** Per language: the heap tables if the heap walk agreed with the cursor walk on the probe. */
const heapChecked = new WeakMap<Language, HeapLanguage | null>();

export class PythonParser {
  private readonly parser: Parser;
  private readonly trees = new Map<string, Cached>();
  private readonly tables: MirrorTables;
  private heap: HeapLanguage | undefined;

  private constructor(language: Language, heapWalk: boolean) {
    this.parser = new Parser();
    this.parser.setLanguage(language);
    this.tables = tablesFor(language);
    const checked = heapChecked.get(language);
    if (!heapWalk) {
      this.heap = undefined;
    } else if (checked !== undefined) {
      this.heap = checked ?? undefined;
    } else {
      this.heap = heapLanguage(wasmModule, language, this.tables);
      if (this.heap) {
        const both = this.mirrorBoth(PROBE);
        if (!both.heap || !sameMirror(both.heap, both.cursor)) this.heap = undefined;
      }
      heapChecked.set(language, this.heap ?? null);
    }
  }

  /** `heapWalk: false` mirrors every tree with a cursor (the reference walk). */
  static async create(options: { heapWalk?: boolean } = {}): Promise<PythonParser> {
    return new PythonParser(await loadPython(), options.heapWalk ?? true);
  }

  /** Whether trees are mirrored from the wasm heap (else with a cursor). */
  get readsHeap(): boolean {
    return this.heap !== undefined;
  }

  /**
   * Both mirrors of one parse of `text`, as `parse` would make it (incrementally when `key`
   * names a document parsed before); heap is undefined if that walk refused the tree.
   */
  mirrorBoth(text: string, key?: string): { heap: SourceFile | undefined; cursor: SourceFile } {
    return this.withTree(text, key, (tree) => {
      const lang = this.heap ?? heapLanguage(wasmModule, tree.language, this.tables);
      const heap = lang ? heapMirror(wasmModule as WasmHeap, lang, this.tables, tree, text) : undefined;
      return { heap, cursor: cursorMirror(tree, text) };
    });
  }

  private mirror(tree: Tree, text: string): SourceFile {
    const heap = this.heap && heapMirror(wasmModule as WasmHeap, this.heap, this.tables, tree, text);
    return heap || cursorMirror(tree, text);
  }

  /**
   * Parses `text`; when `key` names a document parsed before, the old tree is edited and
   * re-used so only the changed region is re-parsed.
   */
  parse(text: string, key?: string): SourceFile {
    return this.withTree(text, key, (tree) => this.mirror(tree, text));
  }

  private withTree<T>(text: string, key: string | undefined, use: (tree: Tree) => T): T {
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
    let result: T;
    try {
      result = use(tree);
    } catch (e) {
      tree.delete();
      throw e;
    }
    if (key !== undefined) {
      this.trees.set(key, { text, tree });
      if (this.trees.size > MAX_CACHED_TREES) this.forget(this.trees.keys().next().value!);
    } else {
      tree.delete();
    }
    return result;
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
const tables = new WeakMap<Language, MirrorTables>();

export function tablesFor(language: Language): MirrorTables {
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

/**
 * Walks the tree once with a cursor and builds the plain mirror: the reference for the heap
 * walk and its fallback. Rows and columns are derived from offsets here rather than asked of
 * the cursor: each question is a crossing.
 */
export function cursorMirror(tree: Tree, text: string): SourceFile {
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
    return newNode(type, field, start, end, startRow, endRow, lineStarts, parent);
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

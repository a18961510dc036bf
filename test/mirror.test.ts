// The mirror read from the WebAssembly heap is node for node the mirror the cursor walk builds:
// on every Python file and notebook of the repository, on generated awkward inputs, after
// incremental edits; and when the heap walk cannot be trusted the cursor walk is used.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { handleOf, heapLanguage, heapMirror, sameMirror } from '../src/engine/parse/heap';
import { readNotebook } from '../src/engine/parse/notebook';
import { loadPython, PythonParser, tablesFor, wasmHeap } from '../src/engine/parse/python';
import type { SNode, SourceFile } from '../src/engine/parse/syntax';
import { ROOT } from './helpers';

let parser: PythonParser;

before(async () => {
  parser = await PythonParser.create();
});

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full, ext);
    return e.name.endsWith(ext) ? [full] : [];
  });
}

const DIRS = ['examples', 'test/fixtures', 'test/realcode', ...readdirSync(path.join(ROOT, 'test')).filter((d) => d.startsWith('corpus') && !d.endsWith('.ts')).map((d) => `test/${d}`)];

/** The first difference between two mirrors, for the failure message. */
function firstDifference(a: SNode, b: SNode, at = 'root'): string | undefined {
  const keys = ['type', 'field', 'start', 'end', 'startRow', 'startCol', 'endRow', 'endCol'] as const;
  for (const k of keys) if (a[k] !== b[k]) return `${at}.${k}: ${String(a[k])} vs ${String(b[k])}`;
  if (a.children.length !== b.children.length) return `${at}: ${a.children.length} vs ${b.children.length} children`;
  for (let i = 0; i < a.children.length; i++) {
    const d = firstDifference(a.children[i], b.children[i], `${at}/${i}:${String(b.children[i].type)}`);
    if (d) return d;
  }
  return undefined;
}

function assertSame(text: string, label: string, key?: string): SourceFile {
  const { heap, cursor } = parser.mirrorBoth(text, key);
  assert.ok(heap, `${label}: the heap walk refused the tree`);
  if (!sameMirror(heap, cursor)) {
    const d = firstDifference(heap.root, cursor.root) ?? `comments ${heap.comments.length} vs ${cursor.comments.length}, hasErrors ${heap.hasErrors} vs ${cursor.hasErrors}`;
    assert.fail(`${label}: mirrors differ at ${d}`);
  }
  return cursor;
}

/** A deterministic generator for the fuzzed inputs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('trees are mirrored from the wasm heap', () => {
  assert.equal(parser.readsHeap, true);
});

test('heap and cursor mirrors agree on every Python file and notebook in the repository', () => {
  let files = 0;
  for (const dir of DIRS) {
    for (const file of filesUnder(path.join(ROOT, dir), '.py')) {
      const text = readFileSync(file, 'utf8');
      assertSame(text, path.relative(ROOT, file));
      files++;
    }
    for (const file of filesUnder(path.join(ROOT, dir), '.ipynb')) {
      let source: string;
      try {
        source = readNotebook(readFileSync(file, 'utf8')).source;
      } catch {
        continue;
      }
      assertSame(source, path.relative(ROOT, file));
      files++;
    }
  }
  assert.ok(files > 300, `only ${files} files`);
});

test('heap and cursor mirrors agree on awkward inputs', () => {
  const deep = (n: number, open: string, close: string) => `x = ${open.repeat(n)}1${close.repeat(n)}\n`;
  const inputs: [string, string][] = [
    ['empty', ''],
    ['newline only', '\n'],
    ['blank lines and spaces', '\n\n   \n\t\n'],
    ['leading blank lines', '\n\n\nx = 1\n'],
    ['comment only', '# just a comment'],
    ['CRLF', 'def f(a, b):\r\n    return a + b\r\n\r\nclass C:\r\n    x: int = 1  # c\r\n'],
    ['lone CR', 'x = 1\ry = 2\r'],
    ['BOM', '\ufeffimport torch\nx = torch.zeros(1)\n'],
    ['emoji and CJK', 's = "😀 中文 é"  # 😀😀\nt = f"{s}🎉{\'中\'}"\n名前 = 1\nprint(名前, "\ud83d\ude00")\n'],
    ['lone surrogates', 'x = "\ud800"\ny = "\udc00z"\n'],
    ['NUL and form feed', 'x = 1\x00\n\fy = 2\n'],
    ['tabs', 'if x:\n\tif y:\n\t\tz = 1\n'],
    ['unterminated string', 'x = "abc\ny = 1\n'],
    ['unterminated triple string', 'x = """abc\ny = 1\n'],
    ['unclosed call', 'print(x\n'],
    ['unclosed def', 'def f(:\n  x = 1 +\n'],
    ['missing colon', 'if True\n    x = 1\nelse\n    y = 2\n'],
    ['stray tokens', ') ] } = = += lambda :: @ ->\n'],
    ['bad indentation', 'def f():\nreturn 1\n  x = 2\n    y = 3\n'],
    ['error in operator', 'a = b + * c\nd = not\ne = 1 if else 2\nf = a < < b\n'],
    ['error in dict pattern', 'match x:\n    case {"a": 1, **}:\n        pass\n    case {1: }:\n        pass\n'],
    ['continuation lines', 'x = 1 + \\\n    2 + \\\n\\\n    3\n'],
    ['very long line', `x = [${Array.from({ length: 3000 }, (_, i) => i).join(', ')}]\n`],
    ['deep parentheses', deep(300, '(', ')')],
    ['deep lists', deep(300, '[', ']')],
    ['deep unclosed', 'x = ' + '('.repeat(400) + '\n'],
    ['deep binary', `x = ${Array.from({ length: 2000 }, (_, i) => `a${i}`).join(' + ')}\n`],
    ['deep blocks', Array.from({ length: 60 }, (_, i) => `${'    '.repeat(i)}if x${i}:\n`).join('') + '    '.repeat(60) + 'pass\n'],
    ['many statements', Array.from({ length: 5000 }, (_, i) => `v${i} = f(${i})  # ${i}`).join('\n')],
    ['decorators and async', '@a.b(c)\n@d\nasync def f():\n    async with x as y:\n        async for i in y:\n            await i\n'],
    ['f-string nesting', 'x = f"{a!r:{w}.{p}} {b=} {{}} {f\'{c}\'}" rb"\\d" u"\\N{DASH}\\x41\\u1234"\n'],
    ['type parameters', 'type A[T: int, *Ts, **P] = list[T]\ndef f[T](x: T) -> T: ...\nclass C[T](B): pass\n'],
    ['match statement', 'match p:\n    case Point(x=0, y=_) | [1, *rest] if rest:\n        pass\n    case {"k": v, **kw}:\n        pass\n    case -1 | 1.5 | "s" | None:\n        pass\n'],
    ['print and exec statements', 'print "hello"\nprint >> sys.stderr, "x"\nexec "code" in ns\n'],
    ['whitespace after code, no newline', 'x = 1   '],
  ];
  let errors = 0;
  for (const [label, text] of inputs) if (assertSame(text, label).hasErrors) errors++;
  assert.ok(errors >= 10, `only ${errors} inputs with syntax errors`);
});

test('heap and cursor mirrors agree on cut and mutated real files', () => {
  const next = random(20240611);
  const sources = filesUnder(path.join(ROOT, 'examples'), '.py')
    .map((f) => readFileSync(f, 'utf8'))
    .filter((t) => t.length > 200)
    .slice(0, 12);
  const junk = ['(', ')', '[', ']', ':', '\n', '\r\n', '    ', '"', "'''", '#', '😀', '中', '\\', ',', 'lambda', 'def ', 'if ', '=', '+', '@', '\t', ''];
  for (const [n, text] of sources.entries()) {
    for (let k = 0; k < 8; k++) {
      const cut = Math.floor(next() * text.length);
      assertSame(text.slice(0, cut), `example ${n} cut at ${cut}`);
      let mutated = text;
      for (let m = 0; m < 6; m++) {
        const at = Math.floor(next() * mutated.length);
        const drop = Math.floor(next() * 4);
        mutated = mutated.slice(0, at) + junk[Math.floor(next() * junk.length)] + mutated.slice(at + drop);
      }
      assertSame(mutated, `example ${n} mutation ${k}`);
    }
  }
});

test('heap and cursor mirrors agree on incrementally re-parsed trees', () => {
  const next = random(7);
  const text = readFileSync(filesUnder(path.join(ROOT, 'examples'), '.py')[0], 'utf8');
  let current = text;
  assertSame(current, 'first parse', 'doc');
  const edits = ['x', '(', '\n', '    y = 2\n', '😀', '', 'def g():\n    pass\n', '"', '\r\n'];
  for (let k = 0; k < 40; k++) {
    const at = Math.floor(next() * current.length);
    const drop = Math.floor(next() * 5);
    current = current.slice(0, at) + edits[k % edits.length] + current.slice(at + drop);
    assertSame(current, `edit ${k}`, 'doc');
  }
  assertSame(text, 'back to the start', 'doc');
  parser.forget('doc');
});

test('the heap walk refuses what it cannot read, and the parser falls back to the cursor walk', async () => {
  const language = await loadPython();
  const tables = tablesFor(language);
  // No wasm memory views: refused.
  assert.equal(heapLanguage({}, language, tables), undefined);
  assert.equal(heapLanguage(undefined, language, tables), undefined);
  // A language whose header reads back differently (another ABI, other names): refused.
  const otherAbi = Object.create(language, { abiVersion: { get: () => 99 } }) as typeof language;
  const heapModule = wasmHeap();
  assert.ok(heapModule, 'the module views are reachable');
  assert.ok(heapLanguage(heapModule, language, tables));
  assert.equal(heapLanguage(heapModule, otherAbi, tables), undefined);
  assert.equal(heapLanguage(heapModule, language, { ...tables, types: tables.types.map((t, i) => (i === 5 ? `${t}x` : t)) }), undefined);
  // A tree that is not of the checked language, or not a tree at all: refused.
  const lang = heapLanguage(heapModule, language, tables)!;
  const { heap } = parser.mirrorBoth('x = 1\n');
  assert.ok(heap);
  const fakeTree = { 0: 8, language } as unknown as Parameters<typeof heapMirror>[3];
  assert.equal(heapMirror(heapModule, lang, tables, fakeTree, 'x = 1\n'), undefined);
  assert.equal(handleOf({} as unknown as Parameters<typeof handleOf>[0]), 0);
  // The cursor-only parser builds the same mirrors.
  const cursorOnly = await PythonParser.create({ heapWalk: false });
  assert.equal(cursorOnly.readsHeap, false);
  const text = 'def f(x):\n    return x + 1  # c\n';
  assert.ok(sameMirror(cursorOnly.parse(text), parser.parse(text)));
  cursorOnly.dispose();
});

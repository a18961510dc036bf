// TypeScript and JavaScript parsing with @typescript-eslint/typescript-estree (no type checker,
// no tsconfig), mirrored into the same plain `SNode` trees as Python: `type` is the ESTree node
// type, `field` the property that holds the node in its parent. Type-only syntax is left out.
// The parser (with the TypeScript compiler inside) is loaded on the first TS/JS file only.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type * as Estree from '@typescript-eslint/typescript-estree';
import type { visitorKeys as VisitorKeys } from '@typescript-eslint/visitor-keys';
import { lineStartsOf, rowAt, SourceFile, type SNode } from './syntax';

type EstreeModule = typeof Estree & { visitorKeys: typeof VisitorKeys };

let estree: EstreeModule | undefined;

/** The bundles ship the parser as a separate file beside them (see scripts/build.mjs). */
function load(): EstreeModule {
  if (!estree) {
    // Lazy on purpose: the parser (about 4 MB with the TypeScript compiler) loads on the first TS/JS file.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const mod = require('@typescript-eslint/typescript-estree') as typeof Estree;
    const keys = (require('@typescript-eslint/visitor-keys') as { visitorKeys: typeof VisitorKeys }).visitorKeys;
    /* eslint-enable @typescript-eslint/no-require-imports */
    estree = Object.assign({}, mod, { visitorKeys: keys });
  }
  return estree;
}

/** Properties that hold only type-level syntax: nothing there runs. */
const TYPE_KEYS = new Set(['typeAnnotation', 'returnType', 'typeParameters', 'typeArguments', 'superTypeArguments', 'implements']);
/** Declarations that exist only for the type checker. */
const TYPE_ONLY = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction', 'TSModuleDeclaration', 'TSEnumDeclaration']);

/** Attempts at parsing around syntax errors before giving up on a file. */
const MAX_RECOVERIES = 8;

export interface ScriptParse {
  file: SourceFile;
  /** The first syntax error, 1-based line and column; findings then cover the rest of the file. */
  error?: { message: string; line: number; column: number };
}

/** Whether a file of this name may contain JSX. */
function allowsJsx(filePath: string): boolean {
  return /\.(tsx|jsx|js|mjs|cjs)$/i.test(filePath) || !/\.(ts|mts|cts)$/i.test(filePath);
}

/**
 * Parses a script. On a syntax error the offending lines are blanked (offsets kept) and the
 * parse retried, so that what does parse still gets findings; the first error is returned.
 */
export function parseScript(text: string, filePath: string): ScriptParse {
  const { parse } = load();
  const lineStarts = lineStartsOf(text);
  let source = text;
  let first: ScriptParse['error'];
  for (let attempt = 0; ; attempt++) {
    try {
      const ast = parse(source, { range: true, loc: true, comment: true, jsx: allowsJsx(filePath), filePath: jsxPath(filePath) });
      return { file: mirror(ast, text, lineStarts, first !== undefined), error: first };
    } catch (e) {
      const err = e as { message: string; index?: number; lineNumber?: number; column?: number };
      if (typeof err.index !== 'number' || typeof err.lineNumber !== 'number') throw e;
      first ??= { message: err.message, line: err.lineNumber, column: (err.column ?? 0) + 1 };
      if (attempt >= MAX_RECOVERIES) {
        const empty: SNode = { type: 'Program', field: null, start: 0, end: text.length, startRow: 0, startCol: 0, endRow: 0, endCol: 0, children: [], parent: null };
        return { file: new SourceFile(text, empty, [], true, lineStarts), error: first };
      }
      source = blankLine(source, lineStarts, rowAt(lineStarts, Math.min(err.index, Math.max(0, source.length - 1))));
    }
  }
}

/** typescript-estree picks the script kind from the extension; unknown names parse as TSX. */
function jsxPath(filePath: string): string {
  return /\.(tsx?|mts|cts|jsx?|mjs|cjs)$/i.test(filePath) ? filePath : 'file.tsx';
}

function blankLine(source: string, lineStarts: number[], row: number): string {
  const s = lineStarts[row];
  const e = row + 1 < lineStarts.length ? lineStarts[row + 1] - 1 : source.length;
  return source.slice(0, s) + source.slice(s, e).replace(/[^\s]/g, ' ') + source.slice(e);
}

function mirror(ast: TSESTree.Program, text: string, lineStarts: number[], hasErrors: boolean): SourceFile {
  const { visitorKeys } = load();
  const make = (n: TSESTree.Node, field: string | null, parent: SNode | null): SNode => {
    const node: SNode = {
      type: n.type,
      field,
      start: n.range[0],
      end: n.range[1],
      startRow: n.loc.start.line - 1,
      startCol: n.loc.start.column,
      endRow: n.loc.end.line - 1,
      endCol: n.loc.end.column,
      children: [],
      parent,
    };
    // An annotated binding's range covers its type (`x: number`): keep the name only.
    if (n.type === 'Identifier' && n.typeAnnotation) {
      node.end = node.start + n.name.length;
      node.endRow = node.startRow;
      node.endCol = node.startCol + n.name.length;
    }
    return node;
  };
  const root = make(ast, null, null);
  // Iterative: deeply nested code must not exhaust the stack.
  const stack: [TSESTree.Node, SNode][] = [[ast, root]];
  while (stack.length) {
    const [n, s] = stack.pop()!;
    const keys = visitorKeys[n.type] ?? [];
    const record = n as unknown as Record<string, unknown>;
    for (const key of keys) {
      if (TYPE_KEYS.has(key)) continue;
      const v = record[key];
      const items = Array.isArray(v) ? v : [v];
      for (const item of items) {
        if (!item || typeof item !== 'object' || !('type' in item)) continue;
        const c = item as TSESTree.Node;
        if (TYPE_ONLY.has(c.type) || c.type.startsWith('TSType') && c.type !== 'TSTypeAssertion') continue;
        const sc = make(c, key, s);
        s.children.push(sc);
        stack.push([c, sc]);
      }
    }
  }
  const comments = (ast.comments ?? []).map((c) => {
    const node = make(c as unknown as TSESTree.Node, null, null);
    node.type = 'comment';
    return node;
  });
  return new SourceFile(text, root, comments, hasErrors, lineStarts);
}

// A plain-JavaScript mirror of a tree-sitter tree: built once with a cursor so that rules and
// the module model can walk it freely without crossing into WebAssembly for every node.

export interface SNode {
  type: string;
  /** Field name in the parent (`function`, `arguments`, `left`, …) or null. */
  field: string | null;
  /** UTF-16 offsets into the source. */
  start: number;
  end: number;
  /** 0-based rows and UTF-16 columns. */
  startRow: number;
  startCol: number;
  endRow: number;
  endCol: number;
  /** Named children, plus anonymous ones that carry a field (operators). */
  children: SNode[];
  parent: SNode | null;
}

/** Offsets where each line starts. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based row holding `offset`, by binary search over `lineStarts`. */
export function rowAt(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A mirrored node spanning `start`–`end` on rows `startRow`–`endRow`, no children yet (one shape for every walk). */
export function newNode(type: string, field: string | null, start: number, end: number, startRow: number, endRow: number, lineStarts: number[], parent: SNode | null): SNode {
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
}

export class SourceFile {
  constructor(
    readonly text: string,
    readonly root: SNode,
    /** Comments, in source order. */
    readonly comments: SNode[],
    readonly hasErrors: boolean,
    private readonly lineStarts: number[] = lineStartsOf(text),
  ) {}

  textOf(node: SNode): string {
    return this.text.slice(node.start, node.end);
  }

  /** 0-based row and column of a UTF-16 offset. */
  position(offset: number): { row: number; col: number } {
    const row = rowAt(this.lineStarts, offset);
    return { row, col: offset - this.lineStarts[row] };
  }

  lineText(row: number): string {
    const starts = this.lineStarts;
    const s = starts[row] ?? this.text.length;
    const e = row + 1 < starts.length ? starts[row + 1] : this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$/, '');
  }

  lineStart(row: number): number {
    return this.lineStarts[Math.min(row, this.lineStarts.length - 1)];
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }
}

export function child(node: SNode, field: string): SNode | undefined {
  for (const c of node.children) if (c.field === field) return c;
  return undefined;
}

export function childrenOf(node: SNode, field: string): SNode[] {
  return node.children.filter((c) => c.field === field);
}

export function namedChildren(node: SNode): SNode[] {
  return node.children.filter((c) => c.type !== 'comment');
}

/** Ancestors from the parent outwards. */
export function* ancestors(node: SNode): Generator<SNode> {
  for (let p = node.parent; p; p = p.parent) yield p;
}

export function* descendants(node: SNode): Generator<SNode> {
  const stack: SNode[] = [];
  for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    const children = n.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Strips redundant parentheses: `(x)` → `x`. */
export function unparen(node: SNode): SNode {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.children.length === 1) n = n.children[0];
  return n;
}

/** The statement that contains a node (its first line is where suppressions may sit). */
export function enclosingStatement(node: SNode): SNode {
  let n: SNode = node;
  while (n.parent && !STATEMENT_CONTAINERS.has(n.parent.type)) n = n.parent;
  return n;
}

/** Nodes whose children are statements: Python's module and block, ESTree's program and blocks. */
const STATEMENT_CONTAINERS = new Set(['module', 'block', 'Program', 'BlockStatement', 'StaticBlock', 'SwitchCase']);

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

export class SourceFile {
  private lineStarts: number[] | undefined;
  constructor(
    readonly text: string,
    readonly root: SNode,
    /** Comments, in source order. */
    readonly comments: SNode[],
    readonly hasErrors: boolean,
  ) {}

  textOf(node: SNode): string {
    return this.text.slice(node.start, node.end);
  }

  /** 0-based row and column of a UTF-16 offset. */
  position(offset: number): { row: number; col: number } {
    const starts = this.getLineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, col: offset - starts[lo] };
  }

  lineText(row: number): string {
    const starts = this.getLineStarts();
    const s = starts[row] ?? this.text.length;
    const e = row + 1 < starts.length ? starts[row + 1] : this.text.length;
    return this.text.slice(s, e).replace(/\r?\n$/, '');
  }

  lineStart(row: number): number {
    const starts = this.getLineStarts();
    return starts[Math.min(row, starts.length - 1)];
  }

  get lineCount(): number {
    return this.getLineStarts().length;
  }

  private getLineStarts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
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
  const stack = [...node.children].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
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
  while (n.parent && n.parent.type !== 'module' && n.parent.type !== 'block') n = n.parent;
  return n;
}

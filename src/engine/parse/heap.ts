// Reads a tree-sitter tree straight out of the WebAssembly heap, so that mirroring a file costs
// plain memory reads instead of several calls into WebAssembly per node.
//
// This re-implements what `ts_tree_cursor_goto_first_child`, `…_goto_next_sibling`,
// `…_current_node_type_id` and `…_current_field_id` do, over the wasm32 layouts of
// `TSTree`, `Subtree` (inline and heap) and `TSLanguage` in tree-sitter's lib/src (subtree.h,
// tree.h, parser.h, language.h, tree_cursor.c). Those layouts are internal: a language whose
// header does not read back as expected is refused (`heapLanguage` returns undefined), any
// address, symbol or table index out of range makes `heapMirror` return undefined, and the
// caller then walks the tree with a cursor instead. The parser also checks, once, that both
// walks agree on a probe file before trusting this one.
import type { Language, Tree } from 'web-tree-sitter';
import { lineStartsOf, newNode, rowAt, SourceFile, type SNode } from './syntax';

/** The parts of the emscripten module that the walk reads: views of the wasm memory. */
export interface WasmHeap {
  HEAPU8: Uint8Array;
  HEAPU16: Uint16Array;
  HEAPU32: Uint32Array;
}

/** What the mirror keeps of a node type: its name and whether it is named. */
export interface MirrorTables {
  types: string[];
  named: boolean[];
  fields: (string | null)[];
}

/** Copies of the language's static tables that the walk needs, indexed as tree-sitter does. */
export interface HeapLanguage {
  address: number;
  /** `public_symbol_map`, over symbols and aliases. */
  publicSymbols: Uint16Array;
  /** `alias_sequences`: `production_id * maxAliasLength + structural_child_index`. */
  aliasSequences: Uint16Array;
  maxAliasLength: number;
  /** First non-inherited field of each structural child: `production_id * fieldStride + index`. */
  fieldAt: Uint16Array;
  fieldStride: number;
  productionCount: number;
  /** Per public type id (ERROR's 0xffff included): LEAF, OPERATOR_PARENT and COMMENT bits. */
  typeFlags: Uint8Array;
}

const LEAF = 1;
const OPERATOR_PARENT = 2;
const COMMENT = 4;

const ERROR_SYMBOL = 0xffff;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The address behind a web-tree-sitter object (`Tree`, `Language`): its internal handle `[0]`. */
export function handleOf(object: Tree | Language): number {
  const handle = (object as unknown as { 0?: unknown })[0];
  return typeof handle === 'number' ? handle : 0;
}

function isHeap(module: unknown): module is WasmHeap {
  const m = module as Partial<WasmHeap> | undefined;
  return (
    m?.HEAPU8 instanceof Uint8Array &&
    m.HEAPU16 instanceof Uint16Array &&
    m.HEAPU32 instanceof Uint32Array &&
    m.HEAPU8.buffer === m.HEAPU32.buffer &&
    m.HEAPU8.buffer === m.HEAPU16.buffer
  );
}

function cString(u8: Uint8Array, address: number): string | undefined {
  if (address <= 0 || address >= u8.length) return undefined;
  const end = u8.indexOf(0, address);
  if (end === -1) return undefined;
  return Buffer.from(u8.buffer, u8.byteOffset + address, end - address).toString('utf8');
}

/**
 * Reads and checks the language header (wasm32 `struct TSLanguage`): the ABI, counts and every
 * symbol and field name must match what web-tree-sitter reports through its own calls.
 */
export function heapLanguage(module: unknown, language: Language, tables: MirrorTables): HeapLanguage | undefined {
  if (!LITTLE_ENDIAN || !isHeap(module)) return undefined;
  const { HEAPU8: u8, HEAPU16: u16, HEAPU32: u32 } = module;
  const L = handleOf(language);
  if (L <= 0 || L % 4 !== 0 || L + 96 > u8.length) return undefined;
  const word = (offset: number): number => u32[(L + offset) >> 2];
  const abi = word(0);
  const symbolCount = word(4);
  const aliasCount = word(8);
  const productionCount = word(28);
  const fieldCount = word(32);
  const maxAliasLength = u16[(L + 36) >> 1];
  if (abi !== language.abiVersion || abi < 14 || abi > 15) return undefined;
  if (symbolCount + aliasCount !== language.nodeTypeCount || symbolCount + aliasCount !== tables.types.length) return undefined;
  if (fieldCount !== tables.fields.length - 1) return undefined;
  const symbolNames = word(56);
  const fieldNames = word(60);
  const fieldSlices = word(64);
  const fieldEntries = word(68);
  const publicMap = word(76);
  const aliasSeqs = word(84);
  const inHeap = (address: number, bytes: number): boolean => address > 0 && address + bytes <= u8.length;
  const total = symbolCount + aliasCount;
  if (!inHeap(symbolNames, total * 4) || !inHeap(publicMap, total * 2) || publicMap % 2 !== 0) return undefined;
  for (let id = 0; id < total; id++) {
    if (cString(u8, u32[(symbolNames >> 2) + id]) !== tables.types[id]) return undefined;
  }
  if (fieldCount > 0) {
    if (!inHeap(fieldNames, (fieldCount + 1) * 4)) return undefined;
    for (let id = 1; id <= fieldCount; id++) {
      if (cString(u8, u32[(fieldNames >> 2) + id]) !== tables.fields[id]) return undefined;
    }
  }
  const publicSymbols = u16.slice(publicMap >> 1, (publicMap >> 1) + total);
  for (const s of publicSymbols) if (s >= total) return undefined;
  let aliasSequences = new Uint16Array(0);
  if (productionCount > 0 && maxAliasLength > 0) {
    const n = productionCount * maxAliasLength;
    if (!inHeap(aliasSeqs, n * 2) || aliasSeqs % 2 !== 0) return undefined;
    aliasSequences = u16.slice(aliasSeqs >> 1, (aliasSeqs >> 1) + n);
    for (const s of aliasSequences) if (s >= total) return undefined;
  }
  // Field maps: `field_map_slices[production_id]` = {index, length} into `field_map_entries`
  // ({field_id u16, child_index u8, inherited bool}); the cursor takes the first entry that is
  // not inherited and names the child.
  let fieldStride = 1;
  let fieldAt = new Uint16Array(0);
  if (fieldCount > 0) {
    if (!inHeap(fieldSlices, productionCount * 4) || fieldSlices % 2 !== 0 || fieldEntries % 2 !== 0) return undefined;
    const slices: [number, number][] = [];
    for (let p = 0; p < productionCount; p++) {
      const index = u16[(fieldSlices >> 1) + p * 2];
      const length = u16[(fieldSlices >> 1) + p * 2 + 1];
      if (length > 0 && !inHeap(fieldEntries + (index + length) * 4, 0)) return undefined;
      slices.push([index, length]);
      for (let e = index; e < index + length; e++) fieldStride = Math.max(fieldStride, u8[fieldEntries + e * 4 + 2] + 1);
    }
    fieldAt = new Uint16Array(productionCount * fieldStride);
    for (let p = 0; p < productionCount; p++) {
      const [index, length] = slices[p];
      for (let e = index; e < index + length; e++) {
        const at = fieldEntries + e * 4;
        const fieldId = u16[at >> 1];
        const child = u8[at + 2];
        const inherited = u8[at + 3];
        if (fieldId === 0 || fieldId > fieldCount) return undefined;
        if (!inherited && fieldAt[p * fieldStride + child] === 0) fieldAt[p * fieldStride + child] = fieldId;
      }
    }
  }
  const typeFlags = new Uint8Array(0x10000);
  tables.types.forEach((type, id) => {
    typeFlags[id] = (LEAVES.has(type) ? LEAF : 0) | (ANONYMOUS_FIELD_PARENTS.has(type) ? OPERATOR_PARENT : 0) | (type === 'comment' ? COMMENT : 0);
  });
  return { address: L, publicSymbols, aliasSequences, maxAliasLength, fieldAt, fieldStride, productionCount, typeFlags };
}

/** Node types with anonymous children in a field (`operator`): the grammar's node-types.json. */
export const ANONYMOUS_FIELD_PARENTS = new Set(['augmented_assignment', 'binary_operator', 'boolean_operator', 'comparison_operator', 'unary_operator', 'dict_pattern', 'for_in_clause']);

/** Leaves: their children (escape sequences in string content) are not mirrored. */
export const LEAVES = new Set(['identifier', 'integer', 'float', 'true', 'false', 'none', 'comment', 'string_content', 'string_start', 'string_end', 'escape_sequence', 'type_conversion']);

class Unsupported extends Error {}

/**
 * Builds the mirror by reading the tree's subtrees from the heap: the same nodes, in the same
 * order and with the same fields as the cursor walk in python.ts. Returns undefined when the
 * tree holds anything the walk does not expect.
 */
export function heapMirror(module: WasmHeap, lang: HeapLanguage, tables: MirrorTables, tree: Tree, text: string): SourceFile | undefined {
  const u8 = module.HEAPU8;
  const u16 = module.HEAPU16;
  const u32 = module.HEAPU32;
  const T = handleOf(tree);
  if (T <= 0 || T % 4 !== 0 || T + 12 > u8.length) return undefined;
  if (u32[(T + 8) >> 2] !== lang.address || handleOf(tree.language) !== lang.address) return undefined;
  const { types, named, fields } = tables;
  const { publicSymbols, aliasSequences, maxAliasLength, fieldAt, fieldStride, productionCount, typeFlags } = lang;
  const symbolTotal = publicSymbols.length;
  const heapEnd = u8.length;
  const lineStarts = lineStartsOf(text);
  const lastLine = lineStarts.length - 1;
  const comments: SNode[] = [];
  // Rows of starts: nodes come in document order, so the row only ever moves forward.
  let hintRow = 0;
  const make = (type: string, field: string | null, start: number, end: number, parent: SNode | null): SNode => {
    let startRow = hintRow;
    if (lineStarts[startRow] > start) startRow = rowAt(lineStarts, start);
    else while (startRow < lastLine && lineStarts[startRow + 1] <= start) startRow++;
    hintRow = startRow;
    let endRow = startRow;
    if (end !== start) {
      if (startRow < lastLine && lineStarts[startRow + 1] <= end) endRow = rowAt(lineStarts, end);
    }
    return newNode(type, field, start, end, startRow, endRow, lineStarts, parent);
  };
  const publicType = (symbol: number): number => {
    if (symbol === ERROR_SYMBOL) return ERROR_SYMBOL;
    if (symbol >= symbolTotal) throw new Unsupported();
    return publicSymbols[symbol];
  };

  try {
    // `TSTree.root` is the Subtree at the tree's address; the root node starts after its padding.
    let rootSymbol: number;
    let rootPadding: number;
    let rootSize: number;
    let rootPtr = 0;
    if (u8[T] & 1) {
      rootSymbol = u8[T + 1];
      rootPadding = u8[T + 6];
      rootSize = u8[T + 7];
    } else {
      rootPtr = u32[T >> 2];
      if (rootPtr <= 0 || rootPtr % 4 !== 0 || rootPtr + 72 > heapEnd) return undefined;
      rootSymbol = u16[(rootPtr + 40) >> 1];
      rootPadding = u32[(rootPtr + 4) >> 2];
      rootSize = u32[(rootPtr + 16) >> 2];
    }
    const rootStart = rootPadding;
    const rootType = publicType(rootSymbol);
    const root = make(types[rootType], null, rootStart >>> 1, (rootStart + rootSize) >>> 1, null);
    const hasErrors = tree.rootNode.hasError;

    // One frame per node whose children are being read (visible or hidden): parallel stacks.
    const fPtr: number[] = [];
    const fCount: number[] = [];
    const fProduction: number[] = [];
    const fIndex: number[] = [];
    const fStructural: number[] = [];
    const fPos: number[] = [];
    const fOuter: number[] = [];
    const fNode: SNode[] = [];
    const fNodeFlags: number[] = [];
    let depth = 0;
    const push = (ptr: number, count: number, pos: number, outer: number, node: SNode, nodeFlags: number): void => {
      if (ptr % 4 !== 0 || ptr + 72 > heapEnd || count * 8 > ptr) throw new Unsupported();
      fPtr[depth] = ptr;
      fCount[depth] = count;
      fProduction[depth] = u16[(ptr + 66) >> 1];
      fIndex[depth] = 0;
      fStructural[depth] = 0;
      fPos[depth] = pos;
      fOuter[depth] = outer;
      fNode[depth] = node;
      fNodeFlags[depth] = nodeFlags;
      depth++;
    };
    const rootCount = rootPtr ? u32[(rootPtr + 36) >> 2] : 0;
    if (rootCount > 0) push(rootPtr, rootCount, rootStart, 0, root, typeFlags[rootType]);

    while (depth > 0) {
      const d = depth - 1;
      const ptr = fPtr[d];
      const count = fCount[d];
      const i = fIndex[d];
      if (i >= count) {
        depth--;
        continue;
      }
      const childBase = ptr - count * 8;
      const at = childBase + i * 8;
      // The child: inline (bit 0 of its first byte set) or a pointer to its heap data.
      const b0 = u8[at];
      let symbol: number;
      let visible: boolean;
      let extra: boolean;
      let size: number;
      let childPtr = 0;
      if (b0 & 1) {
        symbol = u8[at + 1];
        visible = (b0 & 2) !== 0;
        extra = (b0 & 8) !== 0;
        size = u8[at + 7];
      } else {
        childPtr = u32[at >> 2];
        if (childPtr <= 0 || childPtr % 4 !== 0 || childPtr + 72 > heapEnd) throw new Unsupported();
        symbol = u16[(childPtr + 40) >> 1];
        const flags = u8[childPtr + 44];
        visible = (flags & 1) !== 0;
        extra = (flags & 4) !== 0;
        size = u32[(childPtr + 16) >> 2];
      }
      const start = fPos[d];
      const end = start + size;
      // Advance the frame: the next child starts after this one and its own padding.
      fIndex[d] = i + 1;
      let next = end;
      if (i + 1 < count) {
        const nat = at + 8;
        next += u8[nat] & 1 ? u8[nat + 6] : u32[(u32[nat >> 2] + 4) >> 2];
      }
      fPos[d] = next;
      const structural = fStructural[d];
      if (!extra) fStructural[d] = structural + 1;
      const production = fProduction[d];
      let alias = 0;
      if (!extra && production !== 0 && maxAliasLength > 0) {
        if (production >= productionCount || structural >= maxAliasLength) throw new Unsupported();
        alias = aliasSequences[production * maxAliasLength + structural];
      }
      const parent = fNode[d];
      if (visible || alias !== 0) {
        const typeId = publicType(alias || symbol);
        const type = types[typeId];
        const isNamed = named[typeId];
        let field: string | null = null;
        if ((isNamed || fNodeFlags[d] & OPERATOR_PARENT) && !extra) {
          const fieldId = fieldOf(production, structural) || fOuter[d];
          if (fieldId) field = fields[fieldId];
        }
        if (isNamed || field !== null) {
          const node = make(type, field, start >>> 1, end >>> 1, parent);
          parent.children.push(node);
          const flags = typeFlags[typeId];
          if (flags & COMMENT) comments.push(node);
          if (childPtr && end > start && !(flags & LEAF)) {
            const grandchildren = u32[(childPtr + 36) >> 2];
            if (grandchildren > 0) push(childPtr, grandchildren, start, 0, node, flags);
          }
        }
      } else if (childPtr) {
        // A hidden node with visible descendants: its children are read as the parent's. A
        // field it holds in its own parent passes down to them unless they name their own.
        const grandchildren = u32[(childPtr + 36) >> 2];
        if (grandchildren > 0 && u32[(childPtr + 48) >> 2] > 0) {
          const outer = extra ? 0 : fieldOf(production, structural) || fOuter[d];
          push(childPtr, grandchildren, start, outer, parent, fNodeFlags[d]);
        }
      }
    }
    return new SourceFile(text, root, comments, hasErrors, lineStarts);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }

  function fieldOf(production: number, structural: number): number {
    if (fieldAt.length === 0 || structural >= fieldStride) return 0;
    if (production >= productionCount) throw new Unsupported();
    return fieldAt[production * fieldStride + structural];
  }
}

/** Whether two mirrors are the same tree: node by node, and the same comments and error flag. */
export function sameMirror(a: SourceFile, b: SourceFile): boolean {
  if (a.text !== b.text || a.hasErrors !== b.hasErrors || a.comments.length !== b.comments.length) return false;
  const order = new Map<SNode, number>();
  const stack: [SNode, SNode][] = [[a.root, b.root]];
  let n = 0;
  while (stack.length) {
    const [x, y] = stack.pop()!;
    if (
      x.type !== y.type ||
      x.field !== y.field ||
      x.start !== y.start ||
      x.end !== y.end ||
      x.startRow !== y.startRow ||
      x.startCol !== y.startCol ||
      x.endRow !== y.endRow ||
      x.endCol !== y.endCol ||
      x.children.length !== y.children.length ||
      (x.parent === null) !== (y.parent === null)
    )
      return false;
    order.set(x, n++);
    for (let i = x.children.length - 1; i >= 0; i--) {
      if (x.children[i].parent !== x || y.children[i].parent !== y) return false;
      stack.push([x.children[i], y.children[i]]);
    }
  }
  // Comments: the same nodes of each tree, in the same order.
  const orderB = new Map<SNode, number>();
  const stackB: SNode[] = [b.root];
  n = 0;
  while (stackB.length) {
    const y = stackB.pop()!;
    orderB.set(y, n++);
    for (let i = y.children.length - 1; i >= 0; i--) stackB.push(y.children[i]);
  }
  for (let i = 0; i < a.comments.length; i++) {
    const ia = order.get(a.comments[i]);
    if (ia === undefined || ia !== orderB.get(b.comments[i])) return false;
  }
  return true;
}

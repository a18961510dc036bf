// FRG304: a Python `for` loop doing element-wise arithmetic, reductions or filters over a NumPy
// array or tensor, one interpreter step (and, for tensors, one kernel) per element.
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import { numberOf } from '../../model/values';
import { child, descendants, namedChildren, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { isArray, loopHeader, subscriptBase, subscriptIndices, unwrapProgress } from './shared';
import { manyIterations, CONFIDENCE_DOCS } from '../training/workload';
import { builtOnce } from '../training/frequency';

/** Builtins that work on one number. */
const SCALAR_BUILTINS = new Set(['abs', 'min', 'max', 'float', 'int', 'round', 'pow', 'bool', 'len', 'complex', 'sum']);

/** NumPy and torch functions that are cheap on a scalar or a row (the loop is what costs). */
const SCALAR_FUNCTIONS = new Set([
  'sqrt', 'exp', 'exp2', 'expm1', 'log', 'log1p', 'log2', 'log10', 'abs', 'absolute', 'fabs', 'sin', 'cos', 'tan',
  'tanh', 'sinh', 'cosh', 'arcsin', 'arccos', 'arctan', 'arctan2', 'hypot', 'floor', 'ceil', 'round', 'around',
  'rint', 'trunc', 'sign', 'square', 'power', 'maximum', 'minimum', 'clip', 'clamp', 'isnan', 'isinf', 'isfinite',
  'mod', 'fmod', 'dot', 'sum', 'mean', 'max', 'min', 'prod', 'std', 'var', 'sigmoid', 'float32', 'float64', 'int32',
  'int64', 'linalg.norm', 'norm',
]);

/** Methods on an element or a row that stay element-wise. */
const ELEMENT_METHODS = new Set(['item', 'sum', 'mean', 'max', 'min', 'prod', 'std', 'var', 'dot', 'conjugate', 'argmax', 'argmin', 'any', 'all']);

/** Attributes of a whole array that are metadata, not data. */
const ARRAY_METADATA = new Set(['shape', 'size', 'ndim', 'dtype']);

/** `np.array([...])` with at most this many literal items is a handful of values, not data. */
const SMALL_LITERAL = 16;

const COMPOUND = new Set([
  'binary_operator', 'unary_operator', 'not_operator', 'boolean_operator', 'comparison_operator',
  'conditional_expression', 'parenthesized_expression', 'tuple', 'expression_list', 'list', 'slice', 'pattern_list',
  'tuple_pattern',
]);

interface LoopVars {
  /** Names bound to elements (or rows) of an array. */
  elements: string[];
  /** Names bound to positions (`range`, `enumerate`). */
  indices: string[];
  /** The iterated array, for the message. */
  array?: SNode;
}

export const pythonLoopOverArray: Rule = {
  meta: {
    code: 'FRG304',
    name: 'python-loop-over-array',
    category: 'data',
    severity: 'warning',
    summary: 'Python loop doing element-wise arithmetic, reductions or filters over a NumPy array or tensor',
    messages: {
      default:
        'Python loop does element-wise work on `{array}`, one interpreter step per element: use whole-array NumPy/torch operations, or compile the loop with `@numba.njit`',
      dot: 'Hand-written dot product (`{array}`) in a Python loop, one interpreter step per element: use `np.dot(a, b)` (or `a @ b`, `torch.dot`)',
      matmul: 'Hand-written matrix product (`{array}`) in nested Python loops, one interpreter step per multiply-add: use `A @ B` or `A @ x` (`np.matmul`, `torch.matmul`), which runs in optimised BLAS',
      outer: 'Hand-written outer product (`{array}`) in nested Python loops, one interpreter step per element: use `np.outer(u, v)` (`torch.outer`)',
    },
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for `for` loops over a NumPy array or torch tensor (`for x in arr`, `enumerate(arr)`, `zip(a, b)`, or `range(...)` with `arr[i]` in the body, nested index loops included) whose body only does element-wise arithmetic, reductions (`total += x`), filters (`if x > t: out.append(x)`) or matrix products with scalar math functions. The array must be known by origin: `np.array`/`np.zeros`/`np.random.*`/`np.load`/`torch.*` factories, `.to_numpy()`, `.values`, `.numpy()`, arithmetic or indexing on one, or an `np.ndarray`/`torch.Tensor` annotation. Loops over lists, files and DataFrames, loops that call other functions (I/O, models, `print`), loops that do whole-array work per iteration (a pass per class over the whole label array), recurrences where an element is computed from another element of the same array (`x[t] = a * x[t - 1] + e[t]`, a discounted return, or an in-place sweep that writes `V[s]` and reads `V[next_state]` in the same body, as value iteration does: there is no whole-array form), loops that only append each element unchanged to a list (`for each in samples: out.append(each)`: a copy), loops that read their elements only through `len(...)` or `.shape` (`lengths.append(len(row))` over the rows of a batch), loops whose variable selects a boolean mask over another array (`seg[seg == label] = color`) or looks up a dict (also through a nested loop over an element\'s items: `counter[word] += 1`), loops over arrays whose length is written down and at most 16 (`np.array([...])` of a few literals, `torch.arange(-2, 4)`, also passed to the function whose parameter the loop walks), and loops with `break`/`return` are not flagged. Only the outermost loop of a nest is reported. ' +
        'Hand-written linear algebra in `range` index loops is flagged whatever holds the numbers (plain lists too), and named: a dot product (`s += a[i] * b[i]`, `s = s + a[i] * b[i]`, `a[i] ** 2`), a matrix or matrix-vector product (`C[i][j] += A[i][k] * B[k][j]`, also summed into a scalar that is stored or appended per cell) and an outer product (`out[i][j] = u[i] * v[j]`); also `for x, y in zip(a, b): s += x * y` and the generator forms `sum(a[i] * b[i] for i in range(n))` and `sum(x * y for x, y in zip(a, b))` (a matrix product when the sum fills a comprehension). The body must hold nothing else: the operands plain containers (not rebuilt by a call: `self.cofactors().rows[0][j]`) indexed by loop variables alone, or one plus a constant (`w[i + 1]`; `x[i + k]`, a convolution, is not a product), the result not read as an operand (a recurrence), a scalar result started at a number (so `text += words[i] * counts[i]` is string work, not flagged), and no loop of the nest over a written-down extent of at most 16 (`range(3)`: a 3×3 rotation; `zip(u, v)` or `range(len(u))` over `u = np.array([2, 5])`, also passed for a parameter); loops in `@jit`/`@numba.njit` kernels are left alone.' + ' ' + CONFIDENCE_DOCS.loop + ' A loop that runs once, when an object is built or a checkpoint loaded (in `__init__`, a set-up function, `fre_init`, `init_from_ckpt`, or a method the class calls only from them), is low confidence whatever its extent.',
      whyBad:
        'Each iteration of a Python loop boxes the element into a Python object and dispatches every operator through the interpreter, which is tens to hundreds of times slower than the same operation in NumPy\'s compiled loops over contiguous memory (which also use SIMD). On a torch tensor every element access is a separate operator call, and on a GPU a separate kernel launch and synchronisation. The CPU runs much longer for the same result.',
      evidence:
        'Numba-compiled numerical loops approach the speed of C or Fortran (Numba documentation), and vectorised NumPy avoids the per-element interpreter work; creedengo lists element-wise Python loops over arrays as an energy smell (rules GCI106/GCI107). There is no measured energy figure for this pattern alone; the saving grows with the number of elements.',
      example:
        'total = 0.0\nfor x in errors:\n    total += x * x\n\nfor i in range(len(a)):\n    out[i] = a[i] * b[i] + c\n\nfor i in range(n):\n    for j in range(m):\n        for k in range(p):\n            C[i, j] += A[i, k] * B[k, j]\n\ndot = 0.0\nfor i in range(len(u)):  # u, v: lists of floats\n    dot += u[i] * v[i]',
      useInstead:
        'total = float(np.sum(errors * errors))\nout = a * b + c\nC = A @ B\ndot = float(np.dot(u, v))\n\n# or keep the loop and compile it\n@numba.njit\ndef mse(errors):\n    total = 0.0\n    for x in errors:\n        total += x * x\n    return total',
      fixSafety: 'No fix is offered: the vectorised form depends on shapes and broadcasting the analyser cannot see.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    const verdicts = new Map<SNode, { array: SNode; product?: Product } | undefined>();
    const verdict = (loop: LoopInfo) => {
      if (!verdicts.has(loop.node)) {
        const product = productLoop(model, loop);
        const array = product ? undefined : checkLoop(model, loop);
        verdicts.set(loop.node, product ? { array: product.array, product: product.kind } : array && { array });
      }
      return verdicts.get(loop.node);
    };
    return {
      loop(loop) {
        if (loop.kind !== 'for') return;
        const found = verdict(loop);
        if (!found) return;
        if (model.context(loop.node).loops.some((outer) => outer.kind === 'for' && verdict(outer))) return;
        if (demonstration(model, loop) || windowed(model, loop) || fewWrittenDown(model, loop)) return;
        const text = model.text(found.array);
        const array = text.length <= (found.product ? 60 : 40) && !text.includes('\n') ? text : found.product ? '…' : 'an array';
        // Interpreter overhead matters over many elements: a large written-down extent, data from files or a large dataset, a deep nest, or a loop run per step.
        // A hand-written product works on scalars by construction; other loops may walk rows.
        // Once per object built or checkpoint loaded (`__init__`, `fre_init`, `init_from_ckpt`): a one-off cost.
        const once = builtOnce(model, loop.node);
        const confidence = !once && manyIterations(model, loop, ctx.path, undefined, found.product ? true : 'elementwise') ? undefined : 'low';
        ctx.report({ node: loopHeader(loop), messageId: found.product ?? 'default', data: { array }, confidence, why: once ? 'it runs once, when the object is built or the checkpoint loaded' : undefined });
      },
      call(call) {
        const term = sumOfProducts(model, call);
        if (!term || model.context(call.node).loops.some((l) => l.kind === 'for' && verdict(l))) return;
        if (teachingFunction(model, call.node)) return;
        const text = model.text(term);
        // One sum per cell of a comprehension (`[[sum(a * b for a, b in zip(r, c)) for c in zip(*B)] for r in A]`): a matrix product.
        const perCell = model.context(call.node).loops.some((l) => l.kind === 'comprehension');
        const loop = model.context(call.node).loops.find((l) => l.kind === 'for');
        ctx.report({ node: call.node, confidence: loop && manyIterations(model, loop, ctx.path) ? undefined : 'low', messageId: perCell ? 'matmul' : 'dot', data: { array: text.length <= 60 && !text.includes('\n') ? text : '…' } });
      },
    };
  },
};

/** The array a loop works on element-wise, or undefined when the loop is not such a loop. */
function checkLoop(model: ModuleModel, loop: LoopInfo): SNode | undefined {
  const vars = topLevelIteration(model, loop);
  if (!vars || child(loop.node, 'alternative')) return undefined;
  const check = new BodyCheck(model);
  check.bind(vars);
  if (!check.block(loop.body) || !check.hasEffect || check.wholeArray) return undefined;
  if (recurrence(model, loop) || maskOrLookup(model, loop, vars) || onlyLengths(model, loop, vars) || onlyCopies(model, loop, vars)) return undefined;
  if (vars.elements.some((v) => check.used.has(v))) return vars.array ?? check.indexed;
  if (vars.indices.some((v) => check.arrayIndexVars.has(v))) return check.indexed ?? vars.array;
  return undefined;
}

/**
 * The loop reads its elements only through `len(...)` or `.shape` (`for row in batch:
 * lengths.append(len(row))`): one step per row of a batch, not per element.
 */
function onlyLengths(model: ModuleModel, loop: LoopInfo, vars: LoopVars): boolean {
  const reads = [...descendants(loop.body)].filter((d) => d.type === 'identifier' && vars.elements.includes(model.text(d)));
  return reads.length > 0 && reads.every((d) => {
    const p = d.parent;
    if (p?.type === 'attribute' && d.field === 'object') return ['shape', 'size'].includes(model.text(child(p, 'attribute') ?? p));
    const call = p?.type === 'argument_list' ? p.parent : undefined;
    return call?.type === 'call' && model.callSite(call).qualified === 'len';
  });
}

/**
 * The body only appends each element unchanged to a list (`for each in samples: out.append(each)`,
 * over an object array of records, say): a copy, with no arithmetic, reduction or filter to vectorise.
 */
function onlyCopies(model: ModuleModel, loop: LoopInfo, vars: LoopVars): boolean {
  const statements = loop.body.children.filter((c) => c.type !== 'comment');
  return statements.length > 0 && statements.every((st) => {
    const e = st.type === 'expression_statement' ? st.children[0] : undefined;
    if (e?.type !== 'call') return false;
    const c = model.callSite(e);
    const arg = c.args.length === 1 && c.kwargs.size === 0 ? unparen(c.args[0].node) : undefined;
    return c.name === 'append' && c.receiver !== undefined && arg?.type === 'identifier' && vars.elements.includes(model.text(arg));
  });
}

/** Dict-like containers: indexing one by an element is a lookup, not array work. */
const MAPPINGS = new Set(['dict', 'collections.defaultdict', 'collections.OrderedDict', 'collections.Counter']);

/**
 * The loop variable selects a boolean mask over another array (`seg[seg == label] = color`: one
 * whole-array pass per value) or looks something up in a dict (`mapping[word_id]`): not element-wise work.
 */
function maskOrLookup(model: ModuleModel, loop: LoopInfo, vars: LoopVars): boolean {
  const loopVars = new Set([...vars.elements, ...vars.indices]);
  // Items of an element, bound by a nested loop (`for word in words: counter[word] += 1`), count as the element.
  for (const d of descendants(loop.body)) {
    const inner = d.type === 'for_statement' ? child(d, 'right') : undefined;
    if (inner && [inner, ...descendants(inner)].some((x) => x.type === 'identifier' && loopVars.has(model.text(x)))) names(model, child(d, 'left')).forEach((t) => loopVars.add(t));
  }
  const mentions = (n: SNode) => [n, ...descendants(n)].some((d) => d.type === 'identifier' && loopVars.has(model.text(d)));
  for (const d of descendants(loop.body)) {
    if (d.type !== 'subscript') continue;
    const keys = d.children.filter((k) => k.field === 'subscript');
    if (keys.some((k) => [k, ...descendants(k)].some((x) => x.type === 'comparison_operator' && mentions(x)))) return true;
    const base = child(d, 'value');
    if (!base || !keys.some(mentions)) continue;
    const origin = model.originCall(base);
    const value = model.originOf(model.text(base), base);
    const made = value && unparen(value).type;
    if ((origin?.qualified && MAPPINGS.has(origin.qualified)) || made === 'dictionary' || made === 'dictionary_comprehension') return true;
  }
  return false;
}

/**
 * Element `i` computed from another element of the same array (`x[t] = a * x[t - 1] + e[t]`, also
 * through a name: `v += p * V[next_state]` then `V[s] = v`, a value-iteration sweep that reads
 * entries it updated earlier in the same pass): each step needs the previous one, so there is no
 * whole-array form to advise.
 */
function recurrence(model: ModuleModel, loop: LoopInfo): boolean {
  for (const d of descendants(loop.body)) {
    if (d.type !== 'assignment' && d.type !== 'augmented_assignment') continue;
    const left = child(d, 'left');
    const right = child(d, 'right');
    if (left?.type !== 'subscript' || !right) continue;
    const base = child(left, 'value');
    if (!base) continue;
    const target = model.text(base);
    const index = model.text(left).slice(target.length);
    // Anywhere in the body, not only on the right: `Vs += p * V[next_state]; ...; V[s] = Vs` (an in-place sweep).
    for (const r of descendants(loop.body)) {
      // Written, not read: the target of a plain assignment (`out[i, 0] = ...; out[i, 1] = ...`).
      if (r.type !== 'subscript' || (r.parent?.type === 'assignment' && child(r.parent, 'left') === r)) continue;
      const rb = child(r, 'value');
      if (rb && model.text(rb) === target && model.text(r).slice(target.length) !== index) return true;
    }
  }
  return false;
}

/** What the outermost loop iterates: a known array, `range`, or `enumerate`/`zip` of arrays. */
function topLevelIteration(model: ModuleModel, loop: LoopInfo): LoopVars | undefined {
  const left = child(loop.node, 'left');
  if (!loop.iter || !left) return undefined;
  const { node: iter, range } = unwrapProgress(model, loop.iter);
  if (iter.type === 'call') {
    const call = model.callSite(iter);
    const first = call.args[0]?.node;
    if (call.qualified === 'range' || range) return { elements: [], indices: loop.targets };
    if (call.qualified === 'enumerate' && first) {
      const array = isLargeArray(model, first) ? first : zippedArray(model, first);
      const [index, element] = patternParts(left);
      if (array) return { indices: names(model, index), elements: names(model, element), array };
    }
    const zipped = zippedArray(model, iter);
    if (zipped) return { elements: loop.targets, indices: [], array: zipped };
    if (call.qualified === 'numpy.ndenumerate' && first && isArray(model, first)) {
      const [index, element] = patternParts(left);
      return { indices: names(model, index), elements: names(model, element), array: first };
    }
  }
  return isLargeArray(model, iter) ? { elements: loop.targets, indices: [], array: iter } : undefined;
}

/** The first array of `zip(a, b, ...)` over known arrays (other arguments plain names or ranges). */
function zippedArray(model: ModuleModel, node: SNode): SNode | undefined {
  const n = unparen(node);
  const call = n.type === 'call' ? model.callSite(n) : undefined;
  if (call?.qualified !== 'zip' || call.hasSplat) return undefined;
  const arrays = call.args.filter((a) => isLargeArray(model, a.node));
  const plain = call.args.every((a) => unparen(a.node).type !== 'call' || arrays.includes(a) || model.callSite(unparen(a.node)).qualified === 'range');
  return arrays.length > 0 && plain ? arrays[0].node : undefined;
}

/** A known array that is not a handful of literal values (`np.array([0.1, 0.5, 0.9])`). */
function isLargeArray(model: ModuleModel, node: SNode): boolean {
  if (!isArray(model, node)) return false;
  const n = elementCount(model, node);
  return !(n !== undefined && n <= SMALL_LITERAL);
}

/** Conversions that keep an array's length: `torch.arange(-2, 4).float().requires_grad_()`. */
const SAME_LENGTH = new Set(['float', 'double', 'long', 'int', 'astype', 'requires_grad_', 'to', 'cuda', 'cpu', 'numpy', 'clone', 'copy']);

/**
 * How many items an array holds when its origin writes them down: a literal list
 * (`np.array([1, 2, 3])`) or `arange` with literal bounds, through length-keeping conversions.
 */
function elementCount(model: ModuleModel, node: SNode, depth = 0): number | undefined {
  if (depth > 4) return undefined;
  const n = unparen(node);
  const fn = n.type === 'identifier' ? model.context(n).func : undefined;
  const index = fn ? fn.params.indexOf(model.text(n)) : -1;
  // A parameter (not assigned in the function): the largest of the arrays the file's calls pass for it.
  const assigned = fn && [...descendants(fn.node)].some((d) => d.type === 'assignment' && model.text(child(d, 'left') ?? d) === model.text(n));
  if (fn && index >= 0 && !assigned) {
    const offset = fn.cls && fn.params[0] === 'self' ? 1 : 0;
    // Calls of this definition: after it, before a function of the same name is defined again (notebooks reuse names).
    const next = model.functions.find((f) => f.name === fn.name && f.node.start > fn.node.end)?.node.start ?? Infinity;
    const calls = model.calls.filter((c) => c.name === fn.name && !c.hasSplat && c.node.start > fn.node.end && c.node.start < next);
    const passed = calls.map((c) => model.arg(c, fn.params[index], index - offset));
    const counts = passed.map((a) => a && elementCount(model, a.node, depth + 1));
    return counts.length > 0 && counts.every((c) => c !== undefined) ? Math.max(...(counts as number[])) : undefined;
  }
  const origin = model.originCall(node);
  if (!origin) return undefined;
  if (origin.receiver && !origin.qualified && SAME_LENGTH.has(origin.name)) return elementCount(model, origin.receiver, depth + 1);
  const q = origin.qualified;
  const first = origin.args[0];
  if ((q === 'numpy.array' || q === 'numpy.asarray' || q === 'torch.tensor') && first?.kind === 'list') return first.items.length;
  if (q !== 'numpy.arange' && q !== 'torch.arange') return undefined;
  const bounds = origin.args.map((a) => numberOf(model.resolve(a)));
  if (bounds.length === 0 || bounds.length > 3 || bounds.some((b) => b === undefined) || origin.kwargs.size > 0) return undefined;
  const [start, stop, step] = bounds.length === 1 ? [0, bounds[0]!, 1] : [bounds[0]!, bounds[1]!, bounds[2] ?? 1];
  return step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : undefined;
}

function patternParts(left: SNode): SNode[] {
  const l = unparen(left);
  return l.type === 'pattern_list' || l.type === 'tuple_pattern' ? l.children.filter((c) => c.type !== 'comment') : [l];
}

function names(model: ModuleModel, node: SNode | undefined): string[] {
  if (!node) return [];
  if (node.type === 'identifier') return [model.text(node)];
  return node.children.flatMap((c) => names(model, c));
}

/**
 * Walks a loop body and decides whether every statement is element-wise: assignments,
 * `append`s, `if`s and nested index loops over plain expressions and scalar math.
 */
class BodyCheck {
  private readonly elements = new Set<string>();
  private readonly indices = new Set<string>();
  /** Names read in the body. */
  readonly used = new Set<string>();
  /** Loop variables (positions, or elements holding indices) used to index a known array. */
  readonly arrayIndexVars = new Set<string>();
  /** Arrays indexed element by element, read and written. */
  private readonly read: SNode[] = [];
  private readonly written: SNode[] = [];
  /** A statement stores or accumulates something. */
  hasEffect = false;
  /** A whole array (or a slice of one) takes part in the arithmetic: each iteration is vector work. */
  wholeArray = false;

  constructor(private readonly model: ModuleModel) {}

  /** The array to name in the message: the first one read, else the first one written. */
  get indexed(): SNode | undefined {
    return this.read[0] ?? this.written[0];
  }

  bind(vars: LoopVars): void {
    for (const e of vars.elements) this.elements.add(e);
    for (const i of vars.indices) this.indices.add(i);
  }

  block(block: SNode): boolean {
    return block.children.every((s) => s.type === 'comment' || this.statement(s));
  }

  private statement(s: SNode): boolean {
    switch (s.type) {
      case 'expression_statement': {
        const parts = s.children.filter((c) => c.type !== 'comment');
        if (parts.length !== 1) return false;
        const e = parts[0];
        if (e.type === 'assignment' || e.type === 'augmented_assignment') return this.assignment(e);
        return e.type === 'call' && this.append(e);
      }
      case 'if_statement':
        return s.children.every((c) => {
          if (c.field === 'condition') return this.expr(c);
          if (c.field === 'consequence') return this.block(c);
          if (c.type === 'elif_clause') return this.expr(child(c, 'condition') ?? c) && this.block(child(c, 'consequence') ?? c);
          if (c.type === 'else_clause') return this.block(child(c, 'body') ?? c);
          return c.type === 'comment';
        });
      case 'for_statement':
        return this.nestedLoop(s);
      case 'continue_statement':
      case 'pass_statement':
        return true;
      default:
        return false;
    }
  }

  private nestedLoop(s: SNode): boolean {
    const left = child(s, 'left');
    const iter = child(s, 'right');
    const body = child(s, 'body');
    if (!left || !iter || !body || child(s, 'alternative')) return false;
    const it = unparen(iter);
    const call = it.type === 'call' ? this.model.callSite(it) : undefined;
    const target = names(this.model, left);
    if (call?.qualified === 'range') {
      if (call.hasSplat || !call.args.every((a) => this.expr(a.node))) return false;
      target.forEach((t) => this.indices.add(t));
    } else if (call?.qualified === 'enumerate' && call.args.length === 1 && this.iterable(call.args[0].node)) {
      const [index, element] = patternParts(left);
      names(this.model, index).forEach((t) => this.indices.add(t));
      names(this.model, element).forEach((t) => this.elements.add(t));
    } else if (this.iterable(it)) {
      target.forEach((t) => this.elements.add(t));
    } else {
      return false;
    }
    return this.block(body);
  }

  /** An inner loop may walk an element (a row) or an array indexed by the outer loop. */
  private iterable(node: SNode): boolean {
    const n = unparen(node);
    if (n.type === 'identifier' && this.elements.has(this.model.text(n))) {
      this.used.add(this.model.text(n));
      return true;
    }
    return n.type === 'subscript' && this.expr(n);
  }

  private assignment(e: SNode): boolean {
    const left = child(e, 'left');
    const right = child(e, 'right');
    if (!left || !right || !this.target(left) || !this.expr(right)) return false;
    const l = unparen(left);
    const accumulates =
      e.type === 'augmented_assignment' ||
      l.type === 'subscript' ||
      ((l.type === 'identifier' || l.type === 'attribute') && [right, ...descendants(right)].some((d) => d.type === l.type && this.model.text(d) === this.model.text(l)));
    if (accumulates) this.hasEffect = true;
    return true;
  }

  private target(node: SNode): boolean {
    const n = unparen(node);
    if (n.type === 'identifier' || n.type === 'attribute') return true;
    if (n.type === 'subscript') return this.expr(n, true);
    if (n.type === 'pattern_list' || n.type === 'tuple_pattern') return n.children.every((c) => c.type === 'comment' || this.target(c));
    return false;
  }

  /** `out.append(expr)`: the filter and map idiom. */
  private append(node: SNode): boolean {
    const call = this.model.callSite(node);
    const receiver = call.receiver && unparen(call.receiver);
    if (call.name !== 'append' || !receiver || call.qualified) return false;
    if (receiver.type !== 'identifier' && receiver.type !== 'attribute') return false;
    if (call.hasSplat || call.args.length !== 1 || call.kwargs.size > 0 || !this.expr(call.args[0].node)) return false;
    this.hasEffect = true;
    return true;
  }

  private expr(node: SNode, storing = false): boolean {
    const n = unparen(node);
    switch (n.type) {
      case 'identifier': {
        const name = this.model.text(n);
        this.used.add(name);
        if (!this.elements.has(name) && !this.indices.has(name) && !storing && isArray(this.model, n)) this.wholeArray = true;
        return true;
      }
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
        return true;
      case 'string':
        return !n.children.some((c) => c.type === 'interpolation');
      case 'attribute': {
        const obj = child(n, 'object');
        const attr = child(n, 'attribute');
        if (!obj || !attr) return false;
        if (ARRAY_METADATA.has(this.model.text(attr)) && isArray(this.model, obj)) return true;
        if (isArray(this.model, n) && !storing) this.wholeArray = true;
        return this.expr(obj, true);
      }
      case 'subscript':
        return this.subscript(n, storing);
      case 'call':
        return this.call(n);
      default:
        if (!COMPOUND.has(n.type)) return false;
        return n.children.every((c) => c.type === 'comment' || c.field === 'operator' || c.field === 'operators' || this.expr(c));
    }
  }

  /** `a[i]`, `a[i, j]`, `a[i][j]`: an element when a loop variable indexes it and no slice does. */
  private subscript(n: SNode, storing: boolean): boolean {
    const base = subscriptBase(n);
    const keys = subscriptIndices(n);
    if (!keys.every((k) => this.expr(k))) return false;
    const loopVars = new Set<string>();
    for (const k of keys) {
      for (const d of [k, ...descendants(k)]) {
        const name = d.type === 'identifier' ? this.model.text(d) : '';
        if (this.indices.has(name) || this.elements.has(name)) loopVars.add(name);
      }
    }
    const sliced = keys.some((k) => k.type === 'slice' || k.type === 'ellipsis');
    if (isArray(this.model, base)) {
      if (loopVars.size === 0 || sliced) {
        if (!storing) this.wholeArray = true;
        return this.expr(base, true);
      }
      loopVars.forEach((v) => this.arrayIndexVars.add(v));
      (storing ? this.written : this.read).push(base);
      return this.expr(base, true);
    }
    return this.expr(base, storing);
  }

  private call(n: SNode): boolean {
    const call = this.model.callSite(n);
    if (call.hasSplat) return false;
    const args = [...call.args.map((a) => a.node), ...[...call.kwargs.values()].map((v) => v.node)];
    const q = call.qualified;
    if (q === 'len') return call.args.length === 1 && (isArray(this.model, call.args[0].node) || this.expr(call.args[0].node));
    let allowed = false;
    if (q !== undefined) {
      allowed =
        SCALAR_BUILTINS.has(q) ||
        q.startsWith('math.') ||
        (q.startsWith('numpy.') && SCALAR_FUNCTIONS.has(q.slice(6))) ||
        (q.startsWith('torch.') && SCALAR_FUNCTIONS.has(q.slice(6)));
    } else if (call.receiver && ELEMENT_METHODS.has(call.name)) {
      allowed = this.expr(call.receiver);
    }
    return allowed && args.every((a) => this.expr(a));
  }
}

// ---- hand-written products, whatever holds the numbers ----

type Product = 'dot' | 'matmul' | 'outer';

/** Index loops whose extent is written down and at most this (3×3 rotations, RGB weights) are left alone. */
const SMALL_EXTENT = 16;

/**
 * A nest of `range` loops whose body only computes a dot product (`s += a[i] * b[i]`), a
 * matrix or matrix-vector product (`C[i][j] += A[i][k] * B[k][j]`, also through a scalar
 * accumulator stored or appended per cell) or an outer product (`out[i][j] = u[i] * v[j]`),
 * over lists as well as arrays: the operands only need to be indexed by the loop variables.
 */
function productLoop(model: ModuleModel, loop: LoopInfo): { kind: Product; array: SNode } | undefined {
  if (!loop.iter || child(loop.node, 'alternative') || compiled(model, loop.node)) return undefined;
  if (loop.targets.length === 2) {
    const term = zipDot(model, loop);
    return term && { kind: 'dot', array: term };
  }
  if (loop.targets.length !== 1) return undefined;
  const check = new ProductCheck(model);
  if (!check.rangeLoop(loop.iter, loop.targets[0]) || !check.block(loop.body) || check.small) return undefined;
  const kinds = check.kinds;
  if (kinds.size === 0 || !check.first) return undefined;
  const kind: Product = kinds.has('matmul') ? 'matmul' : kinds.has('outer') ? 'outer' : 'dot';
  return { kind, array: check.first };
}

class ProductCheck {
  /** Loop variables of the nest. */
  private readonly vars = new Set<string>();
  /** Scalars set to a number in the nest (`s = 0`), and lists started empty (`row = []`). */
  private readonly scalars = new Set<string>();
  private readonly lists = new Set<string>();
  readonly kinds = new Set<Product>();
  /** The first product term (`a[i] * b[i]`), for the message. */
  first?: SNode;
  /** A loop of the nest has a small written-down extent. */
  small = false;

  constructor(private readonly model: ModuleModel) {}

  /** `range(...)` (or `trange`/`tqdm(range(...))`) over plain bounds: binds `target`. */
  rangeLoop(iter: SNode, target: string): boolean {
    const { node, range } = unwrapProgress(this.model, iter);
    const call = node.type === 'call' ? this.model.callSite(node) : undefined;
    if (!call || (call.qualified !== 'range' && !range) || call.hasSplat || call.args.length === 0 || call.kwargs.size > 0) return false;
    if (!call.args.every((a) => this.bound(a.node))) return false;
    // `range(len(u))` over an array of a few written-down values (`u = np.array([2, 5])`, also passed for a parameter).
    const only = call.args.length === 1 ? unparen(call.args[0].node) : undefined;
    const measured = only?.type === 'call' && this.model.callSite(only).qualified === 'len' ? this.model.callSite(only).args[0] : undefined;
    const count = measured && elementCount(this.model, measured.node);
    if (count !== undefined && count <= SMALL_EXTENT) this.small = true;
    const bounds = call.args.map((a) => numberOf(this.model.resolve(a)));
    if (bounds.length <= 2 && bounds.every((b) => b !== undefined)) {
      const extent = bounds.length === 1 ? bounds[0]! : bounds[1]! - bounds[0]!;
      if (extent <= SMALL_EXTENT) this.small = true;
    }
    this.vars.add(target);
    return true;
  }

  /** A loop bound: names, numbers, `len(x)`, `x.shape[0]`, arithmetic on those. */
  private bound(node: SNode): boolean {
    const n = unparen(node);
    if (n.type === 'identifier' || n.type === 'attribute' || n.type === 'integer') return true;
    if (n.type === 'binary_operator' || n.type === 'unary_operator') return namedChildren(n).every((c) => c.field === 'operator' || this.bound(c));
    if (n.type === 'subscript') return this.bound(child(n, 'value') ?? n) && subscriptIndices(n).every((k) => this.bound(k));
    if (n.type === 'call') {
      const c = this.model.callSite(n);
      return c.qualified === 'len' && c.args.length === 1 && !c.hasSplat && this.bound(c.args[0].node);
    }
    return false;
  }

  block(block: SNode): boolean {
    return block.children.every((s) => s.type === 'comment' || this.statement(s));
  }

  private statement(s: SNode): boolean {
    if (s.type === 'pass_statement') return true;
    if (s.type === 'for_statement') {
      const left = child(s, 'left');
      const iter = child(s, 'right');
      const body = child(s, 'body');
      if (left?.type !== 'identifier' || !iter || !body || child(s, 'alternative')) return false;
      return this.rangeLoop(iter, this.model.text(left)) && this.block(body);
    }
    if (s.type !== 'expression_statement') return false;
    const parts = s.children.filter((c) => c.type !== 'comment');
    const e = parts.length === 1 ? parts[0] : undefined;
    if (!e) return false;
    if (e.type === 'call') return this.append(e);
    if (e.type === 'augmented_assignment') return this.accumulate(e);
    if (e.type === 'assignment') return this.assign(e);
    return false;
  }

  /** `row.append(s)`, `C.append(row)`: building the result list. */
  private append(e: SNode): boolean {
    const call = this.model.callSite(e);
    const arg = call.args[0] && unparen(call.args[0].node);
    if (call.name !== 'append' || call.qualified || call.args.length !== 1 || call.kwargs.size > 0 || call.receiver?.type !== 'identifier') return false;
    if (arg?.type !== 'identifier') return false;
    const name = this.model.text(arg);
    return this.scalars.has(name) || this.lists.has(name);
  }

  private accumulate(e: SNode): boolean {
    const op = e.children.find((c) => c.field === 'operator');
    const left = child(e, 'left');
    const right = child(e, 'right');
    if (!op || !left || !right || (this.model.text(op) !== '+=' && this.model.text(op) !== '-=')) return false;
    return this.product(left, right);
  }

  private assign(e: SNode): boolean {
    const left = child(e, 'left');
    const right = child(e, 'right');
    if (!left || !right) return false;
    const l = unparen(left);
    const r = unparen(right);
    if (l.type === 'identifier') {
      const name = this.model.text(l);
      if (r.type === 'integer' || r.type === 'float') {
        this.scalars.add(name);
        return true;
      }
      if (r.type === 'list' && namedChildren(r).length === 0) {
        this.lists.add(name);
        return true;
      }
      // `s = s + a[i] * b[i]`
      if (r.type === 'binary_operator' && this.model.text(r.children.find((c) => c.field === 'operator') ?? r) === '+') {
        const [x, y] = [child(r, 'left'), child(r, 'right')];
        if (x && y && unparen(x).type === 'identifier' && this.model.text(unparen(x)) === name) return this.product(l, y);
      }
      return false;
    }
    if (l.type !== 'subscript' || !this.cell(l)) return false;
    // `C[i][j] = s` after accumulating `s`.
    if (r.type === 'identifier') return this.scalars.has(this.model.text(r));
    // `C[i][j] = C[i][j] + A[i][k] * B[k][j]`
    if (r.type === 'binary_operator' && this.model.text(r.children.find((c) => c.field === 'operator') ?? r) === '+') {
      const [x, y] = [child(r, 'left'), child(r, 'right')];
      if (x && y && this.model.text(unparen(x)) === this.model.text(l)) return this.product(l, y);
    }
    return this.outer(l, r);
  }

  /** `target += x[...] * y[...]` contracting a loop variable that both operands share. */
  private product(target: SNode, term: SNode): boolean {
    const factors = this.factors(term);
    if (!factors) return false;
    const t = unparen(target);
    const targetVars = t.type === 'subscript' ? this.cell(t) : t.type === 'identifier' ? new Set<string>() : undefined;
    if (!targetVars) return false;
    const [a, b] = factors;
    if (a.base === b.base && targetVars.size > 0) return false;
    if (!this.numeric(t)) return false;
    // The result read as an operand is a recurrence, not a product.
    const base = t.type === 'subscript' ? this.model.text(subscriptBase(t)) : this.model.text(t);
    if (this.model.text(a.base) === base || this.model.text(b.base) === base) return false;
    const shared = [...a.vars].filter((v) => b.vars.has(v) && !targetVars.has(v));
    if (shared.length !== 1) return false;
    // Every index of the result comes from an operand: `C[i][j]` from `A[i][k]` and `B[k][j]`.
    if (![...targetVars].every((v) => a.vars.has(v) || b.vars.has(v))) return false;
    const kind: Product = targetVars.size === 0 && a.vars.size === 1 && b.vars.size === 1 ? 'dot' : 'matmul';
    this.kinds.add(kind);
    this.first ??= term;
    return true;
  }

  /** `a[i] * b[i]` whose operands are both indexed by `v`: a term of a dot product over `v`. */
  contracts(term: SNode, v: string): boolean {
    const factors = this.factors(term);
    return factors !== undefined && factors.every((f) => f.vars.has(v));
  }

  /** `out[i][j] = u[i] * v[j]`: each operand indexed by one loop variable, the result by both. */
  private outer(target: SNode, term: SNode): boolean {
    const factors = this.factors(term);
    const cell = this.cell(target);
    if (!factors || !cell || cell.size !== 2) return false;
    const [a, b] = factors;
    if (a.vars.size !== 1 || b.vars.size !== 1 || [...a.vars][0] === [...b.vars][0]) return false;
    if (![...a.vars, ...b.vars].every((v) => cell.has(v))) return false;
    const base = this.model.text(subscriptBase(target));
    if (this.model.text(a.base) === base || this.model.text(b.base) === base || !this.numeric(target)) return false;
    this.kinds.add('outer');
    this.first ??= term;
    return true;
  }

  /**
   * The result holds numbers: a scalar started at a number (`s = 0.0`), or a table whose origin
   * writes no string (`[[0] * n for _ in range(m)]`, `np.zeros(...)`; `""` would make it string work).
   */
  private numeric(target: SNode): boolean {
    if (target.type === 'identifier') {
      const name = this.model.text(target);
      return this.scalars.has(name) || numberOf(this.model.resolve(this.model.value(target))) !== undefined;
    }
    const base = unparen(subscriptBase(target));
    const origin = this.model.originOf(this.model.text(base), base);
    return !origin || ![origin, ...descendants(origin)].some((d) => d.type === 'string');
  }

  /** `x[i] * y[k][j]` (or `x[i] ** 2`, `x` with itself): two operands indexed by loop variables (and constants) only. */
  private factors(term: SNode): [{ base: SNode; vars: Set<string> }, { base: SNode; vars: Set<string> }] | undefined {
    const t = unparen(term);
    const op = t.type === 'binary_operator' ? this.model.text(t.children.find((c) => c.field === 'operator') ?? t) : '';
    const square = op === '**' && this.model.text(unparen(child(t, 'right') ?? t)) === '2';
    if (op !== '*' && !square) return undefined;
    const x = child(t, 'left');
    const y = square ? x : child(t, 'right');
    const a = x && unparen(x).type === 'subscript' ? this.cell(unparen(x)) : undefined;
    const b = y && unparen(y).type === 'subscript' ? this.cell(unparen(y)) : undefined;
    if (!a || !b || a.size === 0 || b.size === 0) return undefined;
    return [
      { base: subscriptBase(unparen(x!)), vars: a },
      { base: subscriptBase(unparen(y!)), vars: b },
    ];
  }

  /**
   * The loop variables indexing `x[i][k]` / `x[i, k]` when every index is one of them (plus or
   * minus a constant) or an integer, and the base a plain name: undefined otherwise (slices, `i + k`, calls).
   */
  private cell(n: SNode): Set<string> | undefined {
    const base = unparen(subscriptBase(n));
    // A plain container (`w`, `self.t`): not one rebuilt by a call per element (`self.cofactors().rows`).
    if ((base.type !== 'identifier' && base.type !== 'attribute') || [...descendants(base)].some((d) => d.type === 'call')) return undefined;
    const out = new Set<string>();
    for (const k of subscriptIndices(n)) {
      let key = unparen(k);
      if (key.type === 'integer') continue;
      // `w[i + 1]`: a fixed offset (a bias term skipped) still walks the operand once.
      const op = key.type === 'binary_operator' ? this.model.text(key.children.find((c) => c.field === 'operator') ?? key) : '';
      const right = child(key, 'right');
      if ((op === '+' || op === '-') && right && unparen(right).type === 'integer') key = unparen(child(key, 'left') ?? key);
      if (key.type !== 'identifier' || !this.vars.has(this.model.text(key))) return undefined;
      out.add(this.model.text(key));
    }
    return out;
  }
}

/** In a `@jit`/`@numba.njit`/Taichi kernel, where loops are compiled. */
function compiled(model: ModuleModel, node: SNode): boolean {
  return model.context(node).func?.decorators.some((d) => /jit|numba|taichi|kernel/i.test(d.qualified ?? model.text(d.node))) ?? false;
}

/** `zip(a, b)` of two operands that are not a handful of written-down values. */
function zipOfTwo(model: ModuleModel, node: SNode | undefined): boolean {
  const n = node && unparen(node);
  const call = n?.type === 'call' ? model.callSite(n) : undefined;
  if (call?.qualified !== 'zip' || call.hasSplat || call.args.length !== 2 || call.kwargs.size > 0) return false;
  // Named sequences: not `zip(model.parameters(), coeffs)`, a handful of tensors scaled and summed.
  return call.args.every((a) => {
    const n = unparen(a.node);
    const v = model.resolve(a);
    const count = elementCount(model, a.node);
    return (n.type === 'identifier' || n.type === 'attribute') && !(v.kind === 'list' && v.items.length <= SMALL_EXTENT) && !(count !== undefined && count <= SMALL_EXTENT);
  });
}

/** `x * y` of exactly the two names bound by `for x, y in zip(a, b)`. */
function zippedProduct(model: ModuleModel, term: SNode | undefined, targets: string[]): boolean {
  const t = term && unparen(term);
  if (t?.type !== 'binary_operator' || model.text(t.children.find((c) => c.field === 'operator') ?? t) !== '*') return false;
  const names = [child(t, 'left'), child(t, 'right')].map((x) => (x && unparen(x).type === 'identifier' ? model.text(unparen(x)) : ''));
  return names[0] !== names[1] && names.every((x) => targets.includes(x));
}

/** `for x, y in zip(a, b): s += x * y` with `s` started at a number: the product term. */
function zipDot(model: ModuleModel, loop: LoopInfo): SNode | undefined {
  if (!zipOfTwo(model, loop.iter)) return undefined;
  const stmts = loop.body.children.filter((c) => c.type !== 'comment');
  const e = stmts.length === 1 && stmts[0].type === 'expression_statement' ? stmts[0].children[0] : undefined;
  const left = e && child(e, 'left');
  let term = e && child(e, 'right');
  if (!e || left?.type !== 'identifier' || !term) return undefined;
  if (e.type === 'augmented_assignment') {
    if (model.text(e.children.find((c) => c.field === 'operator') ?? e) !== '+=') return undefined;
  } else if (e.type === 'assignment') {
    const r = unparen(term);
    const x = child(r, 'left');
    if (r.type !== 'binary_operator' || model.text(r.children.find((c) => c.field === 'operator') ?? r) !== '+' || !x || model.text(unparen(x)) !== model.text(left)) return undefined;
    term = child(r, 'right');
  } else return undefined;
  if (numberOf(model.resolve(model.value(left))) === undefined) return undefined;
  return zippedProduct(model, term, loop.targets) ? term : undefined;
}

/**
 * `sum(a[i] * b[i] for i in range(n))` or `sum(x * y for x, y in zip(a, b))`: a dot product in
 * a generator. Returns the product term.
 */
function sumOfProducts(model: ModuleModel, call: CallSite): SNode | undefined {
  if (call.qualified !== 'sum' || call.args.length !== 1 || call.kwargs.size > 0 || call.hasSplat || compiled(model, call.node)) return undefined;
  const gen = unparen(call.args[0].node);
  if (gen.type !== 'generator_expression') return undefined;
  const clauses = gen.children.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
  const body = child(gen, 'body');
  const left = clauses.length === 1 && clauses[0].type === 'for_in_clause' ? child(clauses[0], 'left') : undefined;
  const iter = clauses[0] && child(clauses[0], 'right');
  if (!body || !left || !iter) return undefined;
  if (left.type === 'identifier') {
    const check = new ProductCheck(model);
    return check.rangeLoop(iter, model.text(left)) && !check.small && check.contracts(body, model.text(left)) ? body : undefined;
  }
  const targets = names(model, left);
  return targets.length === 2 && zipOfTwo(model, iter) && zippedProduct(model, body, targets) ? body : undefined;
}

/** Functions written to show the slow way: `naive_relu`, `slow_sum`, `reference_matmul`, `matmul_by_hand`. */
const TEACHING_NAME = /(^|_)(naive|slow|reference|scratch|by_hand|pure_python|unvectori[sz]ed)(_|$)/i;

function teachingFunction(model: ModuleModel, node: SNode): boolean {
  const fn = model.context(node).func;
  return fn !== undefined && TEACHING_NAME.test(fn.name);
}

const CLOCKS = /^(time\.(time|perf_counter|process_time|monotonic)(_ns)?|timeit\.default_timer|datetime\.datetime\.now)$/;

/**
 * A loop written to be shown slow: in a `naive_*`-style function, or timed (`start = time()` just
 * before it and `time() - start` just after), as a tutorial does before the vectorised version.
 */
function demonstration(model: ModuleModel, loop: LoopInfo): boolean {
  if (teachingFunction(model, loop.node)) return true;
  const block = loop.node.parent;
  if (!block) return false;
  const siblings = namedChildren(block);
  const at = siblings.indexOf(loop.node);
  const clocked = (nodes: SNode[]) => nodes.some((s) => model.calls.some((c) => c.node.start >= s.start && c.node.end <= s.end && CLOCKS.test(c.qualified ?? '')));
  return at >= 0 && clocked(siblings.slice(Math.max(0, at - 3), at)) && clocked(siblings.slice(at + 1, at + 3));
}

/**
 * Whole-array work per iteration: the body reads a window of the array sliced by the loop's
 * variables (`(X[i:i + h, j:j + w] * K).sum()`, a convolution or pooling written out).
 */
function windowed(model: ModuleModel, loop: LoopInfo): boolean {
  const vars = new Set([...loop.targets, ...[...descendants(loop.body)].filter((d) => d.type === 'for_statement').flatMap((d) => model.text(child(d, 'left') ?? d).split(/[\s,()]+/))]);
  return [...descendants(loop.body)].some((d) => d.type === 'slice' && [...descendants(d)].some((x) => x.type === 'identifier' && vars.has(model.text(x))));
}

/** `for i in range(N)` with `N = 16` or fewer written down, and nothing nested: a handful of steps. */
function fewWrittenDown(model: ModuleModel, loop: LoopInfo): boolean {
  const it = loop.iter && unparen(loop.iter);
  if (!it || it.type !== 'call' || [...descendants(loop.body)].some((d) => d.type === 'for_statement' || d.type === 'while_statement')) return false;
  const c = model.callSite(it);
  if (c.qualified !== 'range' || c.args.length !== 1) return false;
  const n = numberOf(model.resolve(c.args[0]));
  return n !== undefined && n <= SMALL_LITERAL;
}

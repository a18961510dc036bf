// FRG302: `DataFrame.apply(func, axis=1)`, which calls a Python function once per row.
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, descendants, enclosingStatement, type SNode, unparen } from '../../parse/syntax';
import { replaceNode } from '../fixes';
import type { Rule } from '../rule';
import { isDataFrame } from './shared';
import { tracedWorkload } from '../training/workload';

/** NumPy functions that work the same on a scalar and on a column. */
const UFUNCS = new Set(['numpy.log', 'numpy.log1p', 'numpy.log2', 'numpy.log10', 'numpy.exp', 'numpy.sqrt', 'numpy.abs', 'numpy.square', 'numpy.sign']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%', '**']);

/** Where a replacement expression needs no parentheses: it stands alone there. */
const STANDALONE_PARENTS = new Set(['assignment', 'augmented_assignment', 'expression_statement', 'keyword_argument', 'argument_list', 'return_statement', 'parenthesized_expression']);

export const dataframeRowApply: Rule = {
  meta: {
    code: 'FRG302',
    name: 'dataframe-row-apply',
    category: 'data',
    severity: 'warning',
    summary: '`DataFrame.apply(func, axis=1)` calls a Python function once per row',
    messages: {
      default:
        '`DataFrame.apply(..., axis=1)` calls the function once per row with a freshly built Series: use vectorised column operations (or Polars expressions)',
    },
    fixTitle: 'Replace the row-wise `apply` with column arithmetic',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for `df.apply(func, axis=1)` (also `axis="columns"`, `df.apply(func, 1)` and tqdm\'s `progress_apply`) on a pandas DataFrame: by origin (`pd.read_csv`, `pd.DataFrame(...)`, a `.copy()`/`.merge()`/subscript of one, a `pd.DataFrame` annotation) or of unknown origin in a file that imports pandas, since only pandas-style DataFrames take `axis=1` in `apply`. `Series.apply`, `groupby(...).apply` and `apply(..., engine="numba")` are not flagged. A frame made in the code with fewer than 1,000 written-down rows (`pd.DataFrame(np.random.randn(4, 3))`, a dict of short lists) is low confidence, kept back unless `confidence = "low"`, and so is a frame read only from local files under 1 MB (a few thousand rows).',
      whyBad:
        '`apply(axis=1)` is a Python loop in disguise: for each row pandas builds a Series (an index plus a dtype-converted copy of the row) and calls the function through the interpreter. Column operations do the same arithmetic in compiled loops over contiguous arrays, typically orders of magnitude faster, so the CPU runs far less for the same result.',
      evidence:
        'Row-wise `apply` is an instance of the "Unnecessary Iteration" ML code smell (Zhang et al., "Code Smells for Machine Learning Applications", CAIN 2022), whose remedy is the vectorised API. There is no measured energy figure for this pattern alone; the saving grows with the number of rows.',
      example: 'df["total"] = df.apply(lambda r: r["price"] * r["qty"], axis=1)\ndf["label"] = df.apply(lambda r: "big" if r["total"] > 100 else "small", axis=1)',
      useInstead:
        'df["total"] = df["price"] * df["qty"]\ndf["label"] = np.where(df["total"] > 100, "big", "small")\n\n# Polars\ndf = df.with_columns((pl.col("price") * pl.col("qty")).alias("total"))',
      fixSafety:
        'A fix is offered only for a lambda that does arithmetic on the row\'s columns (`lambda r: r["a"] * r["b"]`), and it is unsafe: the column expression can differ from the row-wise result in dtype (a row of mixed columns is upcast before the lambda sees it) and on an empty frame, where `apply` returns a DataFrame.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    return {
      call(call) {
        if ((call.name !== 'apply' && call.name !== 'progress_apply') || !call.receiver) return;
        if (!isRowWise(model.arg(call, 'axis', 1))) return;
        const engine = call.kwargs.get('engine');
        if (engine?.kind === 'string' && engine.value === 'numba') return;
        if (!isDataFrame(model, call.receiver, true)) return;
        const callee = unparen(call.callee);
        const text = columnArithmetic(model, call);
        // A frame of a few rows written in the code (`pd.DataFrame(np.random.randn(4, 3))`, a dict of short lists) is a demo of the API;
        // one read only from local files under 1 MB holds a few thousand rows at most, done in milliseconds.
        const written = fewWrittenRows(model, call.receiver);
        const smallFile = !written && tracedWorkload(model, enclosingStatement(call.node), ctx.path, ctx.cwd).onlySmallFiles === true;
        ctx.report({
          node: child(callee, 'attribute') ?? callee,
          fix: text === undefined ? undefined : { safety: 'unsafe', edits: [replaceNode(call.node, text)] },
          confidence: written || smallFile ? 'low' : undefined,
          why: smallFile ? 'the frame is read from a local file under 1 MB: a few thousand rows at most, done in milliseconds' : 'the frame is a few rows written in the code',
        });
      },
    };
  },
};

/** Rows below which a frame made in the code is a demo. */
const DEMO_ROWS = 1000;

/** The frame is made in the code with a written-down number of rows under `DEMO_ROWS`. */
function fewWrittenRows(model: ModuleModel, receiver: SNode): boolean {
  const r = unparen(receiver);
  const origin = r.type === 'identifier' ? model.originOf(model.text(r), r) : r;
  const made = origin && unparen(origin);
  if (made?.type !== 'call') return false;
  const c = model.callSite(made);
  if (c.qualified !== 'pandas.DataFrame' || !c.args[0]) return false;
  const data = unparen(c.args[0].node);
  if (data.type === 'dictionary') return data.children.filter((p) => p.type === 'pair').every((p) => { const v = child(p, 'value'); return v !== undefined && (v.type === 'list' || v.type === 'tuple') && v.children.length < DEMO_ROWS; });
  if (data.type === 'list') return data.children.length < DEMO_ROWS;
  if (data.type !== 'call') return false;
  // `np.random.randn(4, 3)`, `np.random.standard_normal((4, 3))`, `np.arange(12).reshape((4, 3))`.
  const inner = model.callSite(data);
  const first = inner.args[0] && unparen(inner.args[0].node);
  const rows = first?.type === 'tuple' ? first.children.find((x) => x.type === 'integer') : first?.type === 'integer' ? first : undefined;
  return /^numpy\.(random\.\w+|zeros|ones|empty|full)$/.test(inner.qualified ?? '') && rows !== undefined && Number(model.text(rows)) < DEMO_ROWS;
}

function isRowWise(axis: Value | undefined): boolean {
  return (axis?.kind === 'number' && axis.value === 1) || (axis?.kind === 'string' && axis.value === 'columns');
}

/**
 * `df["a"] * df["b"]` for `df.apply(lambda r: r["a"] * r["b"], axis=1)`: only arithmetic on
 * the row's columns (by string key), numbers, other names and NumPy ufuncs, on a plain receiver.
 */
function columnArithmetic(model: ModuleModel, call: CallSite): string | undefined {
  if (call.name !== 'apply' || call.hasSplat || call.args.length === 0 || call.args.length > 2) return undefined;
  if ([...call.kwargs.keys()].some((k) => k !== 'axis')) return undefined;
  const receiver = unparen(call.receiver!);
  if (receiver.type !== 'identifier' && receiver.type !== 'attribute') return undefined;
  const fn = unparen(call.args[0].node);
  const params = child(fn, 'parameters');
  const body = child(fn, 'body');
  if (fn.type !== 'lambda' || !params || !body || params.children.length !== 1 || params.children[0].type !== 'identifier') return undefined;
  const row = model.text(params.children[0]);
  const columns: SNode[] = [];
  if (!isColumnArithmetic(model, body, row, columns) || columns.length === 0) return undefined;
  // The row name may appear only as `row["col"]`.
  for (const d of [body, ...descendants(body)]) {
    if (d.type === 'identifier' && model.text(d) === row && !columns.some((c) => d.start >= c.start && d.end <= c.end)) return undefined;
  }
  columns.sort((a, b) => a.start - b.start);
  const frame = model.text(receiver);
  let text = '';
  let at = body.start;
  for (const c of columns) {
    const key = c.children.find((k) => k.field === 'subscript')!;
    text += model.file.text.slice(at, c.start) + `${frame}[${model.text(key)}]`;
    at = c.end;
  }
  text += model.file.text.slice(at, body.end);
  const atom = unparen(body).type === 'subscript' || unparen(body).type === 'call';
  const standalone = atom || STANDALONE_PARENTS.has(call.node.parent?.type ?? '');
  return standalone ? text : `(${text})`;
}

function isColumnArithmetic(model: ModuleModel, node: SNode, row: string, columns: SNode[]): boolean {
  const n = unparen(node);
  switch (n.type) {
    case 'integer':
    case 'float':
      return true;
    case 'identifier':
      return model.text(n) !== row;
    case 'attribute':
      return !model.text(n).startsWith(`${row}.`);
    case 'subscript': {
      const value = child(n, 'value');
      const keys = n.children.filter((c) => c.field === 'subscript');
      if (!value || unparen(value).type !== 'identifier' || model.text(unparen(value)) !== row) return false;
      if (keys.length !== 1 || keys[0].type !== 'string' || model.value(keys[0]).kind !== 'string') return false;
      columns.push(n);
      return true;
    }
    case 'unary_operator': {
      const arg = child(n, 'argument');
      return arg !== undefined && isColumnArithmetic(model, arg, row, columns);
    }
    case 'binary_operator': {
      const op = child(n, 'operator');
      const left = child(n, 'left');
      const right = child(n, 'right');
      if (!op || !left || !right || !ARITHMETIC.has(model.text(op))) return false;
      return isColumnArithmetic(model, left, row, columns) && isColumnArithmetic(model, right, row, columns);
    }
    case 'call': {
      const c = model.callSite(n);
      return c.qualified !== undefined && UFUNCS.has(c.qualified) && c.kwargs.size === 0 && !c.hasSplat && c.args.every((a) => isColumnArithmetic(model, a.node, row, columns));
    }
    default:
      return false;
  }
}

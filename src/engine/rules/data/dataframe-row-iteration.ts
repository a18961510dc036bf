// FRG301: a pandas DataFrame walked row by row, with `iterrows()` or an index loop doing
// `.loc`/`.iloc`/`.at` lookups per row.
import type { LoopInfo, ModuleModel } from '../../model/model';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { numberValue } from '../training/training-apis';
import { frameKind, isDataFrame, loopHeader, subscriptIndices, unwrapProgress } from './shared';

/** Per-row accessors that exist only on pandas objects. */
const PANDAS_ACCESSORS = new Set(['loc', 'iloc', 'at', 'iat']);

export const dataframeRowIteration: Rule = {
  meta: {
    code: 'FRG301',
    name: 'dataframe-row-iteration',
    category: 'data',
    severity: 'warning',
    summary: 'pandas DataFrame iterated row by row (`iterrows()` or an index loop with `.loc`/`.iloc`/`.at`)',
    messages: {
      iterrows:
        '`DataFrame.iterrows()` builds a pandas Series for every row: use vectorised column operations (or Polars expressions); if the loop must stay, `itertuples()` is far cheaper',
      indexLoop:
        'Row-by-row loop over `{frame}` with per-row lookups like `{lookup}`: each one runs pandas indexing in Python; use vectorised column operations (or Polars expressions)',
    },
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for pandas DataFrames walked one row at a time: `df.iterrows()`, and loops over `range(len(df))`, `range(df.shape[0])` or `df.index` that read or write the frame with `df.loc[i, ...]`, `df.iloc[i]`, `df.at[i, ...]`, `df.iat[i, ...]` or `df["col"][i]`. The receiver must be a DataFrame by origin (`pd.read_csv`, `pd.DataFrame(...)`, a `.copy()`/`.merge()`/subscript of one, a `pd.DataFrame` annotation), or of unknown origin in a file that imports pandas when the method or accessor exists only in pandas. `iterrows()` over a few rows (`df.head(5)`, `df.sample(3)`, `df[:20]`, `df.iloc[0:5]`, `df[:TOTAL_EPISODES]` with `TOTAL_EPISODES = 5`, up to 100, also through a variable or a function parameter every call of which passes such rows) and loops whose body only prints, displays, plots or adds to a printed table each row (an index loop too: `for i in df.index: plt.scatter(df.loc[i, "x"], ...)`) are left alone. `itertuples()` is not flagged: it is the form the pandas documentation recommends when iteration cannot be avoided. An `iterrows` loop whose rows each go through a library call (a sentiment scorer, a tokenizer, a request, also through a name assigned from the row: `smiles = r["smiles"]; Chem.MolFromSmiles(smiles)`) is low confidence: the loop is not what costs.',
      whyBad:
        'pandas keeps each column in a NumPy array and does its work in compiled code. `iterrows()` instead creates a new Series (with its index and a dtype conversion) for every row, and each `.loc`/`.iloc`/`.at` lookup runs pandas indexing logic in the interpreter. On a frame of a million rows that is millions of Python-level operations for work that one vectorised column expression does in a few native loops, so the CPU runs far longer for the same result.',
      evidence:
        'Row-wise iteration is the "Unnecessary Iteration" ML code smell (Zhang et al., "Code Smells for Machine Learning Applications", CAIN 2022); the pandas user guide says iterating through pandas objects is generally slow and that `itertuples()` is generally faster than `iterrows()`. There is no measured energy figure for this pattern alone; the saving grows with the number of rows.',
      example:
        'totals = []\nfor _, row in df.iterrows():\n    totals.append(row["price"] * row["qty"])\ndf["total"] = totals\n\nfor i in range(len(df)):\n    df.loc[i, "z"] = (df.loc[i, "x"] - mu) / sigma',
      useInstead:
        'df["total"] = df["price"] * df["qty"]\ndf["z"] = (df["x"] - mu) / sigma\n\n# Polars\ndf = df.with_columns((pl.col("price") * pl.col("qty")).alias("total"))',
      fixSafety: 'No fix is offered: turning a loop body into column operations needs an understanding of what the body does.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    // A local class with its own `iterrows` method makes the method name alone ambiguous.
    const localIterrows = model.functions.some((f) => f.cls && f.name === 'iterrows');
    return {
      call(call) {
        if (call.name !== 'iterrows' || !call.receiver || call.args.length > 0 || call.kwargs.size > 0) return;
        if (!isDataFrame(model, call.receiver, !localIterrows)) return;
        if (isPeek(model, call.node) || fewRows(model, call.receiver) || displayLoop(model, call.node)) return;
        const callee = unparen(call.callee);
        // A loop whose rows each go through a library call (a sentiment scorer, a tokenizer, a request)
        // spends its time there: iterating costs little beside it, and there may be no vectorised form.
        const loop = model.loops.find((l) => l.iter && l.iter.start <= call.node.start && call.node.end <= l.iter.end);
        const library = loop !== undefined && perRowLibraryCall(model, loop);
        ctx.report({ node: child(callee, 'attribute') ?? callee, messageId: 'iterrows', confidence: library ? 'low' : undefined, why: library ? 'each row goes through a library call, which is where the time goes' : undefined });
      },
      loop(loop) {
        if (loop.targets.length !== 1 || !loop.iter || loop.kind === 'while') return;
        const frame = rowRangeFrame(model, loop.iter);
        if (!frame) return;
        const lookup = rowLookup(model, loop, frame);
        if (!lookup || showsOnly(model, loop.body)) return;
        const clause = loop.kind === 'comprehension' ? loop.iter.parent : undefined;
        ctx.report({
          node: clause ?? loopHeader(loop),
          messageId: 'indexLoop',
          data: { frame: model.text(frame), lookup: describeLookup(model, lookup) },
        });
      },
    };
  },
};

/** Calls a row loop may make that stay cheap: builtins, string and container methods, NumPy/pandas/math. */
const CHEAP_ROW_CALLS = new Set(['len', 'int', 'float', 'str', 'bool', 'round', 'abs', 'min', 'max', 'sum', 'isinstance', 'append', 'extend', 'add', 'get', 'items', 'keys', 'values', 'format', 'lower', 'upper', 'strip', 'split', 'join', 'replace', 'startswith', 'endswith', 'print', 'range', 'enumerate', 'zip', 'list', 'dict', 'set', 'tuple', 'update', 'isna', 'notna', 'isnull', 'notnull', 'tolist', 'item']);

/**
 * The loop body sends row values through a call outside pandas, NumPy and Python's cheap
 * builtins (`sia.polarity_scores(row["text"])`, `nltk.sent_tokenize(...)`, `requests.get(...)`):
 * per-row work the loop itself is not the cost of.
 */
function perRowLibraryCall(model: ModuleModel, loop: { body: SNode; targets: string[] }): boolean {
  // Names the body assigns from a row (`smiles = r["isosmiles"]`) carry it on.
  const rowNames = new Set(loop.targets);
  for (const d of descendants(loop.body)) {
    const left = d.type === 'assignment' ? child(d, 'left') : undefined;
    const right = left?.type === 'identifier' ? child(d, 'right') : undefined;
    if (right && [right, ...descendants(right)].some((x) => x.type === 'identifier' && rowNames.has(model.text(x)))) rowNames.add(model.text(left!));
  }
  return model.calls.some((c) => {
    if (c.node.start < loop.body.start || c.node.end > loop.body.end || CHEAP_ROW_CALLS.has(c.name)) return false;
    const q = c.qualified ?? '';
    if (/^(numpy|pandas|math|builtins)\./.test(q)) return false;
    const reads = [...c.args, ...c.kwargs.values()].some((a) => [a.node, ...descendants(a.node)].some((x) => x.type === 'identifier' && rowNames.has(model.text(x))));
    // `clf(row["text"])` with `clf = pipeline("sentiment-analysis")`: an object a library made, called per row.
    const callee = unparen(c.callee);
    const origin = callee.type === 'identifier' ? model.originOf(model.text(callee), callee) : undefined;
    const made = origin !== undefined && unparen(origin).type === 'call' && model.callSite(unparen(origin)).qualified !== undefined;
    return reads && (q !== '' || c.receiver !== undefined || made);
  });
}

/**
 * Rows that are shown, not processed: `df.head(5)`, `df.sample(3)`, `df.tail(10)`, `df[:20]`,
 * `df.iloc[0:5]`, also through a variable or a parameter every call of whose function passes such rows
 * (`print_rich_table(df.iloc[0:5])`).
 */
function fewRows(model: ModuleModel, receiver: SNode, depth = 0): boolean {
  const r = unparen(receiver);
  if (depth > 3) return false;
  if (r.type === 'call') {
    const c = model.callSite(r);
    const n = c.args[0] ?? c.kwargs.get('n');
    return ['head', 'tail', 'sample', 'nlargest', 'nsmallest'].includes(c.name) && (n === undefined || (n.kind === 'number' && n.value <= 100));
  }
  if (r.type === 'subscript') {
    const key = r.children.find((k) => k.field === 'subscript');
    const m = key && /^(?:(\d+)\s*)?:\s*(\d+)(?:\s*\+\s*(\d+))?$/.exec(model.text(key).trim());
    if (m) return Number(m[2]) + Number(m[3] ?? 0) - Number(m[1] ?? 0) <= 100;
    // `df[:NUM_ROWS]`, `df.iloc[:n_rows]` with the bound a constant, a default or an option's default.
    const stop = key?.type === 'slice' && model.text(key).trim().startsWith(':') ? key.children.find((k) => k.type !== ':') : undefined;
    const n = stop && numberValue(model, model.value(stop));
    return n !== undefined && n <= 100;
  }
  if (r.type !== 'identifier') return false;
  const name = model.text(r);
  const fn = model.context(r).func;
  const index = fn ? fn.params.indexOf(name) : -1;
  // A parameter shadows a module-level name of the same spelling.
  const origin = model.originOf(name, r);
  const local = origin !== undefined && (!fn || (origin.start >= fn.node.start && origin.end <= fn.node.end));
  if (origin && (index < 0 || local)) return fewRows(model, origin, depth + 1);
  if (!fn || index < 0) return false;
  const offset = fn.cls && fn.params[0] === 'self' ? 1 : 0;
  const passed = model.calls.filter((c) => c.name === fn.name && !c.hasSplat).map((c) => model.arg(c, name, index - offset));
  return passed.length > 0 && passed.every((a) => a !== undefined && fewRows(model, a.node, depth + 1));
}

/** Calls that show a row: printing, logging, a table row, a point on a plot. */
const DISPLAY_CALLS = /^(print|display|log\w*|info|debug|write|add_row|scatter|plot|annotate|text|bar|barh)$/;

/** A loop over `iterrows()` whose body only prints or displays each row: bound by the output, not by pandas. */
function displayLoop(model: ModuleModel, iterrows: SNode): boolean {
  const loop = model.loops.find((l) => l.kind === 'for' && l.iter && unparen(l.iter) === iterrows);
  if (!loop) return false;
  return loop.body.children.every((s) => {
    if (s.type === 'comment') return true;
    const e = s.type === 'expression_statement' ? s.children[0] : undefined;
    return e?.type === 'call' && DISPLAY_CALLS.test(model.callSite(e).name);
  });
}

/**
 * A loop body whose calls only show what they read (`plt.scatter(row["x"], row["y"])`, printing)
 * besides cheap builtins, and which writes nothing back: bound by the output, not by pandas.
 */
function showsOnly(model: ModuleModel, body: SNode): boolean {
  const calls = model.calls.filter((c) => c.node.start >= body.start && c.node.end <= body.end);
  const writes = [...descendants(body)].some((d) => (d.type === 'assignment' || d.type === 'augmented_assignment') && child(d, 'left')?.type === 'subscript');
  return !writes && calls.some((c) => DISPLAY_CALLS.test(c.name)) && calls.every((c) => DISPLAY_CALLS.test(c.name) || (CHEAP_ROW_CALLS.has(c.name) && c.name !== 'append'));
}

/** `next(df.iterrows())` peeks at one row; it is not a loop over the frame. */
function isPeek(model: ModuleModel, node: SNode): boolean {
  const list = node.parent;
  const call = list?.type === 'argument_list' ? list.parent : undefined;
  return call?.type === 'call' && model.callSite(call).qualified === 'next';
}

/** The frame whose rows `range(len(df))`, `range(df.shape[0])`, `range(0, len(df))` or `df.index` walk (also inside `tqdm`). */
function rowRangeFrame(model: ModuleModel, iter: SNode): SNode | undefined {
  const { node: it, range: progressRange } = unwrapProgress(model, iter);
  if (it.type === 'attribute' && model.text(child(it, 'attribute') ?? it) === 'index') return child(it, 'object');
  if (it.type !== 'call') return undefined;
  const range = model.callSite(it);
  if ((range.qualified !== 'range' && !progressRange) || range.args.length === 0 || range.args.length > 2) return undefined;
  if (range.args.length === 2 && !(range.args[0].kind === 'number' && range.args[0].value === 0)) return undefined;
  return rowCountOf(model, range.args[range.args.length - 1].node);
}

/** `len(df)`, `len(df.index)`, `df.shape[0]` → `df`. */
function rowCountOf(model: ModuleModel, node: SNode): SNode | undefined {
  const n = unparen(node);
  if (n.type === 'call') {
    const call = model.callSite(n);
    const arg = call.args[0]?.node;
    if (call.qualified !== 'len' || call.args.length !== 1 || !arg) return undefined;
    const a = unparen(arg);
    if (a.type === 'attribute' && model.text(child(a, 'attribute') ?? a) === 'index') return child(a, 'object');
    return a;
  }
  if (n.type === 'subscript') {
    const value = child(n, 'value');
    const keys = subscriptIndices(n);
    if (!value || keys.length !== 1 || model.text(keys[0]) !== '0') return undefined;
    const v = unparen(value);
    if (v.type === 'attribute' && model.text(child(v, 'attribute') ?? v) === 'shape') return child(v, 'object');
  }
  return undefined;
}

/**
 * The first per-row lookup on `frame` with the loop index inside the loop, or undefined.
 * Plain `[...]` indexing counts only on a frame known by origin, since lists and dicts
 * index the same way; `.loc`/`.iloc`/`.at`/`.iat` exist only in pandas.
 */
function rowLookup(model: ModuleModel, loop: LoopInfo, frame: SNode): SNode | undefined {
  if (!isDataFrame(model, frame, true)) return undefined;
  const index = loop.targets[0];
  const frameText = model.text(frame);
  const known = frameKind(model, frame) === 'frame';
  const scope = loop.kind === 'comprehension' ? loop.node : loop.body;
  for (const d of descendants(scope)) {
    if (d.type !== 'subscript') continue;
    const first = d.children.find((c) => c.field === 'subscript');
    if (!first || model.text(unparen(first)) !== index) continue;
    const value = unparen(child(d, 'value') ?? d);
    if (value.type === 'attribute') {
      const attr = model.text(child(value, 'attribute') ?? value);
      const obj = unparen(child(value, 'object') ?? value);
      if (PANDAS_ACCESSORS.has(attr) && (model.text(obj) === frameText || columnOf(model, obj) === frameText)) return d;
      if (known && model.text(obj) === frameText) return d;
    } else if (known && value.type === 'subscript' && columnOf(model, value) === frameText) {
      return d;
    }
  }
  return undefined;
}

/** How a lookup is shown in the message: its text when short, else its accessor. */
function describeLookup(model: ModuleModel, lookup: SNode): string {
  const text = model.text(lookup);
  if (text.length <= 40 && !text.includes('\n')) return text;
  const value = unparen(child(lookup, 'value') ?? lookup);
  return value.type === 'attribute' ? `.${model.text(child(value, 'attribute') ?? value)}[...]` : '[...]';
}

/** The frame text of a column access: `df` for `df["col"]` or `df.col`. */
function columnOf(model: ModuleModel, node: SNode): string | undefined {
  if (node.type === 'subscript') {
    const keys = node.children.filter((c) => c.field === 'subscript');
    const value = child(node, 'value');
    return value && keys.length === 1 && keys[0].type === 'string' ? model.text(unparen(value)) : undefined;
  }
  if (node.type === 'attribute') {
    const obj = child(node, 'object');
    return obj ? model.text(unparen(obj)) : undefined;
  }
  return undefined;
}

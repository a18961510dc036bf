// FRG307: a data file read whole (pandas or Polars) when every later use of the frame names a
// few literal columns, so the reader parses and holds columns nobody uses.
import path from 'node:path';
import { readInputHead, statInput } from '../../inputs';
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import { addKeyword } from '../fixes';
import type { Rule, RuleContext } from '../rule';
import { CONFIDENCE_DOCS } from '../training/workload';

interface Reader {
  /** The keyword that selects columns. */
  keyword: 'usecols' | 'columns';
  polars: boolean;
  csv: boolean;
}

const READERS: Record<string, Reader> = {
  'pandas.read_csv': { keyword: 'usecols', polars: false, csv: true },
  'pandas.read_table': { keyword: 'usecols', polars: false, csv: true },
  'pandas.read_excel': { keyword: 'usecols', polars: false, csv: false },
  'pandas.read_parquet': { keyword: 'columns', polars: false, csv: false },
  'pandas.read_feather': { keyword: 'columns', polars: false, csv: false },
  'polars.read_csv': { keyword: 'columns', polars: true, csv: true },
  'polars.read_parquet': { keyword: 'columns', polars: true, csv: false },
  'polars.read_ipc': { keyword: 'columns', polars: true, csv: false },
};

/** Options that change what the columns are called or which exist: the frame's columns are then not the file's. */
const COLUMN_OPTIONS = ['usecols', 'columns', 'names', 'header', 'index_col', 'chunksize', 'iterator', 'new_columns', 'has_header', 'squeeze', 'sheet_name', 'skiprows'];

/**
 * Used columns above which a file whose header cannot be read is left alone: the rule cannot
 * know how many columns the file has, and a frame that names many of them may well use all.
 */
const MAX_UNSEEN_COLUMNS = 2;
/** A local file smaller than this reads in milliseconds whatever its columns. */
const SMALL_FILE_BYTES = 1024 * 1024;
/** Local files below this are reported at low confidence: they parse in well under a second. */
const MODEST_FILE_BYTES = 16 * 1024 * 1024;

/** DataFrame attributes and methods: `df.name` with one of these is not a column. */
const FRAME_MEMBERS = new Set([
  'T', 'at', 'iat', 'loc', 'iloc', 'ix', 'values', 'columns', 'index', 'dtypes', 'shape', 'size', 'ndim', 'empty', 'axes',
  'attrs', 'flags', 'style', 'plot', 'sparse', 'str', 'dt', 'cat', 'abs', 'add', 'agg', 'aggregate', 'align', 'all', 'any',
  'apply', 'applymap', 'map', 'assign', 'astype', 'boxplot', 'clip', 'combine', 'copy', 'corr', 'count', 'cov', 'cummax',
  'cummin', 'cumprod', 'cumsum', 'describe', 'diff', 'div', 'dot', 'drop', 'drop_duplicates', 'dropna', 'duplicated', 'eq',
  'equals', 'eval', 'explode', 'ffill', 'bfill', 'fillna', 'filter', 'first', 'floordiv', 'ge', 'get', 'groupby', 'gt',
  'head', 'hist', 'idxmax', 'idxmin', 'info', 'insert', 'interpolate', 'isin', 'isna', 'isnull', 'items', 'iterrows',
  'itertuples', 'join', 'keys', 'kurt', 'last', 'le', 'lt', 'mask', 'max', 'mean', 'median', 'melt', 'memory_usage',
  'merge', 'min', 'mod', 'mode', 'mul', 'ne', 'nlargest', 'notna', 'notnull', 'nsmallest', 'nunique', 'pct_change',
  'pipe', 'pivot', 'pivot_table', 'pop', 'pow', 'prod', 'quantile', 'query', 'rank', 'reindex', 'rename', 'replace',
  'resample', 'reset_index', 'rolling', 'round', 'sample', 'select_dtypes', 'sem', 'set_axis', 'set_index', 'shift',
  'skew', 'sort_index', 'sort_values', 'squeeze', 'stack', 'std', 'sub', 'sum', 'swapaxes', 'tail', 'take', 'transform',
  'transpose', 'truncate', 'unstack', 'update', 'value_counts', 'var', 'where', 'xs', 'to_csv', 'to_numpy', 'to_dict',
  'to_json', 'to_parquet', 'to_excel', 'to_sql', 'to_pickle', 'to_records', 'to_string', 'to_markdown', 'to_html',
  'to_latex', 'to_feather', 'to_xarray', 'to_clipboard', 'to_hdf', 'to_period', 'to_timestamp', 'convert_dtypes',
  'infer_objects', 'ewm', 'expanding', 'corrwith', 'rename_axis', 'add_prefix', 'add_suffix', 'reindex_like', 'combine_first',
  'isetitem', 'pop', 'nth', 'height', 'width', 'schema', 'lazy', 'select', 'with_columns', 'group_by', 'unique',
]);

/** Methods that keep every row's columns and only reorder, fill or subset rows: the result is followed like the frame. */
const ROW_METHODS = new Set(['sort_values', 'reset_index', 'copy', 'fillna', 'ffill', 'bfill', 'sort_index', 'nlargest', 'nsmallest', 'dropna', 'drop_duplicates', 'sample', 'set_index']);
/** Row methods whose result depends on every column unless `subset` names them. */
const SUBSET_METHODS = new Set(['dropna', 'drop_duplicates']);
/** Calls in a boolean row mask (`df[df.a.isin(xs)]`). */
const MASK_CALLS = new Set(['isin', 'notna', 'notnull', 'isna', 'isnull', 'between', 'contains', 'startswith', 'endswith', 'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'duplicated']);

/** Builtins that reach variables by name at run time. */
const DYNAMIC = new Set(['eval', 'exec', 'globals', 'locals', 'vars']);

/** String literals of a string or a list of strings; undefined for anything else. */
function literalColumns(model: ModuleModel, v: Value | undefined): string[] | undefined {
  if (!v) return undefined;
  const r = model.resolve(v);
  if (r.kind === 'string') return [r.value];
  if (r.kind === 'list' && r.items.length > 0 && r.items.every((i) => i.kind === 'string')) return r.items.map((i) => (i as { value: string }).value);
  return undefined;
}

function parentOf(node: SNode): SNode | undefined {
  let p = node.parent ?? undefined;
  while (p?.type === 'parenthesized_expression') p = p.parent ?? undefined;
  return p;
}

/** Whether `node` (seen through parentheses) is the `field` child of `parent`. */
function isChild(parent: SNode, field: string, node: SNode): boolean {
  let n = node;
  while (n.parent && n.parent !== parent && n.parent.type === 'parenthesized_expression') n = n.parent;
  return child(parent, field) === n;
}

class ColumnUses {
  /** Columns read, with the first place each is read. */
  readonly reads = new Map<string, number>();
  /** Columns written, with the first place each is written. */
  readonly writes = new Map<string, number>();
  /** Other names the frame is bound to (`sub = df[df.a > 0]`). */
  readonly aliases: SNode[] = [];

  constructor(
    private readonly model: ModuleModel,
    private readonly polars: boolean,
  ) {}

  private read(cols: string[], at: SNode): void {
    for (const c of cols) if (!this.reads.has(c)) this.reads.set(c, at.start);
  }

  private write(cols: string[], statement: SNode, afterRightSide: boolean): void {
    const at = afterRightSide ? statement.end : statement.start;
    for (const c of cols) if (!this.writes.has(c)) this.writes.set(c, at);
  }

  /** Whether every use of `expr`, which evaluates to the whole frame, names literal columns. */
  follow(expr: SNode, depth = 0): boolean {
    if (depth > 12) return false;
    const { model } = this;
    const p = parentOf(expr);
    if (!p) return false;
    if (p.type === 'subscript' && isChild(p, 'value', expr)) return this.subscript(p, depth);
    if (p.type === 'attribute' && isChild(p, 'object', expr)) return this.attribute(p, depth);
    if (p.type === 'argument_list') {
      const call = p.parent && p.parent.type === 'call' ? model.callSite(p.parent) : undefined;
      return call?.qualified === 'len' && call.args.length === 1;
    }
    if (p.type === 'assignment' && isChild(p, 'right', expr)) {
      const left = child(p, 'left');
      if (left?.type !== 'identifier') return false;
      this.aliases.push(left);
      return true;
    }
    return p.type === 'delete_statement';
  }

  private subscript(s: SNode, depth: number): boolean {
    const { model } = this;
    const keys = s.children.filter((c) => c.field === 'subscript');
    if (keys.length !== 1) return false;
    const key = unparen(keys[0]);
    const p = parentOf(s);
    const stored = p !== undefined && (p.type === 'assignment' || p.type === 'augmented_assignment') && isChild(p, 'left', s);
    const cols = literalColumns(model, model.value(key));
    if (cols) {
      // The right side is read before the column is written: `df["a"] = df["a"].fillna(0)`.
      if (stored && p!.type === 'assignment') this.write(cols, p!, true);
      else this.read(cols, s);
      return true;
    }
    if (stored || this.polars) return false;
    // A row selection (`df[df.a > 0]`, `df[:100]`): the result holds every column again.
    const mask = key.type === 'slice' || key.type === 'comparison_operator' || key.type === 'boolean_operator' || key.type === 'unary_operator' ||
      (key.type === 'binary_operator' && /^[&|]$/.test(model.text(child(key, 'operator') ?? key))) ||
      (key.type === 'call' && MASK_CALLS.has(model.callSite(key).name));
    return mask && this.follow(s, depth + 1);
  }

  private attribute(a: SNode, depth: number): boolean {
    const { model } = this;
    const name = model.text(child(a, 'attribute') ?? a);
    const p = parentOf(a);
    if (p?.type === 'call' && isChild(p, 'function', a)) return this.method(model.callSite(p), name, depth);
    if (name === 'loc' || name === 'at') return p?.type === 'subscript' && isChild(p, 'value', a) && this.loc(p, depth);
    if (name === 'shape') {
      const key = p?.type === 'subscript' ? p.children.find((c) => c.field === 'subscript') : undefined;
      return key !== undefined && model.text(key) === '0';
    }
    if (name === 'index' || name === 'empty' || name === 'height') return true;
    if (FRAME_MEMBERS.has(name) || this.polars || name.startsWith('_')) return false;
    // `df.age`: a column (assigning `df.age = ...` sets an attribute, not a column).
    if (p && p.type === 'assignment' && isChild(p, 'left', a)) return false;
    this.read([name], a);
    return true;
  }

  /** `df.loc[rows, "a"]`, `df.loc[rows, ["a", "b"]]`, `df.loc[rows]` (followed as the frame). */
  private loc(s: SNode, depth: number): boolean {
    const { model } = this;
    const keys = s.children.filter((c) => c.field === 'subscript');
    const p = parentOf(s);
    const stored = p !== undefined && (p.type === 'assignment' || p.type === 'augmented_assignment') && isChild(p, 'left', s);
    if (keys.length === 2) {
      const cols = literalColumns(model, model.value(keys[1]));
      if (!cols) return false;
      if (stored && p!.type === 'assignment') this.write(cols, p!, true);
      else this.read(cols, s);
      return true;
    }
    return keys.length === 1 && !stored && this.follow(s, depth + 1);
  }

  private method(call: CallSite, name: string, depth: number): boolean {
    const { model } = this;
    if (call.hasSplat) return false;
    if (this.polars) {
      if (name === 'get_column') return this.take(literalColumns(model, call.args[0]), call.node);
      if (name === 'select') {
        const cols = call.args.flatMap((a) => literalColumns(model, a) ?? polarsColumn(model, a) ?? ['\0']);
        return call.kwargs.size === 0 && cols.length > 0 && !cols.includes('\0') && this.take(cols, call.node);
      }
      return false;
    }
    if (name === 'get') return this.take(literalColumns(model, call.args[0]), call.node);
    if (name === 'groupby') {
      const by = literalColumns(model, model.arg(call, 'by', 0));
      if (!by || call.args.length > 1) return false;
      const p = parentOf(call.node);
      if (p?.type === 'subscript' && isChild(p, 'value', call.node)) {
        const keys = p.children.filter((c) => c.field === 'subscript');
        const cols = keys.length === 1 ? literalColumns(model, model.value(keys[0])) : undefined;
        return this.take(cols && [...by, ...cols], call.node);
      }
      if (p?.type === 'attribute' && isChild(p, 'object', call.node) && model.text(child(p, 'attribute') ?? p) === 'size') return this.take(by, call.node);
      return false;
    }
    if (!ROW_METHODS.has(name)) return false;
    const named: string[] = [];
    for (const k of ['by', 'subset', 'columns', 'keys']) {
      const v = call.kwargs.get(k);
      if (!v) continue;
      const cols = literalColumns(model, v);
      if (!cols) return false;
      named.push(...cols);
    }
    if (SUBSET_METHODS.has(name) && !call.kwargs.has('subset')) return false;
    if ((name === 'sort_values' || name === 'set_index') && !call.kwargs.has('by') && !call.kwargs.has('keys')) {
      const first = literalColumns(model, call.args[0]);
      if (!first) return false;
      named.push(...first);
    }
    if ((name === 'nlargest' || name === 'nsmallest')) {
      const cols = literalColumns(model, model.arg(call, 'columns', 1));
      if (!cols) return false;
      named.push(...cols);
    }
    if (call.kwargs.get('inplace')?.kind === 'bool') {
      // `df.dropna(subset=[...], inplace=True)` returns None: nothing more to follow.
      this.read(named, call.node);
      return parentOf(call.node)?.type === 'expression_statement';
    }
    this.read(named, call.node);
    return this.follow(call.node, depth + 1);
  }

  private take(cols: string[] | undefined, at: SNode): boolean {
    if (!cols) return false;
    this.read(cols, at);
    return true;
  }
}

/** `pl.col("a")` (possibly with methods chained: `pl.col("a").sum()`): its column. */
function polarsColumn(model: ModuleModel, v: Value): string[] | undefined {
  let n = unparen(v.node);
  while (n.type === 'call') {
    const call = model.callSite(n);
    if (call.qualified === 'polars.col') return literalColumns(model, call.args[0]);
    if (!call.receiver) return undefined;
    n = unparen(call.receiver);
    if (n.type === 'attribute') n = unparen(child(n, 'object') ?? n);
  }
  return undefined;
}

/** The header and size of a local CSV file named by a literal path, when it can be read; `small` when the file is too small to matter. */
function csvHeader(ctx: RuleContext, call: CallSite): { columns: string[]; bytes: number } | 'small' | undefined {
  const arg = call.args[0] ?? call.kwargs.get('filepath_or_buffer') ?? call.kwargs.get('source');
  const v = arg && ctx.model.resolve(arg);
  if (v?.kind !== 'string' || /^[a-z][a-z0-9+.-]*:\/\//i.test(v.value) || !/\.(csv|tsv|txt)$/i.test(v.value)) return undefined;
  const sepArg = call.kwargs.get('sep') ?? call.kwargs.get('delimiter') ?? call.kwargs.get('separator');
  const sep = sepArg?.kind === 'string' ? sepArg.value : /\.tsv$/i.test(v.value) ? '\t' : ',';
  const candidates = path.isAbsolute(v.value) ? [v.value] : [...(ctx.path ? [path.resolve(path.dirname(ctx.path), v.value)] : []), path.resolve(ctx.cwd, v.value)];
  for (const file of candidates) {
    // Missing or unreadable: the header is unknown.
    const stat = statInput(file);
    if (!stat) continue;
    if (stat.size < SMALL_FILE_BYTES) return 'small';
    const line = readInputHead(file, 64 * 1024)?.toString('utf8').split(/\r?\n/)[0];
    if (line) return { columns: line.split(sep).map((c) => c.trim().replace(/^"|"$/g, '')), bytes: stat.size };
  }
  return undefined;
}

/** Identifiers named `name` that read or bind the variable (not attribute names or keywords). */
function occurrences(model: ModuleModel, name: string, scope: SNode): SNode[] {
  const out: SNode[] = [];
  for (const d of descendants(scope)) {
    if (d.type !== 'identifier' || model.text(d) !== name) continue;
    if (d.parent?.type === 'attribute' && d.field === 'attribute') continue;
    if (d.parent?.type === 'keyword_argument' && d.field === 'name') continue;
    out.push(d);
  }
  return out;
}

/** Columns the reader itself must keep: `parse_dates`, `dtype` and `converters` keys. Undefined when they cannot be read. */
function readerColumns(model: ModuleModel, call: CallSite): string[] | undefined {
  const out: string[] = [];
  const dates = call.kwargs.get('parse_dates');
  if (dates && !(dates.kind === 'bool')) {
    const cols = literalColumns(model, dates);
    if (!cols) return undefined;
    out.push(...cols);
  }
  for (const k of ['dtype', 'converters']) {
    const v = call.kwargs.get(k);
    if (!v) continue;
    const r = model.resolve(v);
    // One dtype for every column (`dtype=str`) names none.
    if (r.kind !== 'dict') {
      if (k === 'dtype' && (r.kind === 'name' || r.kind === 'string')) continue;
      return undefined;
    }
    for (const e of r.entries) {
      if (e.key.kind !== 'string') return undefined;
      out.push(e.key.value);
    }
  }
  return out;
}

/** The columns every use of the frame read by `call` needs, in order of first use; undefined when a use cannot be followed. */
function usedColumns(model: ModuleModel, call: CallSite, polars: boolean): string[] | undefined {
  const uses = new ColumnUses(model, polars);
  const assignment = parentOf(call.node);
  if (assignment?.type === 'assignment' && isChild(assignment, 'right', call.node)) {
    const target = child(assignment, 'left');
    if (target?.type !== 'identifier') return undefined;
    // A frame read in a function is local to it; one read at module level may be used anywhere.
    const scope = model.context(call.node).func?.node ?? model.file.root;
    const names = [target];
    const seen = new Set<string>();
    for (let i = 0; i < names.length; i++) {
      const name = model.text(names[i]);
      if (seen.has(name)) continue;
      seen.add(name);
      for (const o of occurrences(model, name, scope)) {
        const p = parentOf(o);
        // The binding itself, or a rebinding from the frame (`df = df[df.a > 0]`, `df = df.dropna(subset=["a"])`).
        if (p?.type === 'assignment' && isChild(p, 'left', o)) {
          const right = child(p, 'right');
          if (o === names[i] || (right && occurrences(model, name, right).some((x) => x.start >= right.start && x.end <= right.end))) continue;
          return undefined;
        }
        const before = uses.aliases.length;
        if (!uses.follow(o)) return undefined;
        names.push(...uses.aliases.slice(before));
      }
    }
  } else if (!uses.follow(call.node)) {
    return undefined;
  }
  const cols = [...uses.reads.entries()].filter(([c, at]) => (uses.writes.get(c) ?? Infinity) > at).sort((a, b) => a[1] - b[1]).map(([c]) => c);
  return cols;
}

export const readAllColumns: Rule = {
  meta: {
    code: 'FRG307',
    name: 'read-all-columns',
    category: 'data',
    severity: 'info',
    summary: 'Data file read with all its columns when the code uses only a few named ones',
    messages: {
      known: '`{reader}` reads all {total} columns of the file, but the frame is only ever used through {count} of them ({columns}): pass `{keyword}=[...]` so the others are never parsed or held in memory',
      unknown:
        '`{reader}` reads every column of the file, but the frame is only ever used through {count} named column{plural} ({columns}): if the file has more, pass `{keyword}=[...]` so the others are never parsed or held in memory',
    },
    fixTitle: 'Read only the columns used',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks `pd.read_csv`, `read_table`, `read_excel`, `read_parquet`, `read_feather` and Polars `pl.read_csv`, `read_parquet`, `read_ipc` calls without `usecols`/`columns` (nor `names`, `header`, `index_col`, `skiprows`, `sheet_name`, chunked reading or `**options`, which change what the columns are) whose frame is only ever used through literal columns. Every occurrence of the variable in the file must be one of: `df["a"]`, `df[["a", "b"]]`, `df.a` (pandas; not a DataFrame attribute or method), `df.loc[rows, "a"]`, `df.get("a")`, `df.groupby("a")["b"]`, `df.groupby("a").size()`, a row selection followed again (`df[df.a > 0]`, `df[:100]`, `df.loc[mask]`, `sort_values`/`set_index`/`nlargest` by literal columns, `dropna`/`drop_duplicates` with a literal `subset`, `fillna`, `reset_index`, `copy`, `sample`), a new column assigned (`df["c"] = ...`), `len(df)`, `df.shape[0]`, `df.index`, a rebinding from the frame itself (`df = df[df.a > 0]`) or an alias that is followed the same way (`sub = df[mask]`); for Polars, `df["a"]`, `df.get_column("a")` and `df.select("a", pl.col("b"))`. Files that call `eval`, `exec`, `globals()`, `locals()` or `vars()` are left alone, since they may reach the frame by name. Any other use stops the rule: the frame returned, passed to a function, printed or shown as a notebook cell, iterated, `describe()`, `head()` shown, `info()`, `columns`, `values`, `to_*`, `drop`, `merge`, `apply`, `query`, `rename`, `iloc`, a column list held in a variable, or the name rebound to something else. Columns that `parse_dates`, `dtype` or `converters` name are kept. The number of columns in the file is known only when the path is a literal naming a local CSV file with a header row; then the rule reports only when fewer columns are used than the file has. A local file under 1 MB is left alone (it reads in milliseconds), and one under 16 MB is low confidence (it parses in a fraction of a second). Otherwise it reports only when at most 2 columns are used, and the message says that the saving depends on the file having more: with more columns named, files that hold just those columns (a `test.csv` of an id and a text) become too common to report.' + ' ' + CONFIDENCE_DOCS.columns,
      whyBad:
        'Every column of a CSV file is tokenised, converted and stored even when the analysis reads two of them; string columns cost the most memory. `usecols` makes pandas skip the others while parsing; for Parquet and Feather, `columns` reads only those column chunks from disk. A file with dozens of columns read for two of them spends most of its parse time, memory and energy on data that is thrown away.',
      evidence:
        'The pandas user guide, "Scaling to large datasets" (section "Load less data"), builds a wide Parquet file of 40 columns and recommends reading the 4 it needs with `columns=[...]` (and `usecols` for CSV) instead of loading all 40 and selecting afterwards: "Option 2 only loads the columns we request"; Polars\' documentation recommends projection for the same reason. There is no published energy figure for column selection alone: the saving is proportional to the share of the file\'s bytes in columns that are not used.',
      example: 'df = pd.read_csv("sales.csv")\nmonthly = df.groupby("month")["amount"].sum()',
      useInstead: 'df = pd.read_csv("sales.csv", usecols=["month", "amount"])\nmonthly = df.groupby("month")["amount"].sum()',
      fixSafety:
        'Unsafe: the rule sees every use of the frame in this file but not the file\'s contents, and code elsewhere (another module, a later notebook session) may expect the other columns; `usecols` also raises an error if a listed column is missing from the file. It adds `usecols=[...]` (pandas CSV and Excel) or `columns=[...]` (Parquet, Feather and Polars) with the columns used, in order of first use, plus the columns `parse_dates`, `dtype` and `converters` name.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    if (!model.importsModule('pandas') && !model.importsModule('polars')) return {};
    // `eval("pd.merge(x, " + name + ")")`, `globals()[name]`: frames used by name at run time.
    if (model.calls.some((c) => c.callee.type === 'identifier' && DYNAMIC.has(c.name))) return {};
    return {
      call(call) {
        const reader = call.qualified ? READERS[call.qualified] : undefined;
        if (!reader || call.hasSplat || call.args.length > 1 || (call.args.length === 0 && call.kwargs.size === 0)) return;
        if (COLUMN_OPTIONS.some((k) => call.kwargs.has(k) && call.kwargs.get(k)!.kind !== 'none')) return;
        const extra = readerColumns(model, call);
        if (!extra) return;
        const used = usedColumns(model, call, reader.polars);
        if (!used || used.length === 0) return;
        const columns = [...used, ...extra.filter((c) => !used.includes(c))];
        const found = reader.csv ? csvHeader(ctx, call) : undefined;
        if (found === 'small') return;
        const header = found?.columns;
        if (header ? columns.length >= header.length || columns.some((c) => !header.includes(c)) : used.length > MAX_UNSEEN_COLUMNS) return;
        // A file of a few MB parses in a fraction of a second: reading fewer columns saves milliseconds.
        const mb = found && found.bytes < MODEST_FILE_BYTES ? (found.bytes / (1024 * 1024)).toFixed(1) : undefined;
        const list = `[${columns.map((c) => JSON.stringify(c)).join(', ')}]`;
        const shown = used.map((c) => `\`${c}\``).join(', ');
        ctx.report({
          node: call.callee,
          messageId: header ? 'known' : 'unknown',
          // Only a header read from the file on disk shows columns left unread; without it the file may hold just these.
          confidence: header && !mb ? undefined : 'low',
          why: mb ? `the file is ${mb} MB: it parses in a fraction of a second, so reading fewer columns saves milliseconds` : 'the file could not be read to see which columns it holds',
          data: { reader: call.qualified!.replace(/^pandas\./, 'pd.').replace(/^polars\./, 'pl.'), total: header?.length ?? 0, count: used.length, plural: used.length === 1 ? '' : 's', columns: shown, keyword: reader.keyword },
          fix: { safety: 'unsafe', edits: [addKeyword(model, call, reader.keyword, list)] },
        });
      },
    };
  },
};

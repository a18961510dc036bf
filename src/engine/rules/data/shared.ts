// Helpers shared by the data-processing rules: what an expression is known to be (a pandas
// DataFrame, a NumPy array or a tensor), from its origin or a parameter's annotation.
import path from 'node:path';
import { statInput } from '../../inputs';
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import { child, type SNode, unparen } from '../../parse/syntax';

/** Libraries whose DataFrames follow the pandas API (`iterrows`, `apply(axis=1)`, `.loc`). */
const PANDAS_LIKE = ['pandas', 'modin.pandas', 'geopandas', 'pyspark.pandas', 'dask.dataframe'];

const PANDAS_LIKE_LONGEST_FIRST = [...PANDAS_LIKE].sort((a, b) => b.length - a.length);

/** Libraries whose frames or arrays are not pandas DataFrames. */
const NOT_PANDAS = ['polars', 'pyspark.sql', 'numpy', 'torch', 'tensorflow', 'jax', 'cudf', 'vaex', 'datatable', 'ibis'];

/** Functions of a pandas-like module that return a DataFrame. */
const FRAME_FACTORIES = new Set([
  'DataFrame', 'GeoDataFrame', 'DataFrame.from_dict', 'DataFrame.from_records', 'concat', 'merge', 'merge_asof',
  'merge_ordered', 'get_dummies', 'json_normalize', 'pivot_table', 'crosstab', 'from_pandas', 'read_csv', 'read_table',
  'read_fwf', 'read_parquet', 'read_json', 'read_excel', 'read_feather', 'read_orc', 'read_sql', 'read_sql_query',
  'read_sql_table', 'read_stata', 'read_sas', 'read_spss', 'read_xml', 'read_clipboard', 'read_file', 'read_postgis',
]);

/** DataFrame methods that return a DataFrame when called on one (a Series on a Series). */
const FRAME_METHODS = new Set([
  'copy', 'merge', 'join', 'dropna', 'fillna', 'ffill', 'bfill', 'interpolate', 'query', 'assign', 'sort_values',
  'sort_index', 'reset_index', 'set_index', 'drop', 'drop_duplicates', 'rename', 'head', 'tail', 'sample', 'astype',
  'replace', 'select_dtypes', 'filter', 'where', 'mask', 'round', 'abs', 'clip', 'explode', 'melt', 'nlargest',
  'nsmallest', 'reindex', 'transpose', 'infer_objects', 'convert_dtypes', 'truncate', 'rename_axis', 'add_prefix',
  'add_suffix', 'set_axis',
]);

/** Methods that turn another library's table into a pandas DataFrame. */
const TO_PANDAS = new Set(['to_pandas', 'toPandas', 'to_frame', 'to_pandas_df']);

/** Methods that return a grouped or windowed view, whose `apply` is not row-wise. */
const GROUPED = new Set(['groupby', 'rolling', 'expanding', 'ewm', 'resample']);

/** Attributes of a DataFrame that are not columns. */
const FRAME_ATTRIBUTES = new Set([
  'values', 'columns', 'index', 'dtypes', 'shape', 'size', 'ndim', 'empty', 'str', 'dt', 'cat', 'plot', 'sparse',
  'attrs', 'axes', 'style', 'flags', 'swifter',
]);

const URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Size in bytes of a regular local file named by `file`, relative to the analysed script's folder
 * (`script`) or the working directory; undefined for URLs, `~` paths and missing or unreadable files.
 */
export function fileSizeOnDisk(file: string, script: string, cwd: string): number | undefined {
  if (file === '' || file.startsWith('~')) return undefined;
  if (URL.test(file)) return rawCopySize(file, script);
  const candidates = path.isAbsolute(file) ? [file] : [...(script ? [path.resolve(path.dirname(script), file)] : []), path.resolve(cwd, file)];
  for (const candidate of candidates) {
    // Unreadable paths (permissions, odd names) count as missing.
    const stat = statInput(candidate);
    if (stat?.isFile()) return stat.size;
  }
  return undefined;
}

/** A file of a GitHub repository by its raw address: `raw.githubusercontent.com/owner/repo/branch/path`, `github.com/owner/repo/raw/branch/path`. */
const RAW_GITHUB = /^https?:\/\/(?:raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[^/]+|github\.com\/[^/]+\/[^/]+\/(?:raw|blob)\/[^/]+)\/([^?#]+)$/;

/**
 * The size of the local copy of a file read from its repository's raw address
 * (`pd.read_csv("https://raw.githubusercontent.com/mrdbourke/zero-to-mastery-ml/master/data/heart-disease.csv")`
 * in a notebook of that repository): `data/heart-disease.csv` under the script's folder or one above it.
 */
function rawCopySize(url: string, script: string): number | undefined {
  const m = RAW_GITHUB.exec(url);
  if (!m || !script) return undefined;
  let dir = path.dirname(script);
  for (let i = 0; i < 6; i++) {
    const stat = statInput(path.join(dir, decodeURIComponent(m[1])));
    if (stat?.isFile()) return stat.size;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

export type FrameKind = 'frame' | 'series' | 'other' | 'unknown';

function under(q: string, modules: string[]): boolean {
  return modules.some((m) => q === m || q.startsWith(`${m}.`));
}

/** Whether the file imports pandas or a library with the pandas DataFrame API. */
export function importsPandas(model: ModuleModel): boolean {
  return PANDAS_LIKE.some((m) => model.importsModule(m));
}

/** The part of a qualified pandas-like name after its module (`read_csv` for `pandas.read_csv`). */
function pandasMember(q: string): string | undefined {
  const mod = PANDAS_LIKE_LONGEST_FIRST.find((m) => q.startsWith(`${m}.`));
  return mod ? q.slice(mod.length + 1) : undefined;
}

/** What a fully qualified callee returns, as far as frames go. */
function qualifiedFrameKind(q: string): FrameKind {
  const member = pandasMember(q);
  if (member !== undefined) {
    if (FRAME_FACTORIES.has(member)) return 'frame';
    if (member === 'Series') return 'series';
    return 'unknown';
  }
  return under(q, NOT_PANDAS) ? 'other' : 'unknown';
}

/** The qualified type named by a function parameter's annotation, when `name` is a parameter. */
export function annotationOf(model: ModuleModel, name: string, at: SNode): string | undefined {
  const fn = model.context(at).func;
  const params = fn && child(fn.node, 'parameters');
  for (const p of params?.children ?? []) {
    if (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter') continue;
    const id = child(p, 'name') ?? p.children.find((c) => c.type === 'identifier');
    if (!id || model.text(id) !== name) continue;
    const type = child(p, 'type');
    return type ? annotationType(model, type.children[0] ?? type) : undefined;
  }
  return undefined;
}

/** `pd.DataFrame`, `"pd.DataFrame"`, `Optional[pd.DataFrame]`, `pd.DataFrame | None`, `NDArray[np.float32]`. */
function annotationType(model: ModuleModel, node: SNode): string | undefined {
  const n = unparen(node);
  if (n.type === 'identifier' || n.type === 'attribute') return model.qualify(n);
  if (n.type === 'string') {
    const text = model.text(n).replace(/^['"]+|['"]+$/g, '').trim();
    const [head, ...rest] = text.split('.');
    const base = model.imports.get(head);
    return base && /^[\w.]+$/.test(text) ? [base, ...rest].join('.') : undefined;
  }
  if (n.type === 'binary_operator') {
    const parts = [child(n, 'left'), child(n, 'right')].filter((c): c is SNode => c !== undefined && c.type !== 'none');
    return parts.length === 1 ? annotationType(model, parts[0]) : undefined;
  }
  if (n.type === 'subscript' || n.type === 'generic_type') {
    const value = child(n, 'value') ?? n.children[0];
    const q = value && annotationType(model, value);
    if (q === 'typing.Optional') {
      const inner = n.children.find((c) => c.field === 'subscript') ?? n.children[1]?.children[0];
      return inner ? annotationType(model, inner) : undefined;
    }
    return q;
  }
  return undefined;
}

/**
 * What an expression is known to be as far as DataFrames go: `frame` from `pd.read_csv`,
 * `pd.DataFrame(...)`, frame-returning methods, subscripts and `pd.DataFrame` annotations;
 * `series` for a column; `other` for literals and other libraries; `unknown` otherwise.
 */
export function frameKind(model: ModuleModel, node: SNode, depth = 0): FrameKind {
  if (depth > 8) return 'unknown';
  const n = unparen(node);
  switch (n.type) {
    case 'identifier':
    case 'attribute': {
      const v = model.resolve(model.value(n));
      if (v.node !== n) return frameKind(model, v.node, depth + 1);
      if (n.type === 'identifier') {
        const name = model.text(n);
        if (name === 'self') {
          const cls = model.context(n).cls;
          return cls?.bases.some((b) => qualifiedFrameKind(b) === 'frame') ? 'frame' : 'other';
        }
        const q = annotationOf(model, name, n);
        return q ? qualifiedFrameKind(q) : 'unknown';
      }
      const obj = child(n, 'object');
      const attr = child(n, 'attribute');
      if (!obj || !attr) return 'unknown';
      const objKind = frameKind(model, obj, depth + 1);
      // An attribute of any other object may hold a DataFrame.
      if (objKind !== 'frame') return objKind === 'series' ? 'other' : 'unknown';
      const name = model.text(attr);
      if (name === 'T' || name === 'loc' || name === 'iloc') return 'frame';
      return FRAME_ATTRIBUTES.has(name) ? 'other' : 'series';
    }
    case 'call':
      return callFrameKind(model, model.callSite(n), depth);
    case 'subscript': {
      const value = child(n, 'value');
      const base = value ? frameKind(model, value, depth + 1) : 'unknown';
      // An element of a list or dict may be anything, a DataFrame included.
      if (base !== 'frame') return base === 'series' ? 'series' : 'unknown';
      const keys = n.children.filter((c) => c.field === 'subscript');
      const last = keys[keys.length - 1];
      return last && (last.type === 'string' || last.type === 'integer') ? 'series' : 'frame';
    }
    case 'list':
    case 'tuple':
    case 'dictionary':
    case 'set':
    case 'string':
    case 'integer':
    case 'float':
    case 'list_comprehension':
    case 'dictionary_comprehension':
    case 'generator_expression':
      return 'other';
    default:
      return 'unknown';
  }
}

function callFrameKind(model: ModuleModel, call: CallSite, depth: number): FrameKind {
  if (call.qualified) return qualifiedFrameKind(call.qualified);
  if (call.receiver) {
    if (TO_PANDAS.has(call.name)) return 'frame';
    if (GROUPED.has(call.name)) return 'other';
    if (FRAME_METHODS.has(call.name)) {
      const r = frameKind(model, call.receiver, depth + 1);
      return r === 'other' ? 'unknown' : r;
    }
    return 'unknown';
  }
  const callee = unparen(call.callee);
  if (callee.type !== 'identifier') return 'unknown';
  const cls = model.classes.get(model.text(callee));
  if (cls) return cls.bases.some((b) => qualifiedFrameKind(b) === 'frame') ? 'frame' : 'other';
  const returned = model.typesOf(call.node).map(qualifiedFrameKind);
  return returned.includes('frame') ? 'frame' : 'unknown';
}

/** A pandas DataFrame by origin, or (when `lenient`) of unknown origin in a file that imports pandas. */
export function isDataFrame(model: ModuleModel, node: SNode, lenient: boolean): boolean {
  const kind = frameKind(model, node);
  return kind === 'frame' || (lenient && kind === 'unknown' && importsPandas(model));
}

// ---- NumPy arrays and tensors ----

const NUMPY_ARRAYS = new Set([
  'array', 'asarray', 'asanyarray', 'ascontiguousarray', 'asfortranarray', 'copy', 'zeros', 'ones', 'empty', 'full',
  'zeros_like', 'ones_like', 'empty_like', 'full_like', 'arange', 'linspace', 'logspace', 'geomspace', 'eye',
  'identity', 'diag', 'loadtxt', 'genfromtxt', 'fromfile', 'frombuffer', 'fromiter', 'load', 'concatenate', 'stack',
  'vstack', 'hstack', 'dstack', 'column_stack', 'row_stack', 'tile', 'repeat', 'reshape', 'ravel', 'transpose',
  'squeeze', 'expand_dims', 'flip', 'sort', 'argsort', 'cumsum', 'cumprod', 'diff', 'dot', 'matmul', 'outer', 'cross',
  'convolve', 'abs', 'absolute', 'sqrt', 'exp', 'log', 'log1p', 'log2', 'log10', 'square', 'power', 'clip', 'maximum',
  'minimum', 'round', 'around', 'floor', 'ceil', 'sin', 'cos', 'tan', 'tanh', 'sign', 'flatnonzero', 'argwhere',
  'linalg.inv', 'linalg.pinv', 'linalg.solve', 'memmap', 'append', 'insert', 'delete', 'where', 'unique',
]);

/** `numpy.random` members that are not arrays (seeding and generator objects). */
const NUMPY_RANDOM_NOT_ARRAYS = new Set([
  'seed', 'default_rng', 'RandomState', 'Generator', 'shuffle', 'get_state', 'set_state', 'SeedSequence', 'PCG64',
  'MT19937', 'Philox', 'SFC64', 'BitGenerator',
]);

/** Generator methods that draw arrays (`rng.normal(size=n)`). */
const RNG_DRAWS = new Set([
  'normal', 'uniform', 'integers', 'random', 'standard_normal', 'choice', 'permutation', 'rand', 'randn', 'randint',
  'binomial', 'poisson', 'exponential', 'beta', 'gamma', 'lognormal', 'multivariate_normal', 'dirichlet',
]);

const TORCH_TENSORS = new Set([
  'tensor', 'as_tensor', 'from_numpy', 'Tensor', 'FloatTensor', 'LongTensor', 'DoubleTensor', 'IntTensor', 'zeros',
  'ones', 'empty', 'full', 'zeros_like', 'ones_like', 'empty_like', 'full_like', 'rand', 'randn', 'randint', 'randperm',
  'rand_like', 'randn_like', 'arange', 'linspace', 'logspace', 'eye', 'cat', 'concat', 'concatenate', 'stack', 'vstack',
  'hstack', 'matmul', 'mm', 'bmm', 'exp', 'log', 'sqrt', 'abs', 'sigmoid', 'tanh', 'relu', 'softmax', 'where',
  'clamp', 'flatten', 'reshape', 'squeeze', 'unsqueeze', 'transpose', 'permute', 'cumsum', 'multinomial',
]);

/** Methods that return an array or tensor when called on one. */
const ARRAY_METHODS = new Set([
  'reshape', 'flatten', 'ravel', 'copy', 'astype', 'transpose', 'squeeze', 'unsqueeze', 'detach', 'cpu', 'cuda', 'to',
  'float', 'double', 'half', 'long', 'int', 'view', 'contiguous', 'clone', 'permute', 'cumsum', 'clip', 'clamp',
  'round', 'abs', 'sqrt', 'exp', 'log',
]);

/** Reductions that return an array when given an axis (`probs.max(axis=1)`, `logits.argmax(dim=1)`). */
const REDUCTIONS = new Set([
  'sum', 'mean', 'max', 'min', 'argmax', 'argmin', 'std', 'var', 'prod', 'any', 'all', 'cumsum', 'cumprod', 'softmax',
  'log_softmax',
]);

/** Estimator methods that return a NumPy array (scikit-learn, Keras, XGBoost, LightGBM, CatBoost). */
const PREDICTIONS = new Set(['predict', 'predict_proba', 'predict_log_proba', 'decision_function']);

/** Methods that exist on tensors (and modules) but not on lists, dicts or DataFrames. */
const TENSOR_ONLY_METHODS = new Set(['to', 'cuda', 'cpu', 'detach']);

const ARRAY_TYPES = new Set(['numpy.ndarray', 'numpy.typing.NDArray', 'torch.Tensor', 'torch.FloatTensor', 'torch.LongTensor']);

/** The numpy or torch member a qualified name refers to (`random.rand` for `numpy.random.rand`). */
function libraryMember(q: string, lib: 'numpy' | 'torch'): string | undefined {
  return q.startsWith(`${lib}.`) ? q.slice(lib.length + 1) : undefined;
}

function isArrayFactory(call: CallSite): boolean {
  const q = call.qualified;
  if (!q) return false;
  const np = libraryMember(q, 'numpy');
  if (np !== undefined) {
    if (np === 'load') {
      const path = call.args[0] ?? call.kwargs.get('file');
      return !(path?.kind === 'string' && /\.npz$/i.test(path.value));
    }
    if (np.startsWith('random.')) return !NUMPY_RANDOM_NOT_ARRAYS.has(np.slice(7));
    // `np.where(cond)` alone returns a tuple of index arrays.
    if (np === 'where') return call.args.length === 3;
    return NUMPY_ARRAYS.has(np);
  }
  const t = libraryMember(q, 'torch');
  return t !== undefined && TORCH_TENSORS.has(t);
}

/**
 * Whether an expression is known to be a NumPy array or a torch tensor: from an array or
 * tensor factory, `.to_numpy()`/`.values`/`.numpy()`, arithmetic or indexing on one, or a
 * parameter annotated `np.ndarray`/`torch.Tensor`.
 */
export function isArray(model: ModuleModel, node: SNode, depth = 0): boolean {
  if (depth > 8) return false;
  const n = unparen(node);
  switch (n.type) {
    case 'identifier':
    case 'attribute': {
      const v = model.resolve(model.value(n));
      if (v.node !== n) return isArray(model, v.node, depth + 1);
      if (n.type === 'identifier') {
        const q = annotationOf(model, model.text(n), n);
        return q !== undefined && ARRAY_TYPES.has(q);
      }
      const obj = child(n, 'object');
      const attr = child(n, 'attribute');
      if (!obj || !attr) return false;
      const name = model.text(attr);
      if (name === 'T') return isArray(model, obj, depth + 1);
      if (name === 'values') {
        const kind = frameKind(model, obj);
        return kind === 'frame' || kind === 'series' || (kind === 'unknown' && importsPandas(model));
      }
      return false;
    }
    case 'call': {
      const call = model.callSite(n);
      if (isArrayFactory(call)) return true;
      if (!call.receiver || call.qualified) return false;
      if (call.name === 'to_numpy' || call.name === 'numpy') return true;
      if (PREDICTIONS.has(call.name)) return frameKind(model, call.receiver) === 'unknown';
      if (ARRAY_METHODS.has(call.name) && isArray(model, call.receiver, depth + 1)) return true;
      if (TENSOR_ONLY_METHODS.has(call.name)) return model.importsModule('torch') && frameKind(model, call.receiver) === 'unknown';
      if (REDUCTIONS.has(call.name) && (call.args.length > 0 || call.kwargs.has('axis') || call.kwargs.has('dim'))) {
        if (isArray(model, call.receiver, depth + 1)) return true;
        // `dim=` is torch's spelling; `max`/`min` with a dim return a (values, indices) pair.
        return call.kwargs.has('dim') && call.name !== 'max' && call.name !== 'min' && model.importsModule('torch');
      }
      if (RNG_DRAWS.has(call.name)) {
        const origin = model.originCall(call.receiver);
        return origin?.qualified === 'numpy.random.default_rng' || origin?.qualified === 'numpy.random.RandomState';
      }
      return false;
    }
    case 'subscript': {
      const value = child(n, 'value');
      if (!value) return false;
      const v = unparen(value);
      // `np.where(mask)[0]`, `np.nonzero(x)[0]`: one of the index arrays.
      const q = v.type === 'call' ? model.callSite(v).qualified : undefined;
      return q === 'numpy.where' || q === 'numpy.nonzero' || isArray(model, value, depth + 1);
    }
    case 'binary_operator': {
      const left = child(n, 'left');
      const right = child(n, 'right');
      return (left !== undefined && isArray(model, left, depth + 1)) || (right !== undefined && isArray(model, right, depth + 1));
    }
    case 'unary_operator': {
      const arg = child(n, 'argument');
      return arg !== undefined && isArray(model, arg, depth + 1);
    }
    case 'comparison_operator':
      return n.children.some((c) => c.field !== 'operators' && isArray(model, c, depth + 1));
    default:
      return false;
  }
}

// ---- loops ----

/** The iterable inside a progress bar: `xs` for `tqdm(xs, ...)`; `trange(n)` reads as `range(n)`. */
export function unwrapProgress(model: ModuleModel, iter: SNode): { node: SNode; range: boolean } {
  const n = unparen(iter);
  const call = n.type === 'call' ? model.callSite(n) : undefined;
  const q = call?.qualified ?? '';
  if (!call || !(q === 'tqdm' || q.startsWith('tqdm.'))) return { node: n, range: false };
  if (call.name === 'trange') return { node: n, range: true };
  const first = call.args[0] ?? call.kwargs.get('iterable');
  return call.name === 'tqdm' && first ? { node: unparen(first.node), range: false } : { node: n, range: false };
}

// ---- reporting ----

/** The header of a `for` loop (`for x in xs`), a small node to report on instead of the whole loop. */
export function loopHeader(loop: LoopInfo): SNode {
  const end = loop.iter ?? loop.node;
  return {
    type: 'for_header',
    field: null,
    start: loop.node.start,
    end: end.end,
    startRow: loop.node.startRow,
    startCol: loop.node.startCol,
    endRow: end.endRow,
    endCol: end.endCol,
    children: [],
    parent: loop.node.parent,
  };
}

/** The base object of a subscript chain: `a` for `a[i][j]`, `a[i, j]`. */
export function subscriptBase(node: SNode): SNode {
  let n = unparen(node);
  while (n.type === 'subscript') {
    const value = child(n, 'value');
    if (!value) break;
    n = unparen(value);
  }
  return n;
}

/** The index expressions of a subscript chain: `[i, j]` for `a[i][j]` or `a[i, j]`. */
export function subscriptIndices(node: SNode): SNode[] {
  const out: SNode[] = [];
  for (let n = unparen(node); n.type === 'subscript'; n = unparen(child(n, 'value') ?? n)) {
    out.unshift(...n.children.filter((c) => c.field === 'subscript'));
    if (!child(n, 'value')) break;
  }
  return out;
}

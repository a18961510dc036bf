// Helpers shared by the hyper-parameter search rules: sizes of literal value lists and grids
// (following variables that are never mutated), and recognising the calls that train a model.
import { contains, type CallSite, type FunctionInfo, type ModuleModel } from '../../model/model';
import { numberOf } from '../../model/values';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';

const MAX_DEPTH = 6;
const MUTATORS = new Set(['append', 'extend', 'insert', 'remove', 'pop', 'clear', 'update', 'setdefault', 'popitem', 'add', 'discard']);
const mutatedCache = new WeakMap<ModuleModel, Set<string>>();

const MUTATING_TYPES = ['call', 'augmented_assignment', 'assignment', 'delete_statement'];

/** Names changed in place somewhere in the file (`grid.update(...)`, `lrs += [...]`, `grid["x"] = ...`). */
function mutatedNames(model: ModuleModel): Set<string> {
  const cached = mutatedCache.get(model);
  if (cached) return cached;
  const out = new Set<string>();
  for (const n of MUTATING_TYPES.flatMap((t) => model.nodesOfType(t))) {
    if (n.type === 'call') {
      const fn = child(n, 'function');
      const obj = fn?.type === 'attribute' ? child(fn, 'object') : undefined;
      const attr = fn?.type === 'attribute' ? child(fn, 'attribute') : undefined;
      if (obj && attr && MUTATORS.has(model.text(attr))) out.add(model.text(obj));
    } else if (n.type === 'augmented_assignment' || n.type === 'assignment' || n.type === 'delete_statement') {
      const left = n.type === 'delete_statement' ? n.children[0] : child(n, 'left');
      if (!left) continue;
      if (n.type === 'augmented_assignment') out.add(model.text(left));
      for (const t of [left, ...descendants(left)]) {
        const v = t.type === 'subscript' ? child(t, 'value') : undefined;
        if (v) out.add(model.text(v));
      }
    }
  }
  mutatedCache.set(model, out);
  return out;
}

/** The expression a name stands for, following plain assignments; undefined when unknown or mutated. */
export function literalOrigin(model: ModuleModel, node: SNode, depth = 0): SNode | undefined {
  const n = unparen(node);
  if (n.type !== 'identifier' && n.type !== 'attribute') return n;
  if (depth > MAX_DEPTH || mutatedNames(model).has(model.text(n))) return undefined;
  const origin = model.originOf(model.text(n), n);
  return origin ? literalOrigin(model, origin, depth + 1) : undefined;
}

function numberArg(model: ModuleModel, call: CallSite, keyword: string, position: number): number | undefined {
  const v = model.arg(call, keyword, position);
  return v ? numberOf(model.resolve(v)) : undefined;
}

function rangeLength(start: number, stop: number, step: number): number | undefined {
  if (step === 0 || ![start, stop, step].every(Number.isInteger)) return undefined;
  return Math.max(0, Math.ceil((stop - start) / step));
}

function hasSplat(n: SNode): boolean {
  return n.children.some((c) => c.type === 'list_splat' || c.type === 'dictionary_splat' || c.type === 'parenthesized_list_splat');
}

/**
 * How many values a literal sequence holds: list/tuple/set displays, `range`, `np.linspace`/
 * `np.logspace`/`np.geomspace`/`np.arange` with literal bounds, one-clause comprehensions,
 * `list(...)`, concatenations, and `grid["key"]` on a literal dict.
 */
export function sequenceLength(model: ModuleModel, node: SNode, depth = 0): number | undefined {
  const n = literalOrigin(model, node);
  if (!n || depth > MAX_DEPTH) return undefined;
  switch (n.type) {
    case 'list':
    case 'tuple':
    case 'set':
      return hasSplat(n) ? undefined : n.children.filter((c) => c.type !== 'comment').length;
    case 'list_comprehension': {
      const clauses = n.children.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
      const right = clauses.length === 1 && clauses[0].type === 'for_in_clause' ? child(clauses[0], 'right') : undefined;
      return right ? sequenceLength(model, right, depth + 1) : undefined;
    }
    case 'subscript': {
      const dict = literalOrigin(model, child(n, 'value') ?? n);
      const key = child(n, 'subscript');
      if (dict?.type !== 'dictionary' || !key || hasSplat(dict)) return undefined;
      const wanted = model.value(key);
      if (wanted.kind !== 'string') return undefined;
      for (const pair of dict.children) {
        const k = pair.type === 'pair' ? model.value(child(pair, 'key')) : undefined;
        const v = pair.type === 'pair' ? child(pair, 'value') : undefined;
        if (k?.kind === 'string' && k.value === wanted.value && v) return sequenceLength(model, v, depth + 1);
      }
      return undefined;
    }
    case 'binary_operator': {
      // `[None] + list(range(5, 30, 5))`
      const left = child(n, 'left');
      const right = child(n, 'right');
      if (!left || !right || model.text(child(n, 'operator') ?? n) !== '+') return undefined;
      const a = sequenceLength(model, left, depth + 1);
      const b = a === undefined ? undefined : sequenceLength(model, right, depth + 1);
      return a === undefined || b === undefined ? undefined : a + b;
    }
    case 'call':
      return callLength(model, model.callSite(n), depth);
    default:
      return undefined;
  }
}

function callLength(model: ModuleModel, call: CallSite, depth: number): number | undefined {
  if (call.hasSplat) return undefined;
  const first = call.args[0];
  switch (call.qualified) {
    case 'list':
    case 'tuple':
    case 'sorted':
    case 'numpy.array':
    case 'numpy.asarray':
      return first && call.args.length === 1 ? sequenceLength(model, first.node, depth + 1) : undefined;
    case 'range': {
      const nums = call.args.map((a) => numberOf(model.resolve(a)));
      if (call.kwargs.size > 0 || nums.length === 0 || nums.length > 3 || nums.some((x) => x === undefined)) return undefined;
      const [a, b, s] = nums as number[];
      return nums.length === 1 ? rangeLength(0, a, 1) : rangeLength(a, b, s ?? 1);
    }
    case 'numpy.arange': {
      const start = numberArg(model, call, 'start', 0);
      const stop = numberArg(model, call, 'stop', 1);
      const step = numberArg(model, call, 'step', 2) ?? 1;
      if (start === undefined) return undefined;
      if (call.args.length === 1 && call.kwargs.size === 0) return rangeLength(0, start, 1);
      return stop === undefined ? undefined : rangeLength(start, stop, step);
    }
    case 'numpy.linspace':
    case 'numpy.logspace':
    case 'numpy.geomspace': {
      const num = model.arg(call, 'num', 2);
      if (!num) return 50;
      const value = numberOf(model.resolve(num));
      return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
    }
    default:
      return undefined;
  }
}

export interface GridSize {
  candidates: number;
  /** Hyper-parameters varied (the largest dict of a list of grids). */
  dims: number;
}

/**
 * Candidates of a scikit-learn parameter grid: a dict of value lists (product of their
 * lengths) or a list of such dicts (sum of the products), following variables.
 */
export function gridSize(model: ModuleModel, node: SNode, depth = 0): GridSize | undefined {
  const n = literalOrigin(model, node);
  if (!n || depth > MAX_DEPTH) return undefined;
  if (n.type === 'list' || n.type === 'tuple') {
    if (hasSplat(n)) return undefined;
    const parts = n.children.filter((c) => c.type !== 'comment').map((c) => gridSize(model, c, depth + 1));
    if (parts.some((p) => p === undefined)) return undefined;
    const sizes = parts as GridSize[];
    return { candidates: sizes.reduce((s, p) => s + p.candidates, 0), dims: Math.max(0, ...sizes.map((p) => p.dims)) };
  }
  const values: SNode[] = [];
  if (n.type === 'dictionary') {
    if (hasSplat(n) || n.children.some((c) => c.type !== 'pair' && c.type !== 'comment')) return undefined;
    for (const pair of n.children) {
      const v = pair.type === 'pair' ? child(pair, 'value') : undefined;
      if (v) values.push(v);
    }
  } else if (n.type === 'call') {
    const call = model.callSite(n);
    if (call.qualified !== 'dict' || call.hasSplat || call.args.length > 0) return undefined;
    for (const v of call.kwargs.values()) values.push(v.node);
  } else {
    return undefined;
  }
  let candidates = 1;
  for (const v of values) {
    const len = sequenceLength(model, v, depth + 1);
    if (len === undefined) return undefined;
    candidates *= len;
  }
  return { candidates, dims: values.length };
}

// ---- training calls ----

/** Calls that train a model by themselves. */
const TRAIN_FUNCTIONS = new Set([
  'xgboost.train', 'xgboost.cv', 'lightgbm.train', 'lightgbm.cv', 'catboost.train', 'catboost.cv',
  'sklearn.model_selection.cross_val_score', 'sklearn.model_selection.cross_validate', 'sklearn.model_selection.cross_val_predict',
  'fasttext.train_supervised', 'fasttext.train_unsupervised',
]);
const MODEL_PACKAGES = [
  'sklearn.', 'xgboost.', 'lightgbm.', 'catboost.', 'keras.', 'tensorflow.', 'lightning.', 'transformers.', 'trl.',
  'setfit.', 'sentence_transformers.', 'ultralytics.', 'prophet.', 'skorch.', 'autogluon.', 'gensim.models.',
];
/** Cheap estimators whose `fit` only learns a transformation. */
const NOT_MODELS = ['sklearn.preprocessing.', 'sklearn.feature_extraction.', 'sklearn.impute.', 'keras.preprocessing.', 'keras.layers.'];
const MODEL_NAME = /model|clf|classifier|regressor|estimator|net\b|network|learner|pipe|trainer|booster|gbm|xgb|lgb|forest|svm|svc|svr|knn|tree|ensemble|tuner/i;

function isModelType(t: string): boolean {
  return MODEL_PACKAGES.some((p) => t.startsWith(p)) && !NOT_MODELS.some((p) => t.startsWith(p));
}

/** Whether the object of `.fit()`/`.train()` looks like a model: by its type when known, else by its name. */
function modelish(model: ModuleModel, receiver: SNode): boolean {
  const types = model.typesOf(receiver);
  if (types.some((t) => t.includes('.'))) return types.some(isModelType);
  const last = unparen(receiver).type === 'attribute' ? child(unparen(receiver), 'attribute') : undefined;
  return MODEL_NAME.test(model.text(last ?? receiver)) || types.some((t) => MODEL_NAME.test(t));
}

function trainerish(model: ModuleModel, receiver: SNode): boolean {
  const types = model.typesOf(receiver);
  if (types.length > 0) return types.some((t) => /Trainer$/.test(t));
  return /trainer/i.test(model.text(receiver));
}

/** A `.backward()` or `.partial_fit()`: one optimisation step, so its loop is a training loop. */
export function isStepCall(call: CallSite): boolean {
  return call.receiver !== undefined && (call.name === 'backward' || call.name === 'partial_fit');
}

/** A call that trains a model: `.fit()`/`.train()` on a model or trainer, `xgb.train`, `.backward()`, … */
export function trainsModel(model: ModuleModel, call: CallSite): boolean {
  if (call.qualified && TRAIN_FUNCTIONS.has(call.qualified)) return true;
  if (isStepCall(call)) return true;
  const receiver = call.receiver;
  if (!receiver) return false;
  if (call.name === 'fit' || call.name === 'fit_generator') return modelish(model, receiver) || trainerish(model, receiver);
  if (call.name === 'train') {
    if (trainerish(model, receiver)) return true;
    // `model.train()` / `model.train(False)` switches a PyTorch module's mode; it trains nothing.
    const modeOnly = call.args.every((a) => a.kind === 'bool') && [...call.kwargs.keys()].every((k) => k === 'mode');
    return !modeOnly && modelish(model, receiver);
  }
  return false;
}

const trainingFunctions = new WeakMap<ModuleModel, Map<string, FunctionInfo>>();

/** Plain functions of the file whose body trains a model directly, by name. */
function localTrainingFunctions(model: ModuleModel): Map<string, FunctionInfo> {
  const cached = trainingFunctions.get(model);
  if (cached) return cached;
  const out = new Map<string, FunctionInfo>();
  for (const f of model.functions) {
    if (f.cls || out.has(f.name)) continue;
    if (model.calls.some((c) => contains(f.node, c.node) && trainsModel(model, c))) out.set(f.name, f);
  }
  trainingFunctions.set(model, out);
  return out;
}

/** The local function, called here, whose body trains a model (followed one level). */
export function calledTrainingFunction(model: ModuleModel, call: CallSite): FunctionInfo | undefined {
  if (unparen(call.callee).type !== 'identifier') return undefined;
  return localTrainingFunctions(model).get(call.name);
}

/** Whether a call trains, directly or through a local function that does. */
export function trainsModelOrCalls(model: ModuleModel, call: CallSite): boolean {
  return trainsModel(model, call) || calledTrainingFunction(model, call) !== undefined;
}

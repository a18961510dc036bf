// Helpers for FRG101, FRG102 and FRG104: what Keras models and callback lists look like, where an
// estimator is used after it is built, literal numbers behind names, and fix edits that add
// several keywords or list items in the code's own layout.
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, descendants, namedChildren, type SNode, unparen } from '../../parse/syntax';
import { addImport, addKeyword, localName } from '../fixes';
import type { OffsetEdit } from '../rule';

const KERAS_MODEL_TYPES = new Set([
  'keras.Sequential',
  'keras.Model',
  'keras.models.Sequential',
  'keras.models.Model',
  'keras.models.load_model',
  'keras.saving.load_model',
  'keras.models.clone_model',
]);

/** Whether a qualified type names a Keras model (built, loaded, an application or a subclass). */
function isKerasModelType(t: string): boolean {
  if (KERAS_MODEL_TYPES.has(t)) return true;
  if (t.startsWith('keras.applications.')) return /^[A-Z]/.test(t.slice(t.lastIndexOf('.') + 1));
  return /^keras_(hub|nlp|cv)\.models\./.test(t);
}

/** Libraries besides Keras whose models take `fit(..., epochs=...)`: a parameter could be one of them. */
const OTHER_EPOCH_FITTERS = ['torch', 'lightning', 'skorch', 'darts', 'fastai', 'neuralprophet', 'pytorch_tabnet', 'gluonts', 'sktime', 'ultralytics', 'autogluon', 'pytorch_forecasting'];

/**
 * Whether an expression is a Keras model: by its origin (constructor, factory, local subclass,
 * a local function returning one or returning the model it was given, also through
 * `model, base = build()`), or a function parameter in a file whose only models are Keras models
 * (`def compile_for_training(model): ...`).
 */
export function isKerasModel(model: ModuleModel, node: SNode | undefined, depth = 0): boolean {
  if (!node || depth > 4) return false;
  if (model.typesOf(node).some(isKerasModelType)) return true;
  const passed = passedThrough(model, node);
  if (passed) return isKerasModel(model, passed, depth + 1);
  const n = unparen(node);
  if (n.type !== 'identifier') return false;
  const name = model.text(n);
  const unpacked = unpackedOrigin(model, name, n);
  if (unpacked) return isKerasModel(model, unpacked, depth + 1);
  const fn = model.context(n).func;
  return fn !== undefined && fn.params.includes(name) && !model.originOf(name, n) && onlyKerasModels(model);
}

/** `compile_for_training(model, lr)` where the local function returns its `model` parameter: that argument. */
function passedThrough(model: ModuleModel, node: SNode): SNode | undefined {
  const call = model.originCall(node);
  const callee = call && unparen(call.callee);
  if (!call || callee?.type !== 'identifier') return undefined;
  const fn = model.functions.find((f) => f.name === model.text(callee) && !f.cls);
  const body = fn && child(fn.node, 'body');
  if (!fn || !body) return undefined;
  for (const d of descendants(body)) {
    const value = d.type === 'return_statement' ? d.children[0] : undefined;
    if (value?.type !== 'identifier') continue;
    const index = fn.params.indexOf(model.text(value));
    if (index >= 0) return model.arg(call, fn.params[index], index)?.node;
  }
  return undefined;
}

const kerasFileCache = new WeakMap<ModuleModel, boolean>();

function onlyKerasModels(model: ModuleModel): boolean {
  let only = kerasFileCache.get(model);
  if (only === undefined) {
    const builds =
      model.calls.some((c) => c.qualified !== undefined && isKerasModelType(c.qualified)) ||
      [...model.classes.values()].some((c) => c.bases.some(isKerasModelType));
    only = builds && !OTHER_EPOCH_FITTERS.some((m) => model.importsModule(m));
    kerasFileCache.set(model, only);
  }
  return only;
}

const unpackingCache = new WeakMap<ModuleModel, SNode[]>();

/** torchvision's teaching benchmarks held in memory as arrays, as a regular-expression alternation. */
export const TEACHING_VISION = 'MNIST|FashionMNIST|KMNIST|EMNIST|QMNIST|CIFAR10|CIFAR100|SVHN|USPS';

/** The file's tuple-unpacking assignments (`a, b = ...`), found once per file. */
function unpackings(model: ModuleModel): SNode[] {
  let assignments = unpackingCache.get(model);
  if (!assignments) {
    assignments = model.nodesOfType('assignment').filter((n) => {
      const left = child(n, 'left');
      return left?.type === 'pattern_list' || left?.type === 'tuple_pattern';
    });
    unpackingCache.set(model, assignments);
  }
  return assignments;
}

/**
 * The expression bound to `name` by the last tuple assignment before `at` in its scope:
 * `a, b = X(), Y()` gives `Y()` for `b`; `a, b = build()` gives what `build` returns second.
 */
export function unpackedOrigin(model: ModuleModel, name: string, at: SNode): SNode | undefined {
  const found = lastUnpacking(model, unpackings(model), name, at);
  if (!found) return undefined;
  const right = unparen(found.right);
  if (right.type === 'expression_list' || right.type === 'tuple') return namedChildren(right)[found.index];
  if (right.type !== 'call') return undefined;
  const callee = child(right, 'function');
  const fn = callee?.type === 'identifier' ? model.functions.find((f) => f.name === model.text(callee) && !f.cls) : undefined;
  const body = fn && child(fn.node, 'body');
  const returned = body && [...descendants(body)].find((d) => d.type === 'return_statement')?.children[0];
  return returned && (returned.type === 'expression_list' || returned.type === 'tuple') ? namedChildren(returned)[found.index] : undefined;
}

/** The last tuple unpacking before `at`, in its function, that binds `name`: its position and right-hand side. */
function lastUnpacking(model: ModuleModel, assignments: SNode[], name: string, at: SNode): { index: number; right: SNode } | undefined {
  const scope = model.context(at).func;
  let found: { index: number; right: SNode } | undefined;
  for (const a of assignments) {
    if (a.end > at.start || model.context(a).func !== scope) continue;
    const targets = namedChildren(child(a, 'left')!);
    const index = targets.findIndex((t) => (t.type === 'identifier' || t.type === 'attribute') && model.text(t) === name);
    const right = child(a, 'right');
    if (index >= 0 && right) found = { index, right };
  }
  return found;
}

/** The right-hand side of the last tuple unpacking before `at` that binds `name` (`features, dataset = f(...)`). */
export function unpackedFrom(model: ModuleModel, name: string, at: SNode): SNode | undefined {
  return lastUnpacking(model, unpackings(model), name, at)?.right;
}

/**
 * A literal number, directly or through a name assigned one (`EPOCHS = 100`), or the default of
 * the parameter or argparse option it comes from (`def train(epochs=500)`, `args.epochs`).
 */
export function numberValue(model: ModuleModel, v: Value | undefined): number | undefined {
  if (!v) return undefined;
  const r = model.resolve(v);
  if (r.kind === 'number') return r.value;
  if (r.kind !== 'name') return undefined;
  const fallback = model.defaultOf(r.name, r.node);
  const d = fallback && model.resolve(model.value(fallback));
  return d?.kind === 'number' ? d.value : undefined;
}

/** A literal string, directly or through a name assigned one. */
export function stringValue(model: ModuleModel, v: Value | undefined): string | undefined {
  if (!v) return undefined;
  const r = model.resolve(v);
  return r.kind === 'string' ? r.value : undefined;
}

/** A literal bool, directly or through a name assigned one. */
export function boolValue(model: ModuleModel, v: Value | undefined): boolean | undefined {
  if (!v) return undefined;
  const r = model.resolve(v);
  return r.kind === 'bool' ? r.value : undefined;
}

export function lastSegment(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf('.') + 1);
}

// ---- callbacks ----

/** Whether a callback list holds a stopper: `found`, `absent`, or `unknown` (can't tell). */
export type Presence = 'found' | 'absent' | 'unknown';

/** Callbacks that stop training early: early stopping and hyper-parameter-search pruning. */
const STOPPER = /early_?stopping|pruning/i;
/** Callbacks that can stop training through `stop_training`/`should_stop` from user code. */
const USER_CODE_CALLBACKS = new Set(['LambdaCallback']);
/** Libraries whose other callbacks log, checkpoint or schedule, and never stop a run. */
const KNOWN_CALLBACK_LIBRARIES = [
  'keras.',
  'lightning.',
  'transformers.',
  'xgboost.',
  'lightgbm.',
  'catboost.',
  'wandb.',
  'mlflow.',
  'tqdm.',
  'livelossplot.',
  'comet_ml.',
  'neptune',
  'clearml.',
  'dvclive.',
];

function combine(parts: Presence[]): Presence {
  if (parts.includes('found')) return 'found';
  return parts.includes('unknown') ? 'unknown' : 'absent';
}

function classifyQualified(q: string): Presence {
  const last = lastSegment(q);
  if (STOPPER.test(last)) return 'found';
  if (USER_CODE_CALLBACKS.has(last)) return 'unknown';
  return KNOWN_CALLBACK_LIBRARIES.some((p) => q.startsWith(p)) ? 'absent' : 'unknown';
}

function classifyCall(model: ModuleModel, call: CallSite, depth: number): Presence {
  if ((call.qualified === 'list' || call.qualified === 'tuple') && call.args.length === 1) return scanCallbacks(model, call.args[0].node, depth + 1);
  if (call.qualified) return classifyQualified(call.qualified);
  const callee = unparen(call.callee);
  if (callee.type === 'identifier') {
    const cls = model.classes.get(model.text(callee));
    // A local subclass of a stopper stops; any other custom callback may stop training itself.
    if (cls) return cls.bases.some((b) => STOPPER.test(lastSegment(b))) ? 'found' : 'unknown';
  }
  return 'unknown';
}

const augmentedCache = new WeakMap<ModuleModel, SNode[]>();

function augmentedAssignments(model: ModuleModel): SNode[] {
  let list = augmentedCache.get(model);
  if (!list) {
    list = [...model.nodesOfType('augmented_assignment')];
    augmentedCache.set(model, list);
  }
  return list;
}

/**
 * Items added to a list variable after it is built: `cbs.append(x)`, `cbs.extend(xs)`, `cbs += xs`.
 * A list built in a function is only changed there (a same-named local elsewhere is another
 * list); a module-level list may be changed anywhere.
 */
function additions(model: ModuleModel, name: string, origin: SNode): SNode[] {
  const scope = model.context(origin).func?.node;
  const inScope = (n: SNode) => !scope || model.context(n).func?.node === scope;
  const out: SNode[] = [];
  for (const c of model.calls) {
    if (!c.receiver || model.text(unparen(c.receiver)) !== name || !inScope(c.node)) continue;
    if (c.name === 'append' || c.name === 'insert' || c.name === 'extend') {
      const arg = c.args[c.args.length - 1];
      out.push(arg ? arg.node : c.node);
    }
  }
  for (const a of augmentedAssignments(model)) {
    const left = child(a, 'left');
    const right = child(a, 'right');
    if (left && right && model.text(left) === name && inScope(a)) out.push(right);
  }
  return out;
}

/** How the callbacks a list holds are judged: by qualified name (unresolved names), or as calls. */
export interface CallbackLeaves {
  name(qualified: string): Presence;
  call(call: CallSite, depth: number): Presence;
}

/**
 * Walks a callbacks expression (a list, a variable holding one and what is appended to it, a
 * concatenation, `list(...)`, a single callback) and combines what `leaves` says of each
 * callback: found if any is, unknown if any cannot be followed, else absent.
 */
export function scanCallbackList(model: ModuleModel, node: SNode | undefined, leaves: CallbackLeaves, depth = 0): Presence {
  if (!node) return 'absent';
  if (depth > 8) return 'unknown';
  const n = unparen(node);
  const again = (x: SNode | undefined) => scanCallbackList(model, x, leaves, depth + 1);
  switch (n.type) {
    case 'none':
      return 'absent';
    case 'list':
    case 'tuple':
      return combine(namedChildren(n).map((c) => again(c.type === 'list_splat' ? c.children[0] : c)));
    case 'binary_operator': {
      const op = child(n, 'operator');
      if (!op || model.text(op) !== '+') return 'unknown';
      return combine([again(child(n, 'left')), again(child(n, 'right'))]);
    }
    case 'identifier':
    case 'attribute': {
      const name = model.text(n);
      const origin = model.originOf(name, n);
      if (!origin) {
        const q = model.qualify(n);
        return q ? leaves.name(q) : 'unknown';
      }
      return combine([again(origin), ...additions(model, name, origin).map((a) => again(a))]);
    }
    case 'call': {
      const call = model.callSite(n);
      if ((call.qualified === 'list' || call.qualified === 'tuple') && call.args.length === 1) return again(call.args[0].node);
      return leaves.call(call, depth);
    }
    default:
      return 'unknown';
  }
}

/**
 * Whether the callbacks expression (a list, a variable holding one, a concatenation, a single
 * callback) contains an early-stopping callback. Anything that cannot be followed is `unknown`.
 */
export function scanCallbacks(model: ModuleModel, node: SNode | undefined, depth = 0): Presence {
  return scanCallbackList(model, node, { name: classifyQualified, call: (c, d) => classifyCall(model, c, d) }, depth);
}

/**
 * An edit adding `item` to a callbacks argument: a new `keyword=[item]`, the item appended
 * to a literal list, or the existing value (a list variable or a single callback) wrapped.
 */
export function addCallbackEdit(model: ModuleModel, call: CallSite, keyword: string, item: string): OffsetEdit {
  const existing = call.kwargs.get(keyword);
  if (!existing) return addKeyword(model, call, keyword, `[${item}]`);
  const node = unparen(existing.node);
  if (node.type === 'none') return { start: existing.node.start, end: existing.node.end, text: `[${item}]` };
  if (node.type === 'list') return appendToList(model, node, item);
  const text = model.text(existing.node);
  const resolved = model.resolve(existing);
  const simple = node.type === 'identifier' || node.type === 'attribute';
  // A name bound to one callback (Lightning accepts a single one) goes in as an item.
  if (resolved.kind === 'call' && simple) return { start: existing.node.start, end: existing.node.end, text: `[${text}, ${item}]` };
  return { start: existing.node.start, end: existing.node.end, text: `[*${simple ? text : `(${text})`}, ${item}]` };
}

/** An edit appending `item` to a list literal, in its one-line or one-item-per-line layout. */
function appendToList(model: ModuleModel, list: SNode, item: string): OffsetEdit {
  const text = model.file.text;
  const items = namedChildren(list);
  const close = list.end - 1;
  if (items.length === 0) return { start: list.start + 1, end: close, text: item };
  const last = items[items.length - 1];
  const comma = text.slice(last.end, close).indexOf(',');
  if (last.startRow > list.startRow) {
    const indent = model.file.lineText(last.startRow).match(/^\s*/)?.[0] ?? '    ';
    if (comma >= 0) return { start: last.end + comma + 1, end: last.end + comma + 1, text: `\n${indent}${item},` };
    return { start: last.end, end: last.end, text: `,\n${indent}${item}` };
  }
  if (comma >= 0) return { start: last.end + comma + 1, end: last.end + comma + 1, text: ` ${item}` };
  return { start: last.end, end: last.end, text: `, ${item}` };
}

/** One edit adding several keyword arguments (separate inserts at one point would interleave). */
export function addKeywords(model: ModuleModel, call: CallSite, pairs: [string, string][]): OffsetEdit | undefined {
  if (pairs.length === 0) return undefined;
  const [name, value] = pairs[0];
  const first = addKeyword(model, call, name, value);
  const indent = /\n([ \t]*)\S/.exec(first.text)?.[1];
  const joiner = indent === undefined ? ', ' : `,\n${indent}`;
  const all = pairs.map(([k, v]) => `${k}=${v}`).join(joiner);
  return { ...first, text: first.text.replace(`${name}=${value}`, all) };
}

// ---- where a built object is used ----

export interface Uses {
  /** Method calls on the object (`model.fit(...)`). */
  methods: CallSite[];
  /** Calls that receive the object as an argument (`cross_val_score(model, ...)`). */
  passed: CallSite[];
}

const usesCache = new WeakMap<ModuleModel, Map<SNode, Uses>>();

/** The calls that build the objects a value refers to (itself, or items of a literal list/dict). */
function origins(model: ModuleModel, v: Value, out: SNode[], depth = 0): void {
  if (depth > 4) return;
  if (v.kind === 'list') for (const i of v.items) origins(model, i, out, depth + 1);
  else if (v.kind === 'dict') for (const e of v.entries) origins(model, e.value, out, depth + 1);
  else if (v.kind === 'name' || v.kind === 'call') {
    const origin = model.originCall(v.node);
    if (origin) out.push(origin.node);
  }
}

/** Where the object built by `target` is used: its method calls and the calls it is passed to. */
export function usesOf(model: ModuleModel, target: CallSite): Uses {
  let index = usesCache.get(model);
  if (!index) {
    const built = new Map<SNode, Uses>();
    const entry = (node: SNode) => {
      let uses = built.get(node);
      if (!uses) built.set(node, (uses = { methods: [], passed: [] }));
      return uses;
    };
    for (const c of model.calls) {
      const receiver = c.receiver && model.originCall(c.receiver);
      if (receiver && receiver !== c) entry(receiver.node).methods.push(c);
      const passed: SNode[] = [];
      for (const v of [...c.args, ...c.kwargs.values()]) origins(model, v, passed);
      for (const node of new Set(passed)) if (node !== c.node && node !== receiver?.node) entry(node).passed.push(c);
    }
    usesCache.set(model, (index = built));
  }
  return index.get(target.node) ?? { methods: [], passed: [] };
}

/** A receiver's root object: `model` for `model.backbone.layer1`, `self.net` for `self.net.fc`. */
export function rootObject(model: ModuleModel, node: SNode): SNode {
  let n = unparen(node);
  while (n.type === 'attribute') {
    const obj = child(n, 'object');
    if (!obj || (obj.type === 'identifier' && model.text(obj) === 'self')) break;
    n = unparen(obj);
  }
  return n;
}

// ---- names for fixes ----

/** How the file spells Keras in its imports: `tensorflow.keras` for tf.keras code, else `keras`. */
export function kerasModule(model: ModuleModel): string {
  const texts = model.importStatements.map((s) => model.text(s));
  if (texts.some((t) => /^(import keras\b|from keras[\s.])/.test(t))) return 'keras';
  return texts.some((t) => /\btensorflow\b/.test(t)) ? 'tensorflow.keras' : 'keras';
}

export interface SymbolRef {
  /** How the fix spells the symbol. */
  ref: string;
  /** The import it needs, if any. */
  importEdit?: OffsetEdit;
}

/**
 * How to refer to `qualified` in a fix: a name the file already imports (`EarlyStopping`,
 * `keras.callbacks.EarlyStopping`, `tf.keras.callbacks.EarlyStopping`), else a new
 * `from <fromModule> import <Name>`. Undefined when that name is already taken.
 */
export function symbolRef(model: ModuleModel, qualified: string, fromModule: string, at: SNode): SymbolRef | undefined {
  const name = lastSegment(qualified);
  // Lightning's canonical names drop `.pytorch`, so only an exact import spells them right.
  const local = qualified.startsWith('lightning.') ? exactLocal(model, qualified) : localName(model, qualified);
  if (local) return { ref: local };
  // The same symbol imported from a submodule (`...callbacks.early_stopping.EarlyStopping`).
  const imported = model.imports.get(name);
  if (imported && lastSegment(imported) === name && imported.split('.')[0] === qualified.split('.')[0]) return { ref: name };
  if (qualified.startsWith('keras.')) {
    const tf = localName(model, 'tensorflow');
    if (tf) return { ref: `${tf}.${qualified}` };
  }
  if (model.imports.has(name) || model.classes.has(name) || model.functions.some((f) => f.name === name && !f.cls)) return undefined;
  return { ref: name, importEdit: statementBefore(model, `from ${fromModule} import ${name}`, at) };
}

/**
 * An edit placing `statement` after the last top-level import that precedes `at`, so that it
 * runs before `at` even when a later notebook cell or section imports more.
 */
export function statementBefore(model: ModuleModel, statement: string, at: SNode): OffsetEdit {
  const text = model.file.text;
  const before = model.importStatements.filter((s) => s.end <= at.start);
  const last = before[before.length - 1];
  if (last) {
    const eol = text.indexOf('\n', last.end);
    if (eol === -1) return { start: text.length, end: text.length, text: `\n${statement}` };
    return { start: eol + 1, end: eol + 1, text: `${statement}\n` };
  }
  const first = model.importStatements[0];
  if (first) {
    const start = model.file.lineStart(first.startRow);
    return { start, end: start, text: `${statement}\n` };
  }
  // No top-level imports: where `addImport` puts a first one (after a docstring); the empty
  // local name never matches, so it always returns an edit.
  return addImport(model, statement, '', '')!;
}

function exactLocal(model: ModuleModel, qualified: string): string | undefined {
  for (const [local, q] of model.imports) if (q === qualified && !local.includes('.')) return local;
  return undefined;
}

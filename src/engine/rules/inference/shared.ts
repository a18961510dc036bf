// Helpers shared by the inference rules: which calls load a model from disk, which objects are
// PyTorch models, and the small data-flow questions (what a loop binds, what an argument reads).
import { type CallSite, contains, type FunctionInfo, type ModuleModel } from '../../model/model';
import { ancestors, child, descendants, type SNode, unparen } from '../../parse/syntax';
import { numberValue } from '../training/training-apis';

// ---- model loaders ----

/** Calls that read a model (or its tokenizer/processor) from disk or a hub cache. */
const LOADERS = new Set([
  'torch.load',
  'torch.jit.load',
  'torch.hub.load',
  'torch.export.load',
  'safetensors.torch.load_file',
  'joblib.load',
  'sklearn.externals.joblib.load',
  'skops.io.load',
  'pickle.load',
  'cloudpickle.load',
  'dill.load',
  'keras.models.load_model',
  'keras.saving.load_model',
  'tensorflow.saved_model.load',
  'tensorflow.lite.Interpreter',
  'tensorflow_hub.load',
  'onnxruntime.InferenceSession',
  'sentence_transformers.SentenceTransformer',
  'sentence_transformers.CrossEncoder',
  'transformers.pipeline',
  'spacy.load',
  'whisper.load_model',
  'fasttext.load_model',
  'ultralytics.YOLO',
  'llama_cpp.Llama',
  'vllm.LLM',
]);

/** Readers that take an open file: called repeatedly on one handle they read successive objects. */
const STREAM_READERS = new Set(['pickle.load', 'cloudpickle.load', 'dill.load']);

const BOOSTERS = new Set(['xgboost.Booster', 'lightgbm.Booster']);

/**
 * How the user spelled a model-loading call (`torch.load`, `AutoModel.from_pretrained`), or
 * undefined when the call does not load a model.
 */
export function loaderLabel(model: ModuleModel, call: CallSite): string | undefined {
  const q = call.qualified;
  const label = model.text(call.callee).replace(/\s+/g, '');
  if (q && LOADERS.has(q)) return label;
  if (q && /^mlflow\.\w+\.load_model$/.test(q)) return label;
  if (q && /^gensim\.models\.\w+\.load(_word2vec_format)?$/.test(q)) return label;
  if (q && BOOSTERS.has(q) && call.kwargs.has('model_file')) return label;
  if (q && (/^torchvision\.models\.[a-z]\w*$/.test(q) || q === 'timm.create_model')) {
    const weights = call.kwargs.get('weights');
    const pretrained = call.kwargs.get('pretrained');
    if ((weights && weights.kind !== 'none') || (pretrained?.kind === 'bool' && pretrained.value)) return label;
    return undefined;
  }
  if (!call.receiver) return undefined;
  if (call.name === 'from_pretrained' || call.name === 'load_from_checkpoint') {
    const owner = model.qualify(call.receiver);
    if (owner && /(Config|Configuration)$/.test(owner)) return undefined;
    if (owner || localClassWithImportedBase(model, call.receiver)) return label;
    return undefined;
  }
  if (call.name === 'load_model' && modelTypes(model, call.receiver).some((t) => /^(xgboost|lightgbm|catboost)\./.test(t))) return label;
  return undefined;
}

/** `pickle.load(f)`-style readers, whose file argument decides whether a call repeats a load. */
export function isStreamReader(call: CallSite): boolean {
  return call.qualified !== undefined && STREAM_READERS.has(call.qualified);
}

function localClassWithImportedBase(model: ModuleModel, node: SNode): boolean {
  if (node.type !== 'identifier') return false;
  const cls = model.classes.get(model.text(node));
  return cls !== undefined && cls.bases.some((b) => !model.classes.has(b));
}

// ---- PyTorch models ----

const TORCH_FACTORIES = new Set([
  'torch.load',
  'torch.jit.load',
  'torch.jit.script',
  'torch.jit.trace',
  'torch.hub.load',
  'torch.compile',
  'timm.create_model',
  'peft.get_peft_model',
]);

const RECEIVER_METHODS = new Set(['to', 'cuda', 'cpu', 'eval', 'train', 'float', 'half', 'double', 'bfloat16', 'requires_grad_', 'fit']);

/**
 * Types of an expression as `ModuleModel.typesOf` sees them, plus what it misses: class-method
 * constructors of local classes (`Net.load_from_checkpoint(...)`), estimators returned by
 * `.fit()`, and parameters annotated with a type (`model: nn.Module`).
 */
export function modelTypes(model: ModuleModel, node: SNode): string[] {
  const types = model.typesOf(node);
  if (types.length > 0) return types;
  let call = model.originCall(node);
  for (let i = 0; call && i < 6; i++) {
    if (call.receiver && RECEIVER_METHODS.has(call.name)) {
      const inner = model.typesOf(call.receiver);
      if (inner.length > 0) return inner;
      call = model.originCall(call.receiver);
      continue;
    }
    if (call.receiver?.type === 'identifier') {
      const cls = model.classes.get(model.text(call.receiver));
      if (cls) return [cls.name, ...cls.bases];
    }
    break;
  }
  const n = unparen(node);
  if (n.type === 'identifier') {
    const annotated = annotationOf(model, n);
    if (annotated) return annotated;
  }
  return [];
}

/** Type of a parameter annotated in the enclosing function's signature. */
function annotationOf(model: ModuleModel, id: SNode): string[] | undefined {
  const fn = model.context(id).func;
  if (!fn || model.originOf(model.text(id), id)) return undefined;
  for (const p of child(fn.node, 'parameters')?.children ?? []) {
    if (p.type !== 'typed_parameter' && p.type !== 'typed_default_parameter') continue;
    const name = p.type === 'typed_parameter' ? p.children.find((c) => c.type === 'identifier') : child(p, 'name');
    if (!name || model.text(name) !== model.text(id)) continue;
    const type = child(p, 'type')?.children[0];
    if (!type) return undefined;
    const q = model.qualify(type);
    if (q) return [q];
    const cls = model.classes.get(model.text(type));
    return cls ? [cls.name, ...cls.bases] : undefined;
  }
  return undefined;
}

/**
 * `torch.nn` modules without parameters (activations, pooling, dropout, reshaping): calling them
 * builds a graph only when their input already requires grad, so they are not the forward pass.
 */
const PARAMETER_FREE =
  /^(ReLU\d*|LeakyReLU|PReLU|RReLU|GELU|SiLU|Mish|ELU|SELU|CELU|GLU|Sigmoid|LogSigmoid|Tanh|Hardtanh|Hardswish|Hardsigmoid|Softplus|Softsign|Softmax\w*|LogSoftmax|Softmin|Threshold|Dropout\w*|AlphaDropout|Flatten|Unflatten|Identity|Upsample\w*|PixelShuffle|PixelUnshuffle|\w*Pool\d?d|ZeroPad\dd|ConstantPad\dd|ReflectionPad\dd|ReplicationPad\dd|CosineSimilarity|PairwiseDistance|ChannelShuffle|Fold|Unfold)$/;

/** Whether a qualified type is a PyTorch module with weights (a model, not a loss or an activation). */
function isTorchModuleType(t: string): boolean {
  if (TORCH_FACTORIES.has(t)) return true;
  const nn = /^torch\.nn\.(?:parallel\.)?([A-Z]\w*)$/.exec(t);
  if (nn) return !/(Loss|Parameter\w*|Buffer)$/.test(nn[1]) && !PARAMETER_FREE.test(nn[1]);
  if (t === 'torch.nn.Module' || t.startsWith('torch.nn.modules.')) return !/Loss$/.test(t);
  if (/^torchvision\.models\.([a-z_]+\.)?[a-z]\w*$/.test(t) || /^torchaudio\.models\./.test(t)) return true;
  if (t.startsWith('segmentation_models_pytorch.')) return true;
  if (t === 'lightning.LightningModule') return true;
  const hf = /^(transformers|peft)\.(\w+)\.from_pretrained$/.exec(t);
  if (hf) return !/^(TF|Flax)|Tokenizer|Config|Processor|FeatureExtractor|Pipeline/.test(hf[2]);
  return /^transformers\.\w*PreTrainedModel$/.test(t);
}

/** Whether an expression is known to be a PyTorch model. */
export function isTorchModel(model: ModuleModel, node: SNode): boolean {
  const n = unparen(node);
  if (n.type === 'identifier' && model.text(n) === 'self') {
    const cls = model.context(n).cls;
    return cls !== undefined && cls.bases.some(isTorchModuleType);
  }
  return modelTypes(model, n).some(isTorchModuleType) && !transformPipeline(model, n);
}

/** Image transforms that are modules but hold no weights: a forward pass through them builds no graph worth saving. */
const TRANSFORMS = /^(kornia\.|torchvision\.transforms\.|torchaudio\.transforms\.)/;

/** `nn.Sequential(PreProcess(), K.augmentation.Resize(...), ...)`: a chain of weightless transforms. */
function transformPipeline(model: ModuleModel, node: SNode): boolean {
  const call = model.originCall(node);
  if (!call) return false;
  if (call.qualified && TRANSFORMS.test(call.qualified)) return true;
  if (call.qualified !== 'torch.nn.Sequential' || call.args.length === 0) return false;
  return call.args.every((a) => {
    if (a.kind !== 'call') return false;
    if (a.call.qualified) return TRANSFORMS.test(a.call.qualified);
    // A local module without layers of its own (only conversions in `forward`).
    const cls = unparen(a.call.callee).type === 'identifier' ? model.classes.get(model.text(a.call.callee)) : undefined;
    return cls !== undefined && !model.calls.some((c) => contains(cls.node, c.node) && c.qualified?.startsWith('torch.nn.') && /^torch\.nn\.[A-Z]/.test(c.qualified));
  });
}

/** Strips calls that return their receiver: `model.to(device).eval()` → `model`. */
function baseObject(node: SNode, model: ModuleModel): SNode {
  let n = unparen(node);
  for (;;) {
    if (n.type !== 'call') return n;
    const call = model.callSite(n);
    if (!call.receiver || !RECEIVER_METHODS.has(call.name)) return n;
    n = unparen(call.receiver);
  }
}

/** `.eval()` / `.train()` calls of a module by the object they are called on, computed once per model. */
const modeCallCache = new WeakMap<ModuleModel, Map<string, CallSite[]>>();

function modeCalls(model: ModuleModel, name: string): CallSite[] {
  let byName = modeCallCache.get(model);
  if (!byName) {
    byName = new Map();
    for (const c of model.calls) {
      if ((c.name !== 'eval' && c.name !== 'train') || !c.receiver || c.hasSplat) continue;
      const key = model.text(baseObject(c.receiver, model));
      byName.set(key, [...(byName.get(key) ?? []), c]);
    }
    modeCallCache.set(model, byName);
  }
  return byName.get(name) ?? [];
}

/**
 * The last `.eval()` / `.train()` on `target` before `at` in the same function (or module
 * scope): 'eval', 'train', or undefined when the mode is never set there.
 */
export function lastMode(model: ModuleModel, target: SNode, at: SNode): 'eval' | 'train' | undefined {
  return lastModeCall(model, target, at)?.mode;
}

/** The mode of `target` at `at` and the call that set it (`model.eval()`), for related locations. */
export function lastModeCall(model: ModuleModel, target: SNode, at: SNode): { mode: 'eval' | 'train'; call?: CallSite } | undefined {
  const fn = model.context(at).func;
  let found: { mode: 'eval' | 'train'; call?: CallSite } | undefined;
  for (const c of modeCalls(model, model.text(baseObject(target, model)))) {
    if (c.node.start >= at.start) break;
    if (model.context(c.node).func !== fn) continue;
    if (c.name === 'eval' && c.args.length === 0 && c.kwargs.size === 0) found = { mode: 'eval', call: c };
    else if (c.name === 'train' && c.kwargs.size === 0) {
      const arg = c.args[0];
      if (!arg) found = { mode: 'train', call: c };
      else if (arg.kind === 'bool') found = { mode: arg.value ? 'train' : 'eval', call: c };
    }
  }
  if (found) return found;
  const origin = originMode(model, target);
  return origin && { mode: origin };
}

/** `model = Net().eval()`: the mode set where the object was created. */
function originMode(model: ModuleModel, target: SNode): 'eval' | 'train' | undefined {
  let call = model.originCall(baseObject(target, model));
  for (let i = 0; call && i < 6; i++) {
    if (!call.receiver || !RECEIVER_METHODS.has(call.name)) return undefined;
    if (call.name === 'eval' && call.args.length === 0) return 'eval';
    if (call.name === 'train') return 'train';
    call = unparen(call.receiver).type === 'call' ? model.callSite(unparen(call.receiver)) : undefined;
  }
  return undefined;
}

// ---- names and bindings ----

export interface Binding {
  name: string;
  /** The statement or clause that binds the name. */
  node: SNode;
  /** The bound expression, when the name gets a whole value (`x = value`, `with v as x`). */
  value?: SNode;
  /** Bound as a `for` target or comprehension variable. */
  iterated: boolean;
}

const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);

/** Names bound inside `root` (not inside nested functions, classes or lambdas). */
export function bindingsIn(model: ModuleModel, root: SNode): Binding[] {
  const out: Binding[] = [];
  const targets = (t: SNode | undefined, node: SNode, value: SNode | undefined, iterated: boolean) => {
    if (!t) return;
    const u = unparen(t);
    if (u.type === 'identifier') out.push({ name: model.text(u), node, value, iterated });
    else if (PATTERNS.has(u.type)) for (const c of u.children) targets(c, node, u.type === 'as_pattern_target' ? value : undefined, iterated);
  };
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== root && SCOPES.has(n.type)) continue;
    switch (n.type) {
      case 'assignment':
        targets(child(n, 'left'), n, child(n, 'right'), false);
        break;
      case 'augmented_assignment':
        targets(child(n, 'left'), n, undefined, false);
        break;
      case 'for_statement':
      case 'for_in_clause':
        targets(child(n, 'left'), n, undefined, true);
        break;
      case 'named_expression':
        targets(child(n, 'name'), n, child(n, 'value'), false);
        break;
      case 'as_pattern':
        targets(child(n, 'alias'), n, n.children[0], false);
        break;
    }
    stack.push(...n.children);
  }
  return out;
}

const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'list_splat_pattern', 'as_pattern_target']);

/**
 * Identifiers an expression reads: not attribute names (`x` in `a.x`), keyword names, or
 * names local to a lambda or comprehension inside it.
 */
export function namesIn(model: ModuleModel, node: SNode): SNode[] {
  const n = unparen(node);
  if (n.type === 'identifier') return [n];
  const out: SNode[] = [];
  for (const d of descendants(n)) {
    if (d.type !== 'identifier') continue;
    if (d.field === 'attribute' && d.parent?.type === 'attribute') continue;
    if (d.field === 'name' && d.parent?.type === 'keyword_argument') continue;
    if (isLocalToInnerScope(model, d, n)) continue;
    out.push(d);
  }
  return out;
}

function isLocalToInnerScope(model: ModuleModel, id: SNode, outer: SNode): boolean {
  const name = model.text(id);
  for (const a of ancestors(id)) {
    if (a === outer) return false;
    let params: SNode[] = [];
    if (a.type === 'lambda') params = [child(a, 'parameters')].filter((p): p is SNode => p !== undefined);
    else if (COMPREHENSIONS.has(a.type)) params = a.children.filter((c) => c.type === 'for_in_clause').map((c) => child(c, 'left') ?? c);
    for (const p of params) if ([p, ...descendants(p)].some((x) => x.type === 'identifier' && model.text(x) === name)) return true;
  }
  return false;
}

const COMPREHENSIONS = new Set(['list_comprehension', 'generator_expression', 'set_comprehension', 'dictionary_comprehension']);

// ---- functions ----

/** The enclosing functions of a node, innermost first. */
export function enclosingFunctions(model: ModuleModel, node: SNode): FunctionInfo[] {
  const out: FunctionInfo[] = [];
  for (const a of ancestors(node)) if (a.type === 'function_definition') out.push(model.functionInfo(a));
  return out;
}

/** Whether `node`'s value leaves `fn` through a `return` (or `yield`): directly, or through a name assigned from it. */
export function returnedFrom(model: ModuleModel, node: SNode, fn: FunctionInfo): boolean {
  let names: string[] = [];
  for (const a of ancestors(node)) {
    if (a === fn.node) return false;
    if (a.type === 'return_statement' || a.type === 'yield') return true;
    if (a.type === 'lambda' || a.type === 'function_definition') return false;
    if (a.type === 'assignment') {
      const left = child(a, 'left');
      names = left ? [left, ...descendants(left)].filter((d) => d.type === 'identifier').map((d) => model.text(d)) : [];
      break;
    }
    // `outs.append(model(x))`: the list collects it.
    if (a.type === 'call') {
      const c = model.callSite(a);
      if ((c.name === 'append' || c.name === 'extend') && c.receiver?.type === 'identifier' && c.args.some((arg) => contains(arg.node, node))) {
        names = [model.text(c.receiver)];
        break;
      }
    }
    if (a.type === 'expression_statement' || a.type === 'block') return false;
  }
  if (names.length === 0) return false;
  for (const d of descendants(fn.node)) {
    if (d.type !== 'return_statement' && d.type !== 'yield') continue;
    if (model.context(d).func !== fn) continue;
    if ([...descendants(d)].some((x) => x.type === 'identifier' && names.includes(model.text(x)))) return true;
  }
  return false;
}

/**
 * Where the module calls a function or method: its call sites, or undefined when it is also used
 * as a value (returned, passed as a callback, stored), so callers the module cannot see may use it.
 */
export class CallerIndex {
  private uses?: Map<string, SNode[]>;

  constructor(private readonly model: ModuleModel) {}

  callers(fn: FunctionInfo): CallSite[] | undefined {
    const model = this.model;
    if (!this.uses) {
      this.uses = new Map();
      for (const id of model.nodesOfType('identifier')) {
        const list = this.uses.get(model.text(id)) ?? [];
        list.push(id);
        this.uses.set(model.text(id), list);
      }
    }
    const calls: CallSite[] = [];
    for (const id of this.uses.get(fn.name) ?? []) {
      const p = id.parent;
      // The name of a definition, a parameter or keyword, an import: not a use.
      if (p?.type === 'function_definition' || p?.type === 'class_definition' || (p?.type === 'keyword_argument' && id.field === 'name')) continue;
      if (p?.type === 'dotted_name' || p?.type === 'aliased_import' || p?.type === 'parameters' || p?.type === 'default_parameter' || p?.type === 'typed_parameter') continue;
      const ref = p?.type === 'attribute' && id.field === 'attribute' ? p : p?.type === 'attribute' ? undefined : id;
      // Rebinding the name (`api.predict = MagicMock()`) is not a use of the function.
      if (!ref || (ref.field === 'left' && (ref.parent?.type === 'assignment' || ref.parent?.type === 'augmented_assignment'))) continue;
      // A method is only reached through an attribute (`self.predict(x)`), a function by its bare name.
      if ((fn.cls !== undefined) !== (ref.type === 'attribute')) continue;
      if (ref.parent?.type === 'call' && ref.field === 'function') {
        const call = model.callSite(ref.parent);
        if (!contains(fn.node, call.node)) calls.push(call);
      } else if (!contains(fn.node, ref)) return undefined;
    }
    return calls;
  }
}

/**
 * A forward pass whose output `fn` returns to a caller that may train on it: a caller in the
 * module that `mayTrain` (or that returns it on in turn), or, when `fn` is handed out as a value,
 * callers the module cannot see.
 */
export function returnedForTraining(
  model: ModuleModel,
  node: SNode,
  fn: FunctionInfo,
  index: CallerIndex,
  mayTrain: (call: CallSite, caller: FunctionInfo | undefined) => boolean,
  depth = 0,
): boolean {
  if (depth > 3 || fn.handler || !returnedFrom(model, node, fn)) return false;
  const callers = index.callers(fn);
  // Used as a value (returned, passed as a callback): its callers are out of sight. Never called
  // here: an entry point, judged by its own name and mode like any other.
  if (!callers) return true;
  return callers.some((c) => {
    const caller = model.context(c.node).func;
    return mayTrain(c, caller) || (caller !== undefined && caller !== fn && returnedForTraining(model, c.node, caller, index, mayTrain, depth + 1));
  });
}

/**
 * Whether code around `node` runs a backward pass: its function, or at module level the
 * top-level loop around it or what follows it.
 */
export function backwardAround(model: ModuleModel, node: SNode, fn: FunctionInfo | undefined): boolean {
  const loops = model.context(node).loops;
  const scope = fn ? fn.node : (loops[loops.length - 1]?.node ?? model.file.root);
  const after = fn || loops.length > 0 ? 0 : node.end;
  for (const d of descendants(scope)) {
    if (d.type !== 'call' || d.start < after) continue;
    const c = model.callSite(d);
    if ((c.name === 'backward' || c.name === 'manual_backward') && c.receiver && model.context(d).func === fn) return true;
  }
  return false;
}

/** Calls showing a loop measures time or waits (a benchmark, a polling loop): repetition is its purpose. */
const CLOCK_CALLS = new Set(['time.sleep', 'asyncio.sleep', 'time.time', 'time.perf_counter', 'time.perf_counter_ns', 'time.monotonic', 'time.time_ns', 'timeit.default_timer']);

/** Whether a loop body sleeps or reads a clock. */
export function isTimedOrPolling(model: ModuleModel, body: SNode): boolean {
  for (const d of descendants(body)) {
    if (d.type === 'call' && CLOCK_CALLS.has(model.callSite(d).qualified ?? '')) return true;
  }
  return false;
}

/** Splits `evaluateModel` / `run_inference` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Iterations at or below which a loop is a handful of demo items (4 stores to plot, 10 proteins). */
const FEW_ITERATIONS = 16;

/**
 * A loop over a known handful of items: `range(4)`, a literal list or set, `xs[:10]`,
 * `df.head(5)`, or a name bound to one of those. Batching or hoisting saves nothing measurable.
 */
/** The collection a `for` loop walks, through `enumerate(...)`, `tqdm(...)` and `iter(...)` wrappers. */
export function walkedCollection(model: ModuleModel, iter: SNode): SNode {
  let n = unparen(iter);
  for (let i = 0; i < 3 && n.type === 'call'; i++) {
    const c = model.callSite(n);
    if (!/^(enumerate|tqdm|iter)$/.test(c.name) || !c.args[0]) break;
    n = unparen(c.args[0].node);
  }
  return n;
}

export function fewIterations(model: ModuleModel, loop: { iter?: SNode; body?: SNode; targets?: string[] }): boolean {
  const n = knownIterations(model, loop);
  return n !== undefined && n <= FEW_ITERATIONS;
}

/** How many times a `for` loop runs, when the code shows it. */
export function knownIterations(model: ModuleModel, loop: { iter?: SNode; body?: SNode; targets?: string[] }): number | undefined {
  if (!loop.iter) return undefined;
  const count = (node: SNode, depth: number): number | undefined => {
    const n = unparen(node);
    if (depth > 4) return undefined;
    if (n.type === 'list' || n.type === 'tuple' || n.type === 'set') return n.children.filter((c) => c.type !== 'comment').length;
    if (n.type === 'identifier') {
      const origin = model.originOf(model.text(n), n);
      if (origin) return count(origin, depth + 1);
      const v = model.resolve(model.value(n));
      return v.kind === 'number' ? v.value : undefined;
    }
    if (n.type === 'integer') return Number(model.text(n));
    if (n.type === 'subscript') {
      const key = n.children.find((k) => k.field === 'subscript');
      const m = key && /^(?:0\s*)?:\s*(\d+)$/.exec(model.text(key));
      return m ? Number(m[1]) : undefined;
    }
    if (n.type !== 'call') return undefined;
    const c = model.callSite(n);
    if (c.qualified === 'range' && c.args.length === 1) return count(c.args[0].node, depth + 1);
    if ((c.qualified === 'enumerate' || c.qualified === 'zip' || c.qualified === 'sorted' || c.qualified === 'list' || c.qualified === 'reversed') && c.args[0]) {
      return count(c.args[0].node, depth + 1);
    }
    if ((c.name === 'head' || c.name === 'sample' || c.name === 'tail') && c.args[0]?.kind === 'number') return c.args[0].value;
    // Files a person picks by hand in Colab's upload dialog (`uploaded = files.upload()`, then `for fn in uploaded.keys()`): a handful.
    if (c.qualified === 'google.colab.files.upload') return FEW_ITERATIONS;
    if ((c.name === 'keys' || c.name === 'items' || c.name === 'values') && c.receiver && c.args.length === 0) return count(c.receiver, depth + 1);
    // `random.sample(xs, 10)`, `np.random.choice(xs, 5)`: as many as asked for.
    const k = c.qualified === 'random.sample' ? model.arg(c, 'k', 1) : c.qualified === 'numpy.random.choice' ? model.arg(c, 'size', 1) : undefined;
    if (k) return count(k.node, depth + 1);
    return undefined;
  };
  const counted = count(loop.iter, 0);
  const capped = breakCap(model, loop);
  return counted === undefined ? capped : capped === undefined ? counted : Math.min(counted, capped);
}

/**
 * The length of the NumPy array a `for` loop walks, when the code writes it down: `np.arange(50)`,
 * `np.random.randint(0, 1000, 50)`, `np.linspace(0, 1, 20)`, also through the variable holding it.
 * An upper bound that shows a loop is short; made-up data is no evidence of a long one.
 */
export function writtenArrayLength(model: ModuleModel, loop: { iter?: SNode }): number | undefined {
  let n = loop.iter && unparen(loop.iter);
  if (n?.type === 'identifier') n = model.originOf(model.text(n), n);
  if (n?.type !== 'call') return undefined;
  const c = model.callSite(n);
  const literal = (node: SNode | undefined) => {
    const v = node && model.resolve(model.value(node));
    return v?.kind === 'number' ? v.value : undefined;
  };
  if ((c.qualified === 'numpy.arange' || /^numpy\.random\.(rand|randn|random|random_sample|permutation)$/.test(c.qualified ?? '')) && c.args.length === 1) return literal(c.args[0].node);
  const length = c.qualified === 'numpy.random.randint' ? model.arg(c, 'size', 2) : c.qualified === 'numpy.linspace' || c.qualified === 'numpy.logspace' ? model.arg(c, 'num', 2) : undefined;
  if (length) {
    // A shape (`size=(50, 3)`): a loop walks its first axis.
    const shape = unparen(length.node);
    return literal(shape.type === 'tuple' || shape.type === 'list' ? shape.children[0] : shape);
  }
  return (c.qualified === 'numpy.linspace' || c.qualified === 'numpy.logspace') && !c.hasSplat ? 50 : undefined;
}

/**
 * The iterations a loop stops after on a counter (`for i, (x, y) in enumerate(loader): ... if i > 5: break`,
 * `count += 1; ...; if count == num_examples: print(...); break`): a statement of its body,
 * `if <counter> > N:` (or `>=`, `==`) ending in `break`, where the counter is a loop target or a
 * name the body adds to, and N is written down (also as a constant, a parameter's default or an
 * argparse default).
 */
export function breakCap(model: ModuleModel, loop: { iter?: SNode; body?: SNode; targets?: string[] }): number | undefined {
  if (!loop.body) return undefined;
  for (const s of loop.body.children) {
    if (s.type !== 'if_statement') continue;
    const body = child(s, 'consequence');
    if (!body || body.children[body.children.length - 1]?.type !== 'break_statement') continue;
    const condition = child(s, 'condition');
    const m = condition && /^(\w+)\s*(>=?|==)\s*([\w.]+)$/.exec(model.text(condition).trim());
    if (!m || !(loop.targets?.includes(m[1]) || countsUp(model, loop.body, m[1]))) continue;
    const bound = condition!.children[condition!.children.length - 1];
    const limit = /^\d+$/.test(m[3]) ? Number(m[3]) : bound && numberValue(model, model.value(bound));
    if (limit !== undefined) return m[2] === '>' ? limit + 1 : limit;
  }
  return undefined;
}

/** `name += 1` somewhere in `body`. */
function countsUp(model: ModuleModel, body: SNode, name: string): boolean {
  return [...descendants(body)].some(
    (d) => d.type === 'augmented_assignment' && model.text(child(d, 'left') ?? d) === name && model.text(child(d, 'operator') ?? d) === '+=' && model.text(child(d, 'right') ?? d) === '1',
  );
}

/** Test modules pick checkpoints and settings to exercise code, not to run it for real. */
export function isTestModule(model: ModuleModel, path: string): boolean {
  if (model.importsModule('pytest') || model.importsModule('unittest') || model.importsModule('transformers.testing_utils')) return true;
  return /(^|[\\/])(test_[^\\/]*|[^\\/]*_test|conftest)\.py$/.test(path) || /(^|[\\/])tests[\\/]/.test(path);
}

/**
 * The default of a dataclass field behind `args.name` (Hugging Face scripts parse their options
 * into dataclasses with `HfArgumentParser`): `name: str = field(default="gpt2")` or `name: str = "gpt2"`.
 */
export function dataclassDefault(model: ModuleModel, dotted: string): SNode | undefined {
  const m = /^\w+\.(\w+)$/.exec(dotted);
  if (!m) return undefined;
  for (const cls of model.classes.values()) {
    const decorated = cls.node.parent?.type === 'decorated_definition' ? cls.node.parent : undefined;
    if (!decorated?.children.some((d) => d.type === 'decorator' && /dataclass/.test(model.text(d)))) continue;
    for (const stmt of child(cls.node, 'body')?.children ?? []) {
      const a = stmt.type === 'expression_statement' ? stmt.children[0] : undefined;
      const left = a?.type === 'assignment' ? child(a, 'left') : undefined;
      const right = a && child(a, 'right');
      if (left?.type !== 'identifier' || model.text(left) !== m[1] || !right) continue;
      if (right.type !== 'call') return right;
      const call = model.callSite(right);
      return call.name === 'field' ? call.kwargs.get('default')?.node : undefined;
    }
  }
  return undefined;
}

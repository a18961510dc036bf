// How big the models a file builds are, when every layer's size is written down: advice that
// pays on real networks (mixed precision, worker processes, pinned memory, device-side
// creation) is noise for a toy such as `nn.Linear(20, 1)` or an XOR network.
import type { CallSite, ClassInfo, FunctionInfo, LoopInfo, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import { lastSegment, numberValue } from './training-apis';

/** Below this many parameters a model is a toy: a demo of an API, not a workload. */
export const TOY_PARAMETERS = 10_000;
/** Training sets below this many samples (`x_train[:200]`) take a fraction of a second per epoch. */
export const TINY_TRAINING_SET = 1000;

/** `x_train[:200]`, then perhaps reshaped, cast or scaled: `train_images[:1000].reshape(-1, 28 * 28) / 255.0`. */
const TINY_SLICE = /^[\w.]+\s*\[\s*(?:0\s*)?:\s*(\d+)\s*\](?:\s*\.\s*(?:reshape|astype|float|to|numpy)\((?:[^()]|\([^()]*\))*\))*(?:\s*[/*]\s*[\d.]+)?$/;

/**
 * `x = x_train[:200]`: a training set cut to a literal size of at most `TINY_TRAINING_SET`
 * (a cut to a round 1,000 is a demo's choice as much as one to 999).
 */
export function cutToTinySlice(model: ModuleModel, x: Value | undefined): boolean {
  const origin = x?.kind === 'name' ? model.originOf(x.name, x.node) : x?.node;
  const m = origin && TINY_SLICE.exec(model.text(origin));
  return m !== null && m !== undefined && Number(m[1]) <= TINY_TRAINING_SET;
}
/**
 * Below this many parameters a model is small: its matrix products are too small for Tensor
 * Cores, host-side loading or copying is not what bounds the run, and a tutorial's MNIST MLP
 * (about 100k parameters) trains in seconds. The pytorch/examples MNIST CNN has 1.2M.
 */
export const SMALL_PARAMETERS = 1_000_000;

const KERAS_INPUT = 256;
/** A class count the code does not spell out, taken at CIFAR-100 scale: an ImageNet-sized head sits on a backbone far above the small-model bound anyway. */
const MAX_CLASSES = 100;

/** Per layer type: parameters from its literal sizes, or undefined when they can't be read. */
const LAYERS: Record<string, (n: (i: number, k: string) => number | undefined, c: CallSite) => number | undefined> = {
  Linear: (n) => mul(n(0, 'in_features'), n(1, 'out_features')),
  Bilinear: (n) => mul(n(0, 'in1_features'), n(1, 'in2_features'), n(2, 'out_features')),
  Embedding: (n) => mul(n(0, 'num_embeddings'), n(1, 'embedding_dim')),
  EmbeddingBag: (n) => mul(n(0, 'num_embeddings'), n(1, 'embedding_dim')),
  Conv1d: (n, c) => conv(n, c, 1),
  Conv2d: (n, c) => conv(n, c, 2),
  Conv3d: (n, c) => conv(n, c, 3),
  ConvTranspose1d: (n, c) => conv(n, c, 1),
  ConvTranspose2d: (n, c) => conv(n, c, 2),
  ConvTranspose3d: (n, c) => conv(n, c, 3),
  LSTM: (n, c) => stacked(n, c, recurrent(n, 4)),
  GRU: (n, c) => stacked(n, c, recurrent(n, 3)),
  RNN: (n, c) => stacked(n, c, recurrent(n, 1)),
  LSTMCell: (n) => recurrent(n, 4),
  GRUCell: (n) => recurrent(n, 3),
  RNNCell: (n) => recurrent(n, 1),
  // Keras layers name only their output width; the input side is assumed wide (KERAS_INPUT), so
  // only really small networks (an XOR net, `Dense(1)`) count as toys.
  Dense: (n) => mul(n(0, 'units'), KERAS_INPUT),
  Conv2D: (n) => mul(n(0, 'filters'), KERAS_INPUT, kernel(n)),
  Conv1D: (n) => mul(n(0, 'filters'), KERAS_INPUT, kernel(n)),
  SimpleRNN: (n) => mul(n(0, 'units'), KERAS_INPUT),
  // Query, key, value and output projections of width `embed_dim`.
  MultiheadAttention: (n) => mul(4, n(0, 'embed_dim'), n(0, 'embed_dim')),
};
/** Layers without weights of their own, or with few: they do not change the estimate. */
const FREE = /^(DistributedDataParallel|DataParallel|ReLU|GELU|SiLU|Tanh|Sigmoid|Softmax|LogSoftmax|Dropout\d?d?|Flatten|Identity|Sequential|ModuleList|ModuleDict|MaxPool\dd|AvgPool\dd|AdaptiveAvgPool\dd|AdaptiveMaxPool\dd|BatchNorm\dd|LayerNorm|GroupNorm|LeakyReLU|ELU|Activation|Input|InputLayer|Dropout|MaxPooling\dD|AveragePooling\dD|GlobalAveragePooling\dD|Reshape|Concatenate|Add|BatchNormalization|LayerNormalization|InstanceNorm\dd|LocalResponseNorm|(Reflection|Replication|Zero|Constant|Circular)Pad\dd|PixelShuffle|PixelUnshuffle|Upsample|Upsampling\w*|Unflatten|Fold|Unfold|ChannelShuffle|PReLU|RReLU|ReLU6|Hardtanh|Hardswish|Hardsigmoid|Softplus|Softsign|Softmin|Softmax2d|LogSigmoid|Tanhshrink|Mish|SELU|CELU|GLU|Threshold|AlphaDropout|CosineSimilarity|PairwiseDistance|\w*Loss)$/;
/** Calls that bring in models of unknown (usually large) size; a state dict loaded into a visible model does not change its size. */
const LOADS = /(^|\.)(from_pretrained|load_model|create_model|hub\.load)$|^torchvision\.models\.|^keras\.applications\.|^timm\.|^torch\.jit\.load$/;

/** `from_pretrained` of what is not a model: a tokenizer, a processor, a configuration. */
const NOT_MODELS = /(Tokenizer\w*|Processor|FeatureExtractor|Config|GenerationConfig)\.from_pretrained$/;

function mul(...xs: (number | undefined)[]): number | undefined {
  return xs.every((x) => x !== undefined) ? xs.reduce<number>((a, b) => a * b!, 1) : undefined;
}

function kernel(n: (i: number, k: string) => number | undefined): number | undefined {
  return n(1, 'kernel_size') ?? 1;
}

function conv(n: (i: number, k: string) => number | undefined, c: CallSite, dims: number): number | undefined {
  const k = c.kwargs.get('kernel_size') ?? c.args[2];
  let size: number | undefined;
  if (k?.kind === 'list') size = mul(...k.items.map((i) => (i.kind === 'number' ? i.value : undefined)));
  else {
    const side = n(2, 'kernel_size');
    size = side === undefined ? undefined : side ** dims;
  }
  return mul(n(0, 'in_channels'), n(1, 'out_channels'), size);
}

/** Layers times directions of `nn.LSTM(..., num_layers=2, bidirectional=True)`; unknown when either is not written down. */
function stacked(n: (i: number, k: string) => number | undefined, c: CallSite, one: number | undefined): number | undefined {
  const layers = c.kwargs.has('num_layers') || c.args.length > 2 ? n(2, 'num_layers') : 1;
  const bi = c.kwargs.get('bidirectional');
  const directions = bi === undefined ? 1 : bi.kind === 'bool' ? (bi.value ? 2 : 1) : undefined;
  return mul(one, layers, directions);
}

function recurrent(n: (i: number, k: string) => number | undefined, gates: number): number | undefined {
  const input = n(0, 'input_size');
  const hidden = n(1, 'hidden_size');
  return input === undefined || hidden === undefined ? undefined : gates * hidden * (input + hidden);
}

const cache = new WeakMap<ModuleModel, Sizes>();

export interface Sizes {
  params?: number;
  /** Parameters outside embedding tables: the matrix products that mixed precision speeds up. */
  dense?: number;
  approximate: boolean;
  /** The parameters of the layers, embedding tables aside, whose sizes are written down: a lower bound when `dense` is unknown. */
  atLeast: number;
}

/** How many steps a size is followed through names, parameters, callers and `self` attributes. */
const SIZE_DEPTH = 8;

/** `28 * 28`, `hidden * 2`, `in_dim + 1`: sizes written as arithmetic on known numbers. */
export function sizeOf(model: ModuleModel, v: Value | undefined, depth = 0): number | undefined {
  if (!v || depth > SIZE_DEPTH) return undefined;
  let n = unparen(v.node);
  // `INPUT_DIM = 28 * 28` then `MLP(INPUT_DIM)`: the arithmetic the name was given.
  if (n.type === 'identifier') {
    const r = unparen(model.resolve(v).node);
    if (r.type === 'binary_operator') n = r;
  }
  if (n.type === 'binary_operator') {
    const left = child(n, 'left');
    const right = child(n, 'right');
    const op = child(n, 'operator');
    const l = left && sizeOf(model, model.value(left), depth + 1);
    const r = right && sizeOf(model, model.value(right), depth + 1);
    if (l === undefined || r === undefined || !op) return undefined;
    const o = model.text(op);
    if (o === '**') return l ** r;
    return o === '*' ? l * r : o === '+' ? l + r : o === '-' ? l - r : o === '//' ? Math.floor(l / r) : o === '/' ? l / r : undefined;
  }
  const direct = numberValue(model, v);
  if (direct !== undefined) return direct;
  // `image_shape[0]` of a tuple written down (a parameter default, a constant): that element, or the largest.
  if (n.type === 'subscript') {
    const items = sequenceOf(model, child(n, 'value'), depth + 1);
    const index = child(n, 'subscript');
    const i = index?.type === 'integer' ? Number(model.text(index)) : undefined;
    if (!items) return undefined;
    if (i !== undefined) return items.at(i) === undefined ? undefined : sizeOf(model, items.at(i), depth + 1);
    return maxOf(items.map((x) => sizeOf(model, x, depth + 1)));
  }
  // `np.prod(image_size)`, `math.prod(shape)`, `int(...)` of sizes written down.
  if (n.type === 'call') {
    const c = model.callSite(n);
    if ((c.qualified === 'numpy.prod' || c.qualified === 'math.prod') && c.args.length === 1) {
      const items = sequenceOf(model, c.args[0].node, depth + 1);
      return items ? mul(...items.map((x) => sizeOf(model, x, depth + 1))) : undefined;
    }
    if ((c.qualified === 'int' || c.qualified === 'round') && c.args.length === 1) return sizeOf(model, c.args[0], depth + 1);
  }
  // A class count (`len(class_names)`, `len(train_data.classes)`, `num_classes`) is taken as `MAX_CLASSES`.
  if (/^len\([\w.]*class\w*\)$|^(n_|num_)?classes$|^num_classes$/i.test(model.text(n).replace(/\s+/g, ''))) return MAX_CLASSES;
  const counted = countOf(model, v);
  if (counted !== undefined) return counted;
  if (n.type === 'identifier') return nameBound(model, model.text(n), n, depth);
  // `self.hparams.hidden` (Lightning's `save_hyperparameters()`) or `self.hidden = hidden`: the default of `__init__`'s parameter.
  const m = /^self\.(?:hparams\.)?(\w+)$/.exec(model.text(n));
  const cls = m && model.context(n).cls;
  const init = cls && model.functions.find((f) => f.cls === cls && f.name === '__init__');
  if (!m || !init) return undefined;
  for (const p of child(init.node, 'parameters')?.children ?? []) {
    if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && model.text(child(p, 'name') ?? p) === m[1]) {
      return sizeOf(model, model.value(child(p, 'value')), depth + 1);
    }
  }
  if (init.params.includes(m[1])) return constructorArgument(model, m[1], init.node, depth);
  return attributeBound(model, cls, model.text(n), depth);
}

/**
 * The largest size the class's methods assign to `self.x` (`self.in_planes = 16`, then
 * `self.in_planes = planes` in `_make_layer`): undefined when one is not a size written down or
 * the attribute changes in ways not followed (`+=`, unpacking).
 */
function attributeBound(model: ModuleModel, cls: ClassInfo, attr: string, depth: number): number | undefined {
  if (depth > SIZE_DEPTH) return undefined;
  const values: (number | undefined)[] = [];
  for (const d of descendants(cls.node)) {
    if (d.type === 'augmented_assignment' && model.text(child(d, 'left') ?? d) === attr) return undefined;
    if (d.type !== 'assignment') continue;
    const left = child(d, 'left');
    if (!left) continue;
    if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && left.children.some((c) => model.text(c) === attr)) return undefined;
    if (model.text(left) === attr) values.push(sizeOf(model, model.value(child(d, 'right')), depth + 1));
  }
  return maxOf(values);
}

function maxOf(xs: (number | undefined)[]): number | undefined {
  return xs.length > 0 && xs.every((x) => x !== undefined) ? Math.max(...(xs as number[])) : undefined;
}

/**
 * The largest value a name can hold where it is used as a size: the one value it is given, or
 * the largest of all it is given in its scope (`input_size = 784`, then `input_size =
 * hidden_unit` in a loop), of the items a loop binds it to (`for hidden_unit in (32, 16)`), and
 * of what callers pass for a parameter (or its default). Undefined when any of them is not a
 * size written down, or the name changes in ways not followed (`+=`, unpacking).
 */
function nameBound(model: ModuleModel, name: string, at: SNode, depth: number): number | undefined {
  if (depth > SIZE_DEPTH) return undefined;
  const fn = model.context(at).func;
  const scope = fn?.node ?? model.file.root;
  const values: (number | undefined)[] = [];
  for (const a of model.assignmentsOf(name)) if (a.scope === scope) values.push(sizeOf(model, model.value(a.value), depth + 1));
  for (const d of ownDescendants(scope)) {
    if (d.type === 'augmented_assignment' && model.text(child(d, 'left') ?? d) === name) return undefined;
    if ((d.type === 'pattern_list' || d.type === 'tuple_pattern') && d.children.some((c) => c.type === 'identifier' && model.text(c) === name)) return undefined;
    if (d.type === 'for_statement' && model.text(child(d, 'left') ?? d) === name) {
      const items = sequenceOf(model, child(d, 'right'), depth + 1);
      values.push(items ? maxOf(items.map((x) => sizeOf(model, x, depth + 1))) : undefined);
    }
  }
  if (fn?.params.includes(name)) values.push(parameterBound(model, fn, name, depth + 1));
  if (values.length === 0) return fn ? undefined : constructorArgument(model, name, at, depth);
  return maxOf(values);
}

/** The nodes of a scope's body, not those of functions defined inside it. */
function* ownDescendants(scope: SNode): Generator<SNode> {
  const stack = [...scope.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    yield n;
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
    stack.push(...n.children);
  }
}

/**
 * What a parameter is given: at each of the file's calls of the function (a class's
 * constructions for `__init__`), the argument by keyword or position, else its default; its
 * default alone when the file never calls it (undefined where there is none). `splat` when a
 * call unpacks its arguments.
 */
function parameterValues(model: ModuleModel, fn: FunctionInfo, name: string, method: boolean): { values: (Value | undefined)[]; splat: boolean } {
  const param = (child(fn.node, 'parameters')?.children ?? []).find((p) => model.text(child(p, 'name') ?? p) === name);
  const node = param && (param.type === 'default_parameter' || param.type === 'typed_default_parameter') ? child(param, 'value') : undefined;
  const fallback = node ? model.value(node) : undefined;
  const callee = fn.name === '__init__' ? fn.cls?.name : fn.name;
  const index = fn.params.indexOf(name) - (fn.cls ? 1 : 0);
  const calls = callee ? callsOf(model, fn, callee, method) : [];
  if (calls.length === 0) return { values: [fallback], splat: false };
  return { values: calls.map((c) => model.arg(c, name, index) ?? fallback), splat: calls.some((c) => c.hasSplat) };
}

/** A parameter's largest value over what it is given (see `parameterValues`). */
function parameterBound(model: ModuleModel, fn: FunctionInfo, name: string, depth: number): number | undefined {
  const { values, splat } = parameterValues(model, fn, name, fn.name !== '__init__' && fn.cls !== undefined);
  return splat ? undefined : maxOf(values.map((v) => sizeOf(model, v, depth + 1)));
}

/**
 * The calls of a function (or, for `__init__`, the constructions of its class) that reach this
 * definition: a notebook that defines `class RNN` three times builds each between its definition
 * and the next one of the same name.
 */
function callsOf(model: ModuleModel, fn: FunctionInfo, callee: string, method: boolean): CallSite[] {
  let def = fn.node;
  if (fn.name === '__init__') for (let p = fn.node.parent; p; p = p.parent) if (p.type === 'class_definition') {
    def = p;
    break;
  }
  const type = def.type;
  const next = model.file.root.children
    .map((c) => (c.type === 'decorated_definition' ? (child(c, 'definition') ?? c) : c))
    .find((c) => c.type === type && c.start > def.start && model.text(child(c, 'name') ?? c) === callee);
  return model.calls.filter(
    (c) =>
      (method ? c.name === callee && c.receiver !== undefined : unparen(c.callee).type === 'identifier' && model.text(c.callee) === callee) &&
      (model.context(def).func !== undefined || model.context(def).cls !== undefined || ((c.node.start > def.end || model.context(c.node).func !== undefined) && (!next || c.node.start < next.start))),
  );
}

/**
 * The items of a sequence written down: a tuple or list literal, a name given one (a parameter's
 * default or what callers pass: the longest), `range(n)` as its largest item.
 */
function sequenceOf(model: ModuleModel, node: SNode | undefined, depth: number): Value[] | undefined {
  if (!node || depth > 6) return undefined;
  const v = model.resolve(model.value(node));
  if (v.kind === 'list') return v.items;
  // `[stride] + [1] * (num_blocks - 1)`: the items of both sides; `[1] * n` as n copies.
  const b = unparen(v.node);
  if (b.type === 'binary_operator') {
    const op = model.text(child(b, 'operator') ?? b);
    const left = child(b, 'left');
    const right = child(b, 'right');
    if (op === '+') {
      const l = sequenceOf(model, left, depth + 1);
      const r = l && sequenceOf(model, right, depth + 1);
      return l && r ? [...l, ...r] : undefined;
    }
    if (op === '*' && left && right) {
      const [seq, times] = unparen(left).type === 'list' ? [left, right] : [right, left];
      const items = sequenceOf(model, seq, depth + 1);
      const k = sizeOf(model, model.value(times), depth + 1);
      return items && k !== undefined && k >= 0 && k <= 10_000 ? Array.from({ length: items.length * Math.floor(k) }, (_, i) => items[i % items.length]) : undefined;
    }
  }
  if (v.kind === 'call' && v.call.qualified === 'range' && v.call.args.length >= 1) {
    const stop = sizeOf(model, v.call.args.at(v.call.args.length === 1 ? 0 : 1), depth + 1);
    return stop === undefined ? undefined : [{ kind: 'number', value: Math.max(0, stop - 1), node: v.node }];
  }
  const n = unparen(v.node);
  if (n.type !== 'identifier') return undefined;
  const fn = model.context(n).func;
  if (!fn?.params.includes(model.text(n))) return undefined;
  const options: Value[][] = [];
  for (const v of parameterValues(model, fn, model.text(n), false).values) {
    const items = v && sequenceOf(model, v.node, depth + 1);
    if (!items) return undefined;
    options.push(items);
  }
  // Every caller's items together: a bound on each item, and on how many there are.
  return Array.from({ length: Math.max(...options.map((o) => o.length)) }, (_, i) => maxItem(options, i));
}

/** The i-th item across callers' sequences, as the largest of them (its size bound). */
function maxItem(options: Value[][], i: number): Value {
  const items = options.map((o) => o[i]).filter((x): x is Value => x !== undefined);
  return items.reduce((a, b) => (a.kind === 'number' && b.kind === 'number' && b.value > a.value ? b : a));
}

/**
 * How many times a layer built inside these loops is built: the product of their trip counts
 * (`range(n)`, a literal list, a parameter's tuple), or undefined for a loop whose count is not
 * written down.
 */
function tripCount(model: ModuleModel, loops: readonly LoopInfo[]): number | undefined {
  let total = 1;
  for (const l of loops) {
    if (l.kind === 'while' || !l.iter) return undefined;
    const it = unparen(l.iter);
    const call = it.type === 'call' ? model.callSite(it) : undefined;
    let count: number | undefined;
    if (call?.qualified === 'range') {
      const [a, b, step] = call.args.map((x) => sizeOf(model, x));
      count = call.args.length === 1 ? a : call.args.length === 2 && a !== undefined && b !== undefined ? b - a : a !== undefined && b !== undefined && step ? Math.ceil((b - a) / step) : undefined;
    } else if (call && (call.qualified === 'enumerate' || call.qualified === 'reversed') && call.args.length >= 1) {
      count = sequenceOf(model, call.args[0].node, 0)?.length;
    } else if (call?.qualified === 'zip') {
      const lengths = call.args.map((x) => sequenceOf(model, x.node, 0)?.length);
      count = lengths.some((x) => x !== undefined) ? Math.min(...lengths.filter((x): x is number => x !== undefined)) : undefined;
    } else count = sequenceOf(model, it, 0)?.length;
    if (count === undefined) return undefined;
    total *= Math.max(0, count);
  }
  return total;
}

/** Calls that bring data in from outside the file: files, datasets, loaders, downloads. */
const READS_DATA = /(^|\.)(open|load\w*|read\w*|fetch\w*|download\w*|urlopen|glob|iglob|listdir|scandir|walk|get)$|Dataset|DataLoader|(^|\.)datasets\.|^tensorflow\.data\./;

/** Whether the file takes no data from outside: everything it trains on is written in it. */
function selfContained(model: ModuleModel): boolean {
  return !model.calls.some((c) => READS_DATA.test(c.qualified ?? c.name));
}

/**
 * `len(x)`: the length of a literal (`len("BEPSTVX")`, `len(["a", "b"])`), or, in a file that
 * reads no data, at most the number of words the file is written with (a vocabulary built from a
 * sentence in the code cannot be larger).
 */
function countOf(model: ModuleModel, v: Value): number | undefined {
  const r = model.resolve(v);
  if (r.kind !== 'call' || r.call.qualified !== 'len' || r.call.args.length !== 1) return undefined;
  const arg = model.resolve(r.call.args[0]);
  if (arg.kind === 'string') return arg.value.length;
  if (arg.kind === 'list') return arg.items.length;
  if (arg.kind === 'dict') return arg.entries.length;
  return selfContained(model) ? (model.file.text.match(/\w+/g) ?? []).length : undefined;
}

function addDefined(total: number, n: number | undefined): number | undefined {
  return n === undefined ? undefined : total + n;
}

/** `nn.Parameter(torch.zeros(num_classes))`, also through `torch.tensor(...)`: the elements of the tensor it wraps. */
function parameterSize(model: ModuleModel, c: CallSite, depth = 0): number | undefined {
  const t = c.args[0];
  if (t?.kind !== 'call' || !t.call.qualified?.startsWith('torch.') || depth > 3 || t.call.kwargs.has('size')) return undefined;
  if (t.call.args.length === 1 && t.call.args[0].kind === 'call') return parameterSize(model, t.call, depth + 1);
  if (t.call.args.length === 0) return undefined;
  return mul(...t.call.args.map((a) => sizeOf(model, a)));
}

/**
 * A size passed to a local class's `__init__` (`SimpleClassifier(num_inputs=2, num_hidden=4)`):
 * the largest value any construction in the file gives it, when every one is known.
 */
function constructorArgument(model: ModuleModel, name: string, at: SNode, depth: number): number | undefined {
  const fn = model.context(at).func ?? (at.type === 'function_definition' ? model.functionInfo(at) : undefined);
  if (!fn || fn.name !== '__init__' || !fn.cls) return undefined;
  const index = fn.params.indexOf(name) - 1;
  if (index < 0) return undefined;
  const builds = model.calls.filter((c) => unparen(c.callee).type === 'identifier' && model.text(c.callee) === fn.cls!.name);
  let max: number | undefined;
  for (const c of builds) {
    if (c.hasSplat) return undefined;
    const value = sizeOf(model, model.arg(c, name, index), depth + 1);
    if (value === undefined) return undefined;
    max = Math.max(max ?? value, value);
  }
  return max;
}

/**
 * Parameters of all the models the file builds, when every layer's size is written down
 * (literals, constants, defaults, arithmetic on them) and no weights come from elsewhere.
 */
export function visibleParameters(model: ModuleModel): Sizes {
  const cached = cache.get(model);
  if (cached) return cached;
  let total: number | undefined = 0;
  let dense: number | undefined = 0;
  let layers = 0;
  let atLeast = 0;
  let approximate = false;
  // Local modules built in a loop (`[Block(width) for _ in range(depth)]`) repeat their layers.
  // (as many times as the loop runs, when that is written down: `for _ in range(3)`).
  const repeatedClasses = new Map<string, number | undefined>();
  for (const c of model.calls) {
    const loops = model.context(c.node).loops;
    if (unparen(c.callee).type !== 'identifier' || !model.classes.has(model.text(c.callee)) || loops.length === 0) continue;
    const name = model.text(c.callee);
    // Built in a helper method the class calls several times (`self._make_layer(16, 2)`, `(32, 2)`, `(64, 2)`): once per call.
    const fn = model.context(c.node).func;
    const helperCalls = fn?.cls && fn.name !== '__init__' && fn.name !== 'forward' ? callsOf(model, fn, fn.name, true).length : 0;
    const looped = tripCount(model, loops);
    const times = looped === undefined ? undefined : looped * Math.max(1, helperCalls);
    const prev = repeatedClasses.has(name) ? repeatedClasses.get(name) : 0;
    repeatedClasses.set(name, prev === undefined || times === undefined ? undefined : Math.max(prev, times));
  }
  for (const c of model.calls) {
    const q = c.qualified;
    if (q && LOADS.test(q) && !NOT_MODELS.test(q)) total = dense = undefined;
    if (!q || !(q.startsWith('torch.nn.') || q.startsWith('keras.layers.'))) continue;
    const name = lastSegment(q);
    const estimate = LAYERS[name];
    if (!estimate && name !== 'Parameter') {
      if (FREE.test(name) || q.startsWith('torch.nn.parallel.') || q.startsWith('torch.nn.functional.') || q.startsWith('torch.nn.init.') || q.startsWith('torch.nn.utils.')) continue;
      total = dense = undefined;
      continue;
    }
    // Keras layers name only their output width: good enough to spot a toy, not to size a model.
    if (q.startsWith('keras.')) approximate = true;
    if (!estimate) continue;
    const number = (i: number, k: string) => sizeOf(model, c.kwargs.get(k) ?? (c.args[i] as Value | undefined));
    // Layers built in a loop repeat an unknown number of times.
    const where = model.context(c.node);
    if (name === 'Parameter') {
      const size = where.loops.length > 0 ? undefined : parameterSize(model, c);
      total = total === undefined ? undefined : addDefined(total, size);
      dense = dense === undefined ? undefined : addDefined(dense, size);
      layers++;
      continue;
    }
    const times = where.loops.length > 0 ? tripCount(model, where.loops) : 1;
    const classTimes = where.cls && repeatedClasses.has(where.cls.name) ? repeatedClasses.get(where.cls.name) : 1;
    const one = c.hasSplat || times === undefined || classTimes === undefined ? undefined : estimate(number, c);
    const params = one === undefined ? undefined : one * times! * classTimes!;
    if (one !== undefined && !name.startsWith('Embedding')) atLeast += one;
    if (params === undefined || total === undefined) total = undefined;
    else total += params;
    if (!name.startsWith('Embedding')) dense = params === undefined || dense === undefined ? undefined : dense + params;
    layers++;
  }
  const result = { params: layers > 0 ? total : undefined, dense: layers > 0 ? dense : undefined, approximate, atLeast };
  cache.set(model, result);
  return result;
}

/** Whether every model the file builds is a toy (fewer than `TOY_PARAMETERS`, all sizes visible). */
export function onlyToyModels(model: ModuleModel): boolean {
  const n = visibleParameters(model).params;
  return n !== undefined && n < TOY_PARAMETERS;
}

/** Whether every model the file builds is small (fewer than `SMALL_PARAMETERS`, all sizes visible). */
export function onlySmallModels(model: ModuleModel): boolean {
  const { params, approximate } = visibleParameters(model);
  return params !== undefined && !approximate && params < SMALL_PARAMETERS;
}

/**
 * Whether every model's dense layers (all but embedding tables, which autocast leaves alone) are
 * small: a bag-of-words or fastText classifier is an embedding lookup and one small linear layer.
 */
export function onlySmallDenseModels(model: ModuleModel): boolean {
  const { dense, approximate } = visibleParameters(model);
  return dense !== undefined && !approximate && dense < SMALL_PARAMETERS;
}

// How many parameters one Keras model has, from the layers it is built of (a `Sequential` list,
// `model.add(...)` calls, or a functional graph from `keras.Input` to the outputs), carrying
// each layer's output width into the next so that `Dense(30)` after `Dense(30)` is 930 weights.
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, type SNode, unparen } from '../../parse/syntax';
import { boolValue, lastSegment, stringValue } from './training-apis';
import { sizeOf } from './model-size';

export interface KerasSize {
  params: number;
  /** Some input width was not written down and was taken as `KERAS_INPUT`. */
  guessed: boolean;
  /** When `guessed`: the parameters with every such width taken as `KERAS_INPUT_UPPER`, a generous bound. */
  upper: number;
}

/** An input width the code does not spell out (`input_shape=X_train.shape[1:]`). */
const KERAS_INPUT = 256;
/**
 * A generous bound on such a width: the features of a table, or the channels a first
 * convolution sees. A model small even with it is small whatever its data.
 */
const KERAS_INPUT_UPPER = 2048;
/** Local functions followed from a model to the one that builds it (`def make_model(): ... return model`). */
const MAX_FACTORY_DEPTH = 3;
/** Layers added in a loop more often than this are not counted one by one. */
const MAX_REPEATS = 64;
const SEQUENTIAL = /^keras\.(models\.)?Sequential$/;
const FUNCTIONAL = /^keras\.(models\.)?Model$/;
const INPUT = /^keras\.(layers\.)?(Input|InputLayer)$/;
const RECURRENT_GATES: Record<string, number> = { SimpleRNN: 1, GRU: 3, LSTM: 4 };
/** Layers without weights (to speak of) that keep every dimension. */
const SHAPE_PRESERVING = /^(Dropout|AlphaDropout|GaussianNoise|GaussianDropout|SpatialDropout\dD|Activation|ReLU|LeakyReLU|PReLU|ELU|Softmax|Masking|Rescaling|Normalization)$/;
/** Layers without weights that keep the feature width while spatial sizes may change. */
const WIDTH_PRESERVING = /^(UpSampling\dD|ZeroPadding\dD|Cropping\dD|Lambda)$/;
const POOLING = /^(MaxPooling|AveragePooling|MaxPool|AvgPool)([123])D$/;
const NORMALISATION = /^(BatchNormalization|LayerNormalization|GroupNormalization)$/;
const GLOBAL_POOLING = /^Global(Average|Max)Pooling\dD$/;
const MERGE = /^(concatenate|Concatenate)$/;
const ELEMENTWISE = /^(add|Add|multiply|Multiply|average|Average|subtract|Subtract|maximum|Maximum|minimum|Minimum)$/;

/** Feature dimensions after the batch axis; `undefined` entries are unknown (`None` time steps). */
type Dims = (number | undefined)[];

class Estimate {
  params = 0;
  guessed = false;
  /** Layers of a functional graph already counted: a layer applied twice shares its weights. */
  private readonly applied = new Set<SNode>();
  private readonly tensors = new Map<SNode, Dims | undefined>();
  /** The arguments a factory function was called with, by parameter, while its model is built. */
  private bindings: { fn: SNode; names: Map<string, Value> } | undefined;
  private factoryDepth = 0;

  constructor(
    private readonly model: ModuleModel,
    private readonly guess = KERAS_INPUT,
  ) {}

  number(v: Value | undefined): number | undefined {
    return sizeOf(this.model, v);
  }

  /** The dims of a literal shape (`[None, 1]`, `(28, 28)`, `[8]`); undefined when unreadable. */
  shape(v: Value | undefined): Dims | undefined {
    if (!v) return undefined;
    const r = this.model.resolve(v);
    if (r.kind === 'number') return [r.value];
    if (r.kind !== 'list') return undefined;
    const dims = r.items.map((i) => (this.model.resolve(i).kind === 'none' ? undefined : this.number(i)));
    return r.items.every((i, k) => dims[k] !== undefined || this.model.resolve(i).kind === 'none') ? dims : undefined;
  }

  /** The width the next layer sees: the last dim, or `KERAS_INPUT` when it is not written down. */
  width(dims: Dims | undefined): number {
    const last = dims?.[dims.length - 1];
    if (last !== undefined) return last;
    this.guessed = true;
    return this.guess;
  }

  add(n: number): void {
    this.params += n;
  }

  /** A layer's output dims given its input's, counting its weights; undefined for a layer it cannot size. */
  layer(c: CallSite, input: Dims | undefined, times = 1): Dims | undefined {
    const q = c.qualified;
    if (!q || !(q.startsWith('keras.layers.') || INPUT.test(q)) || c.hasSplat) return undefined;
    const name = lastSegment(q);
    const declared = c.kwargs.get('input_shape') ?? c.kwargs.get('input_dim');
    let dims = declared ? (this.shape(declared) ?? [undefined]) : input;
    if (name === 'Input' || name === 'InputLayer') return this.shape(this.model.arg(c, name === 'Input' ? 'shape' : 'input_shape', 0)) ?? [undefined];
    const inner = c.args[0]?.kind === 'call' ? c.args[0].call : undefined;
    if (name === 'TimeDistributed') return inner && this.layer(inner, dims, times);
    if (name === 'Bidirectional') {
      const out = inner && this.layer(inner, dims, times * 2);
      return out && [...out.slice(0, -1), this.width(out) * 2];
    }
    const w = this.width(dims);
    dims ??= [w];
    const units = this.number(this.model.arg(c, name === 'Embedding' ? 'output_dim' : name.startsWith('Conv') ? 'filters' : 'units', name === 'Embedding' ? 1 : 0));
    if (name === 'Dense') {
      if (units === undefined) return undefined;
      this.add(times * units * (w + 1));
      return [...dims.slice(0, -1), units];
    }
    const gates = RECURRENT_GATES[name];
    if (gates !== undefined) {
      if (units === undefined) return undefined;
      this.add(times * gates * units * (w + units + 1));
      return boolValue(this.model, c.kwargs.get('return_sequences')) === true ? [dims[0], units] : [units];
    }
    if (/^Conv[123]D$/.test(name)) {
      const k = this.model.arg(c, 'kernel_size', 1);
      const kr = k && this.model.resolve(k);
      const side = kr?.kind === 'list' ? undefined : this.number(k);
      const area = kr?.kind === 'list' ? kr.items.reduce<number | undefined>((a, i) => (a === undefined ? a : mulOrUndefined(a, this.number(i))), 1) : side === undefined ? undefined : side ** Number(name[4]);
      if (units === undefined || area === undefined) return undefined;
      this.add(times * units * (area * w + 1));
      const same = /^(same|causal)$/.test(stringValue(this.model, c.kwargs.get('padding')) ?? '') && !c.kwargs.has('strides');
      return [...dims.slice(0, -1).map((d) => (same ? d : undefined)), units];
    }
    if (name === 'Embedding') {
      const vocabulary = this.number(this.model.arg(c, 'input_dim', 0));
      if (units === undefined || vocabulary === undefined) return undefined;
      this.add(times * vocabulary * units);
      return [...dims, units];
    }
    if (name === 'Flatten') return dims.every((d) => d !== undefined) ? [dims.reduce<number>((a, b) => a * b!, 1)] : undefined;
    if (name === 'RepeatVector') {
      const n = this.number(c.args[0]);
      return n === undefined ? undefined : [n, w];
    }
    if (name === 'Reshape') return this.shape(this.model.arg(c, 'target_shape', 0));
    if (GLOBAL_POOLING.test(name)) return [w];
    if (NORMALISATION.test(name)) {
      this.add(times * 4 * w);
      return dims;
    }
    if (SHAPE_PRESERVING.test(name)) return dims;
    const pooling = POOLING.exec(name);
    if (pooling) return this.pooled(c, dims, Number(pooling[2]));
    return WIDTH_PRESERVING.test(name) ? [...dims.slice(0, -1).map(() => undefined), w] : undefined;
  }

  /** The dims after a pooling layer: each spatial side divided by the pool (or its strides), as Keras rounds it. */
  private pooled(c: CallSite, dims: Dims, rank: number): Dims {
    const sides = (v: Value | undefined, fallback: (number | undefined)[]): (number | undefined)[] => {
      if (!v) return fallback;
      const r = this.model.resolve(v);
      if (r.kind === 'none') return fallback;
      const items = r.kind === 'list' ? r.items.map((i) => this.number(i)) : Array<number | undefined>(rank).fill(this.number(v));
      return items.length === rank ? items : Array<number | undefined>(rank).fill(undefined);
    };
    const pool = sides(this.model.arg(c, 'pool_size', 0), Array<number>(rank).fill(2));
    const strides = sides(this.model.arg(c, 'strides', 1), pool);
    const same = stringValue(this.model, this.model.arg(c, 'padding', 2)) === 'same';
    const spatial = dims.slice(0, -1);
    if (spatial.length !== rank) return [...spatial.map(() => undefined), dims[dims.length - 1]];
    return [
      ...spatial.map((d, i) => {
        const p = pool[i];
        const s = strides[i];
        if (d === undefined || p === undefined || s === undefined || s <= 0) return undefined;
        return same ? Math.ceil(d / s) : Math.floor((d - p) / s) + 1;
      }),
      dims[dims.length - 1],
    ];
  }

  /** A layer or a nested model used as a layer (`Sequential([encoder, RepeatVector(n), decoder])`). */
  item(v: Value, input: Dims | undefined, times = 1): Dims | undefined {
    const bound = this.bound(v);
    if (bound) return this.item(bound, input, times);
    const call = this.model.originCall(v.node);
    if (!call) return undefined;
    if (call.qualified && (SEQUENTIAL.test(call.qualified) || FUNCTIONAL.test(call.qualified))) return this.build(call, input, v.node);
    return this.layer(call, input, times);
  }

  /** The model a constructor builds, with layers added before `at`. */
  build(ctor: CallSite, input: Dims | undefined, at: SNode): Dims | undefined {
    const q = ctor.qualified;
    if (!q && !ctor.hasSplat) return this.factory(ctor, input);
    if (!q || ctor.hasSplat) return undefined;
    if (FUNCTIONAL.test(q)) {
      const outputs = this.model.arg(ctor, 'outputs', 1);
      const r = outputs && this.model.resolve(outputs);
      if (!r) return undefined;
      const all = (r.kind === 'list' ? r.items : [r]).map((o) => this.tensor(o));
      return all.every((d) => d !== undefined) ? all[0] : undefined;
    }
    if (!SEQUENTIAL.test(q)) return undefined;
    const listed = this.model.arg(ctor, 'layers', 0);
    const list = listed && this.model.resolve(listed);
    if (list && list.kind !== 'list') return undefined;
    const layers: Value[] = [...(list?.items ?? [])];
    for (const add of this.model.calls) {
      if (add.name !== 'add' || !add.receiver || add.node.start > at.start || this.model.originCall(add.receiver)?.node !== ctor.node) continue;
      const times = repetitions(this.model, add.node);
      if (times === undefined || times > MAX_REPEATS || add.args.length !== 1) return undefined;
      for (let i = 0; i < times; i++) layers.push(add.args[0]);
    }
    if (layers.length === 0) return undefined;
    let dims = input;
    for (const layer of layers) {
      dims = this.item(layer, dims);
      if (!dims) return undefined;
    }
    return dims;
  }

  /** A parameter of the factory being followed, as the call passed it (or its default). */
  private bound(v: Value): Value | undefined {
    const b = this.bindings;
    if (!b || v.node.type !== 'identifier') return undefined;
    const arg = b.names.get(this.model.text(v.node));
    return arg && this.model.context(v.node).func?.node === b.fn ? arg : undefined;
  }

  /**
   * The model a local function returns (`def build_and_compile_model(norm): ... return model`),
   * its parameters bound to the call's arguments so that `norm` is the layer passed in.
   */
  private factory(call: CallSite, input: Dims | undefined): Dims | undefined {
    const callee = unparen(call.callee);
    if (callee.type !== 'identifier' || this.factoryDepth >= MAX_FACTORY_DEPTH) return undefined;
    const name = this.model.text(callee);
    const fn = this.model.classes.has(name) ? undefined : this.model.functions.find((f) => f.name === name && !f.cls);
    if (!fn) return undefined;
    const last = this.model.returnsOf(fn).filter((r) => r.children[0]).at(-1);
    const ctor = last && this.model.originCall(last.children[0]);
    if (!last || !ctor || ctor === call) return undefined;
    const names = new Map<string, Value>();
    fn.params.forEach((p, i) => {
      const given = call.kwargs.get(p) ?? call.args[i];
      const fallback = given ? undefined : this.model.defaultOf(p, last);
      const v = given ?? (fallback && this.model.value(fallback));
      if (v) names.set(p, v);
    });
    const outer = this.bindings;
    this.bindings = { fn: fn.node, names };
    this.factoryDepth++;
    try {
      return this.build(ctor, input, last);
    } finally {
      this.factoryDepth--;
      this.bindings = outer;
    }
  }

  /** Concatenated tensors: the widths add up. */
  merged(parts: (Dims | undefined)[] | undefined): Dims | undefined {
    if (!parts || parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
    return [...parts[0]!.slice(0, -1), parts.reduce((a, p) => a + this.width(p), 0)];
  }

  /** A functional-API tensor: `keras.Input(...)`, a layer applied to tensors, or a merge of them. */
  tensor(v: Value, depth = 0): Dims | undefined {
    if (depth > 40) return undefined;
    const key = v.node;
    if (this.tensors.has(key)) return this.tensors.get(key);
    this.tensors.set(key, undefined);
    const r = this.model.resolve(v);
    let out: Dims | undefined;
    if (r.kind === 'call') {
      const c = r.call;
      const name = c.qualified?.startsWith('keras.layers.') ? lastSegment(c.qualified) : undefined;
      const inputs = (x: Value | undefined) => {
        const rx = x && this.model.resolve(x);
        return rx?.kind === 'list' ? rx.items.map((i) => this.tensor(i, depth + 1)) : undefined;
      };
      if (c.qualified && INPUT.test(c.qualified)) out = this.layer(c, undefined);
      else if (name && MERGE.test(name)) out = this.merged(inputs(c.args[0]));
      else if (name && ELEMENTWISE.test(name)) out = inputs(c.args[0])?.[0];
      else {
        const layer = this.model.originCall(unparen(c.callee));
        const ln = layer?.qualified?.startsWith('keras.layers.') ? lastSegment(layer.qualified) : undefined;
        if (layer && ln && MERGE.test(ln)) out = this.merged(inputs(c.args[0]));
        else if (layer && ln && ELEMENTWISE.test(ln)) out = inputs(c.args[0])?.[0];
        else if (layer && c.args[0]) {
          const x = this.tensor(c.args[0], depth + 1);
          const before = this.params;
          out = x && this.layer(layer, x);
          if (this.applied.has(layer.node)) this.params = before;
          this.applied.add(layer.node);
        }
      }
    }
    this.tensors.set(key, out);
    return out;
  }
}

function mulOrUndefined(a: number, b: number | undefined): number | undefined {
  return b === undefined ? undefined : a * b;
}

/** How many times a statement runs: once, or the known length of the `for` loops around it (`for rate in (1, 2, 4, 8) * 2`). */
function repetitions(model: ModuleModel, node: SNode): number | undefined {
  let times = 1;
  for (const loop of model.context(node).loops) {
    const n = loop.kind === 'for' && loop.iter ? iterationCount(model, model.value(loop.iter)) : undefined;
    if (n === undefined) return undefined;
    times *= n;
  }
  return times;
}

function iterationCount(model: ModuleModel, v: Value): number | undefined {
  const r = model.resolve(v);
  if (r.kind === 'list') return r.items.length;
  if (r.kind === 'call' && r.call.qualified === 'range' && r.call.args.length === 1) return sizeOf(model, r.call.args[0]);
  const n = unparen(r.node);
  const op = child(n, 'operator');
  if (n.type === 'binary_operator' && op && model.text(op) === '*') {
    const left = child(n, 'left');
    const right = child(n, 'right');
    const l = left && model.value(left);
    const k = right && sizeOf(model, model.value(right));
    const items = l && iterationCount(model, l);
    return items === undefined || k === undefined ? undefined : items * k;
  }
  return undefined;
}

/**
 * The parameters of the Keras model an expression holds (`model` in `model.fit(...)`), when it is
 * built in the file from layers whose sizes are written down; undefined otherwise (a loaded or
 * subclassed model, a layer it cannot size).
 */
export function kerasModelSize(model: ModuleModel, receiver: SNode): KerasSize | undefined {
  const ctor = model.originCall(receiver);
  if (!ctor) return undefined;
  const estimate = new Estimate(model);
  if (!estimate.build(ctor, undefined, receiver)) return undefined;
  if (!estimate.guessed) return { params: estimate.params, guessed: false, upper: estimate.params };
  const bound = new Estimate(model, KERAS_INPUT_UPPER);
  bound.build(ctor, undefined, receiver);
  return { params: estimate.params, guessed: true, upper: Math.max(bound.params, estimate.params) };
}

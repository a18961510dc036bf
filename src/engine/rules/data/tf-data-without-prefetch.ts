// FRG306: tf.data input pipelines fed to training with no `.prefetch(...)` at the end, or with a
// `.map(...)` that runs one element at a time, so the accelerator waits for input on every step.
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import { addKeyword, localName } from '../fixes';
import type { OffsetEdit, Rule, RuleContext } from '../rule';
import { trainingFacts } from '../training/shared';
import { CONFIDENCE_DOCS, runConfidence } from '../training/workload';
import { numberValue } from '../training/training-apis';

/** Where a pipeline starts, and what that costs per element. */
type RootKind = 'memory' | 'io' | 'prefetched';

const ROOTS: Record<string, RootKind> = {
  'tensorflow.data.Dataset.from_tensor_slices': 'memory',
  'tensorflow.data.Dataset.from_tensors': 'memory',
  'tensorflow.data.Dataset.range': 'memory',
  'tensorflow.data.Dataset.from_generator': 'io',
  'tensorflow.data.Dataset.list_files': 'io',
  'tensorflow.data.Dataset.load': 'io',
  'tensorflow.data.TFRecordDataset': 'io',
  'tensorflow.data.TextLineDataset': 'io',
  'tensorflow.data.FixedLengthRecordDataset': 'io',
  'tensorflow.data.experimental.CsvDataset': 'io',
  'tensorflow.data.experimental.SqlDataset': 'io',
  'tensorflow_datasets.load': 'io',
  // These end with `.prefetch(tf.data.AUTOTUNE)` themselves (Keras and tf.data sources).
  'tensorflow.data.experimental.make_csv_dataset': 'prefetched',
  'keras.utils.image_dataset_from_directory': 'prefetched',
  'keras.preprocessing.image_dataset_from_directory': 'prefetched',
  'keras.utils.text_dataset_from_directory': 'prefetched',
  'keras.preprocessing.text_dataset_from_directory': 'prefetched',
  'keras.utils.audio_dataset_from_directory': 'prefetched',
  'keras.utils.timeseries_dataset_from_array': 'prefetched',
  'keras.preprocessing.timeseries_dataset_from_array': 'prefetched',
};

/** `tf.data.Dataset` methods that return a dataset. */
const DATASET_METHODS = new Set([
  'map', 'batch', 'padded_batch', 'ragged_batch', 'shuffle', 'repeat', 'cache', 'prefetch', 'filter', 'take', 'skip',
  'unbatch', 'interleave', 'flat_map', 'apply', 'with_options', 'shard', 'rebatch', 'enumerate', 'window',
  'concatenate', 'bucket_by_sequence_length', 'group_by_window', 'snapshot', 'ignore_errors', 'assert_cardinality',
  'take_while', 'scan', 'unique', 'map_with_legacy_function',
]);

const BATCHING = new Set(['batch', 'padded_batch', 'ragged_batch', 'bucket_by_sequence_length']);

/** Transformations that do work per element (beyond slicing in-memory tensors into batches). */
const PER_ELEMENT_WORK = new Set(['map', 'interleave', 'flat_map', 'apply', 'filter', 'scan', 'map_with_legacy_function']);

export interface Pipeline {
  root: RootKind;
  /** A `.prefetch(...)` (or `prefetch_to_device`) somewhere in the chain. */
  prefetch: boolean;
  /** Work per element somewhere in the chain. */
  work: boolean;
  maps: CallSite[];
  /** A `batch` comes earlier in the chain: a later `.map` runs once per batch, already vectorised. */
  batched: boolean;
  /** The outermost dataset expression, which the fix appends `.prefetch(...)` to; undefined when it cannot take one. */
  tail?: SNode;
  /** Its source is a literal of a few rows written in the code. */
  tiny?: boolean;
}

const MAX_DEPTH = 24;

/** Follows `tf.data` pipelines back to their source (shared with `no-checkpointing`, which asks whether a run streams its data from files). */
export class Pipelines {
  private readonly prefetched = new Set<string>();

  constructor(private readonly model: ModuleModel) {
    // `if use_prefetch: ds = ds.prefetch(...)`: a name prefetched anywhere counts as prefetched.
    for (const c of model.calls) {
      if (c.name === 'prefetch' && c.receiver) this.prefetched.add(model.text(unparen(c.receiver)));
    }
  }

  describe(node: SNode, depth = 0): Pipeline | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const { model } = this;
    const n = unparen(node);
    if (n.type === 'identifier' || n.type === 'attribute') {
      const name = model.text(n);
      const origin = model.originOf(name, n);
      const tuple = this.lastUnpacking(name, n);
      // `(x_train, y_train), _ = load()` after an earlier `x_train = ...`: the unpacking binds it now.
      const found = tuple && (!origin || tuple.start > origin.start) ? this.unpacked(tuple, depth) : origin ? this.describe(origin, depth + 1) : undefined;
      if (found && this.prefetched.has(name)) found.prefetch = true;
      return found;
    }
    // `datasets["train"]` of `datasets = tfds.load("mnist")`: a dataset is not subscriptable, so the value is the dict of splits.
    if (n.type === 'subscript') {
      const value = child(n, 'value');
      const inner = value && this.describe(value, depth + 1);
      return inner && { ...inner, tail: node };
    }
    if (n.type !== 'call') return undefined;
    const call = model.callSite(n);
    const kind = call.qualified ? ROOTS[call.qualified] : undefined;
    if (kind) {
      const rows = kind === 'memory' ? literalRows(model, call.args[0] ?? call.kwargs.get('tensors')) : undefined;
      const tiny = rows !== undefined && rows < TINY_LITERAL_ROWS;
      return { root: kind, prefetch: false, work: call.qualified === 'tensorflow.data.Dataset.from_generator', maps: [], batched: kind === 'prefetched', tail: node, tiny };
    }
    if (call.qualified === 'tensorflow.data.Dataset.zip') return this.zip(call, node, depth);
    if (call.receiver && DATASET_METHODS.has(call.name)) {
      const inner = this.describe(call.receiver, depth + 1);
      if (!inner) return undefined;
      const isPrefetch = call.name === 'prefetch' || (call.name === 'apply' && /prefetch/.test(model.text(call.argList)));
      // What comes before `.cache()` runs in the first epoch only; later epochs read the cache.
      if (call.name === 'cache') return { ...inner, root: inner.root === 'prefetched' || call.args.length > 0 || call.kwargs.size > 0 ? inner.root : 'memory', work: false, maps: [], tail: node };
      return {
        root: inner.root,
        prefetch: inner.prefetch || isPrefetch,
        work: inner.work || (PER_ELEMENT_WORK.has(call.name) && !(call.name === 'map' && trivialLambda(model, call, true))),
        maps: call.name === 'map' && !inner.batched ? [...inner.maps, call] : inner.maps,
        batched: inner.batched || BATCHING.has(call.name),
        tail: node,
        tiny: inner.tiny,
      };
    }
    return this.returned(call, depth);
  }

  /** `Dataset.zip((images, labels))`: the parts' roots and work combined. */
  private zip(call: CallSite, node: SNode, depth: number): Pipeline | undefined {
    const arg = call.args[0] ?? call.kwargs.get('datasets');
    const parts = arg?.kind === 'list' ? arg.items : arg ? [arg] : [];
    const described = parts.map((p) => this.describe(p.node, depth + 1));
    if (described.length === 0 || described.some((d) => d === undefined)) return undefined;
    const ds = described as Pipeline[];
    const root: RootKind = ds.some((d) => d.root === 'io') ? 'io' : ds.every((d) => d.root === 'prefetched') ? 'prefetched' : 'memory';
    return { root, prefetch: false, work: ds.some((d) => d.work), maps: ds.flatMap((d) => d.maps), batched: ds.some((d) => d.batched), tail: node, tiny: ds.every((d) => d.tiny) };
  }

  /** A local function's one returned expression: `train_ds = make_dataset(files)`. */
  private returned(call: CallSite, depth: number): Pipeline | undefined {
    const { model } = this;
    const callee = unparen(call.callee);
    if (call.qualified || callee.type !== 'identifier') return undefined;
    const fns = model.functions.filter((f) => f.name === model.text(callee) && !f.cls);
    if (fns.length !== 1) return undefined;
    const returns = model.returnsOf(fns[0]);
    const value = returns.length === 1 ? returns[0].children.find((c) => c.type !== 'return') : undefined;
    return value ? this.describe(value, depth + 1) : undefined;
  }

  /** The right side of the last tuple assignment binding `name` before `at` in its scope. */
  private lastUnpacking(name: string, at: SNode): SNode | undefined {
    const { model } = this;
    const scope = model.context(at).func?.node ?? model.file.root;
    let found: SNode | undefined;
    for (const a of this.unpackings()) {
      if (a.start >= at.start || !(a.start >= scope.start && a.end <= scope.end)) continue;
      if ((model.context(a).func?.node ?? model.file.root) !== scope) continue;
      const left = child(a, 'left')!;
      if ([...descendants(left)].some((x) => x.type === 'identifier' && model.text(x) === name)) found = child(a, 'right');
    }
    return found;
  }

  private unpackingList?: SNode[];

  private unpackings(): SNode[] {
    this.unpackingList ??= this.model.nodesOfType('assignment').filter((d) => {
      const left = child(d, 'left');
      return left?.type === 'pattern_list' || left?.type === 'tuple_pattern';
    });
    return this.unpackingList;
  }

  /** `(train, test), info = tfds.load(...)`: a name unpacked from a dataset source. */
  private unpacked(right: SNode, depth: number): Pipeline | undefined {
    const r = unparen(right);
    if (r.type !== 'call') return undefined;
    const described = this.describe(r, depth + 1);
    return described && { ...described, tail: undefined };
  }
}

/** TensorFlow calls that only reshape, cast or pack tensors: no work worth overlapping. */
const SHAPE_OPS = /^tensorflow\.(expand_dims|squeeze|reshape|cast|identity|one_hot|stack|concat|transpose)$/;

/**
 * `lambda w: (w[:-1], w[-1])`, `lambda x, y: (x, tf.expand_dims(y, -1))`: a function that only
 * indexes, packs, reshapes or casts tensors costs next to nothing per element.
 */
function trivialLambda(model: ModuleModel, map: CallSite, shapeOps: boolean): boolean {
  const fn = map.args[0] ?? map.kwargs.get('map_func');
  const n = fn && unparen(fn.node);
  if (n?.type !== 'lambda') return false;
  const body = child(n, 'body');
  return body !== undefined && ![...descendants(body)].some((d) => d.type === 'call' && !(shapeOps && SHAPE_OPS.test(model.callSite(d).qualified ?? '')));
}

/**
 * The rows of a literal written in the code (`{'type': [0, 1, 1], 'size': [...]}`, a tuple of
 * such parts, a list of rows); undefined for anything else.
 */
function literalRows(model: ModuleModel, v: Value | undefined, depth = 0): number | undefined {
  if (!v || depth > 4) return undefined;
  const r = model.resolve(v);
  const scalar = (x: Value) => {
    const k = model.resolve(x).kind;
    return k === 'number' || k === 'string' || k === 'bool';
  };
  const most = (parts: (number | undefined)[]) => (parts.length > 0 && parts.every((p) => p !== undefined) ? Math.max(...(parts as number[])) : undefined);
  if (r.kind === 'dict') return most(r.entries.map((e) => literalRows(model, e.value, depth + 1)));
  if (r.kind !== 'list') return undefined;
  if (r.items.every(scalar)) return r.items.length;
  if (unparen(r.node).type === 'tuple') return most(r.items.map((i) => literalRows(model, i, depth + 1)));
  return r.items.every((i) => model.resolve(i).kind === 'list') ? r.items.length : undefined;
}

/** Literal data written in the code is a demo: fewer rows than this and no pipeline over it is reported. */
const TINY_LITERAL_ROWS = 1000;

/** How the file spells `tf.data.AUTOTUNE`: a constant it defines (`AUTOTUNE = tf.data.AUTOTUNE`), else through its `tensorflow` import. */
function autotune(model: ModuleModel, at: SNode): string | undefined {
  for (const c of ['AUTOTUNE', 'AUTO', 'autotune']) {
    const origin = model.originOf(c, at);
    const q = origin && model.qualify(origin);
    if (q === 'tensorflow.data.AUTOTUNE' || q === 'tensorflow.data.experimental.AUTOTUNE') return c;
  }
  if (/\btf\.data\.experimental\.AUTOTUNE\b/.test(model.file.text) && !/\btf\.data\.AUTOTUNE\b/.test(model.file.text)) {
    return localName(model, 'tensorflow.data.experimental.AUTOTUNE');
  }
  return localName(model, 'tensorflow.data.AUTOTUNE');
}

/** The iterable of a loop, inside `enumerate(...)`, `tqdm(...)` or `iter(...)`. */
function loopedOver(model: ModuleModel, iter: SNode): SNode {
  const n = unparen(iter);
  if (n.type !== 'call') return n;
  const call = model.callSite(n);
  if ((call.qualified === 'enumerate' || call.qualified === 'iter' || call.name === 'tqdm') && call.args[0]) return loopedOver(model, call.args[0].node);
  return n;
}

/** Validation steps per epoch at or below which a validation pipeline is not worth prefetching. */
const FEW_VALIDATION_STEPS = 5;

export const tfDataWithoutPrefetch: Rule = {
  meta: {
    code: 'FRG306',
    name: 'tf-data-without-prefetch',
    category: 'data',
    severity: 'warning',
    summary: '`tf.data` pipeline fed to training with no `.prefetch(...)`, or with a `.map(...)` that runs one element at a time',
    messages: {
      prefetch:
        'This `tf.data` pipeline is fed to {consumer} with no `.prefetch(...)`: each step waits while the next batch is read and prepared instead of preparing it during the current step; end the pipeline with `.prefetch(tf.data.AUTOTUNE)`',
      map: '`.map(...)` without `num_parallel_calls` in a `tf.data` pipeline fed to {consumer}: it transforms one element at a time on one CPU thread; pass `num_parallel_calls=tf.data.AUTOTUNE`',
    },
    fixTitle: 'Append `.prefetch(tf.data.AUTOTUNE)`',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks `tf.data` pipelines that are fed to Keras `fit` (as `x` or `validation_data`) or iterated by a training loop (a loop that runs an optimiser step, directly or through a local `train_step`). The pipeline is followed from its source — `tf.data.Dataset.from_tensor_slices`/`from_tensors`/`range`/`from_generator`/`list_files`/`zip`, `TFRecordDataset`, `TextLineDataset`, `tfds.load` (also unpacked: `(train, test), info = tfds.load(...)`, or a split taken from its dict: `datasets["train"]`) — through its transformations, variables reassigned in steps (`ds = ds.batch(32)`), and the one return statement of a local function that builds it (`train_ds = make_dataset(files)`). A pipeline fed as `validation_data` with `validation_steps` of 5 or fewer (a batch or two of validation per epoch) is left alone. It flags a pipeline with no `.prefetch(...)` anywhere (a name that is prefetched on any path, such as `if use_prefetch: ds = ds.prefetch(...)`, counts as prefetched; so does `.apply(...prefetch_to_device...)`), reported on the outermost expression the fix appends to; and each `.map(fn)` in such a fed pipeline without `num_parallel_calls`. A `.map` after a `batch` runs once per batch, the vectorised form the TensorFlow guide recommends for cheap functions, and is not flagged; nor is a `.map` on the output of the Keras directory loaders, which arrive batched. Work placed before a `.cache()` runs in the first epoch only, so a `.map` before it is not flagged, and a pipeline cached in memory (`.cache()` without a file name) whose only per-element work comes before the cache counts as in-memory. A `.map` of a lambda that only indexes, packs, reshapes or casts tensors costs next to nothing per element: one with no call in it (`lambda w: (w[:-1], w[-1])`) is not flagged, and one whose only calls are `expand_dims`, `squeeze`, `reshape`, `cast`, `identity`, `one_hot`, `stack`, `concat` or `transpose` (`lambda x, y: (x, tf.expand_dims(y, -1))`) does not count as work (a cached in-memory pipeline with only such a map after it is still in memory). Not flagged: pipelines over a literal of fewer than 1,000 rows written in the code (`from_tensor_slices(({"type": [0, 1, 1]}, [1, 1, 0]))`, a demo), pipelines it cannot follow to a source (a function parameter, a function from another module), Keras `image_dataset_from_directory`/`text_dataset_from_directory`/`audio_dataset_from_directory`/`timeseries_dataset_from_array` and `tf.data.experimental.make_csv_dataset` (they end with `.prefetch(tf.data.AUTOTUNE)` themselves; a later `.map` is still checked), and in-memory pipelines (`from_tensor_slices` of arrays) that do no work per element (no `map`, `interleave`, `flat_map`, `filter`, `apply`): slicing tensors that are already in memory into batches costs little next to a training step, so prefetching them saves little.' + ' ' + CONFIDENCE_DOCS.tfData,
      whyBad:
        'Without prefetching, the input pipeline only starts producing the next batch when the training step asks for it, so step time is the sum of input time and compute time; with `.prefetch`, the next batch is prepared while the current step runs and step time approaches the larger of the two. A `.map` without `num_parallel_calls` decodes, augments or parses one element at a time on one core. Either way the GPU or TPU, which draws power whether it computes or not, sits waiting for input.',
      evidence:
        'The TensorFlow guide "Better performance with the tf.data API" shows that prefetching "reduces the step time to the maximum (as opposed to the sum) of the training and the time it takes to extract the data", and recommends ending every pipeline with `prefetch(tf.data.AUTOTUNE)` and parallelising `map` with `num_parallel_calls`. Its benchmark is synthetic: reading an element sleeps 15 ms and a training step 10 ms, so a step costs their sum (25 ms) without prefetching and tends to the larger (15 ms) with it. There is no measured energy figure for real workloads; the saving is the input time hidden behind compute on every step, during which an idle GPU still draws power.',
      example: 'ds = tf.data.TFRecordDataset(files)\nds = ds.map(parse_example)\nds = ds.shuffle(10_000).batch(64)\nmodel.fit(ds, epochs=10)',
      useInstead: 'ds = tf.data.TFRecordDataset(files)\nds = ds.map(parse_example, num_parallel_calls=tf.data.AUTOTUNE)\nds = ds.shuffle(10_000).batch(64).prefetch(tf.data.AUTOTUNE)\nmodel.fit(ds, epochs=10)',
      fixSafety:
        'Appending `.prefetch(tf.data.AUTOTUNE)` is safe: it changes when elements are produced, not which elements or in what order. It spells AUTOTUNE as the file does (a constant such as `AUTOTUNE = tf.data.AUTOTUNE`, `tf.data.experimental.AUTOTUNE` in older code, or `tf.data.AUTOTUNE` through the file\'s `tensorflow` import); with no `tensorflow` import there is no fix. Adding `num_parallel_calls=tf.data.AUTOTUNE` to `.map` is unsafe: the output order stays deterministic by default, but a map function with side effects or Python state (`tf.py_function`, a counter, random calls without seeds) can behave differently when run in parallel.',
    },
  },
  create(ctx: RuleContext) {
    const { model } = ctx;
    if (!model.importsModule('tensorflow') && !model.importsModule('tensorflow_datasets') && !model.importsModule('keras')) return {};
    const pipelines = new Pipelines(model);
    const reportedTails = new Set<SNode>();
    const reportedMaps = new Set<SNode>();
    const check = (fed: SNode, consumer: string) => {
      const p = pipelines.describe(fed);
      if (!p || p.tiny) return;
      // Arrays already in memory (a teaching benchmark, a table) cost little per element: high confidence
      // only where the file shows a large run; a pipeline that reads files always is.
      const confidence = p.root === 'memory' ? runConfidence(model, ctx.path) : undefined;
      for (const map of p.maps) {
        if (reportedMaps.has(map.node) || map.kwargs.has('num_parallel_calls') || map.args.length >= 2 || map.hasSplat || trivialLambda(model, map, false)) continue;
        reportedMaps.add(map.node);
        const name = child(unparen(map.callee), 'attribute') ?? map.callee;
        const ref = autotune(model, map.node);
        ctx.report({
          node: name,
          messageId: 'map',
          confidence,
          data: { consumer },
          fix: ref ? { safety: 'unsafe', edits: [addKeyword(model, map, 'num_parallel_calls', ref)], title: `Pass \`num_parallel_calls=${ref}\`` } : undefined,
        });
      }
      if (p.prefetch || p.root === 'prefetched' || (p.root === 'memory' && !p.work)) return;
      const tail = p.tail ?? fed;
      if (reportedTails.has(tail)) return;
      reportedTails.add(tail);
      const ref = autotune(model, tail);
      const edit: OffsetEdit | undefined = ref ? { start: tail.end, end: tail.end, text: `.prefetch(${ref})` } : undefined;
      ctx.report({
        node: tail,
        messageId: 'prefetch',
        confidence,
        data: { consumer },
        fix: edit ? { safety: 'safe', edits: [edit], title: `Append \`.prefetch(${ref})\`` } : undefined,
      });
    };
    return {
      call(call) {
        if (call.name !== 'fit' || !call.receiver || call.hasSplat) return;
        const x = model.arg(call, 'x', 0);
        if (x) check(x.node, '`fit`');
        const validation = model.arg(call, 'validation_data', 7);
        // `validation_steps=1`: a batch or two of validation per epoch, whose input pipeline costs nothing worth overlapping.
        const steps = numberValue(model, call.kwargs.get('validation_steps'));
        if (validation && validation.kind !== 'none' && !(steps !== undefined && steps <= FEW_VALIDATION_STEPS)) check(validation.node, '`fit` as validation data');
      },
      loop(loop) {
        if (loop.kind !== 'for' || !loop.iter || !trainingFacts(model).stepLoops.has(loop.node)) return;
        check(loopedOver(model, loop.iter), 'a training loop');
      },
    };
  },
};

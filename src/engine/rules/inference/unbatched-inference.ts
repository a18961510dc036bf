// FRG404: a model, pipeline or `predict` called once per sample inside a loop over a collection,
// where one batched call (or a few) would do the same work.
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import { contains } from '../../model/model';
import { child, descendants, namedChildren, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { backwardAround, type Binding, bindingsIn, CallerIndex, fewIterations, isTimedOrPolling, isTorchModel, lastMode, modelTypes, nameWords, namesIn, returnedForTraining } from './shared';
import { unbatchedInferenceJs } from '../js/unbatched-inference';

type Kind = 'pipeline' | 'spacy' | 'encode' | 'session' | 'predict' | 'model' | 'generate';

const PREDICT_METHODS = new Set(['predict', 'predict_proba', 'predict_log_proba', 'decision_function', 'predict_on_batch']);
/** Libraries whose estimators take a 2-D batch in `predict`. */
const ESTIMATOR_TYPES = /^(sklearn|xgboost|lightgbm|catboost|keras|tensorflow)\.|^(joblib\.load|pickle\.load|skops\.io\.load|mlflow\.\w+\.load_model)$/;
const KERAS_MODELS = /^keras\.(models\.|applications\.|saving\.load_model$|Sequential$|Model$)|^tensorflow\.saved_model\.load$/;

/** Words in a loop's iterable or variables that say it yields batches, not samples. */
const BATCH_WORDS = new Set([
  'batch', 'batches', 'minibatch', 'minibatches', 'batched', 'chunk', 'chunks', 'chunked', 'loader', 'loaders', 'dataloader', 'dl',
  'shard', 'shards', 'fold', 'folds', 'group', 'groups', 'groupby', 'bucket', 'buckets', 'split', 'splits', 'partition', 'partitions',
  'window', 'windows', 'xb', 'yb', 'chunksize', 'datasets', 'sets', 'frames', 'dfs', 'parts',
]);
const BATCH_FACTORIES = new Set(['torch.utils.data.DataLoader', 'torch.utils.data.dataloader.DataLoader', 'numpy.array_split', 'numpy.split', 'torch.split', 'torch.chunk', 'more_itertools.chunked', 'itertools.batched']);
/** Iterator wrappers that yield what they wrap. */
const WRAPPERS = new Set(['tqdm', 'enumerate', 'list', 'iter', 'sorted', 'reversed', 'zip', 'tuple']);
/** Methods returning their receiver's data on another device or dtype. */
const SAME_DATA = new Set(['to', 'cuda', 'cpu', 'float', 'half', 'double', 'long', 'int', 'type', 'astype', 'numpy', 'detach', 'contiguous']);
const ARRAY_FROM_LIST = new Set([
  'numpy.array', 'numpy.asarray', 'numpy.stack', 'numpy.vstack', 'torch.tensor', 'torch.as_tensor', 'torch.stack', 'torch.cat',
  'pandas.DataFrame', 'tensorflow.constant', 'tensorflow.convert_to_tensor', 'tensorflow.stack',
]);

export const unbatchedInference: Rule = {
  meta: {
    code: 'FRG404',
    name: 'unbatched-inference',
    category: 'inference',
    severity: 'warning',
    summary: 'Model, pipeline or `predict` called once per sample inside a loop instead of on batches',
    messages: {
      tfjs: '`{callee}` runs once per item in this loop: stack the inputs into one tensor (`tf.stack`/`tf.concat`) and predict once per batch',
      ortSession: 'ONNX Runtime `{callee}` runs once per item in this loop: if the model has a dynamic batch dimension, stack the inputs along it and run once per batch',
      jsPipeline: 'Pipeline `{callee}` is called once per item in this loop: pass the array of inputs in one call so it runs batched',
      pipeline: 'Pipeline `{callee}` is called once per item in this loop: pass the list of inputs in one call (with `batch_size=`) so it runs batched',
      spacy: 'spaCy `{callee}(...)` is called once per text in this loop: stream the texts through `{callee}.pipe(texts, batch_size=...)`',
      encode: '`{callee}` is called once per text in this loop: pass the whole list to one `encode(texts, batch_size=...)` call',
      session: 'ONNX Runtime `{callee}` runs once per sample in this loop: stack the inputs along the batch axis and run once per batch',
      predict: '`{callee}` is called on a single sample per loop iteration: predict on the whole array (or large slices of it) in one call',
      model: 'Model `{callee}` is called on a batch of one sample per loop iteration: {how} and call it once per batch',
      generate:
        '`{callee}` generates for one prompt per loop iteration: tokenize the prompts together (`padding=True`, left padding for decoder-only models) and generate in batches',
    },
    languages: ['python', 'notebook', 'typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Checks for inference done one sample at a time inside a loop over a collection: a Hugging Face `pipeline` or spaCy pipeline called on each text, `SentenceTransformer.encode` per sentence, `model.predict([row])` / `model.predict(x.reshape(1, -1))`, a PyTorch or Keras model called on `x.unsqueeze(0)` / `x[None]` / `tokenizer(text, return_tensors="pt")`, or `InferenceSession.run` fed one sample. Loops that already yield batches (a `DataLoader`, names with `batch`/`chunk`, `np.array_split`, `range(0, n, batch_size)`) sequential loops whose input depends on the previous step (RNN states, autoregressive decoding), `while` loops, and loops that time each call (latency benchmarks) are not flagged. Inputs loaded whole from a file in each iteration (`frame = pd.read_csv(path)` in a loop over files) are batches too. Loops over a known handful of items (at most 16: `range(4)`, a literal list, `xs[:10]`, `df.head(5)`, the files a person picks in Colab\'s upload dialog: `for fn in files.upload().keys()`) are left alone: batching them saves nothing measurable. A detector whose call is unpacked into one image\'s detections (`scores, labels, boxes = model(img.unsqueeze(0))`, as RetinaNet\'s evaluation does: no batch axis in the outputs, images of different sizes) is left alone, since batching it needs the model changed, not the loop. A model called one sample at a time while training is not inference and is left alone: a loop that runs `.backward()`, or a function whose outputs (returned, or collected in a list it returns) go to a caller that runs one (or, when the function is handed out as a value, to callers out of sight).',
      whyBad:
        'Every call pays a fixed cost — Python dispatch, input validation, tokeniser and tensor set-up, kernel launches, a host↔device copy — that is independent of how many samples it carries. With one sample per call that overhead dominates and the hardware sits mostly idle: GPUs and vectorised CPU kernels only reach their efficiency on batches.',
      evidence:
        'Batching work is a catalogued energy pattern ("Batch Operations", Cruz & Abreu, "Catalog of energy patterns for mobile applications", EMSE 2019): per-item calls pay the fixed cost each time. No measured figure is available for this rule; the gain grows with the per-call overhead and the batch size the hardware can fill.',
      example: 'clf = joblib.load("clf.joblib")\npreds = []\nfor row in X_test:\n    preds.append(clf.predict(row.reshape(1, -1))[0])',
      useInstead: 'clf = joblib.load("clf.joblib")\npreds = clf.predict(X_test)',
      exampleTs: "for (const img of images) {\n  const probs = model.predict(preprocess(img));\n  results.push(probs.argMax(-1).dataSync()[0]);\n}",
      useInsteadTs: "const probs = model.predict(tf.stack(images.map(preprocess)));\nresults.push(...probs.argMax(-1).dataSync());",
      whatItDoesTs: 'TypeScript/JavaScript: tf.js `model.predict`/`execute`/`executeAsync`, ONNX Runtime `session.run` (a session from `InferenceSession.create`) and a transformers.js pipeline called inside a `for…of` loop, an index loop over `xs.length`, or a `forEach`/`map` callback, with an input built from the element. Streams (`for await`), per-frame callbacks, request handlers and loops whose next input is built from the previous output (generation, tracking) are left alone.',
      fixSafety: 'No automatic fix: batching changes the data layout (padding for text, stacking for images) and how results are collected, which depends on the code around the loop.',
    },
  },
  createJs: unbatchedInferenceJs,
  create(ctx) {
    const { model } = ctx;
    const callers = new CallerIndex(model);
    return {
      call(call) {
        const loop = model.context(call.node).loops[0];
        const fn = model.context(call.node).func;
        if (!loop || loop.kind === 'while' || (fn && !contains(fn.node, loop.node))) return;
        const kind = callKind(model, call);
        if (!kind) return;
        const items = new ItemFlow(model, loop, call);
        if (!items.valid || isBatchLoop(model, loop) || items.loopCarried() || isTimedOrPolling(model, loop.body) || fewIterations(model, loop)) return;
        if (!perItem(model, call, kind, items)) return;
        // A forward pass that trains (a backward pass in the loop, or outputs returned to a caller that trains on them) is not inference.
        if (kind === 'model' && (backwardIn(model, loop.body) || (fn && returnedForTraining(model, call.node, fn, callers, (c, caller) => backwardAround(model, c.node, caller))))) return;
        if (kind === 'model' && oneImageDetections(model, call)) return;
        const how = kind === 'model' ? batchingAdvice(model, call, items) : '';
        ctx.report({ node: call.callee, messageId: kind, data: { callee: model.text(call.callee).replace(/\s+/g, ''), how } });
      },
    };
  },
};

/**
 * `scores, labels, boxes = model(img.unsqueeze(0))`: a detector whose outputs are one image's
 * detections, with no batch axis (RetinaNet's eval path squeezes it before per-class NMS), and
 * whose images differ in size: batching needs the model rewritten, not the loop.
 */
function oneImageDetections(model: ModuleModel, call: CallSite): boolean {
  const assignment = call.node.parent;
  const left = assignment?.type === 'assignment' && child(assignment, 'right') === call.node ? child(assignment, 'left') : undefined;
  if (left?.type !== 'pattern_list' && left?.type !== 'tuple_pattern') return false;
  return left.children.some((t) => t.type === 'identifier' && /^(boxes|bboxes|boxs|scores|labels|classes|detections|dets)$/i.test(model.text(t)));
}

/** What kind of inference call this is, if any. */
function callKind(model: ModuleModel, call: CallSite): Kind | undefined {
  const callee = unparen(call.callee);
  if (callee.type === 'identifier' || callee.type === 'attribute') {
    const types = modelTypes(model, callee);
    if (types.some((t) => t === 'transformers.pipeline' || t === 'transformers.pipelines.pipeline')) return 'pipeline';
    if (types.some((t) => t === 'spacy.load' || t === 'spacy.blank')) return 'spacy';
    if (isTorchModel(model, callee) || isKeras(model, callee) || lastMode(model, callee, call.node) === 'eval') return 'model';
  }
  if (!call.receiver) return undefined;
  const receiverTypes = () => modelTypes(model, call.receiver!);
  if (call.name === 'encode' && receiverTypes().includes('sentence_transformers.SentenceTransformer')) return 'encode';
  if (call.name === 'run' && receiverTypes().includes('onnxruntime.InferenceSession')) return 'session';
  if (PREDICT_METHODS.has(call.name)) return 'predict';
  if (call.name === 'generate' && isTorchModel(model, call.receiver)) return 'generate';
  return undefined;
}

/** Whether the call's input is one sample of the loop's collection. */
function perItem(model: ModuleModel, call: CallSite, kind: Kind, items: ItemFlow): boolean {
  const inputs = call.argList.children.filter((a) => a.type !== 'comment');
  const first = call.args[0]?.node ?? keywordValue(call, ['inputs', 'X', 'x', 'sentences', 'text_inputs', 'images', 'input_feed']);
  switch (kind) {
    case 'pipeline':
    case 'spacy':
    case 'encode':
      return first !== undefined && items.single(first);
    case 'session': {
      const feed = call.args[1]?.node ?? keywordValue(call, ['input_feed']);
      return feed !== undefined && items.derived(feed) && !items.fromFile(feed);
    }
    case 'predict':
      if (first === undefined) return false;
      if (items.batchOfOne(first)) return true;
      return items.bareItem(first) && modelTypes(model, call.receiver!).some((t) => ESTIMATOR_TYPES.test(t));
    case 'model':
    case 'generate':
      return inputs.some((a) => items.batchOfOne(a.type === 'keyword_argument' ? (child(a, 'value') ?? a) : a));
  }
}

/** How to batch the input of a model call, in the terms of its framework. */
function batchingAdvice(model: ModuleModel, call: CallSite, items: ItemFlow): string {
  if (items.tokenized) return 'tokenize the texts together with `padding=True`';
  if (isKeras(model, call.callee)) return 'stack the samples into one array (or large slices of it)';
  return 'stack the samples into batches (a `DataLoader` with `batch_size=`)';
}

function isKeras(model: ModuleModel, node: SNode): boolean {
  return modelTypes(model, node).some((t) => KERAS_MODELS.test(t));
}

function keywordValue(call: CallSite, names: string[]): SNode | undefined {
  for (const n of names) {
    const v = call.kwargs.get(n);
    if (v) return v.node;
  }
  return undefined;
}

/** Whether a loop iterates over batches (or other groups of samples) rather than samples. */
function isBatchLoop(model: ModuleModel, loop: LoopInfo): boolean {
  if (loop.targets.some((t) => nameWords(t).some((w) => BATCH_WORDS.has(w)))) return true;
  const iter = loop.iter;
  if (!iter) return true;
  let n: SNode | undefined = unparen(iter);
  for (let depth = 0; n && depth < 6; depth++) {
    if (nameWords(model.text(n)).some((w) => BATCH_WORDS.has(w))) return true;
    if (n.type === 'list' || n.type === 'tuple') return namedChildren(n).length < 4 || namedChildren(n).every((c) => c.type === 'identifier');
    if (n.type === 'identifier' || n.type === 'attribute') {
      if (modelTypes(model, n).some((t) => BATCH_FACTORIES.has(t))) return true;
      const origin = model.originCall(n);
      n = origin?.node;
      continue;
    }
    if (n.type !== 'call') return false;
    const c = model.callSite(n);
    if (c.qualified && BATCH_FACTORIES.has(c.qualified)) return true;
    if (c.kwargs.has('batch_size') || c.kwargs.has('chunksize')) return true;
    if (c.qualified === 'range') return c.args.length >= 3 && !(c.args[2].kind === 'number' && c.args[2].value === 1);
    if (!WRAPPERS.has(c.name) && !c.qualified?.startsWith('tqdm')) return false;
    n = c.args[0]?.node;
  }
  return false;
}

/**
 * What in the loop body comes from the sample being iterated: the loop variables, and names
 * assigned in the body from them before the call.
 */
class ItemFlow {
  readonly valid: boolean;
  /** Set when a batch of one came from tokenizing a single text. */
  tokenized = false;
  private readonly items = new Set<string>();
  private readonly bindings: Binding[];

  constructor(
    private readonly model: ModuleModel,
    private readonly loop: LoopInfo,
    private readonly call: CallSite,
  ) {
    for (const t of loop.targets) this.items.add(t);
    this.bindings = bindingsIn(model, loop.kind === 'comprehension' ? loop.node : loop.body);
    this.valid = this.items.size > 0;
  }

  /** Names the call reads that are reassigned by or after its own statement (state carried across iterations). */
  loopCarried(): boolean {
    const read = new Set(namesIn(this.model, this.call.argList).map((id) => this.model.text(id)));
    return this.bindings.some((b) => !b.iterated && read.has(b.name) && b.node.end >= this.call.node.start);
  }

  /** The last value assigned to `name` in the loop body before the call. */
  private valueOf(name: string): SNode | undefined {
    let best: Binding | undefined;
    for (const b of this.bindings) {
      if (b.name === name && !b.iterated && b.node.start < this.call.node.start && !contains(b.node, this.call.node)) best = b;
    }
    return best?.value;
  }

  /** Whether an expression depends on the current sample. */
  derived(expr: SNode, depth = 0): boolean {
    for (const id of namesIn(this.model, expr)) {
      const name = this.model.text(id);
      if (this.items.has(name)) return true;
      const v = depth < 4 ? this.valueOf(name) : undefined;
      if (v && v !== expr && this.derived(v, depth + 1)) return true;
    }
    return false;
  }

  /** One sample (not a list of them): a text, an image, a row. */
  single(expr: SNode): boolean {
    const e = unparen(expr);
    if (e.type === 'list' || e.type === 'tuple' || e.type === 'list_comprehension') return false;
    if (e.type === 'identifier') {
      const name = this.model.text(e);
      // `for sentences in corpus.values()`: a loop variable named in the plural holds a collection.
      if (this.items.has(name) && isPlural(name)) return false;
      const v = this.valueOf(name);
      if (v) return this.single(v);
    }
    // `frame = pd.read_csv(path)` per file, then `clf.predict(frame[cols])`: a whole table, not one sample.
    if (this.fromFile(e)) return false;
    return this.derived(e);
  }

  /** The expression reads a table or array loaded from a file in this iteration. */
  fromFile(expr: SNode): boolean {
    const isRead = (n: SNode | undefined) => {
      const u = n && unparen(n);
      return u?.type === 'call' && FILE_READS.test(this.model.callSite(u).qualified ?? '');
    };
    if (isRead(expr)) return true;
    return namesIn(this.model, expr).some((id) => isRead(this.valueOf(this.model.text(id))));
  }

  /** The loop variable itself, from a loop over a plain collection. */
  bareItem(expr: SNode): boolean {
    const e = unparen(expr);
    if (e.type !== 'identifier' || !this.items.has(this.model.text(e))) return false;
    const iter = this.loop.iter && unparen(this.loop.iter);
    return iter !== undefined && (iter.type === 'identifier' || iter.type === 'attribute');
  }

  /** A batch holding one sample: `[x]`, `x[None]`, `x.unsqueeze(0)`, `x.reshape(1, -1)`, `tokenizer(text)`. */
  batchOfOne(expr: SNode, depth = 0): boolean {
    if (depth > 5) return false;
    const e = unparen(expr);
    const m = this.model;
    switch (e.type) {
      case 'dictionary_splat':
      case 'list_splat':
        return e.children[0] !== undefined && this.batchOfOne(e.children[0], depth + 1);
      case 'identifier': {
        const v = this.valueOf(m.text(e));
        return v !== undefined && this.batchOfOne(v, depth + 1);
      }
      case 'list': {
        const elems = namedChildren(e);
        return elems.length === 1 && elems[0].type !== 'list_splat' && this.derived(elems[0]);
      }
      case 'attribute':
        return this.batchOfOne(child(e, 'object') ?? e, depth + 1);
      case 'subscript':
        return this.subscriptOfOne(e, depth);
      case 'call':
        return this.callOfOne(m.callSite(e), depth);
      default:
        return false;
    }
  }

  private subscriptOfOne(e: SNode, depth: number): boolean {
    const m = this.model;
    const value = child(e, 'value');
    const subs = e.children.filter((c) => c.field === 'subscript');
    if (!value || subs.length === 0) return false;
    const first = unparen(subs[0]);
    // x[None], x[np.newaxis, :]
    if (first.type === 'none' || m.qualify(first) === 'numpy.newaxis') return this.derived(value);
    // inputs["input_ids"] on a tokenizer output
    if (first.type === 'string') return this.batchOfOne(value, depth + 1);
    // X[i:i+1], X.iloc[[i]]
    if (first.type === 'slice') return /^(\w+)\s*:\s*\1\s*\+\s*1$/.test(m.text(first)) && this.derived(first);
    // `.iloc[[i]]` selects one row; a bare `df[[name]]` selects a column.
    if (first.type === 'list') return /\.i?loc$/.test(m.text(value)) && namedChildren(first).length === 1 && this.derived(first);
    return false;
  }

  private callOfOne(c: CallSite, depth: number): boolean {
    const m = this.model;
    const isZero = (v: SNode | undefined) => v !== undefined && m.text(v).trim() === '0';
    const startsWithOne = (v: SNode | undefined) => {
      if (!v) return false;
      const u = unparen(v);
      if (u.type === 'integer') return m.text(u) === '1';
      return (u.type === 'tuple' || u.type === 'list') && namedChildren(u)[0] !== undefined && m.text(namedChildren(u)[0]) === '1';
    };
    const arg = (i: number, kw: string) => c.args[i]?.node ?? c.kwargs.get(kw)?.node;
    if (c.receiver) {
      if (c.name === 'unsqueeze' && isZero(arg(0, 'dim'))) return this.derived(c.receiver);
      if ((c.name === 'reshape' || c.name === 'view') && startsWithOne(arg(0, 'shape'))) return this.derived(c.receiver);
      if (SAME_DATA.has(c.name)) return this.batchOfOne(c.receiver, depth + 1);
    }
    const q = c.qualified;
    if (q === 'numpy.expand_dims' || q === 'tensorflow.expand_dims' || q === 'torch.unsqueeze') return isZero(arg(1, 'axis') ?? arg(1, 'dim')) && this.derived(arg(0, 'a') ?? c.node);
    if (q === 'numpy.reshape') return startsWithOne(arg(1, 'newshape')) && this.derived(arg(0, 'a') ?? c.node);
    if (q && ARRAY_FROM_LIST.has(q)) {
      const first = arg(0, 'data');
      return first !== undefined && this.batchOfOne(first, depth + 1);
    }
    if (isTokenizer(m, c)) {
      const texts = [...c.args.map((a) => a.node), ...[...c.kwargs].filter(([k]) => /^(text|images|audio|raw_speech)/.test(k)).map(([, v]) => v.node)];
      this.tokenized = texts.length > 0 && texts.every((t) => this.single(t)) && texts.some((t) => this.derived(t));
      return this.tokenized;
    }
    return false;
  }
}

/** Reads of a whole table or array from a file. */
const FILE_READS = /^(pandas|polars)\.(read_\w+|scan_\w+)$|^numpy\.(load|loadtxt|genfromtxt|fromfile)$/;

function isPlural(name: string): boolean {
  const last = nameWords(name).pop() ?? '';
  return last.length > 3 && last.endsWith('s') && !/(ss|us|is)$/.test(last);
}

/** A Hugging Face tokenizer or processor call, `tok(text)` or `tok.encode(text)`, which returns a batch. */
function isTokenizer(model: ModuleModel, c: CallSite): boolean {
  const owner = c.receiver && (c.name === 'encode' || c.name === 'encode_plus' || c.name === '__call__') ? c.receiver : unparen(c.callee);
  return modelTypes(model, owner).some((t) => /^transformers\.\w*(Tokenizer|Processor|FeatureExtractor)\w*\.from_pretrained$/.test(t));
}

/** A `.backward()` call in a loop body: the loop trains. */
function backwardIn(model: ModuleModel, body: SNode): boolean {
  for (const d of descendants(body)) {
    if (d.type !== 'call') continue;
    const c = model.callSite(d);
    if ((c.name === 'backward' || c.name === 'manual_backward') && c.receiver) return true;
  }
  return false;
}

// FRG114: a tokenizer run on the same raw texts in every epoch — inside the epoch loop, in the
// step loop over a fixed dataset, or in a Dataset's `__getitem__` — instead of once before training.
import { type CallSite, type ClassInfo, contains, type FunctionInfo, type ModuleModel } from '../../model/model';
import { child, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { bindingsIn, type Binding, namesIn } from '../inference/shared';
import { stepEpochLoops } from './epoch-loops';
import { trainingFacts } from './shared';
import { numberValue } from './training-apis';

const INFERENCE = /^torch\.(no_grad|inference_mode)$/;
const TOKENIZER_NAME = /^(tokenizer|tokeniser|tok|\w+_tokenizer|tokenizer_\w+)$/i;
const TOKENIZER_TYPE = /^(transformers|tokenizers)\.\w*Tokeni[sz]er\w*(\.from_pretrained|\.from_file)?$/;
const ENCODE_METHODS = new Set(['encode', 'encode_plus', 'batch_encode_plus', 'encode_batch', '__call__']);
/** Text that changes from epoch to epoch: random augmentation, masking, sampling of spans. */
const CHANGING = /\brandom\b|\brandom\.|np\.random|torch\.(rand|randint|randn|randperm|bernoulli|multinomial)\b|augment|nlpaug|shuffle_words|noise|perturb|corrupt|\bmask_?tokens|\bdrop_?words|back_?translat|synonym/i;
/** Shuffling reorders the texts without changing them: `random.shuffle(pairs)` each epoch is not augmentation. */
const SHUFFLES = /\b(random|np\.random|numpy\.random|rng)\.(shuffle|permutation)\(|torch\.randperm\(/g;

function changes(text: string): boolean {
  return CHANGING.test(text.replace(SHUFFLES, ''));
}

export const tokenizeInTrainingLoop: Rule = {
  meta: {
    code: 'FRG114',
    name: 'tokenize-in-training-loop',
    category: 'training',
    severity: 'warning',
    summary: 'The same raw texts tokenised again in every epoch instead of once before training',
    messages: {
      loop: '`{callee}(...)` tokenises the same texts again in every epoch: tokenise them once before training (`dataset.map(tokenize, batched=True)`, or one tokenizer call before the loop) and reuse the ids',
      collate:
        '`{callee}(...)` in collate function `{func}` tokenises the same texts again in every epoch, padded to a fixed length: tokenise the dataset once (`dataset.map(tokenize, batched=True)`) and let the collate function only stack the ids',
      getitem:
        '`{callee}(...)` in `{cls}.__getitem__` tokenises the same text again every time the item is read, so once per epoch: tokenise the dataset once (`dataset.map(tokenize, batched=True)` or in `__init__`) and return the stored ids',
    },
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for a tokenizer (`tokenizer(...)`, `tok(...)`, `self.tokenizer(...)`, a transformers or tokenizers tokenizer, and their `encode`/`encode_plus`/`batch_encode_plus`) called on raw text that does not change between epochs, in a file that trains: (1) inside a hand-written epoch loop (or a function that loop calls), on texts bound outside it — a fixed list, a column, a slice of them (`texts[i:i + bs]`), the columns of fixed pairs (`texts, labels = zip(*pairs[i:i + bs])`), such lists joined with `+`, or the batches of a loader or dataset made before the loop (`for batch in loader: tokenizer(batch["text"])`); (2) in the `__getitem__` of a Dataset class that reads its text from the dataset\'s own storage (`self.texts[idx]`), when the file trains on it (a DataLoader or a `Trainer`) or, in a module that only defines datasets (no training and no inference in it), when the items carry labels: such a dataset is read again in every epoch of training or of per-epoch validation; (3) in a collate function passed to a DataLoader (`collate_fn=`, a function or a method such as a Lightning data module\'s `collate_fn=self.collate`) of a file that trains, when it pads to a fixed length (`padding="max_length"`): nothing there depends on the batch. Nothing is reported when the texts can change between epochs — the dataset, the collate function or the loop draws random numbers or augments, masks, perturbs or back-translates — nor for a collate function with dynamic padding (`padding=True`/`"longest"`: padding each batch to its own longest text is a defensible trade), nor when training is known to run a single epoch, nor for texts computed in the loop by other code.',
      whyBad:
        'Tokenising is deterministic: the ids of a text are the same in every epoch. Re-tokenising in the loop repeats the same string processing — Unicode normalisation, pre-tokenisation, BPE or WordPiece merges — for every text in every epoch, on the CPU of the training process (or its loader workers), which delays the GPU when the workers cannot keep up and spends energy each time for the same result.',
      evidence:
        'The 🤗 Tokenizers README gives the cost of the fast (Rust) tokenizers as under 20 seconds per GB of text on a server CPU — paid again in every epoch when tokenising inside the loop, and many times more with slow (pure-Python) tokenizers. The 🤗 Datasets documentation ("Process", `map` with `batched=True`) tokenises a dataset once and caches the result on disk, so later epochs and runs read the ids instead of recomputing them. No measured energy figure for this rule exists: the waste is the tokenisation time times the number of epochs minus one.',
      example:
        'for epoch in range(10):\n    for i in range(0, len(texts), 32):\n        batch = tokenizer(texts[i:i + 32], padding=True, truncation=True, return_tensors="pt").to(device)\n        loss = model(**batch, labels=labels[i:i + 32]).loss\n        loss.backward()\n        optimizer.step()',
      useInstead:
        'dataset = Dataset.from_dict({"text": texts, "labels": labels})\ndataset = dataset.map(lambda b: tokenizer(b["text"], truncation=True), batched=True, remove_columns=["text"])\nloader = DataLoader(dataset, batch_size=32, shuffle=True, collate_fn=DataCollatorWithPadding(tokenizer))\nfor epoch in range(10):\n    for batch in loader:\n        loss = model(**batch.to(device)).loss\n        loss.backward()\n        optimizer.step()',
      fixSafety: 'No automatic fix: moving tokenisation out of the loop changes how the data is stored and batched (padding moves to a collator).',
    },
  },
  create(ctx) {
    const { model } = ctx;
    if (!model.importsModule('transformers') && !model.importsModule('tokenizers') && !model.importsModule('torch')) return {};
    const trains = trainingFacts(model).trains;
    const loops = trains ? stepEpochLoops(model).filter((e) => e.epochs === undefined || e.epochs > 1) : [];
    // A module that defines datasets for a training script elsewhere: nothing in it runs inference.
    const datasetModule = !trains && !model.calls.some((c) => INFERENCE.test(c.qualified ?? '') || c.name === 'eval' || c.name === 'predict' || c.name === 'generate');
    const single = singleEpoch(model);
    const bodies = new Map<SNode, Binding[]>();
    const bound = (scope: SNode) => {
      let b = bodies.get(scope);
      if (!b) bodies.set(scope, (b = bindingsIn(model, scope)));
      return b;
    };
    const calledFromLoops = functionsCalledIn(model, loops.map((e) => e.loop.body));
    /** Local functions passed as a DataLoader's `collate_fn`. */
    const collates = new Set(
      model.calls
        .filter((c) => c.name === 'DataLoader')
        .map((c) => c.kwargs.get('collate_fn'))
        .map((v) => (v?.kind === 'name' ? v.name : v?.kind === 'call' && v.call.name === 'partial' && v.call.args[0]?.kind === 'name' ? v.call.args[0].name : undefined))
        .filter((n): n is string => n !== undefined),
    );
    return {
      call(call) {
        // Where the call is decides first (cheap): an epoch loop, a function it calls, a collate function or `__getitem__`.
        const fn = model.context(call.node).func;
        const loop = loops.find((e) => contains(e.loop.body, call.node));
        const scope = loop?.loop.body ?? (fn && calledFromLoops.get(fn.name) ? child(fn.node, 'body') : undefined);
        if (!scope && !(fn && trains && !single && collates.has(fn.cls ? `self.${fn.name}` : fn.name)) && !(fn?.name === '__getitem__' && fn.cls && !single)) return;
        const callee = tokenizerCall(model, call);
        if (!callee) return;
        const text = model.arg(call, 'text', 0);
        if (!text) return;
        if (scope) {
          const at = loop?.loop.node ?? calledFromLoops.get(fn!.name)!;
          if (changes(model.text(scope)) || !fixedTexts(model, text.node, scope, bound(scope), 0)) return;
          ctx.report({ node: call.node, messageId: 'loop', data: { callee }, related: [{ node: at, message: 'the epoch loop that repeats it' }] });
          return;
        }
        if (fn && trains && !single && (fn.cls ? collates.has(`self.${fn.name}`) : collates.has(fn.name))) {
          // Static padding: the collate function pads every text to the same length, so nothing depends on the batch.
          const padding = call.kwargs.get('padding');
          if (padding?.kind !== 'string' || padding.value !== 'max_length' || changes(model.text(fn.node)) || text.kind === 'string') return;
          ctx.report({ node: call.node, messageId: 'collate', data: { callee, func: fn.name } });
          return;
        }
        if (fn?.name !== '__getitem__' || !fn.cls || single) return;
        if (changes(model.text(fn.cls.node)) || !storedText(model, text.node, fn) || !isDataset(fn.cls)) return;
        // Trained on here, or a labelled dataset defined for a training script elsewhere (read every epoch, or every validation).
        if (trains ? !trainedOn(model, fn.cls.name) : !(datasetModule && /label/i.test(model.text(fn.node)))) return;
        ctx.report({ node: call.node, messageId: 'getitem', data: { callee, cls: fn.cls.name } });
      },
    };
  },
};

/** How a tokenizer call is spelled (`tokenizer`, `self.tok.encode`), or undefined when the call is not one. */
function tokenizerCall(model: ModuleModel, call: CallSite): string | undefined {
  const callee = unparen(call.callee);
  if (callee.type !== 'identifier' && callee.type !== 'attribute') return undefined;
  const direct = isTokenizer(model, callee);
  if (direct) return model.text(callee).replace(/\s+/g, '');
  if (call.receiver && ENCODE_METHODS.has(call.name) && isTokenizer(model, call.receiver)) return model.text(callee).replace(/\s+/g, '');
  return undefined;
}

function isTokenizer(model: ModuleModel, node: SNode): boolean {
  const n = unparen(node);
  const last = n.type === 'attribute' ? child(n, 'attribute') : n;
  if (!last || (n.type !== 'identifier' && n.type !== 'attribute')) return false;
  if (model.typesOf(n).some((t) => TOKENIZER_TYPE.test(t))) return true;
  return TOKENIZER_NAME.test(model.text(last)) && model.qualify(n) === undefined;
}

/** Calls of `self.method`/`function` inside the epoch loops, by callee name, with the loop that calls it. */
function functionsCalledIn(model: ModuleModel, bodies: SNode[]): Map<string, SNode> {
  const out = new Map<string, SNode>();
  for (const c of model.calls) {
    const body = bodies.find((b) => contains(b, c.node));
    if (!body) continue;
    const callee = unparen(c.callee);
    if (callee.type === 'identifier' || (c.receiver && model.text(c.receiver) === 'self')) out.set(c.name, body.parent ?? body);
  }
  return out;
}

/** The root name of a text expression: `texts[i:j]`, `list(batch["text"])`, `df.text.tolist()` → `texts`, `batch`, `df`. */
function rootOf(model: ModuleModel, node: SNode): SNode | undefined {
  let n = unparen(node);
  for (let i = 0; i < 8; i++) {
    if (n.type === 'identifier') return n;
    if (n.type === 'subscript') n = unparen(child(n, 'value') ?? n);
    else if (n.type === 'attribute') {
      if (model.text(child(n, 'object') ?? n) === 'self') return n;
      n = unparen(child(n, 'object') ?? n);
    } else if (n.type === 'call') {
      const c = model.callSite(n);
      if ((c.qualified === 'list' || c.qualified === 'tuple') && c.args.length === 1) n = unparen(c.args[0].node);
      else if (c.receiver && /^(tolist|to_list|values|strip|lower)$/.test(c.name) && c.args.length === 0) n = unparen(c.receiver);
      else return undefined;
    } else return undefined;
  }
  return undefined;
}

/**
 * The texts an expression reads are the same in every iteration of `scope` (an epoch loop's body,
 * or a function it calls): their root is bound outside it, or by a `for` over something bound
 * outside it (a loader or dataset made before the loop), or assigned in it from such texts.
 */
function fixedTexts(model: ModuleModel, node: SNode, scope: SNode, bindings: Binding[], depth: number): boolean {
  if (depth > 4) return false;
  const n = unparen(node);
  // `batch["chosen"] + batch["rejected"]`: two lists of fixed texts joined.
  if (n.type === 'binary_operator' && model.text(child(n, 'operator') ?? n) === '+') {
    const [left, right] = [child(n, 'left'), child(n, 'right')];
    return left !== undefined && right !== undefined && fixedTexts(model, left, scope, bindings, depth + 1) && fixedTexts(model, right, scope, bindings, depth + 1);
  }
  const root = rootOf(model, node);
  if (!root) return false;
  const name = model.text(root);
  const own = bindings.filter((b) => b.name === name);
  if (own.length === 0) return root.type === 'identifier' || name.startsWith('self.');
  if (own.length > 1) return false;
  const b = own[0];
  if (b.value) return fixedTexts(model, b.value, scope, bindings, depth + 1);
  // `texts, labels = zip(*pairs[i:i + bs])`: the columns of fixed pairs.
  const unzipped = b.node.type === 'assignment' ? unzippedFrom(model, child(b.node, 'right')) : undefined;
  if (unzipped) return fixedTexts(model, unzipped, scope, bindings, depth + 1);
  if (!b.iterated || b.node.type !== 'for_statement') return false;
  const iter = child(b.node, 'right');
  if (!iter) return false;
  const source = iterSource(model, iter);
  if (!source) return false;
  // A `range(...)` counter is no text; a loader or dataset bound outside the scope yields the same texts each time.
  return bindings.every((o) => o.name !== model.text(source)) && !changingDataset(model, source);
}

/** `zip(*rows)` → `rows`. */
function unzippedFrom(model: ModuleModel, right: SNode | undefined): SNode | undefined {
  const r = right && unparen(right);
  if (r?.type !== 'call' || model.callSite(r).qualified !== 'zip') return undefined;
  const args = child(r, 'arguments')?.children.filter((a) => a.type !== 'comment') ?? [];
  return args.length === 1 && args[0].type === 'list_splat' ? args[0].children[0] : undefined;
}

/** The collection a `for` loop walks: `loader`, `enumerate(loader)`, `tqdm(loader)` → `loader`. */
function iterSource(model: ModuleModel, iter: SNode): SNode | undefined {
  let n = unparen(iter);
  for (let i = 0; i < 4; i++) {
    if (n.type === 'identifier' || (n.type === 'attribute' && model.text(child(n, 'object') ?? n) === 'self')) return n;
    if (n.type !== 'call') return undefined;
    const c = model.callSite(n);
    if (!/^(enumerate|tqdm|iter|trange)$/.test(c.name) || !c.args[0]) return undefined;
    n = unparen(c.args[0].node);
  }
  return undefined;
}

/** A loader over a local Dataset class that draws random numbers or augments: its texts change between epochs. */
function changingDataset(model: ModuleModel, source: SNode): boolean {
  let call = model.originCall(source);
  for (let i = 0; call && i < 4; i++) {
    const callee = unparen(call.callee);
    const cls = callee.type === 'identifier' ? model.classes.get(model.text(callee)) : undefined;
    if (cls) return changes(model.text(cls.node));
    const data = model.arg(call, 'dataset', 0);
    if (call.kwargs.has('collate_fn')) {
      const fn = call.kwargs.get('collate_fn')!;
      const def = fn.kind === 'name' ? model.functions.find((f) => f.name === fn.name) : undefined;
      if (def && changes(model.text(def.node))) return true;
    }
    call = data ? model.originCall(data.node) : undefined;
  }
  return false;
}

function isDataset(cls: ClassInfo): boolean {
  return cls.bases.some((b) => /^torch\.utils\.data\.(dataset\.)?Dataset$/.test(b)) || /Dataset$|DataSet$/.test(cls.name);
}

/**
 * `self.texts[idx]`, `self.df.iloc[idx]["text"]`, or a local computed from one (`text = str(self.texts[idx])`,
 * `text = " ".join(text.split())`): text read from the dataset's own storage by the index parameter.
 */
function storedText(model: ModuleModel, node: SNode, fn: FunctionInfo, depth = 0): boolean {
  const index = fn.params[1];
  if (!index || depth > 4) return false;
  if (new RegExp(`\\bself\\.[\\w.]+(\\[[^\\]]*\\])*\\[\\s*${index}\\s*\\]`).test(model.text(node))) return true;
  const n = unparen(node);
  const ids = n.type === 'identifier' ? [n] : namesIn(model, n).filter((id) => model.text(id) !== 'self');
  return ids.some((id) => {
    const origin = model.originOf(model.text(id), id);
    return origin !== undefined && origin !== node && storedText(model, origin, fn, depth + 1);
  });
}

/** The file trains on the class: it is instantiated and handed (directly or through a variable) to a DataLoader or a Trainer. */
function trainedOn(model: ModuleModel, cls: string): boolean {
  const made = (v: { node: SNode } | undefined) => {
    const c = v && model.originCall(v.node);
    return c !== undefined && unparen(c.callee).type === 'identifier' && c.name === cls;
  };
  return model.calls.some((c) => (c.name === 'DataLoader' && made(model.arg(c, 'dataset', 0))) || (/Trainer$/.test(c.name) && made(c.kwargs.get('train_dataset'))));
}

/** Every epoch count the file states is 1 (`num_train_epochs=1`, `max_epochs=1`, `epochs=1`). */
function singleEpoch(model: ModuleModel): boolean {
  let seen = false;
  for (const c of model.calls) {
    for (const k of ['num_train_epochs', 'max_epochs', 'epochs', 'n_epochs', 'num_epochs']) {
      const v = c.kwargs.get(k);
      if (!v) continue;
      const n = numberValue(model, v);
      if (n !== 1) return false;
      seen = true;
    }
  }
  return seen;
}

// What a DataLoader loads, when the code shows it: tensors already in memory (workers only add
// inter-process copies), a stream (workers need sharding), or items that take work to prepare.
import { type CallSite, contains, type ModuleModel } from '../../model/model';
import { ancestors, child, descendants, namedChildren, type SNode, unparen } from '../../parse/syntax';
import type { Value } from '../../model/values';
import { methodBody, siblingClass } from './siblings';
import { TEACHING_VISION, unpackedFrom, unpackedOrigin } from './training-apis';
import { largeRun } from './workload';
import { breakCap } from '../inference/shared';
import { mentionedOutside, namedElsewhere } from '../../project-refs';

/**
 * `memory`: in-memory tensors or lists with trivial indexing, data generated from sizes alone
 * (`MyDataset(2048)`), torchvision's in-memory datasets with only conversion transforms, or the
 * script's own `IterableDataset` (workers would each replay a copy of its live state): no
 * worker advice; `stream`: a library stream or datapipe (workers need sharding); `work`: the rest.
 */
export type DatasetKind = 'memory' | 'stream' | 'work';

/** `torch.utils.data.DataLoader`, by the names it is imported under. */
export const DATALOADERS = new Set(['torch.utils.data.DataLoader', 'torch.utils.data.dataloader.DataLoader']);

const MEMORY_DATASETS = new Set(['torch.utils.data.TensorDataset', 'torch.utils.data.dataset.TensorDataset']);
/** Tensors built from data already in memory. */
const TENSOR_FACTORIES = /^torch\.(from_numpy|tensor|as_tensor|Tensor|LongTensor|FloatTensor|IntTensor|stack|cat)$/;
/** Tensor methods that convert or move a tensor without changing what it holds. */
const TENSOR_CONVERSIONS = new Set(['type', 'float', 'double', 'long', 'half', 'int', 'to', 'cuda', 'contiguous', 'unsqueeze', 'view', 'reshape', 'permute', 'narrow', 'flatten', 'squeeze', 't', 'transpose']);
/** What a loop that only looks at its batches calls: printing, sizes, conversions to Python. */
const INSPECTION_CALLS = new Set(['print', 'size', 'tolist', 'len', 'format', 'numpy', 'item', 'type', 'str', 'append']);
const STREAM_PREFIXES = ['torchtext.datasets.', 'torchdata.', 'webdataset.', 'torch.utils.data.datapipes.'];
const STREAM_BASES = new Set(['torch.utils.data.IterableDataset', 'torch.utils.data.dataset.IterableDataset', 'torch.utils.data.IterDataPipe']);
const DATASET_BASES = /^torch\.utils\.data\.(dataset\.)?Dataset$/;
/** Calls a trivial `__getitem__` may make: conversions of what it already holds. */
const CHEAP_CALLS = new Set(['len', 'int', 'float', 'tensor', 'as_tensor', 'from_numpy', 'long', 'unsqueeze', 'view', 'squeeze', 'Tensor', 'items', 'keys', 'values']);

/**
 * The dataset a `DataLoader(...)` call loads: its first argument or `dataset=`. `file` (the
 * analysed file's path) lets a dataset class imported from a module beside it be read.
 */
export function datasetKind(model: ModuleModel, loader: CallSite, file = ''): DatasetKind {
  const arg = model.arg(loader, 'dataset', 0);
  if (!arg) return 'work';
  const kinds = origins(model, arg.node, 0).map((o) => classify(model, o, file));
  if (kinds.length === 0) return 'work';
  if (kinds.every((k) => k === 'memory')) return 'memory';
  return kinds.includes('stream') ? 'stream' : 'work';
}

/**
 * `datasets['train']` after `for split in ('train', 'valid'): datasets[split] = TensorDataset(...)`:
 * the value last assigned to that entry (the same literal key, or a key held in a name) before
 * the read, in the read's function or module.
 */
function itemAssigned(model: ModuleModel, read: SNode, container: SNode): SNode | undefined {
  if (container.type !== 'identifier') return undefined;
  const name = model.text(container);
  const key = read.children.find((k) => k.field === 'subscript');
  const keyText = key && model.text(key);
  const scope = model.context(read).func?.node ?? model.file.root;
  let last: SNode | undefined;
  for (const d of descendants(scope)) {
    if (d.type !== 'assignment' || d.end > read.start) continue;
    const left = child(d, 'left');
    const target = left?.type === 'subscript' ? child(left, 'value') : undefined;
    if (!target || model.text(target) !== name) continue;
    const k = left!.children.find((c) => c.field === 'subscript');
    if (k && (k.type === 'identifier' || model.text(k) === keyText)) last = child(d, 'right');
  }
  return last;
}

/**
 * The expressions a dataset argument may come from: followed through variables, tuple
 * unpacking of a local function's result, and a function parameter to the arguments that
 * the module's calls of that function pass.
 */
function origins(model: ModuleModel, node: SNode, depth: number): SNode[] {
  const n = unparen(node);
  if (depth > 6) return [n];
  if (n.type === 'call') {
    // A split or subset holds the same items: `random_split(MNIST(...), [55000, 5000])`.
    const call = model.callSite(n);
    if (call.qualified && WRAPPING.has(call.qualified) && call.args[0]) return origins(model, call.args[0].node, depth + 1);
    // A dataset built by a local function: what it returns.
    const callee = unparen(call.callee);
    const fn = callee.type === 'identifier' && !call.qualified ? model.functions.find((f) => f.name === model.text(callee) && !f.cls) : undefined;
    const body = fn && child(fn.node, 'body');
    if (body && !model.classes.has(fn.name)) {
      // (`return dataset, examples, features` beside `return dataset`: the dataset comes first.)
      const returned = [...descendants(body)]
        .filter((d) => d.type === 'return_statement' && d.children[0])
        .map((d) => (d.children[0].type === 'expression_list' ? namedChildren(d.children[0])[0] : d.children[0]));
      if (returned.length > 0) return returned.flatMap((r) => origins(model, r, depth + 1));
    }
    return [n];
  }
  // Part of a dataset holds the same items: `dataset[indices[:n_train]]`, `idx.split(k)[rank]`.
  if (n.type === 'subscript') {
    const value = child(n, 'value');
    const item = value && itemAssigned(model, n, value);
    if (item) return origins(model, item, depth + 1);
    return value ? origins(model, value, depth + 1) : [n];
  }
  if (n.type === 'attribute' && /^self\.\w+$/.test(model.text(n))) {
    const name = model.text(n);
    const assigned = model.originOf(name, n) ?? unpackedInClass(model, name, n);
    return assigned ? origins(model, assigned, depth + 1) : [n];
  }
  if (n.type !== 'identifier') return [n];
  const name = model.text(n);
  const assigned = model.originOf(name, n);
  if (assigned) return origins(model, assigned, depth + 1);
  const unpacked = unpackedOrigin(model, name, n) ?? unpackedFromConverter(model, name, n);
  if (unpacked) return origins(model, unpacked, depth + 1);
  const fn = model.context(n).func;
  const index = fn ? fn.params.indexOf(name) : -1;
  if (!fn || index < 0) return [n];
  const offset = fn.cls && fn.params[0] === 'self' ? 1 : 0;
  const out: SNode[] = [];
  for (const c of model.calls) {
    if (c.name !== fn.name || c.hasSplat) continue;
    const passed = model.arg(c, name, index - offset);
    if (!passed) continue;
    out.push(...origins(model, passed.node, depth + 1));
  }
  return out.length ? out : [n];
}

/**
 * `features, dataset = squad_convert_examples_to_features(...)` before `at` in its function: the
 * converter's call, which holds its datasets in memory (`FEATURE_CONVERTERS`).
 */
function unpackedFromConverter(model: ModuleModel, name: string, at: SNode): SNode | undefined {
  const right = unpackedFrom(model, name, at);
  return right?.type === 'call' && FEATURE_CONVERTERS.test(model.callSite(right).qualified ?? '') ? right : undefined;
}

/**
 * `self.train_set, self.val_set = random_split(...)` anywhere in the class (Lightning's `setup`):
 * the split call, which `origins` follows to the dataset it splits.
 */
function unpackedInClass(model: ModuleModel, name: string, at: SNode): SNode | undefined {
  const cls = model.context(at).cls;
  if (!cls) return undefined;
  for (const d of descendants(cls.node)) {
    const left = d.type === 'assignment' ? child(d, 'left') : undefined;
    if (!left || (left.type !== 'pattern_list' && left.type !== 'tuple_pattern')) continue;
    if (!left.children.some((t) => model.text(t) === name)) continue;
    const right = child(d, 'right');
    if (right && unparen(right).type === 'call') return right;
  }
  return undefined;
}

/**
 * What holds its tensors in memory once loaded: a saved dataset read back with `torch.load`, and
 * transformers' converters that return a `TensorDataset` of token ids (`squad_convert_examples_to_features`).
 */
const FEATURE_CONVERTERS = /^(torch\.load|transformers\.(data\.processors\.\w+\.)?(squad|glue)_convert_examples_to_features)$/;
/** Tensors of indices or values made from sizes alone. */
const INDEX_TENSORS = /^torch\.(arange|randperm|zeros|ones|empty|rand|randn|randint|linspace|full)$/;
/** Tensor methods that make index tensors: what they are called on is in memory already. */
const INDEX_METHODS = new Set(['nonzero', 'argsort', 'argwhere', 'unique', 'masked_select', 'index_select', 'chunk']);

/** Datasets whose items are the same items of another: followed to that one. */
const WRAPPING = new Set(['torch.utils.data.random_split', 'torch.utils.data.Subset', 'torch.utils.data.dataset.random_split', 'torch.utils.data.dataset.Subset']);
/** torchvision datasets held in memory as arrays: an item costs a PIL conversion, plus whatever the transform does. */
const IN_MEMORY_VISION = new RegExp(String.raw`^torchvision\.datasets\.(?:\w+\.)?(${TEACHING_VISION})$`);
/** Transforms that only convert and scale: no decoding or augmentation work per item. */
const CHEAP_TRANSFORMS = new Set(['ToTensor', 'PILToTensor', 'Normalize', 'ConvertImageDtype', 'ToDtype', 'ToImage']);

/** `transforms.Compose([ToTensor(), Normalize(...)])`, a single cheap transform, or none. */
function cheapTransform(model: ModuleModel, v: Value | undefined, depth = 0): boolean {
  if (!v || depth > 4) return v === undefined;
  const r = model.resolve(v);
  if (r.kind === 'none') return true;
  if (r.kind === 'name' && /^self\.\w+$/.test(r.name)) {
    const origin = model.originOf(r.name, r.node);
    return origin !== undefined && cheapTransform(model, model.value(origin), depth + 1);
  }
  if (r.kind !== 'call') return false;
  const name = r.call.name;
  if (name === 'Compose') {
    const items = r.call.args[0] && model.resolve(r.call.args[0]);
    return items?.kind === 'list' && items.items.every((i) => cheapTransform(model, i, depth + 1));
  }
  return CHEAP_TRANSFORMS.has(name);
}

function classify(model: ModuleModel, node: SNode, file: string): DatasetKind {
  const n = unparen(node);
  if (n.type === 'list' || n.type === 'tuple' || n.type === 'list_comprehension') return 'memory';
  if (n.type !== 'call') return 'work';
  const call = model.callSite(n);
  const q = call.qualified;
  // Indices: `DataLoader(range(n), batch_size)` batches positions into tensors held elsewhere.
  if (q === 'range' || (q && INDEX_TENSORS.test(q))) return 'memory';
  // Methods only tensors have: `mask.nonzero().view(-1)`, `idx.split(k)`.
  if (call.receiver && INDEX_METHODS.has(call.name)) return 'memory';
  // Moved to a device (`train_nid.to(device)`, `idx.cuda()`): a tensor, which no dataset class is, held in memory.
  if (call.receiver && (call.name === 'cuda' || (call.name === 'to' && call.args.length === 1 && /device|cuda|gpu/i.test(model.text(call.args[0].node))))) return 'memory';
  // `torch.from_numpy(x).type(torch.DoubleTensor)`, `.float()`, `.to(device)`: still the same tensor in memory.
  if (call.receiver && (TENSOR_CONVERSIONS.has(call.name) || call.name === 'split')) {
    const r = unparen(call.receiver);
    const origin = r.type === 'identifier' ? model.originOf(model.text(r), r) : r;
    if (origin && unparen(origin).type === 'call' && classify(model, origin, file) === 'memory') return 'memory';
  }
  // A bare tensor is indexed like a `TensorDataset` of it.
  if (q && (MEMORY_DATASETS.has(q) || TENSOR_FACTORIES.test(q) || FEATURE_CONVERTERS.test(q))) return 'memory';
  if (q && IN_MEMORY_VISION.test(q)) return cheapTransform(model, model.arg(call, 'transform', 2)) ? 'memory' : 'work';
  if (q && (STREAM_PREFIXES.some((p) => q.startsWith(p)) || STREAM_BASES.has(q))) return 'stream';
  if (q === 'datasets.load_dataset' && call.kwargs.get('streaming')?.kind === 'bool') return 'stream';
  const callee = unparen(call.callee);
  const cls = callee.type === 'identifier' ? model.classes.get(model.text(callee)) : undefined;
  if (cls) {
    // A stream of the script's own (a replay buffer, a generator over live state): workers would replay stale copies of it.
    if (cls.bases.some((b) => STREAM_BASES.has(b))) return 'memory';
    if (cls.bases.some((b) => DATASET_BASES.test(b)) && trivialGetItem(model, cls.node)) return 'memory';
  }
  const sibling = siblingClass(file, q);
  if (sibling && siblingInMemory(sibling)) return 'memory';
  // A dataset made from sizes alone generates its data in memory: `MyTrainDataset(2048)`.
  const args = [...call.args, ...call.kwargs.values()];
  if (!call.hasSplat && args.length > 0 && args.every((a) => model.resolve(a).kind === 'number')) return 'memory';
  return 'work';
}

/** `__getitem__` only indexes what the dataset holds (`return self.x[i], self.y[i]`). */
function trivialGetItem(model: ModuleModel, cls: SNode): boolean {
  const body = child(cls, 'body');
  const getitem = body?.children
    .map((c) => (c.type === 'decorated_definition' ? c.children[c.children.length - 1] : c))
    .find((c) => c.type === 'function_definition' && model.text(child(c, 'name') ?? c) === '__getitem__');
  const fnBody = getitem && child(getitem, 'body');
  if (!fnBody) return false;
  for (const d of descendants(fnBody)) {
    if (d.type === 'call' && !CHEAP_CALLS.has(model.callSite(d).name)) return false;
    if (d.type === 'for_statement' || d.type === 'while_statement' || d.type === 'with_statement') return false;
  }
  return true;
}

/**
 * A `Dataset` subclass read from a sibling module's source whose `__getitem__` only indexes what
 * it holds (the same test as `trivialGetItem`, on text: no calls but cheap ones, no loops).
 */
function siblingInMemory(cls: string): boolean {
  const header = cls.slice(0, cls.indexOf('\n'));
  if (!/\(\s*(\w+\.)*Dataset\s*\)/.test(header)) return false;
  const body = methodBody(cls, '__getitem__')?.replace(/#.*$/gm, '');
  if (!body || /^\s*(for|while|with)\b/m.test(body)) return false;
  return [...body.matchAll(/([A-Za-z_][\w.]*)\s*\(/g)].every((m) => CHEAP_CALLS.has(m[1].split('.').pop()!));
}

/** Batches a loop may read before it breaks and still only be a look at the loader. */
const FEW_BATCHES = 10;

/**
 * The loader is read for one batch at most (`next(iter(loader))`, a `for` loop that breaks
 * after its first batch or a few (`if ii == 1: break`), to show or inspect it, or never read at all: in a function or notebook,
 * or an attribute nothing in the project reads): how its batches are prepared does not matter.
 */
export function readOnce(model: ModuleModel, loader: CallSite, file = ''): boolean {
  if (unreadAttribute(model, loader, file) || datasetSelfCheck(model, loader)) return true;
  const assignment = loader.node.parent;
  const target = assignment?.type === 'assignment' ? child(assignment, 'left') : undefined;
  if (target?.type !== 'identifier') return false;
  const name = model.text(target);
  // A loader made in a function is that function's local: same-named loaders elsewhere are others.
  const scope = model.context(loader.node).func;
  let once = false;
  let uses = 0;
  // Uses of this loader: after it is made and before the name is bound again (notebooks reuse names).
  const rebound = [...descendants(scope?.node ?? model.file.root)].find(
    (d) => d.type === 'assignment' && d.start > assignment!.end && model.text(child(d, 'left') ?? d) === name,
  );
  for (const d of descendants(scope?.node ?? model.file.root)) {
    if (d.type !== 'identifier' || model.text(d) !== name || d === target) continue;
    if (d.start < assignment!.end || (rebound && d.start >= rebound.start)) continue;
    // `torch.utils.data.dataloader` in an import or an attribute path is another name.
    if (d.parent?.type === 'dotted_name' || (d.parent?.type === 'attribute' && d.field === 'attribute') || (d.parent?.type === 'keyword_argument' && d.field === 'name')) continue;
    // A function's parameter of the same name (`def train(dataloader):`) is another loader.
    if (!scope && model.context(d).func && (model.context(d).func!.params.includes(name) || model.originOf(name, d) !== loader.node)) continue;
    uses++;
    // `for x, y in loader: ...; break` (also through `enumerate`/`tqdm`): the body ends unconditionally after one batch.
    const wrapper = d.parent?.type === 'argument_list' && d.parent.parent?.type === 'call' && /^(enumerate|tqdm|iter)$/.test(model.callSite(d.parent.parent).name) ? d.parent.parent : d;
    const loop = wrapper.parent?.type === 'for_statement' && wrapper.field === 'right' ? wrapper.parent : undefined;
    if (loop) {
      const body = child(loop, 'body');
      // `if ii == 1: break` after plotting two batches (a dataset module's `__main__` check): a few batches are a look, not a run.
      const info = model.loops.find((l) => l.node === loop);
      const cap = info && breakCap(model, info);
      if (!body?.children.some((s) => s.type === 'break_statement') && !inspectsOnly(model, body) && !(cap !== undefined && cap <= FEW_BATCHES)) return false;
      once = true;
      continue;
    }
    if (oneBatchByDunder(model, d)) {
      once = true;
      continue;
    }
    const call = d.parent?.type === 'argument_list' ? d.parent.parent : undefined;
    const iterCall = call?.type === 'call' && model.callSite(call).qualified === 'iter' ? call : undefined;
    // Loops around a read that also make the loader afresh each time (`for p in ps: loader = DataLoader(...); next(iter(loader))`): one batch per loader.
    const outside = (n: SNode) => model.context(n).loops.filter((l) => !(l.body.start <= loader.node.start && loader.node.end <= l.body.end)).length;
    // `it = iter(loader)` then `next(it)`, outside loops: still one batch.
    const bound = iterCall?.parent?.type === 'assignment' ? child(iterCall.parent, 'left') : undefined;
    if (bound?.type === 'identifier' && outside(iterCall!) === 0) {
      once = true;
      continue;
    }
    const next = iterCall?.parent?.type === 'argument_list' ? iterCall.parent.parent : undefined;
    if (!next || next.type !== 'call' || model.callSite(next).qualified !== 'next' || outside(next) > 0) return false;
    once = true;
  }
  // Never read: a function's local or a notebook's variable (nothing imports a notebook) costs nothing.
  if (uses === 0) return scope !== undefined || model.evidence.notebook;
  return once;
}

/** Calls that show a batch to a person or wait for one: a look at the data, not a run over it. */
const SHOWING = /^(show|imshow|input|set_trace|breakpoint|savefig|display|print|plot|subplot|figure)$/;

/**
 * A loader in the `if __name__ == "__main__":` block of a module that defines a dataset class,
 * only looped over by bodies that show its batches (`plt.show()`, `input()`, `pdb.set_trace()`)
 * and handed to nothing else: the module's own check of its dataset, paced by a person, not a run.
 */
function datasetSelfCheck(model: ModuleModel, loader: CallSite): boolean {
  const block = [...ancestors(loader.node)].find((a) => a.type === 'if_statement' && a.parent === model.file.root && /^__name__\s*==\s*['"]__main__['"]$/.test(model.text(child(a, 'condition') ?? a).trim()));
  const assignment = loader.node.parent;
  const target = assignment?.type === 'assignment' ? child(assignment, 'left') : undefined;
  if (!block || target?.type !== 'identifier') return false;
  if (![...model.classes.values()].some((c) => c.bases.some((b) => /(^|\.)Dataset$/.test(b)))) return false;
  const name = model.text(target);
  const loops = model.loops.filter((l) => l.kind === 'for' && l.iter && contains(block, l.node) && new RegExp(`^(enumerate|tqdm|iter)?\\(?${name}\\b`).test(model.text(l.iter)));
  if (loops.length === 0) return false;
  const calls = model.calls.filter((c) => contains(block, c.node));
  // Handed to a function (`train(model, loader)`) or trained on in the block: a run.
  if (calls.some((c) => c.name === 'backward' || (!/^(enumerate|tqdm|iter|len)$/.test(c.name) && [...c.args, ...c.kwargs.values()].some((a) => model.text(a.node) === name)))) return false;
  return loops.every((l) => calls.some((c) => contains(l.body, c.node) && SHOWING.test(c.name)));
}

/**
 * `self.valid_dl = cycle(DataLoader(...))` (also unwrapped) that nothing reads: the attribute is
 * mentioned nowhere else in the file and no other file of the project names it.
 */
function unreadAttribute(model: ModuleModel, loader: CallSite, file: string): boolean {
  if (!file || model.evidence.notebook) return false;
  let n = loader.node;
  const wrapper = n.parent?.type === 'argument_list' ? n.parent.parent : undefined;
  if (wrapper?.type === 'call' && n.parent!.children.length === 1) n = wrapper;
  const assignment = n.parent;
  if (assignment?.type !== 'assignment' || child(assignment, 'right') !== n) return false;
  const target = child(assignment, 'left');
  const attr = target?.type === 'attribute' ? child(target, 'attribute') : undefined;
  if (!attr || model.text(child(target!, 'object') ?? target!) !== 'self') return false;
  const name = model.text(attr);
  return !mentionedOutside(model, name, attr.start, attr.end) && namedElsewhere(model, file, name) === false;
}

/** A loop body that only prints or measures its batches (`print(x.size())`): a demo of the loader, not a consumer. */
function inspectsOnly(model: ModuleModel, body: SNode | undefined): boolean {
  if (!body) return false;
  const inside = model.calls.filter((c) => c.node.start >= body.start && c.node.end <= body.end);
  return inside.length > 0 && inside.every((c) => INSPECTION_CALLS.has(c.name));
}

/** `loader.__iter__().__next__()` outside loops: one batch. */
function oneBatchByDunder(model: ModuleModel, d: SNode): boolean {
  const iterAttr = d.parent?.type === 'attribute' && d.field === 'object' ? d.parent : undefined;
  const iterCall = iterAttr?.parent?.type === 'call' ? iterAttr.parent : undefined;
  const nextAttr = iterCall?.parent?.type === 'attribute' ? iterCall.parent : undefined;
  const nextCall = nextAttr?.parent?.type === 'call' ? nextAttr.parent : undefined;
  if (!iterCall || !nextCall || model.context(nextCall).loops.length > 0) return false;
  return model.callSite(iterCall).name === '__iter__' && model.callSite(nextCall).name === '__next__';
}

/** Collators that pad token ids: their batches are a few kilobytes of integers. */
const TOKEN_COLLATORS = /^transformers\.(DataCollator\w*|default_data_collator)$/;

/**
 * The loader yields token ids: its collate function pads with a tokenizer (`tokenizer.pad`,
 * a transformers `DataCollator*`), or its dataset is a tokenized Hugging Face `datasets` table
 * (`load_dataset(...).map(tokenize)`). Such batches are kilobytes of integers: copying them is
 * not what a transformer step waits for.
 */
/** A value made by a tokenizer call (`tokenizer(texts, truncation=True)`, `tok.batch_encode_plus(...)`). */
function tokenizerOutput(model: ModuleModel, v: Value): boolean {
  const r = model.resolve(v);
  return r.kind === 'call' && tokenizerCall(model, r.call);
}

/** A tokenizer call: a callee named for a tokenizer, or `encode`/`encode_plus`/`batch_encode_plus`. */
function tokenizerCall(model: ModuleModel, c: CallSite): boolean {
  return /tokeni[sz]er/i.test(model.text(c.callee)) || /^(batch_)?encode(_plus)?$/.test(c.name);
}

/** A local Dataset class whose `__init__` calls a tokenizer: its items are token ids. */
function tokenisesOnInit(model: ModuleModel, cls: string): boolean {
  const init = model.functions.find((f) => f.cls?.name === cls && f.name === '__init__');
  const body = init && child(init.node, 'body');
  return !!body && model.calls.some((c) => c.node.start >= body.start && c.node.end <= body.end && tokenizerCall(model, c));
}

/**
 * The collate function puts each batch on the device itself (`custom_collate_fn(batch,
 * device=device)` moving tensors with `.to(device)`): there is nothing left to pin, and
 * `pin_memory=True` would fail on CUDA tensors.
 */
export function collateMovesToDevice(model: ModuleModel, loader: CallSite): boolean {
  const collate = model.arg(loader, 'collate_fn', 6);
  if (!collate) return false;
  let r = model.resolve(collate);
  // `functools.partial(custom_collate_fn, device=device)`.
  if (r.kind === 'call' && /(^|\.)partial$/.test(r.call.qualified ?? r.call.name)) {
    if (r.call.kwargs.has('device')) return true;
    r = r.call.args[0] ? model.resolve(r.call.args[0]) : r;
  }
  // `collate_fn=batcher(device)`: a local factory whose body (the collate function it returns) moves the batch.
  const factory = r.kind === 'call' && !r.call.receiver ? r.call.name : undefined;
  const name = r.kind === 'name' ? r.name : factory;
  const fn = name ? model.functions.find((f) => f.name === name && !f.cls) : undefined;
  const body = fn && child(fn.node, 'body');
  return !!body && model.calls.some((c) => c.node.start >= body.start && c.node.end <= body.end && c.receiver !== undefined && (c.name === 'cuda' || (c.name === 'to' && /dev|cuda|gpu/i.test(model.text(c.node)))));
}

/**
 * A dataset that draws its items from the training module itself: built from one of the class's
 * own methods (`ExperienceSourceDataset(self.train_batch)`, a generator that steps a gym
 * environment with the live policy and fills the module's replay buffer, as in Lightning Bolts'
 * reinforcement-learning models). Worker processes would run stale copies of the module.
 */
export function livesInModule(model: ModuleModel, loader: CallSite): boolean {
  const cls = model.context(loader.node).cls;
  const dataset = model.arg(loader, 'dataset', 0);
  if (!cls || !dataset) return false;
  const r = model.resolve(dataset);
  const made = r.kind === 'call' ? r.call : undefined;
  return (
    made !== undefined &&
    [...made.args, ...made.kwargs.values()].some((a) => {
      const m = /^self\.(\w+)$/.exec(model.text(a.node));
      return m !== null && model.functions.some((f) => f.cls === cls && f.name === m[1]);
    })
  );
}

export function tokenBatches(model: ModuleModel, loader: CallSite): boolean {
  const collate = model.arg(loader, 'collate_fn', 6);
  // Padding sequences into a batch (`pad_sequence`, `tokenizer.pad`): the collate function makes token-id batches.
  if (collate && model.calls.some((c) => c.qualified === 'torch.nn.utils.rnn.pad_sequence' || (c.name === 'pad' && /tokeni[sz]er/i.test(model.text(c.receiver ?? c.node))))) return true;
  if (collate) {
    const r = model.resolve(collate);
    const q = r.kind === 'name' ? r.qualified : r.kind === 'call' ? r.call.qualified : undefined;
    if (q && TOKEN_COLLATORS.test(q)) return true;
    const fn = collate.kind === 'name' ? model.functions.find((f) => f.name === collate.name && !f.cls) : undefined;
    const body = fn && child(fn.node, 'body');
    if (body && model.calls.some((c) => c.name === 'pad' && c.node.start >= body.start && c.node.end <= body.end)) return true;
  }
  const arg = model.arg(loader, 'dataset', 0);
  let n = arg && unparen(arg.node);
  for (let i = 0; n && i < 6; i++) {
    if (n.type === 'subscript') n = child(n, 'value') && unparen(child(n, 'value')!);
    else if (n.type === 'identifier' || n.type === 'attribute') {
      const origin = model.originOf(model.text(n), n);
      n = origin && unparen(origin);
    } else if (n.type === 'call') {
      const c = model.callSite(n);
      if (c.qualified === 'datasets.load_dataset' || (c.name === 'map' && /tokeni[sz]/i.test(model.text(n)))) return true;
      // `IMDbDataset(train_encodings, labels)` with `train_encodings = tokenizer(texts, padding=True)`: it holds token ids;
      // so does a dataset that tokenises in its own `__init__` (`self.ids = tokenizer.encode(text)`).
      if (!c.receiver && model.classes.has(c.name) && (c.args.some((a) => tokenizerOutput(model, a)) || tokenisesOnInit(model, c.name))) return true;
      // A local function that builds the dataset (`prepare_snli_dataset(tokenizer)`): what it returns.
      const fn = !c.receiver && unparen(c.callee).type === 'identifier' ? model.functions.find((f) => f.name === c.name && !f.cls) : undefined;
      const returned = fn ? model.returnsOf(fn).map((r) => r.children[0]).filter((x): x is SNode => x !== undefined) : [];
      if (returned.length === 1) {
        n = unparen(returned[0]);
        continue;
      }
      n = c.receiver && unparen(c.receiver);
    } else return false;
  }
  return false;
}

/** Calls in a `__getitem__` that read, decode, transform or tokenise an item. */
const ITEM_WORK =
  /^(open|imread|imdecode|read_image|decode_image|decode_jpeg|read_file|load|loadmat|read|read_video|load_img|pil_loader|default_loader|loader|transform|transforms|target_transform|augment|augmentation|augmentations|tokenizer|tokenize|processor|feature_extractor|image_processor|resize|crop|rotate|flip|read_csv|readlines|load_wav|load_audio|spectrogram|MelSpectrogram|preprocess)$/;
/** torchvision datasets that read files (folders of images, annotations): all but the in-memory arrays and `FakeData`. */
const FILE_VISION = /^torchvision\.datasets\.(?:\w+\.)?(?!FakeData$)\w+$/;

/**
 * Positive evidence that preparing one item takes work that worker processes would overlap with
 * training: a torchvision dataset that reads image files (`ImageFolder`, `CocoDetection`, …) or an
 * in-memory one with augmenting transforms, or a local `Dataset` (also one in a module beside the
 * file) whose `__getitem__` opens, decodes, transforms or tokenises its item.
 */
export function decodesItems(model: ModuleModel, loader: CallSite, file = ''): boolean {
  const arg = model.arg(loader, 'dataset', 0);
  return !!arg && origins(model, arg.node, 0).some((o) => itemWork(model, o, file));
}

/**
 * The loader's dataset is a torchvision set held in memory (CIFAR, MNIST, …) given augmenting
 * transforms (`RandomCrop`, `RandomHorizontalFlip`): every epoch re-augments every item on the CPU.
 */
export function augmentsInMemory(model: ModuleModel, loader: CallSite): boolean {
  const arg = model.arg(loader, 'dataset', 0);
  return (
    !!arg &&
    origins(model, arg.node, 0).some((o) => {
      const n = unparen(o);
      if (n.type !== 'call') return false;
      return augmentedVisionSet(model, model.callSite(n));
    })
  );
}

/** `CIFAR10(..., transform=RandomCrop(...))`: a torchvision set held in memory, given a transform that is not cheap. */
function augmentedVisionSet(model: ModuleModel, call: CallSite): boolean {
  return !!call.qualified && IN_MEMORY_VISION.test(call.qualified) && !cheapTransform(model, model.arg(call, 'transform', 2));
}

function itemWork(model: ModuleModel, node: SNode, file: string): boolean {
  const n = unparen(node);
  if (n.type !== 'call') return false;
  const call = model.callSite(n);
  const q = call.qualified;
  if (q && IN_MEMORY_VISION.test(q)) return augmentedVisionSet(model, call);
  if (q && FILE_VISION.test(q)) return true;
  // A transform the project wrote itself, run on every item read (`TUDataset(..., transform=PreprocessDistances())`).
  const transform = call.kwargs.get('transform');
  const made = transform && model.resolve(transform);
  if (made?.kind === 'call' && unparen(made.call.callee).type === 'identifier' && model.classes.has(model.text(made.call.callee))) return true;
  const callee = unparen(call.callee);
  const cls = callee.type === 'identifier' ? model.classes.get(model.text(callee)) : undefined;
  if (cls) {
    const body = child(cls.node, 'body');
    const getitem = body?.children
      .map((c) => (c.type === 'decorated_definition' ? c.children[c.children.length - 1] : c))
      .find((c) => c.type === 'function_definition' && model.text(child(c, 'name') ?? c) === '__getitem__');
    const fnBody = getitem && child(getitem, 'body');
    return !!fnBody && [...descendants(fnBody)].some((d) => d.type === 'call' && ITEM_WORK.test(model.callSite(d).name));
  }
  const sibling = siblingClass(file, q);
  return !!sibling && siblingItemWork(sibling, '__getitem__', 0);
}

/** A method of a class read as text does item work, itself or in the `self.` methods it calls (`self._getitem(index)` → `self._read_image(...)`). */
function siblingItemWork(cls: string, name: string, depth: number): boolean {
  const body = methodBody(cls, name)?.replace(/#.*$/gm, '');
  if (!body) return false;
  const called = [...body.matchAll(/([A-Za-z_][\w.]*)\s*\(/g)].map((m) => m[1]);
  if (called.some((c) => ITEM_WORK.test(c.split('.').pop()!.replace(/^_+/, '')))) return true;
  return depth < 2 && called.some((c) => /^self\.\w+$/.test(c) && c !== `self.${name}` && siblingItemWork(cls, c.slice(5), depth + 1));
}

/**
 * The loader's dataset is a `Dataset` class whose `__getitem__` the analyser can read (in the
 * file or a module beside it), so whether an item takes work is known from `decodesItems` alone.
 */
export function visibleDataset(model: ModuleModel, loader: CallSite, file = ''): boolean {
  const arg = model.arg(loader, 'dataset', 0);
  const found = arg ? origins(model, arg.node, 0) : [];
  return found.length > 0 && found.every((o) => {
    const n = unparen(o);
    if (n.type !== 'call') return false;
    const call = model.callSite(n);
    const callee = unparen(call.callee);
    if (callee.type === 'identifier' && model.classes.has(model.text(callee))) return true;
    const sibling = siblingClass(file, call.qualified);
    return !!sibling && methodBody(sibling, '__getitem__') !== undefined;
  });
}

/**
 * Evidence that a loader's items are worth preparing in parallel or pinning: they decode or read
 * files (`decodesItems`), or the loader sits in a script that shows a large run (a large dataset
 * or model, multi-device, configured from the command line) over a dataset that is neither in
 * memory nor token ids. A notebook's loaders need the first: one notebook holds runs of every size.
 */
export function heavyItems(model: ModuleModel, loader: CallSite, file = ''): boolean {
  if (decodesItems(model, loader, file)) return true;
  return !model.evidence.notebook && largeRun(model, file) && !tokenBatches(model, loader);
}

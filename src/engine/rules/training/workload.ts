// Positive evidence that a file's training or data work is large enough for a wasteful pattern to
// cost something: a dataset that is big or read from files, a model with many parameters or
// pretrained weights, training spread over several devices or configured from the command line.
// Rules whose pattern is cheap on toy runs (teaching notebooks, demos, smoke runs) report at high
// confidence only where this evidence is present, and at low confidence (kept back by default)
// where it is not: the code shows the pattern but not that it matters.
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import { numberValue, stringValue, TEACHING_VISION } from './training-apis';
import { knownIterations, writtenArrayLength } from '../inference/shared';
import { perStep } from './frequency';
import { child, descendants, enclosingStatement, type SNode, unparen } from '../../parse/syntax';
import type { RuleContext } from '../rule';
import { fileSizeOnDisk } from '../data/shared';
import { DATALOADERS, decodesItems } from './datasets';
import { SMALL_PARAMETERS, visibleParameters } from './model-size';
import { siblingFunction } from './siblings';

/**
 * Dataset sources that are large (tens of thousands of samples or more) or read from files:
 * torchvision/torchaudio/torchtext datasets (but the teaching benchmarks, see `TEACHING_DATA`),
 * Hugging Face and TensorFlow Datasets, directory readers, TFRecord files, WebDataset shards, graph
 * datasets (but the classic small graph benchmarks: Cora and its kin, TUDataset's MUTAG or PROTEINS,
 * MoleculeNet, PPI, Flickr, the superpixel MNIST, graphs of a few thousand nodes or molecules).
 * (scikit-learn's bundled and downloaded tables are a few thousand rows: not evidence of a long run.)
 */
const LARGE_DATA = new RegExp(
  String.raw`^(torchvision\.datasets\.(?!(\w+\.)?(FakeData|${TEACHING_VISION})$)|torchaudio\.datasets\.|torchtext\.(legacy\.)?datasets\.|datasets\.(load_dataset|load_from_disk)$|tensorflow_datasets\.(load|builder)$|keras\.(utils|preprocessing)\.(image_dataset_from_directory|text_dataset_from_directory|audio_dataset_from_directory)$|tensorflow\.data\.(TFRecordDataset|Dataset\.list_files)$|webdataset\.|torch_geometric\.datasets\.(?!(Planetoid|KarateClub|TUDataset|MoleculeNet|PPI|Flickr|Amazon|Coauthor|CitationFull|WebKB|Actor|WikipediaNetwork|FakeDataset|FakeHeteroDataset|Entities|DBLP|IMDB|LastFM|Airports|Twitch|FacebookPagePage|GitHub|LastFMAsia|DeezerEurope|AttributedGraphDataset|BAShapes|ExplainerDataset|BA2MotifDataset|MNISTSuperpixels|GNNBenchmarkDataset|QM7b|ZINC)$)|ogb\.)`,
);
/**
 * The teaching benchmarks — MNIST and its kin, CIFAR, SVHN, Keras' bundled IMDB and Reuters —
 * fit in memory and train a small model in seconds to minutes: data, but no sign of a large run
 * by themselves (the model, the configuration or the loop must show it).
 */
const TEACHING_DATA = /^(keras\.datasets\.\w+\.load_data|tensorflow\.examples\.tutorials\.mnist\.input_data\.read_data_sets)$/;
/** `tfds.load("mnist")` and the like: a teaching benchmark by name. */
const TEACHING_NAMES = /^(mnist|fashion_mnist|kmnist|emnist(\/\w+)?|cifar10|cifar100|svhn_cropped|iris|titanic|boston_housing|imdb_reviews|ag_news_subset|tf_flowers|cats_vs_dogs|horses_or_humans|rock_paper_scissors|beans|glue\/(cola|mrpc|rte|stsb|wnli))(:[\d.]+)?$/;
/** Methods that read a directory of files into batches. */
const DIRECTORY_READERS = new Set(['flow_from_directory', 'flow_from_dataframe']);
/** Readers and decoders of image, audio and video files: data made of files, not a few numbers in the code. */
const FILE_DECODERS =
  /^(PIL\.Image\.open$|cv2\.(imread|VideoCapture)$|imageio\.(v\d\.)?imread$|skimage\.io\.imread$|torchvision\.io\.(read_image|decode_\w+|read_video)$|keras\.(utils|preprocessing\.image)\.load_img$|tensorflow\.io\.read_file$|tensorflow\.image\.decode_\w+$|torchaudio\.load$|librosa\.load$|soundfile\.read$|h5py\.File$|lmdb\.open$|decord\.|av\.open$)/;
/**
 * Reads of data of any size: tables, arrays and text from files or databases, dataset loaders.
 * Not proof of a large run (a 4 KB CSV is read the same way), but proof that the loop works on
 * data rather than on a few numbers written in the code.
 */
const DATA_READS =
  /^(pandas\.(read_\w+)|polars\.(read_\w+|scan_\w+)|numpy\.(load|loadtxt|genfromtxt|fromfile|memmap)|open|json\.load|csv\.(reader|DictReader)|pyarrow\.parquet\.read_table|torch\.utils\.data\.(dataloader\.)?DataLoader|datasets\.load_dataset)$/;
/** scikit-learn's bundled tables, installed with it: at most 1,797 rows (digits). */
const BUNDLED_TABLES = /^sklearn\.datasets\.load_(iris|wine|breast_cancer|diabetes|linnerud|digits)$/;
const DATA_READ_METHODS = new Set(['read_csv', 'read_parquet', 'read_json', 'read_sql', 'read_sql_query', 'fetchall', 'readlines']);
/** Models with pretrained weights, or known architectures of millions of parameters. */
const LARGE_MODELS =
  /^(torchvision\.models\.|timm\.create_model$|keras\.applications\.|tensorflow_hub\.|torch\.hub\.load$|open_clip\.create_model|transformers\.pipeline$|ultralytics\.|segmentation_models_pytorch\.|diffusers\.|peft\.)/;
/** Training spread over several processes or devices. */
const SCALE_OUT =
  /^(torch\.nn\.parallel\.DistributedDataParallel$|torch\.nn\.DataParallel$|torch\.distributed\.(init_process_group|fsdp\.)|accelerate\.Accelerator$|deepspeed\.|horovod\.|torch\.multiprocessing\.spawn$|lightning\.(pytorch\.)?Trainer$|pytorch_lightning\.Trainer$|tensorflow\.distribute\.)/;
/**
 * Generators of made-up data: MONAI's test images, scikit-learn's `make_*` sets, torchvision's
 * `FakeData`. A file that trains on them shows the mechanics (a distributed set-up, a cache), not a
 * run worth optimising.
 */
const SYNTHETIC_DATA = /^(monai\.data\.(synthetic\.)?create_test_image_(2d|3d)|sklearn\.datasets\.make_\w+|torchvision\.datasets\.FakeData)$/;
/** Command-line configuration: a script written to be run on real data with chosen settings. */
const CLI_CONFIG = /^(argparse\.ArgumentParser$|hydra\.main$|click\.(command|option)$|absl\.flags\.|fire\.Fire$|transformers\.HfArgumentParser$|simple_parsing\.)/;

/**
 * Marks on `w` the evidence one call gives that file-level and traced evidence share: a directory
 * reader or a large dataset, pretrained weights or a large architecture, training over devices.
 */
function markCall(model: ModuleModel, c: CallSite, w: Workload): void {
  const q = c.qualified;
  if ((DIRECTORY_READERS.has(c.name) && c.receiver) || largeDataCall(model, c)) w.largeData = true;
  if ((c.name === 'from_pretrained' && c.receiver) || (q && LARGE_MODELS.test(q))) w.largeModel = true;
  if (q && SCALE_OUT.test(q) && (!LIGHTNING_TRAINER.test(q) || severalDevices(model, c) || longTrainer(model, c))) w.scaleOut = true;
}

const LIGHTNING_TRAINER = /^(lightning\.(pytorch\.)?|pytorch_lightning\.)Trainer$/;

/** A Lightning `Trainer` for 50 epochs or more, or 10,000 steps or more. */
function longTrainer(model: ModuleModel, c: CallSite): boolean {
  return (numberValue(model, c.kwargs.get('max_epochs')) ?? 0) >= 50 || (numberValue(model, c.kwargs.get('max_steps')) ?? 0) >= 10_000;
}

/** A Lightning `Trainer` over several devices or nodes, or with a distributed strategy. */
function severalDevices(model: ModuleModel, c: CallSite): boolean {
  const count = (k: string) => {
    const v = c.kwargs.get(k);
    const r = v && model.resolve(v);
    if (!r) return 1;
    if (r.kind === 'number') return r.value;
    if (r.kind === 'list') return r.items.length;
    if (r.kind === 'string') return r.value === 'auto' || r.value === '1' || /^\d+$/.test(r.value) ? Number(r.value) || 1 : 2;
    return 1;
  };
  const strategy = c.kwargs.get('strategy');
  const s = strategy && model.resolve(strategy);
  const distributed = s !== undefined && !(s.kind === 'string' && /^(auto|single_device|none)$/i.test(s.value)) && s.kind !== 'none';
  return count('devices') > 1 || count('gpus') > 1 || count('num_nodes') > 1 || count('devices') === -1 || distributed;
}

/**
 * The small graph benchmarks (Cora, Citeseer, PubMed, MUTAG and TUDataset's other sets, PPI, the
 * karate club): a few thousand nodes or a few hundred graphs, so a run over them takes seconds to
 * minutes however many epochs it is given.
 */
const SMALL_GRAPHS =
  /^(torch_geometric\.datasets\.(Planetoid|KarateClub|TUDataset|PPI|CitationFull|WebKB|Actor|WikipediaNetwork|FakeDataset|Airports|BAShapes|ExplainerDataset|BA2MotifDataset)|dgl\.data\.(CoraGraphDataset|CiteseerGraphDataset|PubmedGraphDataset|CitationGraphDataset|KarateClubDataset|GINDataset|LegacyTUDataset|TUDataset|PPIDataset|MiniGCDataset|BAShapeDataset|TreeCycleDataset|TreeGridDataset|FraudDataset|FraudAmazonDataset|FraudYelpDataset|load_data))$/;

/** A project's own loader of a citation graph (`def load_data(path="../data/cora/", dataset="cora")`, pygcn and pyGAT). */
const LOAD_HELPER = /^(load|get|read)_?(data|dataset|graph)s?$/i;
const CITATION_GRAPH = /^[^\n]*\(.*["'](cora|citeseer|pubmed)\/?["']/i;

/** The teaching benchmarks torchvision ships: tens of thousands of small images. */
const TEACHING_TORCHVISION = new RegExp(String.raw`^torchvision\.datasets\.(?:\w+\.)?(FakeData|${TEACHING_VISION})$`);
const SUBSETS = /^torch\.utils\.data\.(dataset\.)?Subset$/;
/** A subset or a slice of a split of at most this many samples: a demo's worth of data, minutes of training. */
const SMALL_SAMPLES = 5000;

/** `Subset(ds, range(3000))`, `Subset(ds, indices[:3000])`, `Subset(ds, torch.arange(N))` with N at most `SMALL_SAMPLES`. */
function smallSubset(model: ModuleModel, c: CallSite): boolean {
  const indices = model.arg(c, 'indices', 1);
  let n = indices && unparen(indices.node);
  if (n?.type === 'call' && model.callSite(n).qualified === 'list') n = model.callSite(n).args[0] && unparen(model.callSite(n).args[0].node);
  if (!n) return false;
  if (n.type === 'call') {
    const inner = model.callSite(n);
    if (inner.qualified !== 'range' && inner.qualified !== 'torch.arange') return false;
    const stop = numberValue(model, inner.args[1] ?? inner.args[0]);
    const start = inner.args[1] ? (numberValue(model, inner.args[0]) ?? 0) : 0;
    return stop !== undefined && stop - start <= SMALL_SAMPLES;
  }
  if (n.type === 'subscript') {
    const key = n.children.find((k) => k.field === 'subscript');
    const m = key && /^\s*:\s*(\w+)\s*$/.exec(model.text(key));
    const stop = m && (/^\d+$/.test(m[1]) ? Number(m[1]) : numberValue(model, model.value(key!.children[0] ?? key!)));
    return typeof stop === 'number' && stop <= SMALL_SAMPLES;
  }
  return false;
}

/** TUDataset's sets of a few thousand small graphs at most (not COLORS-3, COLLAB or the Reddit sets). */
const SMALL_TU = /^(MUTAG|PROTEINS(_full)?|ENZYMES|IMDB-BINARY|IMDB-MULTI|PTC_(MR|FR|MM|FM)|NCI1|NCI109|DD|Mutagenicity|BZR|COX2|DHFR|AIDS|MSRC_\w+)$/;

/** A graph-set loader (`TUDataset`, DGL's `GINDataset`) naming one of the small sets, or a name the code does not spell out. */
function smallGraphSet(model: ModuleModel, c: CallSite): boolean {
  if (!/(TUDataset|GINDataset)$/.test(c.qualified ?? '')) return true;
  const name = stringValue(model, model.arg(c, 'name', c.qualified!.startsWith('torch_geometric.') ? 1 : 0));
  return name === undefined || SMALL_TU.test(name);
}

/** A call that loads a large or file-backed dataset (not a teaching benchmark named in its arguments). */
function largeDataCall(model: ModuleModel, c: CallSite): boolean {
  const q = c.qualified;
  if (!q || !LARGE_DATA.test(q)) return false;
  if (q === 'tensorflow_datasets.load' || q === 'tensorflow_datasets.builder' || q === 'datasets.load_dataset') {
    const name = stringValue(model, model.arg(c, q === 'datasets.load_dataset' ? 'path' : 'name', 0));
    const config = q === 'datasets.load_dataset' ? stringValue(model, model.arg(c, 'name', 1)) : undefined;
    if (name && TEACHING_NAMES.test(config ? `${name}/${config}` : name)) return false;
    // A few rows sliced off a split: `split="train[:150]"`, `split="train[10:500]"`.
    const split = stringValue(model, c.kwargs.get('split'));
    const slice = split && /\[\s*(\d*)\s*:\s*(\d+)\s*\]/.exec(split);
    if (slice && Number(slice[2]) - Number(slice[1] || 0) <= SMALL_SAMPLES) return false;
  }
  return true;
}

export interface Workload {
  /** The file loads a dataset known to be large or read from files. */
  largeData: boolean;
  /** The file builds a model with pretrained weights, a known large architecture or ≥1M visible parameters. */
  largeModel: boolean;
  /** Training spread over several processes or devices. */
  scaleOut: boolean;
  /** A script configured from the command line (argparse, Hydra, click, absl, fire). */
  configured: boolean;
  /**
   * (File-level only) the data is known to be small: every dataset the file loads is a small graph
   * benchmark (see `SMALL_GRAPHS`), or a teaching benchmark cut to a few thousand samples.
   */
  smallData?: boolean;
  /** (File-level only) the file makes up its data (`create_test_image_3d`, `make_classification`) and loads no large dataset. */
  synthetic?: boolean;
  /** (Traced only) what the statement reads comes from a file, a database or a dataset loader. */
  fromData?: boolean;
  /** (Traced only) every data file it reads is a local file under 1 MB: a few thousand rows at most. */
  onlySmallFiles?: boolean;
}

/** Local data files below this size hold a few thousand rows: a run over them takes seconds. */
const SMALL_DATA_BYTES = 1024 * 1024;

/**
 * The classic small tables by file name, also fetched from a URL (UCI's `wdbc.data`, `iris.data`,
 * `auto-mpg.data`, Kaggle's `titanic.csv`, the World Bank's indicator downloads
 * `API_<indicator>_DS2_en_csv_v2_<n>.csv`, one row per country): a few hundred to a few thousand rows.
 */
const SMALL_TABLES = /(^|\/)((iris|wdbc|wine|auto-mpg|housing|titanic|train_titanic|diabetes|heart([-_]disease)?|breast[-_]cancer|glass|seeds|abalone|mushrooms?|tips|penguins)\.(data|csv)|API_[\w.]+_DS2_\w+\.csv)$/i;

/** The size of the local file a read call names by a literal path (relative to the script or the working directory); 0 for a classic small table. */
function localFileSize(model: ModuleModel, c: CallSite, file: string, cwd: string): number | undefined {
  const arg = c.args[0] ?? c.kwargs.get('filepath_or_buffer') ?? c.kwargs.get('file') ?? c.kwargs.get('path');
  const v = arg && model.resolve(arg);
  if (v?.kind !== 'string' || v.value === '') return undefined;
  return SMALL_TABLES.test(v.value) ? 0 : fileSizeOnDisk(v.value, file, cwd);
}

const cache = new WeakMap<ModuleModel, Workload>();

/** What the file shows about the size of its work. */
export function workloadOf(model: ModuleModel, file = ''): Workload {
  const cached = cache.get(model);
  if (cached) return cached;
  const w: Workload = { largeData: false, largeModel: false, scaleOut: false, configured: false };
  let graphs = false;
  let teaching = false;
  let cut = false;
  for (const c of model.calls) {
    // (Decoders count only where a trace reaches them from the data a statement reads: anywhere in a
    // file they may decode a plot for TensorBoard.)
    markCall(model, c, w);
    if (c.qualified && CLI_CONFIG.test(c.qualified)) w.configured = true;
    if (c.qualified && SMALL_GRAPHS.test(c.qualified) && smallGraphSet(model, c)) graphs = true;
    if (!graphs && !c.receiver && c.qualified && LOAD_HELPER.test(c.name) && CITATION_GRAPH.test(siblingFunction(file, c.qualified) ?? '')) graphs = true;
    if (c.qualified && (TEACHING_TORCHVISION.test(c.qualified) || TEACHING_DATA.test(c.qualified))) teaching = true;
    if (c.qualified && SUBSETS.test(c.qualified) && smallSubset(model, c)) cut = true;
    if (c.qualified && SYNTHETIC_DATA.test(c.qualified)) w.synthetic = true;
  }
  // Options parsed by a helper in another module: `args = get_args()`, `parser.parse_args()`.
  if (model.calls.some((c) => c.name === 'parse_args' || (!c.receiver && /^(get|parse)_(args|arguments|opts)$/.test(c.name)))) w.configured = true;
  // Every size written down and 1M parameters or more, or the layers whose sizes are written down
  // already that many outside embedding tables (`nn.LSTM(128, 1024)` beside an embedding sized from the data).
  const { params, atLeast, approximate } = visibleParameters(model);
  if ((params !== undefined && params >= SMALL_PARAMETERS) || (!approximate && atLeast >= SMALL_PARAMETERS)) w.largeModel = true;
  // The costliest evidence last, and only when nothing else shows a large run: a loader whose items decode files.
  if (!w.largeData && !w.largeModel && !w.scaleOut && !w.configured) {
    w.largeData = model.calls.some((c) => c.qualified !== undefined && DATALOADERS.has(c.qualified) && decodesItems(model, c, file));
  }
  if (w.largeData) w.synthetic = false;
  w.smallData = (graphs || (teaching && cut) || w.synthetic === true) && !w.largeData;
  cache.set(model, w);
  return w;
}

/**
 * Whether the file shows a run large enough for training-cost advice to matter: a large or
 * file-backed dataset, a large or pretrained model, multi-device training, or a script configured
 * from the command line (how real runs are launched).
 */
export function largeRun(model: ModuleModel, file = ''): boolean {
  const w = workloadOf(model, file);
  // Small graph benchmarks, or MNIST cut to 3,000 images, are a small run however the script is
  // launched (options, several GPUs); made-up data, a demo however large the model.
  if (w.synthetic) return false;
  if (w.smallData) return w.largeModel;
  return w.largeData || w.largeModel || w.scaleOut || w.configured;
}

/** `'low'` where the file shows no large run (see `largeRun`), for `Report.confidence`. */
export function runConfidence(model: ModuleModel, file = ''): 'low' | undefined {
  return largeRun(model, file) ? undefined : 'low';
}

/** `ctx` whose reports all carry `confidence`, and `why` when given (unchanged when `confidence` is undefined). */
export function withConfidence(ctx: RuleContext, confidence: 'low' | undefined, why?: string): RuleContext {
  return confidence ? { ...ctx, report: (r) => ctx.report({ ...r, confidence: r.confidence ?? confidence, why: r.why ?? why }) } : ctx;
}

/** How many syntax nodes one trace may visit. */
const TRACE_BUDGET = 4000;

/**
 * The workload evidence among the calls that made what one statement reads: its names followed
 * to their assignments (tuple unpacking and `self.x` included), into the bodies of the local
 * functions and classes it calls, a few steps deep. A notebook holds many unrelated runs, so its
 * file-level evidence says little about one of them.
 */
export function tracedWorkload(model: ModuleModel, statement: SNode, file = '', cwd = process.cwd()): Workload {
  const w: Workload = { largeData: false, largeModel: false, scaleOut: false, configured: false };
  const seen = new Set<SNode>();
  const stack: [SNode, number][] = [[statement, 0]];
  let budget = TRACE_BUDGET;
  let smallReads = 0;
  let otherReads = 0;
  /** Names or helpers left unfollowed at the depth limit. */
  let cut = false;
  while (stack.length > 0 && budget > 0) {
    const [start, depth] = stack.pop()!;
    if (seen.has(start)) continue;
    seen.add(start);
    for (const d of [start, ...descendants(start)]) {
      if (--budget <= 0) break;
      if (d.type === 'call') {
        const c = model.callSite(d);
        const q = c.qualified;
        markCall(model, c, w);
        if (q && (FILE_DECODERS.test(q) || (DATALOADERS.has(q) && decodesItems(model, c, file)))) w.largeData = true;
        if (q && BUNDLED_TABLES.test(q)) {
          // scikit-learn's bundled tables (iris: 150 rows, breast cancer: 569): small data, like a local CSV under 1 MB.
          w.fromData = true;
          smallReads++;
        } else if ((q && (DATA_READS.test(q) || TEACHING_DATA.test(q) || LARGE_DATA.test(q))) || (c.receiver && DATA_READ_METHODS.has(c.name))) {
          w.fromData = true;
          const size = q && /^(pandas|polars|numpy)\./.test(q) ? localFileSize(model, c, file, cwd) : undefined;
          if (size !== undefined && size < SMALL_DATA_BYTES) smallReads++;
          else otherReads++;
        }
        if (w.largeData || w.largeModel || w.scaleOut) return { ...w, fromData: true };
        const callee = unparen(c.callee);
        if (depth >= TRACE_DEPTH && callee.type === 'identifier' && !q) cut = true;
        else if (callee.type === 'identifier' && !q) {
          const name = model.text(callee);
          const cls = model.classes.get(name);
          if (cls) stack.push([cls.node, depth + 1]);
          else {
            // The definition in force: the last one before the call (notebooks redefine `build_model`), else the first.
            const defs = model.functions.filter((f) => f.name === name && !f.cls);
            const def = defs.filter((f) => f.node.start < d.start).pop() ?? defs[0];
            if (def) stack.push([def.node, depth + 1]);
          }
        }
      } else if ((d.type === 'identifier' || (d.type === 'attribute' && /^self\.\w+$/.test(model.text(d)))) && readsName(d) && !boundInside(model, d)) {
        const origin = boundBefore(model, model.text(d), d);
        if (origin && !seen.has(origin)) {
          if (depth < TRACE_DEPTH) stack.push([origin, depth + 1]);
          else cut = true;
        }
      }
    }
  }
  // A trace cut short by its budget or depth may have missed a larger read: only a whole trace shows that every read is small.
  w.onlySmallFiles = smallReads > 0 && otherReads === 0 && budget > 0 && !cut;
  return w;
}

const TRACE_DEPTH = 8;

/**
 * An identifier that reads a variable: not a keyword argument's name (`epochs=`), an attribute's
 * name (`.history`) or a name being bound (`history = model.fit(...)`, `for x, y in loader`).
 */
/**
 * A lambda's parameter or a comprehension's variable (`lambda row: row["a"]`, `[r for r in rows]`):
 * bound right there, not by an assignment elsewhere in the file.
 */
function boundInside(model: ModuleModel, d: SNode): boolean {
  if (d.type !== 'identifier') return false;
  const name = model.text(d);
  for (let p = d.parent; p; p = p.parent) {
    if (p.type === 'lambda') {
      const params = child(p, 'parameters');
      if (params && [params, ...descendants(params)].some((n) => n.type === 'identifier' && model.text(n) === name)) return true;
    } else if (/comprehension$|^generator_expression$/.test(p.type)) {
      for (const clause of p.children) {
        const left = clause.type === 'for_in_clause' ? child(clause, 'left') : undefined;
        if (left && [left, ...descendants(left)].some((n) => n.type === 'identifier' && model.text(n) === name)) return true;
      }
    } else if (p.type === 'function_definition' || p.type === 'module') break;
  }
  return false;
}

function readsName(d: SNode): boolean {
  const p = d.parent;
  if (!p) return true;
  if (p.type === 'keyword_argument' && d.field === 'name') return false;
  if (p.type === 'attribute' && d.field === 'attribute') return false;
  let n = d;
  while (n.parent && BINDING_PATTERNS.has(n.parent.type)) n = n.parent;
  return !(n.field === 'left' && n.parent && (n.parent.type === 'assignment' || n.parent.type === 'for_statement' || n.parent.type === 'for_in_clause'));
}

const BINDING_PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'parenthesized_expression', 'list_splat_pattern']);

const bindings = new WeakMap<ModuleModel, Map<string, SNode[]>>();

/**
 * The right-hand side of the last assignment before `at` that binds `name`, in its function or at
 * module level, whatever the pattern: `x = f()`, `a, b = f()`, `(x, y), (u, v) = load_data()`.
 * For evidence an over-approximation is enough: the whole right-hand side is traced.
 */
function boundBefore(model: ModuleModel, name: string, at: SNode): SNode | undefined {
  let byName = bindings.get(model);
  if (!byName) {
    byName = new Map();
    // Assignments and `for` loops, by the names they bind (`x`, `self.x`, inside tuple patterns;
    // not `df["col"] = ...`, which changes `df` but binds nothing new).
    const bind = (target: SNode, owner: SNode): void => {
      if (target.type === 'identifier' || target.type === 'attribute') {
        const key = model.text(target);
        const list = byName!.get(key) ?? [];
        list.push(owner);
        byName!.set(key, list);
      } else if (BINDING_PATTERNS.has(target.type)) for (const c of target.children) bind(c, owner);
    };
    for (const type of ['assignment', 'for_statement']) {
      for (const a of model.nodesOfType(type)) {
        const left = child(a, 'left');
        if (left) bind(left, a);
      }
    }
    for (const list of byName.values()) list.sort((a, b) => a.start - b.start);
    bindings.set(model, byName);
  }
  const scope = model.context(at).func;
  let found: SNode | undefined;
  for (const a of byName.get(name) ?? []) {
    if (a.start >= at.start) break;
    // `x = x.astype(np.float32) / 255`: the `x` read on the right is the one bound before; a loop's
    // target is bound inside the loop.
    if (a.end > at.start && a.type !== 'for_statement') continue;
    const s = model.context(a).func;
    if (s === scope || s === undefined) found = a;
  }
  return found && child(found, 'right');
}

/**
 * A context whose reports are at low confidence unless the code shows a large run: in a script,
 * anywhere in the file (`largeRun`) or among what the reported statement reads; in a notebook,
 * only among what the statement reads (`tracedWorkload`), since one notebook holds many runs of
 * every size.
 */
export function workloadGated(ctx: RuleContext): RuleContext {
  const { model } = ctx;
  const configured = model.evidence.notebook ? workloadOf(model, ctx.path).configured : largeRun(model, ctx.path);
  return {
    ...ctx,
    report: (r) => {
      const w = configured ? undefined : tracedWorkload(model, enclosingStatement(r.node), ctx.path, ctx.cwd);
      // (Several devices over a small dataset are a demo of the devices.)
      const small = !model.evidence.notebook && workloadOf(model, ctx.path).smallData;
      ctx.report(!w || w.largeData || w.largeModel || (w.scaleOut && !small) ? r : { ...r, confidence: r.confidence ?? 'low' });
    },
  };
}

/**
 * A context whose reports are at low confidence unless what the reported statement reads (or the
 * calls on the model it makes: `gb.fit(X, y)`) comes from a file, a database or a dataset loader
 * (`tracedWorkload(...).fromData`), not only local files under 1 MB, or the script is configured
 * from the command line: a model fitted on a few rows the code makes up, or on a CSV of a few
 * hundred, is a demo.
 */
export function dataGated(ctx: RuleContext): RuleContext {
  const { model } = ctx;
  const file = workloadOf(model, ctx.path);
  const configured = file.configured && !file.smallData;
  return {
    ...ctx,
    report: (r) => {
      if (configured) return ctx.report(r);
      const traces = modelDataTraces(model, r.node, ctx.path, ctx.cwd);
      // Data read from a file, unless every file read is a local one under 1 MB (a few thousand rows).
      const fromData = traces.some((t) => t.fromData) && !traces.some((t) => t.onlySmallFiles);
      ctx.report(fromData ? r : { ...r, confidence: r.confidence ?? 'low', why: r.why ?? 'the data it is fitted on is made in the code or is a small table, not read from a file, a database or a dataset' });
    },
  };
}

/**
 * Traces of what a statement that builds a model reads, and of the calls later made on the name it
 * binds: `gb = GradientBoostingRegressor(...)` then `gb.fit(X, y)` — the data is what `fit` reads.
 */
function modelDataTraces(model: ModuleModel, node: SNode, file: string, cwd: string): Workload[] {
  const statement = enclosingStatement(node);
  const assigned = statement.type === 'expression_statement' ? statement.children[0] : statement;
  const left = assigned?.type === 'assignment' ? child(assigned, 'left') : undefined;
  const name = left?.type === 'identifier' ? model.text(left) : undefined;
  const uses = name ? model.calls.filter((c) => c.receiver && model.text(c.receiver) === name && c.node.start > statement.end) : [];
  return [statement, ...uses.map((c) => c.node)].map((n) => tracedWorkload(model, n, file, cwd));
}

/** Positive evidence of a small run: the model at `node` is fitted on local data files under 1 MB only. */
export function fittedOnSmallFiles(model: ModuleModel, node: SNode, file = '', cwd = process.cwd()): boolean {
  return modelDataTraces(model, node, file, cwd).some((t) => t.onlySmallFiles);
}

/** Calls that list files: a loop over their result reads a folder of data, one file per iteration. */
const FILE_LISTINGS = /^(os\.(listdir|scandir|walk)|glob\.(i?glob)|pathlib\.Path\.(glob|rglob|iterdir))$/;
const LISTING_METHODS = new Set(['glob', 'rglob', 'iterdir', 'listdir', 'scandir']);
/** Iterations at or above which a loop is large whatever it does. */
export const LARGE_LOOP = 1000;

/**
 * Positive evidence that a loop runs many times: a written-down extent of at least `minimum`
 * iterations (the product over a nest of loops), an iterable that lists files, data read from
 * files, a database or a dataset loader among what the loop reads, a nest three loops deep, or
 * (with `perStepCounts`) code that itself runs per step; with `'elementwise'`, only a nest of two
 * or more loops (also one inside an index loop), or a loop storing single elements by its
 * variables (`cm[t, p] += 1`), run per step counts, since a single loop per step may walk rows
 * (`perStep`): for interpreter overhead a short loop run at every step adds up, for a growing
 * copy only the loop's own length matters.
 */
export function manyIterations(model: ModuleModel, inner: LoopInfo, file = '', minimum = LARGE_LOOP, perStepCounts: boolean | 'elementwise' = true): boolean {
  // The loop of a nest whose body is only this loop (`for i ...: for j ...:`) is part of it, not a step loop around it.
  let loop = inner;
  for (let outer = model.context(loop.node).loops[0]; outer?.kind === 'for' && onlyStatement(outer.body, loop.node); outer = model.context(loop.node).loops[0]) loop = outer;
  const nest = [loop, ...model.loops.filter((l) => l.kind === 'for' && l !== loop && l.node.start >= loop.body.start && l.node.end <= loop.body.end)];
  const counts = nest.map((l) => knownIterations(model, l));
  const known = counts.filter((n): n is number => n !== undefined);
  if (known.length > 0 && known.reduce((a, b) => a * b, 1) >= minimum) return true;
  // `for _ in range(max_length)` with `def decode(..., max_length=10)`: the default, when no count is written down.
  const first = counts[0] ?? rangeDefault(model, loop) ?? writtenArrayLength(model, loop);
  if (first !== undefined && first < minimum && nest.length === 1) return false;
  if (nestDepth(model, loop) >= 3) return true;
  if (loop.iter) {
    for (const d of [loop.iter, ...descendants(loop.iter)]) {
      if (d.type !== 'call') continue;
      const c = model.callSite(d);
      if ((c.qualified && FILE_LISTINGS.test(c.qualified)) || (c.receiver && LISTING_METHODS.has(c.name))) return true;
    }
  }
  // What the loop reads (its iterable and the arrays its body indexes) traced back to data read from
  // files, a database or a dataset (a long computation on a few numbers written in the code is a demo).
  if (tracedWorkload(model, loop.node, file).fromData) return true;
  // ('elementwise') Per step, a single loop walks a batch or a short list whose elements may be rows
  // (whole-tensor work each); element-wise work per step shows in a nest (`for i ...: for j ...:`
  // over a matrix) or in stores of single elements by the loop's variables.
  if (perStepCounts === 'elementwise' && !(nest.length >= 2 || withinIndexLoop(model, loop) || scalarStores(model, loop))) return false;
  return perStepCounts !== false && perStep(model, loop.node);
}

/**
 * The body stores into single elements indexed by the loop's variables (`cm[t, p] += 1` over
 * `zip(labels, preds)`): its elements are scalars, so the loop is element-wise even per step.
 */
function scalarStores(model: ModuleModel, loop: LoopInfo): boolean {
  const vars = new Set(loop.targets);
  return [...descendants(loop.body)].some((d) => {
    if (d.type !== 'assignment' && d.type !== 'augmented_assignment') return false;
    const left = child(d, 'left');
    if (left?.type !== 'subscript') return false;
    const keys = left.children.filter((k) => k.field === 'subscript');
    return keys.length > 0 && keys.every((k) => k.type !== 'slice' && [k, ...descendants(k)].some((x) => x.type === 'identifier' && vars.has(model.text(x))) && ![k, ...descendants(k)].some((x) => x.type === 'slice'));
  });
}

/** The loop runs inside an index loop of its own function (`for i in range(N): ... for j in range(N):`). */
function withinIndexLoop(model: ModuleModel, loop: LoopInfo): boolean {
  const fn = model.context(loop.node).func;
  return model.context(loop.node).loops.some((outer) => {
    const iter = outer.kind === 'for' && outer.iter && unparen(outer.iter);
    return !!iter && iter.type === 'call' && model.callSite(iter).qualified === 'range' && model.context(outer.node).func === fn;
  });
}

/** The count of `range(n)` read through constants, parameter defaults and argparse defaults (`numberValue`). */
function rangeDefault(model: ModuleModel, loop: LoopInfo): number | undefined {
  const iter = loop.iter && unparen(loop.iter);
  if (iter?.type !== 'call') return undefined;
  const c = model.callSite(iter);
  return c.qualified === 'range' && c.args.length === 1 ? numberValue(model, c.args[0]) : undefined;
}

/** Whether `node` is the only statement of `block` (comments aside). */
function onlyStatement(block: SNode, node: SNode): boolean {
  const statements = block.children.filter((c) => c.type !== 'comment');
  return statements.length === 1 && statements[0] === node;
}

/** How deep the nest of `for` loops under `loop` goes (1: no inner loop). */
function nestDepth(model: ModuleModel, loop: LoopInfo): number {
  let deepest = 1;
  for (const l of model.loops) {
    if (l.kind !== 'for' || l === loop || l.node.start < loop.body.start || l.node.end > loop.body.end) continue;
    let depth = 1;
    for (let p = l.node.parent; p && p !== loop.node.parent; p = p.parent) if (p.type === 'for_statement') depth++;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** What each kind of gate needs for high confidence, for the rules' documentation. */
export const CONFIDENCE_DOCS = {
  run:
    'Reported at high confidence (shown by default) only where the code shows a large run: a dataset known to be large or read from files (torchvision, torchaudio, torchtext, Hugging Face or TensorFlow datasets other than the teaching benchmarks and a few thousand rows sliced off a split (`split="train[:150]"`) — MNIST and its kin, CIFAR, SVHN, Keras\' bundled sets, `tfds.load("mnist")`, the small graph benchmarks of PyTorch Geometric and DGL (Cora and its kin, TUDataset, MoleculeNet, PPI, Flickr) —, graph datasets, directory readers, TFRecords, image, audio or video decoding, a loader whose items decode files), a model with pretrained weights, a known large architecture or 1M parameters or more written down, training over several devices (a Lightning `Trainer` counts only over several devices or nodes, with a distributed strategy, or for 50 epochs or 10,000 steps or more), or a script configured from the command line (argparse, Hydra, click, absl, fire); a script whose only datasets are small graph benchmarks (Cora, Citeseer, PubMed, MUTAG, PPI), or a teaching benchmark cut to at most 5,000 samples (`Subset(FashionMNIST(...), range(3000))`), is a small run however it is launched, unless its model is large, and a script that makes up its data (MONAI\'s `create_test_image_3d`, scikit-learn\'s `make_classification`, torchvision\'s `FakeData`) and loads no large dataset is a demo of the mechanics, whatever its model. In a notebook that evidence must be among what the reported statement reads (its names followed to their assignments and into the local functions and classes it calls), since one notebook holds runs of every size. Elsewhere the finding is low confidence, kept back unless `confidence = "low"`.',
  runFile:
    'Reported at high confidence (shown by default) only where the file shows a large run: a dataset known to be large or read from files (not a teaching benchmark: MNIST and its kin, CIFAR, SVHN, Keras\' bundled sets, the small graph benchmarks of PyTorch Geometric), a model with pretrained weights, a known large architecture or 1M parameters or more written down (embedding tables aside), training over several devices (a Lightning `Trainer` counts only over several devices or nodes, with a distributed strategy, or for 50 epochs or 10,000 steps or more), or a script configured from the command line; a script whose only datasets are small graph benchmarks (Cora, Citeseer, PubMed, MUTAG, PPI), or a teaching benchmark cut to at most 5,000 samples, is a small run however it is launched, unless its model is large, and one that makes up its data (`create_test_image_3d`, `make_classification`, `FakeData`) is a demo whatever its model. Elsewhere the finding is low confidence, kept back unless `confidence = "low"`.',
  items:
    'Reported at high confidence (shown by default) only where preparing an item visibly takes work — a torchvision dataset that reads files, an in-memory one with augmenting transforms, a dataset given a transform the project wrote itself (`TUDataset(..., transform=PreprocessDistances())`), a `Dataset` whose `__getitem__` opens, decodes, transforms or tokenises its item — or in a script that shows a large run (see FRG101) over a dataset that is neither in memory nor token ids. Elsewhere the finding is low confidence, kept back unless `confidence = "low"`.',
  perStep:
    'Reported at high confidence (shown by default) only where the code shows it runs per step: in a loop not known to be short (a handful of items, or a loop that breaks on its counter after a few, `if i > 5: break`), in `forward`, `*_step`, `__getitem__` or a generator, or in a function called from such code; set-up before a function\'s own loop, and code the file never shows being repeated, are low confidence, kept back unless `confidence = "low"`.',
  loop:
    'Reported at high confidence (shown by default) only where the loop is shown to run many times: a written-down extent of 1,000 iterations or more (over the nest), a listing of files, data read from files, a database or a dataset loader among what the loop reads, a nest three loops deep, or a nest of two or more loops (also an index loop inside one), or a loop storing single elements by its variables (`cm[t, p] += 1`), that itself runs per step (one loop per step walks a batch or a short list, whose elements are rows: whole-tensor work each). Elsewhere the finding is low confidence, kept back unless `confidence = "low"`.',
  convBias:
    'Reported at high confidence (shown by default) only where the file trains a model of its own (a training step loop or `fit`; not one loaded with `load_state_dict`/`load_weights`, whose checkpoint a changed layer would no longer load). Elsewhere the finding is low confidence, kept back unless `confidence = "low"`.',
  hostSync:
    'As for FRG101: reported at high confidence (shown by default) only where the code shows a large run, elsewhere kept back unless `confidence = "low"`.',
  tfData:
    'A pipeline over arrays already in memory (`from_tensor_slices`, `from_tensors`, `range`) is reported at high confidence (shown by default) only where the file shows a large run (as for FRG102); pipelines that read files always are. Elsewhere the finding is low confidence, kept back unless `confidence = "low"`.',
  columns:
    'Reported at high confidence (shown by default) only where the file was found on disk and its header shows columns the code never reads; a file that cannot be read (not there, or its path not a literal) is low confidence, kept back unless `confidence = "low"`.',
  growth:
    'Reported at high confidence (shown by default) only where the loop is shown to run many times: a written-down extent of 100 iterations or more, a listing of files, or data read from files, a database or a dataset loader among what the loop reads. Elsewhere the finding is low confidence, kept back unless `confidence = "low"`.',
};

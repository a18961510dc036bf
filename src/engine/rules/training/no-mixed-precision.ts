// FRG102: training on a CUDA GPU in full FP32 precision (PyTorch loops, Lightning, Hugging Face,
// Keras) where automatic mixed precision would run the heavy maths on Tensor Cores.
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, namedChildren, type SNode, unparen } from '../../parse/syntax';
import { localName, setKeyword } from '../fixes';
import type { OffsetEdit, Rule, RuleContext } from '../rule';
import { kerasModelSize } from './keras-size';
import { onlySmallDenseModels, SMALL_PARAMETERS } from './model-size';
import { boolValue, isKerasModel, kerasModule, lastSegment, numberValue, statementBefore, stringValue } from './training-apis';
import { cpuByDefault, inCpuBranch, intelCpuOnly, loopOnDevice } from './loop-device';
import { shortRun } from './frequency';
import { siblingImports } from './siblings';
import { runConfidence, withConfidence, CONFIDENCE_DOCS } from './workload';
import { benchmarkScript, onlyOptimisesInputs, optimisesInputs, SIMULATORS } from './shared';

const AUTOCAST = new Set([
  'torch.autocast',
  'torch.amp.autocast',
  'torch.cuda.amp.autocast',
  'torch.cpu.amp.autocast',
  'torch.amp.autocast_mode.autocast',
  'torch.GradScaler',
  'torch.amp.GradScaler',
  'torch.cuda.amp.GradScaler',
]);
const HALF_DTYPES = new Set(['torch.float16', 'torch.half', 'torch.bfloat16']);
const LIGHTNING_TRAINERS = new Set(['lightning.Trainer', 'lightning.trainer.Trainer', 'lightning.trainer.trainer.Trainer']);
const FULL_PRECISION = new Set(['32', '32-true']);
const HF_ARGS = new Set([
  'transformers.TrainingArguments',
  'transformers.Seq2SeqTrainingArguments',
  'transformers.training_args.TrainingArguments',
  'transformers.training_args_seq2seq.Seq2SeqTrainingArguments',
  'trl.SFTConfig',
  'trl.DPOConfig',
  'trl.GRPOConfig',
  'trl.ORPOConfig',
  'trl.KTOConfig',
  'trl.CPOConfig',
  'trl.RewardConfig',
]);
const KERAS_POLICY_SETTERS = new Set([
  'keras.mixed_precision.set_global_policy',
  'keras.mixed_precision.experimental.set_policy',
  'keras.config.set_dtype_policy',
]);
/** `optimizer`, `opt`, `optim`, `optimizer_G`, `optimizerD`, `gen_opt` (not `options`). */
const OPTIMIZER_NAME = /^([Oo]ptim(?:izer|iser)?|opt)(?:_\w+|[A-Z0-9]\w*)?$|_(?:optim(?:izer|iser)?|opt)$/;

/** File-level facts that decide whether reduced precision is already in use. */
interface PrecisionFacts {
  /** `torch.autocast` or a GradScaler somewhere in the file. */
  autocast: boolean;
  /** The model itself is in 16-bit or quantised (`.half()`, `torch_dtype=torch.bfloat16`, 4/8-bit loading). */
  halfModel: boolean;
  /** Precision is handled by a wrapper: Accelerate/Fabric with mixed precision or a config we can't see, apex, DeepSpeed. */
  wrapper: boolean;
  /** Accelerators and Fabrics created with full precision spelled out. */
  fullPrecisionWrappers: CallSite[];
  /** `Accelerator()` with no `mixed_precision`: FP32 unless the launcher or its config says otherwise. */
  unsetAccelerators: CallSite[];
}

function isHalfDtype(model: ModuleModel, v: Value | undefined, depth = 0): boolean {
  if (!v || depth > 2) return false;
  const r = model.resolve(v);
  // `dtype=cfg["dtype"]` with a config dict written in the file: `{"dtype": torch.bfloat16, ...}`.
  const n = unparen(r.node);
  // `torch.bfloat16 if torch.cuda.is_available() else torch.float32`: 16 bits on the GPU.
  if (n.type === 'conditional_expression') return namedChildren(n).some((b, i) => i !== 1 && isHalfDtype(model, model.value(b), depth + 1));
  if (r.kind === 'unknown' && n.type === 'subscript') {
    const key = child(n, 'subscript');
    const k = key?.type === 'string' ? model.text(key).replace(/^['"]|['"]$/g, '') : undefined;
    if (k) return configDictValues(model, k).some((x) => isHalfDtype(model, x, depth + 1));
  }
  if (r.kind === 'name') return r.qualified !== undefined && HALF_DTYPES.has(r.qualified);
  return r.kind === 'string' && /^(float16|bfloat16|half|auto)$/.test(r.value);
}

const dictPairs = new WeakMap<ModuleModel, Map<string, Value[]>>();

/** The values a key is given in the file's dict literals (`{"dtype": torch.bfloat16}`), read once per file. */
function configDictValues(model: ModuleModel, key: string): Value[] {
  let pairs = dictPairs.get(model);
  if (!pairs) {
    pairs = new Map();
    for (const d of model.nodesOfType('pair')) {
      const k = child(d, 'key');
      if (k?.type !== 'string') continue;
      const name = model.text(k).replace(/^['"]|['"]$/g, '');
      pairs.set(name, [...(pairs.get(name) ?? []), model.value(child(d, 'value'))]);
    }
    dictPairs.set(model, pairs);
  }
  return pairs.get(key) ?? [];
}

/** A string or number literal as text (`"32-true"`, `32`). */
function literalText(model: ModuleModel, v: Value | undefined): string | undefined {
  if (!v) return undefined;
  const r = model.resolve(v);
  return r.kind === 'number' ? String(r.value) : r.kind === 'string' ? r.value : undefined;
}

/**
 * A precision held in a name that some binding sets to less than 32 bits: `--precision` defaults to
 * 16 and `if not args.gpus: args.precision = 32` only covers the CPU.
 */
function mayBeReduced(model: ModuleModel, setting: Value): boolean {
  if (setting.kind !== 'name') return false;
  const values = model.assignmentsOf(setting.name).map((a) => model.value(a.value));
  const fallback = model.defaultOf(setting.name, setting.node);
  if (fallback) values.push(model.value(fallback));
  return values.some((v) => {
    const text = literalText(model, v);
    return text !== undefined && !FULL_PRECISION.has(text);
  });
}

function precisionFacts(model: ModuleModel): PrecisionFacts {
  const facts: PrecisionFacts = {
    autocast: false,
    halfModel: false,
    wrapper: model.importsModule('apex') || model.importsModule('deepspeed'),
    fullPrecisionWrappers: [],
    unsetAccelerators: [],
  };
  // `partial(torch.autocast, device_type="cuda")` or `amp_autocast = torch.autocast`: autocast handed on as a value.
  for (const n of [...model.nodesOfType('attribute'), ...model.nodesOfType('identifier')]) {
    if (!facts.autocast && model.text(n).endsWith('autocast') && AUTOCAST.has(model.qualify(n) ?? '')) facts.autocast = true;
  }
  for (const c of model.calls) {
    const q = c.qualified;
    if (q && AUTOCAST.has(q)) facts.autocast = true;
    if (c.receiver && (c.name === 'half' || c.name === 'bfloat16') && c.args.length === 0) facts.halfModel = true;
    // Layers built in 16 bits (`nn.Linear(d, d, dtype=cfg["dtype"])` with `"dtype": torch.bfloat16`).
    if (q?.startsWith('torch.nn.') && isHalfDtype(model, c.kwargs.get('dtype'))) facts.halfModel = true;
    if (c.name === 'to' && c.receiver && [...c.args, c.kwargs.get('dtype')].some((v) => isHalfDtype(model, v))) facts.halfModel = true;
    if (q === 'torch.set_default_dtype' && isHalfDtype(model, c.args[0])) facts.halfModel = true;
    if (isHalfDtype(model, c.kwargs.get('torch_dtype')) || (c.name === 'from_pretrained' && isHalfDtype(model, c.kwargs.get('dtype')))) facts.halfModel = true;
    if (boolValue(model, c.kwargs.get('load_in_8bit')) || boolValue(model, c.kwargs.get('load_in_4bit')) || c.kwargs.has('quantization_config')) facts.halfModel = true;
    // FSDP's own precision policies (`MixedPrecisionPolicy(param_dtype=torch.bfloat16)`, FSDP1's `MixedPrecision`).
    if (q?.startsWith('torch.distributed.') && /MixedPrecision/.test(q)) facts.wrapper = true;
    if (c.kwargs.has('mp_policy')) facts.wrapper = true;
    if (q === 'accelerate.Accelerator' || q === 'lightning.fabric.Fabric' || q === 'lightning.Fabric') {
      const value = literalText(model, c.kwargs.get(q === 'accelerate.Accelerator' ? 'mixed_precision' : 'precision'));
      // Without an explicit full-precision setting, `accelerate launch`/its config may turn AMP on.
      if (c.hasSplat || value === undefined || !/^(no|32|32-true)$/.test(value)) facts.wrapper = true;
      if (q === 'accelerate.Accelerator' && !c.hasSplat && c.args.length === 0 && !c.kwargs.has('mixed_precision')) facts.unsetAccelerators.push(c);
      else facts.fullPrecisionWrappers.push(c);
    }
  }
  return facts;
}

// ---- PyTorch loops ----

function isBackward(call: CallSite): boolean {
  return call.name === 'backward' && call.receiver !== undefined;
}

function isOptimizerStep(model: ModuleModel, call: CallSite): boolean {
  if (call.name !== 'step' || !call.receiver) return false;
  if (model.typesOf(call.receiver).some((t) => t.startsWith('torch.optim.') && !t.startsWith('torch.optim.lr_scheduler.'))) return true;
  const r = unparen(call.receiver);
  const last = r.type === 'attribute' ? child(r, 'attribute') : r;
  return last?.type === 'identifier' && OPTIMIZER_NAME.test(model.text(last));
}

function statementLoops(model: ModuleModel, node: SNode) {
  return model.context(node).loops.filter((l) => l.kind !== 'comprehension');
}

/**
 * Training steps: `(backward call, the loop or function that repeats it)`. A backward and an
 * optimizer step in one loop, or in a function (`train_step`) that a loop calls.
 */
function trainingSteps(model: ModuleModel): Map<SNode, CallSite> {
  const backwards = model.calls.filter(isBackward);
  const steps = model.calls.filter((c) => isOptimizerStep(model, c));
  const out = new Map<SNode, CallSite>();
  for (const b of backwards) {
    const loop = statementLoops(model, b.node)[0];
    if (loop) {
      if (!out.has(loop.node) && steps.some((s) => statementLoops(model, s.node).includes(loop))) out.set(loop.node, b);
      continue;
    }
    const fn = model.context(b.node).func;
    if (!fn || out.has(fn.node) || !steps.some((s) => model.context(s.node).func === fn)) continue;
    const calledInLoop = model.calls.some((c) => {
      if (c.name !== fn.name || statementLoops(model, c.node).length === 0) return false;
      const callee = unparen(c.callee);
      return fn.cls ? c.receiver !== undefined && model.text(c.receiver) === 'self' : callee.type === 'identifier';
    });
    if (calledInLoop) out.set(fn.node, b);
  }
  return out;
}

/**
 * Graph networks (sparse scatter and gather ops, little for Tensor Cores) and reinforcement
 * learning (bound by the environment's simulation, not by the network's matrix products).
 */
const SPARSE_OR_SIMULATED = ['torch_geometric', 'dgl', ...SIMULATORS];
/** A loop's finding; when `accelerator.backward`/`fabric.backward` drives it, the fix is the wrapper's setting. */
function reportLoop(ctx: RuleContext, backward: CallSite, wrappers: CallSite[]): void {
  const { model } = ctx;
  const origin = backward.receiver && model.originCall(backward.receiver);
  const wrapper = wrappers.find((w) => w === origin);
  if (!wrapper?.qualified) {
    // `nn.BCELoss` and `F.binary_cross_entropy` refuse to run under autocast: the advice must say what to change first.
    const bce = model.calls.find((c) => c.qualified === 'torch.nn.BCELoss' || c.qualified === 'torch.nn.functional.binary_cross_entropy');
    ctx.report(bce ? { node: backward.node, messageId: 'torchLoopBce', data: { loss: bce.qualified === 'torch.nn.BCELoss' ? 'nn.BCELoss' : 'F.binary_cross_entropy' } } : { node: backward.node, messageId: 'torchLoop' });
    return;
  }
  const accelerate = wrapper.qualified === 'accelerate.Accelerator';
  const [keyword, value] = accelerate ? ['mixed_precision', '"fp16"'] : ['precision', '"16-mixed"'];
  ctx.report({
    node: backward.node,
    messageId: 'wrapper',
    data: { wrapper: lastSegment(wrapper.qualified), setting: `${keyword}=${value}` },
    fix: { edits: [setKeyword(model, wrapper, keyword, value)], safety: 'unsafe', title: `Set \`${keyword}=${value}\`` },
  });
}

// ---- Lightning ----

function checkLightning(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  if (!call.qualified || !LIGHTNING_TRAINERS.has(call.qualified) || call.hasSplat || call.args.length > 0 || call.kwargs.has('plugins')) return;
  // `else: Trainer(max_epochs=10)` after `if torch.cuda.is_available(): Trainer(accelerator="gpu", ...)` runs on the CPU.
  if (inCpuBranch(model, call.node)) return;
  const accelerator = call.kwargs.get('accelerator');
  if (accelerator && !/^(gpu|cuda|auto)$/.test(stringValue(model, accelerator) ?? '')) return;
  const gpus = call.kwargs.get('gpus');
  if (gpus && (model.resolve(gpus).kind === 'none' || numberValue(model, gpus) === 0)) return;
  const strategy = call.kwargs.get('strategy');
  if (strategy && /deepspeed/i.test(model.text(strategy.node))) return;
  const setting = call.kwargs.get('precision');
  let shown: string;
  let replacement = '"16-mixed"';
  if (!setting) shown = 'the default';
  else {
    const value = literalText(model, setting);
    if (value === undefined || !FULL_PRECISION.has(value) || mayBeReduced(model, setting)) return;
    // An integer 32 is the pre-2.0 spelling; 16 works in every version.
    if (model.resolve(setting).kind === 'number') replacement = '16';
    shown = `\`precision=${model.text(setting.node)}\``;
  }
  const keyword = setting?.node.parent?.type === 'keyword_argument' ? setting.node.parent : undefined;
  ctx.report({
    node: keyword ?? call.callee,
    messageId: 'lightning',
    data: { precision: shown },
    fix: { edits: [setKeyword(model, call, 'precision', replacement)], safety: 'unsafe', title: `Set \`precision=${replacement}\`` },
  });
}

// ---- Hugging Face ----

function checkHfArgs(ctx: RuleContext, call: CallSite, facts: PrecisionFacts): void {
  const { model } = ctx;
  if (!call.qualified || !HF_ARGS.has(call.qualified) || call.hasSplat || facts.halfModel || facts.wrapper) return;
  for (const cpu of ['use_cpu', 'no_cuda']) {
    const v = call.kwargs.get(cpu);
    if (v && boolValue(model, v) !== false) return;
  }
  const fp16 = call.kwargs.get('fp16');
  const bf16 = call.kwargs.get('bf16');
  // Anything but an explicit False (a flag from the command line, a capability check) may be True.
  if ((fp16 && boolValue(model, fp16) !== false) || (bf16 && boolValue(model, bf16) !== false)) return;
  // TRL's configs turn bf16 on themselves when neither is set (`self.bf16 = not self.fp16`).
  if (call.qualified.startsWith('trl.') && !bf16) return;
  const keyword = fp16?.node.parent?.type === 'keyword_argument' ? fp16.node.parent : undefined;
  ctx.report({
    node: keyword ?? call.callee,
    messageId: 'huggingface',
    data: { args: lastSegment(call.qualified) },
    fix: { edits: [setKeyword(model, call, 'fp16', 'True')], safety: 'unsafe', title: 'Set `fp16=True`' },
  });
}

// ---- Keras ----

/**
 * A Keras model whose layers are all sized in the code and under `SMALL_PARAMETERS`, with any
 * input width the code does not spell out taken at a generous bound.
 */
/**
 * The Keras model is built on a frozen TensorFlow Hub layer (`hub.KerasLayer(url)`, not trainable
 * by default): a SavedModel with a fixed float32 signature, which a `mixed_float16` policy feeds
 * float16 and breaks, in front of a head of a few thousand weights.
 */
function onHubLayer(model: ModuleModel, receiver: SNode): boolean {
  const hubs = model.calls.filter((c) => c.qualified === 'tensorflow_hub.KerasLayer' && boolValue(model, c.kwargs.get('trainable')) !== true);
  if (hubs.length === 0) return false;
  const names = new Set<string>();
  for (const h of hubs) {
    const stmt = h.node.parent?.type === 'assignment' ? h.node.parent : undefined;
    const left = stmt && child(stmt, 'left');
    if (left?.type === 'identifier') names.add(model.text(left));
  }
  const r = unparen(receiver);
  const origin = r.type === 'identifier' ? model.originOf(model.text(r), r) : undefined;
  if (!origin) return false;
  const text = model.text(origin);
  return hubs.some((h) => h.node.start >= origin.start && h.node.end <= origin.end) || [...names].some((n) => new RegExp(`\\b${n}\\b`).test(text));
}

function smallKerasModel(model: ModuleModel, receiver: SNode): boolean {
  const size = kerasModelSize(model, receiver);
  return size !== undefined && size.upper < SMALL_PARAMETERS;
}

type Policy = 'mixed' | 'full' | 'unknown' | undefined;

function kerasPolicy(model: ModuleModel): Policy {
  const mixed = (v: Value | undefined) => /^mixed_/.test(stringValue(model, v) ?? '');
  let policy: Policy;
  for (const c of model.calls) {
    if (c.qualified && KERAS_POLICY_SETTERS.has(c.qualified)) {
      const arg = model.arg(c, 'policy', 0);
      const value = arg && (stringValue(model, arg) ?? (arg.kind === 'call' ? stringValue(model, arg.call.args[0]) : undefined));
      if (value === undefined) return 'unknown';
      if (/^mixed_/.test(value)) return 'mixed';
      policy = 'full';
    } else if (mixed(c.kwargs.get('dtype')) || ((c.name === 'Policy' || c.name === 'DTypePolicy') && mixed(c.args[0]))) {
      // A layer or model built with its own mixed dtype policy.
      return 'mixed';
    }
  }
  return policy;
}

/** The policy call, before the first Keras call so that every layer is built under it. */
function policyEdit(model: ModuleModel): OffsetEdit | undefined {
  const setter = 'keras.mixed_precision.set_global_policy';
  let ref = localName(model, setter);
  const tf = localName(model, 'tensorflow');
  if (!ref && tf) ref = `${tf}.${setter}`;
  let statement = `${ref}("mixed_float16")`;
  if (!ref) {
    if (model.imports.has('mixed_precision')) return undefined;
    statement = `from ${kerasModule(model)} import mixed_precision\nmixed_precision.set_global_policy("mixed_float16")`;
  }
  const firstKeras = model.calls.find((c) => c.qualified?.startsWith('keras.'));
  return firstKeras && statementBefore(model, statement, firstKeras.node);
}

export const noMixedPrecision: Rule = {
  meta: {
    code: 'FRG102',
    name: 'no-mixed-precision',
    category: 'training',
    severity: 'warning',
    summary: 'Training on a CUDA GPU in full FP32 precision without automatic mixed precision',
    messages: {
      torchLoop:
        'PyTorch training loop on a CUDA GPU without automatic mixed precision: run the forward pass and loss under `torch.autocast("cuda")` and scale the loss with `torch.amp.GradScaler` (or use bfloat16 autocast)',
      torchLoopBce:
        'PyTorch training loop on a CUDA GPU without automatic mixed precision: run the forward pass and loss under `torch.autocast("cuda")` and scale the loss with `torch.amp.GradScaler` (or use bfloat16 autocast); `{loss}` raises an error under autocast, so first compute the loss from logits with `nn.BCEWithLogitsLoss` (`F.binary_cross_entropy_with_logits`) and drop the final sigmoid',
      lightning: 'Lightning `Trainer` on a GPU in full 32-bit precision ({precision}): `precision="16-mixed"` (or `"bf16-mixed"`) runs matrix maths on Tensor Cores',
      wrapper: 'Training loop on a CUDA GPU with mixed precision turned off in `{wrapper}`: set `{setting}` (or bf16) to run the forward pass in 16-bit',
      accelerateUnset:
        '`Accelerator()` without `mixed_precision`: training runs in FP32 unless `accelerate launch --mixed_precision` or the `accelerate config` file turns it on; set `mixed_precision="bf16"` (or `"fp16"`) to be sure',
      huggingface: '`{args}` without `fp16=True` or `bf16=True` in a script that uses a CUDA GPU: training runs in full FP32 precision',
      keras: 'Keras model trained on a GPU without a mixed-precision policy: set `mixed_precision.set_global_policy("mixed_float16")` before building the model',
      kerasFloat32: 'Keras model trained on a GPU under a float32 global policy: `"mixed_float16"` (or `"mixed_bfloat16"`) runs matrix maths on Tensor Cores',
    },
    fixTitle: 'Enable mixed precision',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'In files that show they use a CUDA GPU, checks for: a PyTorch training loop (a loop that calls `.backward()` and an optimizer `.step()`, directly or through a step function) with no `torch.autocast`/GradScaler anywhere in the file (called, or handed on as a value: `partial(torch.autocast, ...)`); a Lightning `Trainer` on a GPU (`accelerator` gpu/cuda/auto or unset) with `precision` unset, 32 or "32-true" (a name that any binding of the file sets to less, such as `--precision` defaulting to 16 and set to 32 only `if not args.gpus:`, is left alone); Hugging Face `TrainingArguments` without `fp16=True`/`bf16=True` (and TRL configs with `bf16=False` and no `fp16=True`: TRL turns bf16 on by default when neither is set); a Keras model compiled or fitted without a `mixed_float16`/`mixed_bfloat16` policy (reported once per file, at the first model that is not small: Keras models whose layers, input widths included, are all sized in the code and have under 1M parameters are left alone, and so are models built on a frozen TensorFlow Hub layer, `hub.KerasLayer(url)`, a SavedModel with a fixed float32 signature that a float16 policy breaks, in front of a small head). Nothing is reported when the model is already in 16-bit or quantised, when Fabric, FSDP (`MixedPrecisionPolicy`/`mp_policy`), DeepSpeed or apex manage precision, or when every model in the file is small (its layers other than embedding tables, which autocast leaves alone, have their sizes written down and under 1M parameters: too small for Tensor Cores to matter; a size taken from `len()` of a literal counts as its length, and in a file that reads no data — no files, datasets, loaders or downloads — as at most the number of words the file is written with, since a vocabulary built from text in the code cannot be larger), for graph networks (`torch_geometric`, `dgl`: sparse scatter and gather ops) and reinforcement learning (`gym`, `gymnasium`, `envpool`, `pettingzoo`: bound by the simulation), also where the script imports its model from a module beside it that imports them, and for a step loop that runs a known, small number of times (`for _ in range(20)`: a sanity check, not a run). An `Accelerator()` created without `mixed_precision` in a file that trains is reported at `info`, since the launcher or its configuration file may enable mixed precision where the code cannot show it; with `mixed_precision` set to anything but `"no"` Accelerate manages precision. The GPU is recognised however the code picks it: `.cuda()`, `torch.cuda.*` (not the seeding calls `torch.cuda.manual_seed`/`manual_seed_all`, which work without a GPU), `torch.accelerator` (as in the current PyTorch examples), `"cuda" if … else "cpu"`, `--cuda`/`--no-accel`-style flags, `accelerate.Accelerator()`, Ray Train\'s `ScalingConfig(use_gpu=...)`, Lightning `accelerator="gpu"|"auto"`, `.to(0)`, TensorFlow GPU queries, and Intel `xpu`; Apple `mps` alone does not count, since CUDA-style AMP with a GradScaler is what the advice is about. Models already in 16 bits are not reported: loaded with a 16-bit `torch_dtype`/`dtype` (also `torch.bfloat16 if torch.cuda.is_available() else torch.float32`), layers built with one (`nn.Linear(..., dtype=cfg["dtype"])` with `"dtype": torch.bfloat16` in a config dict of the file), `.half()`/`.bfloat16()`. Nor are Intel CPU scripts (`intel_extension_for_pytorch` and no CUDA or XPU anywhere), a Lightning `Trainer` in the `else` of `if torch.cuda.is_available():`, or, in a file with several training loops of which some show a device, the loops that do not.' + ' ' + CONFIDENCE_DOCS.runFile + ' Files that write message passing by hand (`scatter_add_`, `index_add_`, `scatter_reduce` over an edge index, as graph libraries do) are low confidence: their gathers and scatters stay in fp32 under autocast. So is a loop whose optimizers step a list of input tensors that a model in the loop runs on (`SGD([image], lr=6)`: a feature visualisation, an adversarial example, a style transfer), which optimises an input, not a model; so is any loop in a file whose every optimizer steps such tensors (`Adam((image,))` with `vgg(image)`), also where a factory builds the step function outside the loop. A benchmark (a file or folder named for it: `vision_benchmark.py`, `benchmarks/mnist.py`) is low confidence too: it measures the precision it is written with. So is a script whose device comes from an option that defaults to the CPU (`add_argument("--device", default="cpu")`, as in makemore): as written it trains on the CPU. Where the file computes its loss with `nn.BCELoss` or `F.binary_cross_entropy`, which raise an error under autocast, the message says to move to `nn.BCEWithLogitsLoss` on the logits first.',
      whyBad:
        'FP32 matrix multiplications and convolutions do not use the Tensor Cores of Volta and newer GPUs, and move twice the bytes of FP16/BF16. Automatic mixed precision runs those operations in 16-bit while keeping numerically sensitive ones (reductions, softmax, the weight update) in FP32, so the same training finishes sooner and draws less energy per step.',
      evidence:
        'Automatic mixed precision gives up to 3× overall speed-up on Volta and newer GPUs (PyTorch Performance Tuning Guide); Keras mixed precision runs more than 3× faster on modern GPUs and about 60 % faster on TPUs (TensorFlow mixed-precision guide). These are speed figures; the energy saving follows from the shorter run at similar power but has no separate measured figure.',
      example:
        'for x, y in loader:\n    optimizer.zero_grad()\n    loss = loss_fn(model(x.cuda()), y.cuda())\n    loss.backward()\n    optimizer.step()',
      useInstead:
        'scaler = torch.amp.GradScaler("cuda")\nfor x, y in loader:\n    optimizer.zero_grad()\n    with torch.autocast("cuda", dtype=torch.float16):\n        loss = loss_fn(model(x.cuda()), y.cuda())\n    scaler.scale(loss).backward()\n    scaler.step(optimizer)\n    scaler.update()',
      fixSafety:
        'Unsafe. Lightning gets `precision="16-mixed"`, Hugging Face `fp16=True`, Keras a `mixed_float16` global policy: FP16 needs a GPU with Tensor Cores (compute capability 7.0+) to pay off, can overflow in models trained without loss scaling, and on Ampere or newer bf16 is usually the better choice; Keras models should also keep their output layer in float32. PyTorch loops get no automatic fix because autocast must wrap the forward pass and the loss, and the GradScaler changes the backward and step calls.',
    },
  },
  create(outer) {
    const { model } = outer;
    // One GPU decision per file: file-level evidence of a large model or dataset.
    // Message passing written by hand (`scatter_add_`/`index_add_` over an edge index, as torch_geometric
    // and dgl do, which the rule leaves alone): gathers and scatters that autocast keeps in fp32.
    const handWrittenGraph = model.calls.some((c) => c.receiver !== undefined && /^(scatter_add_?|index_add_?|scatter_reduce_?)$/.test(c.name));
    const gated = handWrittenGraph
      ? withConfidence(outer, 'low', 'hand-written message passing (scatter_add_, index_add_) stays in fp32 under autocast')
      : benchmarkScript(outer.path)
        ? withConfidence(outer, 'low', 'a benchmark measures the precision it is written with')
        : withConfidence(outer, runConfidence(model, outer.path));
    if (!model.evidence.cuda || intelCpuOnly(model) || onlySmallDenseModels(model) || SPARSE_OR_SIMULATED.some((m) => model.importsModule(m))) return {};
    // The graph network may be defined in a module beside the script (`from model import GCMC`): read
    // from disk only when there is something to report.
    let siblingGraph: boolean | undefined;
    const ctx: RuleContext = {
      ...gated,
      report: (r) => {
        siblingGraph ??= siblingImports(outer.path, model.imports.values(), SPARSE_OR_SIMULATED);
        if (!siblingGraph) gated.report(r);
      },
    };
    const facts = precisionFacts(model);
    const kerasCompiles: CallSite[] = [];
    const kerasFits: CallSite[] = [];
    return {
      call(call) {
        checkLightning(ctx, call);
        checkHfArgs(ctx, call, facts);
        if ((call.name === 'compile' || call.name === 'fit') && call.receiver && isKerasModel(model, call.receiver)) {
          (call.name === 'compile' ? kerasCompiles : kerasFits).push(call);
        }
      },
      end() {
        if (model.importsModule('torch') && !facts.autocast && !facts.halfModel && !facts.wrapper) {
          const steps = trainingSteps(model);
          // Where some training loops show a device and others do not (a library of training helpers), those that do not run on the CPU.
          const info = (n: SNode) => model.loops.find((l) => l.node === n);
          const onDevice = (n: SNode) => {
            const l = info(n);
            return l === undefined || loopOnDevice(model, l);
          };
          const perLoop = steps.size >= 2 && [...steps.keys()].some(onDevice);
          // `--device` defaulting to "cpu": the GPU is the user's choice at launch.
          const cpu = cpuByDefault(model) ? withConfidence(ctx, 'low', 'the script runs on the CPU unless its `--device` option asks for a GPU (its default is "cpu")') : ctx;
          for (const [loop, backward] of steps) {
            if (shortRun(model, loop) || inCpuBranch(model, loop) || (perLoop && !onDevice(loop))) continue;
            reportLoop(optimisesInputs(model, loop) || onlyOptimisesInputs(model) ? withConfidence(ctx, 'low', 'the loop optimises an input tensor (a visualisation, an adversarial example, a style transfer), not a model') : cpu, backward, facts.fullPrecisionWrappers);
          }
        }
        // With `Accelerator()` the wrapper flag above holds, so the steps are only looked for here.
        const steps = facts.unsetAccelerators.length > 0 ? [...trainingSteps(model).values()] : [];
        // DeepSpeed through Accelerate takes precision from its own config file.
        const deepspeed = /deepspeed/i.test(model.file.text);
        if (!facts.autocast && !facts.halfModel && !deepspeed && steps.length > 0) {
          // One decision per file, even when `Accelerator(...)` is spelled in two branches.
          for (const acc of facts.unsetAccelerators.slice(0, 1)) {
            // Info only: the launcher's `--mixed_precision` or `accelerate config` may already turn it on.
            ctx.report({
              node: acc.callee,
              messageId: 'accelerateUnset',
              severity: 'info',
              related: [{ node: steps[0].node, message: 'the training step that runs in FP32 unless the launch configuration enables mixed precision' }],
              fix: { edits: [setKeyword(model, acc, 'mixed_precision', '"bf16"')], safety: 'unsafe', title: 'Set `mixed_precision="bf16"`' },
            });
          }
        }
        // Reported once per file, at the first model big enough for Tensor Cores to matter.
        const target = [...kerasCompiles, ...kerasFits].find((c) => !smallKerasModel(model, c.receiver!) && !onHubLayer(model, c.receiver!));
        const policy = target && kerasPolicy(model);
        if (!target || policy === 'mixed' || policy === 'unknown') return;
        const edit = policy === undefined ? policyEdit(model) : undefined;
        ctx.report({
          node: target.callee,
          messageId: policy === 'full' ? 'kerasFloat32' : 'keras',
          fix: edit && { edits: [edit], safety: 'unsafe', title: 'Set the `mixed_float16` global policy' },
        });
      },
    };
  },
};

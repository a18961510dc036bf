// FRG410: a PyTorch model run eagerly, operator by operator from Python, behind a request handler
// or a serving class, in a module that never compiles, traces or exports it to a faster runtime.
import { type CallSite, type ClassInfo, contains, type FunctionInfo, type ModuleModel } from '../../model/model';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { onlyToyModels } from '../training/model-size';
import { trainingFacts } from '../training/shared';
import { stringValue } from '../training/training-apis';
import { fewIterations, isTorchModel, loaderLabel, walkedCollection } from './shared';

/** Calls that compile, trace or export a model (or load one compiled or exported elsewhere). */
const COMPILED = new Set([
  'torch.compile',
  'torch.jit.script',
  'torch.jit.trace',
  'torch.jit.trace_module',
  'torch.jit.load',
  'torch.jit.freeze',
  'torch.onnx.export',
  'torch.onnx.dynamo_export',
  'torch.export.export',
  'torch.export.load',
  'torch._dynamo.optimize',
  'torch._export.aot_compile',
  'torch._inductor.aot_compile',
  'torch._inductor.aoti_load_package',
]);
/** Faster runtimes: a module that imports one serves (part of) its work there. */
const RUNTIMES = ['onnxruntime', 'onnx', 'tensorrt', 'torch_tensorrt', 'torch2trt', 'openvino', 'optimum', 'tvm', 'ctranslate2', 'vllm', 'intel_extension_for_pytorch', 'deepspeed', 'tritonclient', 'llama_cpp'];

/** Bases of serving classes and the methods that run a prediction. */
const SERVING_CLASSES: { base: RegExp; methods: Set<string>; label: string }[] = [
  { base: /^ts\.torch_handler\./, methods: new Set(['inference', 'handle', 'predict']), label: 'TorchServe handler' },
  { base: /^litserve\.(LitAPI|api\.LitAPI)$/, methods: new Set(['predict']), label: 'LitServe API' },
  { base: /^mosec\.(Worker|worker\.Worker)$/, methods: new Set(['forward']), label: 'mosec worker' },
];
/** Class decorators that deploy a class as a service: Ray Serve, BentoML. */
const SERVING_DECORATORS = /^(ray\.serve\.deployment|bentoml\.service)$/;

/** Pipeline tasks whose models export to ONNX with 🤗 Optimum as they are (encoders, classifiers). */
const EXPORTABLE_TASKS =
  /^(text-classification|sentiment-analysis|token-classification|ner|question-answering|fill-mask|feature-extraction|zero-shot-classification|image-classification|image-segmentation|object-detection|audio-classification)$/;

type Kind = 'torch' | 'pipeline' | 'sentence';

interface Serving {
  fn: FunctionInfo;
  label: string;
  /** The scoring loop, for a batch job. */
  loop?: SNode;
}

export const eagerModelServing: Rule = {
  meta: {
    code: 'FRG410',
    name: 'eager-model-serving',
    category: 'inference',
    severity: 'info',
    summary: 'PyTorch model served in eager mode, with no `torch.compile`, TorchScript, ONNX Runtime or TensorRT in the module',
    messages: {
      torch:
        '`{callee}(...)` in {where} runs the PyTorch model eagerly, one operator at a time from Python, on every request: export it to ONNX (`torch.onnx.export`) and serve it with ONNX Runtime, or `torch.compile` it once at startup; `frugal bench model.onnx` measures the gain',
      batch:
        '`{callee}(...)` in a batch-scoring loop runs the PyTorch model eagerly, one operator at a time from Python, for every batch: for a large job, export it once to ONNX (`torch.onnx.export`) and score with ONNX Runtime, or `torch.compile` it before the loop; `frugal bench model.onnx` measures the gain',
      pipeline:
        '`{callee}(...)` in {where} runs a `{task}` pipeline eagerly in PyTorch on every request: 🤗 Optimum\'s `ORTModelFor…from_pretrained(..., export=True)` gives the same pipeline on ONNX Runtime; `frugal bench model.onnx` measures the gain',
      sentence:
        '`{callee}(...)` in {where} runs the SentenceTransformer eagerly in PyTorch on every request: `SentenceTransformer(..., backend="onnx")` runs it on ONNX Runtime; `frugal bench model.onnx` measures the gain',
      sentenceBatch:
        '`{callee}(...)` in a batch-scoring loop runs the SentenceTransformer eagerly in PyTorch for every batch: for a large job, `SentenceTransformer(..., backend="onnx")` runs it on ONNX Runtime; `frugal bench model.onnx` measures the gain',
    },
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for forward passes of a PyTorch model — `model(x)`, `self.model(x)`, `model.forward(x)` on an `nn.Module`, a torchvision/timm/Hugging Face model, a `torch.load`ed one, or any object the file calls `.eval()` on — in code that serves requests: a FastAPI or Flask route, a Django view or an AWS Lambda handler (and a function of the same file such a handler calls directly), a TorchServe handler\'s `inference`/`handle`, a LitServe `predict`, a mosec worker\'s `forward`, a Ray Serve deployment or a BentoML service. Calls of a Hugging Face `pipeline(...)` built for a task that Optimum exports as it is (text and token classification, question answering, fill-mask, feature extraction, zero-shot classification, image and audio classification, detection, segmentation) and `SentenceTransformer.encode` (without `backend="onnx"`/`"openvino"`) count too. Nothing is reported when the module compiles, traces or exports anything (`torch.compile`, `torch.jit.script`/`trace`/`load`, `torch.onnx.export`, `torch.export`) or imports a faster runtime (ONNX Runtime, TensorRT, OpenVINO, Optimum, TVM, CTranslate2, vLLM, IPEX, DeepSpeed, a Triton client), nor for `generate(...)` and generative pipelines (text generation, summarisation, translation, speech recognition: their decoding loops want a serving engine or a static-cache `torch.compile`, not a plain ONNX export), for a TorchServe handler whose `self.model` is loaded by the base class (`BaseHandler.initialize` compiles it or loads an ONNX/TensorRT file when the model archive\'s config asks), for a model loaded in the same function on every request (FRG402 reports that first), for forward passes that need gradients (the function calls `backward`, `torch.autograd.grad` or an optimizer\'s `zero_grad`, which also marks a training loop whose backward runs in a loss scaler: `loss_scaler(loss, optimizer)`), or for scikit-learn and other non-PyTorch models; test modules (`test_*.py`, pytest or unittest imports) and files whose models are all toys (under 10,000 parameters, every layer size written down) are skipped. A batch-scoring job counts too: a script (not a notebook) that neither trains nor serves requests and writes its predictions out (`to_csv`, `np.save`, `json.dump`, `write`, …), with the forward pass (or `SentenceTransformer.encode`) in a loop over a DataLoader or batches (or over batch starts, `range(0, len(texts), batch_size)`); evaluation and benchmark scripts (a name holding `eval` or `bench`: `imagenet_eval.py`, `sotabench.py`; or `test*.py`) are left alone, since a one-off evaluation does not repay an export, and so are evaluation helpers in any script (functions named for evaluation, validation, testing or accuracy: they measure a model and write no predictions), functions that return their saved result when its file exists (`if os.path.isfile(path): return torch.load(path)`: features extracted once and kept), training loops whose step runs inside a wrapper (a loop over the training data, or one that calls `.train()`, `.backward()`, `.step()`, `.update()` or `.zero_grad()` on anything: `loss = trainer(text, image); trainer.update()`) and the methods of a dataset class (a PyTorch Geometric `InMemoryDataset.process` extracting features once, its result cached on disk).',
      whyBad:
        'In eager mode every operator is dispatched from Python, allocates its output and launches its own kernel; small-batch serving, where each request is a batch of one, is dominated by that overhead. A compiled or exported graph fuses operators, plans memory once and drops the interpreter from the hot path, so each request costs less time and energy — for a long-running service, on every request for its whole life.',
      evidence:
        'TorchInductor (`torch.compile`) gave a 2.27× geometric-mean inference speed-up over eager PyTorch across 180+ real-world models on an NVIDIA A100 (Ansel et al., "PyTorch 2", ASPLOS 2024). Gains vary with model and batch size; measure yours with `frugal bench` (see [Benchmarking inference](../../README.md#benchmarking-inference-frugal-bench)), which runs an exported ONNX model over batch sizes, threads and graph optimisation levels and reports latency and energy per 1,000 inferences.',
      example:
        'model = torchvision.models.resnet50(weights="DEFAULT").eval()\n\n@app.post("/classify")\ndef classify(image: UploadFile):\n    with torch.inference_mode():\n        return {"label": int(model(preprocess(image)).argmax())}',
      useInstead:
        '# once: torch.onnx.export(model, torch.randn(1, 3, 224, 224), "resnet50.onnx", dynamic_axes={"input": {0: "batch"}})\nsession = onnxruntime.InferenceSession("resnet50.onnx")\n\n@app.post("/classify")\ndef classify(image: UploadFile):\n    logits = session.run(None, {"input": preprocess(image).numpy()})[0]\n    return {"label": int(logits.argmax())}\n\n# or keep PyTorch and compile once at startup: model = torch.compile(model)',
      fixSafety:
        'No automatic fix: exporting changes the serving stack (a new file to build and deploy, dynamic shapes to declare, operators that may not export), and `torch.compile` adds a warm-up compilation at startup. Check the outputs match and measure the gain with `frugal bench` before switching.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    if (!model.importsModule('torch') && !model.importsModule('transformers') && !model.importsModule('sentence_transformers')) return {};
    if (RUNTIMES.some((m) => model.importsModule(m))) return {};
    // Unit tests of a service run it on toy inputs; a toy model (`nn.Linear(1, 1)`, below) gains nothing from compiling.
    if (model.importsModule('pytest') || model.importsModule('unittest') || /(^|[\\/])(test_[^\\/]*|[^\\/]*_test|conftest)\.py$/.test(ctx.path)) return {};
    const toys = onlyToyModels(model);
    if (model.calls.some((c) => (c.qualified !== undefined && COMPILED.has(c.qualified)) || c.name === 'to_bettertransformer' || (c.name === 'compile' && c.receiver !== undefined && isTorchModel(model, c.receiver)))) return {};
    const servingOf = servingFunctions(model);
    const scoring = scoringJob(model, ctx.path);
    if (servingOf.size === 0 && !scoring) return {};
    const reported = new Set<string>();
    return {
      call(call) {
        const serving = servingFor(model, call, servingOf) ?? (scoring ? scoringLoop(model, call) : undefined);
        if (!serving) return;
        const found = forwardKind(model, call);
        if (!found || (found.kind === 'torch' && toys) || (serving.loop && found.kind === 'pipeline')) return;
        if (needsGrad(model, serving.fn) || inheritedTorchServeModel(model, found.target, serving.fn)) return;
        // Loaded in the same function, per request: FRG402's finding comes first, and an export would not help it.
        let origin = model.originCall(found.target);
        while (origin?.receiver && /^(to|cuda|cpu|eval|train|half|float|bfloat16|requires_grad_)$/.test(origin.name) && unparen(origin.receiver).type === 'call') origin = model.callSite(unparen(origin.receiver));
        if (!serving.loop && origin && loaderLabel(model, origin) !== undefined && contains(serving.fn.node, origin.node)) return;
        const callee = model.text(found.target).replace(/\s+/g, '');
        const key = `${serving.loop?.start ?? serving.fn.node.start}:${callee}`;
        if (reported.has(key)) return;
        reported.add(key);
        ctx.report({ node: call.node, messageId: serving.loop ? (found.kind === 'torch' ? 'batch' : 'sentenceBatch') : found.kind, data: { callee: call.name === 'forward' || call.name === 'encode' ? model.text(call.callee).replace(/\s+/g, '') : callee, where: serving.label, task: found.task ?? '' } });
      },
    };
  },
};

/** Functions that serve requests, each with how to name it in a message. */
function servingFunctions(model: ModuleModel): Map<SNode, Serving> {
  const out = new Map<SNode, Serving>();
  for (const f of model.functions) {
    if (f.handler) out.set(f.node, { fn: f, label: f.handler === 'lambda' ? `Lambda handler \`${f.name}\`` : `request handler \`${f.name}\`` });
    const cls = f.cls;
    if (!cls) continue;
    const serving = SERVING_CLASSES.find((s) => cls.bases.some((b) => s.base.test(b)));
    if (serving?.methods.has(f.name)) out.set(f.node, { fn: f, label: `${serving.label} \`${cls.name}.${f.name}\`` });
    else if (deployedClass(model, cls) && (!f.name.startsWith('_') || f.name === '__call__')) {
      out.set(f.node, { fn: f, label: `service method \`${cls.name}.${f.name}\`` });
    }
  }
  if (out.size === 0) return out;
  // Helpers of the same file that a handler calls directly: `predict(x)` or `self.predict(x)`.
  const byName = new Map<string, CallSite[]>();
  for (const c of model.calls) {
    const h = model.context(c.node).func;
    if (!h || !out.has(h.node)) continue;
    const list = byName.get(c.name);
    if (list) list.push(c);
    else byName.set(c.name, [c]);
  }
  for (const f of model.functions) {
    if (out.has(f.node) || f.name === '__init__' || f.name.startsWith('load') || f.name === 'initialize' || f.name === 'setup') continue;
    const caller = byName.get(f.name)?.find((c) => {
      const h = model.context(c.node).func!;
      const callee = unparen(c.callee);
      return f.cls ? c.receiver !== undefined && model.text(c.receiver) === 'self' && h.cls === f.cls : callee.type === 'identifier';
    });
    if (caller) {
      const h = out.get(model.context(caller.node).func!.node)!;
      out.set(f.node, { fn: f, label: `\`${f.name}\`, which ${h.label} calls,` });
    }
  }
  return out;
}

function deployedClass(model: ModuleModel, cls: ClassInfo): boolean {
  const decorated = cls.node.parent?.type === 'decorated_definition' ? cls.node.parent : undefined;
  return (decorated?.children ?? []).some((d) => {
    if (d.type !== 'decorator' || !d.children[0]) return false;
    const e = unparen(d.children[0]);
    const q = e.type === 'call' ? model.callSite(e).qualified : model.qualify(e);
    return q !== undefined && SERVING_DECORATORS.test(q);
  });
}

/** Calls that write predictions out: a scoring job persists what it computes. */
const WRITES = new Set(['to_csv', 'to_parquet', 'to_json', 'to_feather', 'savetxt', 'save', 'dump', 'write', 'writerow', 'writerows', 'write_table']);
const LOADER_NAME = /loader|batches|dataloader/i;
/** Dataset classes (PyTorch's `Dataset`, PyTorch Geometric's `InMemoryDataset`, DGL's `DGLDataset`): their methods prepare data, once. */
const DATASET_BASE = /Dataset$/;

/** `if os.path.isfile(path): return torch.load(path)` among a function's statements: it computes once, then reads its result back. */
function cachedOnDisk(model: ModuleModel, fn: SNode): boolean {
  return (child(fn, 'body')?.children ?? []).some((s) => {
    if (s.type !== 'if_statement') return false;
    const condition = child(s, 'condition');
    const consequence = child(s, 'consequence');
    const tests = condition && [condition, ...descendants(condition)].some((d) => d.type === 'call' && /^(exists|isfile)$/.test(model.callSite(d).name));
    return !!tests && !!consequence?.children.some((c) => c.type === 'return_statement');
  });
}

/** A script that only predicts (no training, no request handling) and writes its predictions out. */
function scoringJob(model: ModuleModel, path: string): boolean {
  if (trainingFacts(model).trains || model.evidence.webFramework || model.evidence.notebook || /(^|[\\/])([^\\/]*(eval|bench)[^\\/]*|test[^\\/]*)\.py$/i.test(path)) return false;
  return model.calls.some((c) => WRITES.has(c.name) && (c.receiver !== undefined || c.qualified !== undefined));
}

/** `range(0, len(texts), batch_size)`: the start of each batch of a list sliced by hand. */
function batchStarts(model: ModuleModel, iter: SNode): boolean {
  if (iter.type !== 'call') return false;
  const c = model.callSite(iter);
  if (c.qualified !== 'range' || c.args.length !== 3) return false;
  const stop = unparen(c.args[1].node);
  const step = model.resolve(c.args[2]);
  return stop.type === 'call' && model.callSite(stop).qualified === 'len' && !(step.kind === 'number' && step.value <= 1);
}

/** Methods a training step calls on a model, its optimizer or its trainer wrapper. */
const TRAINING_STEP = new Set(['train', 'backward', 'step', 'update', 'zero_grad']);

const stepped = new WeakMap<SNode, boolean>();

/** A call of a training-step method in the loop body; asked once per loop, however many calls it holds. */
function stepsInLoop(model: ModuleModel, body: SNode): boolean {
  let found = stepped.get(body);
  if (found === undefined) stepped.set(body, (found = model.calls.some((c) => c.receiver !== undefined && TRAINING_STEP.has(c.name) && contains(body, c.node))));
  return found;
}

/** The forward pass runs in a loop over a DataLoader (or batches) in a scoring job: the loop is the serving. */
function scoringLoop(model: ModuleModel, call: CallSite): Serving | undefined {
  const loop = model.context(call.node).loops.find((l) => l.kind === 'for');
  if (!loop?.iter || fewIterations(model, loop)) return undefined;
  const iter = walkedCollection(model, loop.iter);
  const origin = model.originCall(iter);
  const loader = origin?.qualified?.startsWith('torch.utils.data.') || (iter.type === 'identifier' && LOADER_NAME.test(model.text(iter))) || batchStarts(model, iter);
  if (!loader) return undefined;
  // A training loop whose step hides in a wrapper (`loss = trainer(x); trainer.update()`): it iterates the
  // training data, or switches something to training mode, steps or updates it, or runs a backward pass.
  if (/train/i.test(model.text(iter)) || stepsInLoop(model, loop.body)) return undefined;
  const fn = model.context(call.node).func;
  // A dataset's own preprocessing (`process()` of a PyG `InMemoryDataset`): run once, its result cached on disk.
  if (fn?.cls && fn.cls.bases.some((b) => DATASET_BASE.test(b))) return undefined;
  // An evaluation helper (`test(model, loader)`, `advtest`, `accuracy`) measures a model; it writes no predictions out.
  if (fn && /eval|valid|test|accuracy/i.test(fn.name)) return undefined;
  // Features extracted once and kept: the function returns the saved copy when its file exists.
  if (fn && cachedOnDisk(model, fn.node)) return undefined;
  return { fn: fn ?? { node: model.file.root, name: '', params: [], decorators: [] }, label: 'a batch-scoring loop', loop: loop.node };
}

function servingFor(model: ModuleModel, call: CallSite, servingOf: Map<SNode, Serving>): Serving | undefined {
  const fn = model.context(call.node).func;
  return fn && servingOf.get(fn.node);
}

/** What a call runs: an eager PyTorch forward pass, an exportable pipeline, or a SentenceTransformer. */
function forwardKind(model: ModuleModel, call: CallSite): { kind: Kind; target: SNode; task?: string } | undefined {
  if (call.name === 'generate') return undefined;
  if (call.name === 'encode' && call.receiver) {
    const origin = model.originCall(call.receiver);
    if (origin?.qualified !== 'sentence_transformers.SentenceTransformer') return undefined;
    const backend = stringValue(model, origin.kwargs.get('backend'));
    if (backend !== undefined && backend !== 'torch') return undefined;
    return origin.kwargs.has('backend') && backend === undefined ? undefined : { kind: 'sentence', target: call.receiver };
  }
  const target = call.name === 'forward' ? call.receiver : unparen(call.callee);
  if (!target || (target.type !== 'identifier' && target.type !== 'attribute')) return undefined;
  const origin = model.originCall(target);
  if (origin?.qualified === 'transformers.pipeline') {
    const task = stringValue(model, model.arg(origin, 'task', 0));
    const framework = stringValue(model, origin.kwargs.get('framework'));
    if (!task || !EXPORTABLE_TASKS.test(task) || (framework !== undefined && framework !== 'pt') || origin.hasSplat) return undefined;
    return { kind: 'pipeline', target, task };
  }
  return isTorchModel(model, target) || evaluated(model, target) ? { kind: 'torch', target } : undefined;
}

const evaluatedCache = new WeakMap<ModuleModel, Set<string>>();

/** `.eval()` is called on the object somewhere in the file (`self.model.eval()` at startup): a PyTorch module. */
function evaluated(model: ModuleModel, target: SNode): boolean {
  let names = evaluatedCache.get(model);
  if (!names) {
    names = new Set(model.calls.filter((c) => c.name === 'eval' && c.args.length === 0 && c.kwargs.size === 0 && c.receiver !== undefined).map((c) => model.text(c.receiver!)));
    evaluatedCache.set(model, names);
  }
  return names.has(model.text(target));
}

/**
 * A TorchServe handler whose `self.model` is loaded by the base class: `BaseHandler.initialize`
 * may compile it or load an ONNX/TensorRT file, as the model archive's config says.
 */
function inheritedTorchServeModel(model: ModuleModel, target: SNode, fn: FunctionInfo): boolean {
  const cls = fn.cls;
  if (!cls || !cls.bases.some((b) => b.startsWith('ts.torch_handler.'))) return false;
  let root = unparen(target);
  while (root.type === 'attribute' && model.text(child(root, 'object') ?? root) !== 'self') root = unparen(child(root, 'object') ?? root);
  if (root.type !== 'attribute') return false;
  const name = model.text(root);
  return !model.functions.some((f) => f.cls === cls && new RegExp(`^\\s*${name.replace('.', '\\.')}\\s*=`, 'm').test(model.text(f.node)));
}

/** The serving function computes gradients (an attack, a saliency map, online learning). */
function needsGrad(model: ModuleModel, fn: FunctionInfo): boolean {
  const body = child(fn.node, 'body');
  if (!body) return false;
  for (const d of descendants(body)) {
    if (d.type !== 'call') continue;
    const c = model.callSite(d);
    // `optimizer.zero_grad()` beside a loss scaler that runs backward itself (`loss_scaler(loss, optimizer)`): training.
    if (c.name === 'backward' || c.name === 'zero_grad' || c.name === 'requires_grad_' || c.qualified === 'torch.autograd.grad' || c.qualified === 'torch.enable_grad') return true;
  }
  return false;
}

// FRG405: a model loaded for inference in full fp32 precision where half precision or
// quantisation is the usual choice: Hugging Face models served or evaluated on a CUDA GPU
// (Python), and transformers.js v3+ models loaded without `dtype` off the browser's WASM device.
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, type SNode, unparen } from '../../parse/syntax';
import { addImport, addKeyword, compact, localName } from '../fixes';
import { trainingFacts } from '../training/shared';
import { addOption, option, runtimeOf } from '../js/shared';
import type { JsModel } from '../../model/js-model';
import type { Rule } from '../rule';

/** transformers.js calls that load weights, and where their options object goes. */
function loaderOptionsAt(call: CallSite): number | undefined {
  if (call.qualified === 'transformers.pipeline') return 2;
  // Tokenizers, processors and configs have no weights.
  if (call.qualified?.startsWith('transformers.') && call.name === 'from_pretrained' && !/(Tokenizer|Processor|FeatureExtractor|Config)\.from_pretrained$/.test(call.qualified)) return 1;
  return undefined;
}

/** `@huggingface/transformers` is v3 and later; `@xenova/transformers` (v2) loads q8 weights by default. */
function v3(model: JsModel): boolean {
  return model.importRecords.some((r) => r.source === '@huggingface/transformers');
}

// ---- Python ----

const HALF_DTYPES = new Set(['torch.float16', 'torch.half', 'torch.bfloat16']);
const AUTOCAST = /^torch\.(amp\.|cuda\.amp\.)?autocast$|^torch\.amp\.autocast_mode\.autocast$/;
/** Quantisation and reduced-precision back-ends: a file that uses any of them has chosen its precision. */
const QUANTISING_MODULES = ['bitsandbytes', 'auto_gptq', 'gptqmodel', 'awq', 'optimum', 'torchao', 'hqq', 'quanto', 'optimum.quanto', 'llama_cpp', 'vllm', 'ctranslate2', 'onnxruntime', 'tensorrt', 'torch_tensorrt', 'deepspeed'];
/** Trainers: evaluation through them follows their own `fp16`/`bf16` arguments. */
const TRAINERS = /^(transformers\.(Trainer|Seq2SeqTrainer)|trl\.\w+Trainer|lightning\.(pytorch\.)?Trainer|accelerate\.Accelerator)$/;

const EXPORTS = /^torch\.(jit\.(trace|script|save)|onnx\.\w*export|export\.\w+|_export\.\w+|_inductor\.aot\w*)$/;

/** Weight-loading calls the fix can give `torch_dtype=`: `transformers.pipeline(...)` and `XxxModel.from_pretrained(...)`. */
function pythonLoad(model: ModuleModel, call: CallSite): 'pipeline' | 'model' | 'diffusers' | undefined {
  if (call.qualified === 'transformers.pipeline') return 'pipeline';
  if (call.name !== 'from_pretrained' || !call.receiver) return undefined;
  const owner = model.qualify(call.receiver);
  if (!owner) return undefined;
  if (/^(transformers|peft)\.(\w+)$/.test(owner)) {
    const cls = owner.slice(owner.indexOf('.') + 1);
    return /^(TF|Flax)|Tokenizer|Config|Processor|FeatureExtractor|ImageProcessor|Pipeline$/.test(cls) ? undefined : 'model';
  }
  // Diffusers pipelines and their components (UNet, VAE, ControlNet, transformer): all take `torch_dtype`.
  return /^diffusers\.\w+$/.test(owner) && !/Scheduler|Config|Processor|FeatureExtractor|Tokenizer/.test(owner) ? 'diffusers' : undefined;
}

function isHalf(model: ModuleModel, v: Value | undefined): boolean {
  if (!v) return false;
  const r = model.resolve(v);
  if (r.kind === 'name') return r.qualified !== undefined && HALF_DTYPES.has(r.qualified);
  return r.kind === 'string' && /^(float16|bfloat16|half|fp16|bf16)$/.test(r.value);
}

/** The checkpoint a load reads, when written as a string: `from_pretrained("id")`, `pipeline(task, model="id")`. */
function checkpointOf(model: ModuleModel, call: CallSite): string | undefined {
  const v = call.qualified === 'transformers.pipeline' ? (call.kwargs.get('model') ?? call.args[1]) : (call.args[0] ?? call.kwargs.get('pretrained_model_name_or_path'));
  const r = v && model.resolve(v);
  return r?.kind === 'string' ? r.value : undefined;
}

/** Checkpoints the file also loads in 16 bits: a full-precision load of one of them is a comparison (a baseline beside the half-precision version). */
function halfCheckpoints(model: ModuleModel): Set<string> {
  const out = new Set<string>();
  for (const c of model.calls) {
    if (!isHalf(model, c.kwargs.get('torch_dtype')) && !isHalf(model, c.kwargs.get('dtype'))) continue;
    const id = checkpointOf(model, c);
    if (id !== undefined) out.add(id);
  }
  return out;
}

/** The file lowers precision somewhere: 16-bit weights, autocast, or quantisation. */
function reducesPrecision(model: ModuleModel): boolean {
  if (QUANTISING_MODULES.some((m) => model.importsModule(m))) return true;
  for (const c of model.calls) {
    const q = c.qualified ?? '';
    if (AUTOCAST.test(q) || /^torch\.(ao\.)?quantization\./.test(q) || q === 'transformers.BitsAndBytesConfig' || /^transformers\.\w*(Gptq|Awq|Quanto|Hqq|TorchAo)Config$/i.test(q)) return true;
    if (c.receiver && (c.name === 'half' || c.name === 'bfloat16') && c.args.length === 0) return true;
    if (c.name === 'to' && c.receiver && [...c.args, c.kwargs.get('dtype')].some((v) => isHalf(model, v))) return true;
    if (q === 'torch.set_default_dtype' && isHalf(model, c.args[0])) return true;
    // Another load in 16 bits of a checkpoint that cannot be read: perhaps this one (a baseline shown before the half-precision version).
    if ((isHalf(model, c.kwargs.get('torch_dtype')) || isHalf(model, c.kwargs.get('dtype'))) && checkpointOf(model, c) === undefined) return true;
    for (const k of ['load_in_8bit', 'load_in_4bit', 'quantization_config', 'fp16', 'bf16', 'fp16_full_eval', 'bf16_full_eval', 'half']) {
      const v = c.kwargs.get(k);
      if (v && !(v.kind === 'bool' && !v.value) && v.kind !== 'none') return true;
    }
  }
  return false;
}

/** The file runs models for inference: a request handler, `.eval()`, `no_grad`/`inference_mode`, `generate`, or a pipeline. */
function runsInference(model: ModuleModel): boolean {
  // A diffusers pipeline outside training is there to generate.
  if (model.evidence.webFramework || model.importsModule('diffusers')) return true;
  return model.calls.some(
    (c) =>
      (c.name === 'eval' && c.receiver !== undefined && c.args.length === 0) ||
      c.name === 'generate' ||
      c.qualified === 'torch.no_grad' ||
      c.qualified === 'torch.inference_mode' ||
      c.qualified === 'transformers.pipeline',
  );
}

/** The loaded model ends up on a GPU: `device_map=`, a pipeline `device=` other than the CPU, or `.to(device)`/`.cuda()` on it. */
function onDevice(model: ModuleModel, call: CallSite, kind: 'pipeline' | 'model' | 'diffusers'): boolean {
  for (const key of ['device_map', 'device']) {
    const v = call.kwargs.get(key);
    if (!v) continue;
    const r = model.resolve(v);
    if ((r.kind === 'string' && /^(cpu|mps)$/.test(r.value)) || (r.kind === 'number' && r.value < 0)) return false;
    return true;
  }
  // `pipeline(...)` without `device` runs on the CPU unless the pipeline is moved later (rare).
  if (kind === 'pipeline') return false;
  let n: SNode = call.node;
  // `AutoModel.from_pretrained(id).to(device)` / `.cuda()` / `.eval().to(device)` in one chain.
  for (let p = n.parent; p && (p.type === 'attribute' || p.type === 'call'); p = p.parent) {
    if (p.type === 'call') {
      const c = model.callSite(p);
      if (c.name === 'cuda' || (c.name === 'to' && movesToDevice(model, c))) return true;
    }
    n = p;
  }
  const stmt = unparen(n).parent;
  const left = stmt?.type === 'assignment' ? stmt.children[0] : undefined;
  if (!left || (left.type !== 'identifier' && left.type !== 'attribute')) return false;
  const name = model.text(left);
  const value = stmt?.type === 'assignment' ? child(stmt, 'right') : undefined;
  return model.calls.some((c) => {
    if (!c.receiver || c.node.start < call.node.start || (c.name !== 'cuda' && !(c.name === 'to' && movesToDevice(model, c)))) return false;
    let r = unparen(c.receiver);
    while (r.type === 'call' && model.callSite(r).receiver) r = unparen(model.callSite(r).receiver!);
    // The same object: the name still holds this load there (a notebook may bind it again later).
    return model.text(r) === name && value !== undefined && model.originOf(name, r) === value;
  });
}

function movesToDevice(model: ModuleModel, c: CallSite): boolean {
  const first = c.args[0] ?? c.kwargs.get('device');
  if (!first) return false;
  const r = model.resolve(first);
  if (r.kind === 'string') return /^cuda/.test(r.value);
  if (r.kind === 'number') return true;
  if (r.kind === 'name') return !(r.qualified?.startsWith('torch.') && /float|half|int|bool|double|long/.test(r.qualified));
  return r.kind === 'call' || r.kind === 'unknown';
}

function fullPrecisionLoads(ctx: Parameters<Rule['create']>[0]): ReturnType<Rule['create']> {
  const { model } = ctx;
  if (!model.importsModule('transformers') && !model.importsModule('diffusers')) return {};
  if (!model.evidence.cuda || trainingFacts(model).trains || !runsInference(model) || reducesPrecision(model)) return {};
  if (model.calls.some((c) => c.qualified !== undefined && TRAINERS.test(c.qualified))) return {};
  // Export scripts (`save_pretrained`, TorchScript, ONNX, `torch.export`) prepare a model for another runtime: precision is chosen there.
  if (model.calls.some((c) => c.name === 'save_pretrained' || (c.qualified !== undefined && EXPORTS.test(c.qualified)))) return {};
  // Gradients through the model (adversarial attacks, saliency maps, probing with a backward pass) want fp32.
  // Captum's attributions take those gradients inside the library.
  if (model.importsModule('captum') || model.calls.some((c) => c.name === 'backward' || c.qualified === 'torch.autograd.grad' || c.name === 'requires_grad_')) return {};
  // A model moved to fp32 on purpose (`model.to(device, dtype=torch.float32)`): parity with a reference, say.
  const float32 = (v: Value | undefined) => {
    const r = v && model.resolve(v);
    return r?.kind === 'name' && r.qualified === 'torch.float32';
  };
  if (model.calls.some((c) => c.name === 'to' && c.receiver && [...c.args, c.kwargs.get('dtype')].some(float32))) return {};
  // A file that chooses how fp32 runs (TF32 matmuls on the Tensor Cores: a reference evaluation whose fp32 scores are the baseline).
  if (model.calls.some((c) => c.qualified === 'torch.set_float32_matmul_precision') || /\ballow_tf32\s*=\s*True\b/.test(model.file.text)) return {};
  const half = halfCheckpoints(model);
  return {
    call(call) {
      const kind = pythonLoad(model, call);
      if (!kind || call.hasSplat) return;
      if (call.kwargs.has('torch_dtype') || call.kwargs.has('dtype')) return;
      const id = checkpointOf(model, call);
      if (id === undefined ? half.size > 0 : half.has(id)) return;
      // `pipeline(..., model_kwargs={"torch_dtype": ...})` sets it one level down.
      const inner = call.kwargs.get('model_kwargs');
      if (inner && (inner.kind !== 'dict' || inner.entries.some((e) => e.key.kind === 'string' && /^(torch_)?dtype$|^load_in_\dbit$|^quantization_config$/.test(e.key.value)))) return;
      if (!onDevice(model, call, kind)) return;
      const torch = localName(model, 'torch');
      const edits = compact([addKeyword(model, call, 'torch_dtype', `${torch ?? 'torch'}.bfloat16`), torch ? null : addImport(model, 'import torch', 'torch', 'torch')]);
      ctx.report({
        node: call.callee,
        messageId: kind === 'pipeline' ? 'pythonPipeline' : kind === 'diffusers' ? 'diffusers' : 'python',
        data: { callee: model.text(call.callee).replace(/\s+/g, '') },
        fix: { edits, safety: 'unsafe', title: 'Load in bfloat16 (`torch_dtype=torch.bfloat16`)' },
      });
    },
  };
}

export const fullPrecisionInference: Rule = {
  meta: {
    code: 'FRG405',
    name: 'full-precision-inference',
    category: 'inference',
    severity: 'info',
    summary: 'Model loaded for inference in full fp32 precision where 16-bit or quantised weights are the usual choice (a Hugging Face model on a CUDA GPU; transformers.js without `dtype`)',
    messages: {
      python:
        '`{callee}(...)` loads the model for inference on a CUDA GPU without a dtype, so in fp32 (always with transformers 4; with 5, when the checkpoint is saved in fp32, as most encoders are): `torch_dtype=torch.bfloat16` (or `torch.float16` on pre-Ampere GPUs) halves its memory and the bytes read per token, and runs the matrix maths on Tensor Cores',
      diffusers:
        '`{callee}(...)` loads the diffusers model for inference on a CUDA GPU without a dtype, so in fp32: `torch_dtype=torch.float16` or `torch.bfloat16` halves its memory and runs the denoising maths on Tensor Cores (give every component of the pipeline the same dtype)',
      pythonPipeline:
        '`{callee}(...)` runs its model on a CUDA GPU without a dtype, so in fp32 (always with transformers 4; with 5, when the checkpoint is saved in fp32, as most encoders are): `torch_dtype=torch.bfloat16` (or `torch.float16` on pre-Ampere GPUs) halves its memory and the bytes read per token, and runs the matrix maths on Tensor Cores',
      node: '`{callee}` without `dtype` loads fp32 weights on the server-side CPU device (transformers.js v3 defaults to q8 only on the browser\'s WASM device): `dtype: \'q8\'` loads about a quarter of the bytes and usually runs faster, at a small accuracy cost',
      device: '`{callee}` on device `{device}` without `dtype` loads fp32 weights: a quantised (`q8`, `q4`) or half-precision (`fp16`) variant is the usual choice there',
    },
    fixTitle: "Load the weights in reduced precision (Python: `torch_dtype=torch.bfloat16`; transformers.js: `dtype: 'q8'`)",
    languages: ['python', 'notebook', 'typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Python: checks for Hugging Face models loaded for inference on a CUDA GPU without a reduced dtype — `XxxModel.from_pretrained(...)` (transformers and PEFT model classes, diffusers pipelines and their UNet/VAE/ControlNet components) or `transformers.pipeline(...)` with no `torch_dtype=`/`dtype=` — in a file that shows a CUDA device, runs the model for inference (a request handler, `.eval()`, `torch.no_grad()`/`torch.inference_mode()`, `generate`, a transformers or diffusers pipeline), and moves the model there (`device_map=`, a pipeline `device=` that is not the CPU, `.to(device)`/`.cuda()` on the loaded model). Nothing is reported for a checkpoint the file also loads with `torch_dtype=torch.float16`/`bfloat16` (a full-precision baseline beside it; when the checkpoint of a 16-bit load cannot be read, for any load), nor in a file that already lowers precision anywhere (`.half()`, `.bfloat16()`, `.to(torch.float16)`, `torch.autocast`, `torch.set_default_dtype(torch.float16)`, `load_in_8bit`/`load_in_4bit`, `quantization_config`/`BitsAndBytesConfig`, `quantize_dynamic`, GPTQ/AWQ/bitsandbytes/optimum/torchao imports, a `fp16=`/`bf16=`/`half=` option), in a script that exports or saves the model for another runtime (`save_pretrained`, `torch.jit.trace`/`script`/`save`, `torch.onnx.export`, `torch.export`, AOTInductor), in a training script (an optimisation step, `Trainer`, Lightning or Accelerate: training precision is FRG102\'s business), or where gradients flow through the model (`.backward()`, `torch.autograd.grad`, `requires_grad_`, Captum\'s attributions: saliency maps and attacks want fp32), or where the file moves a model to fp32 on purpose (`model.to(device, dtype=torch.float32)`) or chooses how fp32 matrix products run (`torch.set_float32_matmul_precision("high")`, `torch.backends.cuda.matmul.allow_tf32 = True`: TF32 on the Tensor Cores, as in reference evaluations whose fp32 scores are the baseline). An explicit `torch_dtype=torch.float32` is a choice and is left alone, as are TorchScript, torchvision and hand-written models (no dtype argument to add). With transformers 5 an unset dtype means the checkpoint\'s own dtype (`"auto"`): the finding then matters for checkpoints saved in fp32, which include most encoder models (BERT, RoBERTa, DistilBERT, T5); with transformers 4 it always means fp32.',
      whatItDoesTs:
        "Checks transformers.js v3 and later (`@huggingface/transformers`) for `pipeline(task, model)` and `*.from_pretrained(id)` calls with no `dtype` option where the library then loads fp32 weights: in a Node.js program (device `cpu`), or with a `device` other than `wasm` (`webgpu`, `cuda`, `dml`, …). In v3 only the browser's default `wasm` device defaults to `q8`, so a browser app on WASM without `dtype` is fine and is not reported; neither is `@xenova/transformers` (v2), whose `quantized: true` default already loads q8 weights, nor a call whose options come from elsewhere (`...opts`).",
      whyBad:
        'Python: a model in fp32 keeps twice the bytes of a 16-bit one in GPU memory and reads twice as many per token or batch; its matrix multiplications skip the Tensor Cores that run fp16/bf16 at several times the fp32 rate. Inference rarely needs fp32: models are usually trained in mixed precision and their outputs in bf16 or fp16 match to within noise for classification, embedding and generation. TypeScript/JavaScript: '
        + 'An fp32 ONNX export of a transformer is four times the size of its q8 variant: four times the download, the cache and the memory traffic on every token. On CPUs the int8 kernels are also faster; the accuracy lost by dynamic int8 quantisation is usually small for classification, embeddings and speech recognition.',
      evidence:
        'The 🤗 Diffusers documentation ("Speed up inference") measured Stable Diffusion (one 512×512 image, 50 DDIM steps, NVIDIA Titan RTX) at 9.50 s in fp32 and 3.61 s in fp16: 2.63× faster. transformers documents that `from_pretrained` loads fp32 unless `torch_dtype` is given (version 4; version 5 defaults to the checkpoint\'s dtype, huggingface/transformers#42805). For transformers.js: '
        + "The transformers.js documentation (\"Using quantized models (dtypes)\") lists the dtypes and its source maps defaults per device (`DEFAULT_DEVICE_DTYPE_MAPPING = { wasm: 'q8' }`, fp32 otherwise). ONNX Runtime's quantization guide reports int8 models at about a quarter of the size with 2–4× faster CPU inference on transformer models. No energy figure is measured for this rule.",
      example:
        'import torch\nfrom transformers import AutoModelForSequenceClassification\n\ndevice = "cuda"\nmodel = AutoModelForSequenceClassification.from_pretrained("my-org/review-classifier").to(device).eval()\n\n@torch.inference_mode()\ndef predict(batch):\n    return model(**batch.to(device)).logits.argmax(-1)',
      useInstead:
        'import torch\nfrom transformers import AutoModelForSequenceClassification\n\ndevice = "cuda"\nmodel = AutoModelForSequenceClassification.from_pretrained("my-org/review-classifier", torch_dtype=torch.bfloat16).to(device).eval()\n\n@torch.inference_mode()\ndef predict(batch):\n    return model(**batch.to(device)).logits.argmax(-1)',
      exampleTs: "import { pipeline } from '@huggingface/transformers';\n\nconst classify = await pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english');",
      useInsteadTs:
        "import { pipeline } from '@huggingface/transformers';\n\nconst classify = await pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', { dtype: 'q8' });",
      fixSafety:
        'Unsafe: the fix adds `torch_dtype=torch.bfloat16` to the load (and `import torch` when it is missing). Outputs change slightly; bf16 needs an Ampere or newer GPU (compute capability 8.0: A100, RTX 30xx and later) — on a V100 or T4 use `torch.float16`, which has a narrower range and can overflow in some models. Inputs you build yourself in fp32 (images, `inputs_embeds`) must be cast to the model\'s dtype. Compare the outputs on your data first.',
      fixSafetyTs:
        'Unsafe: quantised weights give slightly different outputs, and not every model repository publishes every dtype (the load fails if `model_quantized.onnx` is missing). Compare the outputs on your data, or benchmark both with `frugal bench`.',
    },
  },
  create: fullPrecisionLoads,
  createJs(ctx) {
    const { model } = ctx;
    if (!v3(model)) return {};
    const runtime = runtimeOf(model, ctx.path);
    return {
      call(call) {
        const at = loaderOptionsAt(call);
        if (at === undefined || call.hasSplat || call.kwargs.has('dtype') || call.args.length > at + 1) return;
        if (call.args.length === at + 1 && model.optionsNode(call) === undefined) return;
        const device = option(model, call, 'device');
        if (device !== undefined && device.kind !== 'string') return;
        const name = device?.value;
        if (name === 'wasm' || name === 'auto') return;
        if (name === undefined && runtime !== 'node') return;
        const edit = addOption(model, call, 'dtype', "'q8'", at);
        ctx.report({
          node: call.callee,
          messageId: name === undefined || name === 'cpu' ? 'node' : 'device',
          data: { callee: model.text(call.callee), device: name ?? 'cpu' },
          fix: edit ? { edits: [edit], safety: 'unsafe', title: name && name !== 'cpu' ? "Load quantised weights (`dtype: 'q8'`; consider `'fp16'` on a GPU)" : "Load quantised weights (`dtype: 'q8'`)" } : undefined,
        });
      },
    };
  },
};

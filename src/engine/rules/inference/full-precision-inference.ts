// FRG405: transformers.js v3+ loads full-precision fp32 weights when no `dtype` is given on any
// device but the browser's WASM one, where a quantised `q8` (or `q4`) variant is the usual choice.
import type { CallSite } from '../../model/model';
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

export const fullPrecisionInference: Rule = {
  meta: {
    code: 'FRG405',
    name: 'full-precision-inference',
    category: 'inference',
    severity: 'info',
    summary: 'transformers.js model loaded without `dtype` on a device where that means full-precision fp32 weights',
    messages: {
      node: '`{callee}` without `dtype` loads fp32 weights on the server-side CPU device (transformers.js v3 defaults to q8 only on the browser\'s WASM device): `dtype: \'q8\'` loads about a quarter of the bytes and usually runs faster, at a small accuracy cost',
      device: '`{callee}` on device `{device}` without `dtype` loads fp32 weights: a quantised (`q8`, `q4`) or half-precision (`fp16`) variant is the usual choice there',
    },
    fixTitle: "Load quantised weights (`dtype: 'q8'`)",
    languages: ['typescript', 'javascript'],
    docs: {
      whatItDoes:
        "Checks transformers.js v3 and later (`@huggingface/transformers`) for `pipeline(task, model)` and `*.from_pretrained(id)` calls with no `dtype` option where the library then loads fp32 weights: in a Node.js program (device `cpu`), or with a `device` other than `wasm` (`webgpu`, `cuda`, `dml`, …). In v3 only the browser's default `wasm` device defaults to `q8`, so a browser app on WASM without `dtype` is fine and is not reported; neither is `@xenova/transformers` (v2), whose `quantized: true` default already loads q8 weights, nor a call whose options come from elsewhere (`...opts`).",
      whyBad:
        'An fp32 ONNX export of a transformer is four times the size of its q8 variant: four times the download, the cache and the memory traffic on every token. On CPUs the int8 kernels are also faster; the accuracy lost by dynamic int8 quantisation is usually small for classification, embeddings and speech recognition.',
      evidence:
        "The transformers.js documentation (\"Using quantized models (dtypes)\") lists the dtypes and its source maps defaults per device (`DEFAULT_DEVICE_DTYPE_MAPPING = { wasm: 'q8' }`, fp32 otherwise). ONNX Runtime's quantization guide reports int8 models at about a quarter of the size with 2–4× faster CPU inference on transformer models. No energy figure is measured for this rule.",
      example: "import { pipeline } from '@huggingface/transformers';\n\nconst classify = await pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english');",
      useInstead:
        "import { pipeline } from '@huggingface/transformers';\n\nconst classify = await pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', { dtype: 'q8' });",
      fixSafety:
        'Unsafe: quantised weights give slightly different outputs, and not every model repository publishes every dtype (the load fails if `model_quantized.onnx` is missing). Compare the outputs on your data, or benchmark both with `frugal bench`.',
    },
  },
  create() {
    return {};
  },
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
          fix: edit ? { edits: [edit], safety: 'unsafe', title: name && name !== 'cpu' ? "Load quantised weights (`dtype: 'q8'`; consider `'fp16'` on a GPU)" : undefined } : undefined,
        });
      },
    };
  },
};

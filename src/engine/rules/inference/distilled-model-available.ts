// FRG409: a checkpoint loaded for inference or fine-tuning (`from_pretrained`, `pipeline`,
// `SentenceTransformer`, Whisper loaders) that has a published distilled sibling for the same task.
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, type SNode } from '../../parse/syntax';
import { replaceNode } from '../fixes';
import type { Rule } from '../rule';
import { type DistilledSibling, distilledSibling, WHISPER_LARGE_NAMES, WHISPER_SIBLING } from './distilled-models';
import { dataclassDefault, isTestModule } from './shared';

/** Loaders that read weights; tokenizers, configs and processors read no model. */
const NOT_A_MODEL = /(Tokenizer|TokenizerFast|Config|Configuration|Processor|FeatureExtractor|ImageProcessor)\w*\.from_pretrained$/;
/** Classes that load any architecture, so a sibling of another architecture loads too. */
const ANY_ARCHITECTURE = /^transformers\.(TF|Flax)?AutoModel\w*\.from_pretrained$/;
const DISTILBERT_CLASS = /^transformers\.(TF|Flax)?DistilBert\w*\.from_pretrained$/;
/** Names and wording of knowledge distillation: the large model is the teacher, or the file compares the two. */
const DISTILLATION = /distil|teacher(?!_?forc)/i;

interface Load {
  call: CallSite;
  /** The id as written: the string literal (or the default it falls back to). */
  literal: SNode;
  id: string;
  /** `whisper`: an openai-whisper name with no Hub id to swap in. */
  kind: 'transformers' | 'pipeline' | 'sentence-transformers' | 'whisper' | 'faster-whisper';
}

/** The string literal behind a value: itself, a name bound to one, or an argparse / parameter default. */
function literalOf(model: ModuleModel, v: Value | undefined): { node: SNode; value: string } | undefined {
  if (!v) return undefined;
  const r = model.resolve(v);
  if (r.kind === 'string') return { node: r.node, value: r.value };
  if (r.kind !== 'name') return undefined;
  const fallback = model.defaultOf(r.name, r.node) ?? dataclassDefault(model, r.name);
  const d = fallback && model.resolve(model.value(fallback));
  return d?.kind === 'string' ? { node: d.node, value: d.value } : undefined;
}

function loadOf(model: ModuleModel, call: CallSite): Load | undefined {
  if (call.hasSplat && call.args.length === 0) return undefined;
  const q = call.qualified ?? '';
  let kind: Load['kind'] | undefined;
  let v: Value | undefined;
  if (call.name === 'from_pretrained' && q.startsWith('transformers.') && !NOT_A_MODEL.test(q)) {
    kind = 'transformers';
    v = model.arg(call, 'pretrained_model_name_or_path', 0);
  } else if (q === 'transformers.pipeline') {
    kind = 'pipeline';
    v = model.arg(call, 'model', 1);
  } else if (q === 'sentence_transformers.SentenceTransformer') {
    kind = 'sentence-transformers';
    v = model.arg(call, 'model_name_or_path', 0);
  } else if (q === 'whisper.load_model') {
    kind = 'whisper';
    v = model.arg(call, 'name', 0);
  } else if (q === 'faster_whisper.WhisperModel') {
    kind = 'faster-whisper';
    v = model.arg(call, 'model_size_or_path', 0);
  }
  const lit = kind && literalOf(model, v);
  return kind && lit ? { call, literal: lit.node, id: lit.value, kind } : undefined;
}

function siblingOf(load: Load): DistilledSibling | undefined {
  if (load.kind === 'whisper' || load.kind === 'faster-whisper') return WHISPER_LARGE_NAMES.has(load.id.trim().toLowerCase()) ? WHISPER_SIBLING : undefined;
  return distilledSibling(load.id);
}

interface FileFacts {
  /** A string or name in the file speaks of distillation or a teacher. */
  distillation: boolean;
  /** A language other than English, a translation task, or a language the code does not show. */
  otherLanguage: boolean;
}

const ENGLISH = /^(en|english|<\|en\|>)$/i;

function fileFacts(model: ModuleModel): FileFacts {
  let distillation = false;
  for (const d of [...model.nodesOfType('identifier'), ...model.nodesOfType('string')]) {
    // Docstrings and other bare strings describe; names and values in use are what count.
    const used = d.type === 'identifier' || d.parent?.type !== 'expression_statement';
    if (used && DISTILLATION.test(model.text(d))) {
      distillation = true;
      break;
    }
  }
  // Speculative decoding pairs the large model with a small draft on purpose.
  if (model.calls.some((c) => c.kwargs.has('assistant_model'))) distillation = true;
  let otherLanguage = false;
  const check = (key: string, v: Value) => {
    if (key === 'language') {
      const r = model.resolve(v);
      if (r.kind !== 'string' || !ENGLISH.test(r.value)) otherLanguage = true;
    } else if (key === 'task') {
      const r = model.resolve(v);
      if (r.kind === 'string' && r.value === 'translate') otherLanguage = true;
    }
  };
  for (const c of model.calls) {
    for (const [k, v] of c.kwargs) {
      check(k, v);
      const r = model.resolve(v);
      if (r.kind === 'dict') for (const e of r.entries) if (e.key.kind === 'string') check(e.key.value, e.value);
    }
  }
  return { distillation, otherLanguage };
}

/** How the sibling is spelled in the fix: with the organisation when the original had one (`distilbert/...` is the Hub's current home). */
function replacement(load: Load, sibling: DistilledSibling): string | undefined {
  if (load.kind === 'whisper') return undefined;
  if (load.kind === 'faster-whisper') return 'distil-large-v3';
  return sibling.sibling;
}

/** The quote characters and prefix of a literal, kept by the fix. */
function requote(model: ModuleModel, literal: SNode, value: string): string | undefined {
  const m = /^([rRuU]?)("""|'''|"|')/.exec(model.text(literal));
  return m ? `${m[1]}${m[2]}${value}${m[2]}` : undefined;
}


/** Whether the file reads the weights of the model `load` makes: `m = X.from_pretrained(id)` then `m.state_dict()`, or `X.from_pretrained(id).state_dict()`. */
function weightsRead(model: ModuleModel, load: Load): boolean {
  const parent = load.call.node.parent;
  if (parent?.type === 'attribute' && /^\.(state_dict|named_parameters)$/.test(model.file.text.slice(load.call.node.end, parent.end).replace(/\s+/g, ''))) return true;
  const left = parent?.type === 'assignment' ? child(parent, 'left') : undefined;
  if (left?.type !== 'identifier') return false;
  const name = model.text(left);
  return model.calls.some((c) => (c.name === 'state_dict' || c.name === 'named_parameters') && c.receiver !== undefined && model.text(c.receiver) === name && c.node.start > load.call.node.end);
}

export const distilledModelAvailable: Rule = {
  meta: {
    code: 'FRG409',
    name: 'distilled-model-available',
    category: 'inference',
    severity: 'info',
    summary: 'Checkpoint with a published distilled or smaller sibling for the same task (bert → distilbert, whisper-large → distil-whisper, …)',
    messages: {
      default: '`{id}` has a distilled sibling for the same task, `{sibling}`: {figure} (source: {source})',
      otherClass: '`{id}` has a distilled sibling for the same task, `{sibling}`: {figure} (source: {source}); it needs `{auto}` or the `DistilBert*` classes instead of `{loader}`',
      whisper: 'Whisper `{id}` has a distilled English sibling, distil-large-v3 (loaded in openai-whisper from the `distil-whisper/distil-large-v3-openai` weights): {figure} (source: {source})',
    },
    fixTitle: 'Load the distilled sibling',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for checkpoint ids loaded as models — `transformers` `from_pretrained` (not tokenizers, configs or processors), `pipeline(task, model=…)`, `SentenceTransformer(…)`, openai-whisper `load_model(…)` and faster-whisper `WhisperModel(…)` — whose id is in a reviewed table of checkpoints with a published distilled or smaller sibling for the same task: ' +
        '`bert-base-(un)cased` and `bert-large-(un)cased` → `distilbert-base-(un)cased`, `bert-base-multilingual-cased` → `distilbert-base-multilingual-cased`, `bert-large-uncased-whole-word-masking-finetuned-squad` → `distilbert-base-uncased-distilled-squad`, `roberta-base` → `distilroberta-base`, `gpt2` (and `gpt2-medium`/`-large`) → `distilgpt2`, `facebook/bart-large-cnn` → `sshleifer/distilbart-cnn-12-6`, `facebook/bart-large-xsum` → `sshleifer/distilbart-xsum-12-6`, `openai/whisper-large(-v2/-v3)` → `distil-whisper/distil-large-v3`, `all-mpnet-base-v2` → `all-MiniLM-L6-v2`. ' +
        'The finding is on the id\'s string literal, wherever it is written (a constant, an argparse default). It is low confidence where the file loads two or more checkpoints written at the calls of one loader (a model class, or a pipeline task: summaries by T5, BART and PEGASUS side by side compare the models) or exports, quantises or benchmarks the model in another runtime (it imports ONNX Runtime, Optimum or OpenVINO, or calls `torch.onnx.export` or `torch.quantization.quantize_dynamic`: it is about this very model), or reads the loaded model\'s weights (`hf.state_dict()`, to copy them into a model of its own or to inspect them; then every load of that checkpoint in the file is low confidence): another checkpoint would change the question. Other checkpoints of these families (a model fine-tuned for NER or sentiment, for instance) are not in the table and are not flagged. ' +
        'An id used only to load a tokenizer is not flagged, and nothing is flagged in a file that speaks of distillation or a teacher model (the large model is the teacher, or it is compared with its student) or pairs the large model with a draft model for speculative decoding (`assistant_model=`). Whisper is flagged only when the file shows no language other than English and no translation task, since Distil-Whisper is English-only. Test modules are not checked, nor files that fine-tune with a PEFT adapter (they import `peft`): such a run studies its method on a standard backbone, and the adapter\'s `target_modules` name that backbone\'s layers, which the sibling names otherwise.',
      whyBad:
        'A distilled model is trained to reproduce its teacher\'s outputs with fewer layers: it keeps most of the quality for the same task at a fraction of the compute, so every prediction (and every fine-tuning step) costs less energy, memory and time. Where the small model is good enough for the task, the large one spends the difference for nothing.',
      evidence:
        'DistilBERT (Sanh et al., arXiv 1910.01108): 40 % fewer parameters and 60 % faster than BERT-base while keeping 97 % of its language-understanding score on GLUE. Distil-Whisper (Gandhi et al., arXiv 2311.00430; distil-large-v3 model card): 756M parameters against 1550M, 6.3× faster, within about 1 % WER of Whisper large-v3 on out-of-distribution English sets. ' +
        'DistilRoBERTa and DistilGPT2 model cards: 82M parameters against 125M and 124M, on average twice as fast. DistilBART-CNN-12-6 model card: 306M parameters against 406M, 1.24× faster with the same ROUGE. Sentence Transformers documentation: all-MiniLM-L6-v2 is 5 times faster than all-mpnet-base-v2 and still offers good quality.',
      example: 'classifier = pipeline("sentiment-analysis", model="bert-base-uncased")\nmodel = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)',
      useInstead: 'model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=2)',
      fixSafety:
        'Unsafe: the fix replaces the id with the sibling\'s, which changes the model, its accuracy and its outputs; the sibling needs evaluating on the task before it replaces the original. A DistilBERT sibling loads only through the `Auto*` classes or `pipeline` (or the `DistilBert*` classes), takes no `token_type_ids` and has 6 layers, so code that indexes hidden layers or passes segment ids needs changes; no fix is offered where the id is loaded with a `Bert*` class. Sentence-embedding siblings produce vectors of another size, so a stored index must be rebuilt. No fix is offered for openai-whisper\'s `load_model`, which loads Distil-Whisper from a downloaded file rather than a name.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    const libraries = ['transformers', 'sentence_transformers', 'whisper', 'faster_whisper'];
    if (!libraries.some((m) => model.importsModule(m))) return {};
    if (isTestModule(model, ctx.path)) return {};
    // A parameter-efficient fine-tune studies its method on a standard backbone, and its adapters'
    // `target_modules` name that backbone's layers (DistilBERT's are named otherwise).
    if (model.importsModule('peft')) return {};
    const loads: Load[] = [];
    // The checkpoints loaded by each loader (a model class, or a pipeline's task).
    const byLoader = new Map<string, Set<string>>();
    return {
      call(call) {
        const load = loadOf(model, call);
        const loader = load && (load.call.qualified ?? model.text(load.call.callee));
        // Ids written at the call: a default read from argparse or a constant is one configurable choice.
        const written = load && load.literal.start >= load.call.node.start && load.literal.end <= load.call.node.end;
        if (load && loader && written && !/tokeni[sz]er|processor|config/i.test(loader)) {
          const task = load.kind === 'pipeline' ? literalOf(model, load.call.args[0] ?? load.call.kwargs.get('task'))?.value : undefined;
          const key = `${loader} ${task ?? ''}`;
          byLoader.set(key, new Set([...(byLoader.get(key) ?? []), load.id]));
        }
        if (load && siblingOf(load)) loads.push(load);
      },
      end() {
        if (loads.length === 0) return;
        const facts = fileFacts(model);
        if (facts.distillation) return;
        // Several models loaded the same way are compared side by side (summaries by T5, BART and PEGASUS),
        // and a benchmark against ONNX Runtime measures this very model: another checkpoint would change the question.
        const compared = [...byLoader.values()].some((ids) => ids.size >= 2);
        // Exporting, converting or quantising this checkpoint (`torch.onnx.export`, `quantize_dynamic`, Optimum, OpenVINO) is the file's purpose.
        const exported = model.importsModule('onnxruntime') || model.importsModule('optimum') || model.importsModule('openvino') || model.calls.some((c) => /^torch\.(onnx\.(export|dynamo_export)|(ao\.)?quantization\.quantize_\w+)$/.test(c.qualified ?? ''));
        const fileWhy = compared ? 'the file loads several models, perhaps to compare them' : exported ? 'the file exports, quantises or benchmarks this model in another runtime' : undefined;
        const byLiteral = new Map<SNode, Load[]>();
        // Checkpoints whose weights the file reads somewhere (a notebook loads `gpt2` to print its state_dict, then again to sample from it).
        const studied = new Set(loads.filter((l) => weightsRead(model, l)).map((l) => l.id));
        for (const l of loads) byLiteral.set(l.literal, [...(byLiteral.get(l.literal) ?? []), l]);
        for (const [literal, group] of byLiteral) {
          const first = group[0];
          const sibling = siblingOf(first)!;
          if (sibling.englishOnly && facts.otherLanguage) continue;
          // The file reads this model's weights (`hf_model.state_dict()`, to copy them into a model of its own or to inspect them): it is about this checkpoint.
          const why = studied.has(first.id) ? 'the file reads this model\'s weights (its state_dict), so it is about this very checkpoint' : fileWhy;
          const data = { id: first.id, sibling: sibling.sibling, figure: sibling.figure, source: sibling.source };
          if (first.kind === 'whisper') {
            ctx.report({ node: literal, messageId: 'whisper', data, confidence: why ? 'low' : undefined, why });
            continue;
          }
          const wrongClass =
            sibling.architecture === 'distilbert'
              ? group.find((l) => l.kind === 'transformers' && !ANY_ARCHITECTURE.test(l.call.qualified ?? '') && !DISTILBERT_CLASS.test(l.call.qualified ?? ''))
              : undefined;
          const text = replacement(first, sibling);
          const quoted = text && requote(model, literal, text);
          if (wrongClass) {
            const loader = model.text(wrongClass.call.callee).replace(/\.from_pretrained$/, '');
            ctx.report({ node: literal, messageId: 'otherClass', data: { ...data, loader, auto: 'AutoModel…' }, confidence: why ? 'low' : undefined, why });
            continue;
          }
          ctx.report({ node: literal, data, fix: quoted ? { safety: 'unsafe', edits: [replaceNode(literal, quoted)] } : undefined, confidence: why ? 'low' : undefined, why });
        }
      },
    };
  },
};

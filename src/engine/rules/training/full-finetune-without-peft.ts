// FRG112: a pretrained model of a billion parameters or more trained with all its weights (a
// Hugging Face or TRL trainer, Lightning, or a hand-written loop) with no adapter and no frozen base.
import { type CallSite, contains, type ModuleModel } from '../../model/model';
import { stringOf, type Value } from '../../model/values';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { checkpointParameters, formatParameters, LARGE_MODEL_PARAMETERS } from './llm-sizes';
import { isStepCall } from './shared';
import { usesOf } from './training-apis';
import { dataclassDefault, isTestModule } from '../inference/shared';

const HF_TRAINERS = new Set([
  'transformers.Trainer',
  'transformers.Seq2SeqTrainer',
  'transformers.trainer.Trainer',
  'transformers.trainer_seq2seq.Seq2SeqTrainer',
  'trl.SFTTrainer',
  'trl.DPOTrainer',
  'trl.ORPOTrainer',
  'trl.KTOTrainer',
  'trl.CPOTrainer',
  'trl.GRPOTrainer',
  'trl.RewardTrainer',
  'trl.RLOOTrainer',
  'trl.OnlineDPOTrainer',
  'trl.NashMDTrainer',
  'trl.XPOTrainer',
]);
const LIGHTNING_TRAINERS = new Set(['lightning.Trainer', 'lightning.trainer.Trainer', 'lightning.trainer.trainer.Trainer']);
/** Methods that start training on a trainer object. */
const TRAIN_METHODS = new Set(['train', 'fit']);
/** Calls that add an adapter, prepare a quantised model for adapter training, or freeze weights. */
const ADAPTER_CALLS = /^(get_peft_model|prepare_model_for_kbit_training|prepare_model_for_int8_training|add_adapter|load_adapter|set_adapter|get_peft_config|LoraConfig|freeze(?!_support)\w*|\w+_freeze\w*)$/;
/** Loading keywords that quantise the weights: a quantised model cannot be trained in full. */
const QUANTISED = new Set(['quantization_config', 'load_in_8bit', 'load_in_4bit']);
/** Trainer optimizers that project or slice the gradients of a full model (GaLore, APOLLO, LOMO, BAdam): memory-efficient already. */
const MEMORY_EFFICIENT_OPTIMIZERS = /galore|apollo|lomo|badam/i;
/** Libraries that wrap adapter training themselves. */
const ADAPTER_LIBRARIES = ['peft', 'unsloth', 'adapters', 'loralib', 'bitsandbytes'];

interface Loaded {
  call: CallSite;
  id: string;
  params: number;
}

interface FileFacts {
  /** An adapter, adapter library, frozen parameter or quantised load somewhere in the file. */
  partial: boolean;
}

const factsCache = new WeakMap<ModuleModel, FileFacts>();

function fileFacts(model: ModuleModel): FileFacts {
  let facts = factsCache.get(model);
  if (facts) return facts;
  let partial = ADAPTER_LIBRARIES.some((m) => model.importsModule(m));
  for (const c of model.calls) {
    if (partial) break;
    if (ADAPTER_CALLS.test(c.name)) partial = true;
    else if (c.name === 'requires_grad_' && c.args[0]?.kind === 'bool' && !c.args[0].value) partial = true;
    else if (c.kwargs.has('peft_config') && c.kwargs.get('peft_config')!.kind !== 'none') partial = true;
    else if (c.kwargs.has('optim_target_modules') || MEMORY_EFFICIENT_OPTIMIZERS.test(stringOf(c.kwargs.get('optim')) ?? '')) partial = true;
  }
  if (!partial) {
    for (const d of model.nodesOfType('assignment')) {
      const left = child(d, 'left');
      const right = child(d, 'right');
      if (left?.type === 'attribute' && /\.requires_grad$/.test(model.text(left)) && right?.type === 'false') {
        partial = true;
        break;
      }
    }
  }
  facts = { partial };
  factsCache.set(model, facts);
  return facts;
}

/** A checkpoint id: a literal, a name bound to one, or an argparse / parameter default. */
function idOf(model: ModuleModel, v: Value | undefined): string | undefined {
  if (!v) return undefined;
  const r = model.resolve(v);
  if (r.kind === 'string') return r.value;
  if (r.kind !== 'name') return undefined;
  const fallback = model.defaultOf(r.name, r.node) ?? dataclassDefault(model, r.name);
  const d = fallback && model.resolve(model.value(fallback));
  return d?.kind === 'string' ? d.value : undefined;
}

const RETURNS_SELF = new Set(['to', 'cuda', 'train', 'float', 'bfloat16', 'half']);

/** The `from_pretrained` call behind a model expression, seeing through `.to()`, `.cuda()`, `.train()`. */
function loadOf(model: ModuleModel, node: SNode | undefined): Loaded | undefined {
  let call = model.originCall(node);
  for (let i = 0; call && i < 6 && call.receiver && RETURNS_SELF.has(call.name); i++) call = model.originCall(call.receiver);
  if (!call || call.name !== 'from_pretrained' || !call.receiver || call.hasSplat) return undefined;
  const owner = call.qualified ?? '';
  if (!owner.startsWith('transformers.') || /(Tokenizer|Config|Processor|FeatureExtractor)\w*\.from_pretrained$/.test(owner) || /\.(TF|Flax)\w+\.from_pretrained$/.test(owner)) {
    return undefined;
  }
  if ([...call.kwargs.keys()].some((k) => QUANTISED.has(k))) return undefined;
  const id = idOf(model, model.arg(call, 'pretrained_model_name_or_path', 0));
  const params = id === undefined ? undefined : checkpointParameters(id);
  return id !== undefined && params !== undefined ? { call, id, params } : undefined;
}

/** A model given to a trainer: a loaded model, or (TRL) a checkpoint id the trainer loads itself. */
function trainedModel(model: ModuleModel, v: Value | undefined, trl: boolean): Loaded | { id: string; params: number } | undefined {
  if (!v) return undefined;
  if (trl) {
    const r = model.resolve(v);
    if (r.kind === 'string') {
      const params = checkpointParameters(r.value);
      return params === undefined ? undefined : { id: r.value, params };
    }
  }
  return loadOf(model, v.node);
}

function trainerKind(model: ModuleModel, call: CallSite): 'hf' | 'lightning' | undefined {
  const q = call.qualified;
  if (q && HF_TRAINERS.has(q)) return 'hf';
  if (q && LIGHTNING_TRAINERS.has(q)) return 'lightning';
  const callee = unparen(call.callee);
  if (q || callee.type !== 'identifier') return undefined;
  const bases = model.classes.get(model.text(callee))?.bases ?? [];
  if (bases.some((b) => HF_TRAINERS.has(b))) return 'hf';
  return undefined;
}

/** The trainer object is trained in this file: `trainer.train()` (or Lightning `trainer.fit(module)`). */
function trainCalls(model: ModuleModel, trainer: CallSite): CallSite[] {
  return usesOf(model, trainer).methods.filter((m) => TRAIN_METHODS.has(m.name));
}

/** A large model loaded inside a LightningModule's class body (`self.model = AutoModel.from_pretrained(...)`). */
function lightningModel(model: ModuleModel, fit: CallSite): Loaded | undefined {
  const module = model.arg(fit, 'model', 0);
  const types = module ? model.typesOf(module.node) : [];
  const cls = types.length > 0 ? model.classes.get(types[0]) : undefined;
  if (!cls || !cls.bases.includes('lightning.LightningModule')) return undefined;
  for (const c of model.calls) {
    if (c.name !== 'from_pretrained' || !contains(cls.node, c.node)) continue;
    const loaded = loadOf(model, c.node);
    if (loaded && loaded.params >= LARGE_MODEL_PARAMETERS) return loaded;
  }
  return undefined;
}

/** Optimizers over a model's parameters: `AdamW(model.parameters())`, parameter groups from `model.named_parameters()`. */
function optimizedModels(model: ModuleModel): Loaded[] {
  const out: Loaded[] = [];
  for (const c of model.calls) {
    const q = c.qualified ?? '';
    const optimizer = (q.startsWith('torch.optim.') && !q.startsWith('torch.optim.lr_scheduler.')) || q === 'transformers.AdamW' || q.startsWith('bitsandbytes.optim.');
    if (!optimizer || c.args.length === 0) continue;
    const first = c.args[0];
    const origin = first.kind === 'name' ? model.originOf(first.name, first.node) : first.node;
    if (!origin) continue;
    for (const d of [origin, ...descendants(origin)]) {
      if (d.type !== 'call') continue;
      const p = model.callSite(d);
      if ((p.name !== 'parameters' && p.name !== 'named_parameters') || !p.receiver) continue;
      const loaded = loadOf(model, p.receiver);
      if (loaded) out.push(loaded);
    }
  }
  return out;
}


export const fullFinetuneWithoutPeft: Rule = {
  meta: {
    code: 'FRG112',
    name: 'full-finetune-without-peft',
    category: 'training',
    severity: 'warning',
    summary: 'A pretrained model of 1B parameters or more fine-tuned with all its weights, with no LoRA/PEFT adapter and no frozen base',
    messages: {
      trainer:
        '`{trainer}` fine-tunes all {params} parameters of `{id}`: a LoRA adapter (`peft.LoraConfig` + `get_peft_model`, or `peft_config=` for TRL) trains well under 1 % of them, with a fraction of the optimizer memory',
      loop: 'This loop updates all {params} parameters of `{id}`: a LoRA adapter (`peft.LoraConfig` + `get_peft_model`) trains well under 1 % of them, with a fraction of the optimizer memory',
    },
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for fine-tuning of a pretrained model with at least 1B parameters in which every weight is trained: a Hugging Face `Trainer`/`Seq2SeqTrainer` or TRL trainer (`SFTTrainer`, `DPOTrainer`, `ORPOTrainer`, `KTOTrainer`, `CPOTrainer`, `GRPOTrainer`, …, or a subclass) whose `model` is a `transformers` `from_pretrained` load (or, for TRL, a checkpoint id) and that is then trained (`trainer.train()`); a Lightning `Trainer` that fits a `LightningModule` loading such a model; and a hand-written loop (`loss.backward()`) whose optimizer takes the parameters of such a model (`AdamW(model.parameters())`, parameter groups from `model.named_parameters()`). ' +
        'The size is read from the checkpoint id, for known families only (Llama, Mistral/Mixtral, Qwen, Gemma, Phi, Falcon, GPT-J, GPT-NeoX/Pythia, GPT-Neo, OPT, BLOOM, StarCoder, T5/mT5/Flan-T5 XL and XXL, TinyLlama, Yi, DeepSeek, InternLM, StableLM, SmolLM, OLMo, MPT, CodeGen, …): the size the id spells (`-7b`, `-1.3b`, `-410m`, `7b1`, `-xl`), or a reviewed table for ids that do not spell it (`phi-2`, `Phi-3-mini-4k-instruct`, `starcoder`, `gpt2-xl`, `T0pp`). ' +
        'Nothing is reported when the id is not visible (read from the command line without a default, a local path) or the family is unknown, below 1B (`gpt2`, `t5-base`, `Qwen2-0.5B`, `pythia-410m`), or when the file uses adapters or freezes weights anywhere: it imports `peft`, `unsloth`, `adapters`, `loralib` or `bitsandbytes`, calls `get_peft_model`, `LoraConfig`, `prepare_model_for_kbit_training`, `add_adapter`, a `freeze…` helper or `requires_grad_(False)`, assigns `….requires_grad = False`, passes a `peft_config=`, trains with a gradient-projecting optimizer (`optim="galore_adamw"` and other GaLore, APOLLO, LOMO or BAdam settings, or `optim_target_modules`), or loads the model quantised (`quantization_config`, `load_in_4bit`/`load_in_8bit`), which cannot be trained in full. Test modules are not checked.',
      whyBad:
        'Full fine-tuning keeps a gradient and two Adam moments for every weight: about 16 bytes per parameter in mixed precision, so over 100 GB for a 7B model before activations, which needs several large GPUs (or DeepSpeed/FSDP offloading) and a full-size checkpoint per run. ' +
        'LoRA freezes the pretrained weights and trains small low-rank matrices beside them, usually well under 1 % of the parameters, so the optimizer state, the gradients and the saved adapter shrink by the same factor, and one GPU often suffices. For most instruction-tuning and domain-adaptation tasks the quality is on par with full fine-tuning.',
      evidence:
        'Hu et al., "LoRA: Low-Rank Adaptation of Large Language Models" (arXiv 2106.09685): compared with GPT-3 175B fine-tuned with Adam, LoRA reduces the trainable parameters 10,000 times and the GPU memory requirement 3 times, with on-par or better quality on RoBERTa, DeBERTa, GPT-2 and GPT-3 and a higher training throughput. ' +
        'Smaller models gain less in proportion, but the optimizer state of a 7B model alone (two fp32 moments, 56 GB) is what LoRA removes.',
      example:
        'model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")\ntrainer = SFTTrainer(model=model, args=SFTConfig(output_dir="out"), train_dataset=ds)\ntrainer.train()',
      useInstead:
        'from peft import LoraConfig\n\nmodel = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")\npeft_config = LoraConfig(r=16, lora_alpha=32, target_modules="all-linear", task_type="CAUSAL_LM")\ntrainer = SFTTrainer(model=model, args=SFTConfig(output_dir="out"), train_dataset=ds, peft_config=peft_config)\ntrainer.train()',
      fixSafety:
        'No fix is offered. Switching to an adapter changes what is trained and what is saved (an adapter to load on top of the base model, or to merge), usually needs a higher learning rate, and asks for choices the code cannot show: the rank, the target modules, and whether to quantise the base (QLoRA). Some tasks (continued pre-training on a new language or domain) do need full fine-tuning.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    if (!model.importsModule('transformers') && !model.importsModule('trl')) return {};
    if (isTestModule(model, ctx.path)) return {};
    const facts = () => fileFacts(model);
    const reportTrainer = (call: CallSite, trained: { id: string; params: number }) => {
      ctx.report({
        node: call.callee,
        messageId: 'trainer',
        data: { trainer: model.text(call.callee), id: trained.id, params: formatParameters(trained.params) },
      });
    };
    return {
      call(call) {
        const kind = trainerKind(model, call);
        if (!kind || call.hasSplat) return;
        const trains = trainCalls(model, call);
        if (trains.length === 0) return;
        if (kind === 'hf') {
          const trl = (call.qualified ?? '').startsWith('trl.');
          const trained = trainedModel(model, model.arg(call, 'model', 0), trl);
          if (!trained || trained.params < LARGE_MODEL_PARAMETERS) return;
          if (facts().partial) return;
          reportTrainer(call, trained);
          return;
        }
        for (const fit of trains) {
          const trained = fit.name === 'fit' ? lightningModel(model, fit) : undefined;
          if (!trained || facts().partial) continue;
          reportTrainer(call, trained);
          return;
        }
      },
      end() {
        if (!model.importsModule('torch')) return;
        const large = optimizedModels(model).filter((l) => l.params >= LARGE_MODEL_PARAMETERS);
        if (large.length === 0 || facts().partial) return;
        const backward = model.calls.find((c) => c.name === 'backward' && isStepCall(model, c) && model.context(c.node).loops.length > 0);
        if (!backward) return;
        const first = large[0];
        ctx.report({ node: backward.node, messageId: 'loop', data: { id: first.id, params: formatParameters(first.params) } });
      },
    };
  },
};

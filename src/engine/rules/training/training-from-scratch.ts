// FRG104: architectures that have pretrained weights built with random initialisation
// (torchvision, Keras applications, timm, Hugging Face `from_config`), then trained from scratch.
import path from 'node:path';
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, type SNode, unparen } from '../../parse/syntax';
import { replaceNode, setKeyword } from '../fixes';
import type { OffsetEdit, Rule, RuleContext } from '../rule';
import { guardsOf, trainingFacts } from './shared';
import { boolValue, lastSegment, numberValue, rootObject, stringValue } from './training-apis';

/** torchvision.models functions that are not model builders. */
const TORCHVISION_UTILITIES = new Set(['get_model_weights', 'get_weight', 'list_models', 'get_model_builder']);
const TORCHVISION_NON_BUILDER_MODULES = new Set(['feature_extraction', '_utils', 'backbone_utils', 'utils', '_api']);
/** Detection and segmentation builders: their backbone is ImageNet-pretrained unless told otherwise. */
const BACKBONE_MODEL = /rcnn|retinanet|ssd|fcos|keypoint|deeplab|fcn_|lraspp/;
/** Keyword arguments that pretrained weights accept unchanged. */
const WEIGHT_COMPATIBLE = new Set(['weights', 'pretrained', 'progress']);
/** Config settings that keep a Hugging Face architecture identical to its checkpoint's. */
const HF_HEAD_SETTINGS = new Set([
  'num_labels',
  'id2label',
  'label2id',
  'problem_type',
  'finetuning_task',
  'trust_remote_code',
  'revision',
  'cache_dir',
  'token',
  'use_auth_token',
  'local_files_only',
  'hidden_dropout_prob',
  'attention_probs_dropout_prob',
  'dropout',
  'attention_dropout',
  'classifier_dropout',
  'pad_token_id',
  'output_hidden_states',
  'output_attentions',
  'torch_dtype',
]);
const LOADS_WEIGHTS = /load/i;

/** Weights loaded into the built model later (`model.load_state_dict(...)`, `load_checkpoint(model, ...)`). */
function weightsLoaded(model: ModuleModel, ctor: CallSite): boolean {
  const owner = model.context(ctor.node).cls;
  const isCtor = (node: SNode) => {
    const origin = model.originCall(node);
    if (!origin) return false;
    if (origin.node === ctor.node) return true;
    // Built inside a class (a backbone in `__init__`): loading into an instance of that class counts.
    return owner !== undefined && model.typesOf(node).includes(owner.name);
  };
  // The name it is assigned to, for loads after it in the same scope whatever else that name is
  // bound to: `model = resnet18(...)` in one branch and `resnet50(...)` in the other, `try`/`except` builds.
  const name = assignedName(model, ctor);
  const scope = model.context(ctor.node).func;
  const namesBuild = (node: SNode) => name !== undefined && model.text(node) === name;
  return model.calls.some(
    (c) =>
      LOADS_WEIGHTS.test(c.name) &&
      ((c.receiver !== undefined && isCtor(rootObject(model, c.receiver))) ||
        c.args.some((a) => (a.kind === 'name' || a.kind === 'call') && isCtor(a.node)) ||
        (c.node.start > ctor.node.end &&
          model.context(c.node).func === scope &&
          ((c.receiver !== undefined && namesBuild(rootObject(model, c.receiver))) || c.args.some((a) => namesBuild(unparen(a.node)))))),
  );
}

/** The variable a build is assigned to, through a chain on it: `model = resnet18(...).to(device)` → `model`. */
function assignedName(model: ModuleModel, ctor: CallSite): string | undefined {
  let n = ctor.node;
  while (n.parent && ((n.parent.type === 'attribute' && child(n.parent, 'object') === n) || (n.parent.type === 'call' && child(n.parent, 'function') === n))) n = n.parent;
  const assignment = n.parent;
  if (assignment?.type !== 'assignment' || child(assignment, 'right') !== n) return undefined;
  const left = child(assignment, 'left');
  return left && (left.type === 'identifier' || left.type === 'attribute') ? model.text(left) : undefined;
}

function keywordNode(v: Value) {
  return v.node.parent?.type === 'keyword_argument' ? v.node.parent : v.node;
}

function isNone(model: ModuleModel, v: Value | undefined): boolean {
  return v !== undefined && model.resolve(v).kind === 'none';
}

// ---- torchvision ----

interface TorchvisionBuilder {
  name: string;
  /** Detection/segmentation: pretrained backbone by default. */
  backbone: boolean;
  /** `get_model("resnet50", ...)`: the name is the first argument. */
  generic: boolean;
}

function torchvisionBuilder(model: ModuleModel, call: CallSite): TorchvisionBuilder | undefined {
  const q = call.qualified;
  if (!q?.startsWith('torchvision.models.')) return undefined;
  const parts = q.slice('torchvision.models.'.length).split('.');
  const name = parts[parts.length - 1];
  if (!/^[a-z][a-z0-9_]*$/.test(name) || TORCHVISION_UTILITIES.has(name) || parts.some((p) => TORCHVISION_NON_BUILDER_MODULES.has(p))) return undefined;
  if (name === 'get_model') {
    const arch = stringValue(model, model.arg(call, 'name', 0));
    return arch === undefined ? undefined : { name: arch, backbone: BACKBONE_MODEL.test(arch), generic: true };
  }
  return { name, backbone: parts.includes('detection') || parts.includes('segmentation'), generic: false };
}

function checkTorchvision(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  const builder = torchvisionBuilder(model, call);
  if (!builder || call.hasSplat) return;
  const weights = call.kwargs.get('weights');
  const pretrained = call.kwargs.get('pretrained') ?? (builder.generic ? undefined : call.args[0]);
  const pretrainedOff = pretrained !== undefined && boolValue(model, pretrained) === false;
  const weightsOff = isNone(model, weights);
  if (builder.backbone) {
    // The whole network and its backbone must be random for the run to start from scratch.
    const backbone = call.kwargs.get('weights_backbone') ?? call.kwargs.get('pretrained_backbone');
    const backboneOff = backbone !== undefined && (isNone(model, backbone) || boolValue(model, backbone) === false);
    if (!backboneOff || (weights && !weightsOff) || (pretrained && !pretrainedOff) || weightsLoaded(model, call)) return;
    const edit = replaceNode(keywordNode(backbone), 'weights_backbone="DEFAULT"');
    ctx.report({
      node: call.callee,
      messageId: 'torchvisionBackbone',
      data: { model: builder.name, argument: model.text(keywordNode(backbone)) },
      fix: { edits: [edit], safety: 'unsafe', title: 'Use the pretrained backbone (`weights_backbone="DEFAULT"`)' },
    });
    return;
  }
  if (!(weightsOff || pretrainedOff) || weightsLoaded(model, call)) return;
  const classes = call.kwargs.get('num_classes');
  if (classes && numberValue(model, classes) !== 1000) {
    ctx.report({ node: call.callee, messageId: 'torchvisionClasses', data: { model: builder.name, classes: model.text(classes.node) } });
    return;
  }
  const extra = [...call.kwargs.keys()].some((k) => !WEIGHT_COMPATIBLE.has(k) && k !== 'num_classes') || call.args.length > (builder.generic ? 1 : pretrained === call.args[0] ? 1 : 0);
  const target = weightsOff ? weights! : pretrained!;
  const edit = replaceNode(keywordNode(target), 'weights="DEFAULT"');
  ctx.report({
    node: call.callee,
    messageId: 'torchvision',
    data: { model: builder.name, argument: target === call.args[0] ? 'pretrained=False' : model.text(keywordNode(target)) },
    fix: extra ? undefined : { edits: [edit], safety: 'unsafe', title: 'Start from the pretrained weights (`weights="DEFAULT"`)' },
  });
}

// ---- Keras applications ----

function channels(model: ModuleModel, shape: Value | undefined): number | undefined {
  if (!shape) return undefined;
  const r = model.resolve(shape);
  if (r.kind !== 'list' || r.items.length !== 3) return undefined;
  const first = numberValue(model, r.items[0]);
  const last = numberValue(model, r.items[2]);
  return last === 3 || first === 3 ? 3 : last;
}

function checkKerasApplication(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  const q = call.qualified;
  if (!q?.startsWith('keras.applications.') || !/^[A-Z]/.test(lastSegment(q)) || call.hasSplat || call.args.length > 1) return;
  const weights = model.arg(call, 'weights', 1);
  if (!isNone(model, weights) || weightsLoaded(model, call)) return;
  const shape = model.arg(call, 'input_shape', 3);
  const shapeChannels = channels(model, shape);
  // ImageNet weights need 3-channel input: other inputs can't take them as they are.
  if (shapeChannels !== undefined && shapeChannels !== 3) return;
  const name = lastSegment(q);
  const top = model.arg(call, 'include_top', 0);
  const includeTop = top ? boolValue(model, top) : true;
  const classes = call.kwargs.get('classes');
  if (includeTop && classes && numberValue(model, classes) !== 1000) {
    ctx.report({ node: call.callee, messageId: 'kerasClasses', data: { model: name, classes: model.text(classes.node) } });
    return;
  }
  // With the top, ImageNet weights fix the input size; without it, any 3-channel shape works.
  const fixable = call.args.length === 0 && includeTop !== undefined && (includeTop ? !shape && !call.kwargs.has('input_tensor') : shape === undefined || shapeChannels === 3);
  const edit = setKeyword(model, call, 'weights', '"imagenet"');
  ctx.report({
    node: call.callee,
    messageId: 'keras',
    data: { model: name },
    fix: fixable ? { edits: [edit], safety: 'unsafe', title: 'Start from the ImageNet weights (`weights="imagenet"`)' } : undefined,
  });
}

// ---- timm ----

function checkTimm(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  if ((call.qualified !== 'timm.create_model' && call.qualified !== 'timm.models.create_model') || call.hasSplat) return;
  const pretrained = model.arg(call, 'pretrained', 1);
  if (!pretrained || boolValue(model, pretrained) !== false) return;
  if (call.kwargs.has('checkpoint_path') || call.kwargs.has('pretrained_cfg_overlay') || weightsLoaded(model, call)) return;
  const arch = stringValue(model, model.arg(call, 'model_name', 0));
  const edit: OffsetEdit = pretrained.node.parent?.type === 'keyword_argument' ? setKeyword(model, call, 'pretrained', 'True') : replaceNode(pretrained.node, 'True');
  ctx.report({
    node: call.callee,
    messageId: 'timm',
    data: { model: arch !== undefined ? `"${arch}"` : model.text(model.arg(call, 'model_name', 0)?.node ?? call.callee) },
    fix: { edits: [edit], safety: 'unsafe', title: 'Start from the pretrained weights (`pretrained=True`)' },
  });
}

// ---- Hugging Face ----

/** A Hub model id (`bert-base-uncased`, `google/vit-base-patch16-224`), not a local path or file. */
const HUB_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

function isHfModelClass(name: string): boolean {
  return /^(TF|Flax)?[A-Z]\w*(Model|For[A-Z]\w*|LMHeadModel)$/.test(name) && !name.startsWith('Auto') && !/^(TF|Flax)Auto/.test(name);
}

/** The checkpoint whose configuration (unchanged in architecture) a config value comes from. */
function pretrainedConfig(model: ModuleModel, v: Value | undefined): string | undefined {
  if (!v) return undefined;
  const call = model.originCall(v.node);
  if (!call || call.name !== 'from_pretrained' || !call.receiver || call.hasSplat) return undefined;
  const owner = model.qualify(call.receiver);
  if (!owner?.startsWith('transformers.') || !owner.endsWith('Config')) return undefined;
  const id = stringValue(model, model.arg(call, 'pretrained_model_name_or_path', 0));
  if (!id || !HUB_ID.test(id) || id.endsWith('.json')) return undefined;
  if ([...call.kwargs.keys()].some((k) => !HF_HEAD_SETTINGS.has(k))) return undefined;
  // `config.num_hidden_layers = 4`, `config.update(...)`: a different (often smaller) architecture.
  const name = unparen(v.node);
  if (name.type === 'identifier' && architectureChanged(model, model.text(name))) return undefined;
  return id;
}

function architectureChanged(model: ModuleModel, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const assigned = new RegExp(`(^|[^\\w.])${escaped}\\.(\\w+)\\s*=(?!=)`, 'gm');
  for (const m of model.file.text.matchAll(assigned)) if (!HF_HEAD_SETTINGS.has(m[2])) return true;
  return model.calls.some((c) => (c.name === 'update' && c.receiver !== undefined && model.text(c.receiver) === name) || (c.qualified === 'setattr' && c.args[0] && model.text(c.args[0].node) === name));
}

function checkHuggingFace(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  let config: Value | undefined;
  let shown: string;
  if (call.name === 'from_config' && call.receiver) {
    const owner = model.qualify(call.receiver);
    if (!owner?.startsWith('transformers.') || !/Model|For[A-Z]/.test(lastSegment(owner))) return;
    config = model.arg(call, 'config', 0);
    shown = `${lastSegment(owner)}.from_config`;
  } else {
    const q = call.qualified;
    if (!q?.startsWith('transformers.') || !isHfModelClass(lastSegment(q))) return;
    config = model.arg(call, 'config', 0);
    shown = lastSegment(q);
  }
  const checkpoint = pretrainedConfig(model, config);
  if (!checkpoint || weightsLoaded(model, call)) return;
  ctx.report({ node: call.callee, messageId: 'huggingface', data: { call: shown, checkpoint } });
}

/** Self-supervised pre-training: learning the representation is the point of the script. */
const SELF_SUPERVISED = /simclr|byol|moco|dino|barlow_?twins|swav|simsiam|vicreg|nt_?xent|info_?nce|contrastive|self_?supervised|pretext|projection_head|masked_autoencoder/i;
/** Training a tokenizer: language-model pre-training from scratch. */
const NEW_TOKENIZER = /^(tokenizers\.|sentencepiece\.SentencePieceTrainer)/;
/** Conditions that choose between a from-scratch baseline and a pretrained run. */
const BASELINE = /scratch|baseline|random_?init|no_?pretrain|pretrained/i;

/** Whether the file builds random weights on purpose: self-supervised or language-model pre-training. */
function fromScratchOnPurpose(model: ModuleModel): boolean {
  if (SELF_SUPERVISED.test(model.file.text)) return true;
  return model.calls.some(
    (c) =>
      c.name === 'train_new_from_iterator' ||
      (c.qualified !== undefined && NEW_TOKENIZER.test(c.qualified)),
  );
}

/**
 * Builds that are a from-scratch baseline beside a pretrained run: under `if args.scratch:` or
 * `weights=None if args.baseline else ...`.
 */
function baselineBuilds(model: ModuleModel): SNode[] {
  return model.calls
    .filter((c) => {
      if (guardsOf(c.node).some((g) => BASELINE.test(model.text(g.condition)))) return true;
      const weights = c.kwargs.get('weights') ?? c.kwargs.get('pretrained');
      return weights !== undefined && unparen(weights.node).type === 'conditional_expression' && BASELINE.test(model.text(weights.node));
    })
    .map((c) => c.node);
}

export const trainingFromScratch: Rule = {
  meta: {
    code: 'FRG104',
    name: 'training-from-scratch',
    category: 'training',
    severity: 'warning',
    summary: 'Model built with random weights although pretrained weights exist for its architecture',
    messages: {
      torchvision: '`{model}` built with random weights (`{argument}`): ImageNet-pretrained weights exist for this architecture',
      torchvisionClasses:
        '`{model}` built with random weights for `num_classes={classes}`: load the pretrained weights and replace the classifier head instead of training the whole network from scratch',
      torchvisionBackbone: '`{model}` built with a random backbone (`{argument}`): the ImageNet-pretrained backbone is the usual starting point',
      keras: '`{model}` built with `weights=None`: ImageNet weights exist for this architecture',
      kerasClasses:
        '`{model}` built with `weights=None` for `classes={classes}`: use `include_top=False, weights="imagenet"` and add your own classification head instead of training from scratch',
      timm: '`timm.create_model({model})` with `pretrained=False`: pretrained weights exist for most timm architectures',
      huggingface: '`{call}` builds the architecture of `{checkpoint}` with random weights: `from_pretrained("{checkpoint}")` starts from the trained checkpoint',
    },
    fixTitle: 'Start from pretrained weights',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for models that have published pretrained weights but are built with random initialisation: torchvision builders with `weights=None` or `pretrained=False` (detection and segmentation models only when the backbone is random too), `keras.applications.*` with `weights=None`, `timm.create_model(..., pretrained=False)`, and Hugging Face models built with `from_config(config)` or `XxxForYyy(config)` from `AutoConfig.from_pretrained("<hub id>")` with the architecture unchanged. Omitted arguments are not reported: torchvision and timm default to random weights, and building a bare architecture is often deliberate (non-image data, a custom checkpoint). Nothing is reported when the file later loads weights into the model (`load_state_dict`, `load_weights`, `checkpoint_path=`), also into the name the build is assigned to in the same scope when other builds share that name (`if arch == "resnet18": model = resnet18(...) else: model = resnet50(...)`, a build under `try`/`except`), when a Keras input has other than 3 channels, or when a Hugging Face config is changed in architecture. A notebook that trains nothing (it builds models to print their layers) is left alone. Random weights on purpose are left alone: self-supervised pre-training (SimCLR, BYOL, MoCo, DINO, contrastive or pretext heads), language-model pre-training with a newly trained tokenizer, a script or notebook whose name says so (`*from_scratch*`, `pretrain*`), training on ImageNet itself (a path with `imagenet` or `torchvision.datasets.ImageNet`: that is how the pretrained weights are made), and a from-scratch baseline beside the pretrained run (a build under `if args.scratch:`/`baseline`/`pretrained` conditions, or `weights=None if args.scratch else …`).',
      whyBad:
        'Training a network from random weights repeats the compute that produced the public checkpoint: many more epochs, usually on more data, to reach what fine-tuning reaches in a few. Starting from pretrained weights and replacing the head converges in a fraction of the steps and usually generalises better on small datasets.',
      evidence:
        'Reusing pretrained models and transfer learning are catalogued energy patterns for deep learning (Shanbhag et al., EASE 2022; Green Software Foundation pattern "Leverage pre-trained models and transfer learning"). Fine-tuning needs a fraction of the compute of pretraining; training hyper-parameters alone changed energy use by up to 5× in arXiv 2401.01851. There is no single measured figure for this pattern: the saving depends on how long the from-scratch run is.',
      example: 'model = torchvision.models.resnet50(weights=None)\nmodel.fc = nn.Linear(2048, 10)',
      useInstead: 'model = torchvision.models.resnet50(weights="DEFAULT")\nmodel.fc = nn.Linear(2048, 10)',
      fixSafety:
        'Unsafe: the fix changes the initial weights (and so the trained model and the hyper-parameters that suit it) and downloads the weights on first use. It is offered only where the pretrained weights fit the call as written: torchvision without `num_classes` other than 1000 and without other architecture arguments, Keras without a custom `classes` head and with a 3-channel input, timm always (it resets the head for `num_classes`), detection/segmentation by restoring the pretrained backbone. Hugging Face calls get no fix: `from_pretrained` also needs the model class and any config changes carried over.',
    },
  },
  create(outer) {
    // A script or notebook named for it (`language_modeling_from_scratch.ipynb`, `pretrain.py`) says so itself.
    if (fromScratchOnPurpose(outer.model) || /scratch|pre_?train/i.test(path.basename(outer.path))) return {};
    // A notebook that trains nothing (it builds models to print their layers): nothing is trained from scratch.
    // (A module may build models that a script elsewhere trains; nothing imports a notebook.)
    if (outer.model.evidence.notebook && !trainingFacts(outer.model).trains) return {};
    // Training on ImageNet itself (a reference recipe) is how ImageNet-pretrained weights are made.
    const imagenet = /imagenet/i.test(outer.path) || outer.model.calls.some((c) => c.qualified === 'torchvision.datasets.ImageNet');
    const baselines = baselineBuilds(outer.model);
    const ctx: RuleContext = { ...outer, report: (r) => baselines.some((b) => r.node.start >= b.start && r.node.end <= b.end) || outer.report(r) };
    return {
      call(call) {
        if (imagenet) return checkHuggingFace(ctx, call);
        checkTorchvision(ctx, call);
        checkKerasApplication(ctx, call);
        checkTimm(ctx, call);
        checkHuggingFace(ctx, call);
      },
    };
  },
};

// FRG110: a convolution with a bias feeding straight into BatchNorm, which subtracts the
// per-channel mean and so cancels that bias: parameters and work spent for nothing.
import type { CallSite, ModuleModel } from '../../model/model';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import { replaceNode, setKeyword } from '../fixes';
import type { Rule } from '../rule';
import { onlyShown, trainingFacts, uses } from './shared';
import { CONFIDENCE_DOCS } from './workload';

/** Convolutions and the position of their `bias` parameter. */
const CONVS: Record<string, number> = {
  'torch.nn.Conv1d': 7,
  'torch.nn.Conv2d': 7,
  'torch.nn.Conv3d': 7,
  'torch.nn.ConvTranspose1d': 7,
  'torch.nn.ConvTranspose2d': 7,
  'torch.nn.ConvTranspose3d': 7,
  'torch.nn.LazyConv1d': 6,
  'torch.nn.LazyConv2d': 6,
  'torch.nn.LazyConv3d': 6,
  'torch.nn.LazyConvTranspose1d': 6,
  'torch.nn.LazyConvTranspose2d': 6,
  'torch.nn.LazyConvTranspose3d': 6,
};
const BATCH_NORMS = new Set([
  'torch.nn.BatchNorm1d',
  'torch.nn.BatchNorm2d',
  'torch.nn.BatchNorm3d',
  'torch.nn.SyncBatchNorm',
  'torch.nn.LazyBatchNorm1d',
  'torch.nn.LazyBatchNorm2d',
  'torch.nn.LazyBatchNorm3d',
]);
/** Containers whose items are not necessarily applied in order. */
const UNORDERED = new Set(['torch.nn.ModuleList', 'torch.nn.ModuleDict', 'torch.nn.ParameterList']);

/** Output channels at or below which the bias is a handful of terms. */
const FEW_CHANNELS = 32;

const isConv = (c: CallSite | undefined): c is CallSite => c?.qualified !== undefined && c.qualified in CONVS;
const isBatchNorm = (c: CallSite | undefined): c is CallSite => c?.qualified !== undefined && BATCH_NORMS.has(c.qualified);

/** The conv's bias argument when it is on: omitted (default True) or literally True. */
function biasOn(model: ModuleModel, conv: CallSite): 'default' | 'explicit' | undefined {
  if (conv.hasSplat) return undefined;
  const bias = model.arg(conv, 'bias', CONVS[conv.qualified!]);
  if (!bias) return 'default';
  return bias.kind === 'bool' && bias.value ? 'explicit' : undefined;
}

/** `self.name` assigned in a class body method: the attribute name, if so. */
function selfAttribute(model: ModuleModel, call: CallSite): string | undefined {
  const assign = call.node.parent;
  const left = assign?.type === 'assignment' && child(assign, 'right') === call.node ? child(assign, 'left') : undefined;
  if (left?.type !== 'attribute') return undefined;
  const obj = child(left, 'object');
  const attr = child(left, 'attribute');
  return obj && attr && model.text(obj) === 'self' ? model.text(attr) : undefined;
}

/** `self.<attr>(...)`: the attribute name. */
function selfCallName(model: ModuleModel, call: CallSite): string | undefined {
  return call.receiver && model.text(call.receiver) === 'self' && unparen(call.callee).type === 'attribute' ? call.name : undefined;
}

/**
 * The layer placed right before `node` in an ordered layer list: `nn.Sequential(a, b)`, a list or
 * tuple literal (`layers += [conv, bn, relu]`), or an `OrderedDict([("conv", a), ("bn", b)])`.
 */
function previousLayer(model: ModuleModel, node: SNode): SNode | undefined {
  let item = node;
  let container = node.parent;
  const pair = container?.type === 'tuple' ? container.children.filter((c) => c.type !== 'comment') : [];
  if (container && pair.length === 2 && pair[0].type === 'string' && pair[1] === node) {
    item = container;
    container = container.parent;
  }
  if (!container) return undefined;
  if (container.type === 'argument_list') {
    const owner = container.parent;
    if (owner?.type !== 'call' || model.callSite(owner).qualified !== 'torch.nn.Sequential') return undefined;
  } else if (container.type === 'list' || container.type === 'tuple') {
    const owner = container.parent?.type === 'argument_list' ? container.parent.parent : undefined;
    if (owner?.type === 'call' && UNORDERED.has(model.callSite(owner).qualified ?? '')) return undefined;
  } else {
    return undefined;
  }
  const items = container.children.filter((c) => c.type !== 'comment');
  const prev = items[items.indexOf(item) - 1];
  if (!prev) return undefined;
  if (item !== node) return prev.type === 'tuple' ? prev.children.filter((c) => c.type !== 'comment')[1] : undefined;
  return prev;
}

/** The conv call behind a list item: inline, or a variable used nowhere else. */
function convOf(model: ModuleModel, item: SNode): CallSite | undefined {
  const n = unparen(item);
  if (n.type === 'call') return model.callSite(n);
  if (n.type !== 'identifier') return undefined;
  const origin = model.originCall(n);
  const scope = model.context(n).func?.node ?? model.file.root;
  return isConv(origin) && uses(model, scope, model.text(n)) === 2 ? origin : undefined;
}

/** Identifiers named `name` in `fn` after `from`, up to and including the statement that rebinds it. */
function readsAfter(model: ModuleModel, fn: SNode, name: string, from: number): SNode[] {
  const out: SNode[] = [];
  for (const d of descendants(fn)) {
    if (d.start < from || d.type !== 'identifier' || model.text(d) !== name) continue;
    if (d.parent?.type === 'attribute' && d.field === 'attribute') continue;
    if (d.field === 'left' && d.parent?.type === 'assignment') {
      out.push(...readsIn(model, child(d.parent, 'right'), name));
      break;
    }
    out.push(d);
  }
  return [...new Set(out)];
}

function readsIn(model: ModuleModel, node: SNode | undefined, name: string): SNode[] {
  if (!node) return [];
  return [...descendants(node), node].filter((d) => d.type === 'identifier' && model.text(d) === name);
}

/** What training does with a module: hand its parameters to an optimiser, switch its mode, move it. */
const TRAINING_USES = /^(parameters|named_parameters|train|to|cuda|half|float|state_dict|load_state_dict|apply|zero_grad|requires_grad_)$/;

/**
 * The conv sits in an `nn.Sequential` (or its layer list) that is never trained: only printed,
 * displayed, indexed or run on an input (a notebook cell showing how to write one).
 */
function neverTrained(model: ModuleModel, conv: SNode): boolean {
  const untrained = (read: SNode) => {
    const p = read.parent;
    if (p?.type === 'call' && read.field === 'function') return true;
    if (p?.type === 'subscript' && read.field === 'value') return true;
    const attr = p?.type === 'attribute' && read.field === 'object' ? child(p, 'attribute') : undefined;
    return attr !== undefined && !TRAINING_USES.test(model.text(attr));
  };
  for (let p = conv.parent; p && p.type !== 'function_definition' && p.type !== 'class_definition'; p = p.parent) {
    if (p.type === 'call' && model.callSite(p).qualified === 'torch.nn.Sequential') return onlyShown(model, p, untrained);
  }
  return false;
}

/**
 * The conv sits in an `nn.Sequential` stored as `self.<name>` that the class never reads
 * (`forward` calls another attribute): built, never run, its bias costs nothing.
 */
function neverCalled(model: ModuleModel, conv: SNode): boolean {
  let seq: CallSite | undefined;
  for (let p = conv.parent; p && p.type !== 'function_definition' && p.type !== 'class_definition'; p = p.parent) {
    if (p.type === 'call' && model.callSite(p).qualified === 'torch.nn.Sequential') {
      seq = model.callSite(p);
      break;
    }
  }
  const name = seq && selfAttribute(model, seq);
  const cls = seq && model.context(seq.node).cls;
  if (!name || !cls) return false;
  const text = model.text(cls.node);
  // Reached by name at run time (`getattr(self, f"att{i}")`), or walked as children: it may run.
  if (/\bgetattr\s*\(\s*self\b|\b(children|named_children|modules|named_modules)\s*\(|__dict__/.test(text)) return false;
  const mentions = text.match(new RegExp(`\\bself\\.${name}\\b(?!\\s*=[^=])`, 'g'))?.length ?? 0;
  return mentions === 0;
}

export const convBiasBeforeBatchnorm: Rule = {
  meta: {
    code: 'FRG110',
    name: 'conv-bias-before-batchnorm',
    category: 'training',
    severity: 'info',
    summary: 'Convolution with a bias directly followed by BatchNorm, which cancels the bias',
    messages: {
      default: '`{conv}` has a bias but feeds straight into `{bn}`, whose mean subtraction cancels it: the bias is computed, stored and trained for nothing',
    },
    fixTitle: 'Set `bias=False` on the convolution',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for `nn.Conv1d/2d/3d` and `nn.ConvTranspose1d/2d/3d` (and their lazy forms) with the default `bias=True` that feed ' +
        'straight into `nn.BatchNorm1d/2d/3d` or `nn.SyncBatchNorm`: consecutive in `nn.Sequential(...)`, in a layer list ' +
        '(`layers += [conv, bn, relu]`) or in an `OrderedDict`, or as `self.conv`/`self.bn` attributes where every call of the ' +
        'conv is normalised by the BatchNorm (`self.bn(self.conv(x))`, or `x = self.conv(x)` then `x = self.bn(x)`). A `Sequential` ' +
        'assigned to a name that is only printed, displayed, indexed or run on an input until the name is bound again (a notebook cell ' +
        'showing how to write one; never trained, moved or given to an optimiser) is left alone, and so is one stored as a `self.` attribute ' +
        'that its class never reads (built but never run: `forward` calls another attribute).' + ' ' + CONFIDENCE_DOCS.convBias + ' A conv with 32 output channels or fewer written down (`nn.Conv2d(1, 8, 3)`) is low confidence too: its bias is a handful of terms and nothing measurable.',
      whyBad:
        'BatchNorm subtracts the per-channel mean of its input, so a per-channel constant added just before it disappears: the conv ' +
        'bias has no effect on the output, yet it is added to every activation, stored, given gradients and updated by the optimiser ' +
        'at every step. BatchNorm\'s own shift (`beta`) already provides the offset.',
      evidence:
        'The PyTorch Performance Tuning Guide recommends "Disable bias for convolutions directly followed by a batch norm"; creedengo ' +
        'rule GCI101 flags the same pattern. There is no measured figure. By arithmetic, the waste per conv is `out_channels` parameters ' +
        '(with their gradients and optimiser state) and one addition per output element: for a ResNet stem (`Conv2d(3, 64, 7, stride=2)` ' +
        'on 224x224 images) about 0.8 M additions per image next to the convolution\'s 118 M multiply-adds. Small, hence the `info` severity.',
      example: 'nn.Sequential(\n    nn.Conv2d(64, 128, 3, padding=1),\n    nn.BatchNorm2d(128),\n    nn.ReLU(inplace=True),\n)',
      useInstead: 'nn.Sequential(\n    nn.Conv2d(64, 128, 3, padding=1, bias=False),\n    nn.BatchNorm2d(128),\n    nn.ReLU(inplace=True),\n)',
      fixSafety:
        'Unsafe, although the trained function is the same: checkpoints saved with the bias no longer load with a strict ' +
        '`load_state_dict` (unexpected `conv.bias` keys), the optimiser sees fewer parameters, and the random numbers the bias ' +
        'initialisation used to draw shift every later initialisation under a fixed seed. Code that reads `conv.bias` (custom weight ' +
        'initialisation such as `nn.init.zeros_(m.bias)`) gets `None`. The rule does not fire when the file reads that conv\'s `.bias`.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    // Worth saying where the file trains a model of its own: one loaded from a checkpoint would no longer
    // load with a changed layer, and a file that never trains it gains nothing.
    const trains = trainingFacts(model).stepLoops.size > 0 || model.calls.some((c) => c.name === 'fit' && c.receiver !== undefined);
    const loadsWeights = model.calls.some((c) => c.name === 'load_state_dict' || c.name === 'load_weights');
    const confidence = !trains || loadsWeights ? 'low' : undefined;
    /** Per class: `self.x = nn.Conv2d(...)` and `self.bn = nn.BatchNorm2d(...)` attributes. */
    const convAttrs = new Map<SNode, Map<string, CallSite>>();
    const bnAttrs = new Map<SNode, Map<string, CallSite>>();
    const selfCalls: CallSite[] = [];

    const report = (conv: CallSite, bn: string) => {
      const on = biasOn(model, conv);
      if (!on || neverTrained(model, conv.node) || neverCalled(model, conv.node)) return;
      const attrName = selfAttribute(model, conv);
      if (attrName && new RegExp(`\\b${attrName}\\.bias\\b`).test(model.file.text)) return;
      const bias = model.arg(conv, 'bias', CONVS[conv.qualified!]);
      const edit = on === 'explicit' && bias && !conv.kwargs.has('bias') ? replaceNode(bias.node, 'False') : setKeyword(model, conv, 'bias', 'False');
      // A few output channels (`Conv2d(1, 8, 3)`) make a few bias terms: nothing measurable to save.
      const out = model.arg(conv, 'out_channels', conv.qualified!.includes('Lazy') ? 0 : 1);
      const few = out?.kind === 'number' && out.value <= FEW_CHANNELS;
      ctx.report({
        node: conv.callee,
        data: { conv: model.text(conv.callee), bn },
        fix: { safety: 'unsafe', edits: [edit] },
        confidence: confidence ?? (few ? 'low' : undefined),
        why: confidence ? 'the file never trains this model, or loads its weights from a checkpoint that a changed layer would no longer load' : few ? `${out.value} output channels: a handful of bias terms, nothing measurable` : undefined,
      });
    };

    const remember = (maps: Map<SNode, Map<string, CallSite>>, call: CallSite) => {
      const name = selfAttribute(model, call);
      const cls = model.context(call.node).cls?.node;
      if (!name || !cls) return;
      const map = maps.get(cls) ?? new Map<string, CallSite>();
      map.set(name, call);
      maps.set(cls, map);
    };

    /** The conv attribute whose output `arg` is, inside a method: `self.conv(x)` or `x = self.conv(x)`. */
    const convAttrFeeding = (bnCall: CallSite, arg: SNode, convs: Map<string, CallSite>): string | undefined => {
      const a = unparen(arg);
      if (a.type === 'call') {
        const name = selfCallName(model, model.callSite(a));
        return name && convs.has(name) ? name : undefined;
      }
      if (a.type !== 'identifier') return undefined;
      const fn = model.context(bnCall.node).func?.node;
      const origin = model.originOf(model.text(a), a);
      const originCall = origin && unparen(origin).type === 'call' ? model.callSite(unparen(origin)) : undefined;
      const name = originCall && selfCallName(model, originCall);
      if (!fn || !origin || !name || !convs.has(name) || model.context(origin).func?.node !== fn) return undefined;
      const reads = readsAfter(model, fn, model.text(a), origin.end);
      return reads.length === 1 && reads[0] === a ? name : undefined;
    };

    return {
      call(call) {
        if (isConv(call)) remember(convAttrs, call);
        if (selfCallName(model, call)) selfCalls.push(call);
        if (call.qualified === 'torch.nn.Sequential') {
          // `nn.Sequential(conv, bn)` with both layers made beforehand.
          call.args.forEach((arg, i) => {
            const bnCall = i > 0 && arg.node.type === 'identifier' ? model.originCall(arg.node) : undefined;
            const conv = isBatchNorm(bnCall) ? convOf(model, call.args[i - 1].node) : undefined;
            if (isConv(conv)) report(conv, model.text(arg.node));
          });
        }
        if (!isBatchNorm(call)) return;
        remember(bnAttrs, call);
        const prev = previousLayer(model, call.node);
        const conv = prev && convOf(model, prev);
        if (isConv(conv)) report(conv, model.text(call.callee));
      },
      end() {
        for (const [cls, convs] of convAttrs) {
          const bns = bnAttrs.get(cls);
          if (!bns) continue;
          const inClass = selfCalls.filter((c) => model.context(c.node).cls?.node === cls);
          const fed = new Map<string, { bn: string; count: number }>();
          for (const c of inClass) {
            const bn = selfCallName(model, c)!;
            if (!bns.has(bn) || c.args.length !== 1) continue;
            const conv = convAttrFeeding(c, c.args[0].node, convs);
            if (!conv) continue;
            const entry = fed.get(conv) ?? { bn: `self.${bn}`, count: 0 };
            entry.count++;
            fed.set(conv, entry);
          }
          for (const [conv, { bn, count }] of fed) {
            const calls = inClass.filter((c) => selfCallName(model, c) === conv).length;
            if (calls === count) report(convs.get(conv)!, bn);
          }
        }
      },
    };
  },
};

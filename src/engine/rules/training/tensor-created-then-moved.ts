// FRG108: a tensor made by a torch factory on the CPU and copied to the accelerator right
// after (`torch.zeros(n).to(device)`, `torch.randn(n).cuda()`), instead of made there.
import { type CallSite, type ModuleModel } from '../../model/model';
import { stringOf, templateOf, type Value } from '../../model/values';
import { child, enclosingStatement, type SNode, unparen } from '../../parse/syntax';
import { addKeyword, setKeyword } from '../fixes';
import type { OffsetEdit, Rule } from '../rule';
import { onlyToyModels } from './model-size';
import { perStep, repeated } from './frequency';
import { uses } from './shared';
import { intelCpuOnly } from './loop-device';
import { CONFIDENCE_DOCS } from './workload';

/**
 * Factories, and whether the values they produce depend on the device: random factories draw
 * from the CUDA generator instead of the CPU one, so the same seed gives other numbers.
 */
const FACTORIES: Record<string, 'exact' | 'computed' | 'random'> = {
  'torch.zeros': 'exact',
  'torch.ones': 'exact',
  'torch.empty': 'exact',
  'torch.full': 'exact',
  'torch.eye': 'exact',
  'torch.arange': 'computed',
  'torch.linspace': 'computed',
  'torch.logspace': 'computed',
  'torch.rand': 'random',
  'torch.randn': 'random',
  'torch.randint': 'random',
  'torch.randperm': 'random',
};

const ACCELERATOR = /^(cuda|mps|xpu|hpu|npu|xla)(:(\d+|\{\}))?$/;
const HOST = /^(cpu|meta)(:(\d+|\{\}))?$/;
/** Methods that leave a new tensor where it is (a cast, a copy in another layout). */
const HOST_CASTS = new Set(['float', 'double', 'half', 'bfloat16', 'long', 'int', 'short', 'bool', 'byte', 'contiguous']);
/** Names that hold a device or a GPU ordinal: `device`, `self.device`, `x.device`, `local_rank`. */
const DEVICE_NAME = /(^|[._])(device|dev|local_rank|rank|gpu|gpu_id)$/i;
/** Keywords of `.to()`/`.cuda()` that do not matter for a freshly made tensor. */
const HARMLESS = new Set(['non_blocking', 'copy']);

/**
 * What a `.to()` argument is: an accelerator device, surely the host, a name that holds some
 * device (`device`, `x.device`), or undefined when it is not a device (a dtype, another tensor).
 */
function deviceKind(model: ModuleModel, v: Value): 'accelerator' | 'host' | 'unknown' | undefined {
  const r = model.resolve(v);
  // `f"cuda:{rank}"` reads as `cuda:{}`.
  const s = templateOf(r);
  if (s !== undefined) return ACCELERATOR.test(s) ? 'accelerator' : HOST.test(s) ? 'host' : undefined;
  if (r.kind === 'call' && r.call.qualified === 'torch.device') {
    const arg = stringOf(model.resolve(r.call.args[0] ?? { kind: 'unknown', node: r.node }));
    return arg !== undefined && HOST.test(arg) ? 'host' : 'accelerator';
  }
  if (r.kind === 'name' && r.qualified) return undefined;
  if (v.kind === 'name' && !v.qualified && DEVICE_NAME.test(v.name)) return 'unknown';
  return undefined;
}

interface Move {
  /** Source text of the device for `device=`, when it can be written. */
  device?: string;
  /** Source text of a dtype passed along (`.to(device, torch.half)`). */
  dtype?: string;
  /** Arguments the fix cannot carry over (`memory_format`, a dtype it may not move). */
  extra: boolean;
  kind: 'accelerator' | 'unknown';
}

/** What a `.to(...)`/`.cuda(...)` call does, when it moves to a device. */
function moveOf(model: ModuleModel, call: CallSite): Move | undefined {
  if (call.hasSplat || !call.receiver) return undefined;
  const extra = [...call.kwargs.keys()].some((k) => k !== 'device' && k !== 'dtype' && !HARMLESS.has(k));
  if (call.name === 'cuda') {
    const d = call.kwargs.get('device') ?? call.args[0];
    if (!d) return { device: '"cuda"', extra, kind: 'accelerator' };
    if (d.kind === 'number') return { device: `"cuda:${d.value}"`, extra, kind: 'accelerator' };
    return { device: model.text(d.node), extra, kind: 'accelerator' };
  }
  if (call.name !== 'to') return undefined;
  const d = call.kwargs.get('device') ?? call.args[0];
  if (!d) return undefined;
  const kind = deviceKind(model, d);
  if (kind === undefined || kind === 'host') return undefined;
  const dtypeArg = call.kwargs.get('dtype') ?? (call.kwargs.has('device') ? call.args[0] : call.args[1]);
  const positional = call.args.length - (call.kwargs.has('device') ? 0 : 1);
  return {
    device: model.text(d.node),
    dtype: dtypeArg && model.text(dtypeArg.node),
    extra: extra || positional > (dtypeArg && !call.kwargs.has('dtype') ? 1 : 0),
    kind,
  };
}

/** Deletes the lines of a statement that stands alone on them (no other code, no comment to lose). */
function deleteLines(model: ModuleModel, stmt: SNode): OffsetEdit | undefined {
  const file = model.file;
  const start = file.lineStart(stmt.startRow);
  if (file.text.slice(start, stmt.start).trim() !== '') return undefined;
  if (file.lineText(stmt.endRow).slice(stmt.endCol).trim() !== '') return undefined;
  const next = stmt.endRow + 1 < file.lineCount ? file.lineStart(stmt.endRow + 1) : file.text.length;
  return { start, end: next, text: '' };
}

/** `x = x.to(device)` right after `x = torch.zeros(...)`: the factory call, when that is the case. */
function assignedFactory(model: ModuleModel, move: CallSite): CallSite | undefined {
  const assign = move.node.parent;
  const receiver = move.receiver && unparen(move.receiver);
  if (assign?.type !== 'assignment' || child(assign, 'right') !== move.node || !receiver) return undefined;
  const target = child(assign, 'left');
  if (!target || model.text(target) !== model.text(receiver)) return undefined;
  const stmt = enclosingStatement(assign);
  const siblings = stmt.parent?.children.filter((c) => c.type !== 'comment') ?? [];
  const prev = siblings[siblings.indexOf(stmt) - 1];
  const prevAssign = prev?.type === 'expression_statement' ? prev.children[0] : undefined;
  if (prevAssign?.type !== 'assignment') return undefined;
  const prevTarget = child(prevAssign, 'left');
  const value = child(prevAssign, 'right');
  if (!prevTarget || !value || model.text(prevTarget) !== model.text(target) || unparen(value).type !== 'call') return undefined;
  return model.callSite(unparen(value));
}


/**
 * `x = torch.randn(...)` earlier in the function and `x.cuda()` its only use (`yield x.cuda(), y`
 * in a batch generator): the tensor exists on the host only to be copied.
 */
function usedOnceFactory(model: ModuleModel, move: CallSite): CallSite | undefined {
  const receiver = move.receiver && unparen(move.receiver);
  if (receiver?.type !== 'identifier') return undefined;
  const name = model.text(receiver);
  const origin = model.originOf(name, receiver);
  const scope = model.context(move.node).func?.node ?? model.file.root;
  if (!origin || unparen(origin).type !== 'call' || model.context(origin).func?.node !== model.context(move.node).func?.node) return undefined;
  // Only the assignment and this move mention the name, and both run in the same iteration.
  if (uses(model, scope, name) !== 2 || model.context(origin).loops[0] !== model.context(move.node).loops[0]) return undefined;
  return model.callSite(unparen(origin));
}

export const tensorCreatedThenMoved: Rule = {
  meta: {
    code: 'FRG108',
    name: 'tensor-created-then-moved',
    category: 'training',
    severity: 'warning',
    summary: 'Tensor made on the CPU by a torch factory and then copied to the GPU, instead of made there with `device=`',
    messages: {
      default: '`{factory}(...)` fills the tensor in CPU memory and `{move}` then copies it to the device: create it there with `device=`',
    },
    fixTitle: 'Create the tensor on the device (`device=`)',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for `torch.zeros`, `ones`, `empty`, `full`, `eye`, `arange`, `linspace`, `logspace`, `rand`, `randn`, `randint` and ' +
        '`randperm` calls without `device=` whose result goes straight to an accelerator: chained (`torch.zeros(3, 4).to(device)`, ' +
        '`torch.randn(8).cuda()`, also through a cast on the way: `torch.zeros(n).float().to(device)`, with no fix when the move casts again) or in the next statement (`h = torch.zeros(n)` then `h = h.to(device)`), or a variable whose only use is the move (`x = torch.randn(...)` then `yield x.cuda(), y` in a batch generator). `.to()` counts as a move ' +
        'when its argument is a device: a `"cuda"`-style string (an f-string such as `f"cuda:{rank}"` too), a `torch.device(...)`, or a name such as `device`, `x.device` or ' +
        '`local_rank`; `.to(torch.float16)` and `.to("cpu")` are not moves. Needs evidence that the file uses a GPU (CUDA, `torch.accelerator`, Accelerate, `mps`, `xpu`), or a literal accelerator. Files whose models are all toys (under 10,000 parameters, every size written down) are left alone, and so is a move that runs once or rarely (a module-level line or notebook cell, once per epoch outside the batch loop, a loop over at most 16 items, a function the file calls only from such top-level code, setup outside the loops of a function that runs the training loop itself, a test: `def test_*`, `setUp`, a `unittest.TestCase` method; a constructor, `__init__`, a set-up function, `setup*`, `initialize*`, `allocate*`, or one that builds the parameters, `get_params`, `init_weights`; code under `if i == 0:` for the loop\'s own variable, or under `if res is None:` that makes `res`, also as one test of a conjunction (`if queue_length > 0 and queue is None:`), the first iteration only; a loop that stops on its counter after a handful of iterations, `if i > 5: break`). Intel CPU scripts (`intel_extension_for_pytorch` and no CUDA or XPU anywhere) and empty tensors (`torch.empty(0)`) are left alone: moves in loops, generators, methods (a module\'s `forward`), step-like functions, functions called in a loop and functions the file does not call itself are reported.' + ' ' + CONFIDENCE_DOCS.perStep,
      whyBad:
        'The factory allocates and fills the tensor in host memory, then `.to()`/`.cuda()` allocates it again on the GPU and copies it ' +
        'over PCIe, synchronously from pageable memory. Created with `device=`, the tensor is allocated and filled by a GPU kernel: one ' +
        'allocation, no transfer, no host work. In a `forward` or a training step this runs every iteration.',
      evidence:
        'The PyTorch Performance Tuning Guide recommends creating tensors directly on the target device; the PyTorch profiler\'s ' +
        'TorchTidy reports the pattern as `ExtraCUDACopyPattern`. Making tensors on the GPU gave a 7.5 % end-to-end speed-up of a DQN ' +
        'training run on Pong (stable-baselines3 PR #1218), and AllenNLP measured tensor creation on the device at over twice the ' +
        'speed of create-then-move (PR #4833); neither states the GPU. The saving grows with the tensor and with how often the line runs.',
      example: 'h0 = torch.zeros(self.num_layers, x.size(0), self.hidden_size).to(x.device)\nnoise = torch.randn(batch, nz, 1, 1).cuda()',
      useInstead:
        'h0 = torch.zeros(self.num_layers, x.size(0), self.hidden_size, device=x.device)\nnoise = torch.randn(batch, nz, 1, 1, device="cuda")',
      fixSafety:
        'Safe for `zeros`, `ones`, `empty`, `eye` (and for `full`, `arange`, `linspace`, `logspace` without a dtype change): the tensor ' +
        'is the same, made where it is used. `non_blocking=` and `copy=` are dropped: they mean nothing for a tensor that is never copied. ' +
        'Unsafe for the random factories, whose numbers come from the device\'s generator instead of the CPU\'s (same seed, other values); ' +
        'when the factory has `requires_grad=True` (the moved copy was a non-leaf, the new tensor is a leaf); and when `.to()` also changes ' +
        'the dtype of a computed range or a `full` value. In the two-statement form the `x = x.to(device)` line is deleted. ' +
        'No fix for a move that passes other options (`memory_format=`), or when that line carries a comment or other code.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    if (onlyToyModels(model) || intelCpuOnly(model)) return {};
    const defaultDevice = model.callsTo('torch.set_default_device').length > 0;
    return {
      call(call) {
        if (call.name !== 'to' && call.name !== 'cuda') return;
        const move = moveOf(model, call);
        if (!move) return;
        const receiver = unparen(call.receiver!);
        const chained = receiver.type === 'call';
        const used = chained ? undefined : usedOnceFactory(model, call);
        // `torch.zeros(n).float().to(device)`: a cast on the way keeps the tensor on the host.
        const factory = chained ? model.chainStart(model.callSite(receiver), HOST_CASTS) : (assignedFactory(model, call) ?? used);
        const kind = factory?.qualified ? FACTORIES[factory.qualified] : undefined;
        if (!factory || !kind || factory.hasSplat || factory.kwargs.has('device')) return;
        // `torch.empty(0).cuda()`: no element is filled or copied.
        if (factory.args.length >= 1 && factory.args.every((a) => a.kind === 'number' && a.value === 0)) return;
        if (move.kind === 'unknown' && !model.evidence.gpu) return;
        if (!repeated(model, call.node)) return;
        // Under `torch.set_default_device("cuda")` or `with torch.device("cuda"):` factories already allocate on the GPU.
        if (defaultDevice || model.context(factory.node).withs.some((w) => w.managers.includes('torch.device'))) return;
        const removal = chained || used ? { start: call.receiver!.end, end: call.node.end, text: '' } : deleteLines(model, enclosingStatement(call.node));
        const edits: OffsetEdit[] = [];
        // A cast between the factory and a move that also casts: the order of the two casts matters.
        const castBetween = chained && factory !== model.callSite(receiver) && move.dtype !== undefined;
        if (removal && move.device && !move.extra && !castBetween) {
          const dtypeChange = move.dtype !== undefined;
          if (dtypeChange && factory.kwargs.has('dtype')) {
            edits.push(setKeyword(model, factory, 'dtype', move.dtype!), addKeyword(model, factory, 'device', move.device));
          } else {
            edits.push(addKeyword(model, factory, 'device', dtypeChange ? `${move.device}, dtype=${move.dtype}` : move.device));
          }
          edits.push(removal);
        }
        const grad = factory.kwargs.get('requires_grad');
        // A cast after the fact and a fill in the target dtype agree, except for a `full` value rounded twice.
        const sameValues = move.dtype === undefined ? kind !== 'random' : kind === 'exact' && factory.qualified !== 'torch.full';
        const safe = sameValues && (!grad || (grad.kind === 'bool' && !grad.value));
        ctx.report({
          node: factory.callee,
          // Code the file shows running per step (a loop, `forward`, a function called in one) is sure to repeat the copy.
          confidence: perStep(model, call.node) ? undefined : 'low',
          data: { factory: model.text(factory.callee), move: moveText(model, call) },
          fix: edits.length > 0 ? { safety: safe ? 'safe' : 'unsafe', edits } : undefined,
        });
      },
    };
  },
};

/** `.to(device)` as written, from the dot to the closing parenthesis. */
function moveText(model: ModuleModel, call: CallSite): string {
  const callee = unparen(call.callee);
  const attr = callee.type === 'attribute' ? child(callee, 'attribute') : undefined;
  const text = attr ? model.file.text.slice(attr.start, call.node.end) : model.text(call.node);
  return `.${text.replace(/\s+/g, ' ')}`;
}

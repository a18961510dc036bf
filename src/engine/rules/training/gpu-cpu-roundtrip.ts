// FRG115: in a loop, a tensor copied off the GPU (`.cpu().numpy()`, `.tolist()`) and, after
// NumPy or plain-Python work on it, copied back to the device in the same iteration.
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import type { Rule } from '../rule';
import { bindingsIn, type Binding, isTorchModel } from '../inference/shared';

/** Methods that keep a value on the same side of the bus (tensor or array bookkeeping). */
const CHAIN = new Set(['detach', 'cpu', 'numpy', 'tolist', 'clone', 'float', 'double', 'long', 'int', 'squeeze', 'unsqueeze', 'view', 'reshape', 'flatten', 'contiguous', 'argmax', 'softmax', 'sigmoid', 'max', 'min', 'mean', 'sum', 'exp', 'log', 'abs', 'round', 'astype', 'copy', 'ravel', 'transpose', 'T', 'clip', 'clamp', 'type', 'half', 'bfloat16', 'permute', 'data']);
/** Builtins that turn arrays or lists into other plain values. */
const PLAIN = new Set(['list', 'tuple', 'float', 'int', 'sum', 'max', 'min', 'sorted', 'abs', 'round', 'zip', 'reversed']);
/** torch factories that copy host data; with `device=` they copy it back to the accelerator. */
const FACTORIES = /^torch\.(tensor|as_tensor|from_numpy|Tensor|FloatTensor|LongTensor|IntTensor|BoolTensor|DoubleTensor|HalfTensor|asarray|stack|cat|concat|where)$/;
const DTYPE_NAME = /^torch\.(float|double|half|bfloat16|int|long|short|bool|uint8|int8|int16|int32|int64|float16|float32|float64|complex64|cfloat)$/;

export const gpuCpuRoundtrip: Rule = {
  meta: {
    code: 'FRG115',
    name: 'gpu-cpu-roundtrip',
    category: 'training',
    severity: 'warning',
    summary: 'Tensor copied off the GPU and back again in every loop iteration, for NumPy or Python work torch can do on the device',
    messages: {
      default:
        '`{takeoff}` copies a tensor off the GPU in every iteration and `{putback}` copies the result back: two transfers and a synchronisation per iteration for work torch can do on the device (`torch.*` ops on the tensor itself)',
    },
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks loops in PyTorch code that shows a GPU (CUDA, `mps`, XPU, `torch.accelerator`) for a tensor taken off the device — an expression ending in `.cpu()`/`.cpu().numpy()`, or `.tolist()`/`.numpy()` on the output of a model or a torch op — whose value, followed through local variables, NumPy calls (`np.*`), array methods, arithmetic, indexing, comprehensions, builtins such as `list`/`float` and helper functions defined at the top of the same module (a NumPy top-p filter), goes back to the device in the same iteration: `torch.from_numpy(...).to(device)`, `torch.tensor(..., device=...)`, `.cuda()`, `.to(device)`. The chain stops at any other call (an environment\'s `step`, a library function or a method, a model): data that passes through code torch cannot run (a simulator, a tokenizer, OpenCV) has to come back to the host, and that is not flagged. Nor is a value that never returns to the device (logging and metrics: see FRG111; a metric read back into a name the loop\'s own target binds again at the top of each iteration, `for i, (input, target) in enumerate(loader)` then `target = target.cpu().numpy()`, does not reach the next `target.cuda()`), a return trip outside the loop (a rollout converted once after collection), or any file without a GPU.',
      whyBad:
        'Each `.cpu()`/`.numpy()`/`.tolist()` waits for every queued kernel to finish and copies the data over PCIe; the copy back is another transfer, and the GPU idles while the host does the NumPy work in between. In a loop this happens every iteration, so the GPU spends much of the loop waiting instead of computing — for arithmetic, clipping, indexing or sorting that torch does on the device without leaving it.',
      evidence:
        'The PyTorch Performance Tuning Guide ("Avoid unnecessary CPU-GPU synchronization") lists `.cpu()`, `.item()` and `.numpy()`-style host reads among the operations that synchronise the device, and recommends creating tensors directly on the target device rather than copying them there (TorchTidy\'s `ExtraCUDACopyPattern` flags the copies). For scale, NVIDIA\'s A100 datasheet gives 1,555 GB/s of GPU memory bandwidth (40 GB model) against 64 GB/s for its PCIe Gen4 link: data crossing the bus moves over an order of magnitude slower than the GPU reads it. No measured energy figure for this rule exists; the cost per iteration is two transfers, a synchronisation and the idle GPU time while the host works.',
      example:
        'for step in range(num_steps):\n    logits = policy(obs)\n    probs = logits.softmax(-1).cpu().numpy()\n    probs = np.clip(probs, 1e-6, 1.0)\n    probs /= probs.sum(-1, keepdims=True)\n    weights = torch.from_numpy(probs).to(device)\n    loss = -(weights * logits.log_softmax(-1)).sum()',
      useInstead:
        'for step in range(num_steps):\n    logits = policy(obs)\n    probs = logits.softmax(-1).clamp(1e-6, 1.0)\n    weights = probs / probs.sum(-1, keepdim=True)\n    loss = -(weights * logits.log_softmax(-1)).sum()',
      fixSafety: 'No automatic fix: translating NumPy code into torch ops (names, keyword arguments and dtype rules differ) needs a person.',
    },
  },
  create(ctx) {
    const { model } = ctx;
    const trips = roundTrips(model);
    if (trips.length === 0) return {};
    return {
      end() {
        const reported = new Set<SNode>();
        for (const { takeoff, back } of trips) {
          // Two `.cpu()` calls on the way to one copy back (`if gpu: x = x.cpu()` twice) are one round trip.
          if (reported.has(takeoff) || reported.has(back)) continue;
          reported.add(takeoff);
          reported.add(back);
          ctx.report({
            node: takeoff,
            data: { takeoff: short(model, takeoff), putback: short(model, back) },
            related: [{ node: back, message: 'the value goes back to the device here' }],
          });
        }
      },
    };
  },
};

function short(model: ModuleModel, node: SNode): string {
  const t = model.text(node).replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/**
 * The expression that takes a tensor off the device, when `call` ends one: the outermost call of
 * a `.detach().cpu().numpy()` chain that contains `.cpu()`, or `.tolist()`/`.numpy()` on a tensor
 * a model or torch op produced.
 */
function takeoffOf(model: ModuleModel, call: CallSite): SNode | undefined {
  if (!call.receiver || !['cpu', 'numpy', 'tolist'].includes(call.name)) return undefined;
  // Only the outermost call of the chain reports.
  const parent = call.node.parent;
  if (parent?.type === 'attribute' && parent.parent?.type === 'call' && ['cpu', 'numpy', 'tolist', 'detach'].includes(model.text(child(parent, 'attribute') ?? parent))) return undefined;
  let hasCpu = false;
  let base = unparen(call.node);
  for (;;) {
    if (base.type !== 'call') break;
    const c = model.callSite(base);
    if (!c.receiver || !CHAIN.has(c.name)) break;
    if (c.name === 'cpu') hasCpu = true;
    base = unparen(c.receiver);
  }
  if (hasCpu || deviceTensor(model, base, 0)) return call.node;
  return undefined;
}

/** An expression known to be a tensor computed by a model or a torch op (so it lives where the model runs). */
function deviceTensor(model: ModuleModel, node: SNode, depth: number): boolean {
  if (depth > 10) return false;
  const n = unparen(node);
  if (n.type === 'subscript' || n.type === 'attribute') {
    const obj = child(n, n.type === 'subscript' ? 'value' : 'object');
    if (n.type === 'attribute' && obj && model.qualify(n)) return false;
    return obj !== undefined && deviceTensor(model, obj, depth + 1);
  }
  if (n.type === 'identifier') {
    const origin = model.originOf(model.text(n), n);
    return origin !== undefined && deviceTensor(model, origin, depth + 1);
  }
  if (n.type !== 'call') return false;
  const c = model.callSite(n);
  if (c.receiver && (c.name === 'cuda' || (c.name === 'to' && movesToDevice(model, c)))) return true;
  // Tensor methods (`topk(5)`, `argmax()`) return tensors on the same device.
  if (c.receiver && !c.qualified) return deviceTensor(model, c.receiver, depth + 1);
  const callee = unparen(c.callee);
  if (callee.type !== 'identifier' && callee.type !== 'attribute') return false;
  if (c.qualified?.startsWith('torch.')) return c.kwargs.has('device') && !/^["']cpu["']$/.test(model.text(c.kwargs.get('device')!.node));
  // A model, or a module moved to the device (`net = Net().cuda()`; `net(x)`).
  return !c.qualified && (isTorchModel(model, callee) || deviceTensor(model, callee, depth + 1));
}

/** Follows a host-side value through one loop body to a copy back to the device. */
class Flow {
  private readonly seen = new Set<SNode>();

  constructor(
    private readonly model: ModuleModel,
    private readonly loop: LoopInfo,
    private readonly bindings: Binding[],
  ) {}

  /** The node that copies `node`'s value (or one computed from it) back to the device, if any. */
  follow(node: SNode, depth = 0): SNode | undefined {
    if (depth > 12 || this.seen.has(node)) return undefined;
    this.seen.add(node);
    const model = this.model;
    let n = node;
    for (;;) {
      const p = n.parent;
      if (!p || p === this.loop.body) return undefined;
      switch (p.type) {
        case 'parenthesized_expression':
        case 'binary_operator':
        case 'unary_operator':
        case 'boolean_operator':
        case 'list':
        case 'tuple':
        case 'expression_list':
        case 'list_splat':
          n = p;
          continue;
        case 'comparison_operator':
          n = p;
          continue;
        case 'conditional_expression':
          if (n === p.children[1]) return undefined;
          n = p;
          continue;
        case 'subscript':
          if (n.field !== 'value') return undefined;
          n = p;
          continue;
        case 'for_in_clause': {
          const comp = p.parent;
          if (!comp || n.field !== 'right') return undefined;
          n = comp;
          continue;
        }
        case 'attribute': {
          const call = p.parent?.type === 'call' && p.field === 'function' ? p.parent : undefined;
          const name = model.text(child(p, 'attribute') ?? p);
          if (!call) {
            if (name === 'T' || name === 'shape' || name === 'data') {
              if (name === 'shape') return undefined;
              n = p;
              continue;
            }
            return undefined;
          }
          const c = model.callSite(call);
          if (name === 'cuda' || (name === 'to' && movesToDevice(model, c))) return call;
          // `append`/`extend` store the value; they do not compute a new one.
          if (['append', 'extend', 'add', 'put', 'write', 'update', 'insert'].includes(name)) return undefined;
          n = call;
          continue;
        }
        case 'argument_list': {
          const call = p.parent;
          if (call?.type !== 'call') return undefined;
          const c = model.callSite(call);
          const q = c.qualified ?? '';
          if (FACTORIES.test(q)) {
            const device = c.kwargs.get('device');
            if (device && !/^["']cpu["']$/.test(model.text(device.node))) return call;
            n = call;
            continue;
          }
          if (q.startsWith('numpy.') || q.startsWith('torch.') || PLAIN.has(q)) {
            n = call;
            continue;
          }
          // A helper of this module (`probs = top_p_filter(probs, p)`) computes its result from what it is given.
          const callee = unparen(c.callee);
          if (callee.type === 'identifier' && model.functions.some((f) => !f.cls && f.name === c.name)) {
            n = call;
            continue;
          }
          return undefined;
        }
        case 'keyword_argument': {
          const call = p.parent?.parent;
          if (call?.type !== 'call' || n.field !== 'value') return undefined;
          const q = this.model.callSite(call).qualified ?? '';
          if (!q.startsWith('numpy.')) return undefined;
          n = call;
          continue;
        }
        case 'generator_expression':
        case 'list_comprehension':
          if (n.field !== 'body') return undefined;
          n = p;
          continue;
        case 'assignment':
        case 'augmented_assignment': {
          if (n.field !== 'right') return undefined;
          return this.throughNames(p, depth);
        }
        default:
          return undefined;
      }
    }
  }

  /** The names an assignment binds from a host value, then every later read of them in the loop. */
  private throughNames(assignment: SNode, depth: number): SNode | undefined {
    for (const b of this.bindings.filter((o) => o.node === assignment)) {
      for (const read of this.readsOf(b)) {
        const back = this.follow(read, depth + 1);
        if (back) return back;
      }
    }
    return undefined;
  }

  /** Reads of a binding's name in the loop body that the binding reaches (later in the body, or at the top of the next iteration). */
  private readsOf(b: Binding): SNode[] {
    const model = this.model;
    // Where each binding of the name takes effect: after its statement, or at the top of a `for` body.
    const at = (o: Binding) => (o.iterated ? (child(o.node, 'left') ?? o.node).end : o.node.end);
    const same = this.bindings.filter((o) => o.name === b.name).map(at).sort((x, y) => x - y);
    const mine = at(b);
    const last = same[same.length - 1];
    const out: SNode[] = [];
    for (const d of descendants(this.loop.body)) {
      if (d.type !== 'identifier' || model.text(d) !== b.name) continue;
      if (d.parent?.type === 'attribute' && d.field === 'attribute') continue;
      if (d.parent?.type === 'keyword_argument' && d.field === 'name') continue;
      const before = same.filter((s) => s <= d.start);
      const reaching = before.length > 0 ? before[before.length - 1] : last;
      if (reaching === mine && !this.bindings.some((o) => o.name === b.name && !o.iterated && d.start >= o.node.start && d.end <= at(o) && d.start < (child(o.node, 'right')?.start ?? o.node.end))) out.push(d);
    }
    return out;
  }
}

function movesToDevice(model: ModuleModel, c: CallSite): boolean {
  const first = c.args[0] ?? c.kwargs.get('device');
  if (!first) return false;
  const r = model.resolve(first);
  if (r.kind === 'string') return /^(cuda|mps|xpu)/.test(r.value);
  if (r.kind === 'number') return Number.isInteger(r.value);
  if (r.kind === 'name') {
    if (r.qualified && DTYPE_NAME.test(r.qualified)) return false;
    return !/dtype/i.test(r.name);
  }
  if (r.kind === 'call') return !/dtype/i.test(model.text(r.node));
  return /device|cuda|gpu/i.test(model.text(first.node));
}

interface RoundTrip {
  /** The copy off the GPU. */
  takeoff: SNode;
  /** Where the value goes back to the device in the same iteration. */
  back: SNode;
}

const tripCache = new WeakMap<ModuleModel, RoundTrip[]>();

/**
 * Every copy off the GPU, in a loop, whose value goes back to the device in the same iteration,
 * in call order (one takeoff may appear for each call of its chain). This rule reports them;
 * `host-sync-in-training-loop` leaves them to it.
 */
export function roundTrips(model: ModuleModel): RoundTrip[] {
  let out = tripCache.get(model);
  if (out) return out;
  out = [];
  if (model.evidence.gpu && model.importsModule('torch')) {
    const bindingsByLoop = new Map<SNode, Binding[]>();
    for (const call of model.calls) {
      const takeoff = takeoffOf(model, call);
      const loop = takeoff && model.context(call.node).loops.find((l) => l.kind !== 'comprehension');
      if (!takeoff || !loop) continue;
      let b = bindingsByLoop.get(loop.node);
      // The loop's own targets too: `for i, (input, target) in enumerate(loader)` rebinds `target` at the top of
      // each iteration, so `target = target.cpu().numpy()` at the end of the body never reaches the next `target.cuda()`.
      if (!b) bindingsByLoop.set(loop.node, (b = loop.kind === 'for' ? bindingsIn(model, loop.node) : bindingsIn(model, loop.body)));
      const back = new Flow(model, loop, b).follow(takeoff);
      if (back) out.push({ takeoff, back });
    }
  }
  tripCache.set(model, out);
  return out;
}

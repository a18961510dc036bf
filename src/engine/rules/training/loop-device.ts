// Whether a training loop runs on an accelerator, as the loop itself shows it: something it
// moves there, a helper it calls that does, or a variable it uses that was put there before.
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { deviceOfCall } from '../../model/devices';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';

/** A call that puts something on a device: `.cuda()`, `.to(device)`, `device=...`, `torch.cuda.*`, Accelerate's `prepare`. */
export function movesToDevice(model: ModuleModel, c: CallSite): boolean {
  if (c.receiver && c.name === 'prepare') return true;
  const target = c.kwargs.get('device') ?? (c.receiver && c.name === 'to' ? c.args[0] : undefined);
  if (target) return !onCpu(model, target);
  return deviceOfCall(c) !== undefined;
}

/** `"cpu"` or `torch.device("cpu")`, also through a variable. */
function onCpu(model: ModuleModel, v: Value): boolean {
  const r = model.resolve(v);
  const device = r.kind === 'call' && r.call.qualified === 'torch.device' ? model.resolve(r.call.args[0] ?? r) : r;
  return device.kind === 'string' && device.value === 'cpu';
}

/**
 * In a notebook, whose cells may use a GPU in one section and not in another: whether the step
 * loop's own work is on a device. It (or a local function it calls) moves something there, or a
 * name it uses was put there before it (`net.cuda()`, `w = torch.rand(1, device=device)`).
 */
export function loopOnDevice(model: ModuleModel, loop: LoopInfo): boolean {
  const within = (c: CallSite, n: SNode) => c.node.start >= n.start && c.node.end <= n.end;
  const moves = (c: CallSite) => movesToDevice(model, c);
  const inside = model.calls.filter((c) => within(c, loop.node));
  const helpers = new Set(inside.filter((c) => unparen(c.callee).type === 'identifier').map((c) => c.name));
  // The definition in force when the loop runs: the last one before it (notebooks redefine helpers).
  const bodies = [...helpers].map((name) => model.functions.filter((f) => !f.cls && f.name === name && f.node.end < loop.node.start).pop()?.node);
  if (inside.some(moves) || model.calls.some((c) => moves(c) && bodies.some((b) => b && within(c, b)))) return true;
  // Variables the loop uses and does not bind itself (not modules: `torch.cuda.is_available()` puts nothing of the loop's on a device).
  const nodes = [...descendants(loop.node)];
  const bound = new Set([...loop.targets, ...nodes.filter((d) => d.type === 'assignment').flatMap((d) => names(model, child(d, 'left')))]);
  const used = new Set(nodes.filter((d) => d.type === 'identifier' && !model.imports.has(model.text(d)) && !bound.has(model.text(d))).map((d) => model.text(d)));
  return model.calls.some((c) => {
    if (c.node.end > loop.node.start || !moves(c)) return false;
    const assigned = c.node.parent?.type === 'assignment' ? child(c.node.parent, 'left') : undefined;
    const root = c.receiver && rootName(model, c.receiver);
    if (root !== undefined && used.has(root)) return true;
    return assigned?.type === 'identifier' && used.has(model.text(assigned)) && model.originOf(model.text(assigned), loop.node) === c.node;
  });
}

/** Names bound by an assignment target (`x`, `x, y`; not `self.x` or `x[i]`). */
export function names(model: ModuleModel, target: SNode | undefined): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [model.text(target)];
  return target.type === 'pattern_list' || target.type === 'tuple_pattern' ? target.children.flatMap((c) => names(model, c)) : [];
}

/** The variable at the root of `net.fc`, `x[0]` (not of a call's result: `t.rand(3).cuda()` moves a new tensor). */
export function rootName(model: ModuleModel, node: SNode): string | undefined {
  let n = unparen(node);
  while (n.type === 'attribute' || n.type === 'subscript') {
    const inner = child(n, n.type === 'attribute' ? 'object' : 'value');
    if (!inner) return undefined;
    n = unparen(inner);
  }
  return n.type === 'identifier' ? model.text(n) : undefined;
}

/** `torch.cuda.is_available()`, `torch.accelerator.is_available()`, `use_cuda` and the like, as a condition. */
const GPU_CONDITION = /(cuda|accelerator)\.is_available\(\)|^(use_cuda|use_gpu|cuda|gpu|has_cuda|args\.cuda|args\.use_cuda)$/;

/**
 * Code that only runs without a GPU: the `else` of `if torch.cuda.is_available():` (or of
 * `if use_cuda:`), or the body of `if not torch.cuda.is_available():`.
 */
export function inCpuBranch(model: ModuleModel, node: SNode): boolean {
  for (let n: SNode | undefined = node; n?.parent; n = n.parent) {
    const p = n.parent;
    if (n.type === 'else_clause' && p.type === 'if_statement') {
      const cond = child(p, 'condition');
      if (cond && GPU_CONDITION.test(model.text(unparen(cond)))) return true;
    }
    if (p.type === 'if_statement' && n.field === 'consequence') {
      const cond = child(p, 'condition');
      const inner = cond?.type === 'not_operator' ? child(cond, 'argument') : undefined;
      if (inner && GPU_CONDITION.test(model.text(unparen(inner)))) return true;
    }
  }
  return false;
}

/**
 * An Intel CPU script: it optimises with `intel_extension_for_pytorch` and never names CUDA or
 * an XPU, so `Accelerator()` there runs on the CPU and GPU advice does not apply.
 */
export function intelCpuOnly(model: ModuleModel): boolean {
  return model.importsModule('intel_extension_for_pytorch') && !/cuda|xpu/i.test(model.file.text);
}

/**
 * The script picks its device from an option that defaults to the CPU (`parser.add_argument("--device",
 * default="cpu")`, as in makemore): as written it runs on the CPU, and GPU advice holds only for the
 * runs that ask for one.
 */
export function cpuByDefault(model: ModuleModel): boolean {
  return model.calls.some((c) => {
    if (c.name !== 'add_argument' || !c.args.some((a) => a.kind === 'string' && /^--?(device|accelerator)$/.test(a.value))) return false;
    const d = c.kwargs.get('default');
    const v = d && model.resolve(d);
    return v?.kind === 'string' && v.value === 'cpu';
  });
}

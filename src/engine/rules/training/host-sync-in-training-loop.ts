// FRG111: `.item()`, `.cpu()`, `.tolist()` or `print(tensor)` at every step of a GPU training
// loop, each of which makes the host wait for the device to drain its queue.
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import { child, descendants, enclosingStatement, type SNode, unparen } from '../../parse/syntax';
import type { Report, Rule } from '../rule';
import { type Guard, guardsOf, SIMULATORS, trainingFacts } from './shared';
import { loopOnDevice, movesToDevice, names, rootName } from './loop-device';
import { roundTrips } from './gpu-cpu-roundtrip';
import { onlyToyModels } from './model-size';
import { shortRun } from './frequency';
import { CONFIDENCE_DOCS, workloadGated } from './workload';
import { walkedCollection } from '../inference/shared';

const SYNC_METHODS = new Set(['item', 'cpu', 'tolist', 'numpy']);
/** `i in <steps>` (not `not in`). */
const STEP_IN = /^\w+\s+in\s/;
/** Conditions true only on the last step. */
const LAST_STEP = /==\s*len\(|len\([^)]*\)\s*-\s*1|\b(last|is_last|final)\b/;
/** torch namespaces whose calls return something other than a tensor (modules, optimisers, devices). */
const NOT_TENSORS = ['torch.utils.', 'torch.optim.', 'torch.cuda.', 'torch.distributed.', 'torch.backends.', 'torch.nn.'];
/** Conversions that read a tensor's value on the host. */
const CONVERSIONS = new Set(['print', 'float', 'int']);

/** Whether a method chain below `node` already contains a sync (`x.cpu().numpy()` is one sync). */
function chainHasSync(model: ModuleModel, node: SNode | undefined): boolean {
  for (let n = node && unparen(node); n?.type === 'call'; ) {
    const callee = unparen(child(n, 'function') ?? n);
    if (callee.type !== 'attribute') return false;
    const attr = child(callee, 'attribute');
    if (attr && SYNC_METHODS.has(model.text(attr))) return true;
    const obj = child(callee, 'object');
    n = obj && unparen(obj);
  }
  return false;
}

/** Receivers of `.backward()` inside the loop body: those are tensors (the loss). */
function backwardReceivers(model: ModuleModel, loop: LoopInfo): Set<string> {
  const out = new Set<string>();
  for (const c of model.calls) {
    if (c.name === 'backward' && c.receiver && c.node.start >= loop.body.start && c.node.end <= loop.body.end) out.add(model.text(c.receiver));
  }
  return out;
}

/** Whether an expression is (most likely) a torch tensor: the loss, or the output of a torch op or module. */
function isTensor(model: ModuleModel, node: SNode, losses: Set<string>): boolean {
  const n = unparen(node);
  if (n.type === 'attribute' && ['data', 'grad'].includes(model.text(child(n, 'attribute') ?? n))) {
    const obj = child(n, 'object');
    return obj !== undefined && isTensor(model, obj, losses);
  }
  if (n.type !== 'identifier') return false;
  if (losses.has(model.text(n))) return true;
  const origin = model.originCall(n);
  if (!origin) return false;
  const q = origin.qualified;
  if (q?.startsWith('torch.')) return q.startsWith('torch.nn.functional.') || !NOT_TENSORS.some((p) => q.startsWith(p));
  const callee = unparen(origin.callee);
  return (callee.type === 'identifier' || callee.type === 'attribute') && model.typesOf(callee).some((t) => t.startsWith('torch.nn.'));
}

/**
 * The tensor expressions that `print(...)`/`float(...)` formats: arguments, f-string fields,
 * `"..." % (a, b)` operands and `"...".format(a, b)` arguments.
 */
function formattedTensors(model: ModuleModel, call: CallSite, losses: Set<string>): SNode[] {
  const out: SNode[] = [];
  const visit = (node: SNode): void => {
    const n = unparen(node);
    if (n.type === 'string') {
      for (const part of n.children) {
        const expr = part.type === 'interpolation' ? child(part, 'expression') : undefined;
        if (expr) visit(expr);
      }
    } else if (n.type === 'binary_operator' && child(n, 'operator')?.type === '%' && unparen(child(n, 'left') ?? n).type === 'string') {
      const right = child(n, 'right');
      const r = right && unparen(right);
      if (r?.type === 'tuple') r.children.forEach(visit);
      else if (r) visit(r);
    } else if (n.type === 'call' && model.callSite(n).name === 'format' && unparen(model.callSite(n).receiver ?? n).type === 'string') {
      model.callSite(n).args.forEach((a) => visit(a.node));
    } else if (isTensor(model, n, losses)) {
      out.push(n);
    }
  };
  call.args.forEach((a) => visit(a.node));
  return out;
}

/**
 * How the loop's step already reads a loss-scaling check on the host every step, if it does:
 * `'scaler'`, GradScaler's `step` (`scaler.step(optimizer)` reads `found_inf`); `'engine'`, a
 * DeepSpeed engine or FP16 optimizer (`engine.backward(loss)` in a file that imports deepspeed) or
 * apex's `amp.scale_loss`, whose loss scaling checks for overflow.
 */
function lossScaling(model: ModuleModel, loop: SNode): 'scaler' | 'engine' | undefined {
  const deepspeed = model.importsModule('deepspeed');
  const apex = model.importsModule('apex');
  let found: 'engine' | undefined;
  for (const c of model.calls) {
    if (c.node.start < loop.start || c.node.end > loop.end) continue;
    if (c.name === 'step' && c.receiver) {
      const made = model.originCall(c.receiver);
      if ((made?.qualified !== undefined && /^torch\.(cuda\.)?amp\.(grad_scaler\.)?GradScaler$/.test(made.qualified)) || (!made && /scaler/i.test(model.text(c.receiver)))) return 'scaler';
    }
    if ((deepspeed && c.name === 'backward' && c.receiver !== undefined && c.args.length > 0) || (apex && c.name === 'scale_loss')) found = 'engine';
  }
  return found;
}

/** `step % k != 0` or a bare `step % k`: true on most steps. */
function nonzeroModulo(model: ModuleModel, cond: SNode): boolean {
  return model.text(cond).includes('%') && (/!=\s*0\b/.test(model.text(cond)) || unparen(cond).type === 'binary_operator');
}

/** The guarded branch runs only now and then: under `step % k == 0`, in the `else` of `step % k != 0`, or on the last step. */
function periodicBranch(model: ModuleModel, g: Guard, loop: LoopInfo): boolean {
  // A flag computed from the step (`is_eval_step = step % cfg.eval_steps == 0`) stands for its test.
  const c = unparen(g.condition);
  // The step counter among chosen steps: `if i in np.linspace(0, iterations, 10)`, `if step in milestones`.
  if (g.positive && c.type === 'comparison_operator' && STEP_IN.test(model.text(c)) && loop.targets.includes(model.text(c.children[0]))) return true;
  const flag = c.type === 'identifier' ? model.originOf(model.text(c), c) : undefined;
  const condition = flag && /%/.test(model.text(flag)) ? flag : g.condition;
  const cond = model.text(condition);
  if (!cond.includes('%')) return g.positive && LAST_STEP.test(cond);
  return g.positive !== nonzeroModulo(model, condition);
}

/** `if step % k != 0: continue` earlier in the loop body skips the rest of most steps. */
function skippedMostSteps(model: ModuleModel, node: SNode, loop: LoopInfo): boolean {
  for (let stmt: SNode | null = node; stmt && stmt !== loop.body; stmt = stmt.parent) {
    if (stmt.parent?.type !== 'block') continue;
    for (const s of stmt.parent.children) {
      if (s.start >= stmt.start) break;
      if (s.type !== 'if_statement') continue;
      const cond = child(s, 'condition');
      const body = child(s, 'consequence')?.children.filter((c) => c.type !== 'comment') ?? [];
      if (cond && nonzeroModulo(model, cond) && body.length === 1 && body[0].type === 'continue_statement') return true;
    }
  }
  return false;
}

export const hostSyncInTrainingLoop: Rule = {
  meta: {
    code: 'FRG111',
    name: 'host-sync-in-training-loop',
    category: 'training',
    severity: 'info',
    summary: '`.item()`, `.cpu()`, `.tolist()` or `print(tensor)` at every step of a GPU training loop',
    messages: {
      method: '`.{method}()` at every training step makes the CPU wait until the GPU has finished all queued work{more}',
      accumulate:
        '`+= {expr}` at every training step makes the CPU wait for the GPU: accumulate `{tensor}.detach()` on the device and call `.item()` once per epoch{more}',
      format: '`{fn}({expr})` at every training step reads a GPU tensor on the CPU, which waits until the GPU has finished all queued work{more}',
    },
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'In a file that uses CUDA, checks the body of training loops (loops that call `.backward()`, `optimizer.step()` or ' +
        '`apply_gradients`, directly or through a local `train_step` function) for `.item()`, `.cpu()`, `.tolist()` (and, with ' +
        'TensorFlow, `.numpy()`), and for `print`, `float` or `int` applied to a tensor (the loss, or the output of a torch op or ' +
        'module). In a PyTorch notebook, whose sections may use a GPU or not, and in a file with several training loops of which some show a device and some do not (a library of training helpers), the loop itself must show the device: it (or the ' +
        'last definition of a local function it calls) moves something there (`.cuda()`, `.to(device)` or `device=` not naming ' +
        'the CPU), or a variable it uses and does not bind itself was put there before it (`net.cuda()`). Reads of the loader\'s batch (a loop target, or an item of one: `[label.tolist() for label in target]`) before the loop moves it to a device are host memory and left alone. Loops that step an environment (`env.step(action)`: reinforcement learning, where the host reads the policy\'s output every step to act anyway) are left alone. Calls under `if step % k == 0:` (also through a flag set from that test: `is_eval_step = step % k == 0`), under a test of the step counter against chosen steps (`if i in milestones:`), after `if step % k: continue`, in a branch for the last step, or right after an explicit `torch.cuda.synchronize()` (the GPU has caught up already), and reads in a loop that synchronises the device itself at every step (`torch.cuda.synchronize()` to time each step, not under a test or only under tests of which device runs: `elif device == "cuda":`), and reads in a loop that branches every step on a check of a tensor\'s values (`if not torch.isfinite(loss): raise ...`, which waits for the GPU anyway), are left alone. ' +
        'Only reads for logging and metrics are avoidable: `.cpu()`/`.tolist()`/`.numpy()` whose result is handed on to other code ' +
        '(gradients sent to an RPC parameter server, `model.cpu().parameters()`) are left alone. A loop is reported once, at its ' +
        'first sync, with the loop\'s other syncs as related locations. A step loop that runs a known, small number of times (`for _ in range(10)`, under 100, not inside another loop) is a demo or a sanity check and is left alone. Applies to any GPU the file shows (CUDA, `torch.accelerator`, ' +
        'Accelerate, Intel `xpu` and Apple `mps`: all run asynchronously).' + ' ' + CONFIDENCE_DOCS.hostSync + ' A sync under `if args.verbose:` or `if debug:` is low confidence: it runs only when someone asks for the output. So is one in a loop that steps a `torch.amp.GradScaler` (`scaler.step(optimizer)`), which reads its inf check on the host at every step: the step waits for the GPU there anyway; the same for a loop that steps a DeepSpeed engine or FP16 optimizer (`model_engine.backward(loss)` in a file that imports deepspeed) or uses apex\'s `amp.scale_loss`, whose loss scaling checks for overflow on the host. In reinforcement learning (a file that imports `gym`, `gymnasium`, `envpool` or `pettingzoo`) the run waits on the simulation, and a per-step read is low confidence too. So is one in a loop that copies its batch to the GPU without `non_blocking=True` (`images.to(device)`, `x.cuda()`, not under a test) from a loader with worker processes (`num_workers` not 0, also through an argparse default; where the loop\'s loader is not visible, every DataLoader in the file): PyTorch waits for the stream to finish after such a copy, so the step already waits for the GPU there, and with the next batch prepared in the workers the read adds little of its own. Without workers the read also stops the next batch\'s collation from overlapping the GPU and stays high confidence; in a file that imports Accelerate, whose prepared loaders hand over batches already on the device, `.to(device)` copies nothing.',
      whyBad:
        'CUDA runs asynchronously: Python queues kernels and moves on while the GPU works. Reading a value back on the host ' +
        '(`.item()`, `.cpu()`, printing a tensor) has to wait for every queued kernel to finish, so the CPU stops feeding the GPU and ' +
        'the GPU idles until the next kernels arrive. Done at every step, the pipeline never fills and the run takes longer for the ' +
        'same work.',
      evidence:
        'The PyTorch Performance Tuning Guide lists "Avoid unnecessary CPU-GPU synchronization" (`print(cuda_tensor)`, ' +
        '`cuda_tensor.item()`, `.cpu()`, memory copies) among its GPU optimisations. In torchtune, profiling a Llama 2 7B LoRA ' +
        'fine-tune showed 40-50 ms per step spent in `cudaStreamSynchronize` for `loss.item()`, which was moved into the logging ' +
        'branch (PR #522); in fVDB, deferring one of two per-step `.item()` calls raised throughput by 5-7 % on one GPU and about ' +
        '10 % on two (PR #144). The cost is largest when steps are short. The same guide counts memory copies (`tensor.cuda()`, `.to(device)`) among the syncs: a copy without `non_blocking=True` waits for the stream, and in Accelerate one such `.to()` per layer was a `cudaStreamSynchronize` each time (making it non-blocking cut a BLOOM-176B forward pass by 15 %, PR #607). A loop with such a copy waits once per step whatever it reads, which is why its reads are low confidence.',
      example:
        'loader = DataLoader(ds, batch_size=256, num_workers=8, pin_memory=True)\nfor x, y in loader:\n    loss = loss_fn(model(x.cuda(non_blocking=True)), y.cuda(non_blocking=True))\n    loss.backward()\n    optimizer.step()\n    running_loss += loss.item()',
      useInstead:
        'running_loss = torch.zeros((), device="cuda")\nfor step, (x, y) in enumerate(loader):\n    loss = loss_fn(model(x.cuda(non_blocking=True)), y.cuda(non_blocking=True))\n' +
        '    loss.backward()\n    optimizer.step()\n    running_loss += loss.detach()\n    if step % 100 == 0:\n        print(f"loss {loss.item():.4f}")\n' +
        'epoch_loss = running_loss.item() / len(loader)',
      fixSafety: 'No automatic fix: accumulating on the device and reading once per epoch, or logging every k steps, is a change to the loop\'s logic.',
    },
  },
  create(outer) {
    const { model } = outer;
    // A toy (under 10,000 parameters, every size written down) steps in microseconds: a sync costs nothing anyone would measure.
    if (!model.evidence.gpu || onlyToyModels(model)) return {};
    // A run without evidence of its size may be a demo of seconds.
    const ctx = workloadGated(outer);
    const { stepLoops } = trainingFacts(model);
    if (stepLoops.size === 0) return {};
    const tensorflow = model.importsModule('tensorflow');
    const losses = new Map<SNode, Set<string>>();
    const lossesOf = (loop: LoopInfo) => {
      const cached = losses.get(loop.node) ?? backwardReceivers(model, loop);
      losses.set(loop.node, cached);
      return cached;
    };
    const devices = new Map<SNode, boolean>();
    const onDevice = (loop: LoopInfo) => {
      if (!devices.has(loop.node)) devices.set(loop.node, loopOnDevice(model, loop));
      return devices.get(loop.node)!;
    };
    // A file whose training loops do not all show the device (a library of `train_ch3` on the CPU
    // beside `train_ch5(..., device)`): like a notebook's sections, each loop must show its own.
    let mixed: boolean | undefined;
    const perLoopDevice = () => (mixed ??= model.evidence.notebook || (stepLoops.size >= 2 && model.loops.some((l) => stepLoops.has(l.node) && onDevice(l))));
    // One decision per loop: the first sync is the finding, the loop's other syncs its related locations.
    const found = new Map<SNode, Report[]>();
    const add = (loop: LoopInfo, r: Report) => {
      const list = found.get(loop.node) ?? [];
      list.push(r);
      found.set(loop.node, list);
    };
    return {
      call(call) {
        const method = call.receiver && call.args.length === 0 && SYNC_METHODS.has(call.name) ? call.name : undefined;
        const conversion = call.qualified && CONVERSIONS.has(call.qualified) ? call.qualified : undefined;
        if (!method && !conversion) return;
        const loop = model.context(call.node).loops.find((l) => stepLoops.has(l.node));
        if (!loop || (!tensorflow && perLoopDevice() && !onDevice(loop)) || stepsEnvironment(model, loop) || shortRun(model, loop.node)) return;
        if (guardsOf(call.node, loop.node).some((g) => periodicBranch(model, g, loop))) return;
        // A copy that goes back to the device in the same iteration is a round trip (`gpu-cpu-roundtrip`).
        if (roundTrips(model).some(({ takeoff: t }) => (t.start <= call.node.start && call.node.end <= t.end) || (call.node.start <= t.start && t.end <= call.node.end))) return;
        if (skippedMostSteps(model, call.node, loop)) return;
        // Right after an explicit `torch.cuda.synchronize()`: the GPU has already caught up, the read adds no stall.
        if (afterExplicitSync(model, call.node)) return;
        // The step already waits for the GPU on a check it needs (`if not torch.isfinite(loss): raise`): one more read adds no stall.
        if (checksTensorEveryStep(model, loop)) return;
        // The step synchronises the device itself every iteration (`torch.cuda.synchronize()` to time it): a read adds no stall.
        if (synchronisesEveryStep(model, loop)) return;
        if (method) {
          if (method === 'numpy' && !tensorflow) return;
          if (chainHasSync(model, call.receiver)) return;
          if (method === 'cpu' && model.typesOf(call.receiver).some((t) => t.startsWith('torch.nn.'))) return;
          if (method !== 'item' && requiredTransfer(model, call)) return;
          if (hostBatch(model, call, loop)) return;
          // A value the step branches on (`if loss.item() < target: break`) is part of the loop's logic, not logging.
          if (inCondition(call.node, loop.node)) return;
          const attr = child(unparen(call.callee), 'attribute');
          const parent = call.node.parent;
          const accumulates = method === 'item' && parent?.type === 'augmented_assignment' && child(parent, 'right') === call.node;
          add(loop, {
            node: attr ?? call.callee,
            messageId: accumulates ? 'accumulate' : 'method',
            data: { method, expr: model.text(call.node), tensor: model.text(call.receiver!) },
          });
          return;
        }
        for (const expr of formattedTensors(model, call, lossesOf(loop))) {
          add(loop, { node: expr, messageId: 'format', data: { fn: conversion!, expr: model.text(expr) } });
        }
      },
      end() {
        for (const [loop, [first, ...rest]] of found) {
          // Under `if args.verbose:` / `if debug:` the sync runs only when someone asks for the output.
          const optIn = guardsOf(first.node).some((g) => g.positive && /\b(verbose|debug)\b/i.test(model.text(g.condition)));
          // `scaler.step(optimizer)` reads GradScaler's inf check on the host: the step already waits for the GPU there.
          const scaling = optIn ? undefined : lossScaling(model, loop);
          const scaled = scaling === 'scaler';
          const engine = scaling === 'engine';
          // Reinforcement learning: the run waits on the environment's simulation, next to which a per-step read is noise.
          const simulated = !optIn && !scaled && !engine && SIMULATORS.some((m) => model.importsModule(m));
          // A blocking copy of the batch to the GPU waits for the stream at every step already.
          const blocking = !optIn && !scaled && !engine && !simulated ? blockingBatchCopy(model, loop) : undefined;
          ctx.report({
            ...first,
            confidence: optIn || scaled || engine || simulated || blocking ? 'low' : first.confidence,
            why: optIn
              ? 'the sync runs only under a verbose or debug flag'
              : scaled
                ? 'the loop already waits for the GPU at every step in `scaler.step()`, which reads the gradient scaler\'s inf check on the host'
                : engine
                  ? 'with loss scaling, the DeepSpeed or apex step already checks for overflow on the host at every step'
                  : simulated
                    ? 'reinforcement learning: the run waits on the environment\'s simulation, next to which a per-step read is noise'
                    : blocking
                      ? `the loop already waits for the GPU at every step in \`${model.text(blocking.node)}\`: a copy to the GPU without \`non_blocking=True\` waits for the stream`
                      : first.why,
            data: { ...first.data, more: rest.length ? ` (${rest.length} more in this loop)` : '' },
            related: rest.map((r) => ({ node: r.node, message: `another per-step sync: \`${model.text(r.node)}\`` })),
          });
        }
      },
    };
  },
};

/**
 * The loop's first copy of its batch (a loop target, or an item of one) to the GPU that blocks:
 * `.to(device)` or `.cuda()` without `non_blocking=True`. CUDA synchronises the stream before a
 * copy from pageable memory (and PyTorch waits for a blocking copy from pinned memory), so the
 * step already waits for the GPU there and a read of the loss adds little of its own.
 */
function blockingBatchCopy(model: ModuleModel, loop: SNode): CallSite | undefined {
  const info = model.loops.find((l) => l.node === loop);
  // Accelerate's prepared loaders hand over batches already on the device: their `.to(device)` copies nothing.
  if (!info || info.kind === 'comprehension' || model.importsModule('accelerate') || !loaderWithWorkers(model, info)) return undefined;
  return model.calls.find((c) => {
    if (c.node.start < info.body.start || c.node.end > info.body.end || (c.name !== 'to' && c.name !== 'cuda') || !c.receiver || c.hasSplat) return false;
    // A copy under a test (`if not args.prefetcher:`) may not run; one on the GPU path (`if use_gpu:`) runs there.
    if (!guardsOf(c.node, loop).every((g) => deviceTest(model, g.condition))) return false;
    if (!movesToDevice(model, c) || (c.name === 'to' && !namesDevice(model, c))) return false;
    const nb = c.kwargs.get('non_blocking') ?? c.kwargs.get('async');
    if (nb && model.text(nb.node) !== 'False') return false;
    if (c.args.some((a) => model.text(a.node) === 'True')) return false;
    const name = batchName(model, c);
    return name !== undefined && (info.targets.includes(name) || unpackedFromTarget(model, info, name));
  });
}

/** `images, boxes, labels = data` (or `x = batch["image"]`, `imgs, attrs = data[0], data[1]`) in the loop's body, from its targets. */
function unpackedFromTarget(model: ModuleModel, loop: LoopInfo, name: string): boolean {
  return loop.body.children.some((s) => {
    const a = s.type === 'expression_statement' ? s.children[0] : undefined;
    if (a?.type !== 'assignment') return false;
    const left = child(a, 'left');
    const right = child(a, 'right');
    if (!left || !right || !(left.type === 'identifier' ? [left] : left.children).some((n) => n.type === 'identifier' && model.text(n) === name)) return false;
    const parts = right.type === 'expression_list' || right.type === 'tuple' ? right.children : [right];
    return parts.every((p) => {
      const root = rootName(model, p);
      return root !== undefined && loop.targets.includes(root);
    });
  });
}

/** The name a call's receiver is rooted in, seen through a comprehension over it (`[t.cuda() for t in batch]` → `batch`). */
function batchName(model: ModuleModel, call: CallSite): string | undefined {
  const name = call.receiver && rootName(model, call.receiver);
  const comprehension = model.context(call.node).loops.find((l) => l.kind === 'comprehension' && name !== undefined && l.targets.includes(name));
  return comprehension?.iter ? rootName(model, comprehension.iter) : name;
}

/**
 * The loop reads batches that worker processes prepare: its loader (or, where the loop's loader
 * is not visible, every DataLoader in the file) sets `num_workers` to something other than 0.
 * Then little host work sits between one step's read and the next step's copy, which waits anyway.
 * Without workers the next batch's collation could overlap the GPU, and the read stops it.
 */
function loaderWithWorkers(model: ModuleModel, loop: LoopInfo): boolean {
  // Through `enumerate(loader)`, `tqdm(loader)`, `iter(loader)`.
  const made = loop.iter && model.originCall(walkedCollection(model, loop.iter));
  const isLoader = (c: CallSite) => c.qualified === 'torch.utils.data.DataLoader' || c.name === 'DataLoader';
  const loaders = made && isLoader(made) ? [made] : model.calls.filter(isLoader);
  return (
    loaders.length > 0 &&
    loaders.every((c) => {
      const n = model.arg(c, 'num_workers', 5);
      let r = n && model.resolve(n);
      // An argparse option or a parameter falls back to its default (`--num_workers`, default 0).
      const fallback = r?.kind === 'name' ? model.defaultOf(r.name, r.node) : undefined;
      if (fallback) r = model.resolve(model.value(fallback));
      return r ? !(r.kind === 'number' && r.value === 0) : c.hasSplat;
    })
  );
}

/** `.to(device)`, `.to("cuda")`, `.to(torch.device(...))`, `.to(x.device)`, `.to(rank)`: a device, not a dtype. */
function namesDevice(model: ModuleModel, c: CallSite): boolean {
  const arg = c.kwargs.get('device') ?? c.args[0];
  if (!arg) return false;
  const r = model.resolve(arg);
  if (r.kind === 'string') return /^(cuda|mps|xpu)/.test(r.value);
  if (r.kind === 'call') return r.call.qualified === 'torch.device';
  if (r.kind === 'number') return true;
  return /(^|[._])(device|dev|cuda|gpu|rank|local_rank)$/i.test(model.text(arg.node)) && !/dtype/i.test(model.text(arg.node));
}

/**
 * The loop steps an environment (`env.step(action)`, a gym or gymnasium one): the host must read
 * the policy's output every step to act, so a logging read adds no stall of its own.
 */
function stepsEnvironment(model: ModuleModel, loop: LoopInfo): boolean {
  return model.calls.some(
    (c) =>
      c.name === 'step' && c.receiver !== undefined && c.args.length > 0 && c.node.start >= loop.node.start && c.node.end <= loop.node.end &&
      (/env/i.test(rootName(model, c.receiver) ?? '') || model.typesOf(c.receiver).some((t) => /^(gym|gymnasium)\./.test(t))),
  );
}

/**
 * `label.tolist()` on part of the loader's batch (a loop target, or an item of one) that the
 * loop has not moved to a device before: a read of host memory, no wait for the device.
 */
function hostBatch(model: ModuleModel, call: CallSite, loop: LoopInfo): boolean {
  const name = batchName(model, call);
  if (name === undefined || !loop.targets.includes(name)) return false;
  return !model.calls.some((c) => {
    if (c.node.start < loop.body.start || c.node.end > call.node.start || !movesToDevice(model, c)) return false;
    const assigned = c.node.parent?.type === 'assignment' ? child(c.node.parent, 'left') : undefined;
    return (c.receiver !== undefined && rootName(model, c.receiver) === name) || (assigned !== undefined && names(model, assigned).includes(name));
  });
}



/** Methods after `.cpu()` that show a module being moved, not a value being read. */
const MODULE_METHODS = new Set(['parameters', 'named_parameters', 'state_dict', 'buffers', 'modules', 'children']);
/** Calls that consume a host value for logging, metrics or bookkeeping: the avoidable kind of sync. */
const LOGGING = /^(print|log\w*|info|debug|warning|append|extend|add_scalars?|add_histogram|update|write|set_postfix\w*|format|str|float|int|round)$/;

/**
 * Whether `.cpu()`/`.tolist()`/`.numpy()` moves data the step needs on the host (gradients sent
 * to a parameter server, tensors handed to a library): only logging and metric reads are avoidable.
 */
function requiredTransfer(model: ModuleModel, call: CallSite): boolean {
  let n: SNode = call.node;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (p.type === 'attribute' && child(p, 'object') === n) {
      const attr = child(p, 'attribute');
      if (attr && MODULE_METHODS.has(model.text(attr))) return true;
      continue;
    }
    if (p.type === 'call' || p.type === 'subscript' || p.type === 'parenthesized_expression') continue;
    if (p.type === 'argument_list' || p.type === 'keyword_argument' || p.type === 'list' || p.type === 'tuple' || p.type === 'list_comprehension') {
      const outer = enclosingCall(p);
      if (!outer) return false;
      const site = model.callSite(outer);
      if (LOGGING.test(site.name)) return false;
      // `tensor.cpu()` handed on to other code (RPC, a library, a queue) is part of the step.
      return !(site.qualified && CONVERSIONS.has(site.qualified));
    }
    return false;
  }
  return false;
}

/** Whether `node` is part of an `if`/`while` condition inside the loop, or feeds a variable that one tests. */
function inCondition(node: SNode, loop: SNode): boolean {
  let prev = node;
  for (let p = node.parent; p && p !== loop; prev = p, p = p.parent) {
    if ((p.type === 'if_statement' || p.type === 'elif_clause' || p.type === 'while_statement') && prev.field === 'condition') return true;
    if (p.type.endsWith('statement') || p.type === 'block') return false;
  }
  return false;
}

function enclosingCall(node: SNode): SNode | undefined {
  for (let p: SNode | null = node; p; p = p.parent) {
    if (p.type === 'call') return p;
    if (p.type.endsWith('statement') || p.type === 'block') return undefined;
  }
  return undefined;
}

const TENSOR_CHECKS = new Set(['torch.isfinite', 'torch.isnan', 'torch.isinf', 'torch.any', 'torch.all']);
const TENSOR_CHECK_METHODS = new Set(['isfinite', 'isnan', 'isinf', 'any', 'all']);

/**
 * The loop body calls `torch.cuda.synchronize()` (or `torch.mps`/`xpu`/`accelerator`'s) at every
 * iteration: not under a test, or only under tests of which device runs (`elif device == "cuda":`).
 */
function synchronisesEveryStep(model: ModuleModel, loop: LoopInfo): boolean {
  return model.calls.some(
    (c) =>
      c.name === 'synchronize' && c.node.start >= loop.body.start && c.node.end <= loop.body.end &&
      /^torch\.(cuda|mps|xpu|accelerator)\.synchronize$/.test(c.qualified ?? model.text(c.callee)) &&
      guardsOf(c.node, loop.node).every((g) => deviceTest(model, g.condition)),
  );
}

/** A test of which device runs (`if args.cuda:`, `if use_gpu:`, `elif device == "cuda":`), true on the GPU path. */
function deviceTest(model: ModuleModel, condition: SNode): boolean {
  const text = model.text(condition);
  return /\b(device|device_type|cuda|mps|xpu|gpu|use_cuda|use_gpu)\b/i.test(text) && !text.includes('%');
}

/**
 * The loop branches, unconditionally each iteration, on a check of a tensor's values (`if not
 * torch.isfinite(loss): raise ...`): Python must wait for the GPU there, every step.
 */
function checksTensorEveryStep(model: ModuleModel, loop: LoopInfo): boolean {
  return loop.body.children.some((s) => {
    const condition = s.type === 'if_statement' ? child(s, 'condition') : undefined;
    return (
      condition !== undefined &&
      [condition, ...descendants(condition)].some((d) => {
        if (d.type !== 'call') return false;
        const c = model.callSite(d);
        return (c.qualified !== undefined && TENSOR_CHECKS.has(c.qualified)) || (c.receiver !== undefined && c.args.length === 0 && TENSOR_CHECK_METHODS.has(c.name) && !c.qualified);
      })
    );
  });
}

/** The statement before this one calls `torch.cuda.synchronize()` (or a device's `synchronize`). */
function afterExplicitSync(model: ModuleModel, node: SNode): boolean {
  const stmt = enclosingStatement(node);
  const block = stmt.parent;
  if (!block) return false;
  const siblings = block.children.filter((c) => c.type !== 'comment');
  const prev = siblings[siblings.indexOf(stmt) - 1];
  return prev !== undefined && model.calls.some((c) => c.node.start >= prev.start && c.node.end <= prev.end && c.name === 'synchronize');
}

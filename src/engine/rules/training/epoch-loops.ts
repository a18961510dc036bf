// Hand-written epoch loops (PyTorch, Accelerate, JAX): how many epochs they run, whether they
// evaluate on held-out data each epoch, track the best score, follow a fixed schedule, or stop.
import type { CallSite, LoopInfo, ModuleModel } from '../../model/model';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import { guardsOf, innermostLoop, isStepCall } from './shared';
import { numberValue } from './training-apis';

export interface EpochLoop {
  loop: LoopInfo;
  /** Epoch count when it can be read (a literal, a constant, a parameter or argparse default). */
  epochs?: number;
  /** Evaluates on validation/dev/test data every epoch. */
  validates: boolean;
  /** Keeps the best score so far (`best_val_loss`, `best_acc`). */
  tracksBest: boolean;
  /** The file builds a fixed learning-rate schedule (StepLR, cosine, one-cycle): the recipe sets the length. */
  schedule: boolean;
  /** Breaks, returns or raises on a condition other than a dry run, or counts patience. */
  stops: boolean;
  /**
   * Trains a generator against a discriminator, or a denoising diffusion model (noise added at
   * random timesteps): a GAN has no validation score to stop on, and a diffusion model's
   * noise-prediction loss flattens long before its samples stop improving.
   */
  adversarial: boolean;
}

/** Diffusion training: noise added by a scheduler at random timesteps (`scheduler.add_noise`, `q_sample`, MONAI's `DiffusionInferer`). */
export const DIFFUSION = /\.add_noise\(|\bq_sample\(|\b(DiffusionInferer|LatentDiffusionInferer|DDPMScheduler|DDIMScheduler|GaussianDiffusion)\b|\bnoise_scheduler\b|\bnum_train_timesteps\b|\bdiffusion_model\s*=/;
const EPOCH_TARGET = /^(epoch|epochs|ep|e|epoch_idx|epoch_num|n_epoch|i_epoch)$/i;
const EPOCH_BOUND = /epoch|n_?iter|num_iter/i;
const VALIDATION = /\b(val|validate|validation|dev|eval|evaluate|evaluation|test|idx_val|val_\w+|\w+_val|eval_\w+|\w+_eval|dev_\w+|test_\w+|\w+_test)\b/i;
const BEST = /\bbest_?\w*|\w+_best\b/i;
const PATIENCE = /patience|early_?stop|no_?improve|bad_epochs|stopper|wait_count|should_stop/i;
const DRY_RUN = /dry_?run|debug|smoke|fast_dev|quick|max_steps|max_iters?\b/i;
const SCHEDULERS = /^torch\.optim\.lr_scheduler\.[A-Z]|^transformers\.(get_\w+_schedule\w*|get_scheduler)$|^timm\.scheduler\./;

/** A library's or the project's scheduler factory (`torchreid.optim.build_lr_scheduler(optimizer, ...)`, `make_scheduler`). */
const SCHEDULER_FACTORY = /^(build|make|create|get)_(lr_)?scheduler$/;
/** A helper that sets the rate from the epoch (`adjust_learning_rate(args, optimizer, epoch)`, often in a module beside the script). */
const LR_BY_EPOCH = /^(adjust|update|set|schedule)_?(learning_rate|lr)\w*$/i;

/** A fixed learning-rate schedule built anywhere in the file (often stepped per batch, or in `configure_optimizers`). */
export function buildsFixedSchedule(model: ModuleModel): boolean {
  return (
    model.calls.some(
      (c) =>
        (c.qualified !== undefined && SCHEDULERS.test(c.qualified) && !/ReduceLROnPlateau/.test(c.qualified)) ||
        SCHEDULER_FACTORY.test(c.name) ||
        (LR_BY_EPOCH.test(c.name) && [...c.args, ...c.kwargs.values()].some((a) => /epoch/i.test(model.text(a.node)))),
    ) ||
    setsLearningRate(model)
  );
}

/**
 * A schedule written by hand: `param_group["lr"] = ...` (or `*=`), as in `adjust_learning_rate(optimizer,
 * epoch)`, not under a condition on a validation score (a hand-written plateau schedule adapts, like
 * `ReduceLROnPlateau`).
 */
function setsLearningRate(model: ModuleModel): boolean {
  return ['assignment', 'augmented_assignment'].some((type) =>
    model.nodesOfType(type).some((a) => {
      const left = child(a, 'left');
      const key = left?.type === 'subscript' ? child(left, 'subscript') : undefined;
      if (!key || !/^["']lr["']$/.test(model.text(key))) return false;
      for (let p = a.parent; p && p.type !== 'function_definition'; p = p.parent) {
        const condition = p.type === 'if_statement' || p.type === 'elif_clause' ? child(p, 'condition') : undefined;
        if (condition && (VALIDATION.test(model.text(condition)) || BEST.test(model.text(condition)) || /loss|acc|score|metric/i.test(model.text(condition)))) return false;
      }
      return true;
    }),
  );
}

const stepLoopsCache = new WeakMap<ModuleModel, readonly EpochLoop[]>();

/** `epochLoops` with optimizer steps (`isStepCall`) as the training steps, computed once per file. */
export function stepEpochLoops(model: ModuleModel): readonly EpochLoop[] {
  let loops = stepLoopsCache.get(model);
  if (!loops) {
    loops = epochLoops(model, (c) => isStepCall(model, c));
    stepLoopsCache.set(model, loops);
  }
  return loops;
}

/** Loops over epochs that run training steps: `for epoch in range(args.epochs): train(...)`. */
function epochLoops(model: ModuleModel, isStep: (c: CallSite) => boolean): EpochLoop[] {
  const stepFunctions = functionsReaching(model, isStep);
  const out: EpochLoop[] = [];
  for (const loop of model.loops) {
    if (loop.kind !== 'for' || !loop.iter) continue;
    const range = rangeCall(model, loop.iter);
    if (!range) continue;
    const bound = range.args[range.args.length === 1 ? 0 : 1];
    if (!bound) continue;
    if (!loop.targets.some((t) => EPOCH_TARGET.test(t)) && !EPOCH_BOUND.test(model.text(bound.node))) continue;
    // Nested inside another epoch-like loop (k-fold, a search): the outer decision is elsewhere.
    if (model.context(loop.node).loops.some((l) => l.kind === 'for')) continue;
    const calls = callsIn(model, loop.body);
    if (!calls.some((c) => isStep(c) || (localCallee(model, c) !== undefined && stepFunctions.has(localCallee(model, c)!)))) continue;
    out.push({ loop, epochs: epochCount(model, range), ...facts(model, loop, calls) });
  }
  return out;
}

function rangeCall(model: ModuleModel, iter: SNode): CallSite | undefined {
  const n = unparen(iter);
  if (n.type !== 'call') return undefined;
  const call = model.callSite(n);
  if (call.qualified === 'range') return call;
  if ((call.qualified === 'enumerate' || call.name === 'tqdm' || call.name === 'trange') && call.args[0]) {
    if (call.name === 'trange') return call;
    return rangeCall(model, call.args[0].node);
  }
  return undefined;
}

/** How many iterations `range(stop)`, `range(start, stop)` or `trange(...)` makes, when readable. */
function epochCount(model: ModuleModel, range: CallSite): number | undefined {
  if (range.args.length === 1) return boundValue(model, range.args[0]);
  const start = boundValue(model, range.args[0]);
  const stop = boundValue(model, range.args[1]);
  return start !== undefined && stop !== undefined ? stop - start : undefined;
}

/** `N`, `N + 1` or `args.epochs + 1`. */
function boundValue(model: ModuleModel, bound: { node: SNode }): number | undefined {
  const n = unparen(bound.node);
  if (n.type === 'binary_operator') {
    const left = child(n, 'left');
    const right = child(n, 'right');
    const op = child(n, 'operator');
    const l = left && numberValue(model, model.value(left));
    const r = right && numberValue(model, model.value(right));
    if (l !== undefined && r !== undefined && op) return model.text(op) === '+' ? l + r : model.text(op) === '-' ? l - r : undefined;
    return undefined;
  }
  return numberValue(model, model.value(n));
}

function callsIn(model: ModuleModel, body: SNode): CallSite[] {
  return model.calls.filter((c) => c.node.start >= body.start && c.node.end <= body.end);
}

/** The name of a module-level function or `self.method` a call invokes. */
function localCallee(model: ModuleModel, c: CallSite): string | undefined {
  const callee = unparen(c.callee);
  if (callee.type === 'identifier') return model.text(callee);
  if (c.receiver && model.text(c.receiver) === 'self') return c.name;
  return undefined;
}

/** Local functions whose body runs a training step, directly or through another local function. */
function functionsReaching(model: ModuleModel, isStep: (c: CallSite) => boolean): Set<string> {
  // Each function's own calls, found once (a walk per function and round would be quadratic).
  const byFunction = new Map<string, CallSite[]>();
  for (const c of model.calls) {
    const f = model.context(c.node).func;
    if (!f) continue;
    const list = byFunction.get(f.name);
    if (list) list.push(c);
    else byFunction.set(f.name, [c]);
  }
  const out = new Set<string>();
  for (const [name, calls] of byFunction) if (calls.some(isStep)) out.add(name);
  for (let round = 0; round < 3; round++) {
    for (const [name, calls] of byFunction) {
      if (!out.has(name) && calls.some((c) => out.has(localCallee(model, c) ?? ''))) out.add(name);
    }
  }
  return out;
}

function facts(model: ModuleModel, loop: LoopInfo, calls: CallSite[]): Omit<EpochLoop, 'loop' | 'epochs'> {
  // `model.eval()`/`model.train()` switch layers' mode; they are not validation data.
  const bodyText = model.text(loop.body).replace(/\.(eval|train)\(\)/g, '');
  const called = new Set(calls.map((c) => localCallee(model, c)).filter((n): n is string => n !== undefined));
  const calledBodies = model.functions.filter((f) => called.has(f.name)).map((f) => child(f.node, 'body')).filter((b): b is SNode => b !== undefined);
  const validates = VALIDATION.test(bodyText);
  const tracksBest = BEST.test(bodyText);
  const schedule = buildsFixedSchedule(model);
  let stops = PATIENCE.test(bodyText) || calledBodies.some((b) => PATIENCE.test(model.text(b)));
  for (const d of descendants(loop.body)) {
    if (stops) break;
    if (d.type !== 'break_statement' && d.type !== 'return_statement' && d.type !== 'raise_statement') continue;
    // A break of an inner loop ends that loop, not the epochs.
    if (d.type === 'break_statement' && innermostLoop(model, d)?.node !== loop.node) continue;
    const guards = guardsOf(d, loop.node);
    if (guards.length > 0 && guards.every((g) => DRY_RUN.test(model.text(g.condition)))) continue;
    stops = true;
  }
  const texts = [bodyText, ...calledBodies.map((b) => model.text(b))].join('\n');
  // `netG`/`netD`, `generator`/`discriminator`, `G_AB`/`D_A`, `G1`/`D2`, `optimizer_G`/`optimizer_D`.
  const adversarial =
    /\b(netG|generator\w*|gen_\w+|G(_?[A-Z0-9]\w*)?|\w+_G)\b/.test(texts) && /\b(netD|discriminator\w*|disc_\w+|D(_?[A-Z0-9]\w*)?|\w+_D)\b/.test(texts);
  return { validates, tracksBest, schedule, stops, adversarial: adversarial || DIFFUSION.test(texts) };
}

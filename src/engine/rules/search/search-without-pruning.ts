// FRG203: hyper-parameter searches that run every trial to the end: Optuna objectives that train
// iteratively without reporting, `NopPruner`, KerasTuner grid/random search, Ray Tune without a scheduler.
import { contains, type CallSite, type FunctionInfo, type LoopInfo, type ModuleModel } from '../../model/model';
import { child, type SNode, unparen } from '../../parse/syntax';
import { addImport, localName, replaceNode } from '../fixes';
import type { FixSpec, OffsetEdit, Rule, RuleContext } from '../rule';
import { calledTrainingFunction, isStepCall, trainsModelOrCalls } from './shared';
import { CONFIDENCE_DOCS, workloadGated } from '../training/workload';

const STUDY_FACTORIES = new Set(['optuna.create_study', 'optuna.load_study', 'optuna.study.create_study', 'optuna.study.load_study']);
const NOP_PRUNER = new Set(['optuna.pruners.NopPruner', 'optuna.pruners._nop.NopPruner']);
const MEDIAN_PRUNER = 'optuna.pruners.MedianPruner';
const KERAS_TUNER = /^keras_tuner\.(?:[\w.]+\.)?(RandomSearch|GridSearch)$/;
const RAY_RUN = new Set(['ray.tune.run', 'ray.tune.Tuner', 'ray.tune.tuner.Tuner']);
const RAY_CONFIG = new Set(['ray.tune.TuneConfig', 'ray.tune.tune_config.TuneConfig']);
const RAY_WRAPPERS = new Set(['ray.tune.with_parameters', 'ray.tune.with_resources']);
const RAY_REPORT = new Set(['ray.tune.report', 'ray.train.report', 'ray.air.session.report', 'ray.tune.session.report', 'ray.train.session.report']);
const RAY_NO_SCHEDULER = new Set(['ray.tune.schedulers.FIFOScheduler', 'ray.tune.schedulers.trial_scheduler.FIFOScheduler']);
/** Helpers named like one epoch or step of training (`train_one_epoch`, `train_step`). */
const EPOCH_FUNCTION = /^(train|fit|run)(_one)?_(epoch|step|batch)s?$/i;
/** Functions from elsewhere named like training (`train`, `train_model`), counted in epoch loops only. */
const TRAINING_FUNCTION = /^(train|fit)(_(?!test_split$)\w+)?$/i;
const EPOCH_TARGET = /epoch|step|iteration|round/i;

function isPruningIntegration(q: string | undefined): boolean {
  return q !== undefined && (q.startsWith('optuna.integration.') || q.startsWith('optuna_integration.'));
}

function localFunction(model: ModuleModel, node: SNode | undefined): FunctionInfo | undefined {
  const n = node && unparen(node);
  if (n?.type !== 'identifier') return undefined;
  const name = model.text(n);
  return model.functions.find((f) => f.name === name && !f.cls);
}

function callsIn(model: ModuleModel, fn: FunctionInfo, direct: boolean): CallSite[] {
  return model.calls.filter((c) => contains(fn.node, c.node) && (!direct || model.context(c.node).func === fn));
}

// ---- Optuna objectives ----

/** The function and its trial parameter behind `study.optimize(objective)`, a lambda or a `partial`. */
function optimizedFunction(model: ModuleModel, node: SNode): { fn: FunctionInfo; trial: string } | undefined {
  const n = unparen(node);
  if (n.type === 'identifier') {
    const fn = localFunction(model, n);
    return fn && fn.params[0] ? { fn, trial: fn.params[0] } : undefined;
  }
  if (n.type === 'lambda') {
    const param = child(n, 'parameters')?.children.find((c) => c.type === 'identifier');
    const body = child(n, 'body');
    if (!param || body?.type !== 'call') return undefined;
    const call = model.callSite(body);
    const fn = localFunction(model, call.callee);
    if (!fn) return undefined;
    const at = call.args.findIndex((a) => a.node.type === 'identifier' && model.text(a.node) === model.text(param));
    if (at >= 0 && fn.params[at]) return { fn, trial: fn.params[at] };
    for (const [k, v] of call.kwargs) if (v.node.type === 'identifier' && model.text(v.node) === model.text(param)) return { fn, trial: k };
    return undefined;
  }
  if (n.type === 'call') {
    const call = model.callSite(n);
    if (call.qualified !== 'functools.partial' || call.hasSplat) return undefined;
    const fn = localFunction(model, call.args[0]?.node);
    const free = fn?.params.slice(call.args.length - 1).filter((p) => !call.kwargs.has(p));
    return fn && free?.[0] ? { fn, trial: free[0] } : undefined;
  }
  return undefined;
}

/**
 * Optuna objectives and their trial parameter: functions that call `<param>.suggest_*()`, that
 * hand a parameter to a local function doing so (`build_model(trial)`), or that are passed to
 * `study.optimize`.
 */
function objectives(model: ModuleModel): Map<FunctionInfo, string> {
  const out = new Map<FunctionInfo, string>();
  const multi = new Set<FunctionInfo>();
  for (const c of model.calls) {
    if (!c.name.startsWith('suggest_') || c.receiver?.type !== 'identifier') continue;
    const fn = model.context(c.node).func;
    const trial = model.text(c.receiver);
    if (fn && fn.params.includes(trial) && !out.has(fn)) out.set(fn, trial);
  }
  const suggesting = new Map(out);
  for (const c of model.calls) {
    if (c.name === 'optimize' && c.receiver && STUDY_FACTORIES.has(model.originCall(c.receiver)?.qualified ?? '')) {
      const target = model.arg(c, 'func', 0);
      const found = target && optimizedFunction(model, target.node);
      if (found && !out.has(found.fn)) out.set(found.fn, found.trial);
      if (found && multiObjective(model, model.originCall(c.receiver)!)) multi.add(found.fn);
      continue;
    }
    const helper = localFunction(model, c.callee);
    const helperTrial = helper && suggesting.get(helper);
    const fn = model.context(c.node).func;
    if (!helper || !helperTrial || !fn || out.has(fn)) continue;
    const at = helper.params.indexOf(helperTrial);
    const passed = c.kwargs.get(helperTrial) ?? c.args[at];
    const name = passed?.node.type === 'identifier' ? model.text(passed.node) : undefined;
    if (name && fn.params.includes(name)) out.set(fn, name);
  }
  // Optuna's pruners do not support multi-objective studies (`trial.report` raises there).
  for (const fn of [...out.keys()]) if (multi.has(fn) || returnsSeveral(model, fn)) out.delete(fn);
  return out;
}

/** A study made with two or more `directions`: a multi-objective study. */
function multiObjective(model: ModuleModel, study: CallSite): boolean {
  const directions = study.kwargs.get('directions');
  const list = directions && model.resolve(directions);
  return list !== undefined && (list.kind !== 'list' || list.items.length > 1);
}

/** An objective that returns a tuple of values: one per objective of a multi-objective study. */
function returnsSeveral(model: ModuleModel, fn: FunctionInfo): boolean {
  return model.returnsOf(fn).some((r) => {
    const n = r.children[0] && unparen(r.children[0]);
    return n?.type === 'expression_list' || (n?.type === 'tuple' && n.children.length > 1);
  });
}

function reportsOrPrunes(model: ModuleModel, calls: CallSite[]): boolean {
  return calls.some((c) => ((c.name === 'report' || c.name === 'should_prune') && c.receiver !== undefined) || isPruningIntegration(c.qualified));
}

/**
 * Whether the objective may report intermediate values: it calls `trial.report`/`should_prune`
 * or a pruning callback, or hands the trial to code we cannot see.
 */
function mayPrune(model: ModuleModel, fn: FunctionInfo, trial: string): boolean {
  const calls = callsIn(model, fn, false);
  if (reportsOrPrunes(model, calls)) return true;
  for (const c of calls) {
    if (c.receiver && model.text(c.receiver) === trial) continue;
    const passes = [...c.args, ...c.kwargs.values()].some((a) => a.node.type === 'identifier' && model.text(a.node) === trial);
    if (!passes) continue;
    const helper = localFunction(model, c.callee);
    if (!helper || reportsOrPrunes(model, callsIn(model, helper, false))) return true;
  }
  return false;
}

function epochLike(model: ModuleModel, loop: LoopInfo): boolean {
  if (loop.kind === 'while') return true;
  const iter = loop.iter && unparen(loop.iter);
  return (iter?.type === 'call' && model.callSite(iter).qualified === 'range') || loop.targets.some((t) => EPOCH_TARGET.test(t));
}

/** Early stopping within the trial (`early_stopping_rounds=`, an `EarlyStopping` callback): it already ends early. */
function stopsEarly(model: ModuleModel, c: CallSite): boolean {
  if (c.hasSplat || c.kwargs.has('early_stopping_rounds')) return true;
  const callbacks = c.kwargs.get('callbacks');
  if (!callbacks) return false;
  const list = model.resolve(callbacks);
  if (list.kind !== 'list') return true;
  return list.items.some((item) => {
    const v = model.resolve(item);
    return v.kind !== 'call' || /early_?stopping/i.test(v.call.name);
  });
}

/**
 * One call that trains for many steps and accepts a pruning callback (Keras, native boosting,
 * Lightning), without early stopping of its own.
 */
function iterativeTrainingCall(model: ModuleModel, c: CallSite): boolean {
  if (c.qualified === 'xgboost.train' || c.qualified === 'lightgbm.train') return !stopsEarly(model, c);
  if (c.name !== 'fit' || !c.receiver) return false;
  const types = model.typesOf(c.receiver);
  if (types.includes('lightning.Trainer')) {
    const trainer = model.originCall(c.receiver);
    return trainer !== undefined && !stopsEarly(model, trainer);
  }
  const epochs = c.kwargs.get('epochs');
  const count = epochs && model.resolve(epochs);
  const many = count !== undefined && (count.kind !== 'number' || count.value > 1);
  return many && types.some((t) => t.startsWith('keras.')) && !stopsEarly(model, c);
}

function hasStepCall(model: ModuleModel, fn: FunctionInfo): boolean {
  return callsIn(model, fn, false).some(isStepCall);
}

/** Training that runs for many steps in `fn` itself: an epoch loop or an iterative trainer. */
function trainsIteratively(model: ModuleModel, fn: FunctionInfo): boolean {
  for (const c of callsIn(model, fn, true)) {
    if (iterativeTrainingCall(model, c)) return true;
    const loops = model.context(c.node).loops.filter((l) => l.kind !== 'comprehension' && contains(fn.node, l.node));
    if (loops.length === 0) continue;
    if (isStepCall(c) || (c.callee.type === 'identifier' && EPOCH_FUNCTION.test(c.name))) return true;
    const helper = calledTrainingFunction(model, c);
    if (helper && hasStepCall(model, helper)) return true;
    // A local function is judged by its body (above); one from another module by its name.
    const trainingNamed = c.callee.type === 'identifier' && TRAINING_FUNCTION.test(c.name) && !localFunction(model, c.callee);
    if ((trainsModelOrCalls(model, c) || trainingNamed) && loops.some((l) => epochLike(model, l))) return true;
  }
  return false;
}

/** The objective, or a local function it calls (one level), trains iteratively. */
function objectiveTrainsIteratively(model: ModuleModel, fn: FunctionInfo): boolean {
  if (trainsIteratively(model, fn)) return true;
  return callsIn(model, fn, true).some((c) => {
    const helper = localFunction(model, c.callee);
    return helper !== undefined && helper !== fn && trainsIteratively(model, helper);
  });
}

// ---- fixes and other searches ----

function medianPrunerFix(model: ModuleModel, nop: CallSite): FixSpec {
  const callee = unparen(nop.callee);
  const object = callee.type === 'attribute' ? child(callee, 'object') : undefined;
  const attr = callee.type === 'attribute' ? child(callee, 'attribute') : undefined;
  const edits: OffsetEdit[] = [];
  if (object && attr && model.qualify(object) === 'optuna.pruners') {
    edits.push(replaceNode(attr, 'MedianPruner'));
  } else {
    const local = localName(model, MEDIAN_PRUNER);
    edits.push(replaceNode(callee, local ?? 'MedianPruner'));
    const imp = local ? null : addImport(model, 'from optuna.pruners import MedianPruner', 'MedianPruner', MEDIAN_PRUNER);
    if (imp) edits.push(imp);
  }
  return { safety: 'unsafe', edits };
}

/** The local function or `Trainable` class a Ray Tune run trains, seen through `with_parameters`. */
function rayTrainable(model: ModuleModel, node: SNode): { name: string; iterative: boolean } | undefined {
  let n = unparen(node);
  while (n.type === 'call' && RAY_WRAPPERS.has(model.callSite(n).qualified ?? '')) {
    const first = model.callSite(n).args[0];
    if (!first) return undefined;
    n = unparen(first.node);
  }
  if (n.type !== 'identifier') return undefined;
  const name = model.text(n);
  const cls = model.classes.get(name);
  if (cls) return cls.bases.some((b) => b.startsWith('ray.tune.') && b.endsWith('Trainable')) ? { name, iterative: true } : undefined;
  const fn = localFunction(model, n);
  if (!fn) return undefined;
  // Reports from inside a loop: one result per iteration, which a scheduler could act on.
  const iterative = callsIn(model, fn, true).some(
    (c) => RAY_REPORT.has(c.qualified ?? '') && model.context(c.node).loops.some((l) => l.kind !== 'comprehension' && contains(fn.node, l.node)),
  );
  return { name, iterative };
}

/** Whether a `scheduler=` argument is absent or a FIFO scheduler (no early stopping); undefined when unknown. */
function withoutScheduler(model: ModuleModel, call: CallSite): boolean | undefined {
  if (call.hasSplat) return undefined;
  const scheduler = call.kwargs.get('scheduler');
  if (!scheduler) return true;
  const v = model.resolve(scheduler);
  if (v.kind === 'none') return true;
  return v.kind === 'call' && RAY_NO_SCHEDULER.has(v.call.qualified ?? '') ? true : false;
}

function checkRay(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  if (call.hasSplat) return;
  const trainableArg = model.arg(call, call.name === 'run' ? 'run_or_experiment' : 'trainable', 0);
  const trainable = trainableArg && rayTrainable(model, trainableArg.node);
  if (!trainable?.iterative) return;
  let noScheduler: boolean | undefined;
  if (call.name === 'run') {
    noScheduler = withoutScheduler(model, call);
  } else {
    const config = call.kwargs.get('tune_config');
    const origin = config && model.resolve(config);
    if (!config) noScheduler = true;
    else if (origin?.kind === 'call' && RAY_CONFIG.has(origin.call.qualified ?? '')) noScheduler = withoutScheduler(model, origin.call);
  }
  if (noScheduler) ctx.report({ node: call.callee, messageId: 'ray', data: { trainable: trainable.name } });
}

export const searchWithoutPruning: Rule = {
  meta: {
    code: 'FRG203',
    name: 'search-without-pruning',
    category: 'search',
    severity: 'warning',
    summary: 'Hyper-parameter search that trains every trial to the end (no pruning or early-stopping scheduler)',
    messages: {
      objective:
        'Optuna objective `{name}` trains for many steps but never calls `trial.report()`/`trial.should_prune()`: every trial runs to the end, however poor it looks early on',
      nopPruner: '`NopPruner` disables pruning: every trial of this study runs to the end, however poor it looks early on',
      kerasTuner: 'KerasTuner `{tuner}` gives every trial its full training budget; `Hyperband` stops weak trials early by comparing them with the others',
      ray: 'Ray Tune runs every trial of `{trainable}` to the end: it reports each iteration but no early-stopping scheduler (ASHA, HyperBand, median stopping) is set',
    },
    fixTitle: 'Use `MedianPruner()`',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for hyper-parameter searches that cannot stop a bad trial early: an Optuna objective (a function passed to `study.optimize` or calling `trial.suggest_*`) that trains iteratively — a loop with `.backward()`/`.partial_fit()`, an epoch loop around `.fit()` or a `train_one_epoch(...)` helper, Keras `fit(epochs>1)`, `xgb.train`/`lgb.train` or a Lightning `Trainer.fit` without early stopping of their own — but never calls `trial.report()` or `trial.should_prune()` nor uses an Optuna pruning callback (`optuna.integration.*PruningCallback`, `optuna_integration.*`); `optuna.create_study(pruner=NopPruner())`; KerasTuner `RandomSearch`/`GridSearch`; and Ray Tune `tune.run`/`tune.Tuner` without an early-stopping scheduler when the trainable reports from a loop (a function calling `tune.report`/`train.report` per iteration, or a `Trainable` class). An objective that hands the trial to code the rule cannot see (a function from another module) is assumed to report, and a Ray trainable whose reporting cannot be seen is not flagged. Multi-objective studies (`create_study(directions=[...])`, or an objective that returns several values) are left alone: Optuna does not support pruning them.' + ' ' + CONFIDENCE_DOCS.run,
      whyBad:
        'Most trials of a search are worse than the best one, and it usually shows after a few epochs. Without pruning each of them still trains to the last epoch, so most of the search\'s energy goes into models that are thrown away. Pruners (median, successive halving, Hyperband, ASHA) compare a trial\'s intermediate score with the others\' at the same step and stop the hopeless ones.',
      evidence:
        'Optuna\'s documentation describes pruning as "automatically stops unpromising trials at the early stages of the training". Geißler et al. (arXiv 2412.08526) study the energy of successive-halving searches; Yarally et al. (2023, arXiv 2303.13972) found that search strategy choices significantly change the energy of hyper-parameter optimisation. The saving depends on how early trials separate; no single figure applies to every model.',
      example:
        'def objective(trial):\n    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)\n    model, opt = build(lr)\n    for epoch in range(50):\n        train_one_epoch(model, opt, train_loader)\n    return evaluate(model, val_loader)\n\nstudy = optuna.create_study(direction="maximize")\nstudy.optimize(objective, n_trials=100)',
      useInstead:
        'def objective(trial):\n    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)\n    model, opt = build(lr)\n    for epoch in range(50):\n        train_one_epoch(model, opt, train_loader)\n        accuracy = evaluate(model, val_loader)\n        trial.report(accuracy, epoch)\n        if trial.should_prune():\n            raise optuna.TrialPruned()\n    return accuracy\n\nstudy = optuna.create_study(direction="maximize", pruner=optuna.pruners.MedianPruner(n_warmup_steps=5))\n\n# KerasTuner: kt.Hyperband(build_model, objective="val_accuracy", max_epochs=50)\n# Ray Tune: tune.TuneConfig(scheduler=ASHAScheduler(), metric="loss", mode="min")',
      fixSafety:
        'Only `NopPruner()` has a fix, `MedianPruner()`, and it is unsafe: trials that report poor intermediate values are stopped, so fewer trials complete and the best trial may differ; it has no effect unless the objective reports. KerasTuner `Hyperband` takes `max_epochs` and `factor` instead of `max_trials`, and Ray Tune schedulers need a `metric` and `mode`: no automatic fix for those.',
    },
  },
  create(outer) {
    const { model } = outer;
    // A search over a toy model or a bundled table runs trials of seconds: low confidence.
    const ctx = workloadGated(outer);
    return {
      call(call) {
        const q = call.qualified;
        if (!q) return;
        if (STUDY_FACTORIES.has(q)) {
          const pruner = call.kwargs.get('pruner');
          const origin = pruner && model.resolve(pruner);
          if (origin?.kind === 'call' && NOP_PRUNER.has(origin.call.qualified ?? '')) {
            ctx.report({ node: origin.call.node, messageId: 'nopPruner', fix: medianPrunerFix(model, origin.call) });
          }
          return;
        }
        const tuner = KERAS_TUNER.exec(q.replace(/^kerastuner\b/, 'keras_tuner'));
        if (tuner) {
          ctx.report({ node: call.callee, messageId: 'kerasTuner', data: { tuner: tuner[1] } });
          return;
        }
        if (RAY_RUN.has(q)) checkRay(ctx, call);
      },
      end() {
        for (const [fn, trial] of objectives(model)) {
          if (mayPrune(model, fn, trial) || !objectiveTrainsIteratively(model, fn)) continue;
          ctx.report({ node: child(fn.node, 'name') ?? fn.node, messageId: 'objective', data: { name: fn.name } });
        }
      },
    };
  },
};

// FRG101: long training runs (Keras, Lightning, Hugging Face, gradient boosting, scikit-learn)
// with no early stopping, so every epoch or boosting round runs after the model stopped improving.
import type { CallSite, ModuleModel } from '../../model/model';
import type { Value } from '../../model/values';
import { child, namedChildren, type SNode, unparen } from '../../parse/syntax';
import { compact, setKeyword } from '../fixes';
import type { FixSpec, OffsetEdit, Rule, RuleContext } from '../rule';
import {
  addCallbackEdit,
  addKeywords,
  boolValue,
  isKerasModel,
  kerasModule,
  lastSegment,
  numberValue,
  scanCallbacks,
  stringValue,
  symbolRef,
  usesOf,
} from './training-apis';
import { buildsFixedSchedule, DIFFUSION, stepEpochLoops } from './epoch-loops';
import { kerasModelSize } from './keras-size';
import { cutToTinySlice, onlyToyModels, TINY_TRAINING_SET, TOY_PARAMETERS } from './model-size';
import { missingEarlyStoppingJs } from '../js/missing-early-stopping';
import { CONFIDENCE_DOCS, dataGated, workloadGated } from './workload';

const LIGHTNING_TRAINERS = new Set(['lightning.Trainer', 'lightning.trainer.Trainer', 'lightning.trainer.trainer.Trainer']);
const HF_TRAINERS = new Set(['transformers.Trainer', 'transformers.Seq2SeqTrainer', 'transformers.trainer.Trainer', 'transformers.trainer_seq2seq.Seq2SeqTrainer']);
const HF_ARGS = new Set([
  'transformers.TrainingArguments',
  'transformers.Seq2SeqTrainingArguments',
  'transformers.training_args.TrainingArguments',
  'transformers.training_args_seq2seq.Seq2SeqTrainingArguments',
]);
const XGB_ESTIMATORS = new Set(['XGBClassifier', 'XGBRegressor', 'XGBRanker']);
const LGBM_ESTIMATORS = new Set(['LGBMClassifier', 'LGBMRegressor', 'LGBMRanker']);
const CATBOOST_ESTIMATORS = new Set(['CatBoostClassifier', 'CatBoostRegressor', 'CatBoostRanker']);
const SKLEARN_GB = new Set(['GradientBoostingClassifier', 'GradientBoostingRegressor']);
const SKLEARN_EARLY_STOPPING = new Set(['MLPClassifier', 'MLPRegressor', 'SGDClassifier', 'SGDRegressor']);
/** LightGBM parameters that set early stopping (aliases of `early_stopping_round`). */
const LGBM_STOPPING_PARAMS = ['early_stopping_round', 'early_stopping_rounds', 'early_stopping', 'n_iter_no_change'];
/** LightGBM aliases of `num_iterations`; in `params` they override `num_boost_round`. */
const LGBM_ROUND_PARAMS = ['num_iterations', 'num_iteration', 'n_iter', 'num_tree', 'num_trees', 'num_round', 'num_rounds', 'nrounds', 'num_boost_round', 'n_estimators', 'max_iter'];
const CATBOOST_ROUND_PARAMS = ['iterations', 'num_boost_round', 'n_estimators', 'num_trees'];
const CATBOOST_STOPPING_PARAMS = ['early_stopping_rounds', 'od_type', 'od_wait', 'od_pval'];

/** `xgboost.XGBClassifier` and `xgboost.sklearn.XGBClassifier` → `XGBClassifier` when in `set`. */
function estimatorName(call: CallSite, module: string, set: Set<string>): string | undefined {
  const q = call.qualified;
  if (!q || !(q.startsWith(`${module}.`) || q === module)) return undefined;
  const name = lastSegment(q);
  return set.has(name) ? name : undefined;
}

/** A keyword present with a value other than `None`. */
function given(call: CallSite, keyword: string): boolean {
  const v = call.kwargs.get(keyword);
  return v !== undefined && v.kind !== 'none';
}

type Evaluation = 'yes' | 'maybe' | 'no';

/**
 * Whether an eval-set argument holds validation data: a literal list of sets other than the
 * training data (`yes`), a value that cannot be seen (`maybe`), or nothing usable (`no`).
 */
function evaluation(model: ModuleModel, v: Value | undefined, train: Value | undefined): Evaluation {
  if (!v) return 'no';
  const r = model.resolve(v);
  if (r.kind === 'none') return 'no';
  if (r.kind === 'call') return 'yes';
  if (r.kind !== 'list') return r.kind === 'name' ? 'maybe' : 'no';
  // CatBoost also takes one `(X, y)` tuple rather than a list of them.
  const sets = r.node.type === 'tuple' && r.items.every((i) => i.kind !== 'list') ? [r] : r.items;
  if (sets.length === 0) return 'no';
  const trainText = train ? model.text(train.node) : undefined;
  const isTrain = (set: Value): boolean => {
    const first = set.kind === 'list' ? set.items[0] : set;
    return first !== undefined && model.text(first.node) === trainText;
  };
  return sets.every(isTrain) ? 'no' : 'yes';
}

/** A dict literal of parameters that nothing adds keys to later (`params["x"] = ...`, `params.update`). */
function paramsDict(model: ModuleModel, v: Value | undefined): Extract<Value, { kind: 'dict' }> | undefined {
  if (!v) return undefined;
  const r = model.resolve(v);
  if (r.kind === 'call' && r.call.qualified === 'dict' && r.call.args.length === 0 && !r.call.hasSplat) {
    const entries = [...r.call.kwargs].map(([k, value]) => ({ key: { kind: 'string' as const, value: k, node: value.node }, value }));
    return v.kind === 'name' && mutated(model, v.name) ? undefined : { kind: 'dict', entries, node: r.node };
  }
  if (r.kind !== 'dict' || namedChildren(r.node).some((c) => c.type === 'dictionary_splat')) return undefined;
  if (v.kind === 'name' && mutated(model, v.name)) return undefined;
  return r;
}

function mutated(model: ModuleModel, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(^|[^\\w.])${escaped}\\s*\\[[^\\]]*\\]\\s*=(?!=)`, 'm').test(model.file.text)) return true;
  return model.calls.some((c) => c.receiver !== undefined && model.text(c.receiver) === name && (c.name === 'update' || c.name === 'setdefault'));
}

function dictEntry(d: Extract<Value, { kind: 'dict' }>, keys: string[]): Value | undefined {
  return d.entries.find((e) => e.key.kind === 'string' && keys.includes(e.key.value))?.value;
}

/** Early stopping ends training sooner and keeps another model than the full run: never applied in bulk. */
function fix(edits: (OffsetEdit | undefined | null)[], title: string): FixSpec {
  return { edits: compact(edits), safety: 'unsafe', title };
}

// ---- Keras ----

const KERAS_SCHEDULE_CALLBACKS = /^keras\.callbacks\.LearningRateScheduler$/;


/**
 * A learning-rate schedule that fixes the run's length: a `LearningRateScheduler` callback, or an
 * optimizer given a `keras.optimizers.schedules` rate or a `decay` in the last `compile` of the model.
 */
function kerasFixedSchedule(model: ModuleModel, fit: CallSite, callbacks: Value | undefined): boolean {
  const list = callbacks && model.resolve(callbacks);
  const items = list?.kind === 'list' ? list.items : list ? [list] : [];
  if (items.some((i) => KERAS_SCHEDULE_CALLBACKS.test(model.originCall(i.node)?.qualified ?? ''))) return true;
  const built = model.originCall(fit.receiver);
  const compile = model.calls.filter((c) => c.name === 'compile' && c.receiver && c.node.start < fit.node.start && built && model.originCall(c.receiver) === built).pop();
  const optimizer = compile && model.originCall(model.arg(compile, 'optimizer', 0)?.node);
  if (!optimizer?.qualified?.startsWith('keras.optimizers.')) return false;
  const rate = model.originCall(model.arg(optimizer, 'learning_rate', 0)?.node ?? optimizer.kwargs.get('lr')?.node);
  return rate?.qualified?.startsWith('keras.optimizers.schedules.') === true || (numberValue(model, optimizer.kwargs.get('decay')) ?? 0) > 0;
}

/**
 * The epochs of a Keras `model.fit(...)` call when the run is long: at least twice `min-epochs`,
 * like hand-written loops (with a patience of a few epochs, a shorter run rarely stops early
 * enough to save anything, and a failure costs little); undefined otherwise.
 */
export function longKerasFit(ctx: RuleContext, call: CallSite): number | undefined {
  const { model, settings } = ctx;
  if (call.name !== 'fit' || !call.receiver || call.hasSplat || !isKerasModel(model, call.receiver)) return undefined;
  const epochsArg = model.arg(call, 'epochs', 3);
  const last = epochsArg ? numberValue(model, epochsArg) : 1;
  // `initial_epoch=20, epochs=30` resumes a run: ten epochs run, not thirty (unknown start: unknown count).
  const initial = call.kwargs.get('initial_epoch');
  const first = initial ? numberValue(model, initial) : 0;
  const epochs = last === undefined || first === undefined ? undefined : last - first;
  return epochs === undefined || epochs < settings.minEpochs * LOOP_FACTOR ? undefined : epochs;
}

function checkKeras(ctx: RuleContext, call: CallSite): void {
  const { model, settings } = ctx;
  const epochs = longKerasFit(ctx, call);
  if (epochs === undefined || !call.receiver) return;
  const callbacks = model.arg(call, 'callbacks', 5);
  if (scanCallbacks(model, callbacks?.node) !== 'absent') return;
  const size = kerasModelSize(model, call.receiver);
  const x = model.arg(call, 'x', 0);
  if ((size && size.params < TOY_PARAMETERS) || cutToTinySlice(model, x) || onlyTinyData(model) || (x && fromTinyDataset(model, x.node, call.node)) || kerasFixedSchedule(model, call, callbacks)) return;
  const split = model.arg(call, 'validation_split', 6);
  const data = model.arg(call, 'validation_data', 7);
  const validation = (data !== undefined && model.resolve(data).kind !== 'none') || (split !== undefined && (numberValue(model, split) ?? 0) > 0);
  // Without validation data nothing could stop the run (a K-fold loop scores each fold after
  // `fit`, a final fit on all the data): only a clear excess is worth saying, as for loops.
  if (!validation && epochs < settings.minEpochs * NO_VALIDATION_FACTOR) return;
  const es = symbolRef(model, 'keras.callbacks.EarlyStopping', `${kerasModule(model)}.callbacks`, call.node);
  const edits =
    es && call.args.length <= 5
      ? [addCallbackEdit(model, call, 'callbacks', `${es.ref}(monitor="val_loss", patience=5, restore_best_weights=True)`), es.importEdit]
      : [];
  ctx.report({
    node: call.callee,
    messageId: validation ? 'keras' : 'kerasNoValidation',
    // Without validation data nothing could stop the run: the advice (hold out data, then stop) is weaker.
    confidence: validation ? undefined : 'low',
    why: validation ? undefined : 'with no validation data, nothing could tell the run when to stop',
    data: { epochs },
    fix: fix(edits, 'Add an `EarlyStopping(monitor="val_loss")` callback'),
  });
}

// ---- PyTorch Lightning ----

/** A local LightningModule without `validation_step`: nothing for early stopping to monitor. */
function lightningWithoutValidation(model: ModuleModel): boolean {
  const modules = [...model.classes.values()].filter((c) => c.bases.some((b) => b === 'lightning.LightningModule' || b === 'lightning.core.LightningModule'));
  if (modules.length === 0) return false;
  return !modules.some((c) => model.functions.some((f) => f.cls === c && f.name === 'validation_step'));
}

/** Early stopping done by the module itself: `configure_callbacks` or `trainer.should_stop`. */
function lightningStopsItself(model: ModuleModel): boolean {
  return /\bshould_stop\b/.test(model.file.text) || model.functions.some((f) => f.name === 'configure_callbacks');
}

function checkLightning(ctx: RuleContext, call: CallSite): void {
  const { model, settings } = ctx;
  if (!call.qualified || !LIGHTNING_TRAINERS.has(call.qualified) || call.hasSplat || call.args.length > 0) return;
  if (call.kwargs.has('max_time') || (call.kwargs.has('fast_dev_run') && boolValue(model, call.kwargs.get('fast_dev_run')) !== false)) return;
  if (numberValue(model, call.kwargs.get('limit_val_batches')) === 0) return;
  const maxEpochs = call.kwargs.get('max_epochs');
  let epochs: string;
  if (!maxEpochs || maxEpochs.kind === 'none') {
    // Without max_steps Lightning defaults to 1000 epochs; with it, the step count bounds the run.
    if (given(call, 'max_steps')) return;
    epochs = 'the default `max_epochs=1000`';
  } else {
    const n = numberValue(model, maxEpochs);
    if (n === undefined) return;
    if (n === -1) {
      if (given(call, 'max_steps')) return;
      epochs = '`max_epochs=-1` (no limit)';
    } else if (n < settings.minEpochs) return;
    else epochs = `\`max_epochs=${n}\``;
  }
  if (lightningWithoutValidation(model) || lightningStopsItself(model)) return;
  // A GAN or a diffusion model: no validation score that tells when its samples stop improving.
  if (DIFFUSION.test(model.file.text) || /\b(\w*Discriminator|discriminator)\b/.test(model.file.text)) return;
  // A fixed schedule (cosine over `max_epochs`, step decays) sets the length as part of the recipe.
  if (buildsFixedSchedule(model) || onlyToyModels(model)) return;
  if (scanCallbacks(model, call.kwargs.get('callbacks')?.node) !== 'absent') return;
  const legacy = model.importStatements.some((s) => /\bpytorch_lightning\b/.test(model.text(s)));
  const es = symbolRef(model, 'lightning.callbacks.EarlyStopping', legacy ? 'pytorch_lightning.callbacks' : 'lightning.pytorch.callbacks', call.node);
  const edits = es ? [addCallbackEdit(model, call, 'callbacks', `${es.ref}(monitor="val_loss", patience=5)`), es.importEdit] : [];
  ctx.report({ node: call.callee, messageId: 'lightning', data: { epochs }, fix: fix(edits, 'Add an `EarlyStopping(monitor="val_loss")` callback') });
}

// ---- Hugging Face Trainer ----

function isHfTrainer(model: ModuleModel, call: CallSite): string | undefined {
  if (call.qualified && HF_TRAINERS.has(call.qualified)) return lastSegment(call.qualified);
  const callee = unparen(call.callee);
  if (call.qualified || callee.type !== 'identifier') return undefined;
  const name = model.text(callee);
  return model.classes.get(name)?.bases.some((b) => HF_TRAINERS.has(b)) ? name : undefined;
}

/** `trainer.add_callback(...)` on this trainer, or `self.add_callback` in a Trainer subclass. */
function addsCallbacks(model: ModuleModel, trainer: CallSite): boolean {
  return model.calls.some(
    (c) => c.name === 'add_callback' && c.receiver !== undefined && (model.text(c.receiver) === 'self' || model.originCall(c.receiver)?.node === trainer.node),
  );
}

function checkHfTrainer(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  const trainer = isHfTrainer(model, call);
  if (!trainer || call.hasSplat || call.args.length > 5) return;
  const evalSet = model.arg(call, 'eval_dataset', 4);
  if (!evalSet || model.resolve(evalSet).kind === 'none') return;
  if (scanCallbacks(model, call.kwargs.get('callbacks')?.node) !== 'absent' || addsCallbacks(model, call)) return;
  const argsValue = model.arg(call, 'args', 1);
  const args = argsValue && model.originCall(argsValue.node);
  const fixable = args?.qualified !== undefined && HF_ARGS.has(args.qualified) && !args.hasSplat;
  // A hyper-parameter search prunes its trials itself.
  if (usesOf(model, call).methods.some((m) => m.name === 'hyperparameter_search')) return;
  const length = fixable ? hfLength(ctx, args) : undefined;
  if (!length) return;
  ctx.report({ node: call.callee, messageId: 'huggingface', data: { trainer, length }, fix: fixable ? hfFix(model, call, args) : undefined });
}

/** HF runs `max_steps` when it is positive, else `num_train_epochs` (default 3). */
const HF_DEFAULT_EPOCHS = 3;
/** Optimiser steps that count as a long run when the length is given in steps. */
const MIN_STEPS = 10_000;

/** How long the arguments make the run, as text, when it is long; undefined when short or unreadable. */
export function hfLength(ctx: RuleContext, args: CallSite): string | undefined {
  const { model, settings } = ctx;
  const stepsArg = args.kwargs.get('max_steps');
  if (stepsArg) {
    const steps = numberValue(model, stepsArg);
    if (steps === undefined) return undefined;
    if (steps > 0) return steps >= MIN_STEPS ? `\`max_steps=${steps}\`` : undefined;
  }
  const epochsArg = args.kwargs.get('num_train_epochs');
  const epochs = epochsArg ? numberValue(model, epochsArg) : HF_DEFAULT_EPOCHS;
  return epochs !== undefined && epochs >= settings.minEpochs ? `${epochs} epochs` : undefined;
}

/**
 * The callback plus what it requires of TrainingArguments: `load_best_model_at_end=True`, a
 * metric, and evaluation and saving on the same schedule.
 */
function hfFix(model: ModuleModel, trainer: CallSite, args: CallSite): FixSpec | undefined {
  const es = symbolRef(model, 'transformers.EarlyStoppingCallback', 'transformers', trainer.node);
  if (!es) return undefined;
  const edits: (OffsetEdit | undefined)[] = [addCallbackEdit(model, trainer, 'callbacks', `${es.ref}(early_stopping_patience=3)`), es.importEdit];
  const adds: [string, string][] = [];
  const set = (name: string, value: string) => {
    if (args.kwargs.has(name)) edits.push(setKeyword(model, args, name, value));
    else adds.push([name, value]);
  };
  const best = args.kwargs.get('load_best_model_at_end');
  if (best && boolValue(model, best) === undefined) return undefined;
  if (boolValue(model, best) !== true) set('load_best_model_at_end', 'True');
  if (!args.kwargs.has('metric_for_best_model')) adds.push(['metric_for_best_model', '"eval_loss"']);
  const evalKey = args.kwargs.has('evaluation_strategy') ? 'evaluation_strategy' : 'eval_strategy';
  const evalArg = args.kwargs.get(evalKey);
  const saveArg = args.kwargs.get('save_strategy');
  const evalStrategy = evalArg && stringValue(model, evalArg);
  const saveStrategy = saveArg && stringValue(model, saveArg);
  if ((evalArg && evalStrategy === undefined) || (saveArg && saveStrategy === undefined)) return undefined;
  // Saving defaults to "steps" and evaluation to "no"; the best model needs both on one schedule.
  const schedule = evalStrategy && evalStrategy !== 'no' ? evalStrategy : saveStrategy && saveStrategy !== 'no' && saveStrategy !== 'best' ? saveStrategy : 'epoch';
  if (evalStrategy !== schedule) set(evalKey, `"${schedule}"`);
  if ((saveStrategy ?? 'steps') !== schedule) set('save_strategy', `"${schedule}"`);
  edits.push(addKeywords(model, args, adds));
  return fix(edits, 'Add `EarlyStoppingCallback` and keep the best checkpoint');
}

// ---- gradient boosting and scikit-learn ----

/** Every `fit` of an estimator, or undefined when one hides its arguments or already stops early. */
function estimatorFits(model: ModuleModel, ctor: CallSite, stopping: string[]): { fits: CallSite[]; passed: boolean } | undefined {
  const uses = usesOf(model, ctor);
  const fits = uses.methods.filter((m) => m.name === 'fit');
  for (const f of fits) {
    if (f.hasSplat || stopping.some((k) => given(f, k))) return undefined;
    if (scanCallbacks(model, f.kwargs.get('callbacks')?.node) !== 'absent') return undefined;
  }
  return { fits, passed: uses.passed.length > 0 };
}

function checkXgbEstimator(ctx: RuleContext, call: CallSite): void {
  const { model, settings } = ctx;
  const name = estimatorName(call, 'xgboost', XGB_ESTIMATORS);
  if (!name || call.hasSplat || call.args.length > 0) return;
  const rounds = numberValue(model, call.kwargs.get('n_estimators'));
  if (rounds === undefined || rounds < settings.minEstimators || given(call, 'early_stopping_rounds')) return;
  if (scanCallbacks(model, call.kwargs.get('callbacks')?.node) !== 'absent') return;
  const found = estimatorFits(model, call, ['early_stopping_rounds']);
  if (!found) return;
  const evals = found.fits.map((f) => evaluation(model, f.kwargs.get('eval_set'), model.arg(f, 'X', 0)));
  if (!evals.some((e) => e !== 'no')) return;
  const edit = setKeyword(model, call, 'early_stopping_rounds', '10');
  ctx.report({ node: call.callee, messageId: 'xgboost', data: { estimator: name, rounds }, fix: fix([edit], 'Set `early_stopping_rounds=10`') });
}

function checkXgbTrain(ctx: RuleContext, call: CallSite): void {
  const { model, settings } = ctx;
  if ((call.qualified !== 'xgboost.train' && call.qualified !== 'xgboost.training.train') || call.hasSplat || call.args.length > 4) return;
  const rounds = numberValue(model, model.arg(call, 'num_boost_round', 2));
  if (rounds === undefined || rounds < settings.minEstimators || given(call, 'early_stopping_rounds')) return;
  if (evaluation(model, model.arg(call, 'evals', 3), model.arg(call, 'dtrain', 1)) === 'no') return;
  if (scanCallbacks(model, call.kwargs.get('callbacks')?.node) !== 'absent') return;
  const edit = setKeyword(model, call, 'early_stopping_rounds', '10');
  ctx.report({ node: call.callee, messageId: 'xgboostTrain', data: { rounds }, fix: fix([edit], 'Add `early_stopping_rounds=10`') });
}

function lgbEarlyStopping(model: ModuleModel, call: CallSite, title: string) {
  const es = symbolRef(model, 'lightgbm.early_stopping', 'lightgbm', call.node);
  const edits = es ? [addCallbackEdit(model, call, 'callbacks', `${es.ref}(stopping_rounds=10)`), es.importEdit] : [];
  return fix(edits, title);
}

function checkLgbTrain(ctx: RuleContext, call: CallSite): void {
  const { model, settings } = ctx;
  if ((call.qualified !== 'lightgbm.train' && call.qualified !== 'lightgbm.engine.train') || call.hasSplat || call.args.length > 4) return;
  const params = paramsDict(model, model.arg(call, 'params', 0));
  if (!params || dictEntry(params, LGBM_STOPPING_PARAMS) || given(call, 'early_stopping_rounds')) return;
  const roundsArg = dictEntry(params, LGBM_ROUND_PARAMS) ?? model.arg(call, 'num_boost_round', 2);
  const rounds = roundsArg ? numberValue(model, roundsArg) : 100;
  if (rounds === undefined || rounds < settings.minEstimators) return;
  if (evaluation(model, model.arg(call, 'valid_sets', 3), model.arg(call, 'train_set', 1)) === 'no') return;
  if (scanCallbacks(model, call.kwargs.get('callbacks')?.node) !== 'absent') return;
  ctx.report({ node: call.callee, messageId: 'lightgbmTrain', data: { rounds }, fix: lgbEarlyStopping(model, call, 'Add a `lightgbm.early_stopping` callback') });
}

function checkLgbFit(ctx: RuleContext, call: CallSite): void {
  const { model, settings } = ctx;
  if (call.name !== 'fit' || !call.receiver || call.hasSplat) return;
  const ctor = model.originCall(call.receiver);
  const name = ctor && estimatorName(ctor, 'lightgbm', LGBM_ESTIMATORS);
  if (!ctor || !name || ctor.hasSplat || ctor.args.length > 0 || LGBM_STOPPING_PARAMS.some((k) => given(ctor, k))) return;
  const roundsKey = LGBM_ROUND_PARAMS.find((k) => ctor.kwargs.has(k));
  const rounds = roundsKey ? numberValue(model, ctor.kwargs.get(roundsKey)) : 100;
  if (rounds === undefined || rounds < settings.minEstimators || given(call, 'early_stopping_rounds')) return;
  const evals = evaluation(model, call.kwargs.get('eval_set'), model.arg(call, 'X', 0));
  if (evals === 'no' || scanCallbacks(model, call.kwargs.get('callbacks')?.node) !== 'absent') return;
  ctx.report({
    node: call.callee,
    messageId: 'lightgbmFit',
    data: { estimator: name, rounds },
    fix: lgbEarlyStopping(model, call, 'Add a `lightgbm.early_stopping` callback to `fit`'),
  });
}

function checkCatBoost(ctx: RuleContext, call: CallSite): void {
  const { model, settings } = ctx;
  const name = estimatorName(call, 'catboost', CATBOOST_ESTIMATORS);
  if (!name || call.hasSplat || call.args.length > 0 || CATBOOST_STOPPING_PARAMS.some((k) => given(call, k))) return;
  const roundsKey = CATBOOST_ROUND_PARAMS.find((k) => call.kwargs.has(k));
  const rounds = roundsKey ? numberValue(model, call.kwargs.get(roundsKey)) : 1000;
  if (rounds === undefined || rounds < settings.minEstimators) return;
  const found = estimatorFits(model, call, ['early_stopping_rounds', 'od_type', 'od_wait']);
  if (!found) return;
  const evals = found.fits.map((f) => evaluation(model, f.kwargs.get('eval_set'), model.arg(f, 'X', 0)));
  if (!evals.some((e) => e !== 'no')) return;
  const edit = setKeyword(model, call, 'early_stopping_rounds', '50');
  ctx.report({
    node: call.callee,
    messageId: 'catboost',
    data: { estimator: name, rounds: roundsKey ? String(rounds) : '1000 (the default)' },
    fix: fix([edit], 'Add `early_stopping_rounds=50`'),
  });
}

function checkSklearn(ctx: RuleContext, call: CallSite): void {
  const { model, settings } = ctx;
  const gb = estimatorName(call, 'sklearn.ensemble', SKLEARN_GB);
  if (gb) {
    if (call.hasSplat || given(call, 'n_iter_no_change')) return;
    const roundsArg = call.kwargs.get('n_estimators');
    const rounds = roundsArg ? numberValue(model, roundsArg) : 100;
    if (rounds === undefined || rounds < settings.minEstimators) return;
    const edit = setKeyword(model, call, 'n_iter_no_change', '10');
    ctx.report({ node: call.callee, messageId: 'sklearnBoosting', data: { estimator: gb, rounds }, fix: fix([edit], 'Set `n_iter_no_change=10`') });
    return;
  }
  const q = call.qualified;
  const name = q && (q.startsWith('sklearn.neural_network.') || q.startsWith('sklearn.linear_model.')) ? lastSegment(q) : undefined;
  if (!name || !SKLEARN_EARLY_STOPPING.has(name)) return;
  const flag = call.kwargs.get('early_stopping');
  if (!flag || boolValue(model, flag) !== false) return;
  const maxIter = numberValue(model, call.kwargs.get('max_iter'));
  if (maxIter !== undefined && maxIter < settings.minEpochs) return;
  // `partial_fit` ignores early_stopping: the caller runs the epochs.
  if (usesOf(model, call).methods.some((m) => m.name === 'partial_fit')) return;
  const keyword = flag.node.parent?.type === 'keyword_argument' ? flag.node.parent : flag.node;
  const edit = setKeyword(model, call, 'early_stopping', 'True');
  ctx.report({ node: keyword, messageId: 'sklearnDisabled', data: { estimator: name }, fix: fix([edit], 'Set `early_stopping=True`') });
}

// ---- hand-written loops ----

/** Epochs at which a loop with no validation at all counts as long: nothing could stop it, so only clear excess is worth saying. */
const NO_VALIDATION_FACTOR = 10;
const LOOP_FACTOR = 2;

/** Bundled datasets small enough that a whole training run takes seconds: sizes of their training sets. */
const TINY_DATASETS: Record<string, number> = {
  'keras.datasets.boston_housing.load_data': 404,
  'sklearn.datasets.load_iris': 150,
  'sklearn.datasets.load_wine': 178,
  'sklearn.datasets.load_breast_cancer': 569,
  'sklearn.datasets.load_diabetes': 442,
  'sklearn.datasets.load_linnerud': 20,
};
/** Generators whose `n_samples` defaults to 100. */
const SAMPLE_GENERATORS = /^sklearn\.datasets\.make_(moons|circles|classification|regression|blobs|s_curve|swiss_roll|friedman\d)$/;
const LOADERS = /^(keras\.datasets\.|sklearn\.datasets\.|torchvision\.datasets\.|torchtext\.datasets\.|tensorflow_datasets\.|datasets\.load_dataset|pandas\.read_|polars\.read_|numpy\.(load|loadtxt|genfromtxt|fromfile)$|torch\.load$|open$)/;

/**
 * Every dataset the file reads is a bundled toy (Boston housing: 404 training rows, iris, wine,
 * `make_moons()`): a whole run takes seconds, so stopping it early saves nothing.
 */
function onlyTinyData(model: ModuleModel): boolean {
  const loads = model.calls.filter((c) => c.qualified !== undefined && (LOADERS.test(c.qualified) || SAMPLE_GENERATORS.test(c.qualified)));
  return (
    loads.length > 0 &&
    loads.every((c) => {
      if (TINY_DATASETS[c.qualified!] !== undefined) return true;
      if (!SAMPLE_GENERATORS.test(c.qualified!)) return false;
      const n = model.arg(c, 'n_samples', 0);
      return n === undefined || (numberValue(model, n) ?? Infinity) < TINY_TRAINING_SET;
    })
  );
}

/**
 * The training data traces back to a bundled toy dataset: `(x, y), _ = boston_housing.load_data()`
 * (the last binding of the name before the fit, tuple unpacking included), through slices,
 * `np.concatenate` of slices and arithmetic on it (`(x - mean) / std`).
 */
function fromTinyDataset(model: ModuleModel, node: SNode, at: SNode, depth = 0): boolean {
  const n = unparen(node);
  if (depth > 12) return false;
  if (n.type === 'subscript') return fromTinyDataset(model, child(n, 'value') ?? n, at, depth + 1);
  if (n.type === 'binary_operator') return fromTinyDataset(model, child(n, 'left') ?? n, at, depth + 1);
  if (n.type === 'call') {
    const c = model.callSite(n);
    if (c.qualified && TINY_DATASETS[c.qualified] !== undefined) return true;
    if ((c.qualified === 'numpy.concatenate' || c.qualified === 'numpy.vstack') && c.args.length >= 1) {
      const parts = model.resolve(c.args[0]);
      return parts.kind === 'list' && parts.items.length > 0 && parts.items.every((p) => fromTinyDataset(model, p.node, at, depth + 1));
    }
    if (c.receiver && /^(astype|copy|reshape)$/.test(c.name)) return fromTinyDataset(model, c.receiver, at, depth + 1);
    return false;
  }
  if (n.type !== 'identifier') return false;
  const name = model.text(n);
  let last: SNode | undefined;
  for (const d of model.nodesOfType('assignment')) {
    if (d.end > at.start) continue;
    const left = child(d, 'left');
    const binds = (t: SNode | undefined): boolean =>
      !!t && ((t.type === 'identifier' && model.text(t) === name) || ((t.type === 'pattern_list' || t.type === 'tuple_pattern' || t.type === 'list_pattern') && t.children.some(binds)));
    if (binds(left) && (!last || d.start > last.start)) last = d;
  }
  const right = last && child(last, 'right');
  return right !== undefined && right !== n && fromTinyDataset(model, right, last!, depth + 1);
}

/** Data read from files or datasets: a demo on generated tensors has nothing to validate against. */
const DATA_SOURCES = /^(torch\.utils\.data\.|torchvision\.datasets\.|datasets\.load_dataset|pandas\.read_|numpy\.load|torch\.load|open$)/;

function loadsData(model: ModuleModel): boolean {
  return model.calls.some((c) => c.qualified !== undefined && DATA_SOURCES.test(c.qualified));
}

/** The loop makes its own random inputs (`torch.randn(...)` each epoch): a demo or benchmark. */
function generatesData(model: ModuleModel, body: SNode): boolean {
  return model.calls.some((c) => c.node.start >= body.start && c.node.end <= body.end && /^(torch\.rand|numpy\.random\.)/.test(c.qualified ?? ''));
}

function checkLoops(ctx: RuleContext): void {
  const { model, settings } = ctx;
  if (!model.importsModule('torch') && !model.importsModule('jax') && !model.importsModule('accelerate')) return;
  if (onlyToyModels(model) || onlyTinyData(model)) return;
  for (const e of stepEpochLoops(model)) {
    // Hand-written loops are judged at twice `min-epochs`: with patience of a few epochs, a
    // shorter run rarely stops early enough to save anything.
    if (e.stops || e.adversarial || (e.epochs !== undefined && e.epochs < settings.minEpochs * LOOP_FACTOR)) continue;
    const epochs = e.epochs === undefined ? 'its epochs' : `${e.epochs} epochs`;
    const node = e.loop.iter ?? e.loop.node;
    if (e.validates) {
      // A fixed learning-rate schedule sets the run's length as part of the recipe (debatable: left alone).
      if (e.schedule || (!e.tracksBest && e.epochs === undefined)) continue;
      ctx.report({ node, messageId: e.tracksBest ? 'loopBest' : 'loop', data: { epochs } });
    } else if (e.epochs !== undefined && e.epochs >= settings.minEpochs * NO_VALIDATION_FACTOR && loadsData(model) && !generatesData(model, e.loop.body)) {
      ctx.report({ node, messageId: 'loopNoValidation', data: { epochs }, confidence: 'low', why: 'with no validation data, nothing could tell the run when to stop' });
    }
  }
}

export const missingEarlyStopping: Rule = {
  meta: {
    code: 'FRG101',
    name: 'missing-early-stopping',
    category: 'training',
    severity: 'warning',
    summary: 'Long training run (many epochs or boosting rounds) with no early stopping',
    messages: {
      tfjs: 'TensorFlow.js `fit` runs {epochs} epochs with no `tf.callbacks.earlyStopping`: every epoch runs even after the validation loss stops improving',
      tfjsNoValidation: 'TensorFlow.js `fit` runs {epochs} epochs with no early stopping and no validation data (`validationSplit`/`validationData`): nothing can tell when training stops improving',
      keras: 'Keras `fit` runs {epochs} epochs with no `EarlyStopping` callback: every epoch runs even after the validation loss stops improving',
      kerasNoValidation:
        'Keras `fit` runs {epochs} epochs with no `EarlyStopping` callback and no validation data: nothing can tell when training stops improving',
      lightning: 'Lightning `Trainer` with {epochs} and no `EarlyStopping` callback: training goes on after the validation metric stops improving',
      huggingface: '`{trainer}` runs {length} with an `eval_dataset` and no `EarlyStoppingCallback`: it trains to the end of its schedule even after the evaluation loss stops improving',
      xgboost: '`{estimator}(n_estimators={rounds})` is fitted with an eval set but no `early_stopping_rounds`: every round is built even after the validation score stops improving',
      xgboostTrain: '`xgboost.train` runs {rounds} boosting rounds with `evals` but no `early_stopping_rounds`',
      lightgbmTrain: '`lightgbm.train` runs {rounds} boosting rounds with `valid_sets` but no `lightgbm.early_stopping` callback',
      lightgbmFit: '`{estimator}` with {rounds} estimators is fitted with an `eval_set` but no `lightgbm.early_stopping` callback',
      catboost: '`{estimator}` runs {rounds} iterations with an eval set but no `early_stopping_rounds`: the overfitting detector is off',
      sklearnBoosting: '`{estimator}(n_estimators={rounds})` without `n_iter_no_change`: all {rounds} stages are fitted, however early the score plateaus',
      loopBest:
        'Training loop runs {epochs}, evaluates on validation data as it goes and keeps the best score, but never stops early: once the validation score stops improving every further epoch costs the same energy for nothing; stop after a few epochs without improvement (patience)',
      loop: 'Training loop runs {epochs} and evaluates on validation data as it goes but never stops early: stop after a few epochs without improvement of the validation score (patience)',
      loopNoValidation:
        'Training loop runs {epochs} with no validation and no stopping condition: nothing can tell when training stops improving; hold out validation data and stop when it plateaus',
      sklearnDisabled: '`{estimator}` with `early_stopping=False`: it trains until `max_iter` or training-loss convergence instead of stopping when the validation score stalls',
    },
    fixTitle: 'Add early stopping',
    languages: ['python', 'notebook', 'typescript', 'javascript'],
    docs: {
      whatItDoes:
        'Checks for training runs that are long and have no early stopping: Keras `model.fit` running at least twice `min-epochs` epochs (default 10, so 20; `epochs` less `initial_epoch` when it resumes a run: with a patience of a few epochs a shorter run rarely stops early enough to save anything) and no `EarlyStopping` in `callbacks`, unless the model is a toy (under 10,000 parameters, counted from the layers of its `Sequential` list, `add` calls or functional graph, the input width of each layer carried from the one before and an unwritten input width taken as 256), the training set is cut to at most 1,000 samples (`x_train[:200]`, `train_images[:1000]`), every dataset the file reads is a bundled toy (Boston housing, iris, wine, breast cancer, diabetes, `make_moons()` and the other scikit-learn generators under 1,000 samples: this also exempts hand-written loops), or a learning-rate schedule sets the length of the run (a `LearningRateScheduler` callback, or an optimizer given a `keras.optimizers.schedules` rate or a `decay` in the last `compile` of the model; `ReduceLROnPlateau` adapts to the validation loss and does not count); a `fit` without validation data (no `validation_data`/`validation_split`: a K-fold loop that scores each fold afterwards, a final fit on all the data) only at ten times `min-epochs`, since nothing could stop it; a Lightning `Trainer` with `max_epochs` at or above `min-epochs` (or unset: 1000) and no `EarlyStopping` callback; a Hugging Face `Trainer`/`Seq2SeqTrainer` (or a subclass) with an `eval_dataset`, `num_train_epochs` at or above `min-epochs` (the default is 3, so most fine-tunes are left alone) or `max_steps` of at least 10,000, and no `EarlyStoppingCallback` (in `callbacks` or through `add_callback`), unless the trainer runs a `hyperparameter_search` (which prunes); a hand-written PyTorch/Accelerate loop over epochs (`for epoch in range(args.epochs)`, the count read from literals, constants, parameter defaults or argparse defaults) that runs training steps, evaluates on validation, dev or test data every epoch and never breaks, returns or counts patience (a `break` under a dry-run flag does not count), when it runs at least twice `min-epochs` epochs (a shorter run with a few epochs of patience rarely stops early enough to save anything) or keeps the best score with an unreadable count (`best_val_loss`); GAN loops (a generator trained against a discriminator) have no validation score to stop on and are left alone, and so are diffusion models (noise added by a scheduler at random timesteps: `add_noise`, `q_sample`, MONAI\'s `DiffusionInferer`), whose noise-prediction loss flattens long before their samples stop improving, also when a Lightning `Trainer` trains either; loops with a fixed learning-rate schedule (StepLR, cosine, one-cycle, also one a scheduler factory builds, `build_lr_scheduler`, `make_scheduler`, or a helper sets from the epoch, `adjust_learning_rate(args, optimizer, epoch)`) are left alone, since the schedule sets the length as part of the recipe (debatable: many such recipes would still stop earlier); a loop with no validation at all is reported only at ten times `min-epochs` and when it reads real data; a Lightning run whose file builds a fixed learning-rate schedule (cosine sized to `max_epochs`, step decays) is left alone for the same reason; hand-written loops and Lightning runs whose models are all toys (under 10,000 parameters, every size written down) are left alone; XGBoost, LightGBM and CatBoost models with at least `min-estimators` rounds (default 200) that are given validation data but no `early_stopping_rounds` / `lightgbm.early_stopping` callback; scikit-learn `GradientBoosting*` with `n_estimators` at or above `min-estimators` and no `n_iter_no_change`; `MLP*`/`SGD*` with `early_stopping=False`. Callback lists are followed through variables, `+`, `*unpacking` and `.append`; when a callback cannot be resolved or is a custom class (which may stop training itself), nothing is reported. Boosting models are only reported when an eval set exists, because early stopping needs one.' + ' ' + CONFIDENCE_DOCS.run + ' Runs with no validation data at all (a `fit` without `validation_data`/`validation_split`, a loop that never evaluates) are always low confidence, and boosting and scikit-learn models are high confidence only where the data they are fitted on is read from a file, a database or a dataset (or the script is configured from the command line).',
      whyBad:
        'The epoch or round count is an upper bound picked before training. Validation scores usually plateau well before it, and every later epoch or tree costs the same energy while adding nothing (or overfitting). Early stopping ends the run at the plateau and, with `restore_best_weights`/best-iteration prediction, keeps the best model.',
      evidence:
        'Badly set training hyper-parameters consumed up to 5× the energy of the best setup in "The Power of Training: How Different Neural Network Setups Influence the Energy Demand" (arXiv 2401.01851). There is no measured figure for early stopping alone: the saving is the share of epochs or rounds run after the plateau, which depends on the data and the bound chosen.',
      example:
        'model.fit(x_train, y_train, validation_split=0.1, epochs=200)\n\nclf = xgb.XGBClassifier(n_estimators=2000)\nclf.fit(X_train, y_train, eval_set=[(X_val, y_val)])',
      useInstead:
        'from keras.callbacks import EarlyStopping\n\nmodel.fit(x_train, y_train, validation_split=0.1, epochs=200,\n          callbacks=[EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)])\n\nclf = xgb.XGBClassifier(n_estimators=2000, early_stopping_rounds=10)\nclf.fit(X_train, y_train, eval_set=[(X_val, y_val)])',
      exampleTs: "const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [8] }));\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\nawait model.fit(xs, ys, { epochs: 200, validationSplit: 0.2 });",
      useInsteadTs: "await model.fit(xs, ys, {\n  epochs: 200,\n  validationSplit: 0.2,\n  callbacks: [tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 5 })],\n});",
      whatItDoesTs: 'TensorFlow.js: `model.fit(xs, ys, { epochs })` and `model.fitDataset(ds, { epochs })` on a model made by `tf.sequential()`/`tf.model()` or loaded with `tf.loadLayersModel` (or named like a model in a file that imports tf.js), with `epochs` at or above twice `min-epochs` as for Keras (the default of 1 epoch is never reported; without `validationSplit`/`validationData`, ten times `min-epochs`), and no `tf.callbacks.earlyStopping(...)` in `callbacks` and no callback that sets `model.stopTraining`. tfjs-vis `fitCallbacks` only draw charts and do not count; any other callback the rule cannot read is assumed to stop training. Toy runs are left alone: a `tf.sequential` model whose layers\' sizes are written down with fewer than 10,000 parameters, or training data written as a literal of fewer than 1,000 rows. tf.js loaded by a `<script>` tag (a global `tf`) counts as imported.',
      fixSafetyTs: 'TensorFlow.js: unsafe, for the same reason; the callback monitors `val_loss` when the call has validation data and `loss` otherwise, and tf.js has no `restoreBestWeights`, so the model kept is the one at the stopping epoch.',
      fixSafety:
        'Unsafe, always: early stopping ends training sooner and keeps the best iteration (or, in Keras, the best weights), so the trained model differs from the full run; that is the point, but `frugal check --fix` and fix-on-save must not change what a script trains. The fix is written to run as is where the run has validation data: Keras `fit` with `validation_data` or `validation_split` (the callback monitors `val_loss` and restores the best weights); XGBoost (1.6 or later, which takes `early_stopping_rounds` in the constructor) and CatBoost models whose every `fit` passes an eval set and that are not handed to other code such as `cross_val_score` (early stopping in the constructor makes every `fit` require one); LightGBM `fit` with an `eval_set` (the `lightgbm.early_stopping` callback is the only form LightGBM 4 accepts). It needs more care elsewhere: without validation data `val_loss` does not exist; Lightning needs the monitored key to be logged; Hugging Face `EarlyStoppingCallback` requires `load_best_model_at_end=True` with evaluation and saving on one schedule (the fix sets them, which changes when checkpoints are written); `xgboost.train` keeps the rounds after the best one; `n_iter_no_change` and `early_stopping=True` hold out part of the training data for validation.',
    },
  },
  createJs: missingEarlyStoppingJs,
  create(outer) {
    // Neural training is reported at high confidence only where the file shows a large run
    // (dataset, model, multi-device or command-line configured): a toy run takes seconds.
    const ctx = workloadGated(outer);
    // Boosting and scikit-learn models: high confidence where their data is read from a file, a database or a dataset.
    const tabular = dataGated(outer);
    return {
      call(call) {
        checkKeras(ctx, call);
        checkLightning(ctx, call);
        checkHfTrainer(ctx, call);
        checkXgbEstimator(tabular, call);
        checkXgbTrain(tabular, call);
        checkLgbTrain(tabular, call);
        checkLgbFit(tabular, call);
        checkCatBoost(tabular, call);
        checkSklearn(tabular, call);
      },
      end() {
        checkLoops(ctx);
      },
    };
  },
};

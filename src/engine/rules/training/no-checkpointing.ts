// FRG113: long training runs that save nothing while they train (no checkpoint callback, no save
// inside the epoch loop, checkpointing switched off), so a crash or pre-emption loses the whole run.
import type { CallSite, ModuleModel } from '../../model/model';
import { contains } from '../../model/model';
import { child, descendants, type SNode, unparen } from '../../parse/syntax';
import { compact, setKeyword } from '../fixes';
import type { Rule, RuleContext } from '../rule';
import { loopHeader } from '../data/shared';
import { Pipelines } from '../data/tf-data-without-prefetch';
import { walkedCollection } from '../inference/shared';
import { stepEpochLoops } from './epoch-loops';
import { kerasModelSize } from './keras-size';
import { cutToTinySlice, onlySmallModels, SMALL_PARAMETERS, visibleParameters } from './model-size';
import { innermostLoop, isStepCall, trainingFacts } from './shared';
import { addCallbackEdit, boolValue, kerasModule, lastSegment, numberValue, type Presence, scanCallbackList, stringValue, symbolRef, usesOf } from './training-apis';
import { hfLength, longKerasFit } from './missing-early-stopping';
import { workloadGated, CONFIDENCE_DOCS } from './workload';

/** Runs at least this many epochs (times `min-epochs`) count as long, as for early stopping. */
const LOOP_FACTOR = 2;
/** Optimiser steps that count as a long run when the length is counted in steps. */
const MIN_STEPS = 10_000;

const LIGHTNING_TRAINERS = new Set(['lightning.Trainer', 'lightning.trainer.Trainer', 'lightning.trainer.trainer.Trainer']);
const HF_ARGS = new Set([
  'transformers.TrainingArguments',
  'transformers.Seq2SeqTrainingArguments',
  'transformers.training_args.TrainingArguments',
  'transformers.training_args_seq2seq.Seq2SeqTrainingArguments',
]);

/**
 * Calls that write a model or training state somewhere: `torch.save`, `save_pretrained`,
 * `save_state`, `save_checkpoint`, `model.save`, `save_weights`, `accelerator.save`, a TF
 * `CheckpointManager.save`, `pickle.dump`, `joblib.dump`, `mlflow.log_model`, or any helper whose
 * name says it saves, checkpoints, dumps or exports.
 */
const SAVE_NAME = /save|checkpoint|ckpt|dump|persist|seriali[sz]e|export|backup|snapshot|log_model|log_artifact|log_state_dict/i;
/** Calls that hand control to callbacks or hooks, which may save. */
const CALLBACK_NAME = /callback|hook|^on_\w*(epoch|step|batch|train)\w*$/i;
/** Objects whose `write` stores a checkpoint (`ckpt.write(path)`). */
const CHECKPOINT_OBJECT = /ckpt|checkpoint|saver|manager/i;

/** Callback libraries whose callbacks are known by name (other callbacks may save). */
const KNOWN_CALLBACK_LIBRARIES = ['keras.', 'lightning.', 'transformers.', 'wandb.', 'mlflow.', 'tqdm.', 'livelossplot.', 'comet_ml.', 'neptune', 'clearml.', 'dvclive.'];


/**
 * Whether a callbacks expression holds one that saves: `ModelCheckpoint`, `BackupAndRestore` or any
 * callback named for checkpoints. A custom callback, or one that cannot be followed, is `unknown`.
 */
function scanSavingCallbacks(model: ModuleModel, node: SNode | undefined): Presence {
  return scanCallbackList(model, node, {
    name: () => 'unknown',
    call: (call) => {
      const q = call.qualified;
      if (q) {
        if (SAVE_NAME.test(lastSegment(q))) return 'found';
        return KNOWN_CALLBACK_LIBRARIES.some((p) => q.startsWith(p)) && lastSegment(q) !== 'LambdaCallback' ? 'absent' : 'unknown';
      }
      return SAVE_NAME.test(call.name) ? 'found' : 'unknown';
    },
  });
}

/** A call that saves, by its name or the object it writes through. */
function isSaveCall(model: ModuleModel, call: CallSite): boolean {
  if (SAVE_NAME.test(call.name) || (call.qualified !== undefined && SAVE_NAME.test(call.qualified))) return true;
  return call.name === 'write' && call.receiver !== undefined && CHECKPOINT_OBJECT.test(model.text(call.receiver));
}

/** The name of a module-level function or `self.method` a call invokes. */
function localCallee(model: ModuleModel, c: CallSite): string | undefined {
  const callee = unparen(c.callee);
  if (callee.type === 'identifier') return model.text(callee);
  if (c.receiver && model.text(c.receiver) === 'self') return c.name;
  return undefined;
}

interface Reach {
  /** Saves, or may save through a callback or hook. */
  saves: boolean;
  /** Runs a step inside a loop of its own (batches), as opposed to one full-batch step. */
  batches: boolean;
}

/** What the calls in `root` do, following local functions (a few levels deep). */
function reach(model: ModuleModel, root: SNode, stepLoops: Set<SNode>, depth = 0, seen = new Set<string>()): Reach {
  const out: Reach = { saves: false, batches: false };
  const inside = model.calls.filter((c) => contains(root, c.node));
  for (const c of inside) {
    if (isSaveCall(model, c) || CALLBACK_NAME.test(c.name)) out.saves = true;
    if (isStepCall(model, c)) {
      const loop = innermostLoop(model, c.node);
      if (loop && loop.node !== root.parent && contains(root, loop.node) && stepLoops.has(loop.node)) out.batches = true;
    }
    const name = localCallee(model, c);
    if (!name || seen.has(name) || depth > 3) continue;
    seen.add(name);
    for (const fn of model.functions.filter((f) => f.name === name)) {
      const body = child(fn.node, 'body');
      if (!body) continue;
      const inner = reach(model, body, stepLoops, depth + 1, seen);
      out.saves ||= inner.saves;
      out.batches ||= inner.batches;
    }
  }
  return out;
}

/** A `try` around the loop whose `except`/`finally` saves: the author saves on failure. */
function savesOnFailure(model: ModuleModel, loop: SNode): boolean {
  for (let p = loop.parent; p; p = p.parent) {
    if (p.type !== 'try_statement') continue;
    for (const clause of p.children) {
      if (clause.type !== 'except_clause' && clause.type !== 'finally_clause') continue;
      if (model.calls.some((c) => contains(clause, c.node) && isSaveCall(model, c))) return true;
    }
  }
  return false;
}

/**
 * One run of many: `fit` in a loop (a search, k folds, rounds that save between calls) or in an
 * Optuna-style objective (`def objective(trial)`). Each run is short next to the whole, and
 * checkpointing trials is not the usual remedy.
 */
function searchTrial(model: ModuleModel, node: SNode): boolean {
  const ctx = model.context(node);
  return ctx.loops.length > 0 || ctx.func?.params.includes('trial') === true;
}

const TEST_PATH = /(^|[\\/])tests[\\/]|(^|[\\/])(test_[^\\/]*|[^\\/]*_test|conftest)\.(py|ipynb)$/;

function isTestCode(ctx: RuleContext): boolean {
  return TEST_PATH.test(ctx.path) || ctx.model.importsModule('pytest') || ctx.model.importsModule('unittest');
}

/** Whether the file saves a model anywhere (after training, for instance). */
function savesAnywhere(model: ModuleModel): boolean {
  return model.calls.some((c) => isSaveCall(model, c));
}

function savedNote(model: ModuleModel): string {
  return savesAnywhere(model)
    ? 'a save after training keeps only a run that finishes'
    : 'the trained model is never saved either, so every later use trains it again';
}

// ---- Keras ----

const pipelinesCache = new WeakMap<ModuleModel, Pipelines>();

/**
 * Training data streamed from files: a `tf.data` pipeline that reads files or a generator, a
 * Keras directory loader, `ImageDataGenerator.flow_from_directory`. Arrays held in memory are
 * small enough to train in minutes in the tutorials and notebooks that use them.
 */
function streams(model: ModuleModel, x: SNode | undefined): boolean {
  if (!x) return false;
  let pipelines = pipelinesCache.get(model);
  if (!pipelines) pipelinesCache.set(model, (pipelines = new Pipelines(model)));
  const p = pipelines.describe(x);
  if (p) return p.root !== 'memory';
  const origin = model.originCall(x);
  return origin !== undefined && /^flow_from_(directory|dataframe)$/.test(origin.name);
}

const PRETRAINED = /^(keras\.applications\.|keras_(hub|cv|nlp)\.|tensorflow_hub\.)/;

/**
 * A model built on a pretrained Keras application or hub model (`Sequential([base, ...])` with
 * `base = keras.applications.ResNet50(...)`, `hub.KerasLayer(...)` in its layers, a functional
 * model whose graph goes through one): a real network, whatever the data.
 */
function pretrainedKeras(model: ModuleModel, node: SNode, depth = 0, seen = new Set<CallSite>()): boolean {
  // Deep enough for a functional head of several layers (`x = layer(x)` repeated) on the base.
  if (depth > 12) return false;
  const origin = model.originCall(node);
  if (!origin || seen.has(origin)) return false;
  seen.add(origin);
  if (origin.qualified && PRETRAINED.test(origin.qualified)) return true;
  for (const c of model.calls) {
    if (c !== origin && contains(origin.node, c.node) && c.qualified && PRETRAINED.test(c.qualified)) return true;
  }
  for (const d of descendants(origin.argList)) {
    if (d.type === 'identifier' && d.parent?.type !== 'keyword_argument' && !(d.parent?.type === 'attribute' && d.field === 'attribute') && pretrainedKeras(model, d, depth + 1, seen)) return true;
  }
  // `x = base(inputs, training=False)`: the layer called is a model built elsewhere.
  const callee = unparen(origin.callee);
  if (callee.type === 'identifier' && pretrainedKeras(model, callee, depth + 1, seen)) return true;
  return origin.receiver !== undefined && pretrainedKeras(model, origin.receiver, depth + 1, seen);
}

function checkKeras(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  const epochs = longKerasFit(ctx, call);
  if (epochs === undefined || !call.receiver) return;
  // Resuming from a saved epoch: checkpoints exist.
  if (call.kwargs.has('initial_epoch')) return;
  const callbacks = model.arg(call, 'callbacks', 5);
  if (scanSavingCallbacks(model, callbacks?.node) !== 'absent') return;
  const size = kerasModelSize(model, call.receiver);
  // A head on a pretrained base counts only its own layers, but every epoch runs the base too.
  const pretrained = pretrainedKeras(model, call.receiver);
  if ((size && size.params < SMALL_PARAMETERS && !pretrained) || cutToTinySlice(model, model.arg(call, 'x', 0))) return;
  if (!(size && !size.guessed && size.params >= SMALL_PARAMETERS) && !pretrained && !streams(model, model.arg(call, 'x', 0)?.node)) return;
  if (searchTrial(model, call.node)) return;
  const ref = symbolRef(model, 'keras.callbacks.BackupAndRestore', `${kerasModule(model)}.callbacks`, call.node);
  const edits = ref && call.args.length <= 5 ? compact([addCallbackEdit(model, call, 'callbacks', `${ref.ref}(backup_dir="backup")`), ref.importEdit]) : [];
  ctx.report({
    node: call.callee,
    messageId: 'keras',
    data: { epochs, saved: savedNote(model) },
    fix: edits.length ? { safety: 'unsafe', edits, title: 'Add a `BackupAndRestore(backup_dir="backup")` callback' } : undefined,
  });
}

// ---- Hugging Face TrainingArguments ----


/** `"no"`, `IntervalStrategy.NO` or `SaveStrategy.NO`. */
function savesNever(model: ModuleModel, call: CallSite): boolean {
  const v = call.kwargs.get('save_strategy');
  if (!v) return false;
  if (stringValue(model, v) === 'no') return true;
  return /^[\w.]*(IntervalStrategy|SaveStrategy)\.NO$/.test(model.text(v.node));
}

function checkHfArgs(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  if (!call.qualified || !HF_ARGS.has(call.qualified) || call.hasSplat || !savesNever(model, call)) return;
  const length = hfLength(ctx, call);
  if (!length || searchTrial(model, call.node)) return;
  // A search runs many short trials; callbacks of a trainer in this file may save themselves.
  if (model.calls.some((c) => c.name === 'hyperparameter_search')) return;
  for (const trainer of usesOf(model, call).passed) {
    if (scanSavingCallbacks(model, trainer.kwargs.get('callbacks')?.node) !== 'absent') return;
    if (model.calls.some((c) => c.name === 'add_callback' && c.receiver && model.originCall(c.receiver) === trainer)) return;
  }
  const keyword = call.kwargs.get('save_strategy')!;
  ctx.report({
    node: call.callee,
    messageId: 'huggingface',
    data: { args: lastSegment(call.qualified), length, saved: savedNote(model) },
    fix: { safety: 'unsafe', edits: [{ start: keyword.node.start, end: keyword.node.end, text: '"epoch"' }], title: 'Save a checkpoint every epoch (`save_strategy="epoch"`)' },
  });
}

// ---- Lightning ----

function lightningLength(ctx: RuleContext, call: CallSite): string | undefined {
  const { model, settings } = ctx;
  const maxEpochs = call.kwargs.get('max_epochs');
  const maxSteps = call.kwargs.get('max_steps');
  const steps = maxSteps && maxSteps.kind !== 'none' ? numberValue(model, maxSteps) : undefined;
  if (maxSteps && maxSteps.kind !== 'none' && steps === undefined) return undefined;
  if (steps !== undefined && steps > 0) return steps >= MIN_STEPS ? `\`max_steps=${steps}\`` : undefined;
  if (!maxEpochs || maxEpochs.kind === 'none') return 'the default `max_epochs=1000`';
  const n = numberValue(model, maxEpochs);
  if (n === undefined) return undefined;
  if (n === -1) return '`max_epochs=-1` (no limit)';
  return n >= settings.minEpochs ? `\`max_epochs=${n}\`` : undefined;
}

function checkLightning(ctx: RuleContext, call: CallSite): void {
  const { model } = ctx;
  if (!call.qualified || !LIGHTNING_TRAINERS.has(call.qualified) || call.hasSplat || call.args.length > 0) return;
  const flag = call.kwargs.get('enable_checkpointing');
  if (!flag || boolValue(model, flag) !== false) return;
  if (call.kwargs.has('fast_dev_run') && boolValue(model, call.kwargs.get('fast_dev_run')) !== false) return;
  const length = lightningLength(ctx, call);
  if (!length || onlySmallModels(model) || searchTrial(model, call.node)) return;
  if (scanSavingCallbacks(model, call.kwargs.get('callbacks')?.node) !== 'absent') return;
  ctx.report({
    node: call.callee,
    messageId: 'lightning',
    data: { length, saved: savedNote(model) },
    fix: { safety: 'unsafe', edits: [setKeyword(model, call, 'enable_checkpointing', 'True')], title: 'Turn checkpointing back on (`enable_checkpointing=True`)' },
  });
}

// ---- hand-written loops ----

/** Data read from files or datasets: a demo on generated tensors has nothing worth keeping. */
const DATA_SOURCES = /^(torch\.utils\.data\.|torchvision\.datasets\.|datasets\.load_dataset|pandas\.read_|numpy\.load|torch\.load|open$|tensorflow\.data\.|tensorflow_datasets\.|keras\.datasets\.|keras\.utils\.\w+_dataset_from_directory|torchtext\.|torchaudio\.datasets\.)/;

/** Every Keras model the file builds is sized and small (`tf.keras.Sequential([Dense(10), ...])`). */
function onlySmallKerasModels(model: ModuleModel): boolean {
  const built = model.calls.filter((c) => c.qualified === 'keras.Sequential' || c.qualified === 'keras.models.Sequential' || c.qualified === 'keras.Model' || c.qualified === 'keras.models.Model');
  return built.length > 0 && !model.importsModule('torch') && built.every((c) => (kerasModelSize(model, c.node)?.params ?? Infinity) < SMALL_PARAMETERS);
}

const EPOCH_NAMED = /epoch|^ep$|^e$/i;

/** PyTorch models whose size is large by construction: pretrained hubs and zoos. */
const PRETRAINED_TORCH = /(^|\.)from_pretrained$|^torchvision\.models\.\w+$|^timm\.create_model$|^torch\.hub\.load$/;

/** A loop in `body` walks a DataLoader (`for x, y in train_loader:`, `enumerate(loader)`): its batches are real data. */
function loadsBatches(model: ModuleModel, body: SNode): boolean {
  return model.loops.some((l) => {
    if (l.kind !== 'for' || !l.iter || !contains(body, l.node)) return false;
    return model.originCall(walkedCollection(model, l.iter))?.qualified === 'torch.utils.data.DataLoader';
  });
}

function checkLoops(ctx: RuleContext): void {
  const { model, settings } = ctx;
  if (!model.importsModule('torch') && !model.importsModule('jax') && !model.importsModule('accelerate') && !model.importsModule('tensorflow')) return;
  if (onlySmallModels(model) || onlySmallKerasModels(model) || !model.calls.some((c) => c.qualified !== undefined && DATA_SOURCES.test(c.qualified))) return;
  // Runs long enough for a failure to cost much are GPU runs or big models; a notebook's loop
  // (its model in the kernel, trained in minutes on a laptop) only when the model is big.
  const big = (visibleParameters(model).params ?? 0) >= SMALL_PARAMETERS || model.calls.some((c) => PRETRAINED_TORCH.test(c.qualified ?? ''));
  if (!big && (!model.evidence.gpu || model.evidence.notebook)) return;
  const { stepLoops } = trainingFacts(model);
  for (const e of stepEpochLoops(model)) {
    if (e.epochs === undefined) continue;
    const body = e.loop.body;
    if (searchTrial(model, e.loop.node)) continue;
    // Random inputs drawn each epoch (a demo on generated tensors), unless the batches come from a DataLoader (noise added to real data).
    if (model.calls.some((c) => contains(body, c.node) && /^(torch\.rand|numpy\.random\.)/.test(c.qualified ?? '')) && !loadsBatches(model, body)) continue;
    const r = reach(model, body, stepLoops);
    if (r.saves || savesOnFailure(model, e.loop.node)) continue;
    // One full-batch step per iteration (`for epoch in range(200): loss = f(all_data)`): the
    // iterations are steps, which take seconds in all.
    const epochWise = r.batches && e.loop.targets.some((t) => EPOCH_NAMED.test(t));
    const long = epochWise ? e.epochs >= settings.minEpochs * LOOP_FACTOR : e.epochs >= MIN_STEPS;
    if (!long) continue;
    ctx.report({
      node: loopHeader(e.loop),
      messageId: epochWise ? 'loop' : 'loopSteps',
      data: { count: e.epochs, saved: savedNote(model) },
    });
  }
}

export const noCheckpointing: Rule = {
  meta: {
    code: 'FRG113',
    name: 'no-checkpointing',
    category: 'training',
    // The waste happens only when a run fails, so it is advice rather than a defect.
    severity: 'info',
    summary: 'Long training run that saves no checkpoint while it trains',
    messages: {
      keras: 'Keras `fit` runs {epochs} epochs with no `ModelCheckpoint` or `BackupAndRestore` callback: a crash or pre-emption throws away every epoch already trained, and {saved}',
      huggingface: '`{args}` with `save_strategy="no"` for {length}: a crash or pre-emption throws away the whole run, and {saved}',
      lightning: 'Lightning `Trainer` with `enable_checkpointing=False` for {length}: a crash or pre-emption throws away the whole run, and {saved}',
      loop: 'Training loop runs {count} epochs and saves nothing inside the loop: a crash or pre-emption throws away every epoch already trained, and {saved}; save a checkpoint (`torch.save` of the model and optimizer state) every epoch or few',
      loopSteps: 'Training loop runs {count} steps and saves nothing inside the loop: a crash or pre-emption throws away every step already trained, and {saved}; save a checkpoint every few thousand steps',
    },
    fixTitle: 'Save checkpoints during training',
    languages: ['python', 'notebook'],
    docs: {
      whatItDoes:
        'Checks for long training runs that write no checkpoint while they train. Long means what it means for `missing-early-stopping`: Keras `model.fit` with `epochs` at or above twice `min-epochs` (default 10, so 20; the count read from literals, constants, parameter and argparse defaults); a Hugging Face `TrainingArguments`/`Seq2SeqTrainingArguments` with `num_train_epochs` at or above `min-epochs` (3 when unset) or `max_steps` of at least 10,000; a Lightning `Trainer` with `max_epochs` at or above `min-epochs` (1000 when unset) or `max_steps` of at least 10,000; a hand-written epoch loop (`for epoch in range(args.epochs)`, counted as for early stopping) of at least twice `min-epochs` epochs that trains on batches in an inner loop or a called function, or of at least 10,000 iterations when each iteration is one step (full-batch training, `for it in range(n_iter)`). For Keras, the run must also be on a model that is large (at least 1,000,000 parameters counted from its layers) or built on a pretrained `keras.applications`, KerasHub or TensorFlow Hub model, or be fed from files (a `tf.data` pipeline that reads files or a generator, a Keras directory loader, `flow_from_directory`): arrays held in memory are what tutorials and notebooks train in minutes. It flags: Keras `fit` whose `callbacks` hold no `ModelCheckpoint`, `BackupAndRestore` or other callback named for saving (a custom callback, or one it cannot follow, may save and keeps it silent; `initial_epoch=` means the run resumes from a checkpoint); `TrainingArguments(save_strategy="no")` (Hugging Face saves every 500 steps by default, so only switching it off is flagged), unless the file runs a `hyperparameter_search` or the trainer has custom callbacks; Lightning `Trainer(enable_checkpointing=False)` (Lightning saves after every epoch by default), unless a custom callback may save; a hand-written loop whose body, and the local functions it calls (followed a few levels deep, `self.` methods included), makes no call that saves: `torch.save`, `save_pretrained`, `save_state`, `save_checkpoint`, `model.save`, `save_weights`, `accelerator.save`, `CheckpointManager.save`, `checkpoint.write`, `pickle.dump`, `joblib.dump`, `mlflow.log_model`, or any function or method from another module whose name mentions saving, checkpoints, dumping or exporting; a call into callbacks or hooks (`callback.on_epoch_end(...)`) also counts as saving. A save that happens only after the loop or `fit` has returned does not count: it keeps the finished model but protects nothing while training runs, and the message says so (or says that the model is never saved at all). A save in an `except` or `finally` around the loop counts. Left alone: runs inside a loop (a search, k folds, rounds that save between calls) or in a search objective that takes a `trial`, loops in files that read no data (a demo on generated tensors) or that draw random inputs each epoch (random noise added to batches of a DataLoader does not count), files whose models are all small (under 1,000,000 parameters, every size written down: they train in minutes, so a failure costs little), hand-written loops in files that show no GPU, or in notebooks, unless the model is big (at least 1,000,000 parameters written down, or a pretrained `from_pretrained`/torchvision/timm/`torch.hub` model), Keras models of that size or trained on a literal slice of at most 1,000 samples, test files (`test_*.py`, `*_test.py`, `conftest.py`, a `tests/` folder, files importing pytest or unittest), and run lengths it cannot read.' + ' ' + CONFIDENCE_DOCS.run,
      whyBad:
        'A run that saves nothing until it ends loses everything when it is interrupted: an out-of-memory error, a driver fault, a pre-empted spot or cloud instance, a closed notebook. All the energy spent up to that point is spent again when the run is restarted from scratch. A checkpoint every epoch (or every few thousand steps) bounds the loss to that interval and lets the run resume. A model that is never saved at all must also be trained again for every later use.',
      evidence:
        'There is no measured figure for the energy lost to restarts: it is the share of a run completed before the failure, times how often runs fail. Interruption is a documented, normal event on the cheapest accelerators: Google Cloud preemptible VMs, offered at up to 91 % off, "always stop after 24 hours" and may be stopped at any time before (Compute Engine documentation, "Create and use preemptible VMs"), so any run longer than that cannot finish without checkpoints. TensorFlow provides `BackupAndRestore` for exactly this case, and Hugging Face and Lightning checkpoint by default.',
      example: 'model.fit(train_ds, validation_data=val_ds, epochs=100)\nmodel.save("model.keras")\n\nfor epoch in range(200):\n    train_one_epoch(model, loader, optimizer)\ntorch.save(model.state_dict(), "model.pt")',
      useInstead:
        'model.fit(train_ds, validation_data=val_ds, epochs=100,\n          callbacks=[keras.callbacks.BackupAndRestore(backup_dir="backup")])\n\nfor epoch in range(start_epoch, 200):\n    train_one_epoch(model, loader, optimizer)\n    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict()}, "checkpoint.pt")',
      fixSafety:
        'Unsafe: every fix makes the run write files to disk, which needs space and may not be wanted in the environment. Keras: adds `BackupAndRestore(backup_dir="backup")` to `callbacks` (it saves each epoch, resumes an interrupted run when the script is started again, and deletes the backup when training completes). Hugging Face: sets `save_strategy="epoch"`. Lightning: sets `enable_checkpointing=True`. No fix is offered for hand-written loops, where what to save and how to resume depend on the code.',
    },
  },
  create(outer) {
    if (isTestCode(outer)) return {};
    const ctx = workloadGated(outer);
    return {
      call(call) {
        checkKeras(ctx, call);
        checkHfArgs(ctx, call);
        checkLightning(ctx, call);
      },
      end() {
        checkLoops(ctx);
      },
    };
  },
};

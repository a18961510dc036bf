// FRG101 in TensorFlow.js: `model.fit`/`fitDataset` for many epochs with no
// `tf.callbacks.earlyStopping` and no callback that sets `model.stopTraining`.
import type { CallSite } from '../../model/model';
import type { JsRuleContext, Visitor } from '../rule';
import { TINY_TRAINING_SET, TOY_PARAMETERS } from '../training/model-size';
import { addToListOption, isTfModel, option, tfNamespace } from './shared';
import { literalRows, tfjsModelParams } from './tfjs-size';

/** Runs without validation data are reported from this many times `min-epochs`. */
const NO_VALIDATION_FACTOR = 10;

/** tf.js `fit` trains one epoch unless told otherwise. */
const DEFAULT_EPOCHS = 1;

type Callbacks = 'stops' | 'absent' | 'unknown';

/** What the `callbacks` option does: early stopping, nothing that stops, or code the rule cannot see. */
function callbacks(ctx: JsRuleContext, call: CallSite): Callbacks {
  const { model } = ctx;
  const v = option(model, call, 'callbacks');
  if (!v || v.kind === 'none') return 'absent';
  const items = v.kind === 'list' ? v.items.map((i) => model.resolve(i)) : [v];
  let verdict: Callbacks = 'absent';
  for (const item of items) {
    if (item.kind === 'call') {
      const q = item.call.qualified ?? '';
      if (q === 'tf.callbacks.earlyStopping' || /earlyStopping|EarlyStopping/.test(q || item.call.name)) return 'stops';
      // tfjs-vis charts only draw.
      if (/^@tensorflow\/tfjs-vis\.show\.(fitCallbacks|history)$/.test(q) || /^tfvis\.show\.fitCallbacks$/.test(model.text(item.call.callee))) continue;
      verdict = 'unknown';
    } else if (item.kind === 'dict') {
      // Inline `{ onEpochEnd: … }`: stops only if it sets `stopTraining`.
      if (/\bstopTraining\b/.test(model.text(item.node))) return 'stops';
    } else verdict = 'unknown';
  }
  return verdict;
}

export function missingEarlyStoppingJs(ctx: JsRuleContext): Visitor {
  const { model, settings } = ctx;
  // `model.stopTraining = true` somewhere in the file, for this model.
  const stoppers = [...model.memberAssignments.keys()].filter((k) => k.endsWith('.stopTraining')).map((k) => k.slice(0, -'.stopTraining'.length));
  return {
    call(call) {
      if ((call.name !== 'fit' && call.name !== 'fitDataset') || call.hasSplat || !isTfModel(model, call.receiver)) return;
      const position = call.name === 'fit' ? 2 : 1;
      if (call.args.length > position + 1) return;
      const epochsValue = option(model, call, 'epochs');
      const epochs = epochsValue === undefined ? DEFAULT_EPOCHS : epochsValue.kind === 'number' ? epochsValue.value : undefined;
      // The same threshold as Keras in Python: twice `min-epochs`.
      if (epochs === undefined || epochs < settings.minEpochs * 2) return;
      const receiver = model.text(call.receiver!);
      if (stoppers.some((s) => s === receiver || s === 'this.model' || s === 'this') || callbacks(ctx, call) !== 'absent') return;
      // Toy models and toy data, as in Python: nothing worth stopping early.
      const params = tfjsModelParams(model, call.receiver!);
      if (params !== undefined && params < TOY_PARAMETERS) return;
      const rows = call.name === 'fit' ? literalRows(model, call.args[0]) : undefined;
      if (rows !== undefined && rows < TINY_TRAINING_SET) return;
      const validation =
        option(model, call, 'validationData') !== undefined || ((): boolean => {
          const s = option(model, call, 'validationSplit');
          return s?.kind === 'number' ? s.value > 0 : s !== undefined;
        })();
      // Without validation data only the training loss could be watched: reported for very long runs only, as for Python loops.
      if (!validation && epochs < settings.minEpochs * NO_VALIDATION_FACTOR) return;
      const tf = tfNamespace(model);
      const monitor = validation ? 'val_loss' : 'loss';
      const edit = tf ? addToListOption(model, call, 'callbacks', `${tf}.callbacks.earlyStopping({ monitor: '${monitor}', patience: 5 })`, position) : undefined;
      ctx.report({
        node: call.callee,
        messageId: validation ? 'tfjs' : 'tfjsNoValidation',
        data: { epochs },
        fix: edit ? { edits: [edit], safety: 'unsafe', title: `Add a \`tf.callbacks.earlyStopping({ monitor: '${monitor}' })\` callback` } : undefined,
      });
    },
  };
}

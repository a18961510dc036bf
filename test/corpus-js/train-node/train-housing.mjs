// Train a dense regressor on the Boston-housing style CSV export and save it
// next to the script. Run with `npm run train`.
import * as tf from '@tensorflow/tfjs-node';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import path from 'node:path';

const DATA = path.resolve('data/housing.csv');
const OUT_DIR = 'file://' + path.resolve('models/housing');
const NUM_FEATURES = 13;

async function loadData() {
  const rows = parse(await readFile(DATA, 'utf8'), { columns: true, cast: true });
  const features = rows.map((r) => Object.values(r).slice(0, NUM_FEATURES));
  const labels = rows.map((r) => [r.MEDV]);
  // Normalise once, keep only the normalised copies (OK: outside any loop).
  return tf.tidy(() => {
    const x = tf.tensor2d(features);
    const { mean, variance } = tf.moments(x, 0);
    const xs = x.sub(mean).div(variance.sqrt().add(1e-6));
    return { xs, ys: tf.tensor2d(labels), mean: tf.keep(mean), variance: tf.keep(variance) };
  });
}

function buildModel(hidden = 256) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [NUM_FEATURES] }));
  model.add(tf.layers.dropout({ rate: 0.1 }));
  model.add(tf.layers.dense({ units: hidden / 2, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError', metrics: ['mae'] });
  return model;
}

async function main() {
  const { xs, ys, mean, variance } = await loadData();
  console.log(`loaded ${xs.shape[0]} rows, ${tf.memory().numTensors} tensors live`);

  // Baseline: fixed-length run, nothing stops it once val_loss plateaus.
  const model = buildModel();
  const history = await model.fit(xs, ys, { // FRG101
    epochs: 200,
    batchSize: 32,
    validationSplit: 0.2,
    shuffle: true,
    verbose: 0,
  });
  const last = history.history.val_loss.at(-1);
  console.log(`baseline val_loss=${last.toFixed(3)}`);

  // Short calibration pass on the most recent rows. OK: 5 epochs is below min-epochs.
  const recent = xs.slice([xs.shape[0] - 200, 0], [200, NUM_FEATURES]);
  const recentY = ys.slice([ys.shape[0] - 200, 0], [200, 1]);
  await model.fit(recent, recentY, { epochs: 5, batchSize: 16, verbose: 0 });
  tf.dispose([recent, recentY]);

  // Wider variant with early stopping. OK: earlyStopping in callbacks.
  const wide = buildModel(512);
  await wide.fit(xs, ys, {
    epochs: 300,
    batchSize: 64,
    validationSplit: 0.2,
    callbacks: [tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 10 })],
    verbose: 0,
  });

  const [mseBase, mseWide] = [model, wide].map((m) =>
    tf.tidy(() => m.evaluate(xs, ys, { batchSize: 256 })[0].dataSync()[0]),
  ); // OK: map over a two-item literal list, and tidy disposes the result tensors
  const best = mseWide < mseBase ? wide : model;
  await best.save(OUT_DIR);
  console.log(`saved ${best === wide ? 'wide' : 'baseline'} model to ${OUT_DIR}`);
  tf.dispose([xs, ys, mean, variance]);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

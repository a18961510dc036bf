// Trains a house-price regressor with TensorFlow.js on Node (tfjs-node) and evaluates it.
import * as tf from '@tensorflow/tfjs-node';
import { readFileSync } from 'node:fs';

interface Row {
  features: number[];
  price: number;
}

const EPOCHS = 300;
const FEATURES = 12;

function load(path: string): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const rows = JSON.parse(readFileSync(path, 'utf8')) as Row[];
  return tf.tidy(() => ({
    xs: tf.tensor2d(rows.map((r) => r.features)),
    ys: tf.tensor2d(rows.map((r) => [r.price])),
  }));
}

function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 128, activation: 'relu', inputShape: [FEATURES] }));
  model.add(tf.layers.dense({ units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  return model;
}

export async function main(): Promise<void> {
  const train = load('data/train.json');
  const test = load('data/test.json');
  const model = buildModel();
  // 300 epochs whatever the validation loss does.
  await model.fit(train.xs, train.ys, { epochs: EPOCHS, batchSize: 64, validationSplit: 0.2 });

  // Evaluated one house at a time, leaking two tensors per house.
  let sse = 0;
  const rows = test.xs.arraySync();
  const prices = test.ys.arraySync();
  for (let i = 0; i < rows.length; i++) {
    const x = tf.tensor2d([rows[i]]);
    const y = model.predict(x) as tf.Tensor;
    sse += (y.dataSync()[0] - prices[i][0]) ** 2;
  }
  console.log(`test RMSE ${Math.sqrt(sse / rows.length).toFixed(3)}`);

  // Already frugal: one batched prediction, inside tf.tidy.
  const mse = tf.tidy(() => (tf.losses.meanSquaredError(test.ys, model.predict(test.xs) as tf.Tensor) as tf.Scalar).dataSync()[0]);
  console.log(`batched test MSE ${mse.toFixed(3)}`);
  await model.save('file://model');
}

// Two-layer MLP trained with a hand-written loop and optimizer.minimize on the
// CUDA build of tfjs-node. Used to reproduce the paper's baseline numbers.
import * as tf from '@tensorflow/tfjs-node-gpu';
import { readFileSync } from 'node:fs';

const EPOCHS = 100;
const BATCH = 256;
const D_IN = 784;
const D_HIDDEN = 512;
const D_OUT = 10;

const raw = JSON.parse(readFileSync('data/mnist-flat.json', 'utf8')) as {
  train: { x: number[]; y: number }[];
  val: { x: number[]; y: number }[];
};

// Parameters live for the whole run (OK: created once, outside the loops).
const w1 = tf.variable(tf.randomNormal([D_IN, D_HIDDEN], 0, Math.sqrt(2 / D_IN)));
const b1 = tf.variable(tf.zeros([D_HIDDEN]));
const w2 = tf.variable(tf.randomNormal([D_HIDDEN, D_OUT], 0, Math.sqrt(2 / D_HIDDEN)));
const b2 = tf.variable(tf.zeros([D_OUT]));
const optimizer = tf.train.adam(1e-3);

function forward(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => x.matMul(w1).add(b1).relu().matMul(w2).add(b2));
}

function toTensors(rows: { x: number[]; y: number }[]) {
  return tf.tidy(() => ({
    xs: tf.tensor2d(rows.map((r) => r.x), [rows.length, D_IN]).div(255) as tf.Tensor2D,
    ys: tf.oneHot(tf.tensor1d(rows.map((r) => r.y), 'int32'), D_OUT) as tf.Tensor2D,
  }));
}

const val = toTensors(raw.val);

for (let epoch = 0; epoch < EPOCHS; epoch++) {
  tf.util.shuffle(raw.train);
  let seen = 0;
  let lossSum = 0;

  for (let start = 0; start < raw.train.length; start += BATCH) {
    const batch = toTensors(raw.train.slice(start, start + BATCH));
    // OK: tensors made inside the minimize closure are released by minimize itself.
    const cost = optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(batch.ys, forward(batch.xs)).mean() as tf.Scalar,
      true,
    )!;
    lossSum += cost.dataSync()[0] * batch.xs.shape[0]; // FRG407
    seen += batch.xs.shape[0];
    tf.dispose([batch.xs, batch.ys, cost]);
  }

  // Validation once per epoch: the loss tensor and the logits are never disposed.
  const valLoss = tf.losses.softmaxCrossEntropy(val.ys, forward(val.xs)).mean(); // FRG406
  const valAcc = tf.metrics.categoricalAccuracy(val.ys, forward(val.xs)).mean();
  const [vl, va] = await Promise.all([valLoss.data(), valAcc.data()]); // OK: async readback
  console.log(`epoch ${epoch + 1}/${EPOCHS} train=${(lossSum / seen).toFixed(4)} val=${vl[0].toFixed(4)} acc=${va[0].toFixed(4)}`);
}

// Final checkpoint (OK: once, after training).
const weights = await Promise.all([w1, b1, w2, b2].map((v) => v.array()));
console.log(`done, ${tf.memory().numTensors} tensors alive, ${weights.length} parameter blocks`);

import * as tf from '@tensorflow/tfjs-node';

export async function train(xs: tf.Tensor, ys: tf.Tensor): Promise<void> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 128, activation: 'relu', inputShape: [256] }));
  model.add(tf.layers.dense({ units: 1 }));
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await model.fit(xs, ys, { epochs: 200, validationSplit: 0.2 });
}

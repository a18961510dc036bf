// Sentiment CNN over tokenised reviews, trained from a generator dataset.
// The tfjs-node native backend is registered by the package (see package.json),
// so the plain tfjs import below runs on the native backend.
import * as tf from '@tensorflow/tfjs'; // OK: package.json depends on @tensorflow/tfjs-node
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const VOCAB = 10_000;
const MAX_LEN = 200;
const EMBED = 64;
const [, , dataPath = 'data/reviews.jsonl', outDir = 'models/sentiment'] = process.argv;

async function* examples(file: string) {
  const lines = createInterface({ input: createReadStream(file) });
  for await (const line of lines) {
    const { ids, label } = JSON.parse(line) as { ids: number[]; label: number };
    const padded = ids.slice(0, MAX_LEN).concat(Array(Math.max(0, MAX_LEN - ids.length)).fill(0));
    yield { xs: padded, ys: [label] };
  }
}

function dataset(file: string) {
  return tf.data
    .generator(() => examples(file))
    .map(({ xs, ys }: any) => ({ xs: tf.tensor1d(xs, 'int32'), ys: tf.tensor1d(ys) }))
    .shuffle(2048)
    .batch(128);
}

function buildCnn(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.embedding({ inputDim: VOCAB, outputDim: EMBED, inputLength: MAX_LEN }));
  model.add(tf.layers.conv1d({ filters: 128, kernelSize: 5, activation: 'relu' }));
  model.add(tf.layers.globalMaxPool1d());
  model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function main() {
  const train = dataset(`${dataPath}.train`);
  const val = dataset(`${dataPath}.val`);

  // v1 recipe: 40 epochs, the only callback prints progress and never stops the run.
  const cnn = buildCnn();
  await cnn.fitDataset(train, { // FRG101
    epochs: 40,
    validationData: val,
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        console.log(`epoch ${epoch}: loss=${logs?.loss.toFixed(4)} val_acc=${logs?.val_acc?.toFixed(4)}`);
      },
    },
  });
  await cnn.save(`file://${outDir}/v1`);

  // v2 recipe: stops itself once validation accuracy is good enough.
  // OK: the callback sets model.stopTraining.
  const cnn2 = buildCnn();
  const stopAtTarget = new tf.CustomCallback({
    onEpochEnd: async (_epoch, logs) => {
      if ((logs?.val_acc ?? 0) > 0.92) cnn2.stopTraining = true;
    },
  });
  await cnn2.fitDataset(train, { epochs: 60, validationData: val, callbacks: [stopAtTarget] });

  // v3 recipe: callbacks through a variable. OK: earlyStopping is in the list.
  const cnn3 = buildCnn();
  const callbacks = [tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 3 })];
  await cnn3.fitDataset(train, { epochs: 80, validationData: val, callbacks });
  await cnn3.save(`file://${outDir}/v3`);

  // Smoke test of the data pipeline. OK: epochs: 1.
  await buildCnn().fitDataset(train.take(4), { epochs: 1 });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

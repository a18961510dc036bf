// Compare every saved checkpoint of the image classifier on the held-out set,
// and report agreement with the frozen production model.
import * as tf from '@tensorflow/tfjs-node';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const CKPT_ROOT = path.resolve('checkpoints');
const PROD_MODEL = 'file://' + path.resolve('models/prod/model.json');
const TEST_DIR = path.resolve('data/test-images');
const BATCH = 64;

async function loadWithRetry(url: string, attempts = 3): Promise<tf.LayersModel> {
  let lastErr: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const m = await tf.loadLayersModel(url); // OK: retry loop that returns after loading
      return m;
    } catch (err) {
      lastErr = err;
      await new Promise((r) => setTimeout(r, 500 * (i + 1)));
    }
  }
  throw lastErr;
}

function decode(buf: Buffer): tf.Tensor3D {
  return tf.tidy(() =>
    (tf.node.decodeImage(buf, 3) as tf.Tensor3D).resizeBilinear([224, 224]).toFloat().div(255),
  );
}

async function main() {
  const files = (await readdir(TEST_DIR)).filter((f) => f.endsWith('.jpg'));
  const labels: Record<string, number> = JSON.parse(await readFile(path.join(TEST_DIR, 'labels.json'), 'utf8'));
  const images = await Promise.all(files.map(async (f) => decode(await readFile(path.join(TEST_DIR, f)))));

  const ckpts = (await readdir(CKPT_ROOT)).filter((d) => d.startsWith('epoch-')).sort();
  for (const ckpt of ckpts) {
    // OK: a different checkpoint each iteration.
    const model = await loadWithRetry(`file://${path.join(CKPT_ROOT, ckpt)}/model.json`);
    // The production model is the same file every time round.
    const prod = await tf.loadLayersModel(PROD_MODEL); // FRG403

    let correct = 0;
    let agree = 0;
    // OK: batched prediction over index windows.
    for (let i = 0; i < images.length; i += BATCH) {
      const [pred, prodPred] = tf.tidy(() => {
        const x = tf.stack(images.slice(i, i + BATCH));
        return [
          (model.predict(x) as tf.Tensor).argMax(-1),
          (prod.predict(x) as tf.Tensor).argMax(-1),
        ];
      });
      const [a, b] = [pred.dataSync(), prodPred.dataSync()]; // OK: tfjs-node runs on the CPU
      a.forEach((cls, j) => {
        if (cls === labels[files[i + j]]) correct++;
        if (cls === b[j]) agree++;
      });
      tf.dispose([pred, prodPred]);
    }
    console.log(`${ckpt}: acc=${(correct / images.length).toFixed(4)} agree=${(agree / images.length).toFixed(4)}`);
    model.dispose();
    prod.dispose();
  }

  // Per-image confidence report for the last checkpoint, one image at a time.
  const last = await tf.loadLayersModel(`file://${path.join(CKPT_ROOT, ckpts.at(-1)!)}/model.json`);
  const report: string[] = [];
  for (let i = 0; i < images.length; i++) {
    const img = images[i];
    const top = tf.tidy(() => (last.predict(img.expandDims(0)) as tf.Tensor).max()); // FRG404
    const p = await top.data();
    top.dispose();
    report.push(`${files[i]}\t${p[0].toFixed(3)}`);
  }
  console.log(report.join('\n'));
  tf.dispose(images);
}

main();

// "Teachable machine": MobileNet features + a small dense head trained in the browser
// on webcam snapshots the user records for each class.
import * as tf from '@tensorflow/tfjs';
import * as tfvis from '@tensorflow/tfjs-vis';

const MOBILENET_URL = 'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/model.json';
const NUM_CLASSES = 4;
const webcamEl = document.getElementById('webcam');
const examples = [];
const exampleLabels = [];
let truncated;
let head;
let isPredicting = false;
let mouseDown = false;

tf.enableDebugMode(); // FRG105

async function loadTruncatedMobileNet() {
  const mobilenet = await tf.loadLayersModel(MOBILENET_URL); // OK: called once from init()
  const layer = mobilenet.getLayer('conv_pw_13_relu');
  return tf.model({ inputs: mobilenet.inputs, outputs: layer.output });
}

function capture() {
  return tf.tidy(() =>
    tf.browser.fromPixels(webcamEl).resizeBilinear([224, 224]).toFloat().div(127.5).sub(1).expandDims(0),
  );
}

function addExample(label) {
  // OK: the embedding is kept in `examples` on purpose; the frame is disposed.
  const img = capture();
  examples.push(tf.tidy(() => truncated.predict(img)));
  exampleLabels.push(label);
  img.dispose();
}

async function recordWhileHeld(label) {
  mouseDown = true;
  // OK: tensors go into the examples store through addExample().
  while (mouseDown) {
    addExample(label);
    await tf.nextFrame();
  }
}

async function train() {
  const xs = tf.concat(examples);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(exampleLabels, 'int32'), NUM_CLASSES));
  head = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: truncated.outputs[0].shape.slice(1) }),
      tf.layers.dense({ units: 100, activation: 'relu', kernelInitializer: 'varianceScaling' }),
      tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax' }),
    ],
  });
  head.compile({ optimizer: tf.train.adam(1e-4), loss: 'categoricalCrossentropy', metrics: ['acc'] });
  const surface = { name: 'Training', tab: 'Head' };
  // tfjs-vis callbacks only draw the curves; nothing ends the 100 epochs early.
  await head.fit(xs, ys, { // FRG101
    epochs: 100,
    batchSize: 32,
    validationSplit: 0.15,
    shuffle: true,
    callbacks: tfvis.show.fitCallbacks(surface, ['loss', 'val_loss'], { callbacks: ['onEpochEnd'] }),
  });
  tf.dispose([xs, ys]);
}

async function predictLoop() {
  isPredicting = true;
  // OK: tidy + dispose, async readback, and a while loop (not a per-sample batchable loop).
  while (isPredicting) {
    const classId = tf.tidy(() => {
      const img = capture();
      const features = truncated.predict(img);
      return head.predict(features).as1D().argMax();
    });
    const [id] = await classId.data();
    classId.dispose();
    document.body.dataset.activeClass = String(id);
    await tf.nextFrame();
  }
}

async function init() {
  await tf.ready();
  truncated = await loadTruncatedMobileNet();
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  webcamEl.srcObject = stream;
  document.querySelectorAll('[data-class]').forEach((btn) => {
    btn.addEventListener('mousedown', () => recordWhileHeld(Number(btn.dataset.class)));
    btn.addEventListener('mouseup', () => (mouseDown = false));
  });
  document.getElementById('train').addEventListener('click', train);
  document.getElementById('predict').addEventListener('click', predictLoop);
  document.getElementById('stop').addEventListener('click', () => (isPredicting = false));
}

init();

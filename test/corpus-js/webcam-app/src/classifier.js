// Live webcam classifier: MobileNet v2 graph model, top-3 labels drawn over the video.
import * as tf from '@tensorflow/tfjs';
import { IMAGENET_CLASSES } from './imagenet-classes.js';

const MODEL_URL = 'https://tfhub.dev/google/tfjs-model/imagenet/mobilenet_v2_100_224/classification/3/default/1';
const video = document.getElementById('webcam');
const labelsEl = document.getElementById('labels');
const fpsEl = document.getElementById('fps');
let model;
let running = false;

async function setupCamera() {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
  video.srcObject = stream;
  await new Promise((resolve) => (video.onloadedmetadata = resolve));
  await video.play();
}

async function init() {
  if (new URLSearchParams(location.search).has('debug')) {
    // OK: only in a debug branch.
    await tf.setBackend('cpu');
    tf.enableDebugMode();
  }
  await tf.ready();
  model = await tf.loadGraphModel(MODEL_URL, { fromTFHub: true }); // OK: once, at start-up
  // Warm up the shaders. OK: three iterations, and tidy releases everything.
  for (let i = 0; i < 3; i++) {
    tf.tidy(() => {
      model.predict(tf.zeros([1, 224, 224, 3]));
    });
  }
  await setupCamera();
}

function render(probs) {
  const top = Array.from(probs)
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p - a.p)
    .slice(0, 3);
  labelsEl.textContent = top.map(({ p, i }) => `${IMAGENET_CLASSES[i]} ${(p * 100).toFixed(1)}%`).join('\n');
}

let last = performance.now();
function predictLoop() {
  if (!running) return;
  const frame = tf.browser.fromPixels(video).resizeBilinear([224, 224]).toFloat().div(255).expandDims(); // FRG406
  const logits = model.predict(frame);
  const probs = logits.softmax().dataSync(); // FRG407
  render(probs);
  const now = performance.now();
  fpsEl.textContent = `${(1000 / (now - last)).toFixed(0)} fps`;
  last = now;
  requestAnimationFrame(predictLoop);
}

// Snapshot button: one classification, fully cleaned up. OK: not a loop, async readback.
async function classifySnapshot() {
  const probs = tf.tidy(() => {
    const x = tf.browser.fromPixels(video).resizeBilinear([224, 224]).toFloat().div(255).expandDims();
    return model.predict(x).softmax();
  });
  render(await probs.data());
  probs.dispose();
}

// Memory HUD: reads engine counters only. OK: no tensors created.
setInterval(() => {
  const { numTensors, numBytes } = tf.memory();
  document.getElementById('mem').textContent = `${numTensors} tensors, ${(numBytes / 1e6).toFixed(1)} MB`;
}, 1000);

document.getElementById('start').addEventListener('click', () => {
  running = !running;
  if (running) requestAnimationFrame(predictLoop);
});
document.getElementById('snap').addEventListener('click', classifySnapshot);

init();

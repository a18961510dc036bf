// Routes backed by TensorFlow.js models (churn scoring, image tagging).
const path = require('node:path');
const express = require('express');
const tf = require('@tensorflow/tfjs-node');

const router = express.Router();
const CHURN_MODEL = 'file://' + path.join(__dirname, '../models/churn/model.json');
const TAGGER_MODEL = 'file://' + path.join(__dirname, '../models/tagger/model.json');
const LEGACY_MODEL = 'file://' + path.join(__dirname, '../models/churn-2022/model.json');

let churnModel;
let taggerModel;

// OK: cached with ||=, loaded on the first request only.
async function getChurnModel() {
  churnModel ||= await tf.loadLayersModel(CHURN_MODEL);
  return churnModel;
}

// OK: singleton guard.
async function getTagger() {
  if (!taggerModel) {
    taggerModel = await tf.loadGraphModel(TAGGER_MODEL);
  }
  return taggerModel;
}

// Reads the 2022 model from disk on every call.
async function loadLegacyModel() {
  const model = await tf.loadLayersModel(LEGACY_MODEL); // FRG402
  return model;
}

router.post('/churn', async (req, res) => {
  const model = await getChurnModel();
  const input = tf.tensor2d(req.body.rows); // FRG406
  const scores = model.predict(input);
  res.json({ scores: Array.from(scores.dataSync()) }); // OK: dataSync on tfjs-node runs on the CPU, no GPU stall (the leak is reported above)
});

// OK: everything made inside tidy; only plain numbers leave it.
router.post('/churn/explain', async (req, res) => {
  const model = await getChurnModel();
  const [base, grads] = tf.tidy(() => {
    const x = tf.tensor2d(req.body.rows);
    const f = (inp) => model.predict(inp).sum();
    return [f(x).arraySync(), tf.grad(f)(x).arraySync()];
  });
  res.json({ base, attributions: grads });
});

// OK: decoded image and outputs disposed explicitly.
router.post('/tag', express.raw({ type: 'image/*', limit: '8mb' }), async (req, res) => {
  const model = await getTagger();
  const img = tf.node.decodeImage(req.body, 3);
  const batch = tf.tidy(() => img.resizeBilinear([299, 299]).toFloat().div(255).expandDims());
  const logits = model.predict(batch);
  const values = await logits.data();
  tf.dispose([img, batch, logits]);
  res.json({ top: Array.from(values).map((v, i) => [i, v]).sort((a, b) => b[1] - a[1]).slice(0, 5) });
});

router.post('/churn/legacy', async (req, res) => {
  const model = await loadLegacyModel();
  const scores = tf.tidy(() => model.predict(tf.tensor2d(req.body.rows)).arraySync());
  model.dispose();
  res.json({ scores, model: 'churn-2022' });
});

module.exports = router;

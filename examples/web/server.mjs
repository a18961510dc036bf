// A Node inference service: an Express API over an ONNX classifier and a transformers.js pipeline.
import express from 'express';
import * as ort from 'onnxruntime-node';
import { pipeline } from '@huggingface/transformers';

const app = express();
app.use(express.json());

// Already frugal: the sentiment pipeline is loaded once and reused, quantised.
const sentiment = await pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', { dtype: 'q8' });

// Loaded once at startup, but in full precision on the CPU.
const embed = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2');

async function loadSession() {
  return ort.InferenceSession.create('models/churn.onnx', { enableProfiling: true });
}

app.post('/churn', async (req, res) => {
  // A new session (and a profile file) for every request.
  const session = await loadSession();
  const scores = [];
  for (const customer of req.body.customers) {
    const input = new ort.Tensor('float32', Float32Array.from(customer.features), [1, customer.features.length]);
    const out = await session.run({ input });
    scores.push(out.probability.data[0]);
  }
  res.json({ scores });
});

app.post('/sentiment', async (req, res) => {
  res.json(await sentiment(req.body.texts));
});

app.post('/embed', async (req, res) => {
  const out = await embed(req.body.texts, { pooling: 'mean', normalize: true });
  res.json(out.tolist());
});

app.listen(3000);

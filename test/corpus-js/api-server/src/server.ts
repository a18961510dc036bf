// Fraud-scoring API: a gradient-boosted model exported to ONNX, served with Express.
import express, { type Request, type Response } from 'express';
import * as ort from 'onnxruntime-node';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tfjsRoutes from './tfjs-routes.cjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MODEL_PATH = path.join(here, '../models/fraud-v4.onnx');
const MODEL_V5_PATH = path.join(here, '../models/fraud-v5-candidate.onnx');
const N_FEATURES = 42;

// OK: not a literal 'verbose'; operators set it per deployment.
ort.env.logLevel = (process.env.ORT_LOG_LEVEL as ort.Env['logLevel']) ?? 'warning';

let session = await ort.InferenceSession.create(MODEL_PATH, {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
  intraOpNumThreads: 4,
  enableProfiling: true, // FRG105
});

function toTensor(rows: number[][]): ort.Tensor {
  const flat = Float32Array.from(rows.flat());
  return new ort.Tensor('float32', flat, [rows.length, N_FEATURES]);
}

const app = express();
app.use(express.json({ limit: '2mb' }));
app.use('/tf', tfjsRoutes);

// OK: one run for the whole request body.
app.post('/predict', async (req: Request, res: Response) => {
  const rows: number[][] = req.body.rows;
  const out = await session.run({ input: toTensor(rows) });
  res.json({ scores: Array.from(out.probabilities.data as Float32Array) });
});

// Older clients send { transactions: [{ id, features }] }; each one is scored on its own.
app.post('/score', async (req: Request, res: Response) => {
  const results: { id: string; score: number }[] = [];
  for (const tx of req.body.transactions as { id: string; features: number[] }[]) {
    const out = await session.run({ input: toTensor([tx.features]) }); // FRG404
    results.push({ id: tx.id, score: (out.probabilities.data as Float32Array)[1] });
  }
  res.json({ results });
});

// Shadow traffic for the v5 candidate.
app.post('/v5/predict', async (req: Request, res: Response) => {
  const candidate = await ort.InferenceSession.create(MODEL_V5_PATH); // FRG402
  const out = await candidate.run({ input: toTensor(req.body.rows) });
  res.json({ scores: Array.from(out.probabilities.data as Float32Array), model: 'v5-candidate' });
});

// OK: the reload endpoint replaces the shared module-level session.
app.post('/admin/reload', async (_req: Request, res: Response) => {
  const old = session;
  session = await ort.InferenceSession.create(MODEL_PATH, { graphOptimizationLevel: 'all' });
  await old.release();
  res.json({ reloaded: true, inputs: session.inputNames });
});

app.get('/healthz', (_req, res) => res.json({ ok: true, inputs: session.inputNames }));

const port = Number(process.env.PORT ?? 8080);
app.listen(port, () => console.log(`fraud API listening on :${port}`));

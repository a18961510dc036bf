// worker_threads worker: embeds text batches with a MiniLM ONNX export and,
// on request, reranks candidates with a cross-encoder.
// Spawned by pool.mjs as new Worker(url, { workerData: { modelPath, tokenizerPath } }).
import { parentPort, workerData, threadId } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { Tokenizer } from 'tokenizers';

const RERANKER_PATH = new URL('./models/ms-marco-MiniLM-L-6-v2.onnx', import.meta.url).pathname;
const MAX_LEN = 256;

ort.env.logLevel = 'verbose'; // FRG105
if (process.env.ORT_TRACE === '1') {
  ort.env.trace = true; // OK: behind a process.env switch
}

// OK: one session per worker, created at start-up and reused for every message.
const sessionPromise = ort.InferenceSession.create(workerData.modelPath, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
});
const tokenizer = await Tokenizer.fromFile(workerData.tokenizerPath);

function encodeBatch(texts) {
  const encs = texts.map((t) => tokenizer.encode(t));
  const len = Math.min(MAX_LEN, Math.max(...encs.map((e) => e.getIds().length)));
  const ids = new BigInt64Array(texts.length * len);
  const mask = new BigInt64Array(texts.length * len);
  encs.forEach((e, row) => {
    e.getIds().slice(0, len).forEach((id, col) => {
      ids[row * len + col] = BigInt(id);
      mask[row * len + col] = 1n;
    });
  });
  const dims = [texts.length, len];
  return {
    input_ids: new ort.Tensor('int64', ids, dims),
    attention_mask: new ort.Tensor('int64', mask, dims),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(ids.length), dims),
  };
}

function meanPool(hidden, mask, [n, len, dim]) {
  const out = Array.from({ length: n }, () => new Float32Array(dim));
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let t = 0; t < len; t++) {
      if (!mask[i * len + t]) continue;
      count++;
      for (let d = 0; d < dim; d++) out[i][d] += hidden[(i * len + t) * dim + d];
    }
    for (let d = 0; d < dim; d++) out[i][d] /= count || 1;
  }
  return out;
}

parentPort.on('message', async (msg) => {
  try {
    if (msg.type === 'embed') {
      const session = await sessionPromise;
      const feeds = encodeBatch(msg.texts); // OK: the whole batch in one run
      const { last_hidden_state: h } = await session.run(feeds);
      const vectors = meanPool(h.data, feeds.attention_mask.data, h.dims);
      parentPort.postMessage({ id: msg.id, vectors }, vectors.map((v) => v.buffer));
    } else if (msg.type === 'rerank') {
      const reranker = await ort.InferenceSession.create(RERANKER_PATH); // FRG402
      const pairs = msg.candidates.map((c) => `${msg.query} [SEP] ${c}`);
      const { logits } = await reranker.run(encodeBatch(pairs));
      parentPort.postMessage({ id: msg.id, scores: Array.from(logits.data) });
      await reranker.release();
    }
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: String(err), threadId });
  }
});

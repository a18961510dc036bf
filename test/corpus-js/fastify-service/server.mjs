// NLP gateway: sentiment, embeddings, transcription and zero-shot tagging
// behind one Fastify instance. Models come from the local HF cache.
import Fastify from 'fastify';
import { pipeline, env } from '@huggingface/transformers';
import { readFile } from 'node:fs/promises';

const config = JSON.parse(await readFile(new URL('./config.json', import.meta.url), 'utf8'));

env.allowRemoteModels = process.env.HF_OFFLINE !== '1'; // OK: not a model load
env.cacheDir = process.env.HF_CACHE ?? './.hf-cache';

const fastify = Fastify({ logger: true });

const sentiment = await pipeline( // FRG405
  'sentiment-analysis',
  'Xenova/distilbert-base-uncased-finetuned-sst-2-english',
);

// OK: quantised weights requested explicitly.
const embedder = await pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2', { dtype: 'q8' });

// OK: options come from the deployment config.
const asrOptions = { ...config.asr };
const transcriber = await pipeline('automatic-speech-recognition', 'Xenova/whisper-tiny.en', { ...asrOptions });

fastify.post('/sentiment', async (request) => {
  const texts = request.body.texts;
  // OK: one call for the whole list.
  return { results: await sentiment(texts, { top_k: 1 }) };
});

fastify.post('/embed', async (request) => {
  const { texts } = request.body;
  const out = await embedder(texts, { pooling: 'mean', normalize: true });
  return { dims: out.dims, vectors: out.tolist() };
});

fastify.post('/transcribe', async (request) => {
  const audio = Float32Array.from(request.body.samples);
  const { text } = await transcriber(audio, { chunk_length_s: 30, stride_length_s: 5 });
  return { text };
});

fastify.route({
  method: 'POST',
  url: '/zero-shot',
  schema: {
    body: {
      type: 'object',
      required: ['text', 'labels'],
      properties: { text: { type: 'string' }, labels: { type: 'array', items: { type: 'string' } } },
    },
  },
  handler: async (request) => {
    const classifier = await pipeline('zero-shot-classification', 'Xenova/nli-deberta-v3-xsmall'); // FRG402 FRG405
    const { text, labels } = request.body;
    return classifier(text, labels, { multi_label: true });
  },
});

fastify.get('/healthz', async () => ({ ok: true, models: 4 }));

try {
  await fastify.listen({ port: Number(process.env.PORT ?? 3000), host: '0.0.0.0' });
} catch (err) {
  fastify.log.error(err);
  process.exit(1);
}

// Client-side semantic search over the user's notes: embeddings on WebGPU,
// a cross-encoder to rerank, and NER chips for the sidebar.
import { pipeline, type FeatureExtractionPipeline, type TextClassificationPipeline,
  type TokenClassificationPipeline } from '@huggingface/transformers';

const EMBED_MODEL = 'Xenova/all-MiniLM-L6-v2';
const BATCH = 32;

let extractor: Promise<FeatureExtractionPipeline> | undefined;
let reranker: Promise<TextClassificationPipeline> | undefined;
let tagger: Promise<TokenClassificationPipeline> | undefined;

function getExtractor() {
  extractor ??= pipeline('feature-extraction', EMBED_MODEL, { device: 'webgpu' }); // FRG405
  return extractor;
}

function getReranker() {
  // OK: dtype chosen explicitly.
  reranker ??= pipeline('text-classification', 'Xenova/ms-marco-MiniLM-L-6-v2', {
    device: 'webgpu',
    dtype: 'fp16',
  });
  return reranker;
}

function getTagger() {
  // OK: browser, default WASM device, which loads q8 weights.
  tagger ??= pipeline('token-classification', 'Xenova/bert-base-NER');
  return tagger;
}

export async function warmUp() {
  if (!('gpu' in navigator)) throw new Error('This demo needs a browser with WebGPU');
  const embed = await getExtractor();
  // OK: a literal list of two strings.
  for (const q of ['hello', 'warm-up query']) {
    await embed(q, { pooling: 'mean', normalize: true });
  }
}

export async function embedAll(notes: string[]): Promise<number[][]> {
  const embed = await getExtractor();
  const vectors: number[][] = [];
  // OK: batches of 32.
  for (let i = 0; i < notes.length; i += BATCH) {
    const out = await embed(notes.slice(i, i + BATCH), { pooling: 'mean', normalize: true });
    vectors.push(...(out.tolist() as number[][]));
  }
  return vectors;
}

export async function rerank(query: string, passages: string[]) {
  const ce = await getReranker();
  // OK: one call on the whole candidate list; map only builds the inputs.
  const scores = await ce(passages.map((p) => `${query} [SEP] ${p}`), { top_k: 1 });
  return passages
    .map((p, i) => ({ p, score: (scores as any)[i].score as number }))
    .sort((a, b) => b.score - a.score);
}

export async function entityChips(sentences: string[]) {
  const ner = await getTagger();
  const chips = new Map<string, number>();
  for (const s of sentences) {
    const ents = await ner(s); // FRG404
    for (const e of ents as any[]) {
      if (e.score > 0.8) chips.set(e.word, (chips.get(e.word) ?? 0) + 1);
    }
  }
  return [...chips.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
}

export function cosine(a: number[], b: number[]) {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}

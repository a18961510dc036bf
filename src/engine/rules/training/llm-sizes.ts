// Parameter counts of pretrained checkpoints, read from their Hugging Face Hub ids: the size the
// id spells (`Llama-2-7b-hf`, `opt-1.3b`, `pythia-410m`, `flan-t5-xl`) for the families listed
// here, and an explicit table for the ids that do not spell it (`phi-2`, `Phi-3-mini-…`, `starcoder`).
// Only these families are read: a size in an unknown id is not trusted.

/**
 * Families whose ids spell their size, matched on the repository name (after `org/`), lower case.
 * Sources: each family's model cards on the Hugging Face Hub (meta-llama, mistralai, Qwen,
 * google, microsoft, tiiuae, EleutherAI, facebook, bigscience, bigcode, TinyLlama, 01-ai,
 * deepseek-ai, internlm, stabilityai, HuggingFaceTB, allenai, databricks, mosaicml, openlm-research,
 * lmsys, cerebras, Salesforce).
 */
const SPELLED_FAMILIES: RegExp[] = [
  /^(meta-)?llama/,
  /^(code)?llama/,
  /^tinyllama/,
  /^vicuna/,
  /^open_llama/,
  /^(mistral|mixtral|ministral|codestral)/,
  /^qwen/,
  /^codeqwen/,
  /^gemma/,
  /^codegemma/,
  /^falcon/,
  /^gpt-j/,
  /^gpt-neox/,
  /^gpt-neo-/,
  /^pythia/,
  /^opt-/,
  /^bloom/,
  /^bloomz/,
  /^starcoder/,
  /^yi-/,
  /^deepseek/,
  /^internlm/,
  /^stablelm/,
  /^smollm/,
  /^olmo/,
  /^dolly/,
  /^mpt-/,
  /^cerebras-gpt/,
  /^codegen/,
  /^t5-/,
  /^mt5-/,
  /^flan-t5-/,
  /^t5-v1_1-/,
  /^long-t5-/,
  /^byt5-/,
];

/** T5-style size names: parameters of each (Raffel et al. 2020, table 14; mT5 and Flan-T5 model cards). */
const T5_SIZES: Record<string, number> = { small: 60e6, base: 220e6, large: 770e6, xl: 3e9, xxl: 11e9 };
const T5_FAMILY = /^(t5-v1_1-|t5-|mt5-|flan-t5-|long-t5-(?:local|tglobal)-|byt5-)(small|base|large|xl|xxl)$/;

/**
 * Ids whose name does not spell the size, with the count their model card gives.
 * Keys are repository names (after `org/`), lower case.
 */
const EXPLICIT: Record<string, number> = {
  // microsoft/phi-1_5 and phi-2 model cards: 1.3B and 2.7B.
  'phi-1_5': 1.3e9,
  'phi-1': 1.3e9,
  'phi-2': 2.7e9,
  // Phi-3 / 3.5 / 4 technical reports and model cards: mini 3.8B, small 7B, medium 14B, phi-4 14B.
  'phi-3-mini-4k-instruct': 3.8e9,
  'phi-3-mini-128k-instruct': 3.8e9,
  'phi-3.5-mini-instruct': 3.8e9,
  'phi-3-small-8k-instruct': 7e9,
  'phi-3-small-128k-instruct': 7e9,
  'phi-3-medium-4k-instruct': 14e9,
  'phi-3-medium-128k-instruct': 14e9,
  'phi-3.5-moe-instruct': 41.9e9,
  'phi-4': 14e9,
  'phi-4-mini-instruct': 3.8e9,
  // bigcode/starcoder and starcoderbase model cards: 15.5B.
  starcoder: 15.5e9,
  starcoderbase: 15.5e9,
  starcoderplus: 15.5e9,
  // GPT-2 XL: 1.5B (openai-community/gpt2-xl model card).
  'gpt2-xl': 1.5e9,
  // bigscience/T0 and T0pp: 11B (model card); bloom: 176B.
  t0: 11e9,
  t0pp: 11e9,
  t0_3b: 3e9,
  bloom: 176e9,
  // google/ul2 and flan-ul2 model cards: 20B.
  ul2: 20e9,
  'flan-ul2': 20e9,
  // EleutherAI/gpt-j-6B spells it; gpt-neox-20b too; Mistral's 8x7B is 46.7B in total (Mixtral paper).
  'mixtral-8x7b-v0.1': 46.7e9,
  'mixtral-8x7b-instruct-v0.1': 46.7e9,
  'mixtral-8x22b-v0.1': 141e9,
  'mixtral-8x22b-instruct-v0.1': 141e9,
};

/** `7b`, `1.3b`, `2.7B`, `410m`, `7b1` (BLOOM's 7.1B), `1b7`, with optional `x` experts in front. */
const SPELLED_SIZE = /(?:^|[-_.])(?:(\d+)x)?(\d+(?:\.\d+)?)([bm])(\d)?(?=$|[-_.])/;

/**
 * The parameter count of a Hub checkpoint, or undefined when its family is not known or the id
 * does not say. Local paths (`./out`, `/models/llama`) are not ids.
 */
export function checkpointParameters(id: string): number | undefined {
  const trimmed = id.trim();
  if (!trimmed || trimmed.startsWith('.') || trimmed.startsWith('/') || trimmed.startsWith('~') || trimmed.includes('\\')) return undefined;
  const parts = trimmed.split('/');
  if (parts.length > 2) return undefined;
  const name = parts[parts.length - 1].toLowerCase();
  const explicit = EXPLICIT[name];
  if (explicit !== undefined) return explicit;
  const t5 = T5_FAMILY.exec(name);
  if (t5) return T5_SIZES[t5[2]];
  if (!SPELLED_FAMILIES.some((f) => f.test(name))) return undefined;
  const m = SPELLED_SIZE.exec(name);
  if (!m) return undefined;
  const experts = m[1] ? Number(m[1]) : 1;
  let value = Number(m[2]);
  if (m[4]) value = Number(`${m[2]}.${m[4]}`);
  const scale = m[3] === 'b' ? 1e9 : 1e6;
  // Mixture-of-experts totals share attention weights, so `8x7b` is below 56B; the table holds the
  // known ones and any other stays an upper bound, still far above the threshold.
  return experts * value * scale;
}

/** A model from this many parameters up is large enough that full fine-tuning is a choice to question. */
export const LARGE_MODEL_PARAMETERS = 1e9;

/** How a parameter count reads in a message: `7B`, `1.3B`, `2.7B`. */
export function formatParameters(n: number): string {
  const b = n / 1e9;
  return `${Number.isInteger(b) ? b : Number(b.toFixed(1))}B`;
}

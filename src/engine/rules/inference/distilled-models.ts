// Checkpoints with a published distilled (or smaller) sibling trained for the same task, with the
// figures their papers or model cards give. Reviewed by hand: a row is added only with a source.

export interface DistilledSibling {
  /** Hub ids of the larger model, lower case, with and without the organisation the Hub now files them under. */
  ids: string[];
  /** The id to use instead, spelled as its model card spells it. */
  sibling: string;
  /**
   * `same`: the sibling has the same architecture, so any class that loads the original loads it;
   * `distilbert`: it needs the `Auto*`/`pipeline` loaders or the `DistilBert*` classes.
   */
  architecture: 'same' | 'distilbert';
  /** The sibling was distilled for English only (Whisper): not for other languages or translation. */
  englishOnly?: boolean;
  /** What the source measured, for the message. */
  figure: string;
  source: string;
}

const DISTILBERT = 'Sanh et al., DistilBERT, arXiv 1910.01108';
const DISTILBERT_FIGURE = '40 % fewer parameters and 60 % faster, keeping 97 % of BERT-base\'s GLUE score';

export const DISTILLED_SIBLINGS: DistilledSibling[] = [
  { ids: ['bert-base-uncased', 'google-bert/bert-base-uncased'], sibling: 'distilbert-base-uncased', architecture: 'distilbert', figure: DISTILBERT_FIGURE, source: DISTILBERT },
  { ids: ['bert-base-cased', 'google-bert/bert-base-cased'], sibling: 'distilbert-base-cased', architecture: 'distilbert', figure: DISTILBERT_FIGURE, source: DISTILBERT },
  {
    ids: ['bert-large-uncased', 'google-bert/bert-large-uncased'],
    sibling: 'distilbert-base-uncased',
    architecture: 'distilbert',
    figure: '66M parameters against 340M; DistilBERT keeps 97 % of BERT-base\'s GLUE score at 60 % more speed',
    source: DISTILBERT,
  },
  {
    ids: ['bert-large-cased', 'google-bert/bert-large-cased'],
    sibling: 'distilbert-base-cased',
    architecture: 'distilbert',
    figure: '66M parameters against 340M; DistilBERT keeps 97 % of BERT-base\'s GLUE score at 60 % more speed',
    source: DISTILBERT,
  },
  {
    ids: ['bert-base-multilingual-cased', 'google-bert/bert-base-multilingual-cased'],
    sibling: 'distilbert-base-multilingual-cased',
    architecture: 'distilbert',
    figure: '134M parameters against 177M, on average twice as fast',
    source: 'distilbert/distilbert-base-multilingual-cased model card',
  },
  {
    ids: ['bert-large-uncased-whole-word-masking-finetuned-squad', 'google-bert/bert-large-uncased-whole-word-masking-finetuned-squad'],
    sibling: 'distilbert-base-uncased-distilled-squad',
    architecture: 'distilbert',
    figure: '66M parameters against 340M; DistilBERT reaches 86.9 F1 on SQuAD v1.1 (BERT-base 88.5)',
    source: DISTILBERT,
  },
  {
    ids: ['roberta-base', 'facebookai/roberta-base'],
    sibling: 'distilroberta-base',
    architecture: 'same',
    figure: '82M parameters against 125M, on average twice as fast',
    source: 'distilbert/distilroberta-base model card',
  },
  {
    ids: ['gpt2', 'openai-community/gpt2'],
    sibling: 'distilgpt2',
    architecture: 'same',
    figure: '82M parameters against 124M, on average twice as fast (WikiText-103 perplexity 21.1 against 16.3 after fine-tuning)',
    source: 'distilbert/distilgpt2 model card',
  },
  {
    ids: ['gpt2-medium', 'openai-community/gpt2-medium', 'gpt2-large', 'openai-community/gpt2-large'],
    sibling: 'distilgpt2',
    architecture: 'same',
    figure: '82M parameters against 355M (medium) or 774M (large); distilled from GPT-2 small, so expect lower quality than the larger model',
    source: 'distilbert/distilgpt2 model card',
  },
  {
    ids: ['facebook/bart-large-cnn'],
    sibling: 'sshleifer/distilbart-cnn-12-6',
    architecture: 'same',
    figure: '306M parameters against 406M, 1.24× faster, with ROUGE-2 21.26 and ROUGE-L 30.59 on CNN/DailyMail, on par with the original',
    source: 'sshleifer/distilbart-cnn-12-6 model card',
  },
  {
    ids: ['facebook/bart-large-xsum'],
    sibling: 'sshleifer/distilbart-xsum-12-6',
    architecture: 'same',
    figure: '306M parameters against 406M, 1.68× faster, with ROUGE-2 22.12 on XSum, above the original',
    source: 'sshleifer/distilbart-xsum-12-6 model card',
  },
  {
    ids: ['openai/whisper-large', 'openai/whisper-large-v2', 'openai/whisper-large-v3'],
    sibling: 'distil-whisper/distil-large-v3',
    architecture: 'same',
    englishOnly: true,
    figure: '756M parameters against 1550M, 6.3× faster, short-form WER 9.7 against 8.4 (large-v3), English only',
    source: 'Gandhi et al., Distil-Whisper, arXiv 2311.00430, and the distil-large-v3 model card',
  },
  {
    ids: ['sentence-transformers/all-mpnet-base-v2', 'all-mpnet-base-v2'],
    sibling: 'sentence-transformers/all-MiniLM-L6-v2',
    architecture: 'same',
    figure: '5 times faster "and still offers good quality", with 384-dimensional embeddings instead of 768',
    source: 'Sentence Transformers documentation, "Pretrained Models"',
  },
];

/** openai-whisper and faster-whisper model names (not Hub ids) of the Whisper large models. */
export const WHISPER_LARGE_NAMES = new Set(['large', 'large-v1', 'large-v2', 'large-v3']);
export const WHISPER_SIBLING = DISTILLED_SIBLINGS.find((s) => s.sibling === 'distil-whisper/distil-large-v3')!;

const BY_ID = new Map<string, DistilledSibling>();
for (const row of DISTILLED_SIBLINGS) for (const id of row.ids) BY_ID.set(id, row);

export function distilledSibling(id: string): DistilledSibling | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}

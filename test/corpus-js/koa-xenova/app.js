// Comment moderation + helper endpoints, transformers.js v2 on Node.
import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import { pipeline, env } from '@xenova/transformers';

env.cacheDir = './.cache';
env.allowLocalModels = false;

const app = new Koa();
const router = new Router();

// OK: cached promise; v2 loads quantised weights by default, so no dtype needed.
let classifierPromise;
function getClassifier() {
  classifierPromise ??= pipeline('text-classification', 'Xenova/toxic-bert');
  return classifierPromise;
}

// OK: singleton guard.
let translator = null;
async function getTranslator() {
  if (!translator) {
    translator = await pipeline('translation', 'Xenova/opus-mt-de-en');
  }
  return translator;
}

router.post('/moderate', async (ctx) => {
  const { comments } = ctx.request.body;
  const clf = await getClassifier();
  // OK: the whole list in one call.
  const scores = await clf(comments, { topk: null });
  ctx.body = comments.map((c, i) => ({
    comment: c,
    flagged: scores[i].some((s) => s.label === 'toxic' && s.score > 0.7),
  }));
});

router.post('/translate', async (ctx) => {
  const t = await getTranslator();
  const [out] = await t(ctx.request.body.text);
  ctx.body = { text: out.translation_text };
});

router.post('/summarize', async (ctx) => {
  const summarizer = await pipeline('summarization', 'Xenova/distilbart-cnn-6-6'); // FRG402
  const { text, maxTokens = 120 } = ctx.request.body;
  const [out] = await summarizer(text, { max_new_tokens: maxTokens });
  ctx.body = { summary: out.summary_text };
});

// OK: at most three steps, and each input is cut down from the previous one.
router.post('/soften', async (ctx) => {
  const clf = await getClassifier();
  let draft = ctx.request.body.prefix;
  for (let step = 0; step < 3; step++) {
    const [top] = await clf(draft);
    if (top.label !== 'toxic') break;
    draft = draft.split(' ').slice(0, -1).join(' ');
  }
  ctx.body = { draft };
});

app.use(bodyParser({ jsonLimit: '1mb' }));
app.use(router.routes()).use(router.allowedMethods());

app.listen(process.env.PORT ?? 3001, () => {
  console.log(`moderation service on :${process.env.PORT ?? 3001}`);
});

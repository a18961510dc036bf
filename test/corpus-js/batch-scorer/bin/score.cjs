#!/usr/bin/env node
// churn-score: score one or more CSV exports with the churn model from the registry.
//   churn-score --model-url https://models.internal/churn/v7/model.json exports/*.csv
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { program } = require('commander');
const { parse } = require('csv-parse/sync');
const { stringify } = require('csv-stringify/sync');
const tf = require('@tensorflow/tfjs'); // FRG502

program
  .requiredOption('--model-url <url>', 'URL of the tfjs LayersModel model.json')
  .option('--batch-size <n>', 'rows per predict call', (v) => parseInt(v, 10), 512)
  .option('--out-dir <dir>', 'where scored files go', 'scored')
  .option('--check', 'print scores for the first rows and exit')
  .argument('<files...>')
  .parse();

const opts = program.opts();
const FEATURES = ['tenure', 'monthly_charges', 'total_charges', 'support_calls', 'num_products'];

function readRows(file) {
  const records = parse(fs.readFileSync(file), { columns: true, cast: true });
  return {
    records,
    rows: records.map((r) => FEATURES.map((k) => Number(r[k]) || 0)),
  };
}

async function scoreFile(file) {
  const model = await tf.loadLayersModel(opts.modelUrl); // FRG403
  const { records, rows } = readRows(file);
  const scores = new Float32Array(rows.length);

  // OK: batched; the tidy result is disposed right after the readback.
  for (let i = 0; i < rows.length; i += opts.batchSize) {
    const out = tf.tidy(() => model.predict(tf.tensor2d(rows.slice(i, i + opts.batchSize))).squeeze([-1]));
    scores.set(out.dataSync(), i); // OK: plain tfjs in Node runs on the CPU backend, no GPU stall
    out.dispose();
  }

  const outFile = path.join(opts.outDir, path.basename(file));
  const scored = records.map((r, i) => ({ ...r, churn_score: scores[i].toFixed(5) }));
  fs.writeFileSync(outFile, stringify(scored, { header: true }));
  model.dispose();
  return { outFile, n: rows.length };
}

async function check(file) {
  const model = await tf.loadLayersModel(opts.modelUrl);
  const { rows } = readRows(file);
  // OK: at most five rows, printed one by one for eyeballing.
  for (const row of rows.slice(0, 5)) {
    const s = tf.tidy(() => model.predict(tf.tensor2d([row])).dataSync()[0]);
    console.log(row.join(','), '->', s.toFixed(4));
  }
}

(async () => {
  const files = program.args;
  if (opts.check) {
    await check(files[0]);
    return;
  }
  fs.mkdirSync(opts.outDir, { recursive: true });
  for (const file of files) {
    const { outFile, n } = await scoreFile(file);
    console.log(`${file}: ${n} rows -> ${outFile}`);
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});

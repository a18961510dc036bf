'use client';

// Paste customer feedback (one message per line) and see the sentiment of each,
// computed in the browser so no text leaves the device.
import { useEffect, useState } from 'react';
import { pipeline, type TextClassificationPipeline } from '@huggingface/transformers';

type Row = { text: string; label: string; score: number };

// OK: module-level cached promise; browser WASM default loads q8 weights.
let classifierPromise: Promise<TextClassificationPipeline> | null = null;
function getClassifier() {
  classifierPromise ??= pipeline(
    'sentiment-analysis',
    'Xenova/distilbert-base-uncased-finetuned-sst-2-english',
  ) as Promise<TextClassificationPipeline>;
  return classifierPromise;
}

export default function SentimentBox() {
  const [text, setText] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [ready, setReady] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // OK: a single warm-up call.
    getClassifier()
      .then((clf) => clf('warm up'))
      .then(() => setReady(true));
  }, []);

  async function analyse() {
    setBusy(true);
    const classifier = await getClassifier();
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const out: Row[] = [];
    for (const line of lines) {
      const [res] = (await classifier(line)) as { label: string; score: number }[]; // FRG404
      out.push({ text: line, label: res.label, score: res.score });
    }
    setRows(out);
    setBusy(false);
  }

  return (
    <section className="sentiment-box">
      <textarea
        rows={8}
        value={text}
        placeholder="One message per line…"
        onChange={(e) => setText(e.target.value)}
      />
      <button disabled={!ready || busy} onClick={analyse}>
        {ready ? (busy ? 'Analysing…' : 'Analyse') : 'Loading model…'}
      </button>
      <table>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={r.label === 'POSITIVE' ? 'pos' : 'neg'}>
              <td>{r.text}</td>
              <td>{r.label}</td>
              <td>{r.score.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// Drag-and-drop image tagger: classify every dropped photo with the product model.
import React, { useCallback, useEffect, useRef, useState } from 'react';
import * as tf from '@tensorflow/tfjs';

const MODEL_URL = '/models/products-v3/model.json';
const LABELS_URL = '/models/products-v3/labels.json';

function loadImage(file) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = reject;
    img.src = URL.createObjectURL(file);
  });
}

export default function Uploader() {
  const modelRef = useRef(null);
  const labelsRef = useRef([]);
  const [status, setStatus] = useState('loading model…');
  const [results, setResults] = useState([]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      // WebGL output differed in the last decimals on some Android phones.
      await tf.setBackend('cpu'); // FRG502
      const [model, labels] = await Promise.all([
        tf.loadGraphModel(MODEL_URL), // OK: once per mount, kept in a ref
        fetch(LABELS_URL).then((r) => r.json()),
      ]);
      if (cancelled) return;
      modelRef.current = model;
      labelsRef.current = labels;
      setStatus('ready');
    })();
    return () => {
      cancelled = true;
      modelRef.current?.dispose();
    };
  }, []);

  const onDrop = useCallback(async (event) => {
    event.preventDefault();
    const model = modelRef.current;
    if (!model) return;
    const files = Array.from(event.dataTransfer.files).filter((f) => f.type.startsWith('image/'));
    setStatus(`classifying ${files.length} images…`);
    const tagged = [];
    for (const file of files) {
      const img = await loadImage(file);
      const input = tf.tidy(() =>
        tf.browser.fromPixels(img).resizeBilinear([224, 224]).toFloat().div(127.5).sub(1).expandDims(),
      );
      const output = model.predict(input); // FRG404
      const probs = await output.data();
      tf.dispose([input, output]);
      const best = probs.indexOf(Math.max(...probs));
      tagged.push({ name: file.name, url: img.src, label: labelsRef.current[best], score: probs[best] });
    }
    setResults((prev) => [...tagged, ...prev]);
    setStatus('ready');
  }, []);

  return (
    <div className="uploader" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <p className="status">{status}</p>
      <ul className="results">
        {results.map((r) => (
          <li key={r.url}>
            <img src={r.url} alt={r.name} width={96} />
            <span>
              {r.label} ({(r.score * 100).toFixed(1)}%)
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

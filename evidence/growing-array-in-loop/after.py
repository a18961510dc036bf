"""Embeddings and a results table collected in lists and built once after the loops."""
import hashlib
import json

import numpy as np
import pandas as pd

rng = np.random.default_rng(0)
projection = rng.standard_normal((64, 128))
batches = [rng.standard_normal((16, 64)) for _ in range(1500)]


def encode(batch):
    return np.tanh(batch @ projection)


parts = []
for batch in batches:
    parts.append(encode(batch))
embeddings = np.vstack(parts)

scores = [(f"item{i}", float(s)) for i, s in enumerate(embeddings[:2000, 0])]
results = pd.DataFrame([{"name": name, "score": score} for name, score in scores])
results = results.reset_index(drop=True)

digest = hashlib.sha256(np.round(embeddings, 10).tobytes())
digest.update(pd.util.hash_pandas_object(results, index=True).values.tobytes())
print("FRUGAL_RESULT " + json.dumps({"digest": digest.hexdigest(), "rows": len(embeddings)}))

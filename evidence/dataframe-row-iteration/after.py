"""Order totals and a standardised measurement computed with column arithmetic."""
import hashlib
import json

import numpy as np
import pandas as pd

rng = np.random.default_rng(0)
n = 150_000
df = pd.DataFrame({
    "price": rng.uniform(1, 200, n).round(2),
    "qty": rng.integers(1, 20, n),
    "x": rng.normal(50, 12, n),
})
mu, sigma = df["x"].mean(), df["x"].std()

df["total"] = df["price"] * df["qty"]
df["z"] = (df["x"] - mu) / sigma

digest = hashlib.sha256(pd.util.hash_pandas_object(df[["total", "z"]].round(9), index=True).values.tobytes())
print("FRUGAL_RESULT " + json.dumps({"digest": digest.hexdigest(),
                                     "revenue": round(float(df["total"].sum()), 2)}))

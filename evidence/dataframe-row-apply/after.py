"""Order totals and size labels computed with column arithmetic."""
import hashlib
import json

import numpy as np
import pandas as pd

rng = np.random.default_rng(0)
n = 300_000
df = pd.DataFrame({
    "price": rng.uniform(1, 50, n).round(2),
    "qty": rng.integers(1, 10, n),
})

df["total"] = df["price"] * df["qty"]
df["label"] = np.where(df["total"] > 100, "big", "small")

digest = hashlib.sha256(pd.util.hash_pandas_object(df[["total", "label"]], index=True).values.tobytes())
print("FRUGAL_RESULT " + json.dumps({"digest": digest.hexdigest(),
                                     "big": int((df["label"] == "big").sum())}))

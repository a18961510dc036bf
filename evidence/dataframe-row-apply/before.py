"""Order totals and size labels computed with a row-wise DataFrame.apply."""
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

df["total"] = df.apply(lambda r: r["price"] * r["qty"], axis=1)
df["label"] = df.apply(lambda r: "big" if r["total"] > 100 else "small", axis=1)

digest = hashlib.sha256(pd.util.hash_pandas_object(df[["total", "label"]], index=True).values.tobytes())
print("FRUGAL_RESULT " + json.dumps({"digest": digest.hexdigest(),
                                     "big": int((df["label"] == "big").sum())}))

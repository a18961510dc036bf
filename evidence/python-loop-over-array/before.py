"""Mean squared error and a calibrated score computed element by element in Python loops."""
import json

import numpy as np

rng = np.random.default_rng(0)
n = 5_000_000
y_true = rng.normal(0.0, 1.0, n)
y_pred = y_true + rng.normal(0.0, 0.3, n)
errors = y_pred - y_true
a = rng.uniform(0.5, 1.5, n)
b = rng.uniform(-1.0, 1.0, n)
c = 0.25

total = 0.0
for x in errors:
    total += x * x
mse = total / n

out = np.empty(n)
for i in range(len(a)):
    out[i] = a[i] * b[i] + c

print("FRUGAL_RESULT " + json.dumps({"mse": float("%.9g" % mse),
                                     "out_sum": float("%.10g" % float(out.sum())),
                                     "out_head": [round(float(v), 12) for v in out[:5]]}))

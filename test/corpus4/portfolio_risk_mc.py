"""Monte Carlo value-at-risk for an equity book (NumPy), nightly risk job."""
import json

import numba
import numpy as np
import pandas as pd

rng = np.random.default_rng(2024)
prices_df = pd.read_csv("data/close_prices.csv", index_col="date", parse_dates=True)
tickers = list(prices_df.columns)
prices = prices_df.to_numpy()
weights = np.load("data/book_weights.npy")
n_assets = len(tickers)

returns = np.diff(prices, axis=0) / prices[:-1]
mu = returns.mean(axis=0)
cov = np.cov(returns, rowvar=False)

# daily simple returns of the book
nav = prices @ weights
nav_ret = np.zeros(len(nav) - 1)
for i in range(len(nav) - 1):  # FRG304
    nav_ret[i] = (nav[i + 1] - nav[i]) / nav[i]

port_var = 0.0
for i in range(n_assets):  # FRG304
    for j in range(n_assets):
        port_var += weights[i] * cov[i, j] * weights[j]
print(f"portfolio daily vol {np.sqrt(port_var):.4%}")

chol = np.linalg.cholesky(cov)
pnl = np.array([])
for _ in range(200):
    shocks = rng.standard_normal((5_000, n_assets)) @ chol.T + mu
    pnl = np.append(pnl, shocks @ weights)  # FRG305

tail = []
threshold = np.quantile(pnl, 0.025)
for x in pnl:  # FRG304
    if x <= threshold:
        tail.append(x)
expected_shortfall = sum(tail) / len(tail)

levels = np.array([0.95, 0.975, 0.99])
var_by_level = {}
for lvl in levels:  # OK: three written-down levels
    var_by_level[float(lvl)] = float(-np.quantile(pnl, 1 - lvl))

# price path of the book under one stressed scenario
stress = rng.normal(-0.002, 0.03, 250)
book = np.empty(251)
book[0] = 1.0
for t in range(1, 251):  # OK: recurrence on the previous element
    book[t] = book[t - 1] * (1 + stress[t - 1])


@numba.njit(cache=True)
def max_drawdown(path):
    peak, mdd = path[0], 0.0
    for v in path:  # OK: compiled with numba
        peak = max(peak, v)
        mdd = max(mdd, (peak - v) / peak)
    return mdd


parts = []
for k in range(20):
    parts.append(rng.standard_normal(10_000) * 0.01)
bootstrap = np.concatenate(parts)  # OK: concatenated once, after the loop

with open("reports/var.json", "w") as fh:
    json.dump({"var": var_by_level, "es_97.5": float(expected_shortfall), "stress_mdd": float(max_drawdown(book)), "boot_sd": float(bootstrap.std()), "nav_vol": float(nav_ret.std())}, fh)

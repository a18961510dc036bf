"""Score the CSV drops partners upload each night (churn propensity + ranking)."""
import glob
import os

import joblib
import numpy as np
import onnxruntime as ort
import pandas as pd

MODEL_PATH = "models/propensity_lgbm.joblib"
RANKER_PATH = "models/ranker.onnx"
FEATURES = ["recency", "frequency", "monetary", "tenure_days", "n_tickets"]

last_seen = {}
for events in pd.read_json("data/clickstream_90d.jsonl", lines=True, chunksize=250_000):  # FRG303
    for cid, ts in events.groupby("customer_id")["ts"].max().items():
        last_seen[cid] = max(ts, last_seen.get(cid, ts))

os.makedirs("scored", exist_ok=True)
for path in sorted(glob.glob("incoming/*.csv")):
    clf = joblib.load(MODEL_PATH)  # FRG403
    frame = pd.read_csv(path)
    frame["recency"] = (pd.Timestamp.now() - frame["customer_id"].map(last_seen)).dt.days
    frame["propensity"] = clf.predict_proba(frame[FEATURES])[:, 1]  # OK: one call per file, on the whole frame
    ranker = ort.InferenceSession(RANKER_PATH, providers=["CPUExecutionProvider"])  # FRG403
    frame["rank_score"] = ranker.run(None, {"features": frame[FEATURES].to_numpy(np.float32)})[0].ravel()
    frame.to_csv(os.path.join("scored", os.path.basename(path)), index=False)

# back-test every archived model version on last month's labelled data
labelled = pd.read_parquet("data/labelled_last_month.parquet")
for ckpt in sorted(glob.glob("models/archive/propensity_*.joblib")):
    old = joblib.load(ckpt)  # OK: a different checkpoint each iteration
    auc = old.score(labelled[FEATURES], labelled["churned"])
    print(os.path.basename(ckpt), round(auc, 4))

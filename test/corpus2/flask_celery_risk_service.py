"""Risk scoring for the customer platform: a Flask blueprint for online calls and
Celery tasks for the nightly batch re-scoring of every customer.

Models: churn (scikit-learn, loaded at import), fraud (XGBoost, lazily loaded
once) and lifetime value (LightGBM).
"""
import functools
import glob
import os
import time
from pathlib import Path

import joblib
import lightgbm as lgb
import numpy as np
import pandas as pd
import xgboost as xgb
from celery import Celery
from flask import Blueprint, abort, current_app, jsonify, request

MODEL_DIR = Path(os.environ.get("RISK_MODEL_DIR", "/opt/models/risk"))
CHURN_PATH = MODEL_DIR / "churn.joblib"
CHURN_FEATURES = ["tenure_m", "monthly_fee", "support_calls_90d", "late_payments", "discount"]
FRAUD_FEATURES = ["amount", "merchant_risk", "hour", "velocity_1h", "geo_distance_km"]

bp = Blueprint("risk", __name__, url_prefix="/v1/risk")
celery_app = Celery("risk", broker=os.environ.get("CELERY_BROKER", "redis://redis:6379/0"))

CHURN_MODEL = joblib.load(CHURN_PATH)
_fraud_booster = None


def fraud_booster() -> xgb.Booster:
    global _fraud_booster
    if _fraud_booster is None:
        _fraud_booster = xgb.Booster(model_file=str(MODEL_DIR / "fraud.ubj"))
    return _fraud_booster


@functools.lru_cache(maxsize=4)
def segment_model(version: str):
    return joblib.load(MODEL_DIR / f"segments_{version}.joblib")


def _vector(record, names):
    try:
        return np.asarray([float(record[n]) for n in names], dtype=np.float32)
    except (KeyError, TypeError, ValueError):
        abort(400, description=f"expected numeric fields {names}")


# ---------------------------------------------------------------- online API

@bp.post("/churn")
def churn_one():
    x = _vector(request.get_json(force=True), CHURN_FEATURES)
    return jsonify(churn=int(CHURN_MODEL.predict(x.reshape(1, -1))[0]))


@bp.post("/churn/batch")
def churn_batch():
    out = []
    for customer in request.get_json(force=True)["customers"]:
        x = _vector(customer, CHURN_FEATURES)
        out.append({"id": customer["id"], "churn": int(CHURN_MODEL.predict(x.reshape(1, -1))[0])})  # FRG404
    return jsonify(results=out)


@bp.post("/fraud")
def fraud():
    txs = request.get_json(force=True)["transactions"]
    dmat = xgb.DMatrix(np.vstack([_vector(t, FRAUD_FEATURES) for t in txs]), feature_names=FRAUD_FEATURES)
    scores = fraud_booster().predict(dmat)
    threshold = current_app.config.get("FRAUD_THRESHOLD", 0.8)
    return jsonify(scores=scores.tolist(), flagged=[t["id"] for t, s in zip(txs, scores) if s > threshold])


@bp.post("/ltv")
def lifetime_value():
    body = request.get_json(force=True)
    booster = lgb.Booster(model_file=str(MODEL_DIR / "ltv.txt"))  # FRG402
    X = np.atleast_2d(np.asarray(body["features"], dtype=np.float64))
    return jsonify(ltv=booster.predict(X).round(2).tolist())


@bp.post("/segment/<version>")
def segment(version):
    X = np.asarray(request.get_json(force=True)["features"], dtype=np.float32)
    return jsonify(segment=segment_model(version).predict(X).tolist())


@bp.post("/admin/load_model")
def load_model():
    global CHURN_MODEL
    CHURN_MODEL = joblib.load(CHURN_PATH)
    return jsonify(status="reloaded")


# ---------------------------------------------------------------- batch tasks

@celery_app.task(bind=True, max_retries=2)
def rescore_shards(self, shard_uris):
    all_scores = np.empty(0, dtype=np.float32)
    ids = []
    for uri in shard_uris:
        model = joblib.load(CHURN_PATH)  # FRG403
        shard = pd.read_parquet(uri, columns=["customer_id"] + CHURN_FEATURES)
        probs = model.predict_proba(shard[CHURN_FEATURES].to_numpy(np.float32))[:, 1]
        all_scores = np.concatenate([all_scores, probs])  # FRG305
        ids.extend(shard["customer_id"].tolist())
    path = f"/scores/{self.request.id}.parquet"
    pd.DataFrame({"customer_id": ids, "p_churn": all_scores}).to_parquet(path, index=False)
    return path


@celery_app.task
def rescore_table(path):
    model = joblib.load(CHURN_PATH)
    X = pd.read_parquet(path, columns=CHURN_FEATURES).to_numpy(np.float32)
    parts = []
    for chunk in np.array_split(X, max(1, len(X) // 50_000)):
        parts.append(model.predict_proba(chunk)[:, 1])
    return float(np.concatenate(parts).mean())


@celery_app.task
def compare_candidates(candidate_paths, holdout_path):
    holdout = pd.read_parquet(holdout_path)
    X, y = holdout[CHURN_FEATURES].to_numpy(np.float32), holdout["churned"].to_numpy()
    return {p: float(joblib.load(p).score(X, y)) for p in candidate_paths}


@celery_app.task
def watch_registry(poll_seconds=300, max_polls=288):
    seen = None
    for _ in range(max_polls):
        versions = sorted(glob.glob(str(MODEL_DIR / "churn_v*.joblib")))
        if versions and versions[-1] != seen:
            candidate = joblib.load(versions[-1])
            print("new churn model", versions[-1], type(candidate).__name__)
            seen = versions[-1]
        time.sleep(poll_seconds)


@celery_app.task
def feature_means(csv_path):
    reader = pd.read_csv(csv_path, iterator=True, usecols=CHURN_FEATURES)  # FRG303
    partial = []
    while True:
        try:
            chunk = reader.get_chunk(250_000)
        except StopIteration:
            break
        partial.append(chunk.agg(["sum", "count"]).T)
    totals = pd.concat(partial).groupby(level=0).sum()
    return (totals["sum"] / totals["count"]).to_dict()

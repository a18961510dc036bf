"""Nightly sessionisation of raw click events into per-session features.

Mixed stack on purpose: the raw dump is read by pandas in chunks (legacy),
the product catalogue goes through Polars, and the features land in Parquet.
"""
import csv
import logging
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import pandas as pd
import polars as pl
from tqdm import tqdm

tqdm.pandas()
log = logging.getLogger(__name__)

BASE = Path(__file__).resolve().parent / "data"
RAW_EVENTS = BASE / "clicks_2024.csv"
CATALOGUE = BASE / "catalogue.parquet"
OUT = BASE / "sessions.parquet"
PAID = {"gclid", "fbclid", "msclkid"}


def load_sessions() -> pd.DataFrame:
    reader = pd.read_csv(RAW_EVENTS, chunksize=1_000_000, usecols=["session_id", "user_id", "ts", "url", "referrer"], parse_dates=["ts"])  # FRG303
    sessions = pd.DataFrame()
    for chunk in reader:
        agg = chunk.groupby("session_id").agg(
            user_id=("user_id", "first"),
            start=("ts", "min"),
            end=("ts", "max"),
            n_events=("url", "size"),
            landing=("url", "first"),
            referrer=("referrer", "first"),
        )
        sessions = pd.concat([sessions, agg])  # FRG305
    return sessions.groupby(level=0).agg(
        user_id=("user_id", "first"), start=("start", "min"), end=("end", "max"),
        n_events=("n_events", "sum"), landing=("landing", "first"), referrer=("referrer", "first"),
    ).reset_index()


def load_catalogue() -> pl.DataFrame:
    return (
        pl.scan_parquet(CATALOGUE)
        .filter(pl.col("active"))
        .select(["url_path", "category", "price"])
        .collect()
    )


def extract_domain(url):
    return urlparse(url).netloc.lower() if isinstance(url, str) else ""


def classify_channel(row):
    query = urlparse(row["landing"]).query
    if any(k in query for k in PAID):
        return "paid"
    if not row["referrer_domain"]:
        return "direct"
    return "social" if row["referrer_domain"].endswith(("facebook.com", "t.co", "linkedin.com")) else "referral"


def label_bounces(sess: pd.DataFrame, min_seconds: float = 10.0) -> pd.DataFrame:
    sess = sess.reset_index(drop=True)
    sess["bounce"] = False
    for i in range(len(sess)):  # FRG301
        if sess.loc[i, "n_events"] == 1 or sess.loc[i, "dwell_s"] < min_seconds:
            sess.loc[i, "bounce"] = True
    return sess


def dwell_stats(sess: pd.DataFrame) -> dict:
    dwell = sess["dwell_s"].to_numpy()
    mu = dwell.mean()
    sq = 0.0
    for d in dwell:  # FRG304
        sq += (d - mu) ** 2
    clipped = np.clip(dwell, 0, np.percentile(dwell, 99))
    return {"mean": float(mu), "std": float(np.sqrt(sq / len(dwell))), "p99_mean": float(clipped.mean())}


def build_features() -> pd.DataFrame:
    sess = load_sessions()
    sess["dwell_s"] = (sess["end"] - sess["start"]).dt.total_seconds()
    sess["hour"] = sess["start"].dt.hour
    sess["referrer_domain"] = sess["referrer"].apply(extract_domain)
    sess["channel"] = sess.progress_apply(classify_channel, axis=1)  # FRG302
    sess = label_bounces(sess)

    for col in ["dwell_s", "n_events"]:
        sess[f"log_{col}"] = np.log1p(sess[col])

    per_user = sess.groupby("user_id").apply(lambda g: g.sort_values("start")["channel"].iloc[0])
    sess["first_channel"] = sess["user_id"].map(per_user)

    cat = load_catalogue().to_pandas()
    sess["url_path"] = sess["landing"].str.replace(r"\?.*$", "", regex=True)
    sess = sess.merge(cat, on="url_path", how="left")
    sess["price"] = sess["price"].fillna(0.0).astype(np.float64)
    return sess


def write_audit(sess: pd.DataFrame, path: Path):
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["session_id", "channel", "bounce"])
        for row in sess.itertuples(index=False):
            writer.writerow([row.session_id, row.channel, row.bounce])


def daily_rollup(sess: pd.DataFrame) -> pd.DataFrame:
    parts = []
    for day, group in sess.groupby(sess["start"].dt.date):
        parts.append(pd.DataFrame({"day": [day], "sessions": [len(group)],
                                   "bounce_rate": [group["bounce"].mean()]}))
    return pd.concat(parts, ignore_index=True)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    features = build_features()
    log.info("dwell stats: %s", dwell_stats(features))
    write_audit(features.sample(1000, random_state=0), BASE / "audit.csv")
    daily_rollup(features).to_parquet(BASE / "daily.parquet")
    features.to_parquet(OUT, index=False)

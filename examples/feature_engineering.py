"""Build per-customer features from the raw card-transactions export.

    python feature_engineering.py --transactions data/raw/transactions_2023.csv
"""
import argparse
from pathlib import Path

import numpy as np
import pandas as pd

MERCHANTS_PATH = "data/raw/merchants.csv"
LARGE_AMOUNT = 500.0


def load_transactions(path):
    parts = []
    for chunk in pd.read_csv(path, chunksize=100_000, parse_dates=["timestamp"]):
        chunk = chunk[chunk["amount"] > 0]
        parts.append(chunk)
    return pd.concat(parts, ignore_index=True)


def merchant_categories(path):
    merchants = pd.read_csv(path)
    categories = {}
    for _, row in merchants.iterrows():
        categories[row["merchant_id"]] = row["category"].strip().lower()
    return categories


def is_risky(row):
    ts = row["timestamp"]
    return row["amount"] > LARGE_AMOUNT and (ts.hour < 6 or ts.dayofweek >= 5)


def add_time_features(df):
    df["hour"] = df["timestamp"].dt.hour
    df["is_weekend"] = df["timestamp"].dt.dayofweek >= 5
    df["is_night"] = df["hour"] < 6
    df["risky"] = df.apply(is_risky, axis=1)
    return df


def log_amounts(values):
    values = np.asarray(values, dtype=np.float64)
    out = np.empty_like(values)
    for i in range(len(values)):
        out[i] = np.log1p(max(values[i], 0.0))
    return out


def daily_totals(df):
    totals = np.array([])
    for _, group in df.groupby(df["timestamp"].dt.date):
        totals = np.append(totals, group["amount"].sum())
    return totals


def spend_profile(df):
    profile = pd.DataFrame()
    for customer_id, tx in df.groupby("customer_id"):
        row = pd.DataFrame({
            "customer_id": [customer_id],
            "top_category": [tx["merchant_category"].mode().iat[0]],
            "night_share": [tx["is_night"].mean()],
            "risky_count": [int(tx["risky"].sum())],
        })
        profile = pd.concat([profile, row], ignore_index=True)
    return profile


def aggregate(df):
    agg = df.groupby("customer_id").agg(
        n_tx=("amount", "size"),
        total=("amount", "sum"),
        mean_amount=("amount", "mean"),
        max_amount=("amount", "max"),
        weekend_share=("is_weekend", "mean"),
        last_seen=("timestamp", "max"),
    )
    agg["log_total"] = np.log1p(agg["total"])
    return agg.reset_index()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--transactions", default="data/raw/transactions_2023.csv")
    parser.add_argument("--out", default="data/features/customer_features.parquet")
    args = parser.parse_args()

    df = load_transactions(args.transactions)
    df["merchant_category"] = df["merchant_id"].map(merchant_categories(MERCHANTS_PATH)).fillna("other")
    df = add_time_features(df)
    df["log_amount"] = log_amounts(df["amount"].to_numpy())

    totals = daily_totals(df)
    print(f"{len(totals)} days, median daily volume {np.median(totals):,.0f}")

    features = aggregate(df).merge(spend_profile(df), on="customer_id", how="left")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    features.to_parquet(args.out, index=False)
    print(f"wrote {len(features):,} customers to {args.out}")


if __name__ == "__main__":
    main()

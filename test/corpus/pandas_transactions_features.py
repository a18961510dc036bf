"""Feature engineering for the transactions fraud model (pandas)."""
import glob
import os

import numpy as np
import pandas as pd

RAW_DIR = "data/raw"
OUT_PATH = "data/features.parquet"

# small lookup table of merchant categories -> risk weights, read from a YAML-ish CSV
category_cfg = pd.DataFrame(
    {"category": ["grocery", "travel", "gaming", "crypto"], "weight": [0.1, 0.6, 0.8, 1.0]}
)


def load_category_weights():
    weights = {}
    for _, row in category_cfg.iterrows():  # FRG301
        weights[row["category"]] = row["weight"]
    return weights


def load_transactions(path):
    # the full dump does not fit in RAM on the ETL box
    parts = []
    for chunk in pd.read_csv(path, chunksize=500_000, parse_dates=["ts"]):  # FRG303
        chunk = chunk[chunk["amount"] > 0]
        parts.append(chunk)
    return pd.concat(parts, ignore_index=True)  # OK: one concat after the loop


def load_merchants():
    return pd.read_csv(os.path.join(RAW_DIR, "merchants.csv"))  # OK: ordinary read


def add_basic_features(df, weights):
    df["log_amount"] = np.log1p(df["amount"])
    df["hour"] = df["ts"].dt.hour
    df["is_night"] = df["hour"].between(0, 5).astype("int8")
    df["cat_weight"] = df["category"].map(weights).fillna(0.5)
    df["country"] = df["country"].apply(lambda s: s.strip().upper())  # OK: Series.apply, not row-wise
    df["risk"] = df.apply(lambda r: r["cat_weight"] * r["log_amount"] if r["is_night"] else 0.0, axis=1)  # FRG302
    df["amount_vs_mean"] = df["amount"] / df.groupby("card_id")["amount"].transform("mean")
    return df


def add_velocity(df):
    df = df.sort_values(["card_id", "ts"]).reset_index(drop=True)
    df["prev_ts"] = df.groupby("card_id")["ts"].shift()
    df["secs_since_prev"] = (df["ts"] - df["prev_ts"]).dt.total_seconds()
    for i in range(len(df)):  # FRG301
        if df.loc[i, "secs_since_prev"] < 60:
            df.loc[i, "burst"] = 1
    return df


def merchant_profile(df, merchants):
    merged = df.merge(merchants, on="merchant_id", how="left")
    merged["merchant_age_days"] = (merged["ts"] - merged["merchant_since"]).dt.days
    merged["label_text"] = merged.apply(describe_row, axis="columns")  # FRG302
    per_merchant = merged.groupby("merchant_id").apply(lambda g: g["amount"].quantile(0.99))  # OK: groupby apply
    merged["p99_merchant"] = merged["merchant_id"].map(per_merchant)
    col_max = merged[["amount", "merchant_age_days"]].apply(np.max, axis=0)  # OK: column-wise
    print(col_max)
    return merged


def describe_row(row):
    return f"{row['category']}|{row['country']}|{row['channel']}"


def daily_summary(files):
    summary = pd.DataFrame(columns=["day", "n", "total"])
    for path in files:
        day = pd.read_parquet(path)
        summary.loc[len(summary)] = [os.path.basename(path)[:10], len(day), day["amount"].sum()]  # FRG305
    return summary


def card_history(df, cards):
    history = pd.DataFrame()
    for card in cards:
        recent = df[df["card_id"] == card].tail(20)
        history = pd.concat([history, recent], ignore_index=True)  # FRG305
    return history


def card_history_fast(df, cards):
    frames = [df[df["card_id"] == card].tail(20) for card in cards]
    return pd.concat(frames, ignore_index=True)  # OK


def country_stats(df):
    rows = []
    for country, grp in df.groupby("country"):  # OK: iterating groups, vectorised inside
        rows.append({"country": country, "n": len(grp), "fraud_rate": grp["is_fraud"].mean()})
    for col in ["amount", "log_amount", "risk"]:  # OK: loop over column names
        df[f"{col}_z"] = (df[col] - df[col].mean()) / df[col].std()
    return pd.DataFrame(rows)


def main():
    weights = load_category_weights()
    df = load_transactions(os.path.join(RAW_DIR, "transactions.csv"))
    df = add_basic_features(df, weights)
    df = add_velocity(df)
    df = merchant_profile(df, load_merchants())
    stats = country_stats(df)
    print(stats.sort_values("fraud_rate", ascending=False).head(10))
    for rec in df.head(5).itertuples(index=False):  # OK: itertuples over five rows for a log line
        print(rec.card_id, rec.amount)
    daily = daily_summary(sorted(glob.glob(os.path.join(RAW_DIR, "daily", "*.parquet"))))
    daily.to_csv("data/daily_summary.csv", index=False)
    df.to_parquet(OUT_PATH, index=False)


if __name__ == "__main__":
    main()

"""Build the weekly churn feature table from the raw exports in data/raw/."""
import numpy as np
import pandas as pd
import polars as pl

from features.cleaning import attach_refunds, normalise_columns
from features.io import write_table

RAW = "data/raw"
REGION_CODES = {"DE": "emea", "FR": "emea", "GB": "emea", "US": "amer", "CA": "amer", "JP": "apac"}


def load_customers():
    # OK: the whole frame is returned to the caller
    customers = pd.read_csv(f"{RAW}/customers.csv", parse_dates=["signup_date"])
    return customers


def load_transactions():
    tx = pd.read_csv(f"{RAW}/transactions.csv")  # FRG307
    tx["amount"] = tx["amount"].clip(lower=0)
    return tx.groupby("customer_id").agg(
        total_spend=("amount", "sum"),
        n_orders=("order_id", "nunique"),
        last_order=("created_at", "max"),
    )


def load_support_tickets():
    # OK: usecols given
    tickets = pd.read_csv(f"{RAW}/tickets.csv", usecols=["customer_id", "opened_at", "priority"])
    tickets["is_urgent"] = tickets["priority"].isin(["P1", "P2"])
    return tickets.groupby("customer_id")["is_urgent"].sum().rename("urgent_tickets")


def load_web_events():
    events = pl.read_parquet(f"{RAW}/web_events.parquet")  # FRG307
    return (
        events.filter(pl.col("event_type") == "page_view")
        .group_by("customer_id")
        .agg(
            pl.len().alias("page_views"),
            pl.col("session_id").n_unique().alias("sessions"),
        )
        .to_pandas()
        .set_index("customer_id")
    )


def load_plan_prices():
    prices = pd.read_excel(f"{RAW}/plan_prices.xlsx", sheet_name="2024")  # FRG307
    return dict(zip(prices["plan"], prices["monthly_price"]))


def load_clickstream_sample():
    reader = pd.read_csv(f"{RAW}/clickstream.csv", chunksize=500_000)  # FRG303
    sample = pd.DataFrame()
    for chunk in reader:
        sample = pd.concat([sample, chunk.sample(frac=0.01, random_state=0)])  # FRG305
    return sample


def add_tenure(df: pd.DataFrame, asof: pd.Timestamp) -> pd.DataFrame:
    df["tenure_days"] = df.apply(  # FRG302
        lambda r: (asof - r["signup_date"]).days if pd.notna(r["signup_date"]) else np.nan, axis=1
    )
    return df


def add_region_codes(df):
    for idx, row in df.iterrows():  # FRG301
        df.at[idx, "region_code"] = REGION_CODES.get(row["country"], "other")
    return df


def main():
    asof = pd.Timestamp("2024-06-30")
    customers = normalise_columns(load_customers())
    features = (
        customers.set_index("customer_id")
        .join(load_transactions(), how="left")
        .join(load_support_tickets(), how="left")
        .join(load_web_events(), how="left")
        .reset_index()
    )
    prices = load_plan_prices()
    features["monthly_price"] = features["plan"].map(prices)
    features = add_tenure(features, asof)
    features = add_region_codes(features)

    # OK: the frame goes to a helper this file cannot see
    refunds = pd.read_csv(f"{RAW}/refunds.csv")
    features = attach_refunds(features, refunds)

    clicks = load_clickstream_sample()
    write_table(clicks, "data/features/clickstream_sample.parquet")
    write_table(features, "data/features/churn_features.parquet")


if __name__ == "__main__":
    main()

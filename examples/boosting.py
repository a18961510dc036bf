"""Gradient-boosting and random-forest baselines for the credit-default dataset.

    python boosting.py --data data/credit_default.parquet --search grid
"""
import argparse
import json

import lightgbm as lgb
import pandas as pd
import xgboost as xgb
from scipy.stats import loguniform, randint, uniform
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV, train_test_split

TARGET = "default_next_month"
SEED = 42


def load(path):
    df = pd.read_parquet(path)
    df = df.drop(columns=["customer_id"])
    X = df.drop(columns=[TARGET])
    y = df[TARGET]
    return train_test_split(X, y, test_size=0.2, stratify=y, random_state=SEED)


def train_xgboost(X_tr, y_tr, X_val, y_val):
    model = xgb.XGBClassifier(
        n_estimators=2000,
        learning_rate=0.03,
        max_depth=6,
        subsample=0.8,
        colsample_bytree=0.8,
        tree_method="hist",
        eval_metric="auc",
        random_state=SEED,
    )
    model.fit(X_tr, y_tr, eval_set=[(X_val, y_val)], verbose=100)
    return model


def train_lightgbm(X_tr, y_tr, X_val, y_val):
    model = lgb.LGBMClassifier(
        n_estimators=2000,
        learning_rate=0.03,
        num_leaves=63,
        subsample=0.8,
        subsample_freq=1,
        colsample_bytree=0.8,
        random_state=SEED,
    )
    model.fit(
        X_tr, y_tr,
        eval_set=[(X_val, y_val)],
        eval_metric="auc",
        callbacks=[lgb.early_stopping(100), lgb.log_evaluation(100)],
    )
    return model


def grid_search_forest(X, y):
    param_grid = {
        "n_estimators": [100, 200, 500, 1000],
        "max_depth": [None, 5, 10, 20, 40],
        "min_samples_split": [2, 5, 10],
        "min_samples_leaf": [1, 2, 4],
        "max_features": ["sqrt", "log2", None],
    }
    search = GridSearchCV(
        RandomForestClassifier(random_state=SEED, n_jobs=-1),
        param_grid,
        cv=5,
        scoring="roc_auc",
        n_jobs=-1,
        verbose=1,
    )
    search.fit(X, y)
    return search.best_estimator_, search.best_params_


def random_search_xgboost(X, y):
    distributions = {
        "learning_rate": loguniform(1e-3, 0.3),
        "max_depth": randint(3, 10),
        "subsample": uniform(0.6, 0.4),
        "min_child_weight": randint(1, 10),
    }
    search = RandomizedSearchCV(
        xgb.XGBClassifier(n_estimators=300, tree_method="hist", random_state=SEED),
        distributions,
        n_iter=30,
        cv=3,
        scoring="roc_auc",
        random_state=SEED,
    )
    search.fit(X, y)
    return search.best_estimator_, search.best_params_


def manual_sweep(X_tr, y_tr, X_val, y_val):
    rows = []
    for lr in [0.01, 0.03, 0.1, 0.3]:
        for depth in [3, 4, 6, 8, 10]:
            model = xgb.XGBClassifier(n_estimators=500, learning_rate=lr, max_depth=depth, tree_method="hist")
            model.fit(X_tr, y_tr)
            auc = roc_auc_score(y_val, model.predict_proba(X_val)[:, 1])
            rows.append({"learning_rate": lr, "max_depth": depth, "auc": auc})
    return pd.DataFrame(rows).sort_values("auc", ascending=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/credit_default.parquet")
    parser.add_argument("--search", choices=["none", "grid", "random", "sweep"], default="none")
    args = parser.parse_args()

    X_tr, X_val, y_tr, y_val = load(args.data)
    scores = {}
    for name, train in [("xgboost", train_xgboost), ("lightgbm", train_lightgbm)]:
        model = train(X_tr, y_tr, X_val, y_val)
        scores[name] = roc_auc_score(y_val, model.predict_proba(X_val)[:, 1])

    if args.search == "grid":
        _, params = grid_search_forest(X_tr, y_tr)
        print("best forest params:", params)
    elif args.search == "random":
        _, params = random_search_xgboost(X_tr, y_tr)
        print("best xgboost params:", params)
    elif args.search == "sweep":
        print(manual_sweep(X_tr, y_tr, X_val, y_val).head(10))
    print(json.dumps(scores, indent=2))


if __name__ == "__main__":
    main()

"""Hyper-parameter search for the churn model: XGBoost (Optuna), LightGBM and a random-forest baseline."""
import json

import lightgbm as lgb
import optuna
import pandas as pd
import xgboost as xgb
from optuna_integration import LightGBMPruningCallback
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split

FEATURES = [
    "tenure_days", "total_spend", "n_orders", "page_views",
    "sessions", "urgent_tickets", "monthly_price",
]
TARGET = "churned"

# OK: columns given
df = pd.read_parquet("data/features/churn_features.parquet", columns=FEATURES + [TARGET])
X, y = df[FEATURES], df[TARGET]
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
dtrain = xgb.DMatrix(X_train, label=y_train)
dvalid = xgb.DMatrix(X_valid, label=y_valid)


def objective(trial):  # FRG203
    params = {
        "objective": "binary:logistic",
        "eval_metric": "auc",
        "tree_method": "hist",
        "max_depth": trial.suggest_int("max_depth", 3, 10),
        "eta": trial.suggest_float("eta", 1e-3, 0.3, log=True),
        "subsample": trial.suggest_float("subsample", 0.5, 1.0),
        "colsample_bytree": trial.suggest_float("colsample_bytree", 0.5, 1.0),
        "min_child_weight": trial.suggest_float("min_child_weight", 1.0, 20.0, log=True),
    }
    booster = xgb.train(params, dtrain, num_boost_round=1000, evals=[(dvalid, "valid")], verbose_eval=False)  # FRG101
    return roc_auc_score(y_valid, booster.predict(dvalid))


def objective_lgb(trial):
    # OK: pruning callback and early stopping
    params = {
        "objective": "binary",
        "metric": "auc",
        "verbosity": -1,
        "num_leaves": trial.suggest_int("num_leaves", 15, 255, log=True),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.2, log=True),
        "feature_fraction": trial.suggest_float("feature_fraction", 0.5, 1.0),
    }
    train_set = lgb.Dataset(X_train, label=y_train)
    valid_set = lgb.Dataset(X_valid, label=y_valid, reference=train_set)
    booster = lgb.train(
        params,
        train_set,
        num_boost_round=2000,
        valid_sets=[valid_set],
        callbacks=[LightGBMPruningCallback(trial, "auc"), lgb.early_stopping(100, verbose=False)],
    )
    return roc_auc_score(y_valid, booster.predict(X_valid, num_iteration=booster.best_iteration))


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=100)

study_lgb = optuna.create_study(direction="maximize", pruner=optuna.pruners.MedianPruner(n_warmup_steps=50))
study_lgb.optimize(objective_lgb, n_trials=100)

# Random-forest baseline
rf_grid = {
    "n_estimators": [200, 500, 1000],
    "max_depth": [None, 8, 16, 32],
    "min_samples_leaf": [1, 2, 5],
    "max_features": ["sqrt", 0.5],
}
search = GridSearchCV(  # FRG201
    RandomForestClassifier(n_jobs=-1, random_state=0),
    rf_grid,
    cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0),
    scoring="roc_auc",
)
search.fit(X_train, y_train)

# Quick LightGBM sweep by hand
sweep = []
for num_leaves in [31, 63, 127]:  # FRG202
    for learning_rate in [0.01, 0.05, 0.1]:
        clf = lgb.LGBMClassifier(num_leaves=num_leaves, learning_rate=learning_rate, n_estimators=150)
        clf.fit(X_train, y_train)
        sweep.append((num_leaves, learning_rate, roc_auc_score(y_valid, clf.predict_proba(X_valid)[:, 1])))

# OK: seeds and folds are repetitions, not a search
skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
stability = []
for seed in [0, 1, 2]:
    for fold, (tr_idx, va_idx) in enumerate(skf.split(X, y)):
        m = lgb.LGBMClassifier(n_estimators=150, random_state=seed)
        m.fit(X.iloc[tr_idx], y.iloc[tr_idx])
        stability.append(roc_auc_score(y.iloc[va_idx], m.predict_proba(X.iloc[va_idx])[:, 1]))

final = xgb.XGBClassifier(  # FRG101
    n_estimators=2000,
    learning_rate=0.02,
    max_depth=study.best_params["max_depth"],
    subsample=study.best_params["subsample"],
    tree_method="hist",
)
final.fit(X_train, y_train, eval_set=[(X_valid, y_valid)], verbose=200)
final.save_model("models/churn_xgb.json")

with open("models/search_summary.json", "w") as f:
    json.dump(
        {
            "xgb": study.best_params,
            "lgb": study_lgb.best_params,
            "rf": search.best_params_,
            "sweep": sweep,
            "stability": stability,
        },
        f,
        indent=2,
        default=str,
    )

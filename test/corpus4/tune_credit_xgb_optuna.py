"""Credit-default model: baselines, grid/Optuna tuning and the final XGBoost fit."""
import json

import numpy as np
import optuna
import pandas as pd
import xgboost as xgb
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

df = pd.read_parquet("data/credit_default_features.parquet")
y = df.pop("default").to_numpy()
X = df.to_numpy(dtype=np.float32)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=7)
X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, stratify=y_tr, random_state=7)

# --- baselines -------------------------------------------------------------
rf_grid = {"n_estimators": [200, 500], "max_depth": [None, 8, 16], "min_samples_leaf": [1, 5, 10]}
rf_search = GridSearchCV(RandomForestClassifier(n_jobs=-1, random_state=0), rf_grid, cv=5, scoring="roc_auc")  # OK: 18 candidates x 5 folds = 90 fits, under budget
rf_search.fit(X_tr, y_tr)

svc_grid = {
    "svc__C": [0.1, 1, 10, 100],
    "svc__gamma": [1e-4, 1e-3, 1e-2, 1e-1],
    "svc__kernel": ["rbf", "sigmoid"],
}
svc_search = GridSearchCV(  # FRG201
    make_pipeline(StandardScaler(), SVC(probability=True)),
    svc_grid,
    cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0),
    scoring="roc_auc",
    n_jobs=-1,
)
svc_search.fit(X_tr, y_tr)

dtrain = xgb.DMatrix(X_tr, label=y_tr)
dval = xgb.DMatrix(X_va, label=y_va)

# --- manual sweep ----------------------------------------------------------
sweep = {}
for max_depth in [4, 6, 8]:  # FRG202
    for eta in [0.03, 0.1, 0.3]:
        params = {"objective": "binary:logistic", "eval_metric": "auc", "max_depth": max_depth, "eta": eta, "tree_method": "hist"}
        booster = xgb.train(params, dtrain, num_boost_round=1000, evals=[(dval, "val")], early_stopping_rounds=50, verbose_eval=False)  # OK: early stopping on the validation set
        sweep[(max_depth, eta)] = booster.best_score

for seed in [0, 1, 2]:  # OK: repetitions over seeds, not a hyper-parameter grid
    for fold in range(5):
        xgb.train({"objective": "binary:logistic", "seed": seed, "subsample": 0.8}, dtrain, num_boost_round=100)


# --- Optuna ----------------------------------------------------------------
def objective(trial):  # FRG203
    params = {
        "objective": "binary:logistic",
        "tree_method": "hist",
        "max_depth": trial.suggest_int("max_depth", 3, 10),
        "eta": trial.suggest_float("eta", 1e-3, 0.3, log=True),
        "subsample": trial.suggest_float("subsample", 0.5, 1.0),
        "colsample_bytree": trial.suggest_float("colsample_bytree", 0.5, 1.0),
        "min_child_weight": trial.suggest_float("min_child_weight", 1e-2, 10, log=True),
    }
    booster = xgb.train(params, dtrain, num_boost_round=trial.suggest_int("rounds", 200, 2000))
    return roc_auc_score(y_va, booster.predict(dval))


def objective_pruned(trial):  # OK: reports each round and prunes
    params = {
        "objective": "binary:logistic",
        "eval_metric": "auc",
        "max_depth": trial.suggest_int("max_depth", 3, 10),
        "eta": trial.suggest_float("eta", 1e-3, 0.3, log=True),
    }
    pruning = optuna.integration.XGBoostPruningCallback(trial, "val-auc")
    booster = xgb.train(params, dtrain, num_boost_round=1000, evals=[(dval, "val")], early_stopping_rounds=50, callbacks=[pruning], verbose_eval=False)
    return booster.best_score


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=60)
study_pruned = optuna.create_study(direction="maximize", pruner=optuna.pruners.HyperbandPruner())
study_pruned.optimize(objective_pruned, n_trials=60)

# --- final model -----------------------------------------------------------
best = study_pruned.best_params
final = xgb.XGBClassifier(  # FRG101
    n_estimators=3000,
    learning_rate=best["eta"],
    max_depth=best["max_depth"],
    tree_method="hist",
)
final.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], verbose=250)
test_auc = roc_auc_score(y_te, final.predict_proba(X_te)[:, 1])
with open("reports/credit_tuning.json", "w") as fh:
    json.dump({"rf": rf_search.best_score_, "svc": svc_search.best_score_, "sweep_best": max(sweep.values()), "test_auc": test_auc}, fh)
final.save_model("models/credit_xgb.json")

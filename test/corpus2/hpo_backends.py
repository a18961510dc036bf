"""Hyper-parameter search backends for the ticket-routing benchmark (CPU cluster).

Each backend registers itself under a name; `python hpo_backends.py optuna-mlp`
runs one. Data: TF-IDF of support tickets (text) and a small dense feature set.
"""
import argparse
import sys

import lightgbm as lgb
import numpy as np
import optuna
import torch
import torch.nn as nn
from optuna.integration import LightGBMPruningCallback
from ray import train, tune
from ray.tune.schedulers import ASHAScheduler
from sklearn.experimental import enable_halving_search_cv  # enables HalvingGridSearchCV below
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import GridSearchCV, HalvingGridSearchCV, StratifiedKFold, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC
from torch.utils.data import DataLoader, TensorDataset

from ticket_data import load_dense, load_texts
from ticket_training import fit_and_score

BACKENDS = {}


def backend(name):
    def deco(fn):
        BACKENDS[name] = fn
        return fn
    return deco


X, y = load_dense()
X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)

TEXT_GRID = {
    "tfidf__ngram_range": [(1, 1), (1, 2)],
    "tfidf__min_df": [1, 2, 5],
    "clf__C": np.logspace(-3, 2, 6),
}


def objective_lgbm(trial):
    params = {
        "objective": "multiclass", "num_class": int(y.max()) + 1, "verbose": -1,
        "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.2, log=True),
        "num_leaves": trial.suggest_int("num_leaves", 15, 255, log=True),
        "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
    }
    dtrain, dvalid = lgb.Dataset(X_tr, y_tr), lgb.Dataset(X_va, y_va)
    booster = lgb.train(params, dtrain, num_boost_round=3000, valid_sets=[dvalid],
                        callbacks=[LightGBMPruningCallback(trial, "multi_logloss"), lgb.early_stopping(100)])
    return booster.best_score["valid_0"]["multi_logloss"]


def objective_mlp(trial):  # FRG203
    hidden = trial.suggest_int("hidden", 64, 512, log=True)
    dropout = trial.suggest_float("dropout", 0.0, 0.5)
    lr = trial.suggest_float("lr", 1e-4, 1e-2, log=True)
    model = nn.Sequential(nn.Linear(X.shape[1], hidden), nn.ReLU(), nn.Dropout(dropout),
                          nn.Linear(hidden, int(y.max()) + 1))
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    ds = TensorDataset(torch.tensor(X_tr, dtype=torch.float32), torch.tensor(y_tr))
    loader = DataLoader(ds, batch_size=256, shuffle=True, num_workers=2)
    for epoch in range(40):
        model.train()
        for xb, yb in loader:
            opt.zero_grad()
            nn.functional.cross_entropy(model(xb), yb).backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        pred = model(torch.tensor(X_va, dtype=torch.float32)).argmax(1).numpy()
    return float((pred == y_va).mean())


def objective_sgd(trial):
    alpha = trial.suggest_float("alpha", 1e-6, 1e-2, log=True)
    clf = SGDClassifier(loss="log_loss", alpha=alpha, random_state=0)
    classes = np.unique(y)
    for epoch in range(30):
        clf.partial_fit(X_tr, y_tr, classes=classes)
        trial.report(clf.score(X_va, y_va), epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return clf.score(X_va, y_va)


def objective_external(trial):
    params = {"depth": trial.suggest_int("depth", 2, 8), "lr": trial.suggest_float("lr", 1e-3, 0.3, log=True)}
    return fit_and_score(trial, params, X_tr, y_tr, X_va, y_va)


@backend("optuna-lgbm")
def run_optuna_lgbm():
    study = optuna.create_study(direction="minimize", pruner=optuna.pruners.HyperbandPruner())
    study.optimize(objective_lgbm, n_trials=60)
    print(study.best_params)


@backend("optuna-mlp")
def run_optuna_mlp():
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
    study.optimize(objective_mlp, n_trials=50)


@backend("optuna-sgd")
def run_optuna_sgd():
    study = optuna.create_study(direction="maximize", pruner=optuna.pruners.NopPruner())  # FRG203
    study.optimize(objective_sgd, n_trials=80)
    other = optuna.create_study(direction="maximize")
    other.optimize(objective_external, n_trials=40)


def ray_trainable(config):
    clf = SGDClassifier(loss="log_loss", alpha=config["alpha"], eta0=config["eta0"], learning_rate="adaptive")
    classes = np.unique(y)
    for epoch in range(50):
        clf.partial_fit(X_tr, y_tr, classes=classes)
        train.report({"acc": clf.score(X_va, y_va), "epoch": epoch})


@backend("ray")
def run_ray():
    space = {"alpha": tune.loguniform(1e-6, 1e-2), "eta0": tune.loguniform(1e-3, 1.0)}
    tuner = tune.Tuner(ray_trainable, param_space=space,  # FRG203
                       tune_config=tune.TuneConfig(metric="acc", mode="max", num_samples=64))
    print(tuner.fit().get_best_result().config)
    asha = tune.Tuner(ray_trainable, param_space=space,
                      tune_config=tune.TuneConfig(metric="acc", mode="max", num_samples=64,
                                                  scheduler=ASHAScheduler(max_t=50, grace_period=5)))
    print(asha.fit().get_best_result().config)


@backend("sklearn-text")
def run_text_grid():
    texts, labels = load_texts()
    pipe = Pipeline([("tfidf", TfidfVectorizer(sublinear_tf=True)), ("clf", LinearSVC())])
    search = GridSearchCV(pipe, TEXT_GRID, cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0), n_jobs=-1)  # FRG201
    search.fit(texts, labels)
    small = GridSearchCV(LogisticRegression(max_iter=2000), {"C": [0.1, 1.0, 10.0]}, cv=3)
    small.fit(X_tr, y_tr)
    halving = HalvingGridSearchCV(pipe, TEXT_GRID, cv=5, factor=3, n_jobs=-1)
    halving.fit(texts, labels)
    print(search.best_params_, small.best_params_, halving.best_params_)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("backend", choices=sorted(BACKENDS))
    BACKENDS[ap.parse_args(sys.argv[1:]).backend]()

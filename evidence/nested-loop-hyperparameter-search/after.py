"""XGBoost tuned by an Optuna search with a budget of trials instead of a full grid."""
import json

import optuna
import xgboost as xgb
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

X, y = make_classification(n_samples=3000, n_features=30, n_informative=12, flip_y=0.03,
                           random_state=0)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, test_size=0.4, random_state=0)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, random_state=0)


def objective(trial):
    lr = trial.suggest_float("lr", 0.01, 0.3, log=True)
    depth = trial.suggest_int("max_depth", 2, 6)
    model = xgb.XGBClassifier(learning_rate=lr, max_depth=depth, n_estimators=100,
                              tree_method="hist", n_jobs=1, random_state=0)
    model.fit(X_train, y_train)
    return model.score(X_val, y_val)


optuna.logging.set_verbosity(optuna.logging.WARNING)
study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
study.optimize(objective, n_trials=5)

best_lr, best_depth = study.best_params["lr"], study.best_params["max_depth"]
best = xgb.XGBClassifier(learning_rate=best_lr, max_depth=best_depth, n_estimators=100,
                         tree_method="hist", n_jobs=1, random_state=0).fit(X_train, y_train)
print("FRUGAL_RESULT " + json.dumps({"val_accuracy": round(study.best_value, 4),
                                     "test_accuracy": round(best.score(X_test, y_test), 4)}))

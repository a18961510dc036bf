"""An Optuna search over an MLP's learning rate and L2 penalty, unpromising trials pruned by the median rule."""
import json
import warnings

import numpy as np
import optuna
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

warnings.filterwarnings("ignore")
X, y = load_digits(return_X_y=True)
X = X / 16.0
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
classes = np.unique(y)


def objective(trial):
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    alpha = trial.suggest_float("alpha", 1e-6, 1e-1, log=True)
    model = MLPClassifier(hidden_layer_sizes=(64,), learning_rate_init=lr, alpha=alpha,
                          batch_size=64, random_state=0)
    for epoch in range(30):
        model.partial_fit(X_train, y_train, classes=classes)
        accuracy = model.score(X_val, y_val)
        trial.report(accuracy, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return accuracy


optuna.logging.set_verbosity(optuna.logging.WARNING)
study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0),
                            pruner=optuna.pruners.MedianPruner(n_warmup_steps=5))
study.optimize(objective, n_trials=30)
print("FRUGAL_RESULT " + json.dumps({"best_accuracy": round(study.best_value, 4)}))

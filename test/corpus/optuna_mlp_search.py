"""Optuna search for a small MLP on synthetic tabular data (runs on a laptop CPU)."""
import numpy as np
import optuna
import torch
import torch.nn.functional as F
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(8)
device = torch.device("cpu")

X_np, y_np = make_classification(n_samples=20000, n_features=40, n_informative=12, random_state=0)
X_all = torch.tensor(X_np, dtype=torch.float32)  # OK: real data, not a NumPy random/constant array
y_all = torch.tensor(y_np)
train_ds = TensorDataset(X_all[:16000], y_all[:16000])
val_X, val_y = X_all[16000:], y_all[16000:]
INPUT_NOISE = torch.tensor(np.random.randn(16000, 40), dtype=torch.float32)  # FRG109
MAX_EPOCHS = 30


def make_mlp(trial):
    n_layers = trial.suggest_int("n_layers", 1, 3)
    layers, width_in = [], 40
    for i in range(n_layers):
        width = trial.suggest_int(f"width_{i}", 32, 256, log=True)
        layers += [nn.Linear(width_in, width), nn.ReLU(), nn.Dropout(trial.suggest_float(f"drop_{i}", 0.0, 0.5))]
        width_in = width
    layers.append(nn.Linear(width_in, 2))
    return nn.Sequential(*layers).to(device)


def val_accuracy(model):
    model.eval()
    with torch.no_grad():
        logits = model(val_X)
    return (logits.argmax(1) == val_y).float().mean().item()


def objective(trial):  # FRG203
    model = make_mlp(trial)
    lr = trial.suggest_float("lr", 1e-4, 1e-1, log=True)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    batch_size = trial.suggest_categorical("batch_size", [64, 128, 256])
    loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True)  # OK: an in-memory TensorDataset
    for epoch in range(MAX_EPOCHS):
        model.train()
        total = 0.0
        for xb, yb in loader:
            opt.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()  # OK: CPU-only script
            opt.step()
            total += loss.item()  # OK: no GPU, nothing to synchronise
    return val_accuracy(model)


def objective_pruned(trial):
    model = make_mlp(trial)
    opt = torch.optim.AdamW(model.parameters(), lr=trial.suggest_float("lr", 1e-4, 1e-1, log=True))
    loader = DataLoader(train_ds, batch_size=128, shuffle=True, num_workers=2)  # OK
    acc = 0.0
    for epoch in range(MAX_EPOCHS):
        model.train()
        for xb, yb in loader:
            opt.zero_grad()
            F.cross_entropy(model(xb), yb).backward()
            opt.step()
        acc = val_accuracy(model)
        trial.report(acc, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return acc


def rf_objective(trial):
    clf = RandomForestClassifier(
        n_estimators=trial.suggest_int("n_estimators", 50, 400),
        max_depth=trial.suggest_int("max_depth", 2, 32, log=True),
        n_jobs=-1,
    )
    return cross_val_score(clf, X_np, y_np, cv=3, scoring="accuracy").mean()  # OK: no epoch loop


if __name__ == "__main__":
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    study = optuna.create_study(direction="maximize", pruner=optuna.pruners.NopPruner())  # FRG203
    study.optimize(objective, n_trials=40)

    pruned = optuna.create_study(direction="maximize", pruner=optuna.pruners.MedianPruner(n_warmup_steps=5))
    pruned.optimize(objective_pruned, n_trials=100)

    forest = optuna.create_study(direction="maximize")  # OK: objective has no epochs to prune
    forest.optimize(rf_objective, n_trials=30)

    for name, s in [("mlp", study), ("mlp-pruned", pruned), ("rf", forest)]:
        print(name, round(s.best_value, 4), s.best_params)

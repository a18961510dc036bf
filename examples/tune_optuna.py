"""Hyper-parameter search for a small regression MLP with Optuna.

The targets come from a reference solver that works in double precision,
so the network is trained in the same precision.

    python tune_optuna.py --trials 100 --pruning
"""
import argparse

import numpy as np
import optuna
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset, random_split

N_SAMPLES = 20_000
N_FEATURES = 32
EPOCHS = 40

torch.set_default_dtype(torch.float64)


def make_data(seed=0):
    rng = np.random.default_rng(seed)
    X = torch.tensor(np.random.rand(N_SAMPLES, N_FEATURES))
    w = torch.from_numpy(rng.normal(size=(N_FEATURES, 1)))
    y = torch.sin(X @ w) + 0.1 * torch.randn(N_SAMPLES, 1)
    train, val = random_split(TensorDataset(X, y), [0.8, 0.2], generator=torch.Generator().manual_seed(seed))
    return train, val


class MLP(nn.Module):
    def __init__(self, n_in, hidden, depth, dropout):
        super().__init__()
        layers, width = [], n_in
        for _ in range(depth):
            layers += [nn.Linear(width, hidden), nn.GELU(), nn.Dropout(dropout)]
            width = hidden
        layers.append(nn.Linear(width, 1))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def train_epoch(model, loader, optimizer, loss_fn):
    model.train()
    total = torch.zeros(())
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.detach() * len(xb)
    return (total / len(loader.dataset)).item()


@torch.no_grad()
def evaluate(model, loader, loss_fn):
    model.eval()
    losses = [loss_fn(model(xb), yb) * len(xb) for xb, yb in loader]
    return (torch.stack(losses).sum() / len(loader.dataset)).item()


def suggest(trial):
    hidden = trial.suggest_int("hidden", 32, 512, log=True)
    depth = trial.suggest_int("depth", 1, 4)
    dropout = trial.suggest_float("dropout", 0.0, 0.5)
    lr = trial.suggest_float("lr", 1e-4, 1e-1, log=True)
    batch_size = trial.suggest_categorical("batch_size", [64, 128, 256])
    return MLP(N_FEATURES, hidden, depth, dropout).double(), lr, batch_size


def objective(trial, data):
    model, lr, batch_size = suggest(trial)
    train_loader = DataLoader(data[0], batch_size=batch_size, shuffle=True)
    val_loader = DataLoader(data[1], batch_size=1024)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    for epoch in range(EPOCHS):
        train_epoch(model, train_loader, optimizer, loss_fn)
    return evaluate(model, val_loader, loss_fn)


def objective_with_pruning(trial, data):
    model, lr, batch_size = suggest(trial)
    train_loader = DataLoader(data[0], batch_size=batch_size, shuffle=True)
    val_loader = DataLoader(data[1], batch_size=1024)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    for epoch in range(EPOCHS):
        train_epoch(model, train_loader, optimizer, loss_fn)
        val_loss = evaluate(model, val_loader, loss_fn)
        trial.report(val_loss, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return val_loss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--pruning", action="store_true")
    parser.add_argument("--storage", default=None, help="e.g. sqlite:///optuna.db")
    args = parser.parse_args()

    data = make_data()
    if args.pruning:
        study = optuna.create_study(direction="minimize", storage=args.storage,
                                    pruner=optuna.pruners.MedianPruner(n_warmup_steps=5))
        study.optimize(lambda t: objective_with_pruning(t, data), n_trials=args.trials)
    else:
        study = optuna.create_study(direction="minimize", storage=args.storage)
        study.optimize(lambda t: objective(t, data), n_trials=args.trials)
    print("best value:", study.best_value)
    print("best params:", study.best_params)


if __name__ == "__main__":
    main()

"""Telco churn: feature prep, an MLP in PyTorch (CPU box), a small sweep and an Optuna study."""
import itertools

import numpy as np
import optuna
import pandas as pd
import torch
import torch.nn as nn
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from torch.utils.data import DataLoader, TensorDataset

torch.autograd.set_detect_anomaly(True)  # FRG105
torch.manual_seed(0)

df = pd.read_csv("data/telco_churn.csv")
df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce").fillna(0.0)


def contract_risk(row):
    if row["Contract"] == "Month-to-month" and row["tenure"] < 12:
        return 2
    if row["PaymentMethod"] == "Electronic check":
        return 1
    return 0


df["contract_risk"] = df.apply(contract_risk, axis="columns")  # FRG302
df["charges_per_month"] = df["TotalCharges"] / df["tenure"].clip(lower=1)
df["senior"] = df["SeniorCitizen"].map({0: "no", 1: "yes"})  # OK: Series.map
y = (df.pop("Churn") == "Yes").astype(int).to_numpy()
X = pd.get_dummies(df.drop(columns=["customerID"]), drop_first=True).to_numpy(dtype=np.float64)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
X_tr, X_va, y_tr, y_va = train_test_split(X_tr, y_tr, test_size=0.2, stratify=y_tr, random_state=0)
scaler = StandardScaler().fit(X_tr)
X_tr, X_va, X_te = (torch.tensor(scaler.transform(a), dtype=torch.float64) for a in (X_tr, X_va, X_te))
y_tr, y_va, y_te = (torch.tensor(a, dtype=torch.float64) for a in (y_tr, y_va, y_te))
n_features = X_tr.shape[1]


class ChurnNet(nn.Module):
    def __init__(self, d_in, hidden=256, dropout=0.2):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d_in, hidden), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden, hidden // 2), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden // 2, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze(-1)


def build_model(hidden=256, dropout=0.2):
    return ChurnNet(n_features, hidden, dropout).double()  # FRG103


train_loader = DataLoader(TensorDataset(X_tr, y_tr), batch_size=256, shuffle=True)  # OK: in-memory tensors need no workers
loss_fn = nn.BCEWithLogitsLoss()


def train_one_epoch(model, loader, opt):
    model.train()
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()


def evaluate(model, X_eval, y_eval):
    model.eval()
    logits = model(X_eval)  # FRG401
    return roc_auc_score(y_eval.numpy(), logits.detach().numpy())


def fit_mlp(lr, weight_decay, epochs=15):
    model = build_model()
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    for _ in range(epochs):
        for xb, yb in train_loader:
            opt.zero_grad()
            loss_fn(model(xb), yb).backward()
            opt.step()
    return model


LRS = [1e-3, 3e-4, 1e-4]
WDS = [0.0, 1e-4, 1e-2]
sweep = {}
for lr, wd in itertools.product(LRS, WDS):  # FRG202
    sweep[(lr, wd)] = evaluate(fit_mlp(lr, wd), X_va, y_va)
best_lr, best_wd = max(sweep, key=sweep.get)


def objective(trial):  # FRG203
    model = build_model(trial.suggest_categorical("hidden", [128, 256, 512]), trial.suggest_float("dropout", 0.0, 0.5))
    opt = torch.optim.AdamW(model.parameters(), lr=trial.suggest_float("lr", 1e-5, 1e-2, log=True))
    for epoch in range(25):
        train_one_epoch(model, train_loader, opt)
    return evaluate(model, X_va, y_va)


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=40)

model = build_model(study.best_params["hidden"], study.best_params["dropout"])
opt = torch.optim.AdamW(model.parameters(), lr=best_lr, weight_decay=best_wd)
EPOCHS = 100
history = []
for epoch in range(EPOCHS):  # FRG101
    train_one_epoch(model, train_loader, opt)
    val_auc = evaluate(model, X_va, y_va)
    history.append(val_auc)
    print(f"epoch {epoch:3d} val AUC {val_auc:.4f}")

print("test AUC", evaluate(model, X_te, y_te))
torch.save(model.state_dict(), "models/churn_mlp.pt")

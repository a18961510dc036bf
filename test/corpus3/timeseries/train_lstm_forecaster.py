"""Multi-horizon load forecasting with a 3-layer LSTM on the hourly electricity data set."""
import argparse

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

parser = argparse.ArgumentParser()
parser.add_argument("--data", default="data/electricity_hourly.csv")
parser.add_argument("--epochs", type=int, default=150)
parser.add_argument("--batch-size", type=int, default=256)
parser.add_argument("--window", type=int, default=168)
parser.add_argument("--horizon", type=int, default=24)
parser.add_argument("--lr", type=float, default=1e-3)
args = parser.parse_args()


class WindowDataset(Dataset):
    def __init__(self, series: torch.Tensor, window: int, horizon: int):
        self.series = series
        self.window = window
        self.horizon = horizon

    def __len__(self):
        return len(self.series) - self.window - self.horizon + 1

    def __getitem__(self, i):
        x = self.series[i:i + self.window]
        y = self.series[i + self.window:i + self.window + self.horizon, 0]
        return x, y


class Forecaster(nn.Module):
    def __init__(self, n_features, hidden=512, layers=3, horizon=24):
        super().__init__()
        self.hidden = hidden
        self.layers = layers
        self.lstm = nn.LSTM(n_features, hidden, num_layers=layers, batch_first=True, dropout=0.1)
        self.head = nn.Linear(hidden, horizon)

    def forward(self, x):
        h0 = torch.zeros(self.layers, x.size(0), self.hidden).to(x.device)  # FRG108
        c0 = torch.zeros(self.layers, x.size(0), self.hidden).to(x.device)  # FRG108
        out, _ = self.lstm(x, (h0, c0))
        return self.head(out[:, -1])


# OK: every column but the timestamp is a feature
df = pd.read_csv(args.data, parse_dates=["timestamp"])
series = df.drop(columns=["timestamp"]).to_numpy(dtype=np.float32)
values = torch.from_numpy(series)

n = len(values)
train_end, val_end = int(n * 0.8), int(n * 0.9)
mean, std = values[:train_end].mean(dim=0), values[:train_end].std(dim=0)
values = (values - mean) / std

# OK: in-memory dataset that only slices a tensor
train_loader = DataLoader(WindowDataset(values[:train_end], args.window, args.horizon), batch_size=args.batch_size, shuffle=True)
val_loader = DataLoader(WindowDataset(values[train_end:val_end], args.window, args.horizon), batch_size=1024)
test_loader = DataLoader(WindowDataset(values[val_end:], args.window, args.horizon), batch_size=1024)

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = Forecaster(values.shape[1], horizon=args.horizon).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
loss_fn = nn.MSELoss()

for epoch in range(args.epochs):  # FRG101 FRG113
    model.train()
    epoch_loss = 0.0
    for x, y in train_loader:
        x, y = x.to(device), y.to(device)
        x = x + torch.tensor(np.random.normal(0.0, 0.01, size=tuple(x.shape)), dtype=torch.float32, device=device)  # FRG109
        y_np = y.cpu().numpy()  # FRG115
        y = torch.from_numpy(np.sign(y_np) * np.log1p(np.abs(y_np))).to(device)

        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()  # FRG102
        optimizer.step()
        epoch_loss += loss.item()  # FRG111

    model.eval()
    val_loss = 0.0
    with torch.no_grad():
        for x, y in val_loader:
            x, y = x.to(device), y.to(device)
            y = torch.sign(y) * torch.log1p(y.abs())
            val_loss += loss_fn(model(x), y).item()
    print(f"epoch {epoch:03d} train {epoch_loss / len(train_loader):.4f} val {val_loss / len(val_loader):.4f}")

torch.save(model.state_dict(), "lstm_forecaster.pt")

preds = np.empty((0, args.horizon), dtype=np.float32)
targets = np.empty((0, args.horizon), dtype=np.float32)
with torch.no_grad():
    for x, y in test_loader:
        out = model(x.to(device)).cpu().numpy()
        preds = np.concatenate([preds, out])  # FRG305
        targets = np.concatenate([targets, np.sign(y.numpy()) * np.log1p(np.abs(y.numpy()))])  # FRG305

mape = 0.0
for p, t in zip(preds.ravel(), targets.ravel()):  # FRG304
    mape += abs(p - t) / (abs(t) + 1e-6)
mape /= preds.size
print(f"test MAPE (log space): {mape:.4f}")

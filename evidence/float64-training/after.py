"""An MLP classifier trained in float32 on synthetic tabular data."""
import json

import numpy as np
import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)
rng = np.random.default_rng(0)

# Synthetic data: 64 features, labels from a random two-layer teacher.
features = rng.standard_normal((8192, 64))
teacher = np.tanh(features[:, :8] @ rng.standard_normal((8, 16))) @ rng.standard_normal(16)
labels = (teacher > np.median(teacher)).astype(np.int64)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(64, 512), nn.ReLU(),
            nn.Linear(512, 512), nn.ReLU(),
            nn.Linear(512, 2),
        )

    def forward(self, x):
        return self.layers(x)


model = Net()
x = torch.tensor(features, dtype=torch.float32)
y = torch.tensor(labels)
x_train, y_train, x_test, y_test = x[:6144], y[:6144], x[6144:], y[6144:]

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(8):
    perm = torch.randperm(len(x_train))
    for i in range(0, len(x_train), 128):
        idx = perm[i:i + 128]
        optimizer.zero_grad()
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        loss.backward()
        optimizer.step()

model.eval()
with torch.inference_mode():
    accuracy = (model(x_test).argmax(1) == y_test).double().mean().item()
print("FRUGAL_RESULT " + json.dumps({"accuracy": round(accuracy, 4)}))

"""A small regression network trained with autograd anomaly detection left on."""
import json

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)

x_all = torch.randn(4096, 32)
y_all = torch.sin(x_all[:, :4].sum(1, keepdim=True)) + 0.1 * torch.randn(4096, 1)
loader = [(x_all[i:i + 32], y_all[i:i + 32]) for i in range(0, 4096, 32)]

model = nn.Sequential(
    nn.Linear(32, 64), nn.LayerNorm(64), nn.GELU(),
    nn.Linear(64, 64), nn.LayerNorm(64), nn.GELU(),
    nn.Linear(64, 64), nn.LayerNorm(64), nn.GELU(),
    nn.Linear(64, 1),
)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
loss_fn = nn.MSELoss()

torch.autograd.set_detect_anomaly(True)
for epoch in range(3):
    total = 0.0
    for x, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += loss.item()

print("FRUGAL_RESULT " + json.dumps({"last_epoch_loss": round(total / len(loader), 6)}))

"""A small MLP trained on a CUDA GPU, its loss read back to the host at every step."""
import json

import torch
from torch import nn

torch.manual_seed(0)
device = torch.device("cuda")

n = 65_536
x_all = torch.randn(n, 32, device=device)
y_all = (x_all[:, :8].sum(1) > 0).long()

model = nn.Sequential(nn.Linear(32, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                      nn.Linear(256, 2)).to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
batch_size = 64
steps = n // batch_size

epoch_losses = []
for epoch in range(5):
    running_loss = 0.0
    for i in range(0, n, batch_size):
        x, y = x_all[i:i + batch_size], y_all[i:i + batch_size]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
    epoch_losses.append(running_loss / steps)

print("FRUGAL_RESULT " + json.dumps({"last_epoch_loss": round(epoch_losses[-1], 5),
                                     "first_epoch_loss": round(epoch_losses[0], 5)}))

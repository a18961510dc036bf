"""A small CNN with Conv-BatchNorm-ReLU blocks trained on synthetic images."""
import json

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)

# Synthetic 4-class images: each class is a bright bar at a different place and angle.
n = 2048
labels = torch.randint(0, 4, (n,))
images = torch.randn(n, 3, 32, 32)
for c in range(4):
    idx = labels == c
    if c == 0:
        images[idx, :, 8:12, :] += 1.0
    elif c == 1:
        images[idx, :, :, 8:12] += 1.0
    elif c == 2:
        images[idx, :, 20:24, :] += 1.0
    else:
        images[idx, :, :, 20:24] += 1.0
x_train, y_train, x_test, y_test = images[:1536], labels[:1536], images[1536:], labels[1536:]

model = nn.Sequential(
    nn.Conv2d(3, 16, 3, padding=1),
    nn.BatchNorm2d(16),
    nn.ReLU(inplace=True),
    nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1),
    nn.BatchNorm2d(32),
    nn.ReLU(inplace=True),
    nn.MaxPool2d(2),
    nn.Conv2d(32, 32, 3, padding=1),
    nn.BatchNorm2d(32),
    nn.ReLU(inplace=True),
    nn.AdaptiveAvgPool2d(1),
    nn.Flatten(),
    nn.Linear(32, 4),
)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
loss_fn = nn.CrossEntropyLoss()

for epoch in range(2):
    model.train()
    perm = torch.randperm(len(x_train))
    for i in range(0, len(x_train), 64):
        idx = perm[i:i + 64]
        optimizer.zero_grad()
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        loss.backward()
        optimizer.step()

model.eval()
with torch.inference_mode():
    accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
print("FRUGAL_RESULT " + json.dumps({"accuracy": round(accuracy, 4)}))

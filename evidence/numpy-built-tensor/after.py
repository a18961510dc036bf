"""Noise for a generator network drawn with torch.randn every step."""
import json

import numpy as np
import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)
np.random.seed(0)

batch, nz = 256, 100
generator = nn.Sequential(nn.Linear(nz, 128), nn.ReLU(), nn.Linear(128, 64), nn.Tanh())
generator.eval()

total = torch.zeros(64)
total_sq = torch.zeros(64)
steps = 500
with torch.inference_mode():
    for step in range(steps):
        noise = torch.randn(batch, nz, dtype=torch.float32)
        fake = generator(noise)
        total += fake.sum(0)
        total_sq += (fake * fake).sum(0)

n = steps * batch
mean = total / n
std = (total_sq / n - mean * mean).sqrt()
print("FRUGAL_RESULT " + json.dumps({"mean": round(mean.mean().item(), 5),
                                     "std": round(std.mean().item(), 5)}))

"""Sampling from a generator network on a CUDA GPU, its noise made on the GPU every step."""
import json

import torch
from torch import nn

torch.manual_seed(0)
torch.cuda.manual_seed(0)
batch, nz = 1024, 128

generator = nn.Sequential(
    nn.Linear(nz, 512), nn.ReLU(),
    nn.Linear(512, 512), nn.ReLU(),
    nn.Linear(512, 3 * 16 * 16), nn.Tanh(),
).cuda()
generator.eval()

total = torch.zeros((), device="cuda")
total_sq = torch.zeros((), device="cuda")
steps = 2000
with torch.inference_mode():
    for step in range(steps):
        noise = torch.randn(batch, nz, device="cuda")
        fake = generator(noise)
        total += fake.sum()
        total_sq += (fake * fake).sum()

count = steps * batch * 3 * 16 * 16
mean = (total / count).item()
std = (total_sq / count - (total / count) ** 2).sqrt().item()
print("FRUGAL_RESULT " + json.dumps({"mean": round(mean, 5), "std": round(std, 5)}))

"""An MLP classifier evaluated on a validation set, run under torch.inference_mode."""
import hashlib
import json

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(64, 256), nn.LayerNorm(256), nn.GELU(), nn.Dropout(0.1),
            nn.Linear(256, 256), nn.LayerNorm(256), nn.GELU(), nn.Dropout(0.1),
            nn.Linear(256, 256), nn.LayerNorm(256), nn.GELU(), nn.Dropout(0.1),
            nn.Linear(256, 256), nn.LayerNorm(256), nn.GELU(), nn.Dropout(0.1),
            nn.Linear(256, 256), nn.LayerNorm(256), nn.GELU(), nn.Dropout(0.1),
            nn.Linear(256, 10),
        )

    def forward(self, x):
        return self.body(x)


model = Classifier()
inputs = torch.randn(128_000, 64)
targets = torch.randint(0, 10, (128_000,))
val_loader = [(inputs[i:i + 64], targets[i:i + 64]) for i in range(0, 128_000, 64)]

model.eval()
correct = 0
digest = hashlib.sha256()
with torch.inference_mode():
    for images, labels in val_loader:
        logits = model(images)
        correct += (logits.argmax(1) == labels).sum().item()
        digest.update(logits.detach().numpy().round(4).tobytes())

print("FRUGAL_RESULT " + json.dumps({"correct": correct, "logits": digest.hexdigest()}))

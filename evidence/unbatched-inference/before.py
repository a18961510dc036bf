"""A classifier scoring a test set one sample per model call."""
import json

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)

model = nn.Sequential(
    nn.Linear(64, 256), nn.ReLU(),
    nn.Linear(256, 256), nn.ReLU(),
    nn.Linear(256, 10),
)
model.eval()
X_test = torch.randn(60_000, 64)

with torch.inference_mode():
    preds = []
    for x in X_test:
        preds.append(model(x.unsqueeze(0)).softmax(1)[0])
    probs = torch.stack(preds)

print("FRUGAL_RESULT " + json.dumps({
    "checksum": round(float((probs * torch.arange(1, 11)).sum(1).mean()), 6),
    "predicted_3": int((probs.argmax(1) == 3).sum()),
}))

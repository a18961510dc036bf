"""A serverless prediction handler that loads the model's weights on every request."""
import hashlib
import json
import os
import shutil
import tempfile

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(128, 1024), nn.ReLU(),
            nn.Linear(1024, 1024), nn.ReLU(),
            nn.Linear(1024, 10),
        )

    def forward(self, x):
        return self.layers(x)


# Deployment step: a trained model's weights saved to disk.
MODEL_PATH = os.path.join(tempfile.mkdtemp(), "model.pt")
torch.save(Net().state_dict(), MODEL_PATH)


def lambda_handler(event, context):
    model = Net()
    model.load_state_dict(torch.load(MODEL_PATH))
    model.eval()
    with torch.inference_mode():
        scores = model(torch.tensor([event["features"]], dtype=torch.float32))
    return {"label": int(scores.argmax(1)), "score": round(float(scores.max()), 4)}


# Simulated traffic: requests arriving one after another.
rng = torch.Generator().manual_seed(1)
requests = [{"features": torch.randn(128, generator=rng).tolist()} for _ in range(400)]
digest = hashlib.sha256()
for event in requests:
    digest.update(json.dumps(lambda_handler(event, None)).encode())
shutil.rmtree(os.path.dirname(MODEL_PATH))
print("FRUGAL_RESULT " + json.dumps({"responses": digest.hexdigest()}))

"""A small ResNet-style CNN trained in float32 on synthetic images on a CUDA GPU."""
import json

import torch
from torch import nn

torch.manual_seed(0)
device = "cuda"
torch.backends.cudnn.benchmark = True

# Synthetic 10-class images: faint stripes whose angle and colour depend on the class,
# under strong noise.
n, num_classes = 8192, 10
coords = torch.arange(64, device=device, dtype=torch.float32)
yy, xx = torch.meshgrid(coords, coords, indexing="ij")
angles = torch.arange(num_classes, device=device) * (3.14159 / num_classes)
stripes = torch.sin(0.5 * (xx * torch.cos(angles)[:, None, None] + yy * torch.sin(angles)[:, None, None]))
colours = torch.tensor([[1.0, 0.5, -0.5], [-0.5, 1.0, 0.5]], device=device)[torch.arange(num_classes, device=device) % 2]
templates = stripes[:, None] * colours[:, :, None, None]
labels = torch.randint(0, num_classes, (n,), device=device)
images = torch.randn(n, 3, 64, 64, device=device) + 0.5 * templates[labels]
x_train, y_train, x_test, y_test = images[:7168], labels[:7168], images[7168:], labels[7168:]


class Block(nn.Module):
    def __init__(self, c_in, c_out, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.skip = nn.Sequential()
        if stride != 1 or c_in != c_out:
            self.skip = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=stride, bias=False),
                                      nn.BatchNorm2d(c_out))

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + self.skip(x))


model = nn.Sequential(
    nn.Conv2d(3, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
    Block(64, 64, 1), Block(64, 128, 2), Block(128, 256, 2), Block(256, 256, 2),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(256, num_classes),
).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
loss_fn = nn.CrossEntropyLoss()
batch_size = 128

for epoch in range(4):
    model.train()
    perm = torch.randperm(len(x_train), device=device)
    for i in range(0, len(x_train), batch_size):
        idx = perm[i:i + batch_size]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        loss.backward()
        optimizer.step()

model.eval()
with torch.inference_mode():
    accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
torch.cuda.synchronize()
print("FRUGAL_RESULT " + json.dumps({"accuracy": round(accuracy, 4)}))

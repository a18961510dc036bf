"""ResNet-9 on CIFAR-10 with mixup, plain PyTorch."""
import argparse
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=100)
parser.add_argument("--batch-size", type=int, default=128)
parser.add_argument("--lr", type=float, default=0.05)
parser.add_argument("--mixup-alpha", type=float, default=0.2)
parser.add_argument("--data", default="data")
args = parser.parse_args()

torch.autograd.set_detect_anomaly(True)  # FRG105
device = "cuda"

MEAN, STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)


def conv_bn(c_in, c_out, pool=False):
    layers = [nn.Conv2d(c_in, c_out, kernel_size=3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True)]  # FRG110
    if pool:
        layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


class Residual(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(conv_bn(channels, channels), conv_bn(channels, channels))

    def forward(self, x):
        return x + self.body(x)


class ResNet9(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        # OK: bias disabled before the BatchNorm
        self.prep = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True))
        self.layer1 = nn.Sequential(conv_bn(64, 128, pool=True), Residual(128))
        self.layer2 = conv_bn(128, 256, pool=True)
        self.layer3 = nn.Sequential(conv_bn(256, 512, pool=True), Residual(512))
        self.head = nn.Sequential(nn.AdaptiveMaxPool2d(1), nn.Flatten(), nn.Linear(512, num_classes))

    def forward(self, x):
        return self.head(self.layer3(self.layer2(self.layer1(self.prep(x)))))


train_tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(MEAN, STD)])
test_tf = T.Compose([T.ToTensor(), T.Normalize(MEAN, STD)])
train_set = torchvision.datasets.CIFAR10(args.data, train=True, download=True, transform=train_tf)
test_set = torchvision.datasets.CIFAR10(args.data, train=False, download=True, transform=test_tf)
train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True)  # FRG106 FRG107
test_loader = DataLoader(test_set, batch_size=512, shuffle=False, num_workers=4, pin_memory=True)

model = ResNet9().to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4, nesterov=True)

os.makedirs("checkpoints", exist_ok=True)
best_acc = 0.0
for epoch in range(args.epochs):  # FRG101
    model.train()
    running_loss = 0.0
    for x, y in train_loader:
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        lam = float(np.random.beta(args.mixup_alpha, args.mixup_alpha))
        x_np = x.cpu().numpy()  # FRG115
        x_mixed = lam * x_np + (1.0 - lam) * x_np[::-1]
        x = torch.from_numpy(np.ascontiguousarray(x_mixed)).to(device)
        y_flip = y.flip(0)

        logits = model(x)
        loss = lam * F.cross_entropy(logits, y) + (1.0 - lam) * F.cross_entropy(logits, y_flip)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()  # FRG102
        optimizer.step()
        running_loss += loss.item()  # FRG111

    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in test_loader:
            x, y = x.to(device), y.to(device)
            correct += (model(x).argmax(dim=1) == y).sum().item()
    acc = correct / len(test_set)
    print(f"epoch {epoch:03d} loss {running_loss / len(train_loader):.4f} test acc {acc:.4f}")
    if acc > best_acc:
        best_acc = acc
        torch.save(model.state_dict(), "checkpoints/resnet9_best.pt")  # OK: checkpoint inside the loop

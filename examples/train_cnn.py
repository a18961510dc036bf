"""Train an image classifier on a folder of images (ImageFolder layout).

Expects data_dir/train/<class>/*.jpg and data_dir/val/<class>/*.jpg.

    python train_cnn.py --data-dir data/flowers --arch resnet50 --epochs 30
"""
import argparse
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import datasets, models, transforms

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def parse_args():
    p = argparse.ArgumentParser(description="Train an image classifier")
    p.add_argument("--data-dir", default="data/flowers")
    p.add_argument("--arch", choices=["resnet50", "small"], default="resnet50")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--out", default="checkpoints")
    return p.parse_args()


class SmallNet(nn.Module):
    """Compact VGG-style network for quick experiments on small images."""

    def __init__(self, num_classes: int):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(64),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
        )
        self.head = nn.Sequential(
            nn.AdaptiveAvgPool2d(1),
            nn.Flatten(),
            nn.Dropout(0.2),
            nn.Linear(64, num_classes),
        )

    def forward(self, x):
        return self.head(self.features(x))


def build_model(arch: str, num_classes: int) -> nn.Module:
    if arch == "resnet50":
        model = models.resnet50(weights=None)
        model.fc = nn.Linear(model.fc.in_features, num_classes)
        return model
    return SmallNet(num_classes)


def make_loaders(data_dir: str, batch_size: int):
    train_tf = transforms.Compose([
        transforms.RandomResizedCrop(224),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
    ])
    eval_tf = transforms.Compose([
        transforms.Resize(256),
        transforms.CenterCrop(224),
        transforms.ToTensor(),
        transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD),
    ])
    train_set = datasets.ImageFolder(os.path.join(data_dir, "train"), train_tf)
    val_set = datasets.ImageFolder(os.path.join(data_dir, "val"), eval_tf)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, drop_last=True)
    val_loader = DataLoader(val_set, batch_size=batch_size * 2, num_workers=4, pin_memory=True)
    return train_loader, val_loader, len(train_set.classes)


def train_one_epoch(model, loader, optimizer, device):
    model.train()
    running_loss = 0.0
    correct = torch.zeros(1).to(device)
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        optimizer.zero_grad(set_to_none=True)
        outputs = model(images)
        loss = F.cross_entropy(outputs, labels, label_smoothing=0.1)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
        correct += (outputs.argmax(dim=1) == labels).sum()
    n_seen = len(loader) * loader.batch_size
    return running_loss / len(loader), correct.item() / n_seen


def evaluate(model, loader, device, num_classes):
    model.eval()
    confusion = torch.zeros(num_classes, num_classes, dtype=torch.long, device=device)
    with torch.inference_mode():
        for images, labels in loader:
            images = images.to(device, non_blocking=True)
            labels = labels.to(device, non_blocking=True)
            preds = model(images).argmax(dim=1)
            confusion.index_put_((labels, preds), torch.ones_like(preds), accumulate=True)
    accuracy = confusion.diag().sum() / confusion.sum()
    return accuracy.item(), confusion.cpu()


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    # TODO: drop this once the NaN loss after warm-up is tracked down
    torch.autograd.set_detect_anomaly(True)
    torch.backends.cudnn.benchmark = True
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

    train_loader, val_loader, num_classes = make_loaders(args.data_dir, args.batch_size)
    model = build_model(args.arch, num_classes).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.05)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)

    best_acc = 0.0
    for epoch in range(args.epochs):
        start = time.time()
        train_loss, train_acc = train_one_epoch(model, train_loader, optimizer, device)
        val_acc, _ = evaluate(model, val_loader, device, num_classes)
        scheduler.step()
        print(f"epoch {epoch + 1:3d}  loss {train_loss:.4f}  train_acc {train_acc:.3f}  "
              f"val_acc {val_acc:.3f}  ({time.time() - start:.0f}s)")
        if val_acc > best_acc:
            best_acc = val_acc
            torch.save(model.state_dict(), os.path.join(args.out, f"{args.arch}_best.pt"))
    print(f"best validation accuracy: {best_acc:.3f}")


if __name__ == "__main__":
    main()

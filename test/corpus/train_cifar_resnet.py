"""Train a ResNet-18 on CIFAR-10.

Usage:
    python train_cifar_resnet.py --epochs 30 --batch-size 128 --lr 0.1
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.optim as optim
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

CIFAR_MEAN = (0.4914, 0.4822, 0.4465)
CIFAR_STD = (0.2470, 0.2435, 0.2616)


def get_args():
    p = argparse.ArgumentParser(description="CIFAR-10 ResNet baseline")
    p.add_argument("--data", default="./data")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--out", default="checkpoints/resnet18_cifar.pt")
    return p.parse_args()


def build_loaders(root, batch_size, workers):
    train_tf = T.Compose([
        T.RandomCrop(32, padding=4),
        T.RandomHorizontalFlip(),
        T.ToTensor(),
        T.Normalize(CIFAR_MEAN, CIFAR_STD),
    ])
    test_tf = T.Compose([T.ToTensor(), T.Normalize(CIFAR_MEAN, CIFAR_STD)])
    train_set = torchvision.datasets.CIFAR10(root, train=True, download=True, transform=train_tf)
    test_set = torchvision.datasets.CIFAR10(root, train=False, download=True, transform=test_tf)
    train_loader = DataLoader(train_set, batch_size=batch_size, shuffle=True, drop_last=True)  # FRG106 FRG107
    test_loader = DataLoader(test_set, batch_size=256, shuffle=False, num_workers=workers, pin_memory=True)  # OK
    return train_loader, test_loader


def build_model(num_classes=10):
    model = torchvision.models.resnet18(weights=None, num_classes=num_classes)  # FRG104
    # CIFAR images are 32x32: use a 3x3 stem and drop the max-pool
    model.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)  # OK: no bias
    model.maxpool = nn.Identity()
    return model


def train_one_epoch(model, loader, criterion, optimizer, scheduler, device, epoch):
    model.train()
    running_loss = 0.0
    train_preds, train_targets = [], []
    start = time.time()
    for step, (images, labels) in enumerate(loader):
        train_targets.append(labels)  # OK: the batch is still on the host
        images = images.to(device, non_blocking=True)
        labels = labels.to(device, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        outputs = model(images)
        loss = criterion(outputs, labels)
        loss.backward()  # FRG102
        optimizer.step()
        scheduler.step()
        running_loss += loss.item()  # FRG111
        train_preds.append(outputs.argmax(dim=1).cpu())  # ^FRG111  # the same loop's second sync: a related location
        if step % 100 == 0:
            lr = scheduler.get_last_lr()[0]
            print(f"epoch {epoch} step {step:4d} loss {loss.item():.4f} lr {lr:.4f}")  # OK: every 100 steps
    elapsed = time.time() - start
    train_acc = (torch.cat(train_preds) == torch.cat(train_targets)).float().mean()
    print(f"train accuracy {train_acc:.4f}")
    print(f"epoch {epoch} finished in {elapsed:.1f}s, mean loss {running_loss / len(loader):.4f}")


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    criterion = nn.CrossEntropyLoss()
    total_loss, correct = 0.0, 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        logits = model(images)  # OK: function is decorated with no_grad
        total_loss += criterion(logits, labels).item() * images.size(0)  # OK: evaluation, not training
        correct += (logits.argmax(dim=1) == labels).sum()
    acc = correct.double() / len(loader.dataset)  # OK: accuracy bookkeeping, not training in float64
    return total_loss / len(loader.dataset), acc.item()


def confusion_matrix(model, loader, device, num_classes=10):
    cm = torch.zeros(num_classes, num_classes, dtype=torch.long).to(device)  # OK: made once per call of a function run once; the copy is negligible
    model.eval()
    with torch.no_grad():
        for images, labels in loader:
            preds = model(images.to(device)).argmax(dim=1)
            for t, p in zip(labels.to(device), preds):  # FRG304
                cm[t, p] += 1
    return cm.cpu()


def main():
    args = get_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.backends.cudnn.benchmark = True

    train_loader, test_loader = build_loaders(args.data, args.batch_size, args.workers)
    model = build_model().to(device)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
    optimizer = optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4, nesterov=True)
    scheduler = optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=len(train_loader)
    )
    class_weights = torch.ones(10, device=device)  # OK: created on the device
    criterion.weight = class_weights

    best_acc = 0.0
    for epoch in range(args.epochs):
        train_one_epoch(model, train_loader, criterion, optimizer, scheduler, device, epoch)
        val_loss, val_acc = evaluate(model, test_loader, device)
        print(f"[val] epoch {epoch} loss {val_loss:.4f} acc {val_acc:.4f}")
        if val_acc > best_acc:
            best_acc = val_acc
            torch.save(model.state_dict(), args.out)

    cm = confusion_matrix(model, test_loader, device)
    print("best accuracy", best_acc)
    print(cm)


if __name__ == "__main__":
    main()

"""Ablation sweeps for the mixup paper appendix (CIFAR-10, ResNet-18).

`python cifar_ablation_sweep.py sweep` runs the learning-rate / weight-decay
table; `python cifar_ablation_sweep.py seeds` repeats the final setting over
seeds and datasets; `python cifar_ablation_sweep.py report` re-scores the best
checkpoint on both held-out splits.
"""
import argparse
import csv
import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import torch
import torch.nn.functional as F
import torchvision
from torch.utils.data import DataLoader
from torchvision import transforms as T

LEARNING_RATES = [0.05, 0.1, 0.2, 0.4]
SEEDS = [0, 1, 2]
OUT = Path("results/ablation")


def make_sets(name):
    cls = {"cifar10": torchvision.datasets.CIFAR10, "cifar100": torchvision.datasets.CIFAR100}[name]
    aug = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor()])
    return (cls("data", train=True, download=True, transform=aug),
            cls("data", train=False, download=True, transform=T.ToTensor()))


def mixup(x, y, alpha):
    lam = float(np.random.beta(alpha, alpha))
    perm = torch.randperm(x.size(0))  # FRG108
    perm = perm.to(x.device)
    return lam * x + (1 - lam) * x[perm], y, y[perm], lam


def evaluate(model, loader):
    model.eval()
    correct = total = 0
    for x, y in loader:
        logits = model(x.cuda(non_blocking=True))  # FRG401
        correct += (logits.argmax(1).cpu() == y).sum().item()
        total += y.numel()
    return correct / total


def run_training(cfg):
    torch.manual_seed(cfg.seed)
    train_set, test_set = make_sets(cfg.dataset)
    train_loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True, drop_last=True,
                              num_workers=cfg.workers, pin_memory=True, persistent_workers=True)
    test_loader = DataLoader(test_set, batch_size=512, num_workers=0, pin_memory=True)  # FRG106
    model = torchvision.models.resnet18(num_classes=len(train_set.classes)).cuda()
    model = model.to(memory_format=torch.channels_last)
    opt = torch.optim.SGD(model.parameters(), lr=cfg.lr, momentum=0.9, weight_decay=cfg.wd, nesterov=True)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=cfg.epochs * len(train_loader))
    running = torch.zeros((), device="cuda")
    for epoch in range(cfg.epochs):
        model.train()
        for step, (x, y) in enumerate(train_loader):
            x, y = x.cuda(non_blocking=True), y.cuda(non_blocking=True)
            xm, ya, yb, lam = mixup(x, y, cfg.alpha)
            with torch.autocast("cuda", dtype=torch.bfloat16):
                out = model(xm)
                loss = lam * F.cross_entropy(out, ya) + (1 - lam) * F.cross_entropy(out, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            running += loss.detach()
            if step % cfg.log_every == 0:
                print(f"[{cfg.tag}] epoch {epoch} step {step} loss {loss.item():.3f}")
        print(f"[{cfg.tag}] epoch {epoch} mean loss {running.item() / len(train_loader):.3f}")
        running.zero_()
    acc = evaluate(model, test_loader)
    torch.save({"model": model.state_dict(), "cfg": vars(cfg)}, OUT / f"{cfg.tag}.pt")
    return acc


def base_cfg(**kw):
    cfg = dict(seed=0, dataset="cifar10", lr=0.1, wd=5e-4, alpha=0.2, epochs=60,
               batch_size=256, workers=8, log_every=100, tag="base")
    cfg.update(kw)
    return SimpleNamespace(**cfg)


def sweep():
    rows = []
    for lr in LEARNING_RATES:  # FRG202
        for wd in (0.0, 1e-4, 5e-4):
            tag = f"lr{lr}_wd{wd}"
            rows.append({"lr": lr, "wd": wd, "acc": run_training(base_cfg(lr=lr, wd=wd, tag=tag))})
    with open(OUT / "sweep.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["lr", "wd", "acc"])
        writer.writeheader()
        writer.writerows(rows)


def seeds():
    results = {}
    for seed in SEEDS:
        for dataset in ("cifar10", "cifar100"):
            tag = f"{dataset}_s{seed}"
            results[tag] = run_training(base_cfg(seed=seed, dataset=dataset, tag=tag))
    (OUT / "seeds.json").write_text(json.dumps(results, indent=2))


def report():
    scores = {}
    _, test_set = make_sets("cifar10")
    splits = {"test": test_set, "test_flip": torchvision.datasets.CIFAR10(
        "data", train=False, transform=T.Compose([T.RandomHorizontalFlip(p=1.0), T.ToTensor()]))}
    for split in ("test", "test_flip"):
        ckpt = torch.load(OUT / "best.pt", map_location="cuda")  # FRG403
        model = torchvision.models.resnet18(num_classes=10).cuda()
        model.load_state_dict(ckpt["model"])
        loader = DataLoader(splits[split], batch_size=512, num_workers=4, pin_memory=True)
        with torch.inference_mode():
            scores[split] = evaluate(model, loader)
    print(json.dumps(scores, indent=2))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["sweep", "seeds", "report"])
    OUT.mkdir(parents=True, exist_ok=True)
    {"sweep": sweep, "seeds": seeds, "report": report}[ap.parse_args().mode]()

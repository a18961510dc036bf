"""Distributed ResNet-50 training on Food-101, launched with torchrun.

    torchrun --nproc_per_node=8 train_ddp_food101.py --data /datasets/food-101 --epochs 60
"""
import argparse
import os
import time

import torch
import torch.distributed as dist
import torch.nn as nn
import torchvision
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler
from torchvision import transforms
from torchvision.datasets import ImageFolder


def get_args():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/datasets/food-101")
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--lr", type=float, default=0.2)
    p.add_argument("--mixup", type=float, default=0.2)
    p.add_argument("--profile", action="store_true")
    p.add_argument("--out", default="checkpoints")
    return p.parse_args()


def setup():
    dist.init_process_group("nccl")
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    return local_rank, dist.get_rank(), dist.get_world_size()


def build_loaders(args, world_size, rank):
    normalize = transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
    train_tf = transforms.Compose([
        transforms.RandomResizedCrop(224),
        transforms.RandomHorizontalFlip(),
        transforms.TrivialAugmentWide(),
        transforms.ToTensor(),
        normalize,
    ])
    val_tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(), normalize])
    train_set = ImageFolder(os.path.join(args.data, "train"), transform=train_tf)
    val_set = ImageFolder(os.path.join(args.data, "val"), transform=val_tf)
    train_sampler = DistributedSampler(train_set, num_replicas=world_size, rank=rank, shuffle=True)
    val_sampler = DistributedSampler(val_set, num_replicas=world_size, rank=rank, shuffle=False)
    train_loader = DataLoader(  # FRG107
        train_set,
        batch_size=args.batch_size,
        sampler=train_sampler,
        num_workers=args.workers,  # OK: a computed worker count is left alone
        drop_last=True,
        persistent_workers=True,
    )
    val_loader = DataLoader(val_set, batch_size=256, sampler=val_sampler, num_workers=args.workers, pin_memory=True)  # OK: workers and pinned memory
    return train_loader, val_loader, train_sampler


def train_one_epoch(model, loader, criterion, optimizer, device, mixup_alpha):
    model.train()
    running = 0.0
    seen = 0
    start = time.time()
    for images, targets in loader:
        images = images.cuda(non_blocking=True)
        targets = targets.cuda(non_blocking=True)
        lam = torch.distributions.Beta(mixup_alpha, mixup_alpha).sample((images.size(0),))
        lam = lam.to(device).view(-1, 1, 1, 1)
        perm = torch.randperm(images.size(0)).cuda()  # FRG108
        mixed = lam * images + (1 - lam) * images[perm]
        output = model(mixed)
        lam_flat = lam.view(-1)
        loss = (lam_flat * criterion(output, targets) + (1 - lam_flat) * criterion(output, targets[perm])).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()  # FRG102
        optimizer.step()
        running += loss.item() * images.size(0)  # FRG111
        seen += images.size(0)
    return running / max(seen, 1), time.time() - start


@torch.no_grad()
def evaluate(model, loader, device):
    model.eval()
    correct = torch.zeros((), device=device)
    total = torch.zeros((), device=device)
    for images, targets in loader:
        images = images.to(device, non_blocking=True)
        targets = targets.to(device, non_blocking=True)
        logits = model(images)  # OK: evaluate() is decorated with torch.no_grad
        correct += (logits.argmax(1) == targets).sum()
        total += targets.numel()
    dist.all_reduce(correct)
    dist.all_reduce(total)
    return (correct / total).item()


def main():
    args = get_args()
    local_rank, rank, world_size = setup()
    device = torch.device(f"cuda:{local_rank}")
    train_loader, val_loader, train_sampler = build_loaders(args, world_size, rank)

    model = torchvision.models.resnet50(weights=None, num_classes=101)  # FRG104
    model = nn.SyncBatchNorm.convert_sync_batchnorm(model).to(device)
    model = DDP(model, device_ids=[local_rank])

    criterion = nn.CrossEntropyLoss(reduction="none", label_smoothing=0.1)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-5, nesterov=True)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
    os.makedirs(args.out, exist_ok=True)

    with torch.autograd.profiler.profile(enabled=args.profile) as prof:  # OK: profiler behind a non-literal enabled= switch
        for epoch in range(args.epochs):  # OK: cosine schedule sets the run length (early stopping); checkpoint saved every epoch (checkpointing)
            train_sampler.set_epoch(epoch)
            train_loss, secs = train_one_epoch(model, train_loader, criterion, optimizer, device, args.mixup)
            acc = evaluate(model, val_loader, device)
            scheduler.step()
            if rank == 0:
                print(f"epoch {epoch} loss {train_loss:.4f} top1 {acc:.4f} ({secs:.0f}s)")
                torch.save(
                    {"epoch": epoch, "model": model.module.state_dict(), "optimizer": optimizer.state_dict()},
                    os.path.join(args.out, "last.pt"),
                )
    if args.profile and rank == 0:
        print(prof.key_averages().table(sort_by="cuda_time_total", row_limit=20))
    dist.destroy_process_group()


if __name__ == "__main__":
    main()

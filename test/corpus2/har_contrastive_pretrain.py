"""Contrastive pre-training of a 1-D conv encoder on accelerometer windows (HAR).

Research code: a dataclass config exposed through argparse, an encoder registry,
a Trainer class with AMP, and a linear probe on frozen features.
"""
from __future__ import annotations

import argparse
import dataclasses
import logging
from dataclasses import dataclass, field
from typing import Callable, Dict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.linear_model import LogisticRegression
from torch.utils.data import DataLoader

from har_data import AugmentedPairs, WindowDataset

log = logging.getLogger("har.pretrain")


@dataclass
class Config:
    data_root: str = "data/uci_har"
    encoder: str = "tcn"
    in_channels: int = 6
    width: int = 128
    proj_dim: int = 64
    temperature: float = 0.2
    batch_size: int = 512
    epochs: int = 100
    lr: float = 3e-4
    workers: int = 8
    log_every: int = 50
    detect_anomaly: bool = False
    tags: list = field(default_factory=list)


ENCODERS: Dict[str, Callable[[Config], nn.Module]] = {}


def register(name: str):
    def wrap(fn):
        ENCODERS[name] = fn
        return fn
    return wrap


class Stem(nn.Module):
    def __init__(self, c_in: int, c_out: int):
        super().__init__()
        self.conv = nn.Conv1d(c_in, c_out, kernel_size=7, padding=3)  # FRG110
        self.bn = nn.BatchNorm1d(c_out)

    def forward(self, x):
        return F.gelu(self.bn(self.conv(x)))


def residual_block(width: int, dilation: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv1d(width, width, 3, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm1d(width),
        nn.GELU(),
        nn.Conv1d(width, width, 1),
        nn.GELU(),
        nn.BatchNorm1d(width),
    )


@register("tcn")
class TCNEncoder(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.stem = Stem(cfg.in_channels, cfg.width)
        self.blocks = nn.ModuleList([residual_block(cfg.width, d) for d in (1, 2, 4, 8)])
        self.head = nn.Sequential(nn.Linear(cfg.width, cfg.width), nn.ReLU(), nn.Linear(cfg.width, cfg.proj_dim))

    def features(self, x):
        h = self.stem(x)
        for block in self.blocks:
            h = h + block(h)
        return h.mean(dim=-1)

    def forward(self, x):
        return self.head(self.features(x))


def nt_xent(z1: torch.Tensor, z2: torch.Tensor, temperature: float) -> torch.Tensor:
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    n = z1.size(0)
    sim = z @ z.t() / temperature
    mask = torch.eye(2 * n, dtype=torch.bool, device=z.device)
    sim = sim.masked_fill(mask, float("-inf"))
    targets = torch.arange(n).to(z.device)  # FRG108
    targets = torch.cat([targets + n, targets])
    return F.cross_entropy(sim, targets)


class AverageMeter:
    def __init__(self):
        self.sum, self.count = 0.0, 0

    def update(self, value: float, n: int = 1):
        self.sum += value * n
        self.count += n

    @property
    def avg(self) -> float:
        return self.sum / max(self.count, 1)


class Trainer:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.device = torch.device("cuda")
        self.model = ENCODERS[cfg.encoder](cfg).to(self.device)
        self.opt = torch.optim.AdamW(self.model.parameters(), lr=cfg.lr, weight_decay=1e-4)
        self.scaler = torch.amp.GradScaler("cuda")
        self.meter = AverageMeter()
        torch.autograd.set_detect_anomaly(cfg.detect_anomaly)

    def train_epoch(self, loader: DataLoader) -> float:
        self.model.train()
        for step, (xa, xb) in enumerate(loader):
            xa = xa.to(self.device, non_blocking=True)
            xb = xb.to(self.device, non_blocking=True)
            with torch.autocast("cuda", dtype=torch.float16):
                loss = nt_xent(self.model(xa), self.model(xb), self.cfg.temperature)
            self.opt.zero_grad(set_to_none=True)
            self.scaler.scale(loss).backward()
            self.scaler.step(self.opt)
            self.scaler.update()
            self.meter.update(loss.item(), xa.size(0))  # FRG111
            if step % self.cfg.log_every == 0:
                log.info("step %d loss %.4f", step, loss.item())
        return self.meter.avg

    @torch.no_grad()
    def embed(self, loader: DataLoader):
        self.model.eval()
        feats, labels = [], []
        for x, y in loader:
            feats.append(self.model.features(x.to(self.device, non_blocking=True)).float().cpu())
            labels.append(y)
        return torch.cat(feats).numpy(), torch.cat(labels).numpy()


def main(argv=None):
    parser = argparse.ArgumentParser()
    for f in dataclasses.fields(Config):
        if f.type in ("int", "float", "str"):
            parser.add_argument(f"--{f.name.replace('_', '-')}", type=eval(f.type), default=f.default)
    cfg = Config(**vars(parser.parse_args(argv)))

    pairs = AugmentedPairs(cfg.data_root, split="train")
    train_loader = DataLoader(pairs, batch_size=cfg.batch_size, shuffle=True, drop_last=True,
                              num_workers=cfg.workers, pin_memory=True, persistent_workers=cfg.workers > 0)
    probe_train = DataLoader(WindowDataset(cfg.data_root, "train"), batch_size=1024, num_workers=cfg.workers)  # FRG107
    probe_test = DataLoader(WindowDataset(cfg.data_root, "test"), batch_size=1024,
                            num_workers=cfg.workers, pin_memory=True)

    trainer = Trainer(cfg)
    for epoch in range(cfg.epochs):
        avg = trainer.train_epoch(train_loader)
        log.info("epoch %d avg loss %.4f", epoch, avg)

    x_tr, y_tr = trainer.embed(probe_train)
    x_te, y_te = trainer.embed(probe_test)
    probe = LogisticRegression(max_iter=2000, C=0.5)
    probe.fit(x_tr, y_tr)
    log.info("linear probe accuracy %.4f", probe.score(x_te, y_te))
    np.save("probe_coef.npy", probe.coef_)


if __name__ == "__main__":
    main()

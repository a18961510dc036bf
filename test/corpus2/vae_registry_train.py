"""Convolutional VAE on a folder of face crops.

Models are looked up in a registry so the same script trains several variants
(`--model conv_vae`, `--model conv_vae_wide`). Config comes from a YAML file
merged with command-line overrides.
"""
import argparse
import math
import os
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import yaml
from torch.utils.data import DataLoader
from torchvision import transforms
from torchvision.datasets import ImageFolder
from torchvision.utils import save_image

MODEL_REGISTRY = {}


def register_model(name):
    def deco(cls):
        MODEL_REGISTRY[name] = cls
        return cls
    return deco


@dataclass
class TrainConfig:
    data_root: str
    out_dir: str = "runs/vae"
    model: str = "conv_vae"
    latent_dim: int = 128
    batch_size: int = 128
    epochs: int = 40
    lr: float = 2e-4
    beta: float = 1.0
    debug: bool = False


@register_model("conv_vae")
class ConvVAE(nn.Module):
    def __init__(self, latent_dim=128, width=32):
        super().__init__()
        self.latent_dim = latent_dim
        self.encoder = nn.Sequential(
            nn.Conv2d(3, width, 4, 2, 1),  # FRG110
            nn.BatchNorm2d(width),
            nn.LeakyReLU(0.2),
            nn.Conv2d(width, width * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(width * 2),
            nn.LeakyReLU(0.2),
            nn.Flatten(),
        )
        self.fc_mu = nn.Linear(width * 2 * 16 * 16, latent_dim)
        self.fc_logvar = nn.Linear(width * 2 * 16 * 16, latent_dim)
        self.fc_dec = nn.Linear(latent_dim, width * 2 * 16 * 16)
        self.decoder = nn.Sequential(
            nn.Unflatten(1, (width * 2, 16, 16)),
            nn.ConvTranspose2d(width * 2, width, 4, 2, 1, bias=False),
            nn.BatchNorm2d(width),
            nn.ReLU(),
            nn.ConvTranspose2d(width, 3, 4, 2, 1),
            nn.Sigmoid(),
        )

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        eps = torch.tensor(np.random.randn(*std.shape), dtype=std.dtype, device=std.device)  # FRG109
        return mu + eps * std

    def decode(self, z):
        return self.decoder(self.fc_dec(z))

    def forward(self, x):
        h = self.encoder(x)
        mu, logvar = self.fc_mu(h), self.fc_logvar(h)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


@register_model("conv_vae_wide")
class WideConvVAE(ConvVAE):
    def __init__(self, latent_dim=256):
        super().__init__(latent_dim=latent_dim, width=64)


def vae_loss(recon, x, mu, logvar, beta):
    rec = F.binary_cross_entropy(recon, x, reduction="sum") / x.size(0)
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / x.size(0)
    return rec + beta * kld


class VAETrainer:
    def __init__(self, cfg: TrainConfig):
        self.cfg = cfg
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.model = MODEL_REGISTRY[cfg.model](latent_dim=cfg.latent_dim).to(self.device)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=cfg.lr, betas=(0.5, 0.999))
        tf = transforms.Compose([transforms.Resize(64), transforms.CenterCrop(64), transforms.ToTensor()])
        self.train_loader = DataLoader(ImageFolder(os.path.join(cfg.data_root, "train"), transform=tf), batch_size=cfg.batch_size, shuffle=True)  # FRG106 FRG107
        self.val_loader = DataLoader(ImageFolder(os.path.join(cfg.data_root, "val"), transform=tf),
                                     batch_size=256, num_workers=4, pin_memory=True)
        if cfg.debug:
            torch.autograd.set_detect_anomaly(True)

    def train_epoch(self):
        self.model.train()
        total = 0.0
        for x, _ in self.train_loader:
            x = x.to(self.device, non_blocking=True)
            recon, mu, logvar = self.model(x)
            loss = vae_loss(recon, x, mu, logvar, self.cfg.beta)
            self.opt.zero_grad()
            loss.backward()  # FRG102
            self.opt.step()
            total += loss.item()  # FRG111
        return total / len(self.train_loader)

    def validate(self):
        self.model.eval()
        total, n = 0.0, 0
        for x, _ in self.val_loader:
            x = x.to(self.device)
            recon, mu, logvar = self.model(x)  # FRG401
            total += vae_loss(recon, x, mu, logvar, self.cfg.beta).item() * x.size(0)
            n += x.size(0)
        return total / n

    def sample_grid(self, path, n=64):
        self.model.eval()
        with torch.no_grad():
            z = torch.randn(n, self.cfg.latent_dim).to(self.device)  # FRG108
            save_image(self.model.decode(z), path, nrow=int(math.sqrt(n)))

    def fit(self):
        os.makedirs(self.cfg.out_dir, exist_ok=True)
        with torch.autograd.profiler.profile(use_cuda=True) as prof:  # FRG105
            first = self.train_epoch()
        print(prof.key_averages().table(sort_by="cuda_time_total", row_limit=15))
        print(f"epoch 0 train {first:.2f}")
        for epoch in range(1, self.cfg.epochs):
            train_loss = self.train_epoch()
            val_loss = self.validate()
            print(f"epoch {epoch} train {train_loss:.2f} val {val_loss:.2f}")
            self.sample_grid(os.path.join(self.cfg.out_dir, f"samples_{epoch:03d}.png"))
            torch.save(self.model.state_dict(), os.path.join(self.cfg.out_dir, "last.pt"))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("config")
    ap.add_argument("--override", nargs="*", default=[])
    args = ap.parse_args()
    with open(args.config) as fh:
        raw = yaml.safe_load(fh)
    for item in args.override:
        key, value = item.split("=", 1)
        raw[key] = yaml.safe_load(value)
    VAETrainer(TrainConfig(**raw)).fit()

"""Train a 1-D convolutional surrogate for a diffusion solver.

Double precision was switched on because the residuals are tiny, and anomaly detection was
switched on while chasing NaNs last month.
"""
import argparse
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader as DL
from torch.utils.data import TensorDataset

torch.set_default_dtype(torch.float64)  # FRG103
torch.autograd.set_detect_anomaly(True)  # FRG105


class ResBlock1d(nn.Module):
    def __init__(self, channels, kernel=5):
        super().__init__()
        self.conv1 = nn.Conv1d(channels, channels, kernel, padding=kernel // 2)  # FRG110
        self.bn1 = nn.BatchNorm1d(channels)
        self.conv2 = nn.Conv1d(channels, channels, kernel, padding=kernel // 2, bias=False)  # OK: no bias
        self.bn2 = nn.BatchNorm1d(channels)

    def forward(self, x):
        h = F.gelu(self.bn1(self.conv1(x)))
        h = self.bn2(self.conv2(h))
        return F.gelu(x + h)


class Surrogate(nn.Module):
    def __init__(self, width=64, depth=4):
        super().__init__()
        self.lift = nn.Conv1d(2, width, kernel_size=1)  # OK: not followed by batch norm
        self.blocks = nn.Sequential(*[ResBlock1d(width) for _ in range(depth)])
        self.proj = nn.Conv1d(width, 1, kernel_size=1)

    def forward(self, u0, grid):
        x = torch.stack([u0, grid], dim=1)
        return self.proj(self.blocks(self.lift(x))).squeeze(1)


def make_dataset(n_samples, n_points, n_modes=8, seed=0):
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 2.0 * math.pi, n_points, endpoint=False)
    k = np.arange(1, n_modes + 1)
    coeffs = rng.normal(size=(n_samples, n_modes)) / k
    modes = np.sin(np.outer(k, x))
    u0 = coeffs @ modes
    u1 = (coeffs * np.exp(-0.05 * k ** 2)) @ modes
    grid = np.broadcast_to(x, u0.shape).copy()
    return TensorDataset(torch.from_numpy(u0), torch.from_numpy(grid), torch.from_numpy(u1))  # OK: computed data


@torch.no_grad()
def relative_l2(model, loader, device):
    model.eval()
    errs = []
    for u0, grid, u1 in loader:
        u1 = u1.to(device)
        pred = model(u0.to(device), grid.to(device))  # OK: decorated with no_grad
        errs.append((torch.linalg.norm(pred - u1, dim=1) / torch.linalg.norm(u1, dim=1)).cpu())
    return torch.cat(errs).mean().item()


def sanity_check(model, batch, device, debug=False):
    if debug:
        torch.autograd.set_detect_anomaly(True)  # OK: behind a debug flag
        with torch.autograd.detect_anomaly():  # OK: behind a debug flag
            u0, grid, u1 = (t.to(device) for t in batch)
            F.mse_loss(model(u0, grid), u1).backward()
        torch.autograd.set_detect_anomaly(False)  # OK: switching it off


def train(args):
    device = torch.device("cuda")
    train_ds = make_dataset(args.n_samples, args.n_points)
    val_ds = make_dataset(512, args.n_points, seed=1)
    loader = DL(train_ds, batch_size=args.batch_size, shuffle=True, num_workers=args.workers, pin_memory=True)  # OK
    val_loader = DL(val_ds, batch_size=256, num_workers=args.workers, pin_memory=True)  # OK
    model = Surrogate(args.width, args.depth).double().to(device)  # ^FRG103  # follows from the default dtype above: a related location
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-5)
    noise_scale = torch.full((1,), 1e-3).cuda()  # FRG108
    sanity_check(model, next(iter(loader)), device, debug=args.debug)

    with torch.autograd.profiler.profile(use_cuda=True) as prof:  # FRG105
        for epoch in range(args.epochs):  # FRG101
            model.train()
            for u0, grid, u1 in loader:
                u0, grid, u1 = u0.to(device), grid.to(device), u1.to(device)
                u0 = u0 + noise_scale * torch.randn_like(u0)
                loss = F.mse_loss(model(u0, grid), u1)
                opt.zero_grad()
                loss.backward()  # FRG102
                opt.step()
                print(loss)  # FRG111
            if epoch % 10 == 0:
                print(f"epoch {epoch}: rel-L2 {relative_l2(model, val_loader, device):.3e}")
    print(prof.key_averages().table(sort_by="cuda_time_total", row_limit=15))
    torch.save(model.state_dict(), args.out)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--n-samples", type=int, default=8192)
    ap.add_argument("--n-points", type=int, default=256)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--epochs", type=int, default=200)
    ap.add_argument("--out", default="surrogate.pt")
    ap.add_argument("--debug", action="store_true")
    train(ap.parse_args())

"""DDPM on 64x64 anime faces with a small hand-written UNet (epsilon prediction)."""
import copy
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader
from torchvision import transforms
from torchvision.datasets import ImageFolder
from torchvision.utils import save_image

DATA_DIR = "data/anime_faces"
EPOCHS = 80
BATCH_SIZE = 128
T = 1000
device = "cuda" if torch.cuda.is_available() else "cpu"


def linear_beta_schedule(timesteps):
    return torch.linspace(1e-4, 0.02, timesteps, dtype=torch.float64)  # OK: float64 kept for the noise schedule (float64)


betas = linear_beta_schedule(T).float().to(device)
alphas = 1.0 - betas
alphas_cumprod = torch.cumprod(alphas, dim=0)


class TimeEmbedding(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.dim = dim
        self.proj = nn.Sequential(nn.Linear(dim, dim * 4), nn.SiLU(), nn.Linear(dim * 4, dim * 4))

    def forward(self, t):
        half = self.dim // 2
        freqs = torch.exp(-math.log(10000) * torch.arange(half, device=t.device) / half)
        args = t[:, None].float() * freqs[None]
        return self.proj(torch.cat([args.sin(), args.cos()], dim=-1))


class ResBlock(nn.Module):
    def __init__(self, c_in, c_out, t_dim):
        super().__init__()
        self.block1 = nn.Sequential(
            nn.Conv2d(c_in, c_out, 3, padding=1),  # FRG110
            nn.BatchNorm2d(c_out),
            nn.SiLU(),
        )
        self.t_proj = nn.Linear(t_dim, c_out)
        self.block2 = nn.Sequential(
            nn.Conv2d(c_out, c_out, kernel_size=3, padding=1),  # FRG110
            nn.BatchNorm2d(c_out),
            nn.SiLU(),
        )
        self.skip = nn.Conv2d(c_in, c_out, 1) if c_in != c_out else nn.Identity()  # OK: 1x1 skip not followed by BatchNorm

    def forward(self, x, temb):
        h = self.block1(x)
        h = h + self.t_proj(temb)[:, :, None, None]
        h = self.block2(h)
        return h + self.skip(x)


class UNet(nn.Module):
    def __init__(self, ch=(128, 256, 256, 512)):
        super().__init__()
        t_dim = 128
        self.temb = TimeEmbedding(t_dim)
        self.inp = nn.Conv2d(3, ch[0], 3, padding=1)
        self.down = nn.ModuleList([ResBlock(ch[i], ch[i + 1], t_dim * 4) for i in range(len(ch) - 1)])
        self.up = nn.ModuleList([ResBlock(ch[i + 1] * 2, ch[i], t_dim * 4) for i in reversed(range(len(ch) - 1))])
        self.out = nn.Conv2d(ch[0], 3, 3, padding=1)

    def forward(self, x, t):
        temb = self.temb(t)
        h = self.inp(x)
        skips = []
        for blk in self.down:
            h = blk(h, temb)
            skips.append(h)
            h = F.avg_pool2d(h, 2)
        for blk in self.up:
            h = F.interpolate(h, scale_factor=2, mode="nearest")
            h = blk(torch.cat([h, skips.pop()], dim=1), temb)
        return self.out(h)


tf = transforms.Compose([
    transforms.Resize(64),
    transforms.CenterCrop(64),
    transforms.RandomHorizontalFlip(),
    transforms.ToTensor(),
    transforms.Normalize([0.5] * 3, [0.5] * 3),
])
dataset = ImageFolder(DATA_DIR, transform=tf)
loader = DataLoader(dataset, batch_size=BATCH_SIZE, shuffle=True, num_workers=8, pin_memory=True, drop_last=True)  # OK: workers and pinned memory

model = UNet().to(device)
ema = copy.deepcopy(model).eval()
opt = torch.optim.AdamW(model.parameters(), lr=2e-4)
scaler = torch.cuda.amp.GradScaler()


@torch.no_grad()
def ema_update(decay=0.999):
    for p_ema, p in zip(ema.parameters(), model.parameters()):
        p_ema.mul_(decay).add_(p, alpha=1 - decay)


@torch.no_grad()
def sample(net, n=64):
    x = torch.randn(n, 3, 64, 64, device=device)
    for i in reversed(range(T)):
        t = torch.full((n,), i, device=device, dtype=torch.long)
        eps = net(x, t)
        a, ab, b = alphas[i], alphas_cumprod[i], betas[i]
        x = (x - b / torch.sqrt(1 - ab) * eps) / torch.sqrt(a)
        if i > 0:
            x = x + torch.sqrt(b) * torch.randn_like(x)
    return x.clamp(-1, 1)


os.makedirs("samples", exist_ok=True)
step = 0
for epoch in range(EPOCHS):  # OK: checkpoint written every 10 epochs (checkpointing); no validation and under 100 epochs (early stopping)
    for images, _ in loader:
        images = images.to(device, non_blocking=True)
        noise = torch.randn(images.shape).to(device)  # FRG108
        t = torch.randint(0, T, (images.size(0),)).to(device)  # FRG108
        ab = alphas_cumprod[t][:, None, None, None]
        noisy = ab.sqrt() * images + (1 - ab).sqrt() * noise
        with torch.autocast(device_type="cuda", dtype=torch.float16):
            loss = F.mse_loss(model(noisy, t), noise)
        opt.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()
        ema_update()
        step += 1
        if step % 500 == 0:
            print(f"step {step} loss {loss.item():.4f}")  # OK: sparse logging (host sync)
    if epoch % 10 == 9:
        save_image(sample(ema) * 0.5 + 0.5, f"samples/epoch_{epoch:03d}.png", nrow=8)
        torch.save({"model": model.state_dict(), "ema": ema.state_dict(), "opt": opt.state_dict(), "epoch": epoch}, "ddpm_ckpt.pt")

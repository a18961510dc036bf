"""DCGAN on CelebA (after the PyTorch tutorial), bf16 autocast, CUDA only."""
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
import torchvision.datasets as dset
import torchvision.transforms as transforms
import torchvision.utils as vutils
from torch.utils.data import DataLoader

parser = argparse.ArgumentParser()
parser.add_argument("--dataroot", default="data/celeba")
parser.add_argument("--num-epochs", type=int, default=25)
parser.add_argument("--lr", type=float, default=2e-4)
args = parser.parse_args()

workers = 2
batch_size = 128
image_size = 64
nc, nz, ngf, ndf = 3, 100, 64, 64
real_label, fake_label = 1.0, 0.0
device = torch.device("cuda:0")

dataset = dset.ImageFolder(
    root=args.dataroot,
    transform=transforms.Compose([
        transforms.Resize(image_size),
        transforms.CenterCrop(image_size),
        transforms.ToTensor(),
        transforms.Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)),
    ]),
)
dataloader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=workers)  # FRG107


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find("BatchNorm") != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False),  # OK: bias=False before BatchNorm
            nn.BatchNorm2d(ngf * 8),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False),
            nn.Tanh(),
        )

    def forward(self, x):
        return self.main(x)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1),  # FRG110
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 4),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 8),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 8, 1, 4, 1, 0, bias=False),
        )

    def forward(self, x):
        return self.main(x).view(-1)


netG = Generator().to(device)
netD = Discriminator().to(device)
netG.apply(weights_init)
netD.apply(weights_init)

criterion = nn.BCEWithLogitsLoss()
fixed_noise = torch.randn(64, nz, 1, 1, device=device)
optimizerD = optim.Adam(netD.parameters(), lr=args.lr, betas=(0.5, 0.999))
optimizerG = optim.Adam(netG.parameters(), lr=args.lr, betas=(0.5, 0.999))

G_losses, D_losses = [], []
for epoch in range(args.num_epochs):  # OK: GAN loop, no early stopping expected (early stopping); saves every epoch (checkpointing)
    for i, (real_cpu, _) in enumerate(dataloader):
        real = real_cpu.to(device)
        b_size = real.size(0)
        label = torch.from_numpy(np.full((b_size,), real_label, dtype=np.float32)).to(device)  # FRG109

        netD.zero_grad()
        with torch.autocast("cuda", dtype=torch.bfloat16):
            out_real = netD(real)
            errD_real = criterion(out_real.float(), label)
        errD_real.backward()
        noise = torch.randn(b_size, nz, 1, 1).to(device)  # FRG108
        with torch.autocast("cuda", dtype=torch.bfloat16):
            fake = netG(noise)
            out_fake = netD(fake.detach())
            errD_fake = criterion(out_fake.float(), label.fill_(fake_label))
        errD_fake.backward()
        optimizerD.step()

        netG.zero_grad()
        label.fill_(real_label)
        with torch.autocast("cuda", dtype=torch.bfloat16):
            errG = criterion(netD(fake).float(), label)
        errG.backward()
        optimizerG.step()

        D_losses.append((errD_real + errD_fake).item())  # FRG111
        G_losses.append(errG.item())
        if i % 50 == 0:
            print(f"[{epoch}/{args.num_epochs}][{i}/{len(dataloader)}] Loss_D {D_losses[-1]:.4f} Loss_G {G_losses[-1]:.4f}")
    torch.save({"G": netG.state_dict(), "D": netD.state_dict(), "epoch": epoch}, f"ckpt/dcgan_{epoch:02d}.pt")

with torch.no_grad():
    grid = vutils.make_grid(netG(fixed_noise).float().cpu(), padding=2, normalize=True)
vutils.save_image(grid, "dcgan_samples.png")
torch.save({"G": netG.state_dict(), "D": netD.state_dict()}, "dcgan_celeba.pt")

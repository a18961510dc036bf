"""Physics-informed network for the 1-D heat equation u_t = alpha * u_xx on [-1, 1] x [0, 1]."""
import argparse
import math

import numpy as np
import torch
import torch.nn as nn

parser = argparse.ArgumentParser()
parser.add_argument("--iters", type=int, default=30_000)
parser.add_argument("--debug", action="store_true")
args = parser.parse_args()

torch.set_default_dtype(torch.float64)  # FRG103
if args.debug:
    torch.autograd.set_detect_anomaly(True)  # OK: debug-only branch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
ALPHA = 0.1
N_F, N_B = 10_000, 256
grid_x = torch.tensor(np.linspace(-1, 1, 201)[:, None]).to(device)  # OK: module-level, converted once


def exact(x, t):
    return torch.exp(-(math.pi ** 2) * ALPHA * t) * torch.sin(math.pi * x)


class PINN(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(2, 128), nn.Tanh(),
            nn.Linear(128, 128), nn.Tanh(),
            nn.Linear(128, 128), nn.Tanh(),
            nn.Linear(128, 128), nn.Tanh(),
            nn.Linear(128, 128), nn.Tanh(),
            nn.Linear(128, 1),
        )

    def forward(self, x, t):
        return self.net(torch.cat([x, t], dim=1))


def pde_residual(model, x, t):
    x.requires_grad_(True)
    t.requires_grad_(True)
    u = model(x, t)
    u_t = torch.autograd.grad(u, t, torch.ones_like(u), create_graph=True)[0]
    u_x = torch.autograd.grad(u, x, torch.ones_like(u), create_graph=True)[0]
    u_xx = torch.autograd.grad(u_x, x, torch.ones_like(u_x), create_graph=True)[0]
    return u_t - ALPHA * u_xx


model = PINN().to(device)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)

for it in range(args.iters):  # OK: small model, random collocation points (no checkpoint needed)
    x_f = torch.rand(N_F, 1).to(device) * 2 - 1  # FRG108
    t_f = torch.rand(N_F, 1, device=device)
    t_b = torch.from_numpy(np.random.uniform(0.0, 1.0, (N_B, 1))).to(device)  # FRG109
    x_b = torch.where(torch.rand(N_B, 1, device=device) < 0.5, -1.0, 1.0)
    x_0 = torch.rand(N_B, 1, device=device) * 2 - 1
    loss = (
        pde_residual(model, x_f, t_f).pow(2).mean()
        + model(x_b, t_b).pow(2).mean()
        + (model(x_0, torch.zeros_like(x_0)) - exact(x_0, torch.zeros_like(x_0))).pow(2).mean()
    )
    opt.zero_grad()
    loss.backward()
    opt.step()
    if it % 1000 == 0:
        print(f"iter {it} loss {loss.item():.3e}")  # OK: logged every 1000 iterations

with torch.no_grad():
    t_eval = torch.full_like(grid_x, 0.5)
    err = (model(grid_x, t_eval) - exact(grid_x, t_eval)).abs().max()
print(f"max abs error at t=0.5: {err.item():.3e}")
torch.save(model.state_dict(), "pinn_heat.pt")

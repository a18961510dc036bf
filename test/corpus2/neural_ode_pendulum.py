"""Hamiltonian-style neural ODE for a damped pendulum (CPU only).

Trajectories are simulated with SciPy, the vector field is an MLP integrated
with a fixed-step RK4 scheme, and energy drift is checked on held-out rollouts.
"""
import argparse
import json

import numpy as np
import torch
import torch.nn as nn
from scipy.integrate import odeint

torch.set_default_dtype(torch.float64)  # FRG103


def pendulum(state, t, damping=0.05, g_over_l=9.81):
    q, p = state
    return [p, -g_over_l * np.sin(q) - damping * p]


def simulate(n_traj, t_np, rng):
    theta0s = rng.uniform(-2.5, 2.5, size=n_traj)
    trajs = []
    for theta0 in theta0s:
        trajs.append(odeint(pendulum, [theta0, 0.0], t_np))
    data = np.stack(trajs)
    noise = rng.normal(scale=1e-3, size=data.shape).astype(np.float64)
    return data + noise


class VectorField(nn.Module):
    def __init__(self, hidden=128):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(2, hidden), nn.Tanh(),
            nn.Linear(hidden, hidden), nn.Tanh(),
            nn.Linear(hidden, 2),
        )

    def forward(self, y):
        return self.net(y)


def rk4(f, y0, t):
    ys = [y0]
    y = y0
    for i in range(len(t) - 1):
        dt = t[i + 1] - t[i]
        k1 = f(y)
        k2 = f(y + 0.5 * dt * k1)
        k3 = f(y + 0.5 * dt * k2)
        k4 = f(y + dt * k3)
        y = y + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        ys.append(y)
    return torch.stack(ys, dim=1)


@torch.no_grad()
def rollout(model, y0, t):
    model.eval()
    state = y0
    states = [state]
    for i in range(len(t) - 1):
        dt = t[i + 1] - t[i]
        state = state + dt * model(state.unsqueeze(0)).squeeze(0)
        states.append(state)
    return torch.stack(states)


def energy_drift(pred: torch.Tensor) -> float:
    pred_np = pred.numpy()
    q, p = pred_np[:, 0], pred_np[:, 1]
    energy = 0.5 * p ** 2 - 9.81 * np.cos(q)
    drift = 0.0
    for e in energy:  # FRG304
        drift += (e - energy[0]) ** 2
    return drift / len(energy)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n-traj", type=int, default=256)
    ap.add_argument("--iters", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--horizon", type=int, default=20)
    args = ap.parse_args()

    rng = np.random.default_rng(0)
    t_np = np.linspace(0.0, 10.0, 200)
    data = torch.from_numpy(simulate(args.n_traj, t_np, rng))
    t = torch.from_numpy(t_np)
    t_eval = torch.from_numpy(np.linspace(0.0, 20.0, 400))  # FRG109

    model = VectorField().double()  # ^FRG103  # follows from the default dtype: a related location
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n_train = int(0.8 * len(data))
    train, test = data[:n_train], data[n_train:]

    for it in range(args.iters):
        idx = torch.randperm(n_train)[: args.batch]
        start = int(torch.randint(0, len(t) - args.horizon, (1,)))
        y0 = train[idx, start]
        target = train[idx, start:start + args.horizon]
        pred = rk4(model, y0, t[start:start + args.horizon])
        loss = ((pred - target) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if it % 100 == 0:
            print(f"iter {it} loss {loss.item():.3e}")

    drifts = [energy_drift(rollout(model, traj[0], t_eval)) for traj in test]
    correct = (torch.tensor(drifts) < 1e-2).sum()
    report = {"mean_drift": float(np.mean(drifts)), "stable_fraction": (correct.double() / len(drifts)).item()}
    with open("pendulum_report.json", "w") as fh:
        json.dump(report, fh, indent=2)


if __name__ == "__main__":
    main()

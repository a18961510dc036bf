"""PPO for LunarLander-v3 with vectorised envs (CleanRL-style single file)."""
import argparse
import time

import gymnasium as gym
import numpy as np
import torch
import torch.nn as nn
from torch.distributions.categorical import Categorical
from torch.utils.tensorboard import SummaryWriter

p = argparse.ArgumentParser()
p.add_argument("--env-id", default="LunarLander-v3")
p.add_argument("--total-timesteps", type=int, default=2_000_000)
p.add_argument("--num-envs", type=int, default=16)
p.add_argument("--num-steps", type=int, default=256)
p.add_argument("--update-epochs", type=int, default=4)
p.add_argument("--num-minibatches", type=int, default=8)
p.add_argument("--gamma", type=float, default=0.99)
p.add_argument("--gae-lambda", type=float, default=0.95)
p.add_argument("--clip-coef", type=float, default=0.2)
p.add_argument("--cuda", action="store_true", default=True)
args = p.parse_args()
batch_size = args.num_envs * args.num_steps
minibatch_size = batch_size // args.num_minibatches
num_updates = args.total_timesteps // batch_size

device = torch.device("cuda" if torch.cuda.is_available() and args.cuda else "cpu")
writer = SummaryWriter(f"runs/ppo_{args.env_id}_{int(time.time())}")


def layer_init(layer, std=np.sqrt(2), bias_const=0.0):
    nn.init.orthogonal_(layer.weight, std)
    nn.init.constant_(layer.bias, bias_const)
    return layer


class Agent(nn.Module):
    def __init__(self, envs):
        super().__init__()
        obs_dim = int(np.prod(envs.single_observation_space.shape))
        self.critic = nn.Sequential(layer_init(nn.Linear(obs_dim, 256)), nn.Tanh(), layer_init(nn.Linear(256, 256)), nn.Tanh(), layer_init(nn.Linear(256, 1), std=1.0))
        self.actor = nn.Sequential(layer_init(nn.Linear(obs_dim, 256)), nn.Tanh(), layer_init(nn.Linear(256, 256)), nn.Tanh(), layer_init(nn.Linear(256, envs.single_action_space.n), std=0.01))

    def get_value(self, x):
        return self.critic(x)

    def get_action_and_value(self, x, action=None):
        logits = self.actor(x)
        probs = Categorical(logits=logits)
        if action is None:
            action = probs.sample()
        return action, probs.log_prob(action), probs.entropy(), self.critic(x)


envs = gym.vector.SyncVectorEnv([lambda: gym.make(args.env_id) for _ in range(args.num_envs)])
agent = Agent(envs).to(device)
optimizer = torch.optim.Adam(agent.parameters(), lr=2.5e-4, eps=1e-5)

obs = torch.zeros((args.num_steps, args.num_envs) + envs.single_observation_space.shape).to(device)  # OK: module-level buffer, allocated once
actions = torch.zeros((args.num_steps, args.num_envs)).to(device)  # OK: allocated once
logprobs = torch.zeros((args.num_steps, args.num_envs), device=device)
rewards = torch.zeros((args.num_steps, args.num_envs), device=device)
dones = torch.zeros((args.num_steps, args.num_envs), device=device)
values = torch.zeros((args.num_steps, args.num_envs), device=device)

global_step = 0
next_obs, _ = envs.reset(seed=1)
next_obs = torch.Tensor(next_obs).to(device)
next_done = torch.zeros(args.num_envs, device=device)

for update in range(1, num_updates + 1):
    for step in range(args.num_steps):
        global_step += args.num_envs
        obs[step] = next_obs
        dones[step] = next_done
        with torch.no_grad():
            action, logprob, _, value = agent.get_action_and_value(next_obs)
            values[step] = value.flatten()
        actions[step] = action
        logprobs[step] = logprob
        next_obs, reward, term, trunc, infos = envs.step(action.cpu().numpy())  # OK: the simulator needs host data
        rewards[step] = torch.tensor(reward, device=device).view(-1)
        next_obs = torch.Tensor(next_obs).to(device)
        next_done = torch.Tensor(np.logical_or(term, trunc)).to(device)

    with torch.no_grad():
        next_value = agent.get_value(next_obs).reshape(1, -1)
        advantages = torch.zeros_like(rewards)
        lastgaelam = 0
        for t in reversed(range(args.num_steps)):  # OK: GAE is a recurrence over time steps
            nextnonterminal = 1.0 - (next_done if t == args.num_steps - 1 else dones[t + 1])
            nextvalues = next_value if t == args.num_steps - 1 else values[t + 1]
            delta = rewards[t] + args.gamma * nextvalues * nextnonterminal - values[t]
            advantages[t] = lastgaelam = delta + args.gamma * args.gae_lambda * nextnonterminal * lastgaelam
        returns = advantages + values

    b_obs = obs.reshape((-1,) + envs.single_observation_space.shape)
    b_logprobs = logprobs.reshape(-1)
    b_actions = actions.reshape(-1)
    b_advantages = advantages.reshape(-1)
    b_returns = returns.reshape(-1)
    b_inds = np.arange(batch_size)
    for epoch in range(args.update_epochs):
        np.random.shuffle(b_inds)
        for start in range(0, batch_size, minibatch_size):
            mb = b_inds[start:start + minibatch_size]
            _, newlogprob, entropy, newvalue = agent.get_action_and_value(b_obs[mb], b_actions.long()[mb])
            ratio = (newlogprob - b_logprobs[mb]).exp()
            adv = b_advantages[mb].cpu().numpy()  # FRG115
            adv = (adv - adv.mean()) / (adv.std() + 1e-8)
            mb_adv = torch.from_numpy(adv).to(device)
            pg_loss = torch.max(-mb_adv * ratio, -mb_adv * torch.clamp(ratio, 1 - args.clip_coef, 1 + args.clip_coef)).mean()
            v_loss = 0.5 * ((newvalue.view(-1) - b_returns[mb]) ** 2).mean()
            loss = pg_loss - 0.01 * entropy.mean() + 0.5 * v_loss
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(agent.parameters(), 0.5)
            optimizer.step()

    writer.add_scalar("losses/value_loss", v_loss.item(), global_step)  # OK: the loop steps an environment
    writer.add_scalar("losses/policy_loss", pg_loss.item(), global_step)
    if update % 50 == 0:
        torch.save({"agent": agent.state_dict(), "optimizer": optimizer.state_dict(), "update": update}, "runs/ppo_ckpt.pt")

torch.save(agent.state_dict(), f"runs/ppo_{args.env_id}.pt")
envs.close()

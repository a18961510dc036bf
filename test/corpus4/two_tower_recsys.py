"""Two-tower retrieval model on implicit feedback (hashed user/item features), CUDA."""
import hashlib

import numpy as np
import pandas as pd
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

HASH_BUCKETS = 2 ** 20
EMB = 64
EPOCHS = 8
device = torch.device("cuda")


def bucket(value: str) -> int:
    return int(hashlib.md5(value.encode()).hexdigest()[:8], 16) % HASH_BUCKETS


class InteractionDataset(Dataset):
    def __init__(self, path):
        self.df = pd.read_parquet(path)

    def __len__(self):
        return len(self.df)

    def __getitem__(self, idx):
        row = self.df.iloc[idx]
        user = [bucket(f"u:{row.user_id}"), bucket(f"geo:{row.country}"), bucket(f"dev:{row.device}")]
        item = [bucket(f"i:{row.item_id}"), bucket(f"cat:{row.category}"), bucket(f"brand:{row.brand}")]
        return torch.tensor(user), torch.tensor(item)


class Tower(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.EmbeddingBag(HASH_BUCKETS, EMB, mode="sum")
        self.mlp = nn.Sequential(nn.Linear(EMB, 256), nn.ReLU(), nn.Linear(256, EMB))

    def forward(self, ids):
        return F.normalize(self.mlp(self.emb(ids)), dim=-1)


class TwoTower(nn.Module):
    def __init__(self):
        super().__init__()
        self.user_tower = Tower()
        self.item_tower = Tower()
        self.log_temp = nn.Parameter(torch.tensor(np.log(1 / 0.05), dtype=torch.float32))

    def forward(self, users, items):
        u = self.user_tower(users)
        v = self.item_tower(items)
        return u @ v.T * self.log_temp.exp()


train_loader = DataLoader(InteractionDataset("data/interactions_train.parquet"), batch_size=4096, shuffle=True, drop_last=True)  # FRG106 FRG107
catalog = pd.read_parquet("data/catalog.parquet")
catalog_ids = torch.tensor(
    [[bucket(f"i:{r.item_id}"), bucket(f"cat:{r.category}"), bucket(f"brand:{r.brand}")] for r in catalog.itertuples()]
)

model = TwoTower().to(device)
opt = torch.optim.Adagrad(model.parameters(), lr=0.05)
scaler = torch.amp.GradScaler("cuda")


def train_epoch(epoch):
    model.train()
    for step, (users, items) in enumerate(train_loader):
        users, items = users.to(device, non_blocking=True), items.to(device, non_blocking=True)
        with torch.autocast("cuda", dtype=torch.float16):
            logits = model(users, items)
            labels = torch.arange(logits.size(0), device=device)
            loss = F.cross_entropy(logits, labels)
        opt.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()
        if step % 200 == 0:
            print(f"epoch {epoch} step {step} loss {loss.item():.4f}")


@torch.no_grad()
def embed_catalog():
    model.eval()
    item_embs = torch.empty(0, EMB, device=device)
    for start in range(0, len(catalog_ids), 8192):
        chunk = catalog_ids[start:start + 8192].to(device)
        item_embs = torch.cat([item_embs, model.item_tower(chunk)])  # FRG305
    return item_embs


with torch.autograd.profiler.profile(use_cuda=True) as prof:  # FRG105
    train_epoch(0)
print(prof.key_averages().table(sort_by="self_cuda_time_total", row_limit=15))

for epoch in range(1, EPOCHS):
    train_epoch(epoch)
    torch.save(model.state_dict(), f"ckpt/two_tower_e{epoch}.pt")

embs = embed_catalog()
np.save("artifacts/item_embeddings.npy", embs.float().cpu().numpy())

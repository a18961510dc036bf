"""Fine-tune a DeBERTa-v3 cross-encoder reranker on (query, passage, label) triples."""
import json

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

MODEL = "microsoft/deberta-v3-base"
EPOCHS = 3
device = torch.device("cuda")


class PairDataset(Dataset):
    def __init__(self, path, tokenizer, max_len=384):
        with open(path) as fh:
            rows = [json.loads(l) for l in fh]
        self.queries = [r["query"] for r in rows]
        self.passages = [r["passage"] for r in rows]
        self.labels = [float(r["label"]) for r in rows]
        self.tokenizer = tokenizer
        self.max_len = max_len

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        enc = self.tokenizer(self.queries[idx], self.passages[idx], truncation="only_second", max_length=self.max_len, padding="max_length", return_tensors="pt")  # FRG114
        item = {k: v.squeeze(0) for k, v in enc.items()}
        item["labels"] = torch.tensor(self.labels[idx])
        return item


tokenizer = AutoTokenizer.from_pretrained(MODEL)
train_ds = PairDataset("data/msmarco_triples_train.jsonl", tokenizer)
dev_ds = PairDataset("data/msmarco_triples_dev.jsonl", tokenizer)
train_loader = DataLoader(train_ds, batch_size=32, shuffle=True, num_workers=4, pin_memory=True)
dev_loader = DataLoader(dev_ds, batch_size=128, num_workers=4, pin_memory=True)

model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=1).to(device)
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5, weight_decay=0.01)
scheduler = get_linear_schedule_with_warmup(optimizer, 500, EPOCHS * len(train_loader))


@torch.inference_mode()
def dev_loss():
    model.eval()
    total = torch.zeros((), device=device)
    for batch in dev_loader:
        batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
        labels = batch.pop("labels")
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits = model(**batch).logits.squeeze(-1)
        total += F.binary_cross_entropy_with_logits(logits.float(), labels)
    return (total / len(dev_loader)).item()


for epoch in range(EPOCHS):
    model.train()
    for step, batch in enumerate(train_loader):
        batch = {k: v.to(device, non_blocking=True) for k, v in batch.items()}
        labels = batch.pop("labels")
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits = model(**batch).logits.squeeze(-1)
            loss = F.binary_cross_entropy_with_logits(logits.float(), labels)
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        if step % 200 == 0:
            print(f"epoch {epoch} step {step} loss {loss.item():.4f}")
    print(f"epoch {epoch} dev loss {dev_loss():.4f}")
    model.save_pretrained(f"ckpt/reranker-epoch{epoch}")
    tokenizer.save_pretrained(f"ckpt/reranker-epoch{epoch}")

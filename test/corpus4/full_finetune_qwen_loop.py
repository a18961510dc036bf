"""Full-parameter fine-tune of Qwen2.5-1.5B on SQL question/answer pairs, plain PyTorch loop."""
import json
import math
import random

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, get_cosine_schedule_with_warmup

MODEL_NAME = "Qwen/Qwen2.5-1.5B"
EPOCHS = 3
BATCH = 8
LR = 1e-5
device = torch.device("cuda")

with open("data/text2sql_train.jsonl") as fh:
    records = [json.loads(line) for line in fh]
texts = [f"-- question: {r['question']}\n-- schema: {r['schema']}\n{r['sql']}" for r in records]
random.Random(0).shuffle(texts)

tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
tokenizer.padding_side = "right"
model = AutoModelForCausalLM.from_pretrained(MODEL_NAME, torch_dtype=torch.bfloat16).to(device)
model.gradient_checkpointing_enable()
model.train()

optimizer = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.0)
steps_per_epoch = math.ceil(len(texts) / BATCH)
scheduler = get_cosine_schedule_with_warmup(optimizer, 100, EPOCHS * steps_per_epoch)

step = 0
for epoch in range(EPOCHS):
    for i in range(0, len(texts), BATCH):
        enc = tokenizer(texts[i:i + BATCH], padding=True, truncation=True, max_length=768, return_tensors="pt").to(device)  # FRG114
        labels = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = model(**enc, labels=labels).loss
        loss.backward()  # FRG112
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        if step % 50 == 0:
            print(f"epoch {epoch} step {step} loss {loss.item():.4f}")  # OK: logging every 50 steps only (host sync)
    model.save_pretrained(f"ckpt/qwen-sql-epoch{epoch}")

tokenizer.save_pretrained("ckpt/final")
model.save_pretrained("ckpt/final")

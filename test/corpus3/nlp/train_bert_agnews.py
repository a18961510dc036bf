"""Fine-tune BERT on AG News (4 topics) with a plain PyTorch loop and AMP."""
import random

import torch
from datasets import load_dataset
from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

MODEL_NAME = "bert-base-uncased"  # FRG409
EPOCHS = 4
BATCH_SIZE = 32
MAX_LEN = 128
LR = 2e-5

device = torch.device("cuda")


def main():
    random.seed(13)
    raw = load_dataset("fancyzhx/ag_news")
    train_pairs = list(zip(raw["train"]["text"], raw["train"]["label"]))
    test_pairs = list(zip(raw["test"]["text"], raw["test"]["label"]))

    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, num_labels=4).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01)
    steps_per_epoch = (len(train_pairs) + BATCH_SIZE - 1) // BATCH_SIZE
    scheduler = get_linear_schedule_with_warmup(optimizer, int(0.06 * EPOCHS * steps_per_epoch), EPOCHS * steps_per_epoch)
    scaler = torch.amp.GradScaler("cuda")

    for epoch in range(EPOCHS):
        model.train()
        random.shuffle(train_pairs)
        for start in range(0, len(train_pairs), BATCH_SIZE):
            step = start // BATCH_SIZE
            texts, labels = zip(*train_pairs[start:start + BATCH_SIZE])
            enc = tokenizer(list(texts), padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt").to(device)  # FRG114
            labels_t = torch.tensor(labels, device=device)

            optimizer.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.float16):
                out = model(**enc, labels=labels_t)
            scaler.scale(out.loss).backward()
            scaler.step(optimizer)
            scaler.update()
            scheduler.step()
            if step % 200 == 0:  # OK: logging every 200 steps
                print(f"epoch {epoch} step {step}/{steps_per_epoch} loss {out.loss.item():.4f}")

    model.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(test_pairs), 256):
            texts, labels = zip(*test_pairs[start:start + 256])
            enc = tokenizer(list(texts), padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt").to(device)
            with torch.autocast("cuda", dtype=torch.float16):
                logits = model(**enc).logits
            correct += (logits.argmax(dim=-1).cpu() == torch.tensor(labels)).sum().item()
    print(f"test accuracy: {correct / len(test_pairs):.4f}")

    model.save_pretrained("checkpoints/bert-agnews")
    tokenizer.save_pretrained("checkpoints/bert-agnews")


if __name__ == "__main__":
    main()

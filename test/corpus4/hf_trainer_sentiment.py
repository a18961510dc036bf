#!/usr/bin/env python
"""Fine-tune a BERT classifier on product reviews with the Hugging Face Trainer."""
import numpy as np
import pandas as pd
import torch
from datasets import Dataset
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)

BASE_MODEL = "bert-base-uncased"  # FRG409
OUTPUT_DIR = "runs/reviews-bert"
MAX_LEN = 256

if not torch.cuda.is_available():
    raise SystemExit("this recipe expects a CUDA GPU")

reviews = pd.read_csv("data/amazon_reviews_2023_electronics.csv")  # FRG307
reviews = reviews[reviews["rating"] != 3]
texts = reviews["review_body"].fillna("").tolist()
labels = (reviews["rating"] > 3).astype(int).tolist()
tr_x, va_x, tr_y, va_y = train_test_split(texts, labels, test_size=0.1, random_state=13, stratify=labels)

tokenizer = AutoTokenizer.from_pretrained(BASE_MODEL)


def tokenize(batch):
    return tokenizer(batch["text"], truncation=True, max_length=MAX_LEN)


train_ds = Dataset.from_dict({"text": tr_x, "label": tr_y}).map(tokenize, batched=True, remove_columns=["text"])  # OK: tokenised once, before training
val_ds = Dataset.from_dict({"text": va_x, "label": va_y}).map(tokenize, batched=True, remove_columns=["text"])

model = AutoModelForSequenceClassification.from_pretrained(
    BASE_MODEL,
    num_labels=2,
    id2label={0: "negative", 1: "positive"},
    label2id={"negative": 0, "positive": 1},
)


def compute_metrics(eval_pred):
    logits, y = eval_pred
    pred = np.argmax(logits, axis=-1)
    return {"accuracy": accuracy_score(y, pred), "f1": f1_score(y, pred)}


args = TrainingArguments(  # FRG102
    output_dir=OUTPUT_DIR,
    num_train_epochs=3,  # OK: short fine-tune, no early stopping needed (early stopping)
    learning_rate=2e-5,
    per_device_train_batch_size=32,
    per_device_eval_batch_size=64,
    warmup_ratio=0.06,
    weight_decay=0.01,
    eval_strategy="epoch",
    save_strategy="epoch",
    logging_steps=50,
    dataloader_num_workers=4,
    report_to="none",
)

trainer = Trainer(
    model=model,
    args=args,
    train_dataset=train_ds,
    eval_dataset=val_ds,
    tokenizer=tokenizer,
    data_collator=DataCollatorWithPadding(tokenizer),
    compute_metrics=compute_metrics,
)
trainer.train()
print(trainer.evaluate())
trainer.save_model(OUTPUT_DIR)

"""Fine-tune DistilBERT for review sentiment with the Hugging Face Trainer.

    python finetune_bert.py --output-dir runs/sentiment --epochs 10
"""
import argparse
import json

import evaluate
import numpy as np
import torch
from datasets import load_dataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
    pipeline,
)

MODEL_NAME = "distilbert-base-uncased"
MAX_LENGTH = 256
LABELS = {0: "negative", 1: "positive"}

accuracy = evaluate.load("accuracy")
f1 = evaluate.load("f1")


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--output-dir", default="runs/sentiment")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--lr", type=float, default=2e-5)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--sample-file", default="data/sample_reviews.jsonl")
    return p.parse_args()


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    preds = np.argmax(logits, axis=-1)
    return {
        **accuracy.compute(predictions=preds, references=labels),
        **f1.compute(predictions=preds, references=labels),
    }


def prepare_data(tokenizer):
    raw = load_dataset("imdb")
    split = raw["train"].train_test_split(test_size=0.1, seed=13)

    def tokenize(batch):
        return tokenizer(batch["text"], truncation=True, max_length=MAX_LENGTH)

    train = split["train"].map(tokenize, batched=True, remove_columns=["text"])
    validation = split["test"].map(tokenize, batched=True, remove_columns=["text"])
    return train, validation


def spot_check(model_dir, texts):
    """Print predictions for a handful of hand-written reviews."""
    device = 0 if torch.cuda.is_available() else -1
    clf = pipeline("text-classification", model=model_dir, device=device)
    for text in texts:
        result = clf(text)[0]
        print(f"{result['label']:>9} {result['score']:.3f}  {text[:60]}")


def score_file(model_dir, path, batch_size=64):
    """Score a JSONL file of reviews and return (text, label, score) tuples."""
    device = 0 if torch.cuda.is_available() else -1
    clf = pipeline("text-classification", model=model_dir, device=device)
    with open(path) as fh:
        texts = [json.loads(line)["text"] for line in fh]
    results = clf(texts, batch_size=batch_size, truncation=True)
    return [(t, r["label"], r["score"]) for t, r in zip(texts, results)]


def main():
    args = parse_args()
    if torch.cuda.is_available():
        print("training on", torch.cuda.get_device_name(0))

    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    model = AutoModelForSequenceClassification.from_pretrained(
        MODEL_NAME, num_labels=2, id2label=LABELS, label2id={v: k for k, v in LABELS.items()}
    )
    train_ds, val_ds = prepare_data(tokenizer)

    training_args = TrainingArguments(
        output_dir=args.output_dir,
        num_train_epochs=args.epochs,
        learning_rate=args.lr,
        per_device_train_batch_size=args.batch_size,
        per_device_eval_batch_size=args.batch_size * 2,
        weight_decay=0.01,
        warmup_ratio=0.06,
        eval_strategy="epoch",
        save_strategy="epoch",
        save_total_limit=2,
        load_best_model_at_end=True,
        metric_for_best_model="f1",
        logging_steps=50,
        report_to="none",
    )
    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=train_ds,
        eval_dataset=val_ds,
        processing_class=tokenizer,
        data_collator=DataCollatorWithPadding(tokenizer),
        compute_metrics=compute_metrics,
    )
    trainer.train()
    print(trainer.evaluate())
    trainer.save_model(args.output_dir)

    spot_check(args.output_dir, [
        "Absolutely loved it, the cast was brilliant.",
        "Two hours I will never get back.",
        "Not bad, but the ending dragged on far too long.",
    ])
    scored = score_file(args.output_dir, args.sample_file)
    print(f"scored {len(scored)} sample reviews")


if __name__ == "__main__":
    main()

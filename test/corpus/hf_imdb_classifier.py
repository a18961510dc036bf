"""Fine-tune DistilRoBERTa on IMDB sentiment with the Hugging Face Trainer."""
import argparse

import evaluate
import numpy as np
import torch
from datasets import load_dataset
from transformers import (
    AutoConfig,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)

MODEL_NAME = "distilroberta-base"
device = "cuda" if torch.cuda.is_available() else "cpu"
accuracy = evaluate.load("accuracy")


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--output-dir", default="out/imdb-distilroberta")
    p.add_argument("--from-scratch", action="store_true", help="random init (ablation)")
    p.add_argument("--epochs", type=float, default=3)
    return p.parse_args()


def tokenize_dataset(tokenizer, max_length=256):
    raw = load_dataset("imdb")

    def encode(batch):
        return tokenizer(batch["text"], truncation=True, max_length=max_length)

    return raw.map(encode, batched=True, remove_columns=["text"])


def build_model(from_scratch=False):
    if from_scratch:
        config = AutoConfig.from_pretrained(MODEL_NAME, num_labels=2)
        return AutoModelForSequenceClassification.from_config(config)  # OK: the --from-scratch baseline beside the pretrained run
    return AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, num_labels=2)  # OK


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    preds = np.argmax(logits, axis=-1)  # OK: vectorised over the whole eval set
    return accuracy.compute(predictions=preds, references=labels)


def predict_texts(model, tokenizer, texts):
    model.eval()
    enc = tokenizer(texts, padding=True, truncation=True, return_tensors="pt").to(device)
    logits = model(**enc).logits  # FRG401
    return logits.softmax(dim=-1).cpu().numpy()


@torch.no_grad()
def score_reviews(model, tokenizer, reviews):
    model.eval()
    scores = []
    for start in range(0, len(reviews), 64):
        chunk = reviews[start:start + 64]
        enc = tokenizer(chunk, padding=True, truncation=True, return_tensors="pt").to(device)
        scores.extend(model(**enc).logits.softmax(-1)[:, 1].tolist())  # OK: batches of 64
    return scores


def main():
    args = parse_args()
    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)
    ds = tokenize_dataset(tokenizer)
    model = build_model(args.from_scratch)

    training_args = TrainingArguments(  # FRG102
        output_dir=args.output_dir,
        eval_strategy="epoch",
        save_strategy="epoch",
        learning_rate=2e-5,
        per_device_train_batch_size=32,
        per_device_eval_batch_size=64,
        num_train_epochs=args.epochs,
        weight_decay=0.01,
        load_best_model_at_end=True,
        metric_for_best_model="accuracy",
        dataloader_num_workers=4,
        report_to="none",
    )
    trainer = Trainer(  # OK: the default 3 epochs (--epochs), a short fine-tune
        model=model,
        args=training_args,
        train_dataset=ds["train"],
        eval_dataset=ds["test"],
        tokenizer=tokenizer,
        data_collator=DataCollatorWithPadding(tokenizer),
        compute_metrics=compute_metrics,
    )
    trainer.train()
    print(trainer.evaluate())
    trainer.save_model(args.output_dir)

    samples = ["A wonderful, moving film.", "Two hours I will never get back."]
    print(predict_texts(model, tokenizer, samples))
    print(score_reviews(model, tokenizer, samples))


if __name__ == "__main__":
    main()

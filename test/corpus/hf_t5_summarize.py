"""Summarisation with T5: fine-tuning, ROUGE evaluation and a small report generator."""
import json
import sys

import evaluate
import torch
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import (
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    DataCollatorForSeq2Seq,
    EarlyStoppingCallback,
    Seq2SeqTrainer,
    Seq2SeqTrainingArguments,
    T5Config,
    T5ForConditionalGeneration,
    pipeline,
)

CHECKPOINT = "google/flan-t5-small"
use_cuda = torch.cuda.is_available()
tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
summarizer = pipeline("summarization", model=CHECKPOINT, device=0 if use_cuda else -1)  # OK: module level
rouge = evaluate.load("rouge")


def preprocess(batch):
    inputs = tokenizer(["summarize: " + d for d in batch["article"]], max_length=512, truncation=True)
    labels = tokenizer(text_target=batch["highlights"], max_length=128, truncation=True)
    inputs["labels"] = labels["input_ids"]
    return inputs


def finetune(train_ds, val_ds):
    model = AutoModelForSeq2SeqLM.from_pretrained(CHECKPOINT)  # OK: pretrained
    args = Seq2SeqTrainingArguments(  # OK: bf16 requested
        output_dir="out/flan-t5-cnn",
        eval_strategy="steps",
        eval_steps=500,
        save_steps=500,
        learning_rate=3e-4,
        per_device_train_batch_size=16,
        num_train_epochs=5,
        predict_with_generate=True,
        bf16=torch.cuda.is_bf16_supported(),
        load_best_model_at_end=True,
        metric_for_best_model="eval_loss",
    )
    trainer = Seq2SeqTrainer(  # OK: early stopping callback
        model=model,
        args=args,
        train_dataset=train_ds,
        eval_dataset=val_ds,
        data_collator=DataCollatorForSeq2Seq(tokenizer, model=model),
        callbacks=[EarlyStoppingCallback(early_stopping_patience=3)],
    )
    trainer.train()
    return trainer.model


def tiny_student():
    # a 4-layer student distilled from flan-t5; no checkpoint exists for this shape
    config = T5Config(d_model=256, d_ff=1024, num_layers=4, num_heads=4, vocab_size=tokenizer.vocab_size)
    return T5ForConditionalGeneration(config)  # OK: custom architecture, not from_config of a hub model


def rouge_eval(model, val_ds, batch_size=32):
    device = torch.device("cuda" if use_cuda else "cpu")
    model.to(device).eval()
    collate = DataCollatorForSeq2Seq(tokenizer, model=model)
    loader = DataLoader(val_ds, batch_size=batch_size, collate_fn=collate, num_workers=4)  # OK: token-id batches of a few kilobytes; pinning saves nothing measurable
    preds, refs = [], []
    for batch in loader:
        batch = {k: v.to(device) for k, v in batch.items()}
        with torch.inference_mode():
            out = model.generate(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], max_new_tokens=128)
        preds.extend(tokenizer.batch_decode(out, skip_special_tokens=True))
        labels = batch["labels"].masked_fill(batch["labels"] == -100, tokenizer.pad_token_id)
        refs.extend(tokenizer.batch_decode(labels, skip_special_tokens=True))
    return rouge.compute(predictions=preds, references=refs)


def summarize_reports(docs):
    results = []
    for doc in docs:
        results.append(summarizer(doc, max_length=128, min_length=20)[0]["summary_text"])  # FRG404
    return results


def summarize_reports_batched(docs):
    outputs = summarizer(docs, max_length=128, min_length=20, batch_size=16)  # OK: one batched call
    return [o["summary_text"] for o in outputs]


if __name__ == "__main__":
    raw = load_dataset("cnn_dailymail", "3.0.0")
    cols = raw["train"].column_names
    train_ds = raw["train"].select(range(20000)).map(preprocess, batched=True, remove_columns=cols)
    val_ds = raw["validation"].select(range(1000)).map(preprocess, batched=True, remove_columns=cols)
    model = finetune(train_ds, val_ds)
    print(json.dumps(rouge_eval(model, val_ds), indent=2))
    if len(sys.argv) > 1:
        with open(sys.argv[1]) as fh:
            docs = [line.strip() for line in fh if line.strip()]
        print("\n\n".join(summarize_reports_batched(docs)))

"""Clinical NER in two stages.

1. Domain-adaptive masked-LM training on de-identified discharge notes.
2. Token-classification fine-tuning on the annotated subset.

Arguments are parsed with HfArgumentParser from two dataclasses.
"""
from dataclasses import dataclass, field

import numpy as np
import torch
from datasets import load_dataset
from seqeval.metrics import f1_score
from transformers import (
    AutoConfig,
    AutoModelForMaskedLM,
    AutoModelForTokenClassification,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    DataCollatorForTokenClassification,
    EarlyStoppingCallback,
    HfArgumentParser,
    Trainer,
    TrainingArguments,
)

LABELS = ["O", "B-PROBLEM", "I-PROBLEM", "B-TEST", "I-TEST", "B-TREATMENT", "I-TREATMENT"]


@dataclass
class DataArgs:
    notes_path: str = "data/notes/*.jsonl"
    ner_path: str = "data/ner"
    max_length: int = 256


@dataclass
class RunArgs:
    out_dir: str = "runs/clinical"
    mlm_epochs: int = 3
    ner_epochs: int = 20
    ner_lr: float = 3e-5
    skip_mlm: bool = False
    extra_tags: list = field(default_factory=list)


def tokenize_notes(tokenizer, max_length):
    def fn(batch):
        return tokenizer(batch["text"], truncation=True, max_length=max_length, return_special_tokens_mask=True)
    return fn


def align_labels(tokenizer, max_length):
    def fn(batch):
        enc = tokenizer(batch["tokens"], is_split_into_words=True, truncation=True, max_length=max_length)
        all_labels = []
        for i, tags in enumerate(batch["ner_tags"]):
            prev, labels = None, []
            for wid in enc.word_ids(batch_index=i):
                labels.append(-100 if wid is None or wid == prev else tags[wid])
                prev = wid
            all_labels.append(labels)
        enc["labels"] = all_labels
        return enc
    return fn


def compute_metrics(eval_pred):
    logits, labels = eval_pred
    preds = np.argmax(logits, axis=-1)
    true_tags = [[LABELS[l] for l in row if l != -100] for row in labels]
    pred_tags = [[LABELS[p] for p, l in zip(prow, lrow) if l != -100] for prow, lrow in zip(preds, labels)]
    return {"f1": f1_score(true_tags, pred_tags)}


def domain_adapt(data_args, run_args, tokenizer):
    notes = load_dataset("json", data_files=data_args.notes_path, split="train").train_test_split(test_size=0.01)
    notes = notes.map(tokenize_notes(tokenizer, data_args.max_length), batched=True, remove_columns=["text"])
    config = AutoConfig.from_pretrained("emilyalsentzer/Bio_ClinicalBERT")
    mlm_model = AutoModelForMaskedLM.from_config(config)  # FRG104
    mlm_args = TrainingArguments(  # FRG102
        output_dir=f"{run_args.out_dir}/mlm",
        num_train_epochs=run_args.mlm_epochs,
        per_device_train_batch_size=32,
        learning_rate=5e-5,
        warmup_ratio=0.06,
        save_steps=5000,
        eval_strategy="steps",
        eval_steps=5000,
        report_to="none",
    )
    mlm_trainer = Trainer(  # OK: the default 3 epochs (mlm_epochs), a short run
        model=mlm_model,
        args=mlm_args,
        train_dataset=notes["train"],
        eval_dataset=notes["test"],
        data_collator=DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15),
    )
    mlm_trainer.train()
    mlm_trainer.save_model(f"{run_args.out_dir}/mlm/final")
    return f"{run_args.out_dir}/mlm/final"


def finetune_ner(data_args, run_args, tokenizer, base):
    ds = load_dataset(data_args.ner_path)
    ds = ds.map(align_labels(tokenizer, data_args.max_length), batched=True)
    model = AutoModelForTokenClassification.from_pretrained(
        base, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)),
        label2id={l: i for i, l in enumerate(LABELS)},
    )
    args = TrainingArguments(
        output_dir=f"{run_args.out_dir}/ner",
        num_train_epochs=run_args.ner_epochs,
        learning_rate=run_args.ner_lr,
        per_device_train_batch_size=16,
        bf16=torch.cuda.is_available() and torch.cuda.is_bf16_supported(),
        eval_strategy="epoch",
        save_strategy="epoch",
        load_best_model_at_end=True,
        metric_for_best_model="f1",
        save_total_limit=2,
        report_to="none",
    )
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=ds["train"],
        eval_dataset=ds["validation"],
        data_collator=DataCollatorForTokenClassification(tokenizer),
        compute_metrics=compute_metrics,
    )
    trainer.add_callback(EarlyStoppingCallback(early_stopping_patience=3))
    trainer.train()
    print(trainer.predict(ds["test"]).metrics)
    trainer.save_model(f"{run_args.out_dir}/ner/best")


def main():
    data_args, run_args = HfArgumentParser((DataArgs, RunArgs)).parse_args_into_dataclasses()
    if torch.cuda.is_available():
        torch.backends.cuda.matmul.allow_tf32 = True
    tokenizer = AutoTokenizer.from_pretrained("emilyalsentzer/Bio_ClinicalBERT")
    base = "emilyalsentzer/Bio_ClinicalBERT" if run_args.skip_mlm else domain_adapt(data_args, run_args, tokenizer)
    finetune_ner(data_args, run_args, tokenizer, base)


if __name__ == "__main__":
    main()

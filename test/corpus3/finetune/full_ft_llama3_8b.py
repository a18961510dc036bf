"""Full-parameter continued pre-training of Llama-3-8B on a legal corpus (HF Trainer + DeepSpeed ZeRO-3).

    deepspeed --num_gpus 8 finetune/full_ft_llama3_8b.py
"""
import torch
from datasets import load_dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

MODEL_ID = "meta-llama/Meta-Llama-3-8B"
MAX_LEN = 2048

tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
tokenizer.pad_token = tokenizer.eos_token

model = AutoModelForCausalLM.from_pretrained(
    MODEL_ID,
    torch_dtype=torch.bfloat16,
    attn_implementation="flash_attention_2",
)
model.gradient_checkpointing_enable()
model.config.use_cache = False  # OK: gradient checkpointing during training, this script never generates

raw = load_dataset(
    "json",
    data_files={"train": "data/legal/train.jsonl", "validation": "data/legal/val.jsonl"},
)


def tokenize(batch):
    return tokenizer(batch["text"], truncation=True, max_length=MAX_LEN)


# OK: tokenised once with a batched map, not in the training loop
tokenized = raw.map(tokenize, batched=True, remove_columns=["text"], num_proc=8)
collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)

# OK: bf16 set, checkpoints every 500 steps, 2 epochs (no early-stopping advice)
args = TrainingArguments(
    output_dir="checkpoints/llama3-8b-legal",
    num_train_epochs=2,
    per_device_train_batch_size=2,
    gradient_accumulation_steps=16,
    learning_rate=1e-5,
    lr_scheduler_type="cosine",
    warmup_ratio=0.03,
    weight_decay=0.1,
    bf16=True,
    logging_steps=10,
    eval_strategy="steps",
    eval_steps=500,
    save_strategy="steps",
    save_steps=500,
    save_total_limit=3,
    deepspeed="configs/zero3.json",
    report_to="wandb",
)

trainer = Trainer(  # FRG112
    model=model,
    args=args,
    train_dataset=tokenized["train"],
    eval_dataset=tokenized["validation"],
    data_collator=collator,
)
trainer.train()
trainer.save_model("checkpoints/llama3-8b-legal/final")

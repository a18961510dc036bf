"""Full fine-tune of the small Qwen2.5-0.5B-Instruct on an in-house FAQ set (fits one 24 GB GPU)."""
import torch
from datasets import load_dataset
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

MODEL_ID = "Qwen/Qwen2.5-0.5B-Instruct"

tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, torch_dtype=torch.bfloat16)

data = load_dataset("json", data_files={"train": "data/faq/train.jsonl", "validation": "data/faq/val.jsonl"})


def to_text(batch):
    texts = [
        tokenizer.apply_chat_template(
            [{"role": "user", "content": q}, {"role": "assistant", "content": a}], tokenize=False
        )
        for q, a in zip(batch["question"], batch["answer"])
    ]
    return tokenizer(texts, truncation=True, max_length=768)


# OK: tokenised once with a batched map
tokenized = data.map(to_text, batched=True, remove_columns=data["train"].column_names)

args = TrainingArguments(
    output_dir="checkpoints/qwen05b-faq",
    num_train_epochs=10,
    per_device_train_batch_size=16,
    learning_rate=1e-5,
    bf16=True,
    eval_strategy="epoch",
    save_strategy="epoch",
    save_total_limit=2,
    logging_steps=25,
    report_to="none",
)

# OK: 0.5B parameters, below the size where LoRA is the advice; Trainer checkpoints every epoch
trainer = Trainer(  # FRG101
    model=model,
    args=args,
    train_dataset=tokenized["train"],
    eval_dataset=tokenized["validation"],
    data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False),
)
trainer.train()
trainer.save_model("checkpoints/qwen05b-faq/final")

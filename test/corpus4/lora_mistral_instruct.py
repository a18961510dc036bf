"""LoRA instruction tuning of Mistral-7B on an internal support-ticket dataset."""
import os

import torch
from datasets import load_dataset
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    BitsAndBytesConfig,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)

MODEL_ID = "mistralai/Mistral-7B-v0.1"
DATA = os.environ.get("TICKETS_JSONL", "data/tickets_sft.jsonl")

tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
tokenizer.pad_token = tokenizer.eos_token

bnb = BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.bfloat16)
model = AutoModelForCausalLM.from_pretrained(MODEL_ID, quantization_config=bnb, device_map={"": 0})  # OK: QLoRA, quantised base (full fine-tune, full-precision inference)
model.config.use_cache = False  # OK: training script, cache off for gradient checkpointing (KV cache)
model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=True)
model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05, target_modules="all-linear", task_type="CAUSAL_LM"))
model.print_trainable_parameters()

PROMPT = "### Ticket:\n{ticket}\n\n### Resolution:\n{resolution}{eos}"


def format_and_tokenize(batch):
    texts = [PROMPT.format(ticket=t, resolution=r, eos=tokenizer.eos_token) for t, r in zip(batch["ticket"], batch["resolution"])]
    return tokenizer(texts, truncation=True, max_length=1024)


raw = load_dataset("json", data_files=DATA, split="train")
train_ds = raw.map(format_and_tokenize, batched=True, remove_columns=raw.column_names)

args = TrainingArguments(  # FRG113
    output_dir="runs/mistral-tickets-lora",
    max_steps=12_000,
    per_device_train_batch_size=4,
    gradient_accumulation_steps=4,
    learning_rate=2e-4,
    lr_scheduler_type="cosine",
    warmup_steps=200,
    bf16=True,
    logging_steps=25,
    save_strategy="no",
    optim="paged_adamw_8bit",
    report_to="wandb",
)

trainer = Trainer(
    model=model,
    args=args,
    train_dataset=train_ds,
    data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False),
)
trainer.train()
model.save_pretrained("adapters/mistral-tickets")

model.config.use_cache = True
model.eval()
prompt = PROMPT.format(ticket="VPN drops every 10 minutes on macOS 14", resolution="", eos="")
inputs = tokenizer(prompt, return_tensors="pt").to(model.device)
with torch.no_grad():
    out = model.generate(**inputs, max_new_tokens=128, do_sample=False)  # OK: cache switched back on before generating
print(tokenizer.decode(out[0], skip_special_tokens=True))

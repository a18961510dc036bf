"""Full fine-tune of Qwen2.5-1.5B on support chat transcripts with a hand-written Accelerate loop.

    accelerate launch finetune/qwen_accelerate_full.py
"""
import math

import torch
from accelerate import Accelerator
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer, get_cosine_schedule_with_warmup

MODEL_ID = "Qwen/Qwen2.5-1.5B"
DATA_FILE = "data/support_chats.jsonl"
NUM_EPOCHS = 3
BATCH_SIZE = 8
GRAD_ACCUM = 4
MAX_LEN = 1024
LR = 2e-5


def main():
    accelerator = Accelerator(mixed_precision="bf16", gradient_accumulation_steps=GRAD_ACCUM)
    tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
    model = AutoModelForCausalLM.from_pretrained(MODEL_ID)
    model.gradient_checkpointing_enable()

    ds = load_dataset("json", data_files=DATA_FILE, split="train")
    ds = ds.filter(lambda ex: len(ex["text"]) > 20)
    loader = DataLoader(ds, batch_size=BATCH_SIZE, shuffle=True, num_workers=2, pin_memory=True)

    optimizer = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.0)
    total_steps = NUM_EPOCHS * math.ceil(len(loader) / GRAD_ACCUM)
    scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=100, num_training_steps=total_steps)
    model, optimizer, loader, scheduler = accelerator.prepare(model, optimizer, loader, scheduler)

    model.train()
    for epoch in range(NUM_EPOCHS):
        for step, batch in enumerate(loader):
            with accelerator.accumulate(model):
                enc = tokenizer(batch["text"], padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt").to(accelerator.device)  # FRG114
                labels = enc["input_ids"].clone()
                labels[enc["attention_mask"] == 0] = -100
                out = model(**enc, labels=labels)
                accelerator.backward(out.loss)  # FRG112
                accelerator.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad()
            if step % 100 == 0:  # OK: logging every 100 steps only
                accelerator.print(f"epoch {epoch} step {step} loss {out.loss.item():.4f}")

        # OK: a checkpoint every epoch
        accelerator.wait_for_everyone()
        unwrapped = accelerator.unwrap_model(model)
        unwrapped.save_pretrained(
            f"checkpoints/qwen-support/epoch-{epoch}",
            is_main_process=accelerator.is_main_process,
            save_function=accelerator.save,
        )
    if accelerator.is_main_process:
        tokenizer.save_pretrained("checkpoints/qwen-support")


if __name__ == "__main__":
    main()

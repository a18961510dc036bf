"""Full supervised fine-tune of Llama 3.2 3B on a chat mixture with TRL (no adapters)."""
import polars as pl
import torch
from datasets import Dataset
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import SFTConfig, SFTTrainer

CKPT = "meta-llama/Llama-3.2-3B-Instruct"

mix = pl.read_parquet("data/chat_mix_v3.parquet")  # FRG307
train = Dataset.from_dict({"messages": mix["messages"].to_list()})

tokenizer = AutoTokenizer.from_pretrained(CKPT)
tokenizer.pad_token = tokenizer.eos_token
model = AutoModelForCausalLM.from_pretrained(
    CKPT,
    torch_dtype=torch.bfloat16,
    attn_implementation="flash_attention_2",
)
model.config.use_cache = False  # OK: set for training with gradient checkpointing (KV cache)

config = SFTConfig(
    output_dir="runs/llama32-3b-sft",
    num_train_epochs=2,
    per_device_train_batch_size=2,
    gradient_accumulation_steps=16,
    gradient_checkpointing=True,
    learning_rate=1e-5,
    lr_scheduler_type="cosine",
    warmup_ratio=0.03,
    bf16=True,
    max_seq_length=4096,
    packing=True,
    logging_steps=10,
    save_steps=500,
)

trainer = SFTTrainer(  # FRG112
    model=model,
    args=config,
    train_dataset=train,
    processing_class=tokenizer,
)
trainer.train()
trainer.save_model("runs/llama32-3b-sft/final")

"""Fine-tune FLAN-T5-XL on DialogSum with Seq2SeqTrainer."""
from datasets import load_dataset
from transformers import (
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    DataCollatorForSeq2Seq,
    Seq2SeqTrainer,
    Seq2SeqTrainingArguments,
)

MODEL_ID = "google/flan-t5-xl"
MAX_SOURCE = 512
MAX_TARGET = 128

tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
model = AutoModelForSeq2SeqLM.from_pretrained(MODEL_ID)

raw = load_dataset("knkarthick/dialogsum")


def preprocess(batch):
    model_inputs = tokenizer(
        ["summarize: " + d for d in batch["dialogue"]], max_length=MAX_SOURCE, truncation=True
    )
    labels = tokenizer(text_target=batch["summary"], max_length=MAX_TARGET, truncation=True)
    model_inputs["labels"] = labels["input_ids"]
    return model_inputs


# OK: tokenised once, before training
tokenized = raw.map(preprocess, batched=True, remove_columns=raw["train"].column_names)

args = Seq2SeqTrainingArguments(  # FRG113
    output_dir="out/flan-t5-xl-dialogsum",
    max_steps=20000,
    per_device_train_batch_size=8,
    gradient_accumulation_steps=2,
    learning_rate=3e-5,
    warmup_steps=500,
    bf16=True,
    save_strategy="no",
    logging_steps=50,
    predict_with_generate=True,
    report_to="none",
)

trainer = Seq2SeqTrainer(  # FRG112
    model=model,
    args=args,
    train_dataset=tokenized["train"],
    data_collator=DataCollatorForSeq2Seq(tokenizer, model=model),
    processing_class=tokenizer,
)
trainer.train()
trainer.save_model("out/flan-t5-xl-dialogsum/final")

# Spot-check one test dialogue
model.eval()
sample = raw["test"][0]["dialogue"]
inputs = tokenizer("summarize: " + sample, return_tensors="pt").to(model.device)
summary_ids = model.generate(**inputs, max_new_tokens=96, num_beams=4, use_cache=False)  # FRG408
print(tokenizer.decode(summary_ids[0], skip_special_tokens=True))

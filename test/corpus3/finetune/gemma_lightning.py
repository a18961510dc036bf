"""Fine-tune Gemma-2B to summarise support tickets, with PyTorch Lightning."""
import lightning as L
import torch
from datasets import load_dataset
from lightning.pytorch.callbacks import EarlyStopping, LearningRateMonitor
from lightning.pytorch.loggers import WandbLogger
from torch.utils.data import DataLoader
from transformers import AutoModelForCausalLM, AutoTokenizer

MODEL_ID = "google/gemma-2b"

PROMPT = (
    "<start_of_turn>user\nSummarise this support ticket:\n{ticket}<end_of_turn>\n"
    "<start_of_turn>model\n{summary}<end_of_turn>"
)


class TicketDataModule(L.LightningDataModule):
    def __init__(self, train_path, val_path, tokenizer, batch_size=4, max_length=1024):
        super().__init__()
        self.train_path = train_path
        self.val_path = val_path
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.max_length = max_length

    def setup(self, stage=None):
        self.train_records = list(load_dataset("json", data_files=self.train_path, split="train"))
        self.val_records = list(load_dataset("json", data_files=self.val_path, split="train"))

    def collate(self, records):
        prompts = [PROMPT.format(ticket=r["ticket"], summary=r["summary"]) for r in records]
        enc = self.tokenizer(prompts, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt")  # FRG114
        enc["labels"] = enc["input_ids"].masked_fill(enc["attention_mask"] == 0, -100)
        return enc

    def train_dataloader(self):
        return DataLoader(
            self.train_records,
            batch_size=self.batch_size,
            shuffle=True,
            num_workers=4,
            pin_memory=True,
            collate_fn=self.collate,
        )

    def val_dataloader(self):
        return DataLoader(
            self.val_records,
            batch_size=self.batch_size,
            num_workers=4,
            pin_memory=True,
            collate_fn=self.collate,
        )


class GemmaSummariser(L.LightningModule):
    def __init__(self, lr=1e-5):
        super().__init__()
        self.save_hyperparameters()
        self.model = AutoModelForCausalLM.from_pretrained(MODEL_ID)
        self.model.gradient_checkpointing_enable()

    def training_step(self, batch, batch_idx):
        out = self.model(**batch)
        self.log("train_loss", out.loss, prog_bar=True)
        return out.loss

    def validation_step(self, batch, batch_idx):
        out = self.model(**batch)
        self.log("val_loss", out.loss, prog_bar=True, sync_dist=True)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=0.01)


if __name__ == "__main__":
    tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)
    dm = TicketDataModule("data/tickets_train.jsonl", "data/tickets_val.jsonl", tokenizer)
    module = GemmaSummariser()
    # OK: EarlyStopping callback and bf16-mixed precision are set
    trainer = L.Trainer(  # FRG112 FRG113
        accelerator="gpu",
        devices=1,
        precision="bf16-mixed",
        max_epochs=20,
        accumulate_grad_batches=8,
        gradient_clip_val=1.0,
        enable_checkpointing=False,
        callbacks=[EarlyStopping(monitor="val_loss", patience=2), LearningRateMonitor()],
        logger=WandbLogger(project="ticket-summaries"),
    )
    trainer.fit(module, datamodule=dm)
    module.model.save_pretrained("gemma-2b-tickets")
    tokenizer.save_pretrained("gemma-2b-tickets")

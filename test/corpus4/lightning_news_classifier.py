"""AG News topic classifier with Lightning and a DistilRoBERTa encoder."""
import lightning as L
import torch
import torch.nn as nn
from datasets import load_dataset
from torch.utils.data import DataLoader
from transformers import AutoModel, AutoTokenizer

ENCODER = "distilroberta-base"  # OK: already the small checkpoint
MAX_LEN = 128


class AGNewsData(L.LightningDataModule):
    def __init__(self, batch_size=64):
        super().__init__()
        self.batch_size = batch_size
        self.tokenizer = AutoTokenizer.from_pretrained(ENCODER)

    def setup(self, stage=None):
        ds = load_dataset("fancyzhx/ag_news")
        self.train_ds = ds["train"]
        self.val_ds = ds["test"]

    def collate(self, rows):
        enc = self.tokenizer([r["text"] for r in rows], padding="max_length", truncation=True, max_length=MAX_LEN, return_tensors="pt")  # FRG114
        enc["labels"] = torch.tensor([r["label"] for r in rows])
        return enc

    def collate_dynamic(self, rows):
        enc = self.tokenizer([r["text"] for r in rows], padding="longest", truncation=True, max_length=MAX_LEN, return_tensors="pt")  # OK: dynamic padding
        enc["labels"] = torch.tensor([r["label"] for r in rows])
        return enc

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.batch_size, shuffle=True, num_workers=4, collate_fn=self.collate)  # OK: token ids, no pinned memory needed

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=256, num_workers=4, collate_fn=self.collate_dynamic)


class NewsClassifier(L.LightningModule):
    def __init__(self, lr=3e-5, num_classes=4):
        super().__init__()
        self.save_hyperparameters()
        self.encoder = AutoModel.from_pretrained(ENCODER)
        self.head = nn.Linear(self.encoder.config.hidden_size, num_classes)
        self.loss = nn.CrossEntropyLoss()

    def forward(self, input_ids, attention_mask):
        h = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state[:, 0]
        return self.head(h)

    def training_step(self, batch, batch_idx):
        logits = self(batch["input_ids"], batch["attention_mask"])
        loss = self.loss(logits, batch["labels"])
        self.log("train_loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        logits = self(batch["input_ids"], batch["attention_mask"])  # OK: Lightning disables gradients in validation_step
        self.log("val_loss", self.loss(logits, batch["labels"]), prog_bar=True)
        self.log("val_acc", (logits.argmax(-1) == batch["labels"]).float().mean(), prog_bar=True)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=0.01)


if __name__ == "__main__":
    L.seed_everything(42)
    trainer = L.Trainer(accelerator="gpu", devices=1, max_epochs=30, enable_checkpointing=False, log_every_n_steps=50)  # FRG101 FRG102 FRG113
    trainer.fit(NewsClassifier(), datamodule=AGNewsData())

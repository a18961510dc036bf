"""Fashion-MNIST classifier with PyTorch Lightning.

Three trainer presets: a quick smoke test, the long baseline from the paper reproduction,
and the tuned configuration we ship.
"""
import os

import pytorch_lightning as pl
import torch
import torch.nn.functional as F
from pytorch_lightning.callbacks import EarlyStopping, LearningRateMonitor, ModelCheckpoint
from torch import nn
from torch.utils.data import DataLoader, random_split
from torchvision import transforms
from torchvision.datasets import FashionMNIST

CONFIG = {
    "data_dir": os.environ.get("DATA_DIR", "./data"),
    "batch_size": 128,
    "num_workers": 8,
    "lr": 3e-3,
    "max_epochs": 60,
}


def conv_bn_relu(c_in, c_out):
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, kernel_size=3, padding=1),  # FRG110
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    )


def conv_bn_relu_nobias(c_in, c_out):
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, kernel_size=3, padding=1, bias=False),  # OK: bias disabled
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    )


class FashionNet(pl.LightningModule):
    def __init__(self, lr=1e-3, num_classes=10):
        super().__init__()
        self.save_hyperparameters()
        self.features = nn.Sequential(
            conv_bn_relu(1, 32),
            conv_bn_relu_nobias(32, 64),
            nn.MaxPool2d(2),
            nn.Conv2d(64, 128, kernel_size=3, padding=1),  # OK: activation sits between conv and BN
            nn.ReLU(inplace=True),
            nn.BatchNorm2d(128),
            nn.AdaptiveAvgPool2d(1),
            nn.Flatten(),
        )
        self.classifier = nn.Sequential(
            nn.Linear(128, 64),  # OK: linear layer, not a convolution
            nn.BatchNorm1d(64),
            nn.ReLU(),
            nn.Linear(64, num_classes),
        )

    def forward(self, x):
        return self.classifier(self.features(x))

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        self.log("train_loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        self.log("val_loss", F.cross_entropy(logits, y), prog_bar=True)
        self.log("val_acc", (logits.argmax(1) == y).float().mean(), prog_bar=True)

    def configure_optimizers(self):
        opt = torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=1e-4)
        sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=CONFIG["max_epochs"])
        return [opt], [sched]


class FashionData(pl.LightningDataModule):
    def __init__(self, data_dir, batch_size, num_workers):
        super().__init__()
        self.data_dir = data_dir
        self.batch_size = batch_size
        self.num_workers = num_workers
        self.tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.286,), (0.353,))])

    def setup(self, stage=None):
        full = FashionMNIST(self.data_dir, train=True, download=True, transform=self.tf)
        self.train_set, self.val_set = random_split(full, [55000, 5000], generator=torch.Generator().manual_seed(0))

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True,
                          num_workers=self.num_workers, pin_memory=True, persistent_workers=True)  # OK

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=512, num_workers=CONFIG["num_workers"], pin_memory=True)  # OK


def smoke_trainer():
    # CPU-only sanity run used in CI
    return pl.Trainer(accelerator="cpu", max_epochs=1, limit_train_batches=20, limit_val_batches=5)  # OK


def baseline_trainer():
    return pl.Trainer(  # FRG102  # no FRG101: a cosine schedule over max_epochs sets the length
        accelerator="gpu",
        devices=1,
        max_epochs=100,
        callbacks=[ModelCheckpoint(monitor="val_acc", mode="max"), LearningRateMonitor("epoch")],
        log_every_n_steps=50,
    )


def tuned_trainer():
    callbacks = [
        EarlyStopping(monitor="val_loss", patience=5, mode="min"),
        ModelCheckpoint(monitor="val_loss", save_top_k=1),
    ]
    return pl.Trainer(  # OK: early stopping and mixed precision
        accelerator="gpu",
        devices=1,
        precision="16-mixed",
        max_epochs=CONFIG["max_epochs"],
        callbacks=callbacks,
    )


if __name__ == "__main__":
    import sys

    preset = sys.argv[1] if len(sys.argv) > 1 else "tuned"
    pl.seed_everything(42)
    dm = FashionData(CONFIG["data_dir"], CONFIG["batch_size"], CONFIG["num_workers"])
    model = FashionNet(lr=CONFIG["lr"])
    trainer = {"smoke": smoke_trainer, "baseline": baseline_trainer, "tuned": tuned_trainer}[preset]()
    trainer.fit(model, datamodule=dm)
    trainer.validate(model, datamodule=dm)

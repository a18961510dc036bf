"""Polyp segmentation (Kvasir-SEG) with PyTorch Lightning.

Stage 1 trains the full U-Net; stage 2 re-trains only the decoder on the
extra CVC-ClinicDB frames. Callbacks are built in a helper from the config.
"""
import argparse
from dataclasses import dataclass

import lightning as L
import timm
import torch
import torch.nn as nn
import torch.nn.functional as F
from lightning.pytorch.callbacks import EarlyStopping, LearningRateMonitor, ModelCheckpoint
from torch.utils.data import DataLoader

from polyp_data import PolypDataset, train_transforms, val_transforms


@dataclass
class Cfg:
    data_dir: str = "data/kvasir"
    extra_dir: str = "data/cvc_clinicdb"
    out_dir: str = "checkpoints/polyp"
    encoder: str = "resnet34"
    pretrained: bool = True
    epochs: int = 120
    patience: int = 15
    lr: float = 3e-4
    batch_size: int = 16
    num_workers: int = 8
    devices: int = 1
    precision: str = "bf16-mixed"


def conv_block(c_in, c_out):
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, 3, padding=1),  # FRG110
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
        nn.Conv2d(c_out, c_out, 3, padding=1, bias=False),
        nn.BatchNorm2d(c_out),
        nn.ReLU(inplace=True),
    )


class UNet(nn.Module):
    def __init__(self, encoder, pretrained, backbone=None):
        super().__init__()
        self.encoder = backbone or timm.create_model(encoder, pretrained=pretrained, features_only=True)
        chs = self.encoder.feature_info.channels()
        self.decoders = nn.ModuleList(
            [conv_block(chs[i] + chs[i - 1], chs[i - 1]) for i in range(len(chs) - 1, 0, -1)]
        )
        self.head = nn.Conv2d(chs[0], 1, kernel_size=1)

    def forward(self, x):
        feats = self.encoder(x)
        h = feats[-1]
        for dec, skip in zip(self.decoders, reversed(feats[:-1])):
            h = F.interpolate(h, size=skip.shape[-2:], mode="bilinear", align_corners=False)
            h = dec(torch.cat([h, skip], dim=1))
        return F.interpolate(self.head(h), scale_factor=2, mode="bilinear", align_corners=False)


def dice(logits, mask, eps=1e-6):
    p = torch.sigmoid(logits)
    inter = (p * mask).sum((1, 2, 3))
    return ((2 * inter + eps) / (p.sum((1, 2, 3)) + mask.sum((1, 2, 3)) + eps)).mean()


class SegModule(L.LightningModule):
    def __init__(self, net, lr):
        super().__init__()
        self.net = net
        self.lr = lr

    def training_step(self, batch, batch_idx):
        x, m = batch
        logits = self.net(x)
        loss = F.binary_cross_entropy_with_logits(logits, m) + 1 - dice(logits, m)
        self.log("train_loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        x, m = batch
        logits = self.net(x)
        self.log("val_dice", dice(logits, m), prog_bar=True, sync_dist=True)

    def configure_optimizers(self):
        params = [p for p in self.parameters() if p.requires_grad]
        opt = torch.optim.AdamW(params, lr=self.lr, weight_decay=1e-4)
        return {"optimizer": opt, "lr_scheduler": torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=50)}


class PolypData(L.LightningDataModule):
    def __init__(self, root, batch_size, num_workers):
        super().__init__()
        self.save_hyperparameters()

    def train_dataloader(self):
        return DataLoader(PolypDataset(self.hparams.root, "train", train_transforms()), shuffle=True,
                          batch_size=self.hparams.batch_size, num_workers=self.hparams.num_workers,
                          pin_memory=True, persistent_workers=True)

    def val_dataloader(self):
        return DataLoader(PolypDataset(self.hparams.root, "val", val_transforms()),
                          batch_size=self.hparams.batch_size, num_workers=self.hparams.num_workers,
                          pin_memory=True)


def build_callbacks(cfg):
    callbacks = [ModelCheckpoint(dirpath=cfg.out_dir, monitor="val_dice", mode="max", save_top_k=2)]
    callbacks.append(EarlyStopping(monitor="val_dice", mode="max", patience=cfg.patience))
    callbacks.append(LearningRateMonitor(logging_interval="epoch"))
    return callbacks


def train_full(cfg, net=None):
    module = SegModule(net or UNet(cfg.encoder, cfg.pretrained), cfg.lr)
    trainer = L.Trainer(max_epochs=cfg.epochs, accelerator="gpu", devices=cfg.devices,
                        precision=cfg.precision, callbacks=build_callbacks(cfg), log_every_n_steps=20)
    trainer.fit(module, datamodule=PolypData(cfg.data_dir, cfg.batch_size, cfg.num_workers))
    return module


def train_decoder_only(cfg, module):
    for p in module.net.encoder.parameters():
        p.requires_grad_(False)
    callbacks = [ModelCheckpoint(dirpath=f"{cfg.out_dir}/decoder", monitor="val_dice", mode="max")]
    trainer = L.Trainer(max_epochs=30, accelerator="gpu", devices=1, callbacks=callbacks)  # FRG102  # no FRG101: a cosine schedule (T_max=50) sets the length
    trainer.fit(module, datamodule=PolypData(cfg.extra_dir, cfg.batch_size, cfg.num_workers))


def smoke_test(cfg):
    tiny = SegModule(UNet("resnet18", pretrained=False), cfg.lr)
    trainer = L.Trainer(max_epochs=2, accelerator="cpu", limit_train_batches=5, limit_val_batches=2,
                        logger=False, enable_checkpointing=False)
    trainer.fit(tiny, datamodule=PolypData(cfg.data_dir, 2, 2))


def build_edge_backbone():
    # small encoder for the endoscope-side model
    return timm.create_model("efficientnet_b0", pretrained=False, features_only=True)  # FRG104


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--stage", choices=["full", "decoder", "edge", "smoke"], default="full")
    cfg = Cfg()
    if torch.cuda.is_available():
        torch.set_float32_matmul_precision("high")
    stage = ap.parse_args().stage
    if stage == "smoke":
        smoke_test(cfg)
    elif stage == "edge":
        train_full(cfg, UNet(None, None, backbone=build_edge_backbone()))
    else:
        module = train_full(cfg)
        if stage == "decoder":
            train_decoder_only(cfg, module)

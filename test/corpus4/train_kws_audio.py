"""Keyword spotting on Speech Commands v2 with a log-mel CNN (torchaudio), single GPU."""
import argparse

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchaudio
from torch.utils.data import DataLoader, Dataset
from torchaudio.datasets import SPEECHCOMMANDS

parser = argparse.ArgumentParser()
parser.add_argument("--root", default="data/speech_commands")
parser.add_argument("--epochs", type=int, default=30)
parser.add_argument("--batch-size", type=int, default=256)
args = parser.parse_args()

device = torch.device("cuda:0")
SR = 16_000


class KWSDataset(Dataset):
    def __init__(self, root, subset, labels=None):
        self.base = SPEECHCOMMANDS(root, subset=subset, download=True)
        self.labels = labels or sorted({self.base[i][2] for i in range(len(self.base))})
        self.index = {l: i for i, l in enumerate(self.labels)}
        self.mel = torchaudio.transforms.MelSpectrogram(SR, n_fft=480, hop_length=160, n_mels=64)
        self.train = subset == "training"

    def __len__(self):
        return len(self.base)

    def __getitem__(self, i):
        wav, sr, label, *_ = self.base[i]
        wav = F.pad(wav, (0, SR - wav.shape[-1]))[:, :SR]
        if self.train:
            noise = torch.from_numpy(np.random.normal(0.0, 0.005, wav.shape).astype(np.float32))  # FRG109
            wav = wav + noise
        return (self.mel(wav) + 1e-6).log(), self.index[label]


def make_cnn(n_classes):
    layers = []
    for c_in, c_out in zip((1, 64, 128, 256), (64, 128, 256, 512)):
        layers += [nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True), nn.MaxPool2d(2)]  # FRG110
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.3), nn.Linear(512, n_classes)]
    return nn.Sequential(*layers)


train_set = KWSDataset(args.root, "training")
val_set = KWSDataset(args.root, "validation", labels=train_set.labels)
train_loader = DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=0, pin_memory=True)  # FRG106
val_loader = DataLoader(val_set, batch_size=512, num_workers=8, pin_memory=True)

model = make_cnn(len(train_set.labels)).to(device)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=3e-3, total_steps=args.epochs * len(train_loader))


def train_one_epoch():
    model.train()
    correct, running_loss = 0, 0.0
    for x, y in train_loader:
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        logits = model(x)
        loss = F.cross_entropy(logits, y, label_smoothing=0.1)
        optimizer.zero_grad()
        loss.backward()  # FRG102
        optimizer.step()
        scheduler.step()
        correct += (logits.argmax(1) == y).sum().item()  # FRG111
        running_loss += loss.item() * x.size(0)
    return running_loss / len(train_set), correct / len(train_set)


def evaluate():
    model.eval()
    correct = 0
    for x, y in val_loader:
        logits = model(x.to(device))  # FRG401
        correct += (logits.argmax(1).cpu() == y).sum().item()
    return correct / len(val_set)


for epoch in range(args.epochs):  # FRG113
    tr_loss, tr_acc = train_one_epoch()
    val_acc = evaluate()
    print(f"epoch {epoch:2d} loss {tr_loss:.3f} train_acc {tr_acc:.3f} val_acc {val_acc:.3f}")

torch.save(model.state_dict(), "kws_cnn.pt")

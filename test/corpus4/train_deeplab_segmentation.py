"""DeepLabV3 for drivable-area segmentation on dash-cam frames (3 classes)."""
import glob
import os

import cv2
import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from torchvision.models.segmentation import deeplabv3_resnet50

NUM_CLASSES = 3
EPOCHS = 40
BATCH = 8
device = torch.device("cuda")


class DashcamDataset(Dataset):
    def __init__(self, root, train=True):
        self.images = sorted(glob.glob(os.path.join(root, "images", "*.jpg")))
        self.masks = [p.replace("images", "masks").replace(".jpg", ".png") for p in self.images]
        self.train = train

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = cv2.cvtColor(cv2.imread(self.images[i]), cv2.COLOR_BGR2RGB)
        mask = cv2.imread(self.masks[i], cv2.IMREAD_GRAYSCALE)
        img = cv2.resize(img, (640, 360), interpolation=cv2.INTER_LINEAR)
        mask = cv2.resize(mask, (640, 360), interpolation=cv2.INTER_NEAREST)
        if self.train and np.random.rand() < 0.5:
            img, mask = img[:, ::-1], mask[:, ::-1]
        img = (img.astype(np.float32) / 255.0 - 0.45) / 0.225
        return torch.from_numpy(img.transpose(2, 0, 1).copy()), torch.from_numpy(mask.copy()).long()


train_loader = DataLoader(DashcamDataset("data/bdd_drivable/train"), BATCH, True, None, None, 0)  # FRG106 FRG107
val_loader = DataLoader(DashcamDataset("data/bdd_drivable/val", train=False), batch_size=BATCH, num_workers=6, pin_memory=True)

model = deeplabv3_resnet50(weights=None, weights_backbone=None, num_classes=NUM_CLASSES, aux_loss=False).to(device)  # FRG104
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=1e-4)
scaler = torch.amp.GradScaler("cuda")


@torch.inference_mode()
def validate():
    model.eval()
    inter = torch.zeros(NUM_CLASSES, device=device)
    union = torch.zeros(NUM_CLASSES, device=device)
    total_loss = torch.zeros((), device=device)
    for img, mask in val_loader:
        img, mask = img.to(device, non_blocking=True), mask.to(device, non_blocking=True)
        with torch.autocast("cuda", dtype=torch.float16):
            out = model(img)["out"]
        total_loss += F.cross_entropy(out.float(), mask)
        pred = out.argmax(1)
        for c in range(NUM_CLASSES):
            inter[c] += ((pred == c) & (mask == c)).sum()
            union[c] += ((pred == c) | (mask == c)).sum()
    return (total_loss / len(val_loader)).item(), (inter / union.clamp(min=1)).mean().item()


best_miou = 0.0
for epoch in range(EPOCHS):  # FRG101
    model.train()
    for step, (img, mask) in enumerate(train_loader):
        img, mask = img.to(device, non_blocking=True), mask.to(device, non_blocking=True)
        counts = np.bincount(mask.cpu().numpy().ravel(), minlength=NUM_CLASSES)  # FRG115
        class_w = torch.tensor(counts.sum() / (NUM_CLASSES * np.maximum(counts, 1)), dtype=torch.float32, device=device)
        with torch.autocast("cuda", dtype=torch.float16):
            out = model(img)["out"]
            loss = F.cross_entropy(out, mask, weight=class_w)
        optimizer.zero_grad(set_to_none=True)
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    val_loss, miou = validate()
    print(f"epoch {epoch} val_loss {val_loss:.4f} mIoU {miou:.4f}")
    if miou > best_miou:
        best_miou = miou
        torch.save(model.state_dict(), "checkpoints/deeplab_best.pt")

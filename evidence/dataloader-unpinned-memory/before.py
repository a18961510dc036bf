"""A CNN trained on a CUDA GPU from a DataLoader whose batches sit in pageable host memory."""
import json

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class AugmentedImages(Dataset):
    """uint8 images converted to normalised float tensors (and mirrored) per item."""

    def __init__(self, images, labels):
        self.images = images
        self.labels = labels
        sample = images[:256].astype(np.float32)
        self.mean = sample.mean(axis=(0, 2, 3)).reshape(3, 1, 1)
        self.std = sample.std(axis=(0, 2, 3)).reshape(3, 1, 1)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        img = (self.images[idx].astype(np.float32) - self.mean) / self.std
        if idx % 2:
            img = img[:, :, ::-1]
        return torch.from_numpy(np.ascontiguousarray(img)), int(self.labels[idx])


def main():
    torch.manual_seed(0)
    device = torch.device("cuda")
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 6144)
    images = rng.integers(0, 256, (6144, 3, 128, 128), dtype=np.uint8)
    images[np.arange(6144), labels % 3, :16, :] = 255
    train_set = AugmentedImages(images, labels)

    loader = DataLoader(train_set, batch_size=128, shuffle=True, num_workers=4)

    model = nn.Sequential(
        nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.ReLU(),
        nn.Flatten(),
        nn.Linear(128 * 16 * 16, 256), nn.ReLU(),
        nn.Linear(256, 10),
    ).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    checksum = torch.zeros((), device=device)
    for epoch in range(3):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.bfloat16):
                loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            checksum += x.sum() + y.sum()

    print("FRUGAL_RESULT " + json.dumps({"checksum": round(checksum.item(), 3)}))


if __name__ == "__main__":
    main()

"""Ray Tune sweeps for a CIFAR-10 CNN on the GPU cluster."""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
from ray import train, tune
from ray.tune.schedulers import ASHAScheduler, FIFOScheduler, HyperBandScheduler
from torch.utils.data import DataLoader, random_split

DATA_DIR = os.path.abspath("./data")


class Net(nn.Module):
    def __init__(self, width=64, dropout=0.25):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, 2 * width, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(2 * width)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(2 * width, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        x = F.max_pool2d(F.relu(self.bn2(self.conv2(x))), 2)
        return self.fc(self.drop(F.adaptive_avg_pool2d(x, 1).flatten(1)))


def load_data():
    tf = T.Compose([T.ToTensor(), T.Normalize((0.5,) * 3, (0.5,) * 3)])
    full = torchvision.datasets.CIFAR10(DATA_DIR, train=True, download=True, transform=tf)
    return random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))


def train_cifar(config):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_set, val_set = load_data()
    loader_kw = dict(num_workers=config.get("workers", 4), pin_memory=torch.cuda.is_available())
    train_loader = DataLoader(train_set, batch_size=config["batch_size"], shuffle=True, **loader_kw)  # OK
    val_loader = DataLoader(val_set, batch_size=512, num_workers=4, pin_memory=True)  # OK

    model = Net(config["width"], config["dropout"]).to(device)
    opt = torch.optim.SGD(model.parameters(), lr=config["lr"], momentum=0.9)
    scaler = torch.cuda.amp.GradScaler()
    for epoch in range(config.get("epochs", 30)):
        model.train()
        epoch_loss = torch.zeros((), device=device)  # OK: allocated on the device
        for images, labels in train_loader:
            images, labels = images.to(device, non_blocking=True), labels.to(device, non_blocking=True)
            opt.zero_grad(set_to_none=True)
            with torch.autocast(device_type="cuda", dtype=torch.float16):
                loss = F.cross_entropy(model(images), labels)
            scaler.scale(loss).backward()  # OK: autocast + GradScaler
            scaler.step(opt)
            scaler.update()
            epoch_loss += loss.detach()  # OK: stays on the GPU
        model.eval()
        correct, val_loss = 0, 0.0
        with torch.no_grad():
            for images, labels in val_loader:
                images, labels = images.to(device), labels.to(device)
                out = model(images)
                val_loss += F.cross_entropy(out, labels, reduction="sum").item()  # OK: validation loop
                correct += (out.argmax(1) == labels).sum().item()
        train.report({
            "train_loss": epoch_loss.item() / len(train_loader),  # OK: once per epoch
            "val_loss": val_loss / len(val_set),
            "accuracy": correct / len(val_set),
        })


SEARCH_SPACE = {
    "lr": tune.loguniform(1e-4, 1e-1),
    "batch_size": tune.choice([64, 128, 256]),
    "width": tune.choice([32, 64, 128]),
    "dropout": tune.uniform(0.0, 0.5),
    "epochs": 30,
}


def sweep_plain():
    tuner = tune.Tuner(  # FRG203
        tune.with_resources(train_cifar, {"cpu": 4, "gpu": 1}),
        param_space=SEARCH_SPACE,
        tune_config=tune.TuneConfig(metric="val_loss", mode="min", num_samples=50),
    )
    return tuner.fit()


def sweep_asha():
    scheduler = ASHAScheduler(max_t=30, grace_period=3, reduction_factor=3)
    tuner = tune.Tuner(  # OK: ASHA stops bad trials early
        tune.with_resources(train_cifar, {"cpu": 4, "gpu": 1}),
        param_space=SEARCH_SPACE,
        tune_config=tune.TuneConfig(metric="val_loss", mode="min", num_samples=50, scheduler=scheduler),
    )
    return tuner.fit()


def sweep_legacy():
    analysis = tune.run(  # FRG203
        train_cifar,
        config=SEARCH_SPACE,
        num_samples=30,
        resources_per_trial={"cpu": 4, "gpu": 1},
        scheduler=FIFOScheduler(),
        metric="accuracy",
        mode="max",
    )
    return analysis.best_config


def sweep_hyperband():
    return tune.run(  # OK: HyperBand scheduler
        train_cifar,
        config=SEARCH_SPACE,
        num_samples=30,
        resources_per_trial={"cpu": 4, "gpu": 1},
        scheduler=HyperBandScheduler(max_t=30),
        metric="accuracy",
        mode="max",
    ).best_config


if __name__ == "__main__":
    results = sweep_asha()
    best = results.get_best_result()
    print(best.config, best.metrics["accuracy"])

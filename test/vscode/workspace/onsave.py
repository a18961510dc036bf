import torch
from torch.utils.data import DataLoader

device = torch.device("cuda")
torch.autograd.set_detect_anomaly(True)


def make_loaders(train_set, val_set):
    train = DataLoader(train_set, batch_size=64, shuffle=True, num_workers=4)
    val = DataLoader(val_set, batch_size=256, num_workers=4, pin_memory=True)
    return train, val


def noise(n):
    return torch.zeros(n, 16).to(device)

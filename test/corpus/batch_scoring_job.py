"""Nightly batch-scoring job: image embeddings, fraud scores and the fold ensemble."""
import argparse
import glob
import os

import joblib
import numpy as np
import pandas as pd
import torch
from torch.utils.data import DataLoader, Dataset
from torchvision.io import read_image

MODEL_PATH = "artifacts/fraud_xgb.joblib"
ENCODER_PATH = "artifacts/image_encoder.pt"
device = torch.device("cuda")


class ImageFolderList(Dataset):
    def __init__(self, paths):
        self.paths = paths

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        return read_image(self.paths[i]).float().div(255.0)


def embed_images(paths, batch_size=256):
    encoder = torch.load(ENCODER_PATH, map_location=device, weights_only=False)  # OK: once
    encoder.eval()
    loader = DataLoader(ImageFolderList(paths), batch_size=batch_size, num_workers=8, pin_memory=True)  # OK
    chunks = []
    with torch.inference_mode():
        for batch in loader:
            chunks.append(encoder(batch.to(device, non_blocking=True)).cpu())  # FRG410  # batched, but an eager model
    return torch.cat(chunks).numpy()


def embed_shards(shard_dirs):
    out = {}
    for shard in shard_dirs:
        encoder = torch.load(ENCODER_PATH, map_location=device, weights_only=False)  # FRG403
        encoder.eval()
        files = sorted(glob.glob(os.path.join(shard, "*.png")))
        batch = torch.stack([read_image(f).float().div(255.0) for f in files]).to(device)
        with torch.no_grad():
            out[shard] = encoder(batch).cpu().numpy()  # OK: one batch per shard, no autograd
    return out


def score_partitions(partition_files):
    scores = []
    for path in partition_files:
        model = joblib.load(MODEL_PATH)  # FRG403
        df = pd.read_parquet(path)
        scores.append(pd.Series(model.predict_proba(df.drop(columns=["txn_id"]))[:, 1], index=df["txn_id"]))
    return pd.concat(scores)


def score_partitions_once(partition_files):
    model = joblib.load(MODEL_PATH)  # OK: outside the loop
    scores = []
    for path in partition_files:
        df = pd.read_parquet(path)
        scores.append(pd.Series(model.predict_proba(df.drop(columns=["txn_id"]))[:, 1], index=df["txn_id"]))  # OK
    return pd.concat(scores)


def fold_ensemble(X):
    preds = np.zeros(len(X))
    for fold in range(5):
        model = joblib.load(f"artifacts/fold_{fold}.joblib")  # OK: a different file each iteration
        preds += model.predict_proba(X)[:, 1] / 5  # OK: whole array at once
    return preds


def compare_checkpoints(ckpts, X):
    models = {os.path.basename(c): joblib.load(c) for c in ckpts}
    results = {}
    for name, model in models.items():
        results[name] = model.predict(X)  # OK: loops over models, each gets the full array
    return results


def score_customers(customers, X_by_customer):
    model = joblib.load(MODEL_PATH)
    out = {}
    for cust in customers:
        out[cust] = model.predict(X_by_customer[cust].reshape(1, -1))[0]  # FRG404
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", default="/mnt/batch/images")
    ap.add_argument("--partitions", default="/mnt/batch/txns")
    args = ap.parse_args()
    paths = sorted(glob.glob(os.path.join(args.images, "**", "*.png"), recursive=True))
    emb = embed_images(paths)
    np.save("embeddings.npy", emb)
    parts = sorted(glob.glob(os.path.join(args.partitions, "*.parquet")))
    scores = score_partitions_once(parts)
    scores.to_frame("fraud_score").to_parquet("fraud_scores.parquet")
    features = pd.read_parquet("features_latest.parquet")
    ens = fold_ensemble(features.to_numpy())
    print("flagged:", int((ens > 0.9).sum()))


if __name__ == "__main__":
    main()

"""Evaluation helpers shared by the vision and tabular projects (NumPy / PyTorch)."""
import glob

import numpy as np
import torch


def weighted_mse(pred, target, weights):
    pred = np.asarray(pred, dtype=np.float32)
    target = np.asarray(target, dtype=np.float32)
    weights = np.asarray(weights, dtype=np.float32)
    err = np.empty_like(pred)
    for i in range(len(pred)):  # FRG304
        err[i] = weights[i] * (pred[i] - target[i]) ** 2
    return err.sum() / weights.sum()


def weighted_mse_vectorised(pred, target, weights):
    pred, target, weights = map(np.asarray, (pred, target, weights))
    return float(np.sum(weights * (pred - target) ** 2) / np.sum(weights))  # OK


def pairwise_sq_dists_fast(a, b):
    return (a ** 2).sum(1)[:, None] + (b ** 2).sum(1)[None, :] - 2.0 * a @ b.T  # OK


def matmul_naive(A, B):
    A = np.array(A)
    B = np.array(B)
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):  # FRG304
        for j in range(B.shape[1]):
            for k in range(A.shape[1]):
                C[i, j] += A[i, k] * B[k, j]
    return C


def total_abs_error(errors):
    errors = np.abs(np.asarray(errors))
    total = 0.0
    for e in errors:  # FRG304
        total += e
    return total


def confident_scores(scores, threshold=0.9):
    scores = np.asarray(scores)
    kept = []
    for s in scores:  # FRG304
        if s > threshold:
            kept.append(s)
    return np.array(kept)


def random_projection(in_dim, out_dim, seed=0):
    np.random.seed(seed)
    proj = torch.FloatTensor(np.random.randn(in_dim, out_dim))  # FRG109
    return proj / np.sqrt(out_dim)


def load_projection(path):
    return torch.from_numpy(np.load(path))  # OK: saved weights, not a generated array


def rowwise_dot(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return (a * b).sum(dim=1)  # OK: vectorised


def expected_calibration_error(probs, labels, n_bins=15):
    probs = np.asarray(probs)
    labels = np.asarray(labels)
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):  # OK: 15 bins, each step is vectorised
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return ece


def load_embeddings(pattern):
    embs = np.empty((0, 768), dtype=np.float32)
    for path in sorted(glob.glob(pattern)):
        embs = np.concatenate([embs, np.load(path)], axis=0)  # FRG305
    return embs


def load_labels(pattern):
    labels = np.array([], dtype=np.int64)
    for path in sorted(glob.glob(pattern)):
        labels = np.append(labels, np.load(path))  # FRG305
    return labels


def load_embeddings_fast(pattern):
    parts = [np.load(p) for p in sorted(glob.glob(pattern))]
    return np.concatenate(parts, axis=0) if parts else np.empty((0, 768), np.float32)  # OK


def summarise_runs(run_metrics):
    # run_metrics is a list of dicts from the experiment tracker, not an array
    best = None
    for run in run_metrics:  # OK: a handful of Python dicts
        if best is None or run["val_acc"] > best["val_acc"]:
            best = run
    mean_acc = sum(r["val_acc"] for r in run_metrics) / max(len(run_metrics), 1)
    return best, mean_acc


def stack_predictions(batches):
    preds = []
    for batch in batches:
        preds.append(batch.detach().cpu())  # OK: list append, one concat below
    return torch.cat(preds)

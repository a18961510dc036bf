"""Logistic regression trained by mini-batch gradient descent in pure Python.

A dependency-free workload for trying the profiler (about 5-10 s of one CPU core):

    frugal profile examples/profile_demo.py
    frugal profile --duration 3 examples/profile_demo.py -- --epochs 200

It prints its progress as `epoch 12/100`, which the profiler recognises to project the
energy of the whole run when it is stopped early.
"""
import argparse
import math
import random

SEED = 7


def make_dataset(n_samples, n_features, rng):
    true_w = [rng.gauss(0, 1) for _ in range(n_features)]
    rows, labels = [], []
    for _ in range(n_samples):
        x = [rng.gauss(0, 1) for _ in range(n_features)]
        margin = sum(w * v for w, v in zip(true_w, x)) + rng.gauss(0, 0.5)
        rows.append(x)
        labels.append(1.0 if margin > 0 else 0.0)
    return rows, labels


def sigmoid(z):
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def train(rows, labels, epochs, batch_size, lr):
    n_features = len(rows[0])
    w = [0.0] * n_features
    b = 0.0
    order = list(range(len(rows)))
    rng = random.Random(SEED)
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        loss = 0.0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            grad_w = [0.0] * n_features
            grad_b = 0.0
            for i in batch:
                x, y = rows[i], labels[i]
                p = sigmoid(sum(wj * xj for wj, xj in zip(w, x)) + b)
                err = p - y
                for j in range(n_features):
                    grad_w[j] += err * x[j]
                grad_b += err
                loss -= y * math.log(p + 1e-12) + (1 - y) * math.log(1 - p + 1e-12)
            for j in range(n_features):
                w[j] -= lr * grad_w[j] / len(batch)
            b -= lr * grad_b / len(batch)
        print(f"epoch {epoch}/{epochs} - loss {loss / len(rows):.4f}", flush=True)
    return w, b


def accuracy(rows, labels, w, b):
    hits = 0
    for x, y in zip(rows, labels):
        p = sigmoid(sum(wj * xj for wj, xj in zip(w, x)) + b)
        hits += (p > 0.5) == (y == 1.0)
    return hits / len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=8000)
    parser.add_argument("--features", type=int, default=50)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.5)
    args = parser.parse_args()

    rng = random.Random(SEED)
    rows, labels = make_dataset(args.samples, args.features, rng)
    split = int(0.8 * len(rows))
    w, b = train(rows[:split], labels[:split], args.epochs, args.batch_size, args.lr)
    print(f"validation accuracy {accuracy(rows[split:], labels[split:], w, b):.3f}")


if __name__ == "__main__":
    main()

"""Training-loop stand-in for the Measure-this-fix test: runs with the standard library alone."""
try:
    import torch
except ImportError:
    torch = None


def busy(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def main():
    if torch is not None:
        torch.autograd.set_detect_anomaly(True)
    print(busy(3_000_000))




if __name__ == "__main__":
    main()

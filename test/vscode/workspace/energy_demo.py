"""A small CPU-bound script for the Energy Profile tests: two phases of pure Python."""
import sys


def slow_sum_of_squares(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main(scale):
    a = slow_sum_of_squares(20_000_000 * scale)
    b = fib(26 + scale)
    print(f"sum={a} fib={b}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)

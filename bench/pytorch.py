"""The engine benchmarks' workloads in PyTorch, for `npm run bench` to print beside the engine's.

Run by bench/run.ts when `python3 -c "import torch"` works (skipped with a message otherwise):
    python3 bench/pytorch.py --seconds 2.5
Prints JSON: {"version", "threads", "rates": {case: {"wall": calls/s, "cpu": calls per CPU-second}}}
with the same cases as bench/run.ts (mlp, cnn, matmul, cnn_inference), single-threaded like the engine.
"""

import argparse
import json
import time

import torch
from torch import nn


def measure(fn, warmup, seconds):
    for _ in range(warmup):
        fn()
    calls = 0
    c0 = time.process_time()
    start = time.perf_counter()
    now = start
    while now - start < seconds or calls == 0:
        fn()
        calls += 1
        now = time.perf_counter()
    return {"wall": calls / (now - start), "cpu": calls / max(time.process_time() - c0, 1e-9)}


def mlp(seconds):
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 8), nn.Tanh(), nn.Linear(8, 1))
    x, y = torch.randn(10, 2), torch.randn(10, 1)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = nn.MSELoss()

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    return measure(step, 200, seconds)


def cnn_model():
    torch.manual_seed(2)
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding="same"),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding="same"),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 16 * 16, 4),
    )


def cnn(seconds):
    model = cnn_model()
    x = torch.randn(32, 1, 64, 64)
    y = torch.arange(32) % 4
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(model(x), y).backward()
        opt.step()

    return measure(step, 2, seconds)


def matmul(seconds):
    a, b = torch.randn(256, 256), torch.randn(256, 256)
    return measure(lambda: torch.mm(a, b), 3, seconds)


def cnn_inference(seconds):
    model = cnn_model().eval()
    x = torch.randn(1, 1, 64, 64)

    def infer():
        with torch.no_grad():
            model(x)

    return measure(infer, 5, seconds)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rates = {name: fn(args.seconds) for name, fn in [("mlp", mlp), ("cnn", cnn), ("matmul", matmul), ("cnn_inference", cnn_inference)]}
    print(json.dumps({"version": torch.__version__, "threads": args.threads, "rates": rates}))


if __name__ == "__main__":
    main()

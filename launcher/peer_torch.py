#!/usr/bin/python3
"""The PyTorch reference of ./course bench (Debian python3-torch, CPU) on Fashion-MNIST; the
bench runs it where PyTorch is installed and prints the course's speed as a ratio to it.

The same models, init scheme, optimiser, batch size, seed
handling and metric definitions as the course bench. Prints ONE JSON line per model on stdout.

Models (shapes as in the d2l book, MLP and LeNet chapters):
  mlp   : Flatten -> Linear(784,256) -> ReLU -> Linear(256,10)
  lenet : Conv(1->6, 5x5, pad 2) -> ReLU -> MaxPool(2,2)
          -> Conv(6->16, 5x5) -> ReLU -> MaxPool(2,2) -> Flatten
          -> Linear(400,120) -> ReLU -> Linear(120,84) -> ReLU -> Linear(84,10)
          (d2l LeNet with ReLU instead of sigmoid)

Hyper-parameters (as in the course bench):
  batch 256 (last partial batch of 96 kept, 235 steps/epoch), plain SGD
  (no momentum, no weight decay), lr 0.1 for both models (d2l's MLP value;
  with ReLU + He init LeNet also trains well at 0.1 -- d2l's 0.9 is for sigmoid),
  2 epochs. Weights: He/Kaiming normal, std = sqrt(2/fan_in) (= DJL's default
  XavierInitializer(GAUSSIAN, IN, 2)); biases zero. Pixels scaled to [0,1].
  Loss: mean softmax cross-entropy.

Timing protocol:
  * data loading (gzip + idx parse) is timed separately and excluded;
  * warm-up: --warmup-steps training steps + 2 inference batches on a
    throw-away model, then a fresh model (re-seeded) is trained;
  * per-epoch wall time over the full 60k set, includes per-batch index
    gather, forward, backward, SGD step and per-batch loss/accuracy read-back
    (.item(), i.e. one host sync per batch, as a course training loop does);
  * train_samples_per_s = 60000 / median epoch seconds;
  * inference: eval mode, no_grad, batch 256 over the 10k test set, repeated
    3 times; infer_samples_per_s uses the median pass; test_acc from pass 1.

Usage:
  /usr/bin/python3 peer_torch.py --model mlp|lenet|all [--epochs 2] [--threads 2]
"""
import argparse
import gzip
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

DATA_DIR = "/usr/share/datasets/fashion-mnist"


def read_idx_images(path):
    with gzip.open(path, "rb") as f:
        buf = f.read()
    magic, n, rows, cols = np.frombuffer(buf, dtype=">i4", count=4)
    assert magic == 2051, magic
    x = np.frombuffer(buf, dtype=np.uint8, offset=16).reshape(n, 1, rows, cols)
    return x.astype(np.float32) / 255.0


def read_idx_labels(path):
    with gzip.open(path, "rb") as f:
        buf = f.read()
    magic, n = np.frombuffer(buf, dtype=">i4", count=2)
    assert magic == 2049, magic
    return np.frombuffer(buf, dtype=np.uint8, offset=8).astype(np.int64)


def build(model):
    if model == "mlp":
        net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    elif model == "lenet":
        net = nn.Sequential(
            nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Conv2d(6, 16, kernel_size=5), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Flatten(),
            nn.Linear(16 * 5 * 5, 120), nn.ReLU(),
            nn.Linear(120, 84), nn.ReLU(),
            nn.Linear(84, 10))
    else:
        raise ValueError(model)
    for m in net.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
            nn.init.zeros_(m.bias)
    return net


def train_steps(net, opt, loss_fn, x, y, perm, batch, max_steps=None):
    """One pass over perm; returns (mean loss, accuracy, steps)."""
    n = perm.numel()
    loss_sum, correct, seen, steps = 0.0, 0, 0, 0
    for s in range(0, n, batch):
        idx = perm[s:s + batch]
        xb, yb = x[idx], y[idx]
        out = net(xb)
        loss = loss_fn(out, yb)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        nb = idx.numel()
        loss_sum += loss.item() * nb
        correct += (out.argmax(1) == yb).sum().item()
        seen += nb
        steps += 1
        if max_steps is not None and steps >= max_steps:
            break
    return loss_sum / seen, correct / seen, steps


@torch.no_grad()
def infer(net, x, y, batch):
    net.eval()
    correct = 0
    for s in range(0, x.shape[0], batch):
        out = net(x[s:s + batch])
        correct += (out.argmax(1) == y[s:s + batch]).sum().item()
    net.train()
    return correct / x.shape[0]


ENV_KEYS = ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
            "MXNET_ENGINE_TYPE", "MXNET_CPU_WORKER_NTHREADS", "MXNET_MKLDNN_ENABLED")


def thread_env():
    parts = ["%s=%s" % (k, os.environ[k]) for k in ENV_KEYS if k in os.environ]
    return " ".join(parts) if parts else "default"


def run(model, args, data):
    xtr, ytr, xte, yte = data
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(args.seed)

    # warm-up on a throw-away model
    torch.manual_seed(args.seed + 1)
    wnet = build(model)
    wopt = torch.optim.SGD(wnet.parameters(), lr=args.lr)
    t = time.perf_counter()
    train_steps(wnet, wopt, loss_fn, xtr, ytr, torch.randperm(xtr.shape[0], generator=gen),
                args.batch, max_steps=args.warmup_steps)
    with torch.no_grad():
        wnet.eval()
        wnet(xte[:args.batch]); wnet(xte[args.batch:2 * args.batch])
    warm_s = time.perf_counter() - t
    del wnet, wopt

    # timed run on a fresh, re-seeded model
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    net = build(model)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr)
    epoch_s, losses, accs = [], [], []
    for _ in range(args.epochs):
        perm = torch.randperm(xtr.shape[0], generator=gen)
        t = time.perf_counter()
        l, a, _ = train_steps(net, opt, loss_fn, xtr, ytr, perm, args.batch)
        epoch_s.append(time.perf_counter() - t)
        losses.append(l); accs.append(a)

    infer_s, test_acc = [], None
    for i in range(3):
        t = time.perf_counter()
        acc = infer(net, xte, yte, args.batch)
        infer_s.append(time.perf_counter() - t)
        if test_acc is None:
            test_acc = acc
    med_epoch = statistics.median(epoch_s)
    med_inf = statistics.median(infer_s)
    return {
        "framework": "pytorch",
        "framework_version": torch.__version__,
        "model": model,
        "params": sum(p.numel() for p in net.parameters()),
        "epochs": args.epochs,
        "batch_size": args.batch,
        "lr": args.lr,
        "seed": args.seed,
        "threads": torch.get_num_threads(),
        "env": thread_env(),
        "warmup_steps": args.warmup_steps,
        "warmup_s": round(warm_s, 3),
        "epoch_seconds": [round(e, 3) for e in epoch_s],
        "epoch_s_median": round(med_epoch, 3),
        "train_samples_per_s": round(xtr.shape[0] / med_epoch, 1),
        "train_loss_last_epoch": round(losses[-1], 4),
        "train_acc_last_epoch": round(accs[-1], 4),
        "infer_seconds": [round(e, 4) for e in infer_s],
        "infer_samples_per_s": round(xte.shape[0] / med_inf, 1),
        "test_acc": round(test_acc, 4),
        "data_load_s": data_load_s,
    }


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="all", choices=["mlp", "lenet", "all"])
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warmup-steps", type=int, default=30)
    ap.add_argument("--data-dir", default=DATA_DIR)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    d = args.data_dir
    data = (torch.from_numpy(read_idx_images(os.path.join(d, "train-images-idx3-ubyte.gz"))),
            torch.from_numpy(read_idx_labels(os.path.join(d, "train-labels-idx1-ubyte.gz"))),
            torch.from_numpy(read_idx_images(os.path.join(d, "t10k-images-idx3-ubyte.gz"))),
            torch.from_numpy(read_idx_labels(os.path.join(d, "t10k-labels-idx1-ubyte.gz"))))
    data_load_s = round(time.perf_counter() - t0, 3)
    models = ["mlp", "lenet"] if args.model == "all" else [args.model]
    for m in models:
        print(json.dumps(run(m, args, data)), flush=True)

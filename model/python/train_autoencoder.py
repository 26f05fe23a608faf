#!/usr/bin/env python3
"""Train Vigil's autoencoder in PyTorch and export it as TorchScript for the Java scorer (DJL, PyTorch engine).

Runs with Debian's python3-torch (apt-get install python3-torch; use /usr/bin/python3). Writes into OUT_DIR:
  vigil-ae.pt     the TorchScript module (input: float32 [batch, W]; output: the reconstruction, same shape)
  metadata.json   the same metadata the Java trainer writes (format "torchscript")
  expected.json   (with --fixture) inputs and the outputs PyTorch computed, for the equivalence test

The network is the one dev.vigil.model.Autoencoder defines: dense W -> 8 -> 4 -> 8 -> W, ReLU between layers,
linear output. Training windows imitate the simulator's normal series after Vigil's normalisation: a level,
a slow sine, Gaussian noise with standard deviation 1/(2*sigmas), plus a random level offset (level jitter).

    /usr/bin/python3 model/python/train_autoencoder.py OUT_DIR [--epochs 30] [--seed 42] [--fixture]
"""
import argparse
import datetime
import json
import math
import os

import torch
from torch import nn

WINDOW = 16
HIDDEN = [8, 4, 8]
SIGMAS = 12.0
LEVEL_JITTER = 1.0


def autoencoder(window, hidden):
    layers, width = [], window
    for units in hidden:
        layers += [nn.Linear(width, units), nn.ReLU()]
        width = units
    layers.append(nn.Linear(width, window))
    return nn.Sequential(*layers)


def normal_windows(count, generator):
    noise_std = 1.0 / (2 * SIGMAS)
    level = 0.5 + (torch.rand(count, 1, generator=generator) * 2 - 1) * LEVEL_JITTER
    phase = torch.rand(count, 1, generator=generator) * 2 * math.pi
    amplitude = torch.rand(count, 1, generator=generator) * 0.05
    t = torch.arange(WINDOW, dtype=torch.float32).unsqueeze(0)
    slow = amplitude * torch.sin(phase + t * 2 * math.pi / 240.0)
    noise = torch.randn(count, WINDOW, generator=generator) * noise_std
    return level + slow + noise


def percentile(sorted_values, q):
    return float(sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--windows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--version", default="1-torchscript")
    parser.add_argument("--fixture", action="store_true", help="also write expected.json for the Java test")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    data = normal_windows(args.windows, generator)
    held_out = normal_windows(max(1000, args.windows // 10), generator)

    model = autoencoder(WINDOW, HIDDEN)
    optimiser = torch.optim.Adam(model.parameters(), lr=0.005)
    for _ in range(args.epochs):
        for batch in data[torch.randperm(len(data), generator=generator)].split(64):
            optimiser.zero_grad()
            loss = ((model(batch) - batch) ** 2).mean()
            loss.backward()
            optimiser.step()

    model.eval()
    with torch.no_grad():
        errors = ((model(held_out) - held_out) ** 2).mean(dim=1).sort().values

    os.makedirs(args.out_dir, exist_ok=True)
    traced = torch.jit.trace(model, torch.zeros(1, WINDOW))
    traced.save(os.path.join(args.out_dir, "vigil-ae.pt"))
    metadata = {
        "name": "vigil-ae",
        "version": args.version,
        "format": "torchscript",
        "file": "vigil-ae.pt",
        "windowSize": WINDOW,
        "hiddenSizes": HIDDEN,
        "normalisation": {"method": "warmup-sigma-range", "sigmas": SIGMAS},
        "defaultThreshold": 0.01,
        "error": "mean over the W points of the window of (normalised value - reconstruction)^2",
        "trainingError": {"p50": percentile(errors, 0.5), "p90": percentile(errors, 0.9),
                          "p99": percentile(errors, 0.99), "p999": percentile(errors, 0.999),
                          "max": float(errors[-1])},
        "trainedOn": {"source": "python-synthetic", "seed": args.seed, "windows": args.windows,
                      "epochs": args.epochs, "levelJitter": LEVEL_JITTER},
        "createdAt": datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z"),
    }
    with open(os.path.join(args.out_dir, "metadata.json"), "w") as f:
        json.dump(metadata, f, indent=2)

    if args.fixture:
        inputs = torch.cat([held_out[:6], held_out[6:8] + torch.tensor([0.0] * (WINDOW - 1) + [1.5])])
        with torch.no_grad():
            outputs = traced(inputs)
        with open(os.path.join(args.out_dir, "expected.json"), "w") as f:
            json.dump({"inputs": inputs.tolist(), "outputs": outputs.tolist()}, f)
    print("wrote", args.out_dir, "held-out error p50/p99:", metadata["trainingError"]["p50"],
          metadata["trainingError"]["p99"])


if __name__ == "__main__":
    main()

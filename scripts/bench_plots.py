#!/usr/bin/env python3
"""100,000-point, 10-class scatter to SVG: modescope (Benchmarks svg-scatter) vs matplotlib, same run.

Usage: scripts/bench_plots.py [n]   (builds the Benchmarks target in release first)
matplotlib draws the same kind of data (10 Gaussian clusters on a circle) with one scatter call per class
and saves an SVG; both times are best of 3 and include writing the file.
"""
import json, os, subprocess, sys, tempfile, time
import numpy as np
import matplotlib
matplotlib.use("svg")
import matplotlib.pyplot as plt

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
subprocess.run(["swift", "build", "-c", "release", "--product", "Benchmarks"], cwd=root, check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
out = os.path.join(tempfile.mkdtemp(), "ours.svg")
ours = json.loads(subprocess.run([os.path.join(root, ".build/release/Benchmarks"), "svg-scatter", f"n={n}", f"out={out}"],
                                 check=True, capture_output=True, text=True).stdout)

rng = np.random.default_rng(42)
codes = np.arange(n) % 10
angles = codes * 2 * np.pi / 10
x = 4 * np.cos(angles) + rng.standard_normal(n)
y = 4 * np.sin(angles) + rng.standard_normal(n)
path = os.path.join(tempfile.mkdtemp(), "mpl.svg")
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    fig, ax = plt.subplots(figsize=(7.2, 4.8))
    for c in range(10):
        mask = codes == c
        ax.scatter(x[mask], y[mask], s=2, label=str(c))
    ax.legend()
    fig.savefig(path)
    plt.close(fig)
    best = min(best, time.perf_counter() - start)
size = os.path.getsize(path)
print(f"{n} points   modescope {ours['seconds']:.3f} s, {ours['bytes']/1e6:.2f} MB   "
      f"matplotlib {best:.3f} s, {size/1e6:.2f} MB   speed-up {best/ours['seconds']:.1f}x")

#!/usr/bin/env python3
"""Writes the bundled demo datasets under datasets/ (run once; the outputs are committed).

- digits.npy (1797×64 float32, pixel intensities 0–16, row shape 8×8) and digits_labels.npy (int64):
  scikit-learn's copy of the UCI optical digits test set (CC BY 4.0).
- ring_real.npy / ring_real_labels.npy: 8 Gaussians on a circle of radius 2, std 0.05 (the standard
  GAN toy benchmark), 2,000 points; ring_fake_collapsed.npy: a "generator" that covers only 3 of the 8 modes
  with a wider spread; ring_centers.npy: the 8 mode centres; ring_real.csv: the real ring as CSV with a
  label column (to show CSV loading).
"""
import pathlib
import numpy as np
from sklearn.datasets import load_digits

out = pathlib.Path(__file__).resolve().parents[2] / "datasets"
out.mkdir(exist_ok=True)

digits = load_digits()
np.save(out / "digits.npy", digits.images.astype(np.float32))  # (1797, 8, 8): modescope keeps the 8x8 row shape
np.save(out / "digits_labels.npy", digits.target.astype(np.int64))

rng = np.random.default_rng(20261126)
modes, radius, std, n = 8, 2.0, 0.05, 2000
angles = 2 * np.pi * np.arange(modes) / modes
centers = np.stack([radius * np.cos(angles), radius * np.sin(angles)], axis=1)
labels = rng.integers(0, modes, size=n)
real = centers[labels] + std * rng.standard_normal((n, 2))
np.save(out / "ring_centers.npy", centers.astype(np.float32))
np.save(out / "ring_real.npy", real.astype(np.float32))
np.save(out / "ring_real_labels.npy", labels.astype(np.int64))
with open(out / "ring_real.csv", "w") as f:
    f.write("x,y,label\n")
    for (x, y), l in zip(real.astype(np.float32), labels):
        f.write(f"{x:.6g},{y:.6g},{l}\n")

kept = np.array([0, 1, 2])  # the collapsed generator covers three neighbouring modes only
fake_labels = rng.choice(kept, size=n, p=[0.6, 0.3, 0.1])
fake = centers[fake_labels] + 2.5 * std * rng.standard_normal((n, 2))
np.save(out / "ring_fake_collapsed.npy", fake.astype(np.float32))
print("wrote", sorted(p.name for p in out.iterdir()))

#!/usr/bin/env python3
"""Reference values for the entropic (Sinkhorn) earth mover's distance (Tests/MetricsTests/EntropicTransportTests).

POT 0.9 `ot.sinkhorn2(a, b, M, reg, method="sinkhorn_log", stopThr=1e-10, numItermax=100000)` with uniform
weights, M = scipy cdist in float64 of the float32 rows (Euclidean for W1, squared Euclidean for W2) and
reg = eps * mean(M): modescope's unit-free relative ε. It returns <P_reg, M>, the transport cost of the
entropic plan. `ot.emd2` on the equal-size pairs gives the exact optimum, so the bias of each ε is recorded.

Inputs are the bundled datasets and the collapsed digit fake of metrics.py (seed 12), sizes unequal on purpose:
- digits_collapsed: digit rows 0:300 vs the first 250 rows of metrics.py's collapsed fake (digits 0 and 1 only);
- ring_collapsed: ring_real rows 0:400 vs ring_fake_collapsed rows 0:300;
- bias (equal sizes, exact vs entropic): the two `emd` pairs of metrics.py (ring 0:150 vs fake 0:150, digits
  0:100 vs 100:200) at relative eps 0.01 and 0.001.

    python3 scripts/reference/sinkhorn.py > datasets/reference/metrics/sinkhorn.json
"""
import json
import os
import sys

import numpy as np
import ot
import scipy.spatial.distance as ssd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from metrics import dataset, fake_sets  # noqa: E402

RELATIVE_EPSILON = 0.01
STOP_THRESHOLD = 1e-10


def costs(real, fake):
    real = real.astype(np.float64)
    fake = fake.astype(np.float64)
    return {"w1": ssd.cdist(real, fake), "w2": ssd.cdist(real, fake, "sqeuclidean")}


def entropic(real, fake, relative_epsilon):
    a = np.full(len(real), 1.0 / len(real))
    b = np.full(len(fake), 1.0 / len(fake))
    out = {"rows": [len(real), len(fake)], "relative_epsilon": relative_epsilon}
    for name, matrix in costs(real, fake).items():
        reg = relative_epsilon * float(matrix.mean())
        value = ot.sinkhorn2(a, b, matrix, reg, method="sinkhorn_log", stopThr=STOP_THRESHOLD, numItermax=100_000)
        out[name] = {"mean_cost": float(matrix.mean()), "epsilon": reg, "transport_cost": float(value)}
    return out


def bias(real, fake):
    a = np.full(len(real), 1.0 / len(real))
    out = {"rows": len(real)}
    for name, matrix in costs(real, fake).items():
        exact = float(ot.emd2(a, a, matrix, numItermax=10_000_000))
        entry = {"exact": exact}
        for relative_epsilon in (0.01, 0.001):
            reg = relative_epsilon * float(matrix.mean())
            value = float(ot.sinkhorn2(a, a, matrix, reg, method="sinkhorn_log", stopThr=STOP_THRESHOLD,
                                       numItermax=100_000))
            entry[f"eps_{relative_epsilon}"] = {"epsilon": reg, "transport_cost": value,
                                                "gap": value - exact, "gap_relative": (value - exact) / exact}
        out[name] = entry
    return out


def main():
    digits, collapsed = fake_sets()["digits_collapsed"]
    ring = dataset("ring_real.npy").astype(np.float32)
    ring_fake = dataset("ring_fake_collapsed.npy").astype(np.float32)
    out = {
        "stop_threshold": STOP_THRESHOLD,
        "digits_collapsed": {"real": [0, 300], "fake": [0, 250], **entropic(digits[:300], collapsed[:250], RELATIVE_EPSILON)},
        "ring_collapsed": {"real": [0, 400], "fake": [0, 300], **entropic(ring[:400], ring_fake[:300], RELATIVE_EPSILON)},
        "bias_ring": bias(ring[:150], ring_fake[:150]),
        "bias_digits": bias(digits[:100], digits[100:200]),
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

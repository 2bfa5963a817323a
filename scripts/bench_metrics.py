#!/usr/bin/env python3
"""Times modescope's metrics against the peers on the same data, in one run, and prints the ratios.

    python3 scripts/bench_metrics.py [fd] [kid] [prdc] [large] [emd] [emd_n=2000] [emd_eps=0.01]
        [emd_pot=sinkhorn,sinkhorn_log]

The Swift `Benchmarks` executable (release build) generates seeded Gaussian sets, writes them as .npy,
times its own computation and prints one JSON line with values and peak RSS; this script then runs the
peer on the same files in a fresh Python process (so its peak RSS is its own) and checks the values agree:
- fd: pytorch-fid 0.3.0's route (numpy mean/cov, scipy.linalg.sqrtm), 10,000 x 2,048 per set;
- kid: torch-fidelity 0.4.0's KID re-implemented in numpy float32 (100 subsets of 1,000), 10,000 x 2,048
  (different random subsets from ours, so values agree only statistically);
- prdc: the prdc package (k = 5), 10,000 + 10,000 in 64-D, and 20,000 + 20,000;
- emd: POT 0.9 `ot.sinkhorn2` on the squared Euclidean costs (ot.dist, float64) with modescope's absolute
  epsilon (emd_eps x mean cost) and stop threshold 1e-6, POT's default method="sinkhorn" (emd_pot= lists
  methods; "sinkhorn_log" took 926 s at 2,000 + 2,000)
  (emd_n + emd_n rows in 64-D, default 2,000; 5,000 takes tens of minutes, POT sinkhorn_log hours), and exact W1/W2 at 2,000 + 2,000 against `ot.emd2`;
- large: modescope alone on 100,000 + 100,000 in 2,048-D (prdc would need three 100,000^2 float32
  matrices, 120 GB); pass large_n=... to choose n.
Needs: pip install prdc scipy numpy pot. Results are machine-dependent; docs/performance.md records a run.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRATCH = os.path.join(ROOT, ".build-bench-metrics")

PEERS = {
    "fd": """
import numpy as np, scipy.linalg, time, json, resource, sys
x = np.load(sys.argv[1]); y = np.load(sys.argv[2])
t = time.perf_counter()
mu1, mu2 = np.mean(x, axis=0), np.mean(y, axis=0)
s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
covmean = scipy.linalg.sqrtm(s1.dot(s2))
covmean = covmean.real
diff = mu1 - mu2
value = diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)
seconds = time.perf_counter() - t
print(json.dumps({"value": float(value), "seconds": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""",
    "kid": """
import numpy as np, time, json, resource, sys
x = np.load(sys.argv[1]); y = np.load(sys.argv[2])
t = time.perf_counter()
d = x.shape[1]; m = 1000
rng = np.random.RandomState(0)
values = []
for _ in range(100):
    a = x[rng.choice(len(x), m, replace=False)]; b = y[rng.choice(len(y), m, replace=False)]
    kxx = (a @ a.T / d + 1) ** 3; kyy = (b @ b.T / d + 1) ** 3; kxy = (a @ b.T / d + 1) ** 3
    value = ((kxx.sum(1) - np.diag(kxx)).sum() + (kyy.sum(1) - np.diag(kyy)).sum()) / (m * (m - 1))
    values.append(value - 2 * kxy.sum() / (m * m))
seconds = time.perf_counter() - t
print(json.dumps({"value": float(np.mean(values)), "std": float(np.std(values)), "seconds": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""",
    "prdc": """
import numpy as np, time, json, resource, sys, contextlib, io
import prdc
x = np.load(sys.argv[1]); y = np.load(sys.argv[2])
t = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    r = prdc.compute_prdc(x, y, nearest_k=5)
seconds = time.perf_counter() - t
r = {k: float(v) for k, v in r.items()}
r.update(seconds=seconds, peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(r))
""",
    "emd_sinkhorn": """
import numpy as np, ot, time, json, resource, sys
x = np.load(sys.argv[1]).astype(np.float64); y = np.load(sys.argv[2]).astype(np.float64)
reg, threshold, method = float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
t = time.perf_counter()
a = np.full(len(x), 1.0 / len(x)); b = np.full(len(y), 1.0 / len(y))
value = ot.sinkhorn2(a, b, ot.dist(x, y), reg, method=method, stopThr=threshold, numItermax=100000)
seconds = time.perf_counter() - t
print(json.dumps({"value": float(value), "seconds": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""",
    "emd_exact": """
import numpy as np, ot, time, json, resource, sys
x = np.load(sys.argv[1]).astype(np.float64); y = np.load(sys.argv[2]).astype(np.float64)
t = time.perf_counter()
a = np.full(len(x), 1.0 / len(x))
w1 = ot.emd2(a, a, ot.dist(x, y, metric="euclidean"), numItermax=10_000_000)
w2 = ot.emd2(a, a, ot.dist(x, y), numItermax=10_000_000) ** 0.5
seconds = time.perf_counter() - t
print(json.dumps({"w1": float(w1), "w2": float(w2), "seconds": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
""",
}


def build():
    subprocess.run(["swift", "build", "-c", "release", "--product", "Benchmarks", "--scratch-path", SCRATCH],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(SCRATCH, "release", "Benchmarks")


def ours(binary, name, **options):
    arguments = [binary, name] + [f"{k}={v}" for k, v in options.items()]
    output = subprocess.run(arguments, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def peer(name, directory, *extra):
    output = subprocess.run([sys.executable, "-c", PEERS[name], os.path.join(directory, "real.npy"),
                             os.path.join(directory, "fake.npy"), *map(str, extra)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def compare(name, binary, keys, **options):
    with tempfile.TemporaryDirectory() as directory:
        mine = ours(binary, name, write=directory, **options)
        theirs = peer(name, directory)
    line = {"benchmark": name, "n": mine["n"], "d": mine["d"], "modescope_s": round(mine["seconds"], 3),
            "peer_s": round(theirs["seconds"], 3), "speedup": round(theirs["seconds"] / mine["seconds"], 2),
            "modescope_rss_mb": round(mine["peak_rss_mb"]), "peer_rss_mb": round(theirs["peak_rss_mb"])}
    for key in keys:
        line[key] = [mine[key if key in mine else "value"], theirs[key if key in theirs else "value"]]
    print(json.dumps(line), flush=True)


def earth_movers(binary, n, eps, methods):
    """Sinkhorn (W2 squared, same absolute epsilon and stop threshold) and exact W1/W2, each against POT."""
    with tempfile.TemporaryDirectory() as directory:
        mine = ours(binary, "emd", write=directory, n=n, eps=eps)
        # POT stops on the L2 norm of a marginal error, modescope on the L1 norm (which is up to sqrt(n) times
        # larger): "same" passes our number unchanged (a looser test for POT), "matched" divides it by sqrt(n).
        for method, rule in [(m, r) for m in methods for r in ("same", "matched")]:
            threshold = mine["tolerance"] if rule == "same" else mine["tolerance"] / n ** 0.5
            theirs = peer("emd_sinkhorn", directory, mine["epsilon"], threshold, method)
            print(json.dumps({"benchmark": f"emd sinkhorn vs POT {method}, stopThr {rule} ({threshold:.3g})", "n": n, "d": mine["d"],
                              "epsilon": mine["epsilon"], "iterations": mine["iterations"],
                              "modescope_s": round(mine["seconds"], 2), "peer_s": round(theirs["seconds"], 2),
                              "speedup": round(theirs["seconds"] / mine["seconds"], 2),
                              "modescope_rss_mb": round(mine["peak_rss_mb"]), "peer_rss_mb": round(theirs["peak_rss_mb"]),
                              "value": [mine["value"], theirs["value"]]}), flush=True)
    with tempfile.TemporaryDirectory() as directory:
        mine = ours(binary, "emd", write=directory, method="exact", n=2000)
        theirs = peer("emd_exact", directory)
        print(json.dumps({"benchmark": "emd exact vs POT emd2 (W1 and W2)", "n": 2000, "d": mine["d"],
                          "modescope_s": round(mine["seconds"], 2), "peer_s": round(theirs["seconds"], 2),
                          "speedup": round(theirs["seconds"] / mine["seconds"], 2),
                          "w1": [mine["w1"], theirs["w1"]], "w2": [mine["w2"], theirs["w2"]]}), flush=True)


def main():
    wanted = [a for a in sys.argv[1:] if "=" not in a] or ["fd", "kid", "prdc"]
    extra = dict(a.split("=", 1) for a in sys.argv[1:] if "=" in a)
    binary = build()
    if "fd" in wanted:
        compare("fd", binary, ["value"], repeats=1)
    if "kid" in wanted:
        compare("kid", binary, ["value"])
    if "prdc" in wanted:
        compare("prdc", binary, ["precision", "recall", "density", "coverage"])
        compare("prdc", binary, ["precision", "recall", "density", "coverage"], n=20000)
    if "emd" in wanted:
        earth_movers(binary, int(extra.get("emd_n", 2000)), float(extra.get("emd_eps", 0.01)),
                     extra.get("emd_pot", "sinkhorn").split(","))
    if "large" in wanted:
        n = int(extra.get("large_n", 100000))
        start = time.perf_counter()
        mine = ours(binary, "prdc", n=n, d=2048)
        mine["wall_s"] = round(time.perf_counter() - start, 1)
        print(json.dumps(mine), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Nearest-neighbour benchmarks: modescope against scikit-learn, faiss and hnswlib on the same data, in
the same run, with the same thread count (issue 6). Prints one table of times and ratios.

    pip install faiss-cpu hnswlib scikit-learn threadpoolctl
    python3 scripts/bench_neighbors.py [--threads 2] [--rows 50000] [--large]

- exact: all-points 10-NN of a clustered rows×64 float32 set (each row excluded from its own list);
  modescope's lists are checked tie-aware against scikit-learn's brute force (recall must be 1.0).
- hnsw: build + all-points query at M=16, ef_construction=200, ef=50 for modescope and hnswlib, with
  recall@10 against the exact lists.
- --large: 10-NN of 10,000 queries against 50,000 references in 2,048 dimensions; peak RSS reported.
"""
import argparse
import json
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
SCRATCH = ".build-bench-neighbors"


def clustered(rows, columns, clusters, seed):
    rng = np.random.default_rng(seed)
    centres = 4 * rng.standard_normal((clusters, columns)).astype(np.float32)
    noise = rng.standard_normal((rows, columns)).astype(np.float32)
    return (centres[rng.integers(0, clusters, rows)] + noise).astype(np.float32)


def benchmarks_binary():
    subprocess.run(["swift", "build", "-c", "release", "--product", "Benchmarks", "--scratch-path", SCRATCH],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return str(ROOT / SCRATCH / "release" / "Benchmarks")


def run_modescope(binary, name, **options):
    arguments = [binary, name] + [f"{key}={value}" for key, value in options.items()]
    output = subprocess.run(arguments, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def timed(body):
    start = time.perf_counter()
    result = body()
    return time.perf_counter() - start, result


def drop_self(indices, distances, k):
    rows = []
    for row, (ids, ds) in enumerate(zip(indices, distances)):
        keep = ids != row
        rows.append(ids[keep][:k])
    return np.array(rows)


def tie_aware_recall(found, data, reference_distances, queries=None):
    """Fraction of found neighbours whose float64 distance is within the reference k-th distance."""
    queries = data if queries is None else queries
    kth = reference_distances[:, -1]
    hits = 0
    for row in range(len(found)):
        d = np.sqrt(((data[found[row]].astype(np.float64) - queries[row].astype(np.float64)) ** 2).sum(axis=1))
        hits += int((d <= kth[row] * (1 + 1e-5) + 1e-5).sum())
    return hits / found.size


def recall(found, exact):
    return float(np.mean([len(set(a) & set(b)) / len(b) for a, b in zip(found, exact)]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--large", action="store_true")
    args = parser.parse_args()
    threads, k = args.threads, 10
    os.environ["OMP_NUM_THREADS"] = str(threads)
    from threadpoolctl import threadpool_limits
    import faiss
    import hnswlib
    from sklearn.neighbors import NearestNeighbors

    binary = benchmarks_binary()
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-neighbors-"))
    data = clustered(args.rows, 64, 50, 20261126)
    np.save(work / "data.npy", data)
    table = []

    # Exact all-points 10-NN.
    ours = run_modescope(binary, "neighbors", data=work / "data.npy", k=k, threads=threads,
                         out=work / "exact.npy", repeats=1)
    with threadpool_limits(threads):
        model = NearestNeighbors(n_neighbors=k + 1, algorithm="brute", n_jobs=threads).fit(data)
        sk_seconds, (sk_d, sk_i) = timed(lambda: model.kneighbors(data))
    faiss.omp_set_num_threads(threads)
    index = faiss.IndexFlatL2(64)
    index.add(data)
    fa_seconds, (fa_d, fa_i) = timed(lambda: index.search(data, k + 1))
    exact = np.load(work / "exact.npy")
    sk_lists = drop_self(sk_i, sk_d, k)
    sk_dist = np.array([d[i != r][:k] for r, (i, d) in enumerate(zip(sk_i, sk_d))])
    exactness = tie_aware_recall(exact, data, sk_dist)
    best_peer = min(sk_seconds, fa_seconds)
    table.append(("exact 10-NN all points", f"{args.rows}x64", ours["seconds"], sk_seconds, fa_seconds,
                  best_peer / ours["seconds"], f"tie-aware recall {exactness:.4f}"))

    # HNSW.
    hn = run_modescope(binary, "hnsw", data=work / "data.npy", k=k, threads=threads, M=16, ef_construction=200,
                       ef=50, out=work / "hnsw.npy")
    ours_recall = recall(np.load(work / "hnsw.npy"), exact)
    peer = hnswlib.Index(space="l2", dim=64)
    build_seconds, _ = timed(lambda: (peer.init_index(max_elements=len(data), ef_construction=200, M=16),
                                      peer.add_items(data, np.arange(len(data)), num_threads=threads)))
    peer.set_ef(50)
    query_seconds, (hl_i, hl_d) = timed(lambda: peer.knn_query(data, k=k + 1, num_threads=threads))
    peer_recall = recall(drop_self(hl_i, hl_d, k), exact)
    ours_total = hn["buildSeconds"] + hn["querySeconds"]
    table.append(("hnsw build+query (M=16, efc=200, ef=50)", f"{args.rows}x64", ours_total, None,
                  build_seconds + query_seconds, (build_seconds + query_seconds) / ours_total,
                  f"build {hn['buildSeconds']:.2f}/{build_seconds:.2f} s, query {hn['querySeconds']:.2f}/"
                  f"{query_seconds:.2f} s, recall {ours_recall:.4f}/{peer_recall:.4f}"))

    if args.large:
        reference = clustered(50_000, 2048, 100, 7)
        queries = clustered(10_000, 2048, 100, 8)
        np.save(work / "reference.npy", reference)
        np.save(work / "queries.npy", queries)
        big = run_modescope(binary, "neighbors", data=work / "reference.npy", queries=work / "queries.npy", k=k,
                            threads=threads, out=work / "large.npy")
        flat = faiss.IndexFlatL2(2048)
        flat.add(reference)
        fa_large, (fl_d, fl_i) = timed(lambda: flat.search(queries, k))
        agreement = tie_aware_recall(np.load(work / "large.npy"), reference, np.sqrt(fl_d.astype(np.float64)),
                                     queries=queries)
        table.append(("exact 10-NN 10k queries x 50k refs", "2048-d", big["seconds"], None, fa_large,
                      fa_large / big["seconds"], f"peak RSS {big['peakRSSMiB']:.0f} MiB (data "
                      f"{(reference.nbytes + queries.nbytes) / 2**20:.0f} MiB); recall vs faiss {agreement:.4f}"))

    print(f"threads={threads}, peak RSS of this script {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print(f"{'task':44} {'data':10} {'modescope':>10} {'sklearn':>9} {'faiss/hnswlib':>14} {'speed-up':>9}  notes")
    for task, shape, ours_s, sk_s, peer_s, ratio, notes in table:
        sk_text = f"{sk_s:9.2f}" if sk_s is not None else f"{'—':>9}"
        print(f"{task:44} {shape:10} {ours_s:10.2f} {sk_text} {peer_s:14.2f} {ratio:8.2f}x  {notes}")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Reference values for the Neighbors module (Tests/NeighborsTests/Fixtures/neighbors_reference.json).

Exact neighbours come from scikit-learn's brute-force NearestNeighbors in float64; the test compares
tie-aware (ties at the k-th distance may be listed in any order). Generated sets are built from the
seeded twin generator (splitmix_gaussian.py) so the Swift tests rebuild identical float32 data:

- clustered(n, d, clusters, seed): centres = 4 * normal_matrix(clusters, d), then row i =
  centres[i % clusters] + normal row i (all float32 arithmetic);
- duplicated(n, d, distinct, seed): base = normal_matrix(distinct, d); row i = base[(7 * i) % distinct].

K-means: the greedy k-means++ seeding is re-implemented here on the same random stream as
Sources/Neighbors/KMeansSeeding.swift (first row nextIndex(n), then per candidate nextUniform() * potential,
searchsorted left), then scikit-learn's KMeans(init=those rows, n_init=1, algorithm="lloyd") runs Lloyd.

    python3 scripts/reference/neighbors.py
"""
import json
import math
import pathlib
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.neighbors import NearestNeighbors

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from splitmix_gaussian import SeededGenerator, normal_matrix  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]


def clustered(n, d, clusters, seed):
    g = SeededGenerator(seed)
    centres = np.float32(4) * normal_matrix(clusters, d, g)
    noise = normal_matrix(n, d, g)
    return (centres[np.arange(n) % clusters] + noise).astype(np.float32)


def duplicated(n, d, distinct, seed):
    base = normal_matrix(distinct, d, SeededGenerator(seed))
    return base[(7 * np.arange(n)) % distinct]


def digits():
    return np.load(ROOT / "datasets" / "digits.npy").reshape(1797, 64).astype(np.float32)


def knn(queries, reference, k, metric="euclidean", within=False):
    model = NearestNeighbors(n_neighbors=k + (1 if within else 0), algorithm="brute", metric=metric)
    model.fit(reference.astype(np.float64))
    distances, indices = model.kneighbors(queries.astype(np.float64))
    if within:
        # Drop each row itself by index (not the first column: a duplicate may come first).
        keep = indices != np.arange(len(queries))[:, None]
        rows = []
        for i in range(len(queries)):
            rows.append((indices[i][keep[i]][:k], distances[i][keep[i]][:k]))
        indices = np.array([r[0] for r in rows])
        distances = np.array([r[1] for r in rows])
    return {"k": k, "metric": metric, "within": within,
            "indices": indices.astype(int).ravel().tolist(), "distances": distances.ravel().tolist()}


def kmeans_plus_plus(data, clusters, seed):
    g = SeededGenerator(seed)
    n = len(data)
    x = data.astype(np.float64)
    trials = 2 + int(math.log(clusters))

    def sq(c):
        return ((data - data[c]) ** 2).astype(np.float32).sum(axis=1, dtype=np.float64)

    chosen = [g.next_index(n)]
    closest = sq(chosen[0])
    potential = closest.sum()
    while len(chosen) < clusters:
        cumulative = np.cumsum(closest)
        best = None
        for _ in range(trials):
            target = g.next_uniform() * potential
            candidate = min(n - 1, int(np.searchsorted(cumulative, target, side="left")))
            d = np.minimum(sq(candidate), closest)
            p = d.sum()
            if best is None or p < best[0]:
                best = (p, candidate, d)
        chosen.append(best[1])
        closest, potential = best[2], best[0]
    del x
    return chosen


def kmeans_case(name, data, clusters, seed):
    seeds = kmeans_plus_plus(data, clusters, seed)
    model = KMeans(n_clusters=clusters, init=data[seeds], n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300)
    model.fit(data)
    return {"name": name, "clusters": clusters, "seed": seed, "seedRows": seeds,
            "inertia": float(model.inertia_), "iterations": int(model.n_iter_),
            "labels": model.labels_.astype(int).tolist(),
            "centers": model.cluster_centers_.astype(np.float64).ravel().tolist()}


def main():
    d = digits()
    cl = clustered(2000, 64, 20, 606)
    dup = duplicated(600, 16, 60, 707)
    out = {
        "digitsWithin": knn(d, d, 10, within=True),
        "digitsCosine": knn(d[:300], d, 5, metric="cosine"),
        "clusteredWithin": knn(cl, cl, 10, within=True),
        "clusteredQueries": knn(cl[:500] + np.float32(0.5), cl[500:], 7),
        "duplicatesWithin": knn(dup, dup, 15, within=True),
        "kmeans": [
            kmeans_case("clustered", clustered(1500, 8, 10, 808), 10, 42),
            kmeans_case("digits", d, 10, 7),
        ],
    }
    path = ROOT / "Tests" / "NeighborsTests" / "Fixtures" / "neighbors_reference.json"
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Reference values for the Neighbors module (Tests/NeighborsTests/Fixtures/neighbors_reference.json).

Exact neighbours come from scikit-learn's brute-force NearestNeighbors in float64; the test compares
tie-aware (ties at the k-th distance may be listed in any order). Generated sets are built from the
seeded twin generator (splitmix_gaussian.py) so the Swift tests rebuild identical float32 data:

- clustered(n, d, clusters, seed): centres = 4 * normal_matrix(clusters, d), then row i =
  centres[i % clusters] + normal row i (all float32 arithmetic);
- duplicated(n, d, distinct, seed): base = normal_matrix(distinct, d); row i = base[(7 * i) % distinct].

Memorization: nearest-training-row distances, the 5% quantile of the training set's own 1-NN
distances as copy threshold, the closest fakes, and C_T (Meehan, Chaudhuri & Dasgupta 2020) re-implemented
from the paper's code with scipy's Mann-Whitney U, on K-means cells fitted as below.

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
from scipy.stats import mannwhitneyu
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


def mann_whitney_z(first, second):
    """Z_U of Meehan et al.'s code: scipy's U of `first`, mean n*m/2 - 0.5, std sqrt(n*m*(n+m+1)/12)."""
    u = mannwhitneyu(first, second, alternative="less").statistic
    m, n = len(first), len(second)
    return (u - (n * m / 2 - 0.5)) / np.sqrt(n * m * (n + m + 1) / 12)


def c_t(train, train_cells, test, test_cells, fake, fake_cells, cells, minimum):
    """C_T (Meehan, Chaudhuri & Dasgupta 2020) following their reference code, per-cell 1-NN in float64."""
    z = np.zeros(cells)
    test_counts = np.array([(test_cells == c).sum() for c in range(cells)])
    fake_counts = np.array([(fake_cells == c).sum() for c in range(cells)])
    for c in range(cells):
        t, p, q = train[train_cells == c], test[test_cells == c], fake[fake_cells == c]
        if len(t) == 0 or len(p) == 0 or len(q) == 0:
            continue
        nn = NearestNeighbors(n_neighbors=1, algorithm="brute").fit(t.astype(np.float64))
        lq = nn.kneighbors(q.astype(np.float64))[0][:, 0]
        lp = nn.kneighbors(p.astype(np.float64))[0][:, 0]
        z[c] = mann_whitney_z(lq, lp)
    kept = (fake_counts >= minimum) & (test_counts > 0)
    weights = test_counts[kept]
    statistic = float(z[kept] @ weights / weights.sum()) if weights.sum() > 0 else None
    return {"statistic": statistic, "cellZ": z.tolist(), "testCounts": test_counts.tolist(),
            "generatedCounts": fake_counts.tolist(), "keptCells": np.flatnonzero(kept).tolist()}


def memorization_case(name, fake, train, test, cells, seed, quantile=0.05, offenders=5):
    seeds = kmeans_plus_plus(train, cells, seed)
    model = KMeans(n_clusters=cells, init=train[seeds], n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300)
    model.fit(train)
    nn = NearestNeighbors(n_neighbors=2, algorithm="brute").fit(train.astype(np.float64))
    fake_d, fake_i = nn.kneighbors(fake.astype(np.float64), n_neighbors=1)
    test_d = nn.kneighbors(test.astype(np.float64), n_neighbors=1)[0][:, 0]
    train_d = nn.kneighbors(train.astype(np.float64), n_neighbors=2)[0][:, 1]  # no duplicates in these sets
    threshold = np.quantile(train_d, quantile)
    return {
        "name": name, "cells": cells, "seed": seed, "thresholdQuantile": quantile,
        "fakeDistances": fake_d[:, 0].tolist(), "fakeNearestTrain": fake_i[:, 0].tolist(),
        "testDistances": test_d.tolist(), "threshold": float(threshold),
        "fakeFractionBelow": float((fake_d[:, 0] < threshold).mean()),
        "testFractionBelow": float((test_d < threshold).mean()),
        "offenders": np.argsort(fake_d[:, 0], kind="stable")[:offenders].tolist(),
        "copyingTest": c_t(train, model.labels_, test, model.predict(test), fake, model.predict(fake), cells, 20),
    }


def memorization_cases():
    """train, test and a fresh fake from one clustered draw; a copier = train rows + small noise."""
    pool = clustered(1200, 8, 6, 901)
    train, test, fresh = pool[:600], pool[600:900], pool[900:]
    copier = (train[:300] + np.float32(0.05) * normal_matrix(300, 8, SeededGenerator(903))).astype(np.float32)
    return [memorization_case("copier", copier, train, test, 5, 42),
            memorization_case("fresh", fresh, train, test, 5, 42)]


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
        "memorization": memorization_cases(),
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

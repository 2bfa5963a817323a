#!/usr/bin/env python3
"""Reference values for Tests/MetricsTests (numpy 2.x, scipy, scikit-learn, prdc 0.2).

Every input is rebuilt bit for bit by the Swift tests: the bundled datasets (digits, ring) plus fake sets
drawn with the shared generator (splitmix_gaussian.py, the twin of SeededGenerator) in float32. Nothing
large is committed: the seeds are below and in the JSON.

- Fréchet distance: pytorch-fid 0.3.0's formula (np.mean, np.cov with n-1) with the trace term from
  float64 symmetric eigen-decompositions (sqrt(S1) = V sqrt(L) V^T, eigvalsh(sqrt(S1) S2 sqrt(S1)));
  scipy's general sqrtm value (pytorch-fid's route) is stored beside it for information.
- KID: torch-fidelity 0.4.0's `mmd2` (unbiased, polynomial kernel degree 3, gamma 1/d, coef0 1) in float64
  on the subsets SeededGenerator draws (subset i: stream 2i samples real rows, stream 2i+1 fake rows).
- Improved precision/recall: torch-fidelity 0.4.0 `calculate_precision_recall_part` (k-th value k+1 of
  the own-set distances, `<=`); density/coverage: prdc 0.2 `compute_prdc` (`<`). Counts are computed on
  exact float64 distances of the float32 data, and prdc itself is run on the data widened to float64 and
  must agree; prdc run on the float32 arrays (float32 distances, so near-ties merge) is stored as
  `prdc_float32`.

- Inception Score: the original definition (10 consecutive splits, exp of the mean KL, np.std) on seeded
  probability rows (u**4 normalised, no exp, so both languages build them bit for bit).
- Sliced Wasserstein: POT's definition with p = 2 on directions drawn from the shared generator, exact 1-D
  W2 between quantile functions; Vendi: the vendi_score package's score_K (cosine, and RBF at given
  bandwidths); MMD: unbiased MMD^2, Gaussian kernel with the median heuristic on <= 1000 seeded pooled rows,
  and the cubic polynomial kernel, plus permutation p-values on 100 + 100 ring rows.
- Group counts: scipy.stats.chi2_contingency (correction=False) on real/fake counts per group, chi2.sf.
- Modes covered: nearest of the 8 ring centres, high quality within 3 std (0.05), PacGAN's 20/2500 share.
- Distances (`distances` command): k-th neighbour distances and pairwise distances of the first 500 ring
  and collapsed-ring rows (scipy cdist/pdist in float64), 5/25/50/75/95 % linear percentiles.
- Train-synthetic-test-real: scikit-learn KNeighborsClassifier(5) (exact) and LogisticRegression (C=1, run to
  convergence with tol=1e-10; accuracy within 0.01) trained on digit rows 0:600 (real) or 600:1200 (fake; collapsed: its labels 0-2),
  tested on rows 1200:1797; accuracy, macro-F1 and per-class recall.
- Authenticity (Alaa et al. 2022): per fake, distance to the nearest training row vs that row's own
  nearest-neighbour distance, float64 numpy; training = ring rows 0:1000, fakes = the collapsed ring and
  ring rows 0:300 plus 1e-4 seeded noise.
- Earth mover's distance: POT `ot.emd2` (uniform weights) on the first 150 ring and collapsed-ring rows and
  on digit rows 0:100 vs 100:200; W1 on Euclidean costs, W2 on squared Euclidean costs.
- NDB/JSD: the paper's two-proportion z-test (alpha 0.05) and JSD over bins of 20 scikit-learn K-means
  centres fitted on the real set (stored in the JSON, so the Swift test bins with the same centres).

    python3 scripts/reference/metrics.py > datasets/reference/metrics/reference.json
"""
import json
import os
import sys

import numpy as np
import scipy.linalg

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from splitmix_gaussian import SeededGenerator, normal_matrix  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def dataset(name):
    array = np.load(os.path.join(ROOT, "datasets", name))
    return array.reshape(array.shape[0], -1)


def fake_sets():
    digits = dataset("digits.npy").astype(np.float32)
    labels = np.load(os.path.join(ROOT, "datasets", "digits_labels.npy"))
    g = SeededGenerator(11)
    rows = g.sample(800, digits.shape[0])
    noise = normal_matrix(800, 64, g)
    healthy = (digits[rows] + noise * np.float32(0.5)).astype(np.float32)
    g = SeededGenerator(12)
    pool = [i for i in range(digits.shape[0]) if labels[i] in (0, 1)]
    collapsed = digits[[pool[g.next_index(len(pool))] for _ in range(600)]]
    g = SeededGenerator(31)
    near = normal_matrix(500, 8, g)
    near_copies = (near + normal_matrix(500, 8, g) * np.float32(1e-6)).astype(np.float32)
    ring = dataset("ring_real.npy").astype(np.float32)
    ring_fake = dataset("ring_fake_collapsed.npy").astype(np.float32)
    return {
        "digits_healthy": (digits, healthy),
        "digits_collapsed": (digits, collapsed),
        "ring_collapsed": (ring, ring_fake),
        # Fakes within 1e-6 of real rows: distances tie with radii once rounded to float32, as prdc rounds.
        "gauss_near_copies": (near, near_copies),
    }


def gaussian_pair():
    real = normal_matrix(2100, 2048, SeededGenerator(21))
    fake = (normal_matrix(2100, 2048, SeededGenerator(22)) * np.float32(0.75) + np.float32(0.125)).astype(np.float32)
    return real, fake


def frechet(real, fake):
    x, y = real.astype(np.float64), fake.astype(np.float64)
    mu1, mu2 = x.mean(axis=0), y.mean(axis=0)
    s1, s2 = np.cov(x, rowvar=False), np.cov(y, rowvar=False)
    w, v = np.linalg.eigh(s1)
    root = (v * np.sqrt(np.clip(w, 0, None))) @ v.T
    inner = root @ s2 @ root
    trace_root = np.sqrt(np.clip(np.linalg.eigvalsh((inner + inner.T) / 2), 0, None)).sum()
    diff = mu1 - mu2
    value = diff @ diff + np.trace(s1) + np.trace(s2) - 2 * trace_root
    sq = scipy.linalg.sqrtm(s1 @ s2)
    scipy_value = diff @ diff + np.trace(s1) + np.trace(s2) - 2 * np.trace(sq.real)
    ranks = [int(np.linalg.matrix_rank(s)) for s in (s1, s2)]
    return {"fd": float(value), "fd_scipy_sqrtm": float(scipy_value), "mean_term": float(diff @ diff),
            "ranks": ranks}


def kid(real, fake, subsets, size, seed):
    d = real.shape[1]
    g = SeededGenerator(seed)
    values = []
    for i in range(subsets):
        x = real[g.stream(2 * i).sample(size, real.shape[0])].astype(np.float64)
        y = fake[g.stream(2 * i + 1).sample(size, fake.shape[0])].astype(np.float64)
        kxx = (x @ x.T / d + 1) ** 3
        kyy = (y @ y.T / d + 1) ** 3
        kxy = (x @ y.T / d + 1) ** 3
        m = size
        value = ((kxx.sum(axis=1) - np.diag(kxx)).sum() + (kyy.sum(axis=1) - np.diag(kyy)).sum()) / (m * (m - 1))
        value -= 2 * kxy.sum() / (m * m)
        values.append(value)
    return {"subsets": subsets, "size": size, "seed": seed, "mean": float(np.mean(values)),
            "std": float(np.std(values)), "values": [float(v) for v in values]}


def inception_probabilities(rows, classes, seed, collapsed):
    """Peaky class probabilities from seeded uniforms (u**4, normalised): no exp, so both languages agree
    bit for bit. `collapsed` adds 3 to class 0 before normalising (every row prefers one class)."""
    g = SeededGenerator(seed)
    out = np.empty((rows, classes), dtype=np.float32)
    for i in range(rows):
        u = [g.next_uniform() for _ in range(classes)]
        u = [v * v * v * v for v in u]
        if collapsed:
            u[0] += 3.0
        total = 0.0
        for v in u:
            total += v
        out[i] = [v / total for v in u]
    return out


def inception_score(probabilities, splits=10):
    p = probabilities.astype(np.float64)
    size = p.shape[0] // splits
    scores = []
    for k in range(splits):
        part = p[k * size:(k + 1) * size]
        marginal = part.mean(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            kl = np.where(part > 0, part * (np.log(part) - np.log(marginal)), 0.0)
        scores.append(np.exp(kl.sum(axis=1).mean()))
    return {"mean": float(np.mean(scores)), "std": float(np.std(scores)), "splits": [float(v) for v in scores]}


def sliced_wasserstein(real, fake, projections, seed):
    g = SeededGenerator(seed)
    d = real.shape[1]
    directions = []
    for _ in range(projections):
        raw = [g.next_normal() for _ in range(d)]
        norm = 0.0
        for v in raw:
            norm += v * v
        norm = np.sqrt(norm)
        directions.append([v / norm for v in raw])
    theta = np.array(directions)
    x = np.sort(real.astype(np.float64) @ theta.T, axis=0)
    y = np.sort(fake.astype(np.float64) @ theta.T, axis=0)
    total = 0.0
    for p in range(projections):
        total += w2_squared_1d(x[:, p], y[:, p])
    return {"projections": projections, "seed": seed, "distance": float(np.sqrt(total / projections))}


def w2_squared_1d(x, y):
    """Exact W2^2 between sorted equal-weight samples via the merged quantile breakpoints."""
    n, m = len(x), len(y)
    cuts = np.union1d(np.arange(1, n + 1) / n, np.arange(1, m + 1) / m)
    widths = np.diff(np.concatenate([[0.0], cuts]))
    mid = cuts - widths / 2
    xi = np.minimum((mid * n).astype(int), n - 1)
    yi = np.minimum((mid * m).astype(int), m - 1)
    return float((widths * (x[xi] - y[yi]) ** 2).sum())


def vendi(data, bandwidth=None):
    x = data.astype(np.float64)
    n = x.shape[0]
    if bandwidth is None:
        unit = x / np.linalg.norm(x, axis=1, keepdims=True)
        kernel = unit @ unit.T
    else:
        kernel = np.exp(-exact_distances(data, data) ** 2 / (2 * bandwidth ** 2))
    w = scipy.linalg.eigvalsh(kernel / n)
    w = w[w > 0]
    return float(np.exp(-(w * np.log(w)).sum()))


def mmd(real, fake, seed, kernel="gaussian", permutations=0, limit=1000):
    x, y = real.astype(np.float64), fake.astype(np.float64)
    pooled32 = np.vstack([real, fake])
    pooled = pooled32.astype(np.float64)
    out = {"seed": seed, "kernel": kernel}
    if kernel == "gaussian":
        rows = pooled32 if pooled32.shape[0] <= limit else pooled32[SeededGenerator(seed).sample(limit, pooled32.shape[0])]
        dist = exact_distances(rows, rows)
        sigma = float(np.median(dist[np.triu_indices(rows.shape[0], 1)]))
        out["bandwidth"] = sigma
        full = np.exp(-exact_distances(pooled32, pooled32) ** 2 / (2 * sigma ** 2))
    else:
        full = (pooled @ pooled.T / pooled.shape[1] + 1) ** 3
    n = x.shape[0]

    def statistic(order):
        a, b = order[:n], order[n:]
        kxx, kyy, kxy = full[np.ix_(a, a)], full[np.ix_(b, b)], full[np.ix_(a, b)]
        m1, m2 = len(a), len(b)
        return ((kxx.sum() - np.trace(kxx)) / (m1 * (m1 - 1)) + (kyy.sum() - np.trace(kyy)) / (m2 * (m2 - 1))
                - 2 * kxy.sum() / (m1 * m2))

    observed = statistic(np.arange(pooled.shape[0]))
    out["mmd2"] = float(observed)
    if permutations:
        base = SeededGenerator(seed)
        exceed = 0
        for b in range(permutations):
            order = list(range(pooled.shape[0]))
            base.stream(b).shuffle(order)
            if statistic(np.array(order)) >= observed:
                exceed += 1
        out["permutations"] = permutations
        out["p_value"] = (1 + exceed) / (1 + permutations)
    return out


def ndb(real, fake, clusters, alpha=0.05):
    """NDB/JSD (Richardson & Weiss 2018) with K-means centres fitted here by scikit-learn (stored, so the
    Swift test bins with the same centres); bins by exact nearest centre (first index on ties)."""
    from sklearn.cluster import KMeans
    from scipy.stats import norm
    centers = KMeans(n_clusters=clusters, n_init=1, random_state=0).fit(real.astype(np.float64)) \
        .cluster_centers_.astype(np.float32)
    real_bins = exact_distances(real, centers).argmin(axis=1)
    fake_bins = exact_distances(fake, centers).argmin(axis=1)
    n1, n2 = real.shape[0], fake.shape[0]
    c1 = np.bincount(real_bins, minlength=clusters)
    c2 = np.bincount(fake_bins, minlength=clusters)
    p1, p2 = c1 / n1, c2 / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (p1 - p2) / se
        different = np.where(se > 0, 2 * norm.cdf(-np.abs(z)) < alpha, False)
    middle = (p1 + p2) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        jsd = 0.5 * np.where(p1 > 0, p1 * np.log(p1 / middle), 0).sum() + \
            0.5 * np.where(p2 > 0, p2 * np.log(p2 / middle), 0).sum()
    return {"clusters": clusters, "centers": {"rows": clusters, "columns": real.shape[1],
                                              "values": [float(v) for v in centers.ravel()]},
            "real_counts": [int(v) for v in c1], "fake_counts": [int(v) for v in c2],
            "different": [bool(v) for v in different], "ndb": int(different.sum()), "jsd": float(jsd)}


def modes_covered(samples, centers, std, share=20 / 2500, radius_stds=3.0):
    """Unrolled-GAN / VEEGAN / PacGAN mode coverage: nearest centre, high quality within 3 std."""
    x, c = samples.astype(np.float64), centers.astype(np.float64)
    d = ((x[:, None, :] - c[None, :, :]) ** 2).sum(axis=2)
    best = d.argmin(axis=1)
    high = d[np.arange(len(x)), best] <= (radius_stds * std) ** 2
    per_mode = np.bincount(best[high], minlength=len(c))
    return {"std": std, "per_mode": [int(v) for v in per_mode], "covered": int((per_mode >= 1).sum()),
            "covered_share": int(((per_mode >= 1) & (per_mode >= share * len(x))).sum()),
            "high_quality": float(high.mean())}


def group_counts():
    """Pearson chi-square homogeneity tests (scipy.stats.chi2_contingency, correction=False) and chi2.sf."""
    from scipy.stats import chi2, chi2_contingency
    tables = {"small": [[10, 12, 8], [9, 14, 7]],
              "ring_by_label": [[268, 231, 226, 262, 268, 233, 260, 252], [1195, 587, 218, 0, 0, 0, 0, 0]]}
    out = {}
    for name, table in tables.items():
        result = chi2_contingency(np.array(table), correction=False)
        out[name] = {"real": table[0], "fake": table[1], "statistic": float(result.statistic),
                     "p_value": float(result.pvalue), "dof": int(result.dof)}
    out["survival"] = [{"x": x, "dof": k, "p": float(chi2.sf(x, k))} for x, k in ((3.5, 4), (30.0, 7), (0.5, 1))]
    return out


def exact_distances(a, b):
    """Exact float64 Euclidean distances between float32 rows, by direct differences."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    out = np.empty((a.shape[0], b.shape[0]))
    for start in range(0, a.shape[0], 256):
        block = a[start:start + 256]
        out[start:start + 256] = np.sqrt(((block[:, None, :] - b[None, :, :]) ** 2).sum(axis=2))
    return out


def ball_counts(real, fake, k, inclusive):
    def radii(x):
        return np.partition(exact_distances(x, x), k, axis=1)[:, k]
    inside = np.less_equal if inclusive else np.less
    real_radii, fake_radii = radii(real), radii(fake)
    rf = exact_distances(real, fake)
    in_real_balls = inside(rf, real_radii[:, None])
    in_fake_balls = inside(rf, fake_radii[None, :])
    return {
        "k": k, "boundary": "inclusive" if inclusive else "strict",
        "precision_count": int(in_real_balls.any(axis=0).sum()),
        "recall_count": int(in_fake_balls.any(axis=1).sum()),
        "containment_count": int(in_real_balls.sum()),
        "coverage_count": int(in_real_balls.any(axis=1).sum()),
        "precision": float(in_real_balls.any(axis=0).mean()),
        "recall": float(in_fake_balls.any(axis=1).mean()),
        "density": float(in_real_balls.sum(axis=0).mean() / k),
        "coverage": float(in_real_balls.any(axis=1).mean()),
    }


def run_prdc(real, fake, k):
    import contextlib
    import io
    import prdc
    with contextlib.redirect_stdout(io.StringIO()):
        return {key: float(value) for key, value in prdc.compute_prdc(real, fake, nearest_k=k).items()}


def check_against_prdc(real, fake, counts):
    result = run_prdc(real.astype(np.float64), fake.astype(np.float64), counts["k"])
    for key in ("precision", "recall", "density", "coverage"):
        assert abs(result[key] - counts[key]) < 1e-12, (key, result[key], counts[key])


def prdc_float32(real, fake, k):
    """prdc on the float32 arrays themselves (scikit-learn returns float32 distances), with counts."""
    result = run_prdc(real, fake, k)
    result["containment_count"] = int(round(result["density"] * k * fake.shape[0]))
    result["coverage_count"] = int(round(result["coverage"] * real.shape[0]))
    result["k"] = k
    return result


def distance_quantiles(real, fake, k, quantiles=(5, 25, 50, 75, 95)):
    """`distances REAL FAKE k=K` with every row in the pairwise subsample: k-th neighbour distances
    (fake->real, and real->real / fake->fake with the row itself excluded) and all pairwise distances,
    in float64 from the float32 rows, summarised by numpy's linear percentiles."""
    import scipy.spatial.distance as ssd
    real = real.astype(np.float64)
    fake = fake.astype(np.float64)

    def kth(queries, reference, within):
        d = ssd.cdist(queries, reference)
        if within:
            np.fill_diagonal(d, np.inf)
        return np.sort(d, axis=1)[:, k - 1]

    series = {"fake_to_real": kth(fake, real, False), "real_to_real": kth(real, real, True),
              "fake_to_fake": kth(fake, fake, True), "real_pairs": ssd.pdist(real), "fake_pairs": ssd.pdist(fake)}
    return {name: [float(np.percentile(values, q)) for q in quantiles] for name, values in series.items()}


def tstr_scores(train, train_labels, test, test_labels, classes):
    """k-NN (sklearn KNeighborsClassifier(5), brute force) and LogisticRegression (lbfgs, multinomial, C=1)
    run to convergence (tol=1e-10; the default tol=1e-4 stops early on the unscaled digits: 0.920 instead
    of the optimum's 0.926 test accuracy on the real case) trained on one set, tested on `test`: accuracy,
    macro-F1, per-class recall."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score, recall_score
    from sklearn.neighbors import KNeighborsClassifier
    out = {}
    models = {"knn": KNeighborsClassifier(n_neighbors=5, algorithm="brute"),
              "logistic": LogisticRegression(max_iter=20000, tol=1e-10)}
    for name, model in models.items():
        predicted = model.fit(train.astype(np.float64), train_labels).predict(test.astype(np.float64))
        out[name] = {"accuracy": float(accuracy_score(test_labels, predicted)),
                     "macro_f1": float(f1_score(test_labels, predicted, average="macro")),
                     "per_class": [float(v) for v in recall_score(test_labels, predicted, labels=classes,
                                                                  average=None, zero_division=0)]}
    return out


def tstr():
    """Digits rows 0:600 as the real training set, 1200:1797 as the held-out test set; the fakes are rows
    600:1200 (healthy) and those of them labelled 0, 1 or 2 (collapsed onto three classes)."""
    digits = dataset("digits.npy").astype(np.float32)
    labels = np.load(os.path.join(ROOT, "datasets", "digits_labels.npy")).astype(np.int64)
    real, real_labels = digits[:600], labels[:600]
    fake, fake_labels = digits[600:1200], labels[600:1200]
    test, test_labels = digits[1200:], labels[1200:]
    keep = fake_labels <= 2
    classes = list(range(10))
    return {"real_rows": [0, 600], "fake_rows": [600, 1200], "test_rows": [1200, 1797], "collapsed_labels": [0, 1, 2],
            "on_real": tstr_scores(real, real_labels, test, test_labels, classes),
            "on_fake_healthy": tstr_scores(fake, fake_labels, test, test_labels, classes),
            "on_fake_collapsed": tstr_scores(fake[keep], fake_labels[keep], test, test_labels, classes)}


def authenticity(fake, train):
    """Alaa et al. 2022 per fake: authentic when its distance to the nearest training row t exceeds t's
    distance to its own nearest other training row (exact float64 distances of the float32 rows)."""
    import scipy.spatial.distance as ssd
    fake = fake.astype(np.float64)
    train = train.astype(np.float64)
    to_train = ssd.cdist(fake, train)
    nearest = np.argmin(to_train, axis=1)
    within = ssd.cdist(train, train)
    np.fill_diagonal(within, np.inf)
    radius = within.min(axis=1)[nearest]
    distance = to_train[np.arange(len(fake)), nearest]
    authentic = distance > radius
    return {"authentic_count": int(authentic.sum()), "authentic_fraction": float(authentic.mean()),
            "first_unauthentic": [int(i) for i in np.flatnonzero(~authentic)[:10]]}


def earth_movers(real, fake):
    """POT 0.9 `ot.emd2` with uniform weights: W1 on Euclidean costs, W2 = sqrt of the optimum on squared
    Euclidean costs (scipy cdist in float64 of the float32 rows)."""
    import ot
    import scipy.spatial.distance as ssd
    real = real.astype(np.float64)
    fake = fake.astype(np.float64)
    weights = np.full(len(real), 1.0 / len(real))
    w1 = ot.emd2(weights, weights, ssd.cdist(real, fake), numItermax=10_000_000)
    w2 = ot.emd2(weights, weights, ssd.cdist(real, fake, "sqeuclidean"), numItermax=10_000_000)
    return {"w1": float(w1), "w2": float(np.sqrt(w2))}


def main():
    out = {"cases": {}}
    for name, (real, fake) in fake_sets().items():
        case = {"real_rows": real.shape[0], "fake_rows": fake.shape[0]}
        case["frechet"] = frechet(real, fake)
        case["kid"] = kid(real, fake, subsets=10, size=min(500, real.shape[0], fake.shape[0]), seed=5)
        case["prdc_k5_strict"] = ball_counts(real, fake, 5, inclusive=False)
        check_against_prdc(real, fake, case["prdc_k5_strict"])
        case["prdc_float32"] = prdc_float32(real, fake, 5)
        case["prc_k3_inclusive"] = ball_counts(real, fake, 3, inclusive=True)
        case["prc_k3_strict"] = ball_counts(real, fake, 3, inclusive=False)
        case["prdc_k5_inclusive"] = ball_counts(real, fake, 5, inclusive=True)
        out["cases"][name] = case
    bandwidths = {"digits_healthy": 10.0, "digits_collapsed": 10.0, "ring_collapsed": 0.5, "gauss_near_copies": 2.0}
    for name, (real, fake) in fake_sets().items():
        case = out["cases"][name]
        case["sliced_wasserstein"] = sliced_wasserstein(real, fake, projections=50, seed=7)
        case["vendi_cosine_fake"] = vendi(fake)
        case["vendi_cosine_real"] = vendi(real)
        case["vendi_rbf_fake"] = {"bandwidth": bandwidths[name], "score": vendi(fake, bandwidths[name])}
        case["mmd_gaussian"] = mmd(real, fake, seed=3)
        case["mmd_polynomial"] = mmd(real, fake, seed=3, kernel="polynomial")
        case["ndb"] = ndb(real, fake, clusters=20)
    ring, ring_fake = fake_sets()["ring_collapsed"]
    out["mmd_permutation"] = {"rows": 100, **mmd(ring[:100], ring_fake[:100], seed=9, permutations=50)}
    out["mmd_permutation_same"] = {"rows": 100, **mmd(ring[:100], ring[100:200], seed=9, permutations=50)}
    out["inception"] = {
        "rows": 2000, "classes": 10, "seed": 41,
        "healthy": inception_score(inception_probabilities(2000, 10, 41, collapsed=False)),
        "collapsed": inception_score(inception_probabilities(2000, 10, 41, collapsed=True)),
    }
    out["distances"] = {"rows": 500, "k1": distance_quantiles(ring[:500], ring_fake[:500], 1),
                        "k3": distance_quantiles(ring[:500], ring_fake[:500], 3)}
    out["tstr"] = tstr()
    digits = dataset("digits.npy").astype(np.float32)
    out["emd"] = {"ring_rows": 150, "digits_rows": [[0, 100], [100, 200]],
                  "ring_collapsed": earth_movers(ring[:150], ring_fake[:150]),
                  "digits": earth_movers(digits[:100], digits[100:200])}
    # Fakes: the collapsed ring (far from copies) and real rows 0:300 plus tiny noise (near copies).
    g = SeededGenerator(51)
    near = (ring[:300] + normal_matrix(300, 2, g) * np.float32(1e-4)).astype(np.float32)
    out["authenticity"] = {"train_rows": [0, 1000], "noise_seed": 51, "noise_scale": 1e-4,
                           "ring_fake": authenticity(ring_fake, ring[:1000]),
                           "near_copies": authenticity(near, ring[:1000])}
    centers = dataset("ring_centers.npy").astype(np.float32)
    out["modes"] = {"ring_fake": modes_covered(ring_fake, centers, 0.05),
                    "ring_real": modes_covered(ring, centers, 0.05)}
    out["group_counts"] = group_counts()
    real, fake = gaussian_pair()
    out["gaussian_2048"] = {"seeds": [21, 22], "rows": 2100, "columns": 2048, "fake_transform": "0.75 x + 0.125",
                            "frechet": frechet(real, fake)}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

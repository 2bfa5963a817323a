#!/usr/bin/env python3
"""Reference values for Tests/LinearAlgebraTests (numpy 2.x, scikit-learn >= 1.5).

Inputs come from the shared generator (splitmix_gaussian.py, the twin of SeededGenerator) and are also
written out, so the Swift tests need no generator agreement to check the numerics. Every matrix is
stored as {"rows", "columns", "values" (row-major)}; float32 inputs are widened exactly to float64 and
every reference is computed in float64.

    python3 scripts/reference/linear_algebra.py > Tests/LinearAlgebraTests/Fixtures/linear_algebra.json
"""
import json
import os
import sys

import numpy as np
from sklearn.decomposition import PCA

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from splitmix_gaussian import SeededGenerator, normal_matrix  # noqa: E402


def as_fixture(array):
    array = np.atleast_2d(np.asarray(array, dtype=np.float64))
    return {"rows": array.shape[0], "columns": array.shape[1], "values": [float(v) for v in array.ravel()]}


def main():
    g = SeededGenerator(42)
    out = {}

    # Products: float32 inputs, exact float64 products of them.
    a = normal_matrix(5, 4, g)
    b = normal_matrix(4, 3, g)
    c = normal_matrix(6, 4, g)
    a64, b64, c64 = (m.astype(np.float64) for m in (a, b, c))
    out.update(a=as_fixture(a), b=as_fixture(b), c=as_fixture(c))
    out["a_times_b"] = as_fixture(a64 @ b64)
    out["a_times_c_transposed"] = as_fixture(a64 @ c64.T)
    out["c_gram"] = as_fixture(c64.T @ c64)

    # A correlated 200x6 dataset: normals times a fixed mixing matrix plus an offset, so the covariance has
    # distinct eigenvalues and a non-zero mean.
    mixing = normal_matrix(6, 6, g).astype(np.float64) * np.array([3.0, 2.0, 1.5, 1.0, 0.5, 0.25])[:, None]
    data = (normal_matrix(200, 6, g).astype(np.float64) @ mixing + np.arange(1, 7)).astype(np.float32)
    d64 = data.astype(np.float64)
    out["data"] = as_fixture(data)
    out["data_mean"] = as_fixture(d64.mean(axis=0))
    covariance = np.cov(d64, rowvar=False)
    out["data_covariance"] = as_fixture(covariance)
    values, vectors = np.linalg.eigh(covariance)
    out["covariance_eigenvalues_descending"] = as_fixture(values[::-1])
    out["covariance_cholesky"] = as_fixture(np.linalg.cholesky(covariance))

    pca = PCA(n_components=3, svd_solver="full").fit(d64)
    out["pca_components"] = as_fixture(pca.components_)
    out["pca_explained_variance"] = as_fixture(pca.explained_variance_)
    out["pca_explained_variance_ratio"] = as_fixture(pca.explained_variance_ratio_)
    out["pca_transform_first5"] = as_fixture(pca.transform(d64[:5]))

    # Distances: 7 queries vs 9 references in 5-d, with query 0 a near-duplicate of reference 3.
    queries = normal_matrix(7, 5, g)
    references = normal_matrix(9, 5, g)
    queries[0] = references[3] + np.float32(1e-3)
    q64, r64 = queries.astype(np.float64), references.astype(np.float64)
    out["queries"] = as_fixture(queries)
    out["references"] = as_fixture(references)
    out["squared_distances"] = as_fixture(((q64[:, None, :] - r64[None, :, :]) ** 2).sum(axis=2))

    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

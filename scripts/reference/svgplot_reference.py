#!/usr/bin/env python3
"""Reference values for the SVGPlot tests and the data behind its rendered examples.

Writes:
  datasets/reference/svgplot_reference.json  viridis colours (matplotlib's 256-entry table) at 21 points,
                                             and numpy.histogram counts for the test input below.
  datasets/reference/svgplot_digits.json     sklearn's digits: PCA and t-SNE (seed 0) coordinates of all
                                             1,797 rows rounded to 3 decimals, labels, and the first 40
                                             images (8x8, values 0..16), for docs/images only.
Needs numpy, scikit-learn, matplotlib. Never run at build or test time.
"""
import json
import pathlib

import matplotlib
import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "datasets" / "reference"


def histogram_input():
    # Same generator as Tests/SVGPlotTests/HistogramTests.swift: exact decimal arithmetic in IEEE doubles.
    return [((i * 37) % 101) / 10.0 - 3.3 for i in range(200)]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    viridis = matplotlib.colormaps["viridis"]
    points = [i / 20 for i in range(21)]
    values = histogram_input()
    reference = {
        "viridis": {"t": points, "hex": [matplotlib.colors.to_hex(viridis(t)).upper() for t in points]},
        "histogram": {
            "bins": 12,
            "counts": np.histogram(values, bins=12)[0].tolist(),
            "edges": np.histogram(values, bins=12)[1].tolist(),
            "counts_range_0_5": np.histogram(values, bins=7, range=(0.0, 5.0))[0].tolist(),
        },
    }
    (OUT / "svgplot_reference.json").write_text(json.dumps(reference, indent=1) + "\n")

    digits = load_digits()
    pca = PCA(n_components=2).fit_transform(digits.data)
    tsne = TSNE(n_components=2, random_state=0, init="pca", perplexity=30).fit_transform(digits.data)
    examples = {
        "labels": digits.target.tolist(),
        "pca": np.round(pca, 3).tolist(),
        "tsne": np.round(tsne, 3).tolist(),
        "images": digits.data[:40].astype(int).tolist(),
    }
    (OUT / "svgplot_digits.json").write_text(json.dumps(examples, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

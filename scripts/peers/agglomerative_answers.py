#!/usr/bin/env python3
"""Writes SciPy's answers for Ferrite's agglomerative clustering tests.

For each generated data set (seeded: the files are the same on every run with the same SciPy and scikit-learn) this
writes java-api/src/test/resources/vectors/scipy-agglomerative/<set>.txt holding the points and, for each linkage and
metric, scipy.cluster.hierarchy.linkage's matrix and flat clusterings cut from it. Rerun:

    python3 -m venv /tmp/venv-peers && /tmp/venv-peers/bin/pip install scipy scikit-learn
    /tmp/venv-peers/bin/python scripts/peers/agglomerative_answers.py

File format (text, one item per line; floats written with repr, so they read back exactly):
    set NAME n N dim D tiefree 0|1
    point x_0 ... x_{D-1}                        (N lines)
    linkage METHOD METRIC                        (then N-1 lines:)
    merge a b height size
    cutk K label_0 ... label_{N-1}               (fcluster(Z, K, 'maxclust'), relabelled 0.. by first appearance)
    cuth H label_0 ... label_{N-1}               (fcluster(Z, H, 'distance'), relabelled likewise; H between heights)
"""
import os
import sys

import numpy as np
import scipy
import sklearn
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.datasets import make_blobs, make_moons

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "java-api", "src", "test", "resources",
                   "vectors", "scipy-agglomerative")


def first_appearance(labels):
    seen = {}
    return [seen.setdefault(v, len(seen)) for v in labels]


def sets():
    rng = np.random.default_rng(17)
    x, _ = make_blobs(n_samples=200, centers=4, n_features=2, random_state=1)
    yield "blobs", x, True
    x, _ = make_moons(n_samples=150, noise=0.05, random_state=2)
    yield "moons", x + np.array([2.0, 1.0]), True
    x, _ = make_blobs(n_samples=120, centers=3, n_features=10, random_state=3)
    yield "blobs10", x, True
    yield "embed32", rng.normal(size=(100, 32)), True
    # Single-precision input: values exactly representable as float, SciPy computes on them widened.
    x, _ = make_blobs(n_samples=90, centers=3, n_features=3, random_state=4)
    yield "blobs_f32", x.astype(np.float32).astype(np.float64), True
    yield "duplicates", rng.integers(1, 5, size=(40, 2)).astype(np.float64), False
    g = np.array([[i, j] for i in range(1, 7) for j in range(1, 7)], dtype=np.float64)
    yield "grid", g, False
    yield "identical", np.tile(np.array([[1.5, -2.0, 3.0]]), (10, 1)), False
    yield "one", np.array([[3.0, 4.0]]), True
    yield "two", np.array([[0.0, 1.0], [3.0, 5.0]]), True


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, x, tiefree in sets():
        n, d = x.shape
        lines = [f"# SciPy {scipy.__version__}, scikit-learn {sklearn.__version__}, NumPy {np.__version__}",
                 f"set {name} n {n} dim {d} tiefree {int(tiefree)}"]
        lines += ["point " + " ".join(repr(float(v)) for v in row) for row in x]
        if n >= 2:
            metrics = ["euclidean"] + (["cosine"] if tiefree and n > 2 else [])
            for metric in metrics:
                for method in ["ward", "single", "complete", "average"]:
                    if method == "ward" and metric != "euclidean":
                        continue
                    z = linkage(x, method=method, metric=metric)
                    lines.append(f"linkage {method} {metric}")
                    lines += [f"merge {int(a)} {int(b)} {float(h)!r} {int(s)}" for a, b, h, s in z]
                    if tiefree:
                        for k in sorted(k for k in {1, 2, 3, 5, n} if k <= n):
                            t = fcluster(z, k, criterion="maxclust")
                            lines.append(f"cutk {k} " + " ".join(map(str, first_appearance(t))))
                        for q in [0.0, 0.25, 0.5, 0.9]:
                            # Between two merge heights (never at one, where rounding could decide).
                            i = int(q * (n - 2))
                            h = -1.0 if q == 0 or i + 1 >= n - 1 else float((z[i, 2] + z[i + 1, 2]) / 2)
                            t = fcluster(z, h, criterion="distance")
                            lines.append(f"cuth {h!r} " + " ".join(map(str, first_appearance(t))))
        with open(os.path.join(OUT, name + ".txt"), "w") as f:
            f.write("\n".join(lines) + "\n")
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()

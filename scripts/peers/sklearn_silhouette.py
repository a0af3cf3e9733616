#!/usr/bin/env python3
"""Expected silhouette values from scikit-learn, for SilhouetteSklearnTest.

Writes java-api/src/test/resources/vectors/sklearn-silhouette/<name>.bin.gz, one file per data set (format in the
README beside them), from seeded data made here with NumPy and scikit-learn's make_blobs. The expected values are
sklearn.metrics.silhouette_samples / silhouette_score on the points whose label is >= 0 (negative labels are noise,
left out), computed in float64 (float32 sets are widened first, exactly as Ferrite widens them). Each set is also
checked against a direct float64 evaluation of the definition (distances from coordinate differences, not from dot
products) so that no set sits where scikit-learn's own rounding would matter; float32 sets are also run through
scikit-learn in float32, and the largest difference is printed.

Run:  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install scikit-learn scipy
      /tmp/venv/bin/python scripts/peers/sklearn_silhouette.py
"""
import gzip
import os
import struct
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_samples, silhouette_score

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "java-api", "src", "test", "resources",
                   "vectors", "sklearn-silhouette")
METRICS = {"euclidean": 0, "cosine": 1}


def direct(x, labels, metric):
    """The definition, with distances from coordinate differences (Euclidean) or normalised rows (cosine)."""
    x = x.astype(np.float64)
    if metric == "euclidean":
        d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
    else:
        u = x / np.linalg.norm(x, axis=1)[:, None]
        d = np.clip(1.0 - u @ u.T, 0.0, 2.0)
        np.fill_diagonal(d, 0.0)
    out = np.zeros(len(x))
    ks = np.unique(labels)
    for i in range(len(x)):
        own = labels == labels[i]
        if own.sum() == 1:
            continue
        a = d[i, own].sum() / (own.sum() - 1)
        b = min(d[i, labels == c].mean() for c in ks if c != labels[i])
        out[i] = 0.0 if max(a, b) == 0 else (b - a) / max(a, b)
    return out


def write(name, x, labels, metric):
    labels = np.asarray(labels, dtype=np.int32)
    keep = labels >= 0
    xs = x[keep].astype(np.float64)
    ls = labels[keep]
    values = np.full(len(x), np.nan)
    values[keep] = silhouette_samples(xs, ls, metric=metric)
    mean = float(silhouette_score(xs, ls, metric=metric))
    ref = direct(xs, ls, metric)
    worst = float(np.max(np.abs(ref - values[keep])))
    if worst > 1e-7:
        sys.exit(f"{name}: scikit-learn differs from the direct evaluation by {worst}")
    note = ""
    if x.dtype == np.float32:
        v32 = silhouette_samples(x[keep], ls, metric=metric)
        note = f", sklearn in float32 differs by {float(np.max(np.abs(v32 - values[keep]))):.2e}"
    n, dim = x.shape
    # mtime=0 and no file name in the header, so a rerun writes identical bytes.
    with open(os.path.join(OUT, name + ".bin.gz"), "wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(b"SIL1")
        f.write(struct.pack("<4i", n, dim, METRICS[metric], x.dtype.itemsize))
        f.write(np.ascontiguousarray(x).astype(x.dtype.newbyteorder("<")).tobytes())
        f.write(labels.astype("<i4").tobytes())
        f.write(struct.pack("<d", mean))
        f.write(values.astype("<f8").tobytes())
    print(f"{name}: n={n} dim={dim} {metric} {x.dtype} k={len(np.unique(ls))} scored={len(ls)} mean={mean:.6f} "
          f"(direct evaluation within {worst:.1e}{note})")


def main():
    os.makedirs(OUT, exist_ok=True)
    print(f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}")
    rng = np.random.default_rng(17)

    x, y = make_blobs(n_samples=1000, centers=4, n_features=2, cluster_std=1.5, random_state=1)
    write("blobs_2d", x, y, "euclidean")

    # Noise labels (-1) and arbitrary label values.
    x, y = make_blobs(n_samples=700, centers=4, n_features=2, cluster_std=1.0, random_state=2)
    y = np.array([3, 17, 100000, 42])[y]
    y[rng.random(len(y)) < 0.1] = -1
    write("noise_2d", x, y, "euclidean")

    x, y = make_blobs(n_samples=300, centers=3, n_features=1, cluster_std=0.8, random_state=3)
    write("blobs_1d", x, y, "euclidean")

    x, y = make_blobs(n_samples=500, centers=3, n_features=3, cluster_std=1.0, center_box=(2, 10), random_state=4)
    write("cosine_3d", x, y, "cosine")

    x, y = make_blobs(n_samples=600, centers=5, n_features=64, cluster_std=2.0, random_state=5)
    write("blobs_64d", x, y, "euclidean")

    # Tight clusters away from the origin: the product formula needs its recheck here.
    x, y = make_blobs(n_samples=500, centers=3, n_features=40, cluster_std=0.01, center_box=(-0.05, 0.05),
                      random_state=6)
    write("offset_40d", x + 100.0, y, "euclidean")

    # Duplicates: 30 distinct points, each repeated; some repeated in two clusters; a singleton cluster.
    base = rng.normal(size=(30, 5)) * 3
    idx = rng.integers(0, 30, size=300)
    x = base[idx]
    y = (idx % 3).astype(np.int32)
    y[:20] = (y[:20] + 1) % 3
    y[25] = 9
    write("duplicates_5d", x, y, "euclidean")

    x, y = make_blobs(n_samples=200, centers=3, n_features=4, random_state=7)
    y[11] = 3
    write("singleton_4d", x, y, "euclidean")

    x, y = make_blobs(n_samples=600, centers=60, n_features=8, cluster_std=0.5, random_state=8)
    y[[0, 1, 2]] = [60, 61, 62]  # three singleton clusters
    write("many_clusters_8d", x, y, "euclidean")

    # Embedding-like: unit-ish vectors around 5 random directions in 384-d, float32, some noise labels.
    dirs = rng.normal(size=(5, 384))
    y = rng.integers(0, 5, size=400)
    x = (dirs[y] + rng.normal(size=(400, 384)) * 1.2).astype(np.float32)
    y = y.astype(np.int32)
    y[rng.random(400) < 0.05] = -1
    write("cosine_384d_f32", x, y, "cosine")

    x, y = make_blobs(n_samples=300, centers=4, n_features=256, cluster_std=4.0, random_state=9)
    write("blobs_256d_f32", x.astype(np.float32), y, "euclidean")

    x, y = make_blobs(n_samples=400, centers=3, n_features=2, cluster_std=0.7, center_box=(1, 6), random_state=10)
    write("cosine_2d_f32", x.astype(np.float32), y, "cosine")


if __name__ == "__main__":
    main()

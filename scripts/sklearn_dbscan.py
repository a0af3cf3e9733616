#!/usr/bin/env python3
"""scikit-learn's DBSCAN on the DBSCAN benchmark's workloads, timed and checked against Ferrite's native result.

    sklearn_dbscan.py DATA_DIR WORKLOAD... [--runs N] [--json OUT] [--markdown OUT]

DATA_DIR holds what `DbscanData export` (benchmarks jar) wrote per workload: WORKLOAD.points.npy (the exact f64
values every Java contender gets), Ferrite's native labels (WORKLOAD.labels.npy) and core flags (WORKLOAD.core.npy),
and WORKLOAD.json (parameters, native time). For each workload this runs, in a child process (so that running out of
memory ends only the child),

    sklearn.cluster.DBSCAN(eps, min_samples=minPts, metric='euclidean' | 'cosine', algorithm='auto', n_jobs=-1).fit(X)

N times (default 3; once for a million points or more) and reports the median time beside Ferrite's native time.
min_samples counts the point itself and a pair is a neighbour when its distance is at most eps, as in Ferrite;
scikit-learn's cosine distance is 1 - cos, as Ferrite's. The check: the same core points (core_sample_indices_),
the same noise set, the same number of clusters and the same partition of the core points (border points may join
any neighbouring cluster).

scikit-learn keeps every point's neighbour list in memory at once (its known failure on large inputs): before
running, the script estimates that memory from a sample of neighbour counts and skips a workload that would not fit
in 70% of the available memory; the child also runs under an address-space limit (85% of the available memory), so
that an underestimate ends in a MemoryError, reported as such, rather than in the kernel's OOM killer.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def load(data_dir, workload):
    import numpy as np

    with open(os.path.join(data_dir, workload + ".json"), encoding="utf-8") as f:
        meta = json.load(f)
    x = np.load(os.path.join(data_dir, workload + ".points.npy"))
    labels = np.load(os.path.join(data_dir, workload + ".labels.npy"))
    core = np.load(os.path.join(data_dir, workload + ".core.npy")).astype(bool)
    return meta, x, labels, core


def available_bytes():
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def estimated_neighbour_bytes(meta, x):
    """Memory of scikit-learn's neighbour lists (int64 indices), from the neighbour counts of a random sample."""
    import numpy as np
    from sklearn.neighbors import NearestNeighbors

    n = x.shape[0]
    rng = np.random.default_rng(1)
    sample = x[rng.choice(n, size=min(n, 2000), replace=False)]
    if meta["metric"] == "cosine":
        nn = NearestNeighbors(radius=meta["eps"], metric="cosine", algorithm="brute").fit(x)
        counts = np.array([len(a) for a in nn.radius_neighbors(sample, return_distance=False)])
    else:
        from sklearn.neighbors import KDTree

        counts = KDTree(x).query_radius(sample, r=meta["eps"], count_only=True)
    # indices (8 bytes each) plus one small array object per point
    return float(counts.mean()) * 8 * n + 120 * n


def child(data_dir, workload, runs):
    """Runs scikit-learn's DBSCAN `runs` times; prints one JSON object."""
    import numpy as np
    import sklearn
    from sklearn.cluster import DBSCAN

    meta, x, ref_labels, ref_core = load(data_dir, workload)
    times = []
    model = None
    for _ in range(runs):
        model = DBSCAN(eps=meta["eps"], min_samples=meta["minPts"], metric=meta["metric"], algorithm="auto",
                       n_jobs=-1)
        start = time.perf_counter()
        model.fit(x)
        times.append(time.perf_counter() - start)
    labels = model.labels_
    core = np.zeros(x.shape[0], dtype=bool)
    core[model.core_sample_indices_] = True
    problems = []
    core_diff = int(np.count_nonzero(core != ref_core))
    if core_diff:
        problems.append(f"{core_diff} points core in one and not the other")
    noise_diff = int(np.count_nonzero((labels == -1) != (ref_labels == -1)))
    if noise_diff:
        problems.append(f"{noise_diff} points noise in one and not the other")
    clusters = int(labels.max()) + 1 if labels.size else 0
    ref_clusters = int(ref_labels.max()) + 1 if ref_labels.size else 0
    if clusters != ref_clusters:
        problems.append(f"{clusters} clusters vs Ferrite's {ref_clusters}")
    both = core & ref_core
    pairs = set(zip(labels[both].tolist(), ref_labels[both].tolist()))
    if len(pairs) != len({a for a, _ in pairs}) or len(pairs) != len({b for _, b in pairs}):
        problems.append("the core points are partitioned differently")
    print(json.dumps({
        "status": "ok",
        "sklearnVersion": sklearn.__version__,
        "seconds": statistics.median(times),
        "runs": times,
        "clusters": clusters,
        "noise": int(np.count_nonzero(labels == -1)),
        "core": int(np.count_nonzero(core)),
        "agrees": not problems,
        "problems": problems,
    }))


def run_workload(data_dir, workload, runs):
    meta, x, _, _ = load(data_dir, workload)
    n = x.shape[0]
    runs = 1 if n >= 1_000_000 else runs
    result = {"workload": workload, "n": n, "dim": int(x.shape[1]), "metric": meta["metric"], "eps": meta["eps"],
              "minPts": meta["minPts"], "nativeSeconds": meta["nativeSeconds"]}
    available = available_bytes()
    if available is not None:
        need = estimated_neighbour_bytes(meta, x) + 3 * x.nbytes
        result["estimatedBytes"] = need
        result["availableBytes"] = available
        if need > 0.7 * available:
            result.update(status="skipped", message=(
                f"would need about {need / 1e9:.1f} GB for its neighbour lists, "
                f"{available / 1e9:.1f} GB available"))
            return result
    del x

    def limit():
        if available is not None:
            cap = int(0.85 * available)  # address space: data, neighbour lists, libraries (~0.4 GB), threads
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    proc = subprocess.run([sys.executable, __file__, "--child", data_dir, workload, "--runs", str(runs)],
                          capture_output=True, text=True, preexec_fn=limit, check=False)
    out = proc.stdout.strip().splitlines()
    if proc.returncode == 0 and out:
        result.update(json.loads(out[-1]))
        result["ratio"] = result["seconds"] / meta["nativeSeconds"] if meta["nativeSeconds"] > 0 else None
    elif "MemoryError" in proc.stderr:
        result.update(status="memory", message="MemoryError: scikit-learn's neighbour lists did not fit")
    elif proc.returncode < 0:
        result.update(status="killed", message=f"killed by signal {-proc.returncode} (out of memory?)")
    else:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        result.update(status="error", message=f"exit {proc.returncode}: {tail[0]}")
    return result


def markdown(results):
    lines = ["| workload | scikit-learn (s) | Ferrite native (s) | scikit-learn / native | same clustering |",
             "|---|---:|---:|---:|---|"]
    version = next((r["sklearnVersion"] for r in results if "sklearnVersion" in r), "?")
    for r in results:
        if r.get("status") == "ok":
            runs = ", ".join(f"{t:.3f}" for t in r["runs"])
            same = "yes" if r["agrees"] else "NO: " + "; ".join(r["problems"])
            lines.append(f"| {r['workload']} | {r['seconds']:.3f} (runs: {runs}) | {r['nativeSeconds']:.3f} | "
                         f"{r['ratio']:.2f} | {same} |")
        else:
            lines.append(f"| {r['workload']} | {r.get('status')}: {r.get('message')} | {r['nativeSeconds']:.3f} "
                         "| – | – |")
    head = (f"scikit-learn {version}, `DBSCAN(eps, min_samples=minPts, metric, algorithm='auto', n_jobs=-1).fit(X)`,"
            " median of the runs (one for a million points), on the same f64 points as the JMH contenders; Ferrite"
            " native: median of 3 runs after a warm-up, wall clock (`DbscanData export`), threads: the default"
            f" pool; {os.cpu_count()} CPUs.\n\n")
    return head + "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("data_dir")
    parser.add_argument("workloads", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json")
    parser.add_argument("--markdown")
    args = parser.parse_args()
    if args.child:
        child(args.data_dir, args.workloads[0], args.runs)
        return
    results = []
    for workload in args.workloads:
        r = run_workload(args.data_dir, workload, args.runs)
        if r.get("status") == "ok":
            print(f"ferrite bench: scikit-learn on {workload}: {r['seconds']:.3f} s (Ferrite native "
                  f"{r['nativeSeconds']:.3f} s, {r['ratio']:.2f}x); same clustering: "
                  f"{'yes' if r['agrees'] else 'NO: ' + '; '.join(r['problems'])}", flush=True)
        else:
            print(f"ferrite bench: scikit-learn on {workload}: {r.get('status')}: {r.get('message')}", flush=True)
        results.append(r)
    md = markdown(results)
    print()
    print(md, end="")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
            f.write("\n")
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write("# scikit-learn DBSCAN\n\n" + md)
    if any(r.get("status") == "ok" and not r["agrees"] for r in results):
        sys.exit(3)


if __name__ == "__main__":
    main()

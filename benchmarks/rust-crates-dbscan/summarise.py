#!/usr/bin/env python3
"""Median (min-max, n) of the RESULT lines: python3 summarise.py target/runs/tri.txt"""
import re, statistics, sys
from collections import defaultdict
g = defaultdict(list)
for f in sys.argv[1:]:
    for line in open(f):
        if not line.startswith("RESULT"): continue
        kv = dict(re.findall(r"(\w+)=(\S+)", line))
        key = (kv.get("build","main") + ":" + kv["crate"], kv.get("block", "rows" + kv.get("rows", "")), kv["threads"], kv.get("mode", "-"))
        g[key].append((float(kv["gflops"]), float(kv.get("projected_tri_secs", kv.get("secs")))))
print("| crate | block | threads | mode | triangle s, median (min–max) | GFLOP/s median | n |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for k in sorted(g, key=lambda k: (k[0], k[2], k[1], k[3])):
    v = g[k]; s = [x[1] for x in v]; gf = [x[0] for x in v]
    print(f"| {k[0]} | {k[1]} | {k[2]} | {k[3]} | {statistics.median(s):.3f} ({min(s):.3f}–{max(s):.3f}) | {statistics.median(gf):.1f} | {len(v)} |")

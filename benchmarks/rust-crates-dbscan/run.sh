#!/usr/bin/env bash
# Runs the triangle measurements. Usage: [THREADS="1 2"] ./run.sh [ROUNDS] [BIN] [OUT]
# ROUNDS interleaved rounds (every configuration once per round, 2 timed triangles each), appended to OUT.
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-2}
B=${2:-target/release/ferrite-dbscan-gemm-choice}
OUT=${3:-target/runs/tri.txt}
THREADS=${THREADS:-"1 2"}
mkdir -p "$(dirname "$OUT")"
for r in $(seq 1 "$ROUNDS"); do
  for c in mm gemm faer; do
    for b in 256 512 1024 strip256 strip512; do
      for t in $THREADS; do
        MATMUL_NUM_THREADS=1 $B tri $c $b $t tiles 2 >> "$OUT" 2>/dev/null
        if [ "$t" = 2 ]; then
          case $b in 512|1024|strip512) MATMUL_NUM_THREADS=2 $B tri $c $b 2 inner 2 >> "$OUT" 2>/dev/null ;; esac
        fi
      done
    done
  done
  for t in $THREADS; do
    $B naive 200 $t 1 avx512 >> "$OUT"; $B naive 200 $t 1 avx2 >> "$OUT"
  done
  case " $THREADS " in *" 1 "*) $B naive 100 1 1 scalar >> "$OUT" ;; esac
done

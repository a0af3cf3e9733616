#!/usr/bin/env bash
# Main build vs gemm with `x86-v4` vs target-cpu=native, interleaved. Usage: ./run-variants.sh [ROUNDS] [OUT]
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-2}; OUT=${2:-target/runs/variants.txt}
N=ferrite-dbscan-gemm-choice
run() { local tag=$1; shift; "$@" 2>/dev/null | sed "s/^RESULT /RESULT build=$tag /" >> "$OUT"; }
for r in $(seq 1 "$ROUNDS"); do
  for t in 1 2; do
    for b in 256 512 1024; do
      run main   env MATMUL_NUM_THREADS=1 target/release/$N tri gemm $b $t tiles 2
      run v4     env MATMUL_NUM_THREADS=1 target/v4/release/$N tri gemm $b $t tiles 2
      run native env MATMUL_NUM_THREADS=1 target/native/release/$N tri gemm $b $t tiles 2
    done
    for c in faer mm; do
      run main   env MATMUL_NUM_THREADS=1 target/release/$N tri $c 512 $t tiles 2
      run native env MATMUL_NUM_THREADS=1 target/native/release/$N tri $c 512 $t tiles 2
    done
  done
done
run native target/native/release/$N naive 200 2 1 avx512
run native target/native/release/$N naive 200 2 1 scalar

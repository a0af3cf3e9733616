#!/usr/bin/env bash
# Builds the six variants and runs every measurement; outputs go to target/runs/<variant>-<run>.txt.
# Usage (from this folder): ./run.sh [RUN_LABEL] [SAMPLES]   e.g. ./run.sh 1 21
# Needs libclang (Debian: libclang1-14 libclang-common-14-dev) for argon2-kdf's bindgen.
set -euo pipefail
cd "$(dirname "$0")"
RUN=${1:-1}
N=${2:-21}
unset RUSTFLAGS CFLAGS ARGON2_KDF_C_COMPILER_FLAGS
mkdir -p target/runs
build() { cargo build --release -j 2 --quiet "$@"; }
build                                                                   # main: RUSTFLAGS unset, argon2-kdf default C flags
build --no-default-features --features par06,c-sys --target-dir target/sys
build --no-default-features --features par06,c-sys-simd --target-dir target/sys-simd
build --no-default-features --features c-kdf --target-dir target/nopar
ARGON2_KDF_C_COMPILER_FLAGS=-mavx2 build --target-dir target/kdf-avx2
RUSTFLAGS="-C target-cpu=native" ARGON2_KDF_C_COMPILER_FLAGS=-march=native build --target-dir target/native
bin() { echo "target/$1/ferrite-argon2-crate-choice"; }
# Background sampler: what else is using the CPU while we measure (every 5 s, top 3 processes by %CPU).
( while sleep 5; do date +%T | tr '\n' ' '; ps -eo pcpu,comm --sort=-pcpu | sed -n 2,4p | tr '\n' ' '; echo; done ) \
  > "target/runs/load-$RUN.txt" &
SAMPLER=$!
trap 'kill "$SAMPLER" 2>/dev/null || true' EXIT
ANCHOR="argon2 0.6.0 parallel + reused memory"
{ lscpu | grep -E 'Model name|^CPU\(s\)'; grep -o -w 'avx2\|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' '; echo; uptime; } > "target/runs/cpu-$RUN.txt"
$(bin release) all                                     > "target/runs/main-$RUN.txt"
$(bin release) bench "$N"                              > "target/runs/main-bench-$RUN.txt"
$(bin sys/release) kat                                 > "target/runs/sys-kat-$RUN.txt"
$(bin sys-simd/release) kat                            > "target/runs/sys-simd-kat-$RUN.txt"
$(bin kdf-avx2/release) kat                            > "target/runs/kdf-avx2-kat-$RUN.txt"
$(bin native/release) kat                              > "target/runs/native-kat-$RUN.txt"
$(bin sys/release) bench "$N" "argon2-sys" "$ANCHOR"   > "target/runs/sys-$RUN.txt"
$(bin sys-simd/release) bench "$N" "argon2-sys" "$ANCHOR" > "target/runs/sys-simd-$RUN.txt"
ARGON2_C_POOL_HUGE=1 $(bin sys-simd/release) bench "$N" "allocate_cbk" "huge pages" > "target/runs/sys-simd-hugepool-$RUN.txt"
$(bin nopar/release) bench "$N" "argon2 0.6.0"         > "target/runs/nopar-$RUN.txt"
$(bin kdf-avx2/release) bench "$N" "argon2-kdf" "$ANCHOR" > "target/runs/kdf-avx2-$RUN.txt"
$(bin native/release) info                             > "target/runs/native-$RUN.txt"
$(bin native/release) bench "$N"                       >> "target/runs/native-$RUN.txt"
uptime >> "target/runs/cpu-$RUN.txt"
echo "done: target/runs/*-$RUN.txt"

#!/usr/bin/env bash
# Generates FFM bindings for bindings/include/ferrite.h with jextract, for comparison with the hand-written ones in
# bindings/src/main/java/dev/ferrite/internal/ffi/FerriteNative.java (jextract is not on our build machines, so the
# build does not use it). Get jextract from https://jdk.java.net/jextract/ and put it on PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v jextract >/dev/null 2>&1 || { echo "jextract not found: see https://jdk.java.net/jextract/" >&2; exit 1; }
out="$root/bindings/target/jextract"
mkdir -p "$out"
jextract --output "$out" --target-package dev.ferrite.internal.ffi.generated \
  --header-class-name ferrite_h --library ferrite "$root/bindings/include/ferrite.h"
echo "generated into $out"

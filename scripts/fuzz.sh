#!/usr/bin/env bash
# Fuzzes one differential fuzz target (java-api/src/test/java/dev/ferrite/fuzz) for a number of minutes with Jazzer:
# both backends run on every input, and a disagreement (different bytes, accept/reject or exception type) or an
# unexpected exception fails the run. Findings are written next to the seed corpus
# (java-api/src/test/resources/dev/ferrite/fuzz/<Target>Inputs/<method>/), where plain `mvn test` replays them;
# the generated corpus goes to java-api/.cifuzz-corpus/ (not committed).
# Usage: scripts/fuzz.sh TARGET MINUTES [extra Maven arguments, e.g. -o]
#   TARGET: Sha256Fuzz, AesGcmFuzz, Argon2VerifyFuzz, Ed25519VerifyFuzz, KeyDecodingFuzz, DbscanFuzz, SilhouetteFuzz, EnvelopeFuzz
#           (X25519 agreement) or HpkeFuzz
source "$(dirname "$0")/lib/env.sh"

usage() {
  printf 'usage: scripts/fuzz.sh TARGET MINUTES [extra Maven arguments]\n' >&2
  printf '  TARGET: one of Sha256Fuzz AesGcmFuzz Argon2VerifyFuzz Ed25519VerifyFuzz KeyDecodingFuzz DbscanFuzz SilhouetteFuzz EnvelopeFuzz HpkeFuzz\n' >&2
  printf '  MINUTES: how long to fuzz (whole minutes, >= 1)\n' >&2
  exit 2
}

[ $# -ge 2 ] || usage
target="$1"
minutes="$2"
shift 2
case "$target" in
  Sha256Fuzz) method=digest ;;
  AesGcmFuzz) method=decrypt ;;
  Argon2VerifyFuzz) method=verify ;;
  Ed25519VerifyFuzz) method=verify ;;
  KeyDecodingFuzz) method=decode ;;
  DbscanFuzz) method=cluster ;;
  SilhouetteFuzz) method=compute ;;
  EnvelopeFuzz) method=agree ;;
  HpkeFuzz) method=sealAndOpen ;;
  *) printf 'ferrite: unknown fuzz target %s\n' "$target" >&2; usage ;;
esac
[[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { printf 'ferrite: MINUTES must be a positive whole number, got %s\n' "$minutes" >&2; usage; }

ferrite_setup
cd "$FERRITE_ROOT"

# The library and the bindings must be installed for the single-module test run below.
"${MVN[@]}" -q install -DskipTests -Dferrite.hostOnly=true -pl java-api -am "$@"

echo "ferrite: fuzzing $target.$method for $minutes min (JAZZER_FUZZ=1)"
# jazzer.max_duration (a JUnit configuration parameter, read from the test JVM's system properties) limits the run;
# in fuzzing mode Jazzer fuzzes only one @FuzzTest per JVM, so exactly one is selected. Coverage guidance covers all
# of dev.ferrite (the Java backends and the shared checks), not just the fuzz package Jazzer picks by default; the
# Rust code is not instrumented. Jazzer's settings go to the test JVM through ferrite.test.extraArgLine (root pom).
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
JAZZER_FUZZ=1 "${MVN[@]}" test -pl java-api "$@" \
  -Dtest="dev.ferrite.fuzz.${target}#${method}" \
  -Dferrite.test.extraArgLine="-Djazzer.max_duration=${minutes}m -Djazzer.instrumentation_includes=dev.ferrite.**"
ferrite_require_ran "dev.ferrite.fuzz.${target}" "$stamp"

#!/usr/bin/env bash
# Runs the load test (java-api/src/test/java/dev/ferrite/StressTest.java) for a number of minutes instead of its
# default 8 seconds: 16 threads call every kernel at random on shared keys, every native result is checked against the
# pure-Java fallback, and the native library's live-handle count must come back to its starting value. It prints one
# line of operation counts per kernel ("StressTest: ...") and fails with a report (thread, seed, iteration, operation)
# on any disagreement, unexpected exception, hang or leaked handle.
# Usage: scripts/stress.sh MINUTES [extra Maven arguments, e.g. -o, or -Dferrite.stress.seed=0x... to repeat a run]
source "$(dirname "$0")/lib/env.sh"

usage() {
  printf 'usage: scripts/stress.sh MINUTES [extra Maven arguments]\n' >&2
  printf '  MINUTES: how long the 16 threads run (whole minutes, >= 1)\n' >&2
  exit 2
}

[ $# -ge 1 ] || usage
minutes="$1"
shift
[[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { printf 'ferrite: MINUTES must be a positive whole number, got %s\n' "$minutes" >&2; usage; }

ferrite_setup
cd "$FERRITE_ROOT"

# The library and the bindings must be installed for the single-module test run below.
"${MVN[@]}" -q install -DskipTests -Dferrite.hostOnly=true -pl java-api -am "$@"

echo "ferrite: stress test for $minutes min (16 threads)"
# Surefire passes Maven's user properties (-D on this command line) to the test JVM as system properties, so
# ferrite.stress.seconds reaches StressTest without touching the argLine (the root pom's ferrite.test.argLine).
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
"${MVN[@]}" test -pl java-api "$@" \
  -Dtest=StressTest \
  -Dferrite.stress.seconds=$((minutes * 60))
ferrite_require_ran dev.ferrite.StressTest "$stamp"

#!/usr/bin/env bash
# Runs the near-2 GiB input test (java-api/src/test/java/dev/ferrite/LargeInputsTest.java, JUnit tag "large"), which
# the normal test command leaves out: SHA-256 and AES-GCM on direct buffers of Integer.MAX_VALUE bytes and on heap
# arrays of Integer.MAX_VALUE - 8 bytes, the native backend (fed in 1 MiB slices) against the Java fallback and the
# JDK, with odd-length windows, slices, read-only views, round trips and tampering.
# Needs Linux and about 16 GiB of available memory: the test JVM gets -Xmx9g and -XX:MaxDirectMemorySize=6400m and
# peaked at 14.3 GiB resident (the direct AES-GCM test: 6 GiB of direct buffers plus the heap), Maven needs the rest.
# About two minutes on 2 cores (AMD EPYC Zen 4). It checks the available memory first and stops with a message when it
# is short.
# Usage: scripts/large-inputs.sh [extra Maven arguments, e.g. -o]
source "$(dirname "$0")/lib/env.sh"

# Three 2 GiB buffers live at once in each AES-GCM test (plaintext and two outputs), plus the Java fallback's copies:
# two 2 GiB arrays to decrypt a direct buffer, one (the JDK's copy of the output) to encrypt a read-only heap buffer.
heap=9g
direct=6400m
need_gib=16

if [ ! -r /proc/meminfo ]; then
  ferrite_die "can't read /proc/meminfo to check the available memory (this script is for Linux)"
fi
available_kib=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
[ -n "$available_kib" ] || ferrite_die "no MemAvailable line in /proc/meminfo; can't check the available memory"
available_gib=$((available_kib / 1024 / 1024))
if [ "$available_gib" -lt "$need_gib" ]; then
  ferrite_die "the large-input test needs about $need_gib GiB of available memory (test JVM: -Xmx$heap,
  -XX:MaxDirectMemorySize=$direct; Maven), but MemAvailable in /proc/meminfo is $available_gib GiB.
  Free some memory or run it on a larger machine."
fi

ferrite_setup
cd "$FERRITE_ROOT"

# The library and the bindings must be installed for the single-module test run below.
"${MVN[@]}" -q install -DskipTests -Dferrite.hostOnly=true -pl java-api -am "$@"

echo "ferrite: LargeInputsTest with -Xmx$heap -XX:MaxDirectMemorySize=$direct ($available_gib GiB available)"
start=$(date +%s)
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
# The memory settings go to the test JVM through ferrite.test.extraArgLine (root pom); an empty
# ferrite.test.excludedGroups lets the "large" tag run (java-api/pom.xml excludes it by default).
"${MVN[@]}" test -pl java-api "$@" \
  -Dtest=LargeInputsTest \
  -Dferrite.test.excludedGroups= \
  -Dferrite.test.extraArgLine="-Xmx$heap -XX:MaxDirectMemorySize=$direct"
ferrite_require_ran dev.ferrite.LargeInputsTest "$stamp"
echo "ferrite: LargeInputsTest passed in $(( $(date +%s) - start )) s"

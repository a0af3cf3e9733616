#!/usr/bin/env bash
# Runs every test, as CI does (.ci/run calls this):
#   1. mvn verify: builds the Rust library (release), writes ferrite.h, packs the library into the jar, runs
#      cargo fmt --check, cargo clippy -D warnings and cargo test, then the JUnit suites on both backends;
#   2. a plain `java -cp <jars> App` with no flags, which must get the native backend;
#   3. a JMH smoke run of every benchmark (about four to five minutes) so the benchmarks can't rot.
# Sets itself up: finds a JDK 22+, checks cargo and Maven, and says what to install when one is missing.
# Usage: scripts/test.sh [extra Maven arguments, e.g. -o]
source "$(dirname "$0")/lib/env.sh"
ferrite_setup
cd "$FERRITE_ROOT"

start=$(date +%s)
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
echo "ferrite: [1/3] build and test (mvn verify)"
"${MVN[@]}" verify "$@"

printf "\n"; echo "ferrite: [2/3] a plain java -cp <jars> App, no flags, must get the native backend"
api_jar=$(ls java-api/target/ferrite-[0-9]*.jar | grep -v -e sources -e javadoc | head -n 1)
bindings_jar=$(ls bindings/target/ferrite-bindings-[0-9]*.jar | grep -v -e sources -e javadoc | head -n 1)
classpath="$api_jar:$bindings_jar"
app_output=$("$FERRITE_JAVA" -cp "$classpath" scripts/lib/PlainApp.java 2>&1)
printf '%s\n' "$app_output"
if ! printf '%s\n' "$app_output" | grep -q '^backend=NATIVE$'; then
  ferrite_die "the plain application did not get the native backend (output above)"
fi

echo "ferrite: [3/3] JMH smoke run"
bash scripts/bench.sh --smoke --no-build

# One closing line with the JUnit totals, counted from the Surefire reports this run wrote (test cases, not suites:
# a @ParameterizedClass reports its runs as cases of a suite that itself counts zero), and the reason of each skip
# (tests that need something this machine lacks say what).
# (grep finds nothing when nothing failed: that is not an error here, despite pipefail.)
reports() { find . -path '*/target/surefire-reports/TEST-*.xml' -newer "$stamp" -print0 | xargs -0 -r cat; }
count() { reports | { grep -o "$1" || true; } | wc -l; }
cases=$(count '<testcase ')
failed=$(( $(count '<failure') + $(count '<error') ))
skipped=$(count '<skipped')
echo "ferrite: all checks done in $(( $(date +%s) - start )) s"
reports | { grep -o '<skipped message="[^"]*"' || true; } | sed 's/^<skipped message="/junit skipped: /; s/"$//'
echo "junit: $(( cases - failed - skipped )) passed, $failed failed, $skipped skipped"

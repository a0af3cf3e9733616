#!/usr/bin/env bash
# Runs every test, as CI does (.ci/run calls this):
#   1. mvn verify: builds the Rust library (release), writes ferrite.h, cross-builds the linux-aarch64, musl and
#      Windows libraries, packs them all into the jar, runs cargo fmt --check, cargo clippy -D warnings and cargo test,
#      the arm64 cargo tests under qemu-aarch64 (two CPU models), the C ABI check of every packed library (arm64
#      under qemu, Windows under wine, musl natively), then the JUnit suites on both backends (JDK 22+), the java-api suite again on JDK 17 with the Java
#      backend, and the ferrite-cli jar as a process (PackagedJarIT: native on JDK 25, the Java backend on JDK 17);
#   2. a plain `java -cp <jars> App` with no flags, which must get the native backend, and the same app on JDK 17,
#      which must get the Java backend with the reason in words;
#   3. a JMH smoke run of every benchmark (about four to five minutes) so the benchmarks can't rot.
# Sets itself up: finds a JDK 25+ to build with and a JDK 17 for the second run, checks cargo and Maven, installs the
# cross-build tools (Rust targets; Debian packages as root: scripts/lib/platforms.sh), and says what to install when
# one is missing. -Dferrite.hostOnly=true builds and tests linux-x86_64 only.
# Usage: scripts/test.sh [extra Maven arguments, e.g. -o]
source "$(dirname "$0")/lib/env.sh"
ferrite_setup
ferrite_setup_platforms "$@"
ferrite_find_old_jdk
printf 'ferrite: older JDK for the Java-backend run: %s\n' "$FERRITE_OLD_JDK"
cd "$FERRITE_ROOT"

start=$(date +%s)
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
echo "ferrite: [1/3] build and test (mvn verify)"
"${MVN[@]}" verify -Dferrite.test.oldJdk="$FERRITE_OLD_JDK" "$@"

printf "\n"; echo "ferrite: [2/3] a plain java -cp <jars> App, no flags: native on JDK 22+, Java with the reason on JDK 17"
api_jar=$(ls java-api/target/ferrite-[0-9]*.jar | grep -v -e sources -e javadoc | head -n 1)
classpath="$api_jar:$(cat java-api/target/runtime.classpath)"  # the bindings jar and Bouncy Castle
app_output=$("$FERRITE_JAVA" -cp "$classpath" scripts/lib/PlainApp.java 2>&1)
printf '%s\n' "$app_output"
if ! printf '%s\n' "$app_output" | grep -q '^backend=NATIVE$' \
    || ! printf '%s\n' "$app_output" | grep -q '^jca=Ferrite signed, SunEC verified true$'; then
  ferrite_die "the plain application did not get the native backend (output above)"
fi
old_output=$("$FERRITE_OLD_JDK/bin/java" -cp "$classpath" scripts/lib/PlainApp.java 2>&1)
printf '%s\n' "$old_output"
if ! printf '%s\n' "$old_output" | grep -q '^backend=JAVA$' \
    || ! printf '%s\n' "$old_output" | grep -q '^jca=Ferrite signed, SunEC verified true$' \
    || ! printf '%s\n' "$old_output" | grep -q '^nativeLoadError=the native backend needs JDK 22 or newer'; then
  ferrite_die "on $FERRITE_OLD_JDK the plain application did not get the Java backend with the reason (output above)"
fi

echo "ferrite: [2/3] (continued) the same on the module path: the API is readable, dev.ferrite.internal and backend classes are not"
modulepath="$classpath"
modules=$(mktemp -d)
trap 'rm -f "$stamp"; rm -rf "$modules"' EXIT
"$FERRITE_JDK/bin/javac" --release 17 -d "$modules/app" --module-path "$modulepath" \
  $(find scripts/lib/module-app/app -name '*.java')
for java in "$FERRITE_JAVA" "$FERRITE_OLD_JDK/bin/java"; do
  module_output=$("$java" --module-path "$modulepath:$modules/app" -m example.app/example.App 2>&1)
  printf '%s\n' "$module_output"
  printf '%s\n' "$module_output" | grep -q '^sha256(abc)=ba7816bf' || ferrite_die "the module-path app failed on $java"
  printf '%s\n' "$module_output" | grep -q '^hpke=ok$' || ferrite_die "HPKE failed on the module path on $java"
done
if internal_output=$("$FERRITE_JDK/bin/javac" --release 17 -d "$modules/internal" --module-path "$modulepath" \
    $(find scripts/lib/module-app/internal -name '*.java') 2>&1); then
  ferrite_die "an application on the module path could compile against Ferrite's internals"
fi
printf '%s\n' "$internal_output" | grep -q 'package dev.ferrite.internal is not visible' \
  && printf '%s\n' "$internal_output" | grep -q 'JavaSha256 is not public' \
  || ferrite_die "javac refused the internals app, but not for the expected reasons: $internal_output"
echo "module path: internals refused as expected (dev.ferrite.internal not visible, JavaSha256 not public)"

echo "ferrite: [3/3] JMH smoke run"
bash scripts/bench.sh --smoke --no-build

# One closing line with the JUnit totals, counted from the Surefire and Failsafe reports this run wrote (test cases,
# not suites: a @ParameterizedClass reports its runs as cases of a suite that itself counts zero), and the reason of
# each skip (tests that need something this machine lacks say what).
# (grep finds nothing when nothing failed: that is not an error here, despite pipefail.)
reports() { find . -path '*/target/*-reports*/TEST-*.xml' -newer "$stamp" -print0 | xargs -0 -r cat; }
count() { reports | { grep -o "$1" || true; } | wc -l; }
cases=$(count '<testcase ')
failed=$(( $(count '<failure') + $(count '<error') ))
skipped=$(count '<skipped')
echo "ferrite: all checks done in $(( $(date +%s) - start )) s"
reports | { grep -o '<skipped message="[^"]*"' || true; } | sed 's/^<skipped message="/junit skipped: /; s/"$//'
echo "junit: $(( cases - failed - skipped )) passed, $failed failed, $skipped skipped"

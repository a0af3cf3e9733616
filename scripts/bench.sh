#!/usr/bin/env bash
# Compares Ferrite's native and Java backends with the JDK and third-party providers (JMH), then prints Markdown
# tables with each contender's time relative to native.
#
#   scripts/bench.sh            quick comparison of every kernel, about 15 minutes on 2 cores (plus the build): 1 fork,
#                               3 x 0.5 s warm-up, 5 x 0.5 s measurement; also in benchmarks/target/bench/quick.{json,md}
#   scripts/bench.sh --full     the runs behind benchmarks/RESULTS.md: 2 forks, 5 x 1 s + 5 x 1 s, one kernel after
#                               the other (SHA-256 about 15 minutes, Ed25519 about 15, AES-GCM about 20); writes, per kernel,
#                               benchmarks/results/KERNEL.json (JMH's JSON), KERNEL.md (the tables, to paste into
#                               RESULTS.md) and KERNEL.svg (a chart). Each includes the no-op FFM call.
#   scripts/bench.sh --smoke    about 2 minutes: every benchmark with every impl once (1 fork, 1 x 1 s + 1 x 1 s, one
#                               size each); fails when any benchmark fails. scripts/test.sh runs it.
#
# Options:
#   --kernel K      only kernel K (sha256, ed25519, aesgcm or argon2), in any mode
#   --no-build      use benchmarks/target/benchmarks.jar as it is (after 'mvn package', as scripts/test.sh does)
#   --help          this text
#   anything else   goes to JMH and wins over the mode's settings, e.g.
#                   scripts/bench.sh -- -p impl=native,jdk-reused -p size=1024 -f 3 'Sha256Bench'
#                   ('java -jar benchmarks/target/benchmarks.jar -h' lists JMH's options)
# Keep the machine otherwise idle while it runs: the ratios are only as good as the quiet.

source "$(dirname "$0")/lib/env.sh"

mode=quick
build=true
kernels=(sha256 ed25519 aesgcm argon2)
jmh_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) mode=smoke ;;
    --quick) mode=quick ;;
    --full) mode=full ;;
    --no-build) build=false ;;
    --kernel)
      [ $# -ge 2 ] || ferrite_die "--kernel needs a name: sha256, ed25519, aesgcm or argon2"
      case "$2" in
        sha256 | ed25519 | aesgcm | argon2) kernels=("$2") ;;
        *) ferrite_die "--kernel $2: unknown kernel; use sha256, ed25519, aesgcm or argon2" ;;
      esac
      shift
      ;;
    -h | --help)
      sed -n '2,/^$/s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    --)
      shift
      jmh_args+=("$@")
      break
      ;;
    *) jmh_args+=("$1") ;;
  esac
  shift
done

ferrite_setup

jar="$FERRITE_ROOT/benchmarks/target/benchmarks.jar"
if [ "$build" = true ]; then
  printf 'ferrite bench: building the benchmarks jar\n'
  "${MVN[@]}" -q -f "$FERRITE_ROOT/pom.xml" -pl benchmarks -am -DskipTests package
fi
[ -f "$jar" ] || ferrite_die "$jar is missing: run without --no-build, or 'mvn -DskipTests package' first"

java_args=(--enable-native-access=ALL-UNNAMED)
# JMH 1.37 reads fields through sun.misc.Unsafe, which JDK 24+ warns about; allowed explicitly on 23+ (the option
# does not exist before). Forked benchmark JVMs inherit these options.
if [ "$(ferrite_java_major "$FERRITE_JAVA")" -ge 23 ]; then
  java_args+=(--sun-misc-unsafe-memory-access=allow)
fi

# The benchmarks of each kernel (a new kernel's *Bench classes get a line here); every kernel's run includes the no-op
# FFM call, so the boundary's cost is measured in the same run as the kernel.
include_of() {
  case "$1" in
    sha256) printf '%s' 'dev\.ferrite\.bench\.(Sha256|NativeCall)' ;;
    ed25519) printf '%s' 'dev\.ferrite\.bench\.(Ed25519|NativeCall)' ;;
    aesgcm) printf '%s' 'dev\.ferrite\.bench\.(AesGcm|NativeCall)' ;;
    argon2) printf '%s' 'dev\.ferrite\.bench\.(Argon2|NativeCall)' ;;
  esac
}

run_report() { # label, then Report arguments
  local label=$1 start=$SECONDS status=0
  shift
  "$FERRITE_JAVA" "${java_args[@]}" -cp "$jar" dev.ferrite.bench.Report "$@" "${jmh_args[@]}" || status=$?
  printf 'ferrite bench: %s took %d s\n' "$label" $((SECONDS - start))
  if [ "$status" -ne 0 ]; then
    ferrite_die "the $label benchmark run failed (exit $status); the first error is above"
  fi
}

printf 'ferrite bench: %s run (%s) on %s\n' "$mode" "${kernels[*]}" "$FERRITE_JAVA"
case "$mode" in
  smoke | quick)
    patterns=()
    for kernel in "${kernels[@]}"; do patterns+=("$(include_of "$kernel")"); done
    include=$(IFS='|'; printf '(%s)' "${patterns[*]}")
    report_args=(--preset "$mode" --default-include "$include")
    if [ "$mode" = smoke ]; then
      report_args+=(--default-param size=1024 --default-param messageBytes=64 --default-param count=64
        --default-param setting=owasp)
    else
      out="$FERRITE_ROOT/benchmarks/target/bench"
      report_args+=(--json "$out/quick.json" --markdown "$out/quick.md")
    fi
    run_report "$mode run" "${report_args[@]}"
    ;;
  full)
    out="$FERRITE_ROOT/benchmarks/results"
    for kernel in "${kernels[@]}"; do
      printf 'ferrite bench: full %s run, about 15 minutes; load average now: %s\n' "$kernel" \
        "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
      run_report "full $kernel run" --preset full --default-include "$(include_of "$kernel")" \
        --json "$out/$kernel.json" --markdown "$out/$kernel.md" --svg "$out/$kernel.svg"
      printf 'ferrite bench: put %s into benchmarks/RESULTS.md, with the chart and the JSON beside it\n' \
        "$out/$kernel.md"
    done
    ;;
esac

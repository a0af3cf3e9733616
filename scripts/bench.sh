#!/usr/bin/env bash
# Compares Ferrite's native and Java backends with the JDK and third-party providers (JMH), then prints Markdown
# tables with each contender's time relative to native.
#
#   scripts/bench.sh            quick comparison, about 3 minutes on 2 cores (plus the build): 1 fork,
#                               3 x 0.5 s warm-up, 5 x 0.5 s measurement, every impl at 64 B, 1 KiB, 16 KiB and
#                               1 MiB, and the 10,000 x 256 B batch; also in benchmarks/target/bench/quick.{json,md}
#   scripts/bench.sh --full     the run behind benchmarks/RESULTS.md, about 15 minutes: 2 forks, 5 x 1 s + 5 x 1 s,
#                               sizes 64 B, 1 KiB, 16 KiB, 1 MiB; writes benchmarks/results/sha256.json (JMH's JSON),
#                               sha256.md (the tables, to paste into RESULTS.md) and sha256.svg (a chart)
#   scripts/bench.sh --smoke    about 35 s: every benchmark with every impl once (1 fork, 1 x 1 s + 1 x 1 s,
#                               1 KiB messages); fails when any benchmark fails. scripts/test.sh runs it.
#
# Options:
#   --no-build      use benchmarks/target/benchmarks.jar as it is (after 'mvn package', as scripts/test.sh does)
#   --help          this text
#   anything else   goes to JMH and wins over the mode's settings, e.g.
#                   scripts/bench.sh -- -p impl=native,jdk-reused -p size=1024 -f 3 'Sha256Bench'
#                   ('java -jar benchmarks/target/benchmarks.jar -h' lists JMH's options)
# Keep the machine otherwise idle while it runs: the ratios are only as good as the quiet.

source "$(dirname "$0")/lib/env.sh"

mode=quick
build=true
jmh_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) mode=smoke ;;
    --quick) mode=quick ;;
    --full) mode=full ;;
    --no-build) build=false ;;
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

# Only SHA-256 has benchmarks so far: a new kernel's *Bench joins the include pattern here (and its output
# files in the full run below).
report_args=(--preset "$mode" --default-include 'dev\.ferrite\.bench\.(Sha256|NativeCall)')
case "$mode" in
  smoke)
    report_args+=(--default-param size=1024)
    ;;
  quick)
    out="$FERRITE_ROOT/benchmarks/target/bench"
    report_args+=(--json "$out/quick.json" --markdown "$out/quick.md")
    ;;
  full)
    out="$FERRITE_ROOT/benchmarks/results"
    report_args+=(--json "$out/sha256.json" --markdown "$out/sha256.md" --svg "$out/sha256.svg")
    printf 'ferrite bench: full run, about 15 minutes; load average now: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
    ;;
esac

printf 'ferrite bench: %s run on %s\n' "$mode" "$FERRITE_JAVA"
start=$SECONDS
status=0
"$FERRITE_JAVA" "${java_args[@]}" -cp "$jar" dev.ferrite.bench.Report "${report_args[@]}" "${jmh_args[@]}" || status=$?
printf 'ferrite bench: %s run took %d s\n' "$mode" $((SECONDS - start))
if [ "$status" -ne 0 ]; then
  ferrite_die "the $mode benchmark run failed (exit $status); the first error is above"
fi
if [ "$mode" = full ]; then
  printf 'ferrite bench: put %s into benchmarks/RESULTS.md, with the chart and the JSON beside it\n' "$out/sha256.md"
fi

#!/usr/bin/env bash
# Compares Ferrite's native and Java backends with the JDK and third-party libraries (JMH).
#
#   scripts/bench.sh [--tour]   the tour, about 2 to 3 minutes on 2 cores (plus the build): each kernel's headline
#                               workload (SHA-256 of 1 KiB, Ed25519 sign and verify of 64 B, AES-256-GCM encryption of
#                               1 KiB, Argon2id at OWASP's setting, DBSCAN of 100,000 2-D points) with Ferrite native,
#                               its Java fallback and the fastest peer of RESULTS.md's full runs (and for Ed25519 the
#                               JDK's SunEC); 1 fork, 3 x 0.5 s warm-up + 8 x 0.5 s (DBSCAN 3 + 10 single clusterings).
#                               Shows one progress line per benchmark, then one table; writes
#                               benchmarks/target/bench/tour.html (one self-contained page: a chart per kernel, time per
#                               operation on a log scale, then the table), tour.json (JMH's JSON) and tour.log (JMH's
#                               output). No JCA, memory or scikit-learn step (see --quick). 2:07-2:24 on 2 busy cores.
#   scripts/bench.sh --quick    every benchmark of every kernel, short: about 15 to 25 minutes on 2 cores: 1 fork,
#                               3 x 0.5 s warm-up, 5 x 0.5 s measurement; Markdown tables of each contender's time
#                               relative to native, also in benchmarks/target/bench/quick.{json,md}
#   scripts/bench.sh --full     the runs behind benchmarks/RESULTS.md: 2 forks, 5 x 1 s + 5 x 1 s, one kernel after
#                               the other (SHA-256 about 15 minutes, Ed25519 about 15, AES-GCM about 20, Argon2 about 5,
#                               DBSCAN 20-35, see below); writes, per kernel,
#                               benchmarks/results/KERNEL.json (JMH's JSON), KERNEL.md (the tables, to paste into
#                               RESULTS.md) and KERNEL.svg (a chart: time per operation on a log scale, each bar with
#                               its ± and its ratio to native). Each includes the no-op FFM call (in the tables only).
#   scripts/bench.sh --smoke    about 4 minutes: every benchmark with every impl once (1 fork, 1 x 1 s + 1 x 1 s, one
#                               size each; the JCA provider's 1 x 0.2 s + 1 x 0.2 s); fails when any benchmark fails.
#                               scripts/test.sh runs it.
#
# JCA provider (kernel jca): JcaBench (Ferrite's provider on both backends against Ferrite's own API, the JDK's
# providers, ACCP, Bouncy Castle's provider and Conscrypt) and JcaTlsBench (TLS 1.3 through SSLEngine with and without
# Ferrite first), tables relative to jca-native; full: benchmarks/results/jca.{json,md,svg}, about 27 minutes. Then,
# when a JDK 17 (FERRITE_JDK17, else /usr/lib/jvm) and a Ferrite jar compiled for 17 (FERRITE_JDK17_JAR, else
# java-api/target's when its classes are release 17) are there, JcaJdk17Bench (Ed25519 through the provider's Java
# backend against SunEC on JDK 17; full: results/jca-jdk17.{json,md,svg}); otherwise that step is skipped, saying why.
#
# DBSCAN (issue #6) runs as several JMH runs, one per group of workloads and contenders (the quadratic peers only
# where they finish in minutes), merged into one JSON/Markdown/SVG; then peak memory (DbscanMemory, one JVM per
# backend, blobs1m) and scikit-learn on the same points (scripts/sklearn_dbscan.py; installed into
# benchmarks/target/venv when missing, skipped with a message when that fails). Single-shot timing, -prof gc.
#   quick: blobs100k with native, java, smile, elki; blobs1m and embed10k with native, java; 1 fork, 5 + 10 single
#          shots (embed10k 2 + 5); about 3 minutes, plus scikit-learn's; tables in benchmarks/target/bench/dbscan-quick.*
#   full:  the same with 2 forks, then the slow peers in 1 fork without
#          warm-up: commonsmath on blobs100k (3 x ~2 min), smile and elki on embed10k (2 x 2-3 min each); with
#          --slow-peers also smile and elki on blobs1m (2 x 1-2 min each); about 20-35 minutes (+10 with --slow-peers);
#          writes benchmarks/results/dbscan.{json,md,svg}, dbscan-memory.{json,md} and dbscan-sklearn.{json,md}
#   smoke: blobs10k and embed1k, every contender once (well under a minute); no memory or scikit-learn step
#
# Options:
#   --kernel K      only kernel K (sha256, ed25519, aesgcm, argon2, dbscan, envelope, jca or silhouette), in any mode
#                   (the tour has no jca, envelope or silhouette; envelope: X25519, HKDF-SHA256 and HPKE,
#                   EnvelopeBench; silhouette, SilhouetteBench, runs only when asked for)
#   --slow-peers    DBSCAN --full: also Smile and ELKI on blobs1m (about 2 minutes per clustering)
#   --no-sklearn    DBSCAN: skip the scikit-learn comparison
#   --no-build      use benchmarks/target/benchmarks.jar as it is (after 'mvn package', as scripts/test.sh does)
#   --help          this text
#   anything else   goes to JMH and wins over the mode's settings (the tour takes run options such as -f, -wi,
#                   -i, -r, -jvmArgsAppend, not benchmarks or -p), e.g.
#                   scripts/bench.sh --quick -- -p impl=native,jdk-reused -p size=1024 -f 3 'Sha256Bench'
#                   ('java -jar benchmarks/target/benchmarks.jar -h' lists JMH's options); DBSCAN then runs only
#                   with --kernel dbscan, once with them instead of in groups, e.g.
#                   --quick --kernel dbscan -- -p workload=blobs100k -p impl=native,java
# Keep the machine otherwise idle while it runs: the ratios are only as good as the quiet. JMH refuses to start while
# another JMH holds /tmp/jmh.lock; JAVA_TOOL_OPTIONS=-Djmh.ignoreLock=true runs anyway.

source "$(dirname "$0")/lib/env.sh"

mode=tour
build=true
kernels=(sha256 ed25519 aesgcm argon2 dbscan envelope jca)
slow_peers=false
sklearn=true
kernel_given=false
jmh_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) mode=smoke ;;
    --tour) mode=tour ;;
    --quick) mode=quick ;;
    --full) mode=full ;;
    --no-build) build=false ;;
    --slow-peers) slow_peers=true ;;
    --no-sklearn) sklearn=false ;;
    --kernel)
      [ $# -ge 2 ] || ferrite_die "--kernel needs a name: sha256, ed25519, aesgcm, argon2, dbscan, jca or silhouette"
      case "$2" in
        sha256 | ed25519 | aesgcm | argon2 | dbscan | envelope | jca | silhouette) kernels=("$2") kernel_given=true ;;
        *) ferrite_die "--kernel $2: unknown kernel; use sha256, ed25519, aesgcm, argon2, dbscan, envelope, jca or silhouette" ;;
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

# JMH options of one's own select their benchmarks: DBSCAN's groups, memory and scikit-learn steps then run only
# when asked for with --kernel dbscan.
if [ "${#jmh_args[@]}" -gt 0 ] && [ "$kernel_given" = false ] && [ "$mode" != tour ]; then
  kernels=(sha256 ed25519 aesgcm argon2 envelope jca)
fi
if [ "$mode" = tour ]; then
  if [ "$kernel_given" = false ]; then
    kernels=(sha256 ed25519 aesgcm argon2 dbscan)
  elif [ "${kernels[0]}" = jca ] || [ "${kernels[0]}" = envelope ] || [ "${kernels[0]}" = silhouette ]; then
    ferrite_die "the tour has no ${kernels[0]} step: run scripts/bench.sh --quick --kernel ${kernels[0]}"
  fi
fi

ferrite_setup

jar="$FERRITE_ROOT/benchmarks/target/benchmarks.jar"
if [ "$build" = true ]; then
  printf 'ferrite bench: building the benchmarks jar\n'
  # The benchmarks measure this machine's library: the other platforms' (cross-built by the full build) are not needed.
  "${MVN[@]}" -q -f "$FERRITE_ROOT/pom.xml" -pl benchmarks -am -DskipTests -Dferrite.hostOnly=true package
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
    dbscan) printf '%s' 'dev\.ferrite\.bench\.(Dbscan|NativeCall)' ;;
    envelope) printf '%s' 'dev\.ferrite\.bench\.(Envelope|NativeCall)' ;;
    jca) printf '%s' 'dev\.ferrite\.bench\.(Jca|NativeCall)' ;; # JcaBench, JcaTlsBench (not jdk17.JcaJdk17Bench)
    silhouette) printf '%s' 'dev\.ferrite\.bench\.(Silhouette|NativeCall)' ;;
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

# ---------------------------------------------------------------------------------------------------- DBSCAN
# A DBSCAN run is several JMH runs, one per group "workloads|impls|extra JMH options" (each a rectangle of the
# workload x impl grid with its own run lengths: the quadratic peers only where they finish in minutes), merged.
dbscan_groups() { # mode
  case "$1" in
    quick) # the full run's run lengths, in 1 fork
      printf '%s\n' 'blobs100k|native,java,smile,elki|-wi 5 -i 10' 'blobs1m|native,java|-wi 5 -i 10' \
        'embed10k|native,java|-wi 2 -i 5'
      ;;
    full) # DbscanBench's own settings: 2 forks, 5 + 10 single shots each
      printf '%s\n' 'blobs100k|native,java,smile,elki|' 'blobs1m|native,java|' 'embed10k|native,java|-wi 2 -i 5' \
        'blobs100k|commonsmath|-f 1 -wi 0 -i 3' 'embed10k|smile,elki|-f 1 -wi 0 -i 2'
      if [ "$slow_peers" = true ]; then
        printf '%s\n' 'blobs1m|smile,elki|-f 1 -wi 0 -i 2'
      fi
      ;;
  esac
}

dbscan_failed=()

# Runs the DBSCAN benchmarks of a mode; writes PREFIX.json (all groups), PREFIX.md and PREFIX.svg.
dbscan_benchmarks() { # mode prefix
  local mode=$1 prefix=$2 parts=() i=0 workloads impls extra include part status start
  mkdir -p "$(dirname "$prefix")"
  if [ "${#jmh_args[@]}" -gt 0 ]; then # the command line's JMH options take over: one run, no groups
    run_report "$mode dbscan run" --preset "$mode" --default-include "$(include_of dbscan)" \
      --json "$prefix.json" --markdown "$prefix.md" --svg "$prefix.svg"
    return
  fi
  while IFS='|' read -r workloads impls extra; do
    include='dev\.ferrite\.bench\.DbscanBench'
    if [ "$i" -eq 0 ]; then include=$(include_of dbscan); fi # the no-op FFM call once
    part="$prefix.group$i.json"
    rm -f "$part"
    printf 'ferrite bench: dbscan %s with %s %s; load average now: %s\n' "$workloads" "$impls" "$extra" \
      "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
    start=$SECONDS
    status=0
    # shellcheck disable=SC2086 # $extra holds several JMH options
    "$FERRITE_JAVA" "${java_args[@]}" -cp "$jar" dev.ferrite.bench.Report --preset "$mode" \
      --default-include "$include" --default-param "workload=$workloads" --default-param "impl=$impls" \
      --json "$part" -prof gc $extra || status=$?
    printf 'ferrite bench: dbscan %s with %s took %d s\n' "$workloads" "$impls" $((SECONDS - start))
    if [ "$status" -ne 0 ]; then
      dbscan_failed+=("$workloads with $impls")
    fi
    parts+=("$part")
    i=$((i + 1))
  done < <(dbscan_groups "$mode")
  if ! "$FERRITE_JAVA" -cp "$jar" dev.ferrite.bench.DbscanData concat-json "$prefix.json" "${parts[@]}"; then
    dbscan_failed+=("merging the groups' JSON")
    return
  fi
  rm -f "${parts[@]}"
  printf '\nferrite bench: all DBSCAN groups together:\n'
  "$FERRITE_JAVA" -cp "$jar" dev.ferrite.bench.Report --from-json "$prefix.json" --markdown "$prefix.md" \
    --svg "$prefix.svg" || dbscan_failed+=("the merged report")
}

# Peak memory of one clustering of blobs1m by each backend, each in a fresh JVM with its heap committed and touched
# up front (so that the resident set's growth is memory outside the heap); with the GC profiler's allocation per op
# from PREFIX.json. Writes PREFIX-memory.md and PREFIX-memory.json.
dbscan_memory() { # prefix
  local prefix=$1 impl measures available_kib
  # Each measuring JVM commits and touches a 3 GiB heap: skip (with a message) where that much is not free, or
  # where /proc does not exist (the measurement reads /proc/self/status).
  available_kib=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo 2>/dev/null || true)
  if [ -z "$available_kib" ] || [ "$available_kib" -lt $((4 * 1024 * 1024)) ]; then
    printf 'ferrite bench: skipping the DBSCAN peak-memory measurement: it needs Linux and 4 GiB of free memory
'
    return 0
  fi
  measures="$FERRITE_ROOT/benchmarks/target/bench/dbscan-memory.jsonl"
  mkdir -p "$(dirname "$measures")"
  : >"$measures"
  for impl in native java; do
    printf 'ferrite bench: peak memory of %s on blobs1m\n' "$impl"
    "$FERRITE_JAVA" "${java_args[@]}" -Xms3g -Xmx3g -XX:+AlwaysPreTouch -cp "$jar" \
      dev.ferrite.bench.DbscanMemory measure blobs1m "$impl" >>"$measures" \
      || dbscan_failed+=("the memory measurement of $impl")
  done
  "$FERRITE_JAVA" -cp "$jar" dev.ferrite.bench.DbscanMemory report "$measures" "$prefix.json" \
    "$prefix-memory.md" "$prefix-memory.json" || dbscan_failed+=("the memory report")
}

# Prints the python that has scikit-learn: python3's own, or a venv in benchmarks/target/venv (made and filled with
# pip when neither has it). Fails, with a message, when that is not possible.
sklearn_python() {
  local venv="$FERRITE_ROOT/benchmarks/target/venv"
  if ! command -v python3 >/dev/null 2>&1; then
    printf 'ferrite bench: no python3, so no scikit-learn comparison\n' >&2
    return 1
  fi
  if python3 -c 'import sklearn' >/dev/null 2>&1; then
    printf '%s' python3
    return 0
  fi
  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sklearn' >/dev/null 2>&1; then
    printf '%s' "$venv/bin/python"
    return 0
  fi
  printf 'ferrite bench: scikit-learn is not installed; installing it into %s with pip\n' "$venv" >&2
  if python3 -m venv "$venv" >&2 \
    && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --retries 1 --timeout 15 \
      scikit-learn >&2 \
    && "$venv/bin/python" -c 'import sklearn' >/dev/null 2>&1; then
    printf '%s' "$venv/bin/python"
    return 0
  fi
  printf 'ferrite bench: could not install scikit-learn (no network, pip failed, or no venv module: on Debian/Ubuntu\n' >&2
  printf 'ferrite bench: apt-get install python3-venv; see above), so no scikit-learn comparison\n' >&2
  return 1
}

# scikit-learn's DBSCAN on the same points (exported by DbscanData with Ferrite's native result), timed and
# checked; writes PREFIX-sklearn.json and PREFIX-sklearn.md. A missing scikit-learn, or one that runs out of
# memory, is reported and skipped; a clustering that differs from Ferrite's fails the run (one side has a bug).
dbscan_sklearn() { # mode prefix
  local mode=$1 prefix=$2 python data workloads=(blobs100k embed10k) status=0
  rm -f "$prefix-sklearn.json" "$prefix-sklearn.md" # never leave an earlier run's comparison beside this one's
  [ "$sklearn" = true ] || return 0
  python=$(sklearn_python) || return 0
  if [ "$mode" = full ]; then workloads=(blobs100k blobs1m embed10k); fi
  data="$FERRITE_ROOT/benchmarks/target/dbscan-data"
  printf 'ferrite bench: scikit-learn (%s) on %s\n' "$("$python" -c 'import sklearn; print(sklearn.__version__)')" \
    "${workloads[*]}"
  if ! "$FERRITE_JAVA" "${java_args[@]}" -cp "$jar" dev.ferrite.bench.DbscanData export "$data" "${workloads[@]}"; then
    printf 'ferrite bench: exporting the DBSCAN workloads failed (above), so no scikit-learn comparison\n'
    return 0
  fi
  "$python" "$FERRITE_ROOT/scripts/sklearn_dbscan.py" "$data" "${workloads[@]}" \
    --json "$prefix-sklearn.json" --markdown "$prefix-sklearn.md" || status=$?
  if [ "$status" -eq 3 ]; then
    dbscan_failed+=("scikit-learn's clustering differs from Ferrite's (above)")
  elif [ "$status" -ne 0 ]; then
    printf 'ferrite bench: the scikit-learn comparison failed (exit %d, above); going on\n' "$status"
  fi
}

dbscan_all() { # mode prefix
  local mode=$1 prefix=$2 start=$SECONDS
  dbscan_benchmarks "$mode" "$prefix"
  dbscan_memory "$prefix"
  dbscan_sklearn "$mode" "$prefix"
  printf 'ferrite bench: DBSCAN took %d s; results in %s.{json,md,svg}, %s-memory.{json,md} and, if it ran,\n' \
    $((SECONDS - start)) "$prefix" "$prefix"
  printf 'ferrite bench: %s-sklearn.{json,md}\n' "$prefix"
  if [ "${#dbscan_failed[@]}" -gt 0 ]; then
    ferrite_die "DBSCAN: failed: $(IFS=';'; printf '%s' "${dbscan_failed[*]}")"
  fi
}

# ---------------------------------------------------------------------------------------------------- JCA
# The JCA kernel runs on its own (its tables compare with jca-native, Ferrite's provider on the native backend), then
# JcaJdk17Bench on a JDK 17 where one is found with a Ferrite jar compiled for 17.

# Prints the java of a JDK 17: FERRITE_JDK17 (a JDK folder) or the first 17 under /usr/lib/jvm, /usr/java, /opt.
jdk17_java() {
  local d
  for d in ${FERRITE_JDK17:+"$FERRITE_JDK17"} /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk*; do
    if [ -x "$d/bin/java" ] && [ "$(ferrite_java_major "$d/bin/java")" = 17 ]; then
      printf '%s' "$d/bin/java"
      return 0
    fi
  done
  return 1
}

# The class-file major version (61 = Java 17) of CLASS in JAR, or nothing.
class_version() { # jar class
  unzip -p "$1" "$2" 2>/dev/null | head -c 8 | od -An -tu1 | awk '{ print $7 * 256 + $8 }'
}

# Prints a Ferrite jar whose provider runs on JDK 17: FERRITE_JDK17_JAR, else java-api/target's jar when its classes
# are compiled for 17 (on branches where java-api is compiled for 22 there is none: the step is then skipped).
jdk17_ferrite_jar() {
  local jar version
  for jar in ${FERRITE_JDK17_JAR:+"$FERRITE_JDK17_JAR"} "$FERRITE_ROOT"/java-api/target/ferrite-*.jar; do
    case "$jar" in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
    [ -f "$jar" ] || continue
    version=$(class_version "$jar" dev/ferrite/jca/FerriteProvider.class)
    if [ -n "$version" ] && [ "$version" -le 61 ]; then
      printf '%s' "$jar"
      return 0
    fi
    printf 'ferrite bench: %s: dev/ferrite/jca/FerriteProvider.class is class version %s, not 61 (Java 17) or less\n' \
      "$jar" "${version:-?}" >&2
  done
  return 1
}

# JcaJdk17Bench on a JDK 17 (JMH forks on that JDK, the report on this one), with the Ferrite jar for 17 ahead of
# benchmarks.jar (JMH, Bouncy Castle). The report's JVM gets no options: JMH's forks inherit them, and JDK 17 does not
# know --sun-misc-unsafe-memory-access. Extra arguments go to Report (--json, --markdown, --svg).
jca_jdk17() { # label mode [Report arguments]
  local label=$1 mode=$2 java17 jar17 classes="$FERRITE_ROOT/benchmarks/target/jdk17-classes" start=$SECONDS status=0
  shift 2
  if ! java17=$(jdk17_java); then
    printf 'ferrite bench: no JDK 17 found (set FERRITE_JDK17 to one): skipping the JDK 17 comparison\n'
    return 0
  fi
  if ! jar17=$(jdk17_ferrite_jar); then
    printf 'ferrite bench: no Ferrite jar compiled for Java 17 (set FERRITE_JDK17_JAR to one): skipping JDK 17\n'
    return 0
  fi
  if [ ! -f "$classes/META-INF/BenchmarkList" ]; then
    printf 'ferrite bench: %s is missing (build the benchmarks module): skipping the JDK 17 comparison\n' "$classes"
    return 0
  fi
  printf 'ferrite bench: JDK 17 comparison on %s with %s\n' "$java17" "$jar17"
  "$FERRITE_JAVA" -cp "$classes:$jar17:$jar" dev.ferrite.bench.Report --preset "$mode" --baseline jca-java \
    -jvm "$java17" --default-include 'dev\.ferrite\.bench\.jdk17\.JcaJdk17Bench' "$@" "${jmh_args[@]}" || status=$?
  printf 'ferrite bench: %s took %d s\n' "$label" $((SECONDS - start))
  if [ "$status" -ne 0 ]; then
    ferrite_die "the $label benchmark run failed (exit $status); the first error is above"
  fi
}

has_dbscan=false
has_jca=false
other_kernels=()
for kernel in "${kernels[@]}"; do
  case "$kernel" in
    dbscan) has_dbscan=true ;;
    jca) has_jca=true ;;
    *) other_kernels+=("$kernel") ;;
  esac
done

printf 'ferrite bench: %s run (%s) on %s\n' "$mode" "${kernels[*]}" "$FERRITE_JAVA"
case "$mode" in
  tour)
    tour_args=()
    if [ "$kernel_given" = true ]; then tour_args+=(--kernel "${kernels[0]}"); fi
    # The progress line is rewritten in place on a terminal, so it must fit its width.
    if [ -t 1 ] && [ -z "${COLUMNS:-}" ]; then COLUMNS=$(tput cols 2>/dev/null || printf 80); fi
    status=0
    COLUMNS="${COLUMNS:-80}" "$FERRITE_JAVA" "${java_args[@]}" -cp "$jar" dev.ferrite.bench.Tour --out "$FERRITE_ROOT/benchmarks/target/bench" \
      "${tour_args[@]}" "${jmh_args[@]}" || status=$?
    if [ "$status" -ne 0 ]; then
      ferrite_die "the tour failed (exit $status): see above"
    fi
    ;;
  smoke)
    patterns=()
    for kernel in "${other_kernels[@]}"; do patterns+=("$(include_of "$kernel")"); done
    if [ "$has_dbscan" = true ]; then patterns+=("$(include_of dbscan)"); fi
    if [ "${#patterns[@]}" -gt 0 ]; then
      include=$(IFS='|'; printf '(%s)' "${patterns[*]}")
      # Every benchmark once, 0.3 s + 0.3 s: the set-up checks and one measured iteration are what a smoke run is for
      # (it keeps the test command within its time).
      smoke_short=()
      if [ "${#jmh_args[@]}" -eq 0 ]; then smoke_short=(-w 300ms -r 300ms); fi
      run_report "smoke run" --preset smoke --default-include "$include" --default-param size=1024 \
        --default-param messageBytes=64 --default-param count=64 --default-param setting=owasp \
        --default-param workload=blobs10k,embed1k "${smoke_short[@]}"
    fi
    if [ "$has_jca" = true ]; then
      # Every provider once, 0.2 s + 0.2 s (its set-up checks are what the smoke run is for), one TLS suite.
      short=()
      if [ "${#jmh_args[@]}" -eq 0 ]; then short=(-w 200ms -r 200ms); fi
      run_report "JCA smoke run" --preset smoke --baseline jca-native --default-include "$(include_of jca)" \
        --default-param length=1024 --default-param cipherSuite=TLS_AES_128_GCM_SHA256 "${short[@]}"
      jca_jdk17 "JDK 17 JCA smoke run" smoke "${short[@]}"
    fi
    ;;
  quick)
    out="$FERRITE_ROOT/benchmarks/target/bench"
    if [ "${#other_kernels[@]}" -gt 0 ]; then
      patterns=()
      for kernel in "${other_kernels[@]}"; do patterns+=("$(include_of "$kernel")"); done
      include=$(IFS='|'; printf '(%s)' "${patterns[*]}")
      run_report "quick run" --preset quick --default-include "$include" --json "$out/quick.json" \
        --markdown "$out/quick.md"
    fi
    if [ "$has_jca" = true ]; then
      run_report "quick jca run" --preset quick --baseline jca-native --default-include "$(include_of jca)" \
        --json "$out/jca-quick.json" --markdown "$out/jca-quick.md"
      jca_jdk17 "quick JDK 17 jca run" quick --json "$out/jca-jdk17-quick.json" --markdown "$out/jca-jdk17-quick.md"
    fi
    if [ "$has_dbscan" = true ]; then
      dbscan_all quick "$out/dbscan-quick"
    fi
    ;;
  full)
    out="$FERRITE_ROOT/benchmarks/results"
    for kernel in "${kernels[@]}"; do
      if [ "$kernel" = dbscan ]; then
        printf 'ferrite bench: full dbscan run, about %s minutes; load average now: %s\n' \
          "$([ "$slow_peers" = true ] && echo 45 || echo 35)" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
        dbscan_all full "$out/dbscan"
        printf 'ferrite bench: put %s.md, %s-memory.md and %s-sklearn.md into benchmarks/RESULTS.md\n' \
          "$out/dbscan" "$out/dbscan" "$out/dbscan"
        continue
      fi
      case "$kernel" in aesgcm) minutes=20 ;; jca) minutes=30 ;; argon2) minutes=5 ;; silhouette) minutes=10 ;; *) minutes=15 ;; esac
      printf 'ferrite bench: full %s run, about %s minutes; load average now: %s\n' "$kernel" "$minutes" \
        "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
      baseline=native
      if [ "$kernel" = jca ]; then baseline=jca-native; fi
      run_report "full $kernel run" --preset full --baseline "$baseline" --default-include "$(include_of "$kernel")" \
        --json "$out/$kernel.json" --markdown "$out/$kernel.md" --svg "$out/$kernel.svg"
      printf 'ferrite bench: put %s into benchmarks/RESULTS.md, with the chart and the JSON beside it\n' \
        "$out/$kernel.md"
      if [ "$kernel" = jca ]; then
        jca_jdk17 "full JDK 17 jca run" full --json "$out/jca-jdk17.json" --markdown "$out/jca-jdk17.md" \
          --svg "$out/jca-jdk17.svg"
      fi
    done
    ;;
esac

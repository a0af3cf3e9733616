# Shared set-up for the scripts in this folder; source it, don't run it.
# Finds a JDK 25+ to build with (JAVA_HOME first, then /usr/lib/jvm, /usr/java, /opt, ~/.jdks, ~/.sdkman), checks for
# cargo and Maven, and stops with a message that says what to install when one is missing.
# Exports FERRITE_ROOT, FERRITE_JDK (the JDK 25+), FERRITE_JAVA (its java) and MVN (the Maven command).

set -euo pipefail

FERRITE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export FERRITE_ROOT

ferrite_die() {
  printf 'ferrite: %s\n' "$*" >&2
  exit 1
}

# Prints the feature version (e.g. 25) of the java at "$1", or nothing when it can't be run.
ferrite_java_major() {
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  case "$v" in
    1.*) printf '%s\n' "${v#1.}" | cut -d. -f1 ;;
    "") ;;
    *) printf '%s\n' "$v" | cut -d. -f1 ;;
  esac
}

ferrite_find_jdk() {
  local best="" best_major=0 candidate major
  local candidates=()
  [ -n "${FERRITE_JDK:-}" ] && candidates+=("$FERRITE_JDK")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  local d
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(ferrite_java_major "$candidate/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    ferrite_die "no JDK 25 or newer found (looked at FERRITE_JDK, JAVA_HOME and /usr/lib/jvm, /usr/java, /opt, ~/.jdks, ~/.sdkman).
  Building Ferrite needs JDK 25: the native backend uses the Foreign Function & Memory API (JDK 22+) and the JCA
  provider's Argon2 KDF the javax.crypto.KDF API (JDK 25). The jar then runs on JDK 17 and newer. Install one, for
  example 'apt-get install temurin-25-jdk' (Adoptium repository), or point JAVA_HOME at it."
  fi
  FERRITE_JDK="$(cd "$best" && pwd -P)"
  FERRITE_JAVA="$FERRITE_JDK/bin/java"
  export FERRITE_JDK FERRITE_JAVA
  # maven-toolchains-plugin's discovery reads JAVA<major>_HOME variables, so the JDK found here is the one
  # it can select even when it lives outside the standard folders.
  export "JAVA${best_major}_HOME=$FERRITE_JDK"
}

# A JDK 17 to 21 for the second run of the suite (the jar must work there with the Java backend): FERRITE_OLD_JDK, then
# /usr/lib/jvm, /usr/java, /opt, ~/.jdks, ~/.sdkman; the oldest found. Exports FERRITE_OLD_JDK.
ferrite_find_old_jdk() {
  local best="" best_major=99 candidate major d
  local candidates=()
  [ -n "${FERRITE_OLD_JDK:-}" ] && candidates+=("$FERRITE_OLD_JDK")
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] || continue
    major=$(ferrite_java_major "$candidate/bin/java")
    [ -n "$major" ] || continue
    if [ "$major" -ge 17 ] && [ "$major" -le 21 ] && [ "$major" -lt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    ferrite_die "no JDK 17 to 21 found (looked at FERRITE_OLD_JDK, /usr/lib/jvm, /usr/java, /opt, ~/.jdks, ~/.sdkman).
  The tests also run the suite on JDK 17, where the jar must work with the Java backend. Install one, for example
  'apt-get install openjdk-17-jdk-headless', or point FERRITE_OLD_JDK at it."
  fi
  FERRITE_OLD_JDK="$(cd "$best" && pwd -P)"
  export FERRITE_OLD_JDK
}

# Rust 1.88 or newer (native-rust/Cargo.toml: edition 2024, rust-version), with clippy and rustfmt, and a C
# compiler (rustc links with cc; aws-lc-sys compiles AWS-LC's C code).
FERRITE_MIN_RUST_MINOR=88

ferrite_find_cargo() {
  if ! command -v cargo >/dev/null 2>&1; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
      export PATH="$HOME/.cargo/bin:$PATH"
    else
      ferrite_die "cargo not found. Ferrite's native library is Rust: install a stable toolchain with rustup
  (https://rustup.rs), then 'rustup component add clippy rustfmt', and run this again."
    fi
  fi
  local minor
  minor=$(rustc --version 2>/dev/null | sed -n 's/^rustc 1\.\([0-9]*\).*/\1/p')
  if [ -z "$minor" ] || [ "$minor" -lt "$FERRITE_MIN_RUST_MINOR" ]; then
    ferrite_die "Rust 1.$FERRITE_MIN_RUST_MINOR or newer is needed, found '$(rustc --version 2>&1)'. Distribution
  packages are often older: install with rustup (https://rustup.rs) or run 'rustup update stable'."
  fi
  if ! cargo clippy -V >/dev/null 2>&1 || ! cargo fmt --version >/dev/null 2>&1; then
    ferrite_die "cargo clippy and cargo fmt are needed by the tests: run 'rustup component add clippy rustfmt'."
  fi
  if ! command -v cc >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1 && ! command -v clang >/dev/null 2>&1; then
    ferrite_die "no C compiler (cc, gcc or clang) found: Rust links with it and AWS-LC is C code. Install one,
  for example 'apt-get install build-essential'."
  fi
}

ferrite_find_maven() {
  if command -v mvn >/dev/null 2>&1; then
    MVN=(mvn -B -ntp)
  else
    ferrite_die "Maven (mvn) not found. Install Maven 3.6.3 or newer (for example 'apt-get install maven')."
  fi
  # Maven itself may run on any JDK 17+; compilation and tests use the JDK 25+ found above (toolchains).
  if ! java -version >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
    export JAVA_HOME="$FERRITE_JDK"
  fi
}

# Fails unless Surefire wrote a report for test class $1 (e.g. dev.ferrite.StressTest) after the file $2 was
# made, with at least one test case in it: Maven exits 0 when extra arguments (-DskipTests, --help) ran nothing.
ferrite_require_ran() {
  local report="$FERRITE_ROOT/java-api/target/surefire-reports/TEST-$1.xml"
  if [ ! -f "$report" ] || [ ! "$report" -nt "$2" ] || ! grep -q '<testcase ' "$report"; then
    ferrite_die "$1 did not run (no new Surefire report at $report): check the extra Maven arguments"
  fi
}

# The jar bundles libraries for other platforms too (linux-aarch64, musl, Windows), cross-built and tested under
# emulators: installs what that needs when it is missing (Rust targets with rustup; Debian packages with apt-get when
# run as root), or stops saying what to install. Nothing to do when the Maven arguments "$@" ask for a host-only build.
ferrite_setup_platforms() {
  local arg
  for arg in "$@"; do
    case "$arg" in
      -Dferrite.hostOnly | -Dferrite.hostOnly=true) return 0 ;;
    esac
  done
  # shellcheck source=platforms.sh
  source "$FERRITE_ROOT/scripts/lib/platforms.sh"
  ferrite_cross_install || ferrite_die "the cross-build tools are missing (above); or pass -Dferrite.hostOnly=true for a jar with linux-x86_64 only"
}

ferrite_setup() {
  ferrite_find_jdk
  ferrite_find_cargo
  ferrite_find_maven
  printf 'ferrite: JDK %s, %s, %s\n' "$FERRITE_JDK" "$(cargo --version)" "$("${MVN[0]}" -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g')"
}

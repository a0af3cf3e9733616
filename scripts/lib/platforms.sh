#!/usr/bin/env bash
# The native platforms Ferrite bundles besides the host's (linux-x86_64), built on this x86-64 Linux machine by
# cross-compilation and tested under an emulator. Sourced by env.sh (set-up) and run by Maven (bindings/pom.xml):
#
#   platforms.sh check              every cross tool present? (stops with what to install)
#   platforms.sh install            installs what is missing (rustup targets; Debian packages when run as root)
#   platforms.sh build CLASSES_DIR  cargo build --release for each platform, packed as CLASSES_DIR/native/<platform>/
#                                   <library> with its .sha256 beside it (the layout the loader reads)
#   platforms.sh test CLASSES_DIR VECTORS_DIR
#                                   cargo test of arm64 under qemu with two CPU models (Windows' and musl's Rust code
#                                   is the host's x86-64 code), then the C ABI check (bindings/src/test/c/abi_check.c) of
#                                   every packed library, the host's included, run where it runs
#
# FERRITE_PLATFORMS (space-separated; default all of FERRITE_CROSS_PLATFORMS; "none" for none) selects the cross
# platforms. Maven passes its property ferrite.platforms, which -Dferrite.hostOnly=true sets to none (quick local
# loops: the jar then has linux-x86_64 only, and only its library gets the ABI check).

set -euo pipefail

FERRITE_CROSS_PLATFORMS=(linux-aarch64 linux-x86_64-musl windows-x86_64)

# platform -> Rust target, library file name, C compiler, Debian packages that provide the compiler and the runner.
ferrite_platform_target() {
  case "$1" in
    linux-x86_64) echo x86_64-unknown-linux-gnu ;;
    linux-aarch64) echo aarch64-unknown-linux-gnu ;;
    linux-x86_64-musl) echo x86_64-unknown-linux-musl ;;
    windows-x86_64) echo x86_64-pc-windows-gnu ;;
    *) echo "platforms.sh: unknown platform $1" >&2; return 1 ;;
  esac
}
ferrite_platform_library() {
  case "$1" in
    windows-*) echo ferrite.dll ;;
    *) echo libferrite.so ;;
  esac
}
ferrite_platform_cc() {
  case "$1" in
    linux-x86_64) echo gcc ;;
    linux-aarch64) echo aarch64-linux-gnu-gcc ;;
    linux-x86_64-musl) echo musl-gcc ;;
    windows-x86_64) echo x86_64-w64-mingw32-gcc ;;
  esac
}
# The commands each platform needs beyond the host's, and the Debian packages that provide them.
ferrite_platform_tools() {
  case "$1" in
    linux-aarch64) echo "aarch64-linux-gnu-gcc:gcc-aarch64-linux-gnu /usr/aarch64-linux-gnu/include/stdio.h:libc6-dev-arm64-cross qemu-aarch64:qemu-user" ;;
    linux-x86_64-musl) echo "musl-gcc:musl-tools" ;;
    windows-x86_64) echo "x86_64-w64-mingw32-gcc:mingw-w64 nasm:nasm wine:wine /usr/lib/wine/wine64:wine64" ;;
  esac
}

# The environment cargo needs for a platform (the same for build and test, so the test reuses the build's
# dependencies): musl's rustflags (see native-rust/.cargo/config.toml), wine's quiet mode and its shim.
ferrite_platform_env() {
  case "$1" in
    linux-x86_64-musl)
      local unwind="$FERRITE_ROOT/native-rust/target/musl-unwind"
      mkdir -p "$unwind"
      # Rust's own musl unwinder (LLVM libunwind), found by the -lgcc_s that a dynamic musl link asks for.
      cp "$(rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-musl/lib/self-contained/libunwind.a" \
        "$unwind/libgcc_s.a" || return 1
      echo "CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS=-C target-feature=-crt-static -L native=$unwind"
      ;;
    windows-x86_64)
      echo "WINEDEBUG=-all"
      local shim
      shim=$(ferrite_wine_shim) || return 1
      echo "WINEPATH=$shim"
      ;;
  esac
}

# Builds bindings/src/test/c/wine/bcryptprimitives.c (see there: wine 8 lacks the DLL Rust's standard library
# needs) into a folder of its own and prints the folder; for tests under wine only.
ferrite_wine_shim() {
  local dir="$FERRITE_ROOT/native-rust/target/wine-shim"
  mkdir -p "$dir"
  if [ ! -f "$dir/bcryptprimitives.dll" ] \
      || [ "$FERRITE_ROOT/bindings/src/test/c/wine/bcryptprimitives.c" -nt "$dir/bcryptprimitives.dll" ]; then
    x86_64-w64-mingw32-gcc -O1 -Wall -Werror -shared -o "$dir/bcryptprimitives.dll" \
      "$FERRITE_ROOT/bindings/src/test/c/wine/bcryptprimitives.c" -lbcrypt || return 1
  fi
  printf '%s\n' "$dir"
}

# Runs "$@" with the platform's environment.
ferrite_platform_run() {
  local platform="$1" line envs
  local -a vars=()
  shift
  # Assigned on its own line so that a failing set-up (the shim's compile, the unwinder's copy) stops here.
  envs=$(ferrite_platform_env "$platform") || { echo "ferrite: setting up $platform failed (above)" >&2; return 1; }
  while IFS= read -r line; do
    [ -n "$line" ] && vars+=("$line")
  done <<< "$envs"
  env "${vars[@]}" "$@"
}

ferrite_selected_platforms() {
  if [ "${FERRITE_PLATFORMS:-}" = none ]; then
    return 0
  elif [ -n "${FERRITE_PLATFORMS:-}" ]; then
    printf '%s\n' $FERRITE_PLATFORMS
  else
    printf '%s\n' "${FERRITE_CROSS_PLATFORMS[@]}"
  fi
}

# Prints "missing-targets|missing-packages" for the selected platforms.
ferrite_cross_missing() {
  local platform tool command package targets="" packages="" installed
  installed=$(rustup target list --installed 2>/dev/null || true)
  for platform in $(ferrite_selected_platforms); do
    local target
    target=$(ferrite_platform_target "$platform")
    printf '%s\n' "$installed" | grep -qx "$target" || targets="$targets $target"
    for tool in $(ferrite_platform_tools "$platform"); do
      command="${tool%%:*}"
      package="${tool#*:}"
      if [ "${command#/}" != "$command" ]; then
        [ -e "$command" ] && continue
      else
        command -v "$command" >/dev/null 2>&1 && continue
      fi
      case " $packages " in *" $package "*) ;; *) packages="$packages $package" ;; esac
    done
  done
  printf '%s|%s\n' "${targets# }" "${packages# }"
}

ferrite_cross_check() {
  local missing targets packages
  missing=$(ferrite_cross_missing)
  targets="${missing%%|*}"
  packages="${missing#*|}"
  if [ -n "$targets" ] || [ -n "$packages" ]; then
    echo "ferrite: the jar bundles the native library for $(ferrite_selected_platforms | tr '\n' ' ')besides linux-x86_64, and this machine lacks what builds and tests them:" >&2
    [ -z "$targets" ] || echo "  Rust targets: rustup target add $targets" >&2
    [ -z "$packages" ] || echo "  Debian packages: apt-get install $packages" >&2
    echo "  scripts/test.sh installs these itself; for a host-only jar pass -Dferrite.hostOnly=true to Maven." >&2
    return 1
  fi
}

ferrite_cross_install() {
  local missing targets packages
  missing=$(ferrite_cross_missing)
  targets="${missing%%|*}"
  packages="${missing#*|}"
  if [ -n "$targets" ]; then
    echo "ferrite: installing Rust targets for the bundled platforms: $targets"
    # shellcheck disable=SC2086
    rustup target add $targets
  fi
  if [ -n "$packages" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "ferrite: installing Debian packages for the cross-builds and their emulators: $packages"
      # shellcheck disable=SC2086
      { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $packages; } \
        >/tmp/ferrite-apt.log 2>&1 || { tail -n 20 /tmp/ferrite-apt.log >&2; echo "ferrite: apt-get failed (log above)" >&2; return 1; }
    else
      ferrite_cross_check
      return 1
    fi
  fi
  ferrite_cross_check
}

ferrite_sha256_file() {
  sha256sum "$1" | cut -d' ' -f1 > "$1.sha256"
}

ferrite_cross_build() {
  local classes="$1" platform target library
  ferrite_cross_check
  cd "$FERRITE_ROOT/native-rust"
  for platform in $(ferrite_selected_platforms); do
    target=$(ferrite_platform_target "$platform")
    library=$(ferrite_platform_library "$platform")
    echo "ferrite: building the native library for $platform ($target)"
    ferrite_platform_run "$platform" cargo build --release --locked --target "$target"
    mkdir -p "$classes/native/$platform"
    cp "target/$target/release/$library" "$classes/native/$platform/$library"
    ferrite_sha256_file "$classes/native/$platform/$library"
  done
}

# Runs the Rust test suite of a cross target with its runner (.cargo/config.toml), in the release profile so it reuses
# the dependencies the build just compiled.
ferrite_cross_cargo_test() {
  local platform="$1" target log status=0
  shift
  target=$(ferrite_platform_target "$platform")
  log=$(mktemp)
  # --lib --tests: the library's and the integration tests (no examples, no doctests: fewer LTO links).
  ferrite_platform_run "$platform" env "$@" cargo test --release --locked --target "$target" --lib --tests \
    >"$log" 2>&1 || status=$?
  grep -E '^test result|FAILED|panicked|^error' "$log" | sed 's/^/  /' || true
  if [ "$status" != 0 ]; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    echo "ferrite: cargo test for $target ($*) failed" >&2
    return 1
  fi
  rm -f "$log"
}

# Counts instructions of the ARMv8 crypto extensions in the code qemu translated while the ABI check ran:
# proof of which side of AWS-LC's run-time dispatch ran.
ferrite_arm_crypto_instructions() {
  local log="$1"
  printf 'aese=%s pmull.1q=%s sha256h=%s' "$(grep -cw aese "$log" || true)" \
    "$(grep -c 'pmull2\? *v[0-9]*\.1q' "$log" || true)" "$(grep -cw sha256h "$log" || true)"
}

ferrite_abi_check() {
  # A subshell: its EXIT trap removes the scratch folder however the checks end, and set -e still applies inside
  # (a function called as `f || ...` would run with it off).
  (
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    ferrite_abi_check_in "$work" "$@"
  )
}

# The checks of ferrite_abi_check, in the scratch folder $1.
ferrite_abi_check_in() {
  local work="$1" classes="$2" vectors="$3" platform library cc dir bin log
  for platform in linux-x86_64 $(ferrite_selected_platforms); do
    library=$(ferrite_platform_library "$platform")
    dir="$classes/native/$platform"
    [ -f "$dir/$library" ] || { echo "ferrite: no packed library at $dir/$library" >&2; return 1; }
    [ "$(sha256sum "$dir/$library" | cut -d' ' -f1)" = "$(cat "$dir/$library.sha256")" ] \
      || { echo "ferrite: $dir/$library does not match its .sha256" >&2; return 1; }
    cc=$(ferrite_platform_cc "$platform")
    mkdir -p "$work/$platform"
    bin="$work/$platform/abi_check"
    case "$platform" in
      windows-*)
        # Linked against the packed DLL itself; Windows finds it beside the program.
        cp "$dir/$library" "$work/$platform/"
        "$cc" -std=c99 -Wall -Wextra -Werror -O1 -I "$FERRITE_ROOT/bindings/include" -o "$bin.exe" \
          "$FERRITE_ROOT/bindings/src/test/c/abi_check.c" "$work/$platform/$library"
        echo "ferrite: C ABI check of the packed $platform library (wine)"
        (cd "$FERRITE_ROOT" && ferrite_platform_run "$platform" wine "$bin.exe" \
          "$(realpath --relative-to="$FERRITE_ROOT" "$vectors")")
        ;;
      *)
        "$cc" -std=c99 -Wall -Wextra -Werror -O1 -I "$FERRITE_ROOT/bindings/include" -o "$bin" \
          "$FERRITE_ROOT/bindings/src/test/c/abi_check.c" -L "$dir" -lferrite -Wl,-rpath,"$dir"
        case "$platform" in
          linux-aarch64)
            log="$work/qemu.log"
            echo "ferrite: C ABI check of the packed $platform library (qemu-aarch64 -cpu neoverse-n1: ARMv8 crypto extensions)"
            QEMU_CPU=neoverse-n1 qemu-aarch64 -L /usr/aarch64-linux-gnu -d in_asm -D "$log" "$bin" "$vectors"
            echo "  instructions of the crypto extensions that ran: $(ferrite_arm_crypto_instructions "$log")"
            [ "$(grep -cw aese "$log" || true)" -gt 0 ] && [ "$(grep -cw sha256h "$log" || true)" -gt 0 ] \
              || { echo "ferrite: AWS-LC did not use the crypto extensions on neoverse-n1" >&2; return 1; }
            echo "ferrite: C ABI check of the packed $platform library (qemu-aarch64 -cpu cortex-a53, crypto extensions masked)"
            OPENSSL_armcap=0x1 QEMU_CPU=cortex-a53 qemu-aarch64 -L /usr/aarch64-linux-gnu -d in_asm -D "$log" "$bin" "$vectors"
            echo "  instructions of the crypto extensions that ran: $(ferrite_arm_crypto_instructions "$log")"
            [ "$(grep -cw aese "$log" || true)" = 0 ] && [ "$(grep -cw sha256h "$log" || true)" = 0 ] \
              || { echo "ferrite: AWS-LC used the crypto extensions although they were masked" >&2; return 1; }
            ;;
          *)
            echo "ferrite: C ABI check of the packed $platform library"
            "$bin" "$vectors"
            ;;
        esac
        ;;
    esac
  done
}

ferrite_cross_test() {
  local classes="$1" vectors="$2" platform target
  ferrite_cross_check
  cd "$FERRITE_ROOT/native-rust"
  for platform in $(ferrite_selected_platforms); do
    target=$(ferrite_platform_target "$platform")
    case "$platform" in
      linux-aarch64)
        # QEMU has no ARMv8 model without the crypto extensions (AES, PMULL, SHA-2); the second run masks them in
        # AWS-LC's capability word with OPENSSL_armcap, the switch AWS-LC reads at start-up, on a Cortex-A53 (a core
        # that ships with and without them), so AWS-LC's NEON and generic code runs instead.
        echo "ferrite: cargo test for $target under qemu-aarch64 -cpu neoverse-n1 (with the crypto extensions)"
        ferrite_cross_cargo_test "$platform" QEMU_CPU=neoverse-n1
        echo "ferrite: cargo test for $target under qemu-aarch64 -cpu cortex-a53, crypto extensions masked"
        ferrite_cross_cargo_test "$platform" QEMU_CPU=cortex-a53 OPENSSL_armcap=0x1
        ;;
      windows-* | linux-x86_64-musl)
        # Their Rust code is the x86-64 code the host's cargo test runs; what differs is the C library, the OS and
        # the link, which the C ABI check of the packed library (below: under wine, on musl's loader) exercises
        # through every export, threads included. Their cargo tests (`cargo test --release --target ...`, runner in
        # .cargo/config.toml) pass too, but their builds would take the test command past its time budget.
        echo "ferrite: $platform: no separate cargo test (the host's covers its code); its ABI check follows"
        ;;
      *)
        echo "ferrite: cargo test for $target"
        ferrite_cross_cargo_test "$platform"
        ;;
    esac
  done
  ferrite_abi_check "$classes" "$vectors"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  FERRITE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  [ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
  case "${1:-}" in
    check) ferrite_cross_check ;;
    install) ferrite_cross_install ;;
    build) ferrite_cross_build "$(realpath -m "$2")" ;;
    test) ferrite_cross_test "$(realpath -m "$2")" "$(realpath -m "$3")" ;;
    *) echo "usage: platforms.sh check | install | build CLASSES_DIR | test CLASSES_DIR VECTORS_DIR" >&2; exit 2 ;;
  esac
fi

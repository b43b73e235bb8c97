#!/usr/bin/env bash
# Runs every test of jinglegate on a fresh Debian 12 machine: installs what is missing, builds
# with ASan+UBSan and -Werror, runs the unit tests, each fuzzer briefly, and the integration tests
# against real Prosody, ejabberd, coturn and headless Chromium on loopback.
#   tests/run-all.sh                 everything
#   JG_FUZZ_SECONDS=N                seconds per fuzz target (default 20)
#   JG_SKIP_INSTALL=1                skip apt-get/npm (when you know they are there)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=$(nproc)
step() { printf '\n=== %s (%ss)\n' "$*" "$SECONDS"; }

if [ -z "${JG_SKIP_INSTALL:-}" ]; then
  step "dependencies"
  conf/install-deps.sh
fi

step "build (ASan+UBSan, -Werror)"
cmake -S . -B build-ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJG_SANITIZE=ON -DJG_WERROR=ON >/dev/null
cmake --build build-ci -j "$jobs"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

step "unit tests"
build-ci/tests/jinglegate-tests

step "fuzzers (${JG_FUZZ_SECONDS:-20}s each)"
tests/fuzz/run.sh "${JG_FUZZ_SECONDS:-20}"

for t in tests/integration/run.sh; do
  if [ -x "$t" ]; then
    step "integration: $t"
    "$t" "$root/build-ci"
  fi
done
step "all tests passed"

#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for N seconds (default 20) over its seeds
# and past reproducers in tests/fuzz/<target>/. Any crash, leak or timeout fails the run and leaves
# the input in build-fuzz/artifacts/.
#   tests/fuzz/run.sh [seconds] [target...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-20}; shift || true
cd "$root"
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJG_FUZZ=ON >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/*_fuzz.cpp; do [ -e "$f" ] && targets+=("$(basename "$f" .cpp)"); done
fi
[ ${#targets[@]} -eq 0 ] && { echo "no fuzz targets"; exit 0; }
cmake --build build-fuzz -j "$(nproc)" --target "${targets[@]}"
mkdir -p build-fuzz/artifacts
for t in "${targets[@]}"; do
  work="build-fuzz/corpus/$t"; mkdir -p "$work"
  seeds=(); [ -d "tests/fuzz/${t%_fuzz}" ] && seeds=("tests/fuzz/${t%_fuzz}")
  dict=(); [ -f "tests/fuzz/${t%_fuzz}.dict" ] && dict=("-dict=tests/fuzz/${t%_fuzz}.dict")
  echo "--- $t for ${secs}s"
  ASAN_OPTIONS=detect_leaks=1 "build-fuzz/tests/fuzz/$t" "$work" "${seeds[@]}" "${dict[@]}" \
    -max_total_time="$secs" -max_len=65536 -timeout=2 -rss_limit_mb=1024 \
    -artifact_prefix="build-fuzz/artifacts/$t-" -print_final_stats=1 2>&1 |
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Done' || true
  if ls build-fuzz/artifacts/"$t"-* >/dev/null 2>&1; then
    echo "fuzz: $t found a failure:"; ls build-fuzz/artifacts/"$t"-*; exit 1
  fi
done

#!/usr/bin/env bash
# The main job. For now: builds jinglegate and converts a real Chromium offer SDP -> Jingle -> SDP.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -n "${JG_SKIP_INSTALL:-}" ] || conf/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DJG_BENCH=OFF -DJG_TESTS=OFF >/dev/null
cmake --build build --target jinglegate-convert
offer=tests/data/corpus/audio-video-data.offer.sdp
echo "--- $offer as Jingle:"
build/component/jinglegate-convert sdp2jingle < "$offer"
echo; echo "--- and back to SDP:"
build/component/jinglegate-convert sdp2jingle < "$offer" | build/component/jinglegate-convert jingle2sdp

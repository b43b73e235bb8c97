#!/usr/bin/env bash
# Runs the Node integration tests (node --test) against the jinglegate built in BUILD_DIR.
#   tests/integration/run.sh BUILD_DIR [FILE...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [FILE...]}" && pwd); shift
[ -x "$build/component/jinglegate" ] || { echo "no $build/component/jinglegate"; exit 1; }
cd "$here/.."
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(integration/*.test.mjs interop/*.test.mjs)
JG_BUILD_DIR="$build" NODE_OPTIONS="--experimental-websocket ${NODE_OPTIONS:-}" exec node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"

#!/usr/bin/env bash
# Runs the integration tests (node --test) against a build of jinglegate.
#   tests/integration/run.sh [BUILD_DIR]     default: build/
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export JG_BUILD=$(cd "${1:-$root/build}" && pwd)
cd "$root/tests"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1 integration/

#!/usr/bin/env bash
# Installs what jinglegate needs to build, test and run its demo on Debian 12.
#   conf/install-deps.sh          build + test + demo dependencies (apt), then npm packages
# Idempotent; safe to rerun. Needs root (or sudo) for apt-get.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

build_pkgs=(cmake ninja-build g++ clang-14 libclang-rt-14-dev libfuzzer-14-dev pkg-config
  libexpat1-dev libssl-dev libboost1.81-dev nlohmann-json3-dev catch2 libsqlite3-dev
  libtomlplusplus-dev libbenchmark-dev)
run_pkgs=(prosody lua-unbound ejabberd coturn chromium python3 openssl sqlite3
  ca-certificates procps iproute2 curl)
# Node.js 20+ and npm: the machine's own when there is one (Debian's packages conflict with a
# Node installed from elsewhere), else Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then run_pkgs+=(nodejs npm); fi

missing=()
for p in "${build_pkgs[@]}" "${run_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends "${missing[@]}"
fi
# Servers are never started as services here: tests and the demo run their own instances on
# loopback ports picked at run time. (Never call `service ejabberd status` or a bare ejabberdctl:
# it leaves an epmd daemon listening on 0.0.0.0:4369.)

if [ -f "$here/tests/package.json" ]; then
  (cd "$here/tests" && { [ -d node_modules ] && npm ls --depth=0 >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error; })
fi

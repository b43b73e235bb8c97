#!/usr/bin/env bash
# Load figures of the web gateway (docs/benchmarks.md, "WebSocket gateway"): builds Release, starts
# the daemon on a loopback port picked at run time, runs ws_load with 2, 1 000 and 10 000 clients,
# stops the daemon by PID. Not part of the test run.
#   tests/bench/ws_load.sh [seconds per run]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-5}
cd "$root"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DJG_TESTS=OFF >/dev/null
cmake --build build-bench --target jinglegate ws_load >/dev/null
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
cat > "$dir/jinglegate.toml" <<TOML
[component]
domain = "call.a.test"
[web]
listen_port = $port
tls = false
rate_per_second = 1000000.0
rate_burst = 1000000.0
max_connections = 100000
[[jwt.keys]]
alg = "HS256"
secret = "$secret"
[log]
level = "warn"
TOML
run() {
  build-bench/component/jinglegate --config "$dir/jinglegate.toml" 2>"$dir/daemon.log" &
  pid=$!
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
  build-bench/tests/bench/ws_load --port "$port" --secret "$secret" --pid "$pid" --seconds "$secs" "$@" || true
  kill -TERM "$pid"; wait "$pid" || true
}
case "${JG_WS_LOAD_ONLY:-all}" in rate) ;; *)
echo "# saturation (window 16 per pair)"
run --clients 2 --pairs 1 --rate 0
run --clients 1000 --pairs 100 --rate 0
run --clients 10000 --pairs 100 --rate 0
;; esac
echo "# latency at 1000 msg/s"
run --clients 2 --pairs 1 --rate 1000
run --clients 1000 --pairs 100 --rate 1000
run --clients 10000 --pairs 100 --rate 1000
rm -rf "$dir"

#!/usr/bin/env bash
# The first thing to run: a whole jinglegate on this machine, on loopback only, in a temp dir.
# Installs what it needs (conf/install-deps.sh), builds jinglegate (Release), starts Prosody with the
# component entry (conf/prosody.cfg.lua.snippet) and two XMPP users, coturn for the browsers' media
# (its credentials reach jinglegate through XEP-0215, conf/prosody-turn.cfg.lua.snippet), and
# jinglegate serving the demo page. Prints the page's links with login tokens for the web users
# alice and bob, and how to log a real XMPP client into the demo Prosody. Ctrl-C stops it all.
#
#   conf/demo.sh
#
# Optional environment:
#   JG_SKIP_INSTALL=1       skip conf/install-deps.sh (apt-get)
#   JG_DEMO_BUILD_DIR=DIR   an existing build directory to use (default: build-release, Release)
#   JG_DEMO_PORT=N          the page's port (default 8080 when free, else any free port)
#   JG_DEMO_C2S_PORT=N      Prosody's client port (default 5222 when free, else any free port)
#   JG_DEMO_KEEP=1          keep the state directory (configs, logs) after Ctrl-C
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
say() { printf '%s\n' "$*"; }
die() { say "demo: $*" >&2; exit 1; }

# --- install and build ---------------------------------------------------------------------------
[ -n "${JG_SKIP_INSTALL:-}" ] || conf/install-deps.sh
for tool in prosody turnserver openssl python3 cmake; do
  command -v "$tool" >/dev/null || die "$tool is missing: run conf/install-deps.sh"
done
build=${JG_DEMO_BUILD_DIR:-$root/build-release}
if [ ! -f "$build/CMakeCache.txt" ]; then
  say "demo: configuring a Release build in $build"
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DJG_BENCH=OFF -DJG_TESTS=OFF >/dev/null
fi
say "demo: building jinglegate (the first build takes a few minutes)"
cmake --build "$build" --target jinglegate -j "${JG_JOBS:-$(nproc)}" >/dev/null
jinglegate="$build/component/jinglegate"
[ -x "$jinglegate" ] || die "no $jinglegate after the build"

# --- state, ports, secrets -----------------------------------------------------------------------
dir=$(mktemp -d "${TMPDIR:-/tmp}/jinglegate-demo.XXXXXX")
pids=()
cleanup() {
  trap - EXIT INT TERM
  say ""
  say "demo: stopping"
  # jinglegate first: it ends calls and closes its stream while Prosody is still there.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "${JG_DEMO_KEEP:-}" ]; then say "demo: state kept in $dir"; else rm -rf "$dir"; fi
  exit "${1:-0}"
}
trap 'cleanup 0' INT TERM
trap 'cleanup $?' EXIT

# A free loopback TCP port: the preferred one when nothing listens there, else one the kernel picks.
free_port() {
  python3 - "${1:-0}" <<'PY'
import socket, sys
for port in (int(sys.argv[1]), 0):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(s.getsockname()[1])
    break
PY
}
web_port=${JG_DEMO_PORT:-$(free_port 8080)}
c2s_port=${JG_DEMO_C2S_PORT:-$(free_port 5222)}
component_port=$(free_port)
turn_port=$(free_port 3478)
relay_base=$((50000 + RANDOM % 10000))
component_secret=$(openssl rand -hex 32)
jwt_secret=$(openssl rand -hex 32)
turn_secret=$(openssl rand -hex 32)
carol_password=$(openssl rand -hex 6)
dave_password=$(openssl rand -hex 6)
domain=localhost
component=call.localhost

# A snippet of conf/ with its @PLACEHOLDERS@ filled in from NAME=VALUE arguments.
fill() {
  local file=$1; shift
  python3 - "$file" "$@" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for pair in sys.argv[2:]:
    key, value = pair.split("=", 1)
    text = text.replace("@" + key + "@", value)
left = re.search(r"@[A-Z_]+@", text)
if left:
    sys.exit(f"{sys.argv[1]}: unfilled {left.group(0)}")
sys.stdout.write(text)
PY
}

# --- Prosody: loopback, the component entry, XEP-0215 with coturn's secret, two users -------------
mkdir -p "$dir/prosody/data" "$dir/prosody/certs"
# A self-signed certificate, so that XMPP clients can use STARTTLS (after accepting it).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=$domain" \
  -addext "subjectAltName=DNS:$domain,DNS:$component" \
  -keyout "$dir/prosody/certs/$domain.key" -out "$dir/prosody/certs/$domain.crt" 2>/dev/null
{
  [ "$(id -u)" = 0 ] && say 'run_as_root = true'
  cat <<EOF
pidfile = "$dir/prosody/prosody.pid"
data_path = "$dir/prosody/data"
certificates = "$dir/prosody/certs"
log = { { levels = { min = "info" }, to = "file", filename = "$dir/prosody.log" } }
interfaces = { "127.0.0.1" }; local_interfaces = { "127.0.0.1" }
c2s_ports = { $c2s_port }; s2s_ports = { }
component_ports = { $component_port }; component_interfaces = { "127.0.0.1" }
http_ports = { }; https_ports = { }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
modules_enabled = { "roster", "saslauth", "tls", "disco", "ping", "version" }
VirtualHost "$domain"
EOF
  fill conf/prosody-turn.cfg.lua.snippet TURN_SECRET="$turn_secret" TURN_HOST=127.0.0.1 TURN_PORT="$turn_port" \
    TURN_TTL=43200 COMPONENT_DOMAIN="$component" DOMAIN="$domain"
  say ""
  fill conf/prosody.cfg.lua.snippet COMPONENT_DOMAIN="$component" COMPONENT_SECRET="$component_secret"
} > "$dir/prosody/prosody.cfg.lua"
accounts="$dir/prosody/data/${domain//./%2e}/accounts"
mkdir -p "$accounts"
printf 'return { ["password"] = "%s"; };\n' "$carol_password" > "$accounts/carol.dat"
printf 'return { ["password"] = "%s"; };\n' "$dave_password" > "$accounts/dave.dat"

# --- jinglegate's configuration --------------------------------------------------------------------
cat > "$dir/jinglegate.toml" <<EOF
[component]
domain = "$component"

[xmpp]
host = "127.0.0.1"
port = $component_port
secret = "$component_secret"

[[jwt.keys]]
alg = "HS256"
secret = "$jwt_secret"

[web]
listen_address = "127.0.0.1"
listen_port = $web_port
tls = false                     # plain ws on loopback only; put a TLS proxy or web.tls in front elsewhere
static_dir = "$root/component/web/client"

[ice]
discover_xep0215 = true         # TURN credentials from Prosody (mod_turn_external)

[presence]
directory = "domain"            # the demo users see each other online

[database]
path = "$dir/jinglegate.sqlite"
EOF
"$jinglegate" --check-config "$dir/jinglegate.toml" >/dev/null

# --- start: coturn, Prosody, jinglegate (each in its own session: Ctrl-C reaches only this script) -
wait_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  die "nothing listens on 127.0.0.1:$1 (see the logs in $dir)"
}
setsid turnserver -n --listening-ip 127.0.0.1 --relay-ip 127.0.0.1 --listening-port "$turn_port" \
  --min-port "$relay_base" --max-port $((relay_base + 99)) --use-auth-secret --static-auth-secret "$turn_secret" \
  --realm "$domain" --fingerprint --no-tls --no-dtls --no-cli --no-rfc5780 --allow-loopback-peers \
  --no-multicast-peers --db "$dir/turndb" --pidfile "$dir/turnserver.pid" --log-file "$dir/turn.log" \
  --simple-log --no-stdout-log >/dev/null 2>&1 &
pids=("$!" "${pids[@]}")
setsid prosody --config "$dir/prosody/prosody.cfg.lua" -F >"$dir/prosody.stdout" 2>&1 &
pids=("$!" "${pids[@]}")
wait_port "$turn_port"
wait_port "$c2s_port"
wait_port "$component_port"
setsid "$jinglegate" --config "$dir/jinglegate.toml" >"$dir/jinglegate.log" 2>&1 &
pids=("$!" "${pids[@]}")
wait_port "$web_port"
for _ in $(seq 100); do grep -q "info link up " "$dir/jinglegate.log" && break; sleep 0.1; done
grep -q "info link up " "$dir/jinglegate.log" || die "jinglegate's XMPP link did not come up: see $dir/jinglegate.log"

# --- tokens: HS256 JWTs (RFC 7519) for the web users, valid 24 h -----------------------------------
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '=\n'; }
token() {
  local head body sig
  head=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  body=$(printf '{"sub":"%s","exp":%d}' "$1" $(($(date +%s) + 86400)) | b64url)
  sig=$(printf '%s.%s' "$head" "$body" | openssl dgst -sha256 -hmac "$jwt_secret" -binary | b64url)
  printf '%s.%s.%s' "$head" "$body" "$sig"
}
url="http://127.0.0.1:$web_port"

cat <<EOF

jinglegate demo is running. Ctrl-C stops everything it started.

  Open these two links in two browser windows, one per web user:
    alice:  $url/#token=$(token alice)
    bob:    $url/#token=$(token bob)
  Each page logs in by itself (alice@$component, bob@$component). Call the other one, accept on
  the other page, hang up. Media goes through the demo's TURN server on 127.0.0.1: browsers use no
  loopback addresses for media, so keep "media through TURN only" ticked.

  A real XMPP client (Gajim, Dino, Conversations on this machine…) can log into the demo Prosody:
    host 127.0.0.1  port $c2s_port  (STARTTLS with a self-signed certificate, or plain)
    user carol@$domain  password $carol_password
    user dave@$domain   password $dave_password
  The web users are at $component, the XEP-0114 component of this Prosody.

  Health $url/health   Metrics $url/metrics
  Logs and configs in $dir (jinglegate.log, prosody.log, turn.log)
EOF

# Until Ctrl-C, or until one of the servers stops by itself.
set +e
wait -n "${pids[@]}"
status=$?
say "demo: a server stopped (exit $status); see the logs in $dir"
JG_DEMO_KEEP=1 cleanup 1

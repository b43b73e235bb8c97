// The daemon's configuration: one TOML file (toml++), read once at start and again on SIGHUP.
//
// Every key, its type, default and bounds are documented in conf/jinglegate.example.toml.
// Defaults are safe: loopback listeners, no shipped secrets, limits from
// ../shared/notes/reliability.md (G7–G10, G15).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "jingle/error.hpp"

namespace jinglegate::component {

using Seconds = std::chrono::duration<double>;

struct ComponentSettings {        // [component]
  std::string domain;             // required, e.g. "call.example.org"
  std::string name = "jinglegate";  // disco#info identity name
};

struct XmppSettings {             // [xmpp] — the XEP-0114 link
  std::string host = "127.0.0.1";
  std::uint16_t port = 5347;
  std::string secret;             // required (or secret_file); never logged
  bool allow_remote_link = false; // XEP-0114 has no TLS: a non-loopback host needs this (G15)
  Seconds ping_interval{30};      // XEP-0199 ping when the link is idle
  Seconds ping_timeout{10};       // no answer → the link is dead, reconnect
  Seconds reconnect_initial{0.5};
  Seconds reconnect_max{30};
  std::size_t max_stanza_bytes = 512 * 1024;  // Prosody's component default
};

struct JwtKey {                   // [[jwt.keys]]
  std::string kid;                // optional; matched against the token's `kid` when both are set
  std::string alg;                // pinned: "HS256", "RS256" or "ES256"
  std::string secret;             // HS256: at least 32 bytes (RFC 8725 §3.5); or secret_file
  std::string public_key_pem;     // RS256/ES256: read from public_key_file
};

struct JwtSettings {              // [jwt]
  std::vector<JwtKey> keys;       // at least one
  std::string issuer;             // required `iss` when set
  std::string audience;           // required `aud` when set
  Seconds leeway{60};             // clock skew for exp/nbf (≤ 300)
  std::size_t max_token_bytes = 4096;
};

struct WebSettings {              // [web] — the WebSocket gateway
  std::string listen_address = "127.0.0.1";
  std::uint16_t listen_port = 8443;
  bool tls = true;                // wss; plain ws only on loopback unless allow_plain_remote
  bool allow_plain_remote = false;
  std::string tls_cert_file;
  std::string tls_key_file;
  std::vector<std::string> allowed_origins;  // exact Origin values; empty = same host only
  std::string static_dir;         // served over HTTP GET (the demo); empty = none
  bool allow_query_token = true;  // ?token= (documented as leaking into logs)
  std::size_t max_message_bytes = 64 * 1024;  // OWASP WebSocket guidance; a 4-transceiver offer is ~14 KB
  double rate_per_second = 20;    // token bucket; trickle ICE bursts need more than OWASP's 100/min
  double rate_burst = 60;
  Seconds auth_timeout{5};        // first-message auth must arrive within this
  Seconds handshake_timeout{10};
  Seconds idle_timeout{60};       // ping after idle, close if no pong
  std::size_t max_write_queue = 256;          // messages, then close the slow consumer
  std::size_t max_write_queue_bytes = 1024 * 1024;
  std::size_t max_connections_per_user = 5;
  std::size_t max_connections = 100000;
  std::size_t max_calls_per_user = 4;
};

struct IceServerSettings {        // [ice]
  bool discover_xep0215 = true;   // ask the XMPP server (urn:xmpp:extdisco:2)
  std::string xep0215_server;     // whom to ask; "" = the component domain's parent (call.example.org → example.org)
  std::string turn_secret;        // coturn static-auth-secret for TURN REST credentials
  std::vector<std::string> turn_uris;   // "turn:turn.example.org:3478?transport=udp"
  std::vector<std::string> stun_uris;
  Seconds credential_ttl{12 * 3600};    // ≤ 12 h (G16)
};

struct PresenceSettings {         // [presence]
  std::string directory = "contacts";  // "off" | "contacts" | "domain"
  bool auto_approve = false;      // approve XMPP users' subscriptions without asking the web user
  std::size_t max_roster_items = 1000;
};

struct DatabaseSettings {         // [database]
  std::string path = "jinglegate.sqlite";
};

struct CallSettings {             // [calls]
  Seconds ring_timeout{45};       // XEP-0353 propose unanswered → retract
  Seconds setup_timeout{30};      // session-initiate not accepted → terminate
  std::size_t max_candidates_per_content = 64;
};

struct MetricsSettings {          // [metrics]
  bool enabled = true;            // /metrics on the web listener, loopback clients only unless allow_remote
  bool allow_remote = false;
};

struct Config {
  ComponentSettings component;
  XmppSettings xmpp;
  JwtSettings jwt;
  WebSettings web;
  IceServerSettings ice;
  PresenceSettings presence;
  DatabaseSettings database;
  CallSettings calls;
  MetricsSettings metrics;
  std::string log_level = "info"; // [log] level
};

// Reads and validates a config file. Errors are Errc::bad_config with the offending key in
// `detail` ("web.listen_port: must be 1..65535").
Result<Config> load_config(const std::string& path);
Result<Config> parse_config(std::string_view toml_text, const std::string& base_dir = ".");

// SIGHUP applies log.level, xmpp.secret (at the next handshake), [jwt], [web] but its listener,
// [ice] but its XEP-0215 keys, [metrics], calls.ring_timeout and calls.max_candidates_per_content.
// These are the keys that changed and only a restart applies ("web.listen_port", …).
std::vector<std::string> keys_needing_restart(const Config& running, const Config& next);

}  // namespace jinglegate::component

// The checks of a WebSocket upgrade request (RFC 6455 §4.2) that come before any byte of the
// protocol: Origin allow-list (OWASP: cross-site WebSocket hijacking), where the token came from,
// and which subprotocol to echo. Pure string functions over the request's headers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinglegate::component::web {

inline constexpr std::string_view kSubprotocol = "jinglegate.v1";
inline constexpr std::string_view kTokenSubprotocolPrefix = "jwt.";

// Allowed when it equals an entry of `allowed` exactly; with an empty list, only the gateway's own
// origin (http(s)://<Host header>) is. A request without Origin (not a browser) is allowed:
// CSWSH needs a browser, and browsers always send Origin on WebSocket upgrades.
bool origin_allowed(std::string_view origin, std::string_view host, bool tls, const std::vector<std::string>& allowed);

enum class TokenSource { none, subprotocol, authorization, query };

struct UpgradeAuth {
  TokenSource source = TokenSource::none;
  std::string token;
  bool echo_subprotocol = false;  // the client offered jinglegate.v1: echo it (never the jwt.* entry)
  std::string resource;           // ?resource= : the resource the client asks for, "" = random
};

// Reads the token from, in order: Sec-WebSocket-Protocol "jwt.<token>", Authorization: Bearer,
// and ?token= (only when allow_query). `target` is the request-target ("/ws?token=…").
UpgradeAuth read_upgrade_auth(std::string_view subprotocols, std::string_view authorization,
                              std::string_view target, bool allow_query);

// The value of one query parameter, percent-decoded; nullopt when absent or badly encoded.
std::optional<std::string> query_param(std::string_view target, std::string_view name);

}  // namespace jinglegate::component::web

// ICE servers for browsers (`welcome` and `ice-servers` messages): STUN URIs as configured, TURN
// with REST credentials (draft-uberti-behave-turn-rest, coturn's use-auth-secret): username
// "<expiry>:<user>", password base64(HMAC-SHA1(secret, username)), expiry ≤ 12 h after now (G16).
// The secret never leaves the daemon. And the STUN/TURN entries the XMPP server announced with
// XEP-0215 (component/xmpp/extdisco.hpp), as RTCIceServers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "component/config/config.hpp"
#include "component/web/protocol.hpp"
#include "component/xmpp/extdisco.hpp"

namespace jinglegate::component::web {

inline constexpr std::int64_t kMaxCredentialTtl = 12 * 3600;  // seconds (reliability.md G16)

// base64 (RFC 4648 §4, with padding) of HMAC-SHA1(secret, username).
std::string turn_password(std::string_view secret, std::string_view username);

std::vector<IceServer> ice_servers_for(const IceServerSettings& ice, std::string_view user, std::int64_t now_unix);

// XEP-0215 entries as RTCIceServers. Kept: stun (any transport), turn (udp, tcp or unspecified)
// and turns (tcp) whose host is an IP address or a DNS name. Left out: what browsers cannot use
// (stuns, turns over udp, other types and transports) and TURN entries without a username and
// password (browsers refuse a turn: URL without credentials). Entries with the same credentials
// share one RTCIceServer; default ports are 3478 and 5349 (turns).
std::vector<IceServer> ice_servers_from(const std::vector<xmpp::ExternalService>& services);

// The earliest `expires` among the servers; nullopt when none expires.
std::optional<std::int64_t> earliest_expiry(const std::vector<IceServer>& servers);

}  // namespace jinglegate::component::web

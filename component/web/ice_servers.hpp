// ICE servers for the `welcome` message: STUN URIs as configured, TURN with REST credentials
// (draft-uberti-behave-turn-rest, coturn's use-auth-secret): username "<expiry>:<user>",
// password base64(HMAC-SHA1(secret, username)). The secret never leaves the daemon (G16).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "component/config/config.hpp"
#include "component/web/protocol.hpp"

namespace jinglegate::component::web {

// base64 (RFC 4648 §4, with padding) of HMAC-SHA1(secret, username).
std::string turn_password(std::string_view secret, std::string_view username);

std::vector<IceServer> ice_servers_for(const IceServerSettings& ice, std::string_view user, std::int64_t now_unix);

}  // namespace jinglegate::component::web

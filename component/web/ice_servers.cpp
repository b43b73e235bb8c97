// ICE servers for the `welcome` message: STUN as configured, TURN with REST credentials.
#include "component/web/ice_servers.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

namespace jinglegate::component::web {

std::string turn_password(std::string_view secret, std::string_view username) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(username.data()),
       username.size(), mac.data(), &len);
  std::string out(4 * ((len + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), mac.data(), static_cast<int>(len));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::vector<IceServer> ice_servers_for(const IceServerSettings& ice, std::string_view user, std::int64_t now) {
  std::vector<IceServer> out;
  if (!ice.stun_uris.empty()) out.push_back(IceServer{ice.stun_uris, "", "", 0});
  if (!ice.turn_uris.empty() && !ice.turn_secret.empty()) {
    const std::int64_t expires = now + static_cast<std::int64_t>(ice.credential_ttl.count());
    std::string username = std::to_string(expires) + ":" + std::string(user);
    std::string password = turn_password(ice.turn_secret, username);
    out.push_back(IceServer{ice.turn_uris, std::move(username), std::move(password), expires});
  }
  return out;
}

}  // namespace jinglegate::component::web

// ICE servers for the `welcome` message: STUN as configured, TURN with REST credentials.
#include "component/web/ice_servers.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <boost/asio/ip/address.hpp>

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

namespace {
using xmpp::ExternalService;
using xmpp::ServiceTransport;
using xmpp::ServiceType;

// The host as it goes into a URI (RFC 7064/7065 host: IP-literal, IPv4 or reg-name), or "" when
// it is neither an IP address nor a plain DNS name: nothing from the server may add a query or
// a second URI to what the browser reads.
std::string uri_host(const std::string& host) {
  boost::system::error_code ec;
  const auto addr = boost::asio::ip::make_address(host, ec);
  if (!ec) return addr.is_v6() ? "[" + addr.to_string() + "]" : addr.to_string();
  if (host.empty() || host.size() > 253 || host.front() == '-' || host.front() == '.') return "";
  for (char c : host)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return "";
  return host;
}

// The URI of one entry, or "" when browsers cannot use it.
std::string uri_of(const ExternalService& s) {
  const std::string host = uri_host(s.host);
  if (host.empty()) return "";
  const bool tls = s.type == ServiceType::turns;
  const std::string port = std::to_string(s.port.value_or(tls ? 5349 : 3478));
  switch (s.type) {
    case ServiceType::stun:
      return "stun:" + host + ":" + port;
    case ServiceType::turn:
      if (s.transport == ServiceTransport::other) return "";
      return "turn:" + host + ":" + port +
             (s.transport == ServiceTransport::udp ? "?transport=udp" : s.transport == ServiceTransport::tcp ? "?transport=tcp" : "");
    case ServiceType::turns:
      if (s.transport != ServiceTransport::tcp && s.transport != ServiceTransport::unspecified) return "";
      return "turns:" + host + ":" + port + "?transport=tcp";
    case ServiceType::stuns:
    case ServiceType::other: return "";
  }
  return "";
}
}  // namespace

std::vector<IceServer> ice_servers_from(const std::vector<ExternalService>& services) {
  std::vector<IceServer> out;
  for (const auto& s : services) {
    const bool relay = s.type == ServiceType::turn || s.type == ServiceType::turns;
    if (relay && (s.username.empty() || s.password.empty())) continue;
    std::string uri = uri_of(s);
    if (uri.empty()) continue;
    // STUN needs no credentials, whatever the entry carries.
    const std::string user = relay ? s.username : "", pass = relay ? s.password : "";
    const std::int64_t expires = relay ? s.expires.value_or(0) : 0;
    auto same = std::find_if(out.begin(), out.end(), [&](const IceServer& i) { return i.username == user && i.credential == pass; });
    if (same == out.end()) {
      out.push_back(IceServer{{std::move(uri)}, user, pass, expires});
      continue;
    }
    if (std::find(same->urls.begin(), same->urls.end(), uri) == same->urls.end()) same->urls.push_back(std::move(uri));
    if (expires && (!same->expires || expires < same->expires)) same->expires = expires;
  }
  return out;
}

std::optional<std::int64_t> earliest_expiry(const std::vector<IceServer>& servers) {
  std::optional<std::int64_t> earliest;
  for (const auto& s : servers)
    if (s.expires && (!earliest || s.expires < *earliest)) earliest = s.expires;
  return earliest;
}

std::vector<IceServer> ice_servers_for(const IceServerSettings& ice, std::string_view user, std::int64_t now) {
  std::vector<IceServer> out;
  if (!ice.stun_uris.empty()) out.push_back(IceServer{ice.stun_uris, "", "", 0});
  if (!ice.turn_uris.empty() && !ice.turn_secret.empty()) {
    // G16: never longer than 12 h, whatever the settings say (config.cpp bounds it as well).
    const auto ttl = std::min<std::int64_t>(static_cast<std::int64_t>(ice.credential_ttl.count()), kMaxCredentialTtl);
    const std::int64_t expires = now + ttl;
    std::string username = std::to_string(expires) + ":" + std::string(user);
    std::string password = turn_password(ice.turn_secret, username);
    out.push_back(IceServer{ice.turn_uris, std::move(username), std::move(password), expires});
  }
  return out;
}

}  // namespace jinglegate::component::web

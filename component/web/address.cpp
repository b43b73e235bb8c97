// JIDs as the gateway sees them (RFC 7622 §3): split and checked, not PRECIS-normalised.
#include "component/web/address.hpp"

namespace jinglegate::component::web {

namespace {
// Length of the UTF-8 sequence starting at s[i], or 0 when it is malformed (RFC 3629).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (n == 0 || i + n > s.size() || (n == 2 && c < 0xc2) || (n == 4 && c > 0xf4)) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return 0;
  return n;
}

bool valid_part(std::string_view s, std::string_view forbidden) {
  if (s.empty() || s.size() > 1023) return false;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c <= 0x20 || c == 0x7f || forbidden.find(static_cast<char>(c)) != std::string_view::npos) return false;
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}
}  // namespace

bool valid_localpart(std::string_view s) { return valid_part(s, "\"&'/:<>@"); }

bool valid_resource(std::string_view s) {
  // Resources may contain spaces and any printable character (RFC 7622 §3.4, OpaqueString).
  if (s.empty() || s.size() > 1023) return false;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) return false;
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::optional<Address> parse_address(std::string_view jid) {
  Address a;
  const auto slash = jid.find('/');
  std::string_view bare = jid.substr(0, slash);
  if (slash != std::string_view::npos) {
    a.resource = std::string(jid.substr(slash + 1));
    if (!valid_resource(a.resource)) return std::nullopt;
  }
  if (const auto at = bare.find('@'); at != std::string_view::npos) {
    a.local = std::string(bare.substr(0, at));
    if (!valid_localpart(a.local)) return std::nullopt;
    bare = bare.substr(at + 1);
  }
  // Domainparts: a DNS name or IP literal; we only need "no separators, no controls".
  if (!valid_part(bare, "\"&'/:<>@")) return std::nullopt;
  a.domain = std::string(bare);
  return a;
}

}  // namespace jinglegate::component::web

// XMPP addresses (RFC 7622): split, compare by domain, print.
#include "jingle/jid.hpp"

#include <algorithm>

namespace jinglegate {

namespace {
constexpr std::size_t kMaxPart = 1023;  // RFC 7622 §3.2–3.4: each part at most 1023 octets

// RFC 7622 §3.3.1 forbids these in a local part; none can occur in a domain name either.
bool forbidden_char(char c) {
  return std::string_view("\"&'/:<>@").find(c) != std::string_view::npos || static_cast<unsigned char>(c) <= 0x20 ||
         c == 0x7f;
}
}  // namespace

std::string Jid::str() const {
  std::string s;
  s.reserve(local.size() + domain.size() + resource.size() + 2);
  if (!local.empty()) s.append(local).push_back('@');
  s.append(domain);
  if (!resource.empty()) s.append("/").append(resource);
  return s;
}

Result<Jid> parse_jid(std::string_view s) {
  Jid jid;
  std::string_view rest = s;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    jid.resource.assign(rest.substr(slash + 1));
    rest = rest.substr(0, slash);
    if (jid.resource.empty()) return fail(Errc::bad_jid, "empty resource");
    if (jid.resource.size() > kMaxPart) return fail(Errc::bad_jid, "resource too long");
  }
  if (const auto at = rest.find('@'); at != std::string_view::npos) {
    jid.local.assign(rest.substr(0, at));
    rest = rest.substr(at + 1);
    if (jid.local.empty()) return fail(Errc::bad_jid, "empty local part");
    if (jid.local.size() > kMaxPart) return fail(Errc::bad_jid, "local part too long");
    if (std::any_of(jid.local.begin(), jid.local.end(), forbidden_char))
      return fail(Errc::bad_jid, "forbidden character in local part");
  }
  if (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);  // RFC 7622 §3.2: trailing dot
  if (rest.empty()) return fail(Errc::bad_jid, "empty domain");
  // An empty label ("a..b", ".a", "a.." once one dot is gone) would not read back the same.
  if (rest.front() == '.' || rest.back() == '.' || rest.find("..") != std::string_view::npos)
    return fail(Errc::bad_jid, "empty label in domain");
  if (rest.size() > kMaxPart) return fail(Errc::bad_jid, "domain too long");
  if (std::any_of(rest.begin(), rest.end(), forbidden_char)) return fail(Errc::bad_jid, "forbidden character in domain");
  jid.domain.assign(rest);
  std::transform(jid.domain.begin(), jid.domain.end(), jid.domain.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; });
  return jid;
}

bool in_domain(const Jid& jid, std::string_view domain) { return jid.domain == domain; }

}  // namespace jinglegate

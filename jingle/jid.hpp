// XMPP addresses (RFC 7622): split, compare by domain, print. Pure, shared by component/ and presence/.
//
// Deliberately small: no stringprep/PRECIS folding beyond ASCII lower-casing of the domain.
// The server has already enforced RFC 7622 on every address it routes to a component.
#pragma once

#include <string>
#include <string_view>

#include "jingle/error.hpp"

namespace jinglegate {

struct Jid {
  std::string local;     // "" when absent
  std::string domain;    // never empty; ASCII lower-cased
  std::string resource;  // "" when absent

  bool is_bare() const { return resource.empty(); }
  Jid bare() const { return Jid{local, domain, {}}; }
  std::string str() const;

  friend bool operator==(const Jid&, const Jid&) = default;
};

// RFC 7622 §3.1 split: the resource starts at the first '/', the local part ends at the first
// '@' before it. Each part is 1..1023 bytes; the local part has none of "&'/:<>@ and no
// whitespace. Errc::bad_jid otherwise.
Result<Jid> parse_jid(std::string_view s);

// True when `jid` is `domain` itself or an address under it (user@domain, user@domain/res,
// domain/res). This is the whole of our addressing rule (reliability goal G6).
bool in_domain(const Jid& jid, std::string_view domain);

}  // namespace jinglegate

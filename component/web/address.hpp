// JIDs as the gateway sees them (RFC 7622 §3): split and checked, not PRECIS-normalised.
//
// The gateway names its users `local@<component domain>/<resource>`; it compares the parts
// byte for byte, so token issuers must send localparts already in their canonical form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jinglegate::component::web {

struct Address {
  std::string local;     // may be empty (a domain JID)
  std::string domain;
  std::string resource;  // empty = bare JID
  std::string bare() const { return local.empty() ? domain : local + "@" + domain; }
  std::string full() const { return resource.empty() ? bare() : bare() + "/" + resource; }
  friend bool operator==(const Address&, const Address&) = default;
};

// RFC 7622 §3.3: 1..1023 bytes, none of the characters PRECIS forbids in a localpart
// (" & ' / : < > @), no whitespace or controls, valid UTF-8.
bool valid_localpart(std::string_view s);
bool valid_resource(std::string_view s);   // 1..1023 bytes, no controls, valid UTF-8
std::optional<Address> parse_address(std::string_view jid);

}  // namespace jinglegate::component::web

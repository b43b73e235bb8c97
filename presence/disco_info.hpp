// XEP-0030 disco#info as a value (identities, features, XEP-0128 forms), its reader and writer, and
// the XEP-0115 §5 verification string and ver hash computed over it. Pure; shared by the disco
// responder (component/xmpp/disco.hpp, our own caps) and the caps cache (our contacts' caps).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/xml/element.hpp"

namespace jinglegate::presence {

struct Identity {  // XEP-0030 §3.1
  std::string category;
  std::string type;
  std::string lang;  // xml:lang, "" when absent
  std::string name;
  friend bool operator==(const Identity&, const Identity&) = default;
};

struct DiscoInfo {
  std::vector<Identity> identities;
  std::vector<std::string> features;
  std::vector<xml::Element> forms;  // XEP-0128 extensions (<x xmlns='jabber:x:data' type='result'/>)
  friend bool operator==(const DiscoInfo&, const DiscoInfo&) = default;

  bool has(std::string_view feature) const;
};

// <query xmlns='http://jabber.org/protocol/disco#info' [node]> with identities, features, forms.
xml::Element write_disco_info(const DiscoInfo& info, std::string_view node = {});
Result<DiscoInfo> read_disco_info(const xml::Element& query);

// XEP-0115 §5.1 verification string S, and ver = base64(SHA-1(S)).
std::string caps_string(const DiscoInfo& info);
std::string caps_ver(const DiscoInfo& info);

// The hash functions of the IANA "Hash Function Textual Names" registry XEP-0115 §5.1 refers to,
// as far as OpenSSL provides them. md2/md5 are not accepted: collisions are cheap to make.
enum class CapsHash { sha_1, sha_224, sha_256, sha_384, sha_512 };
std::optional<CapsHash> parse_caps_hash(std::string_view name);  // "sha-1" …
std::string caps_ver(const DiscoInfo& info, CapsHash hash);

// XEP-0115 §5.4: does `info` verify against `ver` under `hash`? False also when the answer is
// ill-formed (§5.4 3.3–3.5: a duplicate identity, feature or FORM_TYPE, a FORM_TYPE with several
// values) or when any hashed string contains '<', the separator of S: such a string lets two
// different feature sets share one S, the known way to poison a caps cache.
bool caps_verify(const DiscoInfo& info, CapsHash hash, std::string_view ver);

}  // namespace jinglegate::presence

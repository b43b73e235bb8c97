// The component as a call-capable entity: XEP-0030 disco#info/items, XEP-0115 caps ver,
// XEP-0199 ping and XEP-0092 version, for the domain and for each online web user's full JID.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/xml/element.hpp"

namespace jinglegate::component::xmpp {

class StanzaRouter;

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
};

// <query xmlns='http://jabber.org/protocol/disco#info' [node]> with identities, features, forms.
xml::Element write_disco_info(const DiscoInfo& info, std::string_view node = {});
Result<DiscoInfo> read_disco_info(const xml::Element& query);

// XEP-0115 §5.1 verification string S and ver = base64(SHA-1(S)).
std::string caps_string(const DiscoInfo& info);
std::string caps_ver(const DiscoInfo& info);

// XEP-0115 caps node of jinglegate's web users: the disco#info node is "<node>#<ver>".
inline constexpr std::string_view kCapsNode = "urn:xmpp:jinglegate:caps";

// Which web users are online is the web gateway's knowledge; the responder only asks.
using IsOnline = std::function<bool(std::string_view local, std::string_view resource)>;

// Answers disco#info/items, ping and version for the domain and for online web users' full
// JIDs; every other address of ours gets service-unavailable (RFC 6120 §8.5.3.2.1: full JID
// with no session; bare JIDs of web users have no account to describe).
class DiscoResponder {
 public:
  DiscoResponder(std::string name, IsOnline is_online);
  void attach(StanzaRouter& router);

  const DiscoInfo& domain_info() const { return domain_info_; }
  const DiscoInfo& user_info() const { return user_info_; }
  const std::string& user_caps_ver() const { return user_ver_; }
  // <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node=… ver=…/> for web users' presence.
  xml::Element caps_element() const;

 private:
  DiscoInfo domain_info_;
  DiscoInfo user_info_;
  std::string user_ver_;
  IsOnline is_online_;
};

}  // namespace jinglegate::component::xmpp

// The component as a call-capable entity: XEP-0030 disco#info/items, XEP-0115 caps ver,
// XEP-0199 ping and XEP-0092 version, for the domain and for each online web user's full JID.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/xml/element.hpp"
#include "presence/disco_info.hpp"

namespace jinglegate::component::xmpp {

class StanzaRouter;

// The disco#info value and the XEP-0115 hash live in presence/disco_info.hpp (pure, shared with
// the caps cache); these names keep their old spelling here.
using ::jinglegate::presence::caps_string;
using ::jinglegate::presence::caps_ver;
using ::jinglegate::presence::DiscoInfo;
using ::jinglegate::presence::Identity;
using ::jinglegate::presence::read_disco_info;
using ::jinglegate::presence::write_disco_info;

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

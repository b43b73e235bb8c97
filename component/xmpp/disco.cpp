// The component as a call-capable entity: XEP-0030, XEP-0115, XEP-0199 and XEP-0092 answers.
#include "component/xmpp/disco.hpp"

#include "component/xmpp/stanza_router.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::xmpp {

namespace {
// What XMPP call clients look for before they offer a call (Conversations, Dino, Gajim, Monal,
// Movim check rtp:audio/video, ice-udp and dtls; Jingle Message Initiation for ringing). The
// data channel is XEP-0343's current namespace only: advertising the old dtls-sctp:1 as well
// would invite offers in the superseded format.
const std::vector<std::string>& web_user_features() {
  static const std::vector<std::string> kFeatures{
      std::string(ns::caps),          std::string(ns::disco_info),      std::string(ns::ping),
      std::string(ns::version),       std::string(ns::jingle),          std::string(ns::jingle_rtp),
      std::string(ns::jingle_rtp_audio), std::string(ns::jingle_rtp_video), std::string(ns::jingle_ice_udp),
      std::string(ns::jingle_dtls),   std::string(ns::jingle_rtcp_fb),  std::string(ns::jingle_rtp_hdrext),
      std::string(ns::rfc5888),       std::string(ns::rfc5576),         std::string(ns::jingle_message),
      std::string(ns::jingle_sctp),
      // jinglegate's residual SDP lines (jingle/translate/translate.hpp): a jinglegate bridge that
      // sees this sends them, so a call between two jinglegate users loses nothing.
      std::string(ns::jinglegate_sdp),
  };
  return kFeatures;
}

}  // namespace

DiscoResponder::DiscoResponder(std::string name, IsOnline is_online) : is_online_(std::move(is_online)) {
  // The domain is a gateway in XEP-0030's sense (a translator between XMPP and another
  // protocol, here WebRTC signalling); `component/*` types name server internals (c2s, router).
  // No jabber:iq:gateway or jabber:iq:register: there is nothing to register with.
  // Identities carry an explicit xml:lang: clients that inherit the stream's language (StanzaJS
  // reads "en" from it) and clients that read only the attribute then hash the same caps string.
  domain_info_.identities.push_back(Identity{"gateway", "webrtc", "en", name});
  domain_info_.features = {std::string(ns::disco_info), std::string(ns::disco_items), std::string(ns::ping),
                           std::string(ns::version)};
  // A web user is a client of type web (XEP-0030 registry: "a client accessed via a web browser").
  user_info_.identities.push_back(Identity{"client", "web", "en", std::move(name)});
  user_info_.features = web_user_features();
  user_ver_ = caps_ver(user_info_);
}

xml::Element DiscoResponder::caps_element() const {
  xml::Element c("c", std::string(ns::caps));
  c.set_attr("hash", "sha-1");
  c.set_attr("node", std::string(kCapsNode));
  c.set_attr("ver", user_ver_);
  return c;
}

void DiscoResponder::attach(StanzaRouter& router) {
  enum class Target { domain, web_user, nobody };
  auto target = [this](const Jid& to) {
    if (to.local.empty() && to.resource.empty()) return Target::domain;
    if (!to.local.empty() && !to.resource.empty() && is_online_(to.local, to.resource)) return Target::web_user;
    return Target::nobody;
  };
  auto unavailable = [] { return Result<void>(fail(Errc::service_unavailable)); };

  router.route(StanzaKind::iq, StanzaType::get, ns::disco_info, [this, &router, target, unavailable](const Stanza& s) {
    const Target t = target(s.to);
    if (t == Target::nobody) return unavailable();
    const std::string node(s.payload->attr_or("node"));
    const std::string own_node = std::string(kCapsNode) + "#" + user_ver_;
    if (!node.empty() && (t == Target::domain || node != own_node)) return Result<void>(fail(Errc::item_not_found, "unknown node"));
    xml::Element reply = make_reply(s);
    reply.add(write_disco_info(t == Target::domain ? domain_info_ : user_info_, node));
    router.send(std::move(reply));
    return Result<void>(Ok{});
  });
  router.route(StanzaKind::iq, StanzaType::get, ns::disco_items, [&router, target, unavailable](const Stanza& s) {
    // No items: listing online web users would publish their presence to anyone.
    if (target(s.to) == Target::nobody) return unavailable();
    xml::Element reply = make_reply(s);
    auto& query = reply.add("query", std::string(ns::disco_items));
    if (const auto* node = s.payload->attr("node")) query.set_attr("node", *node);
    router.send(std::move(reply));
    return Result<void>(Ok{});
  });
  router.route(StanzaKind::iq, StanzaType::get, ns::ping, [&router, target, unavailable](const Stanza& s) {
    if (target(s.to) == Target::nobody) return unavailable();
    router.send(make_reply(s));  // XEP-0199 §4: an empty result
    return Result<void>(Ok{});
  });
  router.route(StanzaKind::iq, StanzaType::get, ns::version, [&router, target, unavailable](const Stanza& s) {
    if (target(s.to) == Target::nobody) return unavailable();
    xml::Element reply = make_reply(s);
    auto& query = reply.add("query", std::string(ns::version));
    query.add("name", std::string(ns::version)).text = "jinglegate";
    query.add("version", std::string(ns::version)).text = JG_VERSION;  // no <os/>: it helps attackers only
    router.send(std::move(reply));
    return Result<void>(Ok{});
  });
}

}  // namespace jinglegate::component::xmpp

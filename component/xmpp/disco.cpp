// The component as a call-capable entity: XEP-0030, XEP-0115, XEP-0199 and XEP-0092 answers.
#include "component/xmpp/disco.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <tuple>

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

std::string form_type(const xml::Element& form) {
  for (const auto& f : form.children)
    if (f.is("field", ns::data_forms) && f.attr_or("var") == "FORM_TYPE")
      if (const auto* v = f.child("value", ns::data_forms)) return v->text;
  return {};
}

std::vector<std::string> values_of(const xml::Element& field) {
  std::vector<std::string> values;
  for (const auto& v : field.children)
    if (v.is("value", ns::data_forms)) values.push_back(v.text);
  std::sort(values.begin(), values.end());
  return values;
}

// XEP-0115 §5.1 step 7: FORM_TYPE, then each other field by var with its sorted values.
void append_form(std::string& s, const xml::Element& form) {
  s.append(form_type(form)).push_back('<');
  std::vector<const xml::Element*> fields;
  for (const auto& f : form.children)
    if (f.is("field", ns::data_forms) && f.attr_or("var") != "FORM_TYPE") fields.push_back(&f);
  std::sort(fields.begin(), fields.end(), [](const auto* a, const auto* b) { return a->attr_or("var") < b->attr_or("var"); });
  for (const auto* f : fields) {
    s.append(f->attr_or("var")).push_back('<');
    for (const auto& v : values_of(*f)) s.append(v).push_back('<');
  }
}
}  // namespace

xml::Element write_disco_info(const DiscoInfo& info, std::string_view node) {
  xml::Element query("query", std::string(ns::disco_info));
  if (!node.empty()) query.set_attr("node", std::string(node));
  for (const auto& id : info.identities) {
    auto& e = query.add("identity", std::string(ns::disco_info));
    e.set_attr("category", id.category);
    e.set_attr("type", id.type);
    if (!id.lang.empty()) e.set_attr("xml:lang", id.lang);
    if (!id.name.empty()) e.set_attr("name", id.name);
  }
  for (const auto& f : info.features) query.add("feature", std::string(ns::disco_info)).set_attr("var", f);
  for (const auto& form : info.forms) query.add(form);
  return query;
}

Result<DiscoInfo> read_disco_info(const xml::Element& query) {
  if (!query.is("query", ns::disco_info)) return fail(Errc::bad_request, "not a disco#info query");
  DiscoInfo info;
  for (const auto& c : query.children) {
    if (c.is("identity", ns::disco_info)) {
      if (!c.attr("category") || !c.attr("type")) return fail(Errc::bad_request, "identity without category or type");
      info.identities.push_back(Identity{std::string(c.attr_or("category")), std::string(c.attr_or("type")),
                                         std::string(c.attr_or("xml:lang")), std::string(c.attr_or("name"))});
    } else if (c.is("feature", ns::disco_info)) {
      if (!c.attr("var")) return fail(Errc::bad_request, "feature without var");
      info.features.emplace_back(c.attr_or("var"));
    } else if (c.is("x", ns::data_forms)) {
      info.forms.push_back(c);
    }
  }
  return info;
}

std::string caps_string(const DiscoInfo& info) {
  std::vector<const Identity*> ids;
  for (const auto& i : info.identities) ids.push_back(&i);
  std::sort(ids.begin(), ids.end(), [](const auto* a, const auto* b) {
    return std::tie(a->category, a->type, a->lang, a->name) < std::tie(b->category, b->type, b->lang, b->name);
  });
  std::string s;
  for (const auto* i : ids) s.append(i->category + '/' + i->type + '/' + i->lang + '/' + i->name + '<');
  std::vector<std::string> features = info.features;
  std::sort(features.begin(), features.end());
  for (const auto& f : features) s.append(f).push_back('<');
  std::vector<const xml::Element*> forms;
  for (const auto& f : info.forms)
    if (!form_type(f).empty()) forms.push_back(&f);  // §5.4: a form without FORM_TYPE is ignored
  std::sort(forms.begin(), forms.end(), [](const auto* a, const auto* b) { return form_type(*a) < form_type(*b); });
  for (const auto* f : forms) append_form(s, *f);
  return s;
}

std::string caps_ver(const DiscoInfo& info) {
  const std::string s = caps_string(info);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), md, &len, EVP_sha1(), nullptr);
  unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  const int n = EVP_EncodeBlock(b64, md, static_cast<int>(len));
  return std::string(reinterpret_cast<const char*>(b64), static_cast<std::size_t>(n));
}

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

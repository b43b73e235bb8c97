// Stanza dispatch for the component (RFC 6120 §8): route, answer failures, enforce addressing.
#include "component/xmpp/stanza_router.hpp"

#include <optional>

#include "component/errors.hpp"
#include "component/log.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::xmpp {

namespace {
struct TypeName {
  StanzaKind kind;
  std::string_view name;  // "" = the type attribute is absent
  StanzaType type;
};
constexpr TypeName kTypes[] = {
    {StanzaKind::iq, "get", StanzaType::get},
    {StanzaKind::iq, "set", StanzaType::set},
    {StanzaKind::iq, "result", StanzaType::result},
    {StanzaKind::iq, "error", StanzaType::error},
    {StanzaKind::message, "", StanzaType::normal},
    {StanzaKind::message, "normal", StanzaType::normal},
    {StanzaKind::message, "chat", StanzaType::chat},
    {StanzaKind::message, "groupchat", StanzaType::groupchat},
    {StanzaKind::message, "headline", StanzaType::headline},
    {StanzaKind::message, "error", StanzaType::error},
    {StanzaKind::presence, "", StanzaType::available},
    {StanzaKind::presence, "unavailable", StanzaType::unavailable},
    {StanzaKind::presence, "subscribe", StanzaType::subscribe},
    {StanzaKind::presence, "subscribed", StanzaType::subscribed},
    {StanzaKind::presence, "unsubscribe", StanzaType::unsubscribe},
    {StanzaKind::presence, "unsubscribed", StanzaType::unsubscribed},
    {StanzaKind::presence, "probe", StanzaType::probe},
    {StanzaKind::presence, "error", StanzaType::error},
};

std::optional<StanzaKind> kind_of(const xml::Element& e) {
  if (e.ns != ns::component_accept) return std::nullopt;
  if (e.name == "iq") return StanzaKind::iq;
  if (e.name == "message") return StanzaKind::message;
  if (e.name == "presence") return StanzaKind::presence;
  return std::nullopt;
}

std::optional<StanzaType> type_of(StanzaKind kind, const xml::Element& e) {
  const std::string_view t = e.attr_or("type");
  if (kind == StanzaKind::iq && !e.attr("type")) return std::nullopt;
  for (const auto& tn : kTypes)
    if (tn.kind == kind && tn.name == t) return tn.type;
  return std::nullopt;
}

// RFC 6120 §8.3.1: never answer an error with an error; results are answers already.
bool answerable(const xml::Element& stanza) {
  const std::string_view t = stanza.attr_or("type");
  return t != "error" && t != "result";
}
}  // namespace

std::string_view to_string(StanzaType type) {
  for (const auto& tn : kTypes)
    if (tn.type == type && !tn.name.empty()) return tn.name;
  return "available";  // presence without a type attribute
}

xml::Element make_reply(const Stanza& request, StanzaType type) {
  xml::Element reply(request.element->name, std::string(ns::component_accept));
  if (type != StanzaType::normal && type != StanzaType::available) reply.set_attr("type", std::string(to_string(type)));
  if (!request.id.empty()) reply.set_attr("id", request.id);
  reply.set_attr("from", request.to.str());
  reply.set_attr("to", request.from.str());
  return reply;
}

xml::Element make_error(const xml::Element& stanza, const Error& why) {
  const ErrorFace& f = face(why.code);
  xml::Element reply(stanza.name, std::string(ns::component_accept));
  reply.set_attr("type", "error");
  if (const auto* id = stanza.attr("id")) reply.set_attr("id", *id);
  reply.set_attr("from", std::string(stanza.attr_or("to")));
  reply.set_attr("to", std::string(stanza.attr_or("from")));
  xml::Element& error = reply.add("error", std::string(ns::component_accept));
  error.set_attr("type", std::string(f.xmpp_type));
  error.add(std::string(f.xmpp_condition), std::string(ns::stanzas));
  if (!why.detail.empty()) error.add("text", std::string(ns::stanzas)).text = why.detail;
  if (!f.app_condition.empty()) error.add(std::string(f.app_condition), std::string(f.app_ns));
  return reply;
}

StanzaRouter::StanzaRouter(std::string domain, StanzaSender send) : domain_(std::move(domain)), send_(std::move(send)) {}

void StanzaRouter::route(StanzaKind kind, StanzaType type, std::string_view ns, StanzaHandler handler) {
  routes_.push_back(Route{kind, type, std::string(ns), std::move(handler)});
}

void StanzaRouter::observe(StanzaKind kind, StanzaType type, StanzaObserver observer) {
  observers_.push_back(Observer{kind, type, std::move(observer)});
}

const StanzaRouter::Route* StanzaRouter::find(StanzaKind kind, StanzaType type, const xml::Element& stanza,
                                              const xml::Element** payload) const {
  const Route* wildcard = nullptr;
  for (const auto& r : routes_) {
    if (r.kind != kind || r.type != type) continue;
    if (r.ns.empty()) {
      if (!wildcard) wildcard = &r;
      continue;
    }
    // An iq has one payload; a message or presence is routed by any child in the namespace.
    for (const auto& c : stanza.children) {
      if (c.ns == r.ns) {
        *payload = &c;
        return &r;
      }
      if (kind == StanzaKind::iq) break;
    }
  }
  if (wildcard) *payload = stanza.children.empty() ? nullptr : &stanza.children.front();
  return wildcard;
}

void StanzaRouter::dispatch(const xml::Element& stanza) {
  const auto kind = kind_of(stanza);
  if (!kind) return log::warn("router", "dropped non-stanza", {{"element", stanza.name}});
  auto to = parse_jid(stanza.attr_or("to"));
  if (!to || !in_domain(*to, domain_))
    return log::warn("router", "dropped stanza not for our domain", {{"to", stanza.attr_or("to")}, {"from", stanza.attr_or("from")}});
  auto from = parse_jid(stanza.attr_or("from"));
  if (!from) return log::warn("router", "dropped stanza without a valid from", {{"from", stanza.attr_or("from")}});
  const auto type = type_of(*kind, stanza);
  if (!type) {
    if (answerable(stanza)) reply_error(stanza, Error{Errc::bad_request, "bad type", 0});
    return;
  }
  Stanza s{*kind, *type, std::move(*from), std::move(*to), std::string(stanza.attr_or("id")), &stanza, nullptr};
  for (const auto& o : observers_)
    if (o.kind == s.kind && o.type == s.type) o.observer(s);
  const Route* route = find(s.kind, s.type, stanza, &s.payload);
  if (!route) {
    if (s.kind == StanzaKind::iq && (s.type == StanzaType::get || s.type == StanzaType::set))
      reply_error(stanza, Error{Errc::service_unavailable, "", 0});
    return;
  }
  auto handled = route->handler(s);
  if (!handled && answerable(stanza)) reply_error(stanza, handled.error());
}

void StanzaRouter::refused(const xml::Element& head, const Error& why) {
  log::warn("router", "refused stanza", {{"from", head.attr_or("from")}, {"reason", describe(why)}});
  auto to = parse_jid(head.attr_or("to"));
  if (!kind_of(head) || !to || !in_domain(*to, domain_) || !parse_jid(head.attr_or("from"))) return;
  if (answerable(head)) reply_error(head, why);
}

void StanzaRouter::reply_error(const xml::Element& stanza, const Error& why) { send_(make_error(stanza, why)); }

}  // namespace jinglegate::component::xmpp

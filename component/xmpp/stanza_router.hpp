// Stanza dispatch for the component (RFC 6120 §8): route by (kind, type, payload namespace),
// answer failures with stanza errors from the error registry, enforce our addressing rule.
//
// Later work (the bridge's Jingle iqs and XEP-0353 messages, presence) registers handlers here
// without touching the link.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "component/xmpp/jid.hpp"
#include "jingle/error.hpp"
#include "jingle/xml/element.hpp"

namespace jinglegate::component::xmpp {

enum class StanzaKind { message, presence, iq };

// RFC 6120 §8.2.3 (iq), RFC 6121 §5.2.2 (message) and §4.7.1 (presence) types in one closed set;
// `normal` and `available` stand for an absent type attribute.
enum class StanzaType {
  get, set, result, error,
  normal, chat, groupchat, headline,
  available, unavailable, subscribe, subscribed, unsubscribe, unsubscribed, probe,
};

// A stanza addressed to us, parsed once at the edge.
struct Stanza {
  StanzaKind kind;
  StanzaType type;
  Jid from;
  Jid to;
  std::string id;                 // "" when absent
  const xml::Element* element;    // the whole stanza
  const xml::Element* payload;    // iq: its child; message/presence: the child whose namespace routed it
};

// A handler's failure goes back to the sender as a stanza error (never for error/result stanzas).
using StanzaHandler = std::function<Result<void>(const Stanza&)>;
using StanzaSender = std::function<void(xml::Element)>;
// Sees a stanza without handling it: never answers, cannot fail.
using StanzaObserver = std::function<void(const Stanza&)>;

class StanzaRouter {
 public:
  StanzaRouter(std::string domain, StanzaSender send);

  // `ns` "" matches any payload namespace (and none); an exact namespace wins over "".
  void route(StanzaKind kind, StanzaType type, std::string_view ns, StanzaHandler handler);
  // Called for every stanza of that kind and type before it is routed, whoever handles it: the
  // bridge learns of unavailable presence this way while presence handling owns the route.
  void observe(StanzaKind kind, StanzaType type, StanzaObserver observer);

  // A stanza from the link. Stanzas not to our domain, or without a usable `from`, are dropped
  // and logged (G6); iq get/set nobody handles get service-unavailable.
  void dispatch(const xml::Element& stanza);
  // A stanza the link refused for its size: answered with the refusal (policy-violation).
  void refused(const xml::Element& head, const Error& why);

  void send(xml::Element stanza) { send_(std::move(stanza)); }
  const std::string& domain() const { return domain_; }

 private:
  struct Route {
    StanzaKind kind;
    StanzaType type;
    std::string ns;
    StanzaHandler handler;
  };
  const Route* find(StanzaKind kind, StanzaType type, const xml::Element& stanza, const xml::Element** payload) const;
  void reply_error(const xml::Element& stanza, const Error& why);

  std::string domain_;
  StanzaSender send_;
  std::vector<Route> routes_;
  struct Observer {
    StanzaKind kind;
    StanzaType type;
    StanzaObserver observer;
  };
  std::vector<Observer> observers_;
};

// A reply to `request`: same kind and id, from and to swapped, the given type, no children.
xml::Element make_reply(const Stanza& request, StanzaType type = StanzaType::result);
// The stanza error for `why` (registry face: type, defined condition, application condition,
// detail as text), addressed back to the sender of `stanza` (RFC 6120 §8.3). The one place
// stanza errors are built.
xml::Element make_error(const xml::Element& stanza, const Error& why);

std::string_view to_string(StanzaType type);

}  // namespace jinglegate::component::xmpp

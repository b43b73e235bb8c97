// The bridge's outgoing stanzas: Jingle iqs through the IqTracker (answers and refusals come back
// to the call), XEP-0353 messages, acknowledgements, and the terminates a downed link owes.
#include "component/bridge/bridge.hpp"
#include "component/bridge/web_jingle_map.hpp"
#include "component/errors.hpp"
#include "component/log.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"

namespace jinglegate::component::bridge {

using jingle::Action;
using web::HangupReason;

namespace {

// The models write text; a stanza is an element tree. The text is ours and small (a few KB), so
// it is read back once here, the one place a model becomes a tree.
xml::Element to_element(const std::string& text) {
  auto e = xml::parse(text);
  if (!e) throw std::logic_error("our own Jingle does not parse: " + e.error().detail);
  return std::move(*e);
}

xml::Element iq_set(const std::string& from, const std::string& to, xml::Element payload) {
  xml::Element iq("iq", std::string(ns::component_accept));
  iq.set_attr("type", "set").set_attr("from", from).set_attr("to", to);
  iq.add(std::move(payload));
  return iq;
}

xml::Element terminate_iq(const std::string& from, const std::string& to, const std::string& sid, HangupReason r) {
  jingle::Jingle j;
  j.action = Action::session_terminate;
  j.sid = sid;
  j.reason = make_reason(r);
  return iq_set(from, to, to_element(jingle::to_xml(j)));
}

// A refusal that means the peer is not there (or has forgotten the session).
bool peer_gone(Errc e) {
  return e == Errc::unknown_session || e == Errc::item_not_found || e == Errc::service_unavailable ||
         e == Errc::recipient_unavailable;
}

}  // namespace

jingle::Jingle Bridge::make_jingle(const Call& c, Action action) const {
  jingle::Jingle j;
  j.action = action;
  j.sid = c.sid;
  return j;
}

void Bridge::send_jingle(Call& c, jingle::Jingle j, CallFn on_result) {
  auto stanzas = adapt_outgoing(c.profile, std::move(j));
  for (std::size_t i = 0; i < stanzas.size(); ++i)
    send_one(c, std::move(stanzas[i]), i + 1 == stanzas.size() ? std::move(on_result) : CallFn{});
}

void Bridge::send_one(Call& c, jingle::Jingle j, CallFn on_result) {
  const Action action = j.action;
  xml::Element iq = iq_set(c.local.str(), c.peer.str(), to_element(jingle::to_xml(j)));
  iq_.request(std::move(iq), s_.iq_timeout,
              [this, alive = std::weak_ptr<bool>(alive_), id = c.id, action, done = std::move(on_result)](
                  Result<xml::Element> answer) {
                if (alive.expired()) return;
                Call* call = calls_.get(id);
                if (!call) return;
                if (!answer) return on_iq_error(*call, action, answer.error());
                if (done) done(*call);
              });
}

// The peer refused (or never answered) one of our Jingle requests.
void Bridge::on_iq_error(Call& c, Action action, const Error& e) {
  log::info("call", "request refused",
            {{"sid", c.sid}, {"action", jingle::action_name(action)}, {"reason", describe(e)}});
  switch (action) {
    case Action::session_initiate:
    case Action::session_accept:
      // No session on the peer's side: nothing to terminate there.
      return end_call(c, hangup_reason_of(e.code), By::peer, describe(e));
    case Action::session_terminate: return;
    case Action::content_add:
    case Action::transport_replace:
    case Action::content_modify:
    case Action::content_remove:
      if (c.pending == Pending::peer_content_add || c.pending == Pending::peer_modify)
        return negotiation_failed(c, e);
      break;
    case Action::transport_info:
      if (c.pending == Pending::peer_ice_restart) return negotiation_failed(c, e);
      break;
    default: break;
  }
  if (peer_gone(e.code)) end_call(c, HangupReason::gone, By::peer, describe(e));
}

void Bridge::send_jmi(const xmpp::Jid& from, const xmpp::Jid& to, jingle::JingleMessage m, bool receipt) {
  // XEP-0353 §3: type chat with a storage hint, so the message reaches every device and archive.
  xml::Element msg("message", std::string(ns::component_accept));
  msg.set_attr("type", "chat").set_attr("from", from.str()).set_attr("to", to.str());
  msg.set_attr("id", "jm-" + std::string(jingle::message_kind_name(m.kind)) + "-" + m.id);
  msg.add(to_element(jingle::to_xml(m)));
  if (receipt) msg.add("request", std::string(ns::receipts));
  msg.add("store", std::string(ns::hints));
  xmpp_.send(std::move(msg));
}

void Bridge::ack(const xmpp::Stanza& s) { xmpp_.send(xmpp::make_reply(s)); }

void Bridge::terminate_later(const Call& c, HangupReason reason) {
  if (owed_.size() >= s_.max_pending_terminates) return;
  owed_.push_back(Terminate{c.local.str(), c.peer.str(), c.sid, reason, c.profile.finish});
}

// The link is back: the peers of calls that ended while it was down are told (XEP-0166 §6.7).
void Bridge::flush_terminates() {
  for (auto& t : std::exchange(owed_, {})) {
    iq_.request(terminate_iq(t.from, t.to, t.sid, t.reason), s_.iq_timeout, [](Result<xml::Element>) {});
    if (!t.finish) continue;
    jingle::JingleMessage finish;
    finish.kind = jingle::JingleMessageKind::finish;
    finish.id = t.sid;
    finish.reason = make_reason(t.reason);
    auto from = xmpp::parse_jid(t.from);
    auto to = xmpp::parse_jid(t.to);
    if (from && to) send_jmi(*from, *to, std::move(finish));
  }
}

}  // namespace jinglegate::component::bridge

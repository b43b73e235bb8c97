// The bridge's XEP-0353 side: proposals to web users ring their connections; ringing, proceed,
// reject, retract and finish drive the proposal machine; XEP-0184 receipts of our proposals.
#include "component/bridge/bridge.hpp"
#include "component/bridge/web_jingle_map.hpp"
#include "component/errors.hpp"
#include "component/log.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::bridge {

using jingle::Direction;
using jingle::JmiEvent;
using jingle::JmiSend;
using jingle::JmiState;
using jingle::JingleMessageKind;
using web::HangupReason;

namespace {

constexpr std::string_view kProposeIdPrefix = "jm-propose-";  // our propose message ids (receipts)

bool proposing(const Call& c) {
  return c.role == jingle::Role::initiator && (c.jmi == JmiState::proposed || c.jmi == JmiState::ringing);
}

}  // namespace

Result<void> Bridge::on_jmi(const xmpp::Stanza& s) {
  // Messages are never answered with errors here: JMI messages come again from MAM and carbons.
  auto m = jingle::read_jingle_message(*s.payload);
  if (!m) {
    log::debug("call", "unreadable XEP-0353 message dropped", {{"from", s.from.str()}, {"reason", describe(m.error())}});
    return Ok{};
  }
  if (m->kind == JingleMessageKind::propose) {
    on_propose(s, *m);
    return Ok{};
  }
  Call* c = calls_.by_sid(s.to.bare().str(), m->id);
  if (!c) {
    log::debug("call", "XEP-0353 message for no call", {{"id", m->id}, {"from", s.from.str()}});
    return Ok{};
  }
  if (s.from.bare() != c->peer.bare()) {
    log::warn("call", "XEP-0353 message from a third party dropped", {{"sid", c->sid}, {"from", s.from.str()}});
    return Ok{};
  }
  on_jmi_for_call(*c, s, *m);
  return Ok{};
}

void Bridge::on_jmi_for_call(Call& c, const xmpp::Stanza& s, const jingle::JingleMessage& m) {
  const jingle::Reason reason = m.reason.value_or(jingle::Reason{});
  const bool proposer = c.role == jingle::Role::initiator;
  switch (m.kind) {
    case JingleMessageKind::ringing:
      if (proposer && jmi_step(c, JmiEvent::ringing, Direction::incoming, reason) && !c.told_ringing) {
        c.told_ringing = true;
        to_web(c, web::write_ringing(c.session, s.from.str()));
      }
      return;
    case JingleMessageKind::proceed:
      if (!proposer) return;
      if (jmi_step(c, JmiEvent::proceed, Direction::incoming, reason, &s.from)) log_answered(c, s.from.str());
      return;
    case JingleMessageKind::reject:
      if (proposer && jmi_step(c, JmiEvent::reject, Direction::incoming, reason))
        end_call(c, m.tie_break ? HangupReason::expired : hangup_reason_of(m.reason, HangupReason::decline), By::peer,
                 reason.text);
      return;
    case JingleMessageKind::retract:
      if (!proposer && jmi_step(c, JmiEvent::retract, Direction::incoming, reason))
        end_call(c, hangup_reason_of(m.reason, HangupReason::cancel), By::peer, reason.text);
      return;
    case JingleMessageKind::finish:
      if (jmi_step(c, JmiEvent::finish, Direction::incoming, reason))
        end_call(c, hangup_reason_of(m.reason, HangupReason::success), By::peer, reason.text);
      return;
    case JingleMessageKind::accept:  // the old <accept/> to one's own bare JID: not for a peer
    case JingleMessageKind::propose: return;
  }
}

void Bridge::on_propose(const xmpp::Stanza& s, const jingle::JingleMessage& m) {
  if (s.to.local.empty() || s.from.is_bare()) return;
  if (calls_.by_sid(s.to.bare().str(), m.id)) return;  // a repeat (MAM, carbons, a resend)
  if (on_crossing(s, m)) return;
  if (!link_up_) return;
  Call& c = new_call(Caller::xmpp, s.to, s.from, m.id, jingle::Role::responder);
  c.proposed = true;
  c.media = media_of(m);
  jmi_step(c, JmiEvent::propose, Direction::incoming, {});
  log_started(c, s.from.str(), s.to.str());
  c.ringing = web_.ring_remote(s.to.local, s.to.resource, c.sid, from_of(c), c.media);
  if (c.ringing.empty()) return end_call(c, HangupReason::gone, By::us, "nobody online");
  for (const auto& leg : c.ringing) calls_.index_web(leg.conn, leg.session, c.id);
  // XEP-0184: the receipt Conversations asks for says "delivered to a device", i.e. it rings.
  if (s.element->child("request", ns::receipts) && !s.id.empty()) {
    xml::Element receipt("message", std::string(ns::component_accept));
    receipt.set_attr("from", s.to.str()).set_attr("to", s.from.str());
    receipt.add("received", std::string(ns::receipts)).set_attr("id", s.id);
    xmpp_.send(std::move(receipt));
  }
  jmi_step(c, JmiEvent::ringing, Direction::outgoing, {});
  log_call(c, "incoming", std::to_string(c.ringing.size()) + " connection(s) ringing");
  learn_profile(c);
  arm(c, Wait::ring);
}

// XEP-0353 §4.3: our proposal to this peer and theirs to us crossed. True when ours won (theirs
// is rejected with <tie-break/>); when theirs won, ours is retracted and theirs rings as usual.
bool Bridge::on_crossing(const xmpp::Stanza& s, const jingle::JingleMessage& m) {
  for (CallId id : calls_.ids()) {
    Call* c = calls_.get(id);
    if (!c || !proposing(*c) || c->local.bare() != s.to.bare() || c->peer.bare() != s.from.bare()) continue;
    jingle::Reason expired;
    expired.condition = jingle::ReasonCondition::expired;
    if (jingle::ours_wins_crossing(c->sid, c->local.str(), m.id, s.from.str())) {
      jmi_step(*c, JmiEvent::crossing_won, Direction::outgoing, expired);
      jingle::JingleMessage reject;
      reject.kind = JingleMessageKind::reject;
      reject.id = m.id;
      reject.reason = expired;
      reject.tie_break = true;
      send_jmi(s.to, s.from, std::move(reject));
      log_call(*c, "crossing proposal refused", m.id);
      return true;
    }
    jmi_step(*c, JmiEvent::crossing_lost, Direction::outgoing, expired);
    end_call(*c, HangupReason::expired, By::us, "the peer's crossing proposal won");
    return false;
  }
  return false;
}

Result<void> Bridge::on_receipt(const xmpp::Stanza& s) {
  const xml::Element* received = s.element->child("received", ns::receipts);
  if (!received) return Ok{};
  const std::string_view id = received->attr_or("id");
  if (id.substr(0, kProposeIdPrefix.size()) != kProposeIdPrefix) return Ok{};
  Call* c = calls_.by_sid(s.to.bare().str(), std::string(id.substr(kProposeIdPrefix.size())));
  if (!c || s.from.bare() != c->peer.bare() || !proposing(*c)) return Ok{};
  if (jmi_step(*c, JmiEvent::ringing, Direction::incoming, {}) && !c->told_ringing) {
    c->told_ringing = true;
    to_web(*c, web::write_ringing(c->session, s.from.str()));
  }
  return Ok{};
}

bool Bridge::jmi_step(Call& c, JmiEvent e, Direction d, const jingle::Reason& reason, const xmpp::Jid* to) {
  auto step = jingle::next(c.jmi, e, d, c.role);
  if (!step) {
    log::debug("call", "XEP-0353 event ignored", {{"sid", c.sid}, {"reason", step.error().detail}});
    return false;
  }
  c.jmi = step->state;
  jingle::JingleMessage m;
  m.id = c.sid;
  if (reason.condition) m.reason = reason;
  switch (step->send) {
    case JmiSend::none:
    case JmiSend::reject_tie_break: return true;  // the crossing propose is answered by on_crossing
    case JmiSend::ringing: m.kind = JingleMessageKind::ringing; m.reason.reset(); break;
    case JmiSend::proceed: m.kind = JingleMessageKind::proceed; m.reason.reset(); break;
    case JmiSend::reject: m.kind = JingleMessageKind::reject; break;
    case JmiSend::retract: m.kind = JingleMessageKind::retract; break;
    case JmiSend::retract_tie_break:
      m.kind = JingleMessageKind::retract;
      m.tie_break = true;
      break;
    case JmiSend::finish:
      if (!c.profile.finish) return true;
      m.kind = JingleMessageKind::finish;
      break;
    case JmiSend::initiate:
      if (to) c.peer = *to;  // the resource that proceeded gets the session-initiate
      initiate(c);
      return true;
  }
  // A retract goes to the bare JID we proposed to, or to a device that proceeded too late.
  const bool to_bare = m.kind == JingleMessageKind::retract && !to;
  send_jmi(c.local, to ? *to : to_bare ? c.peer.bare() : c.peer, std::move(m));
  return true;
}

}  // namespace jinglegate::component::bridge

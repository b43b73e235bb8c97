// The bridge, XMPP side in: the peer's Jingle iqs (XEP-0166 §6, §7.2) checked against the session
// state machine, acknowledged or refused, and turned into web messages.
#include "component/bridge/bridge.hpp"
#include "component/bridge/web_jingle_map.hpp"
#include "component/errors.hpp"
#include "component/log.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::bridge {

using jingle::Action;
using jingle::Direction;
using jingle::JmiEvent;
using jingle::SessionState;
using web::HangupReason;

namespace {

bool has_residual(const jingle::Jingle& j) {
  for (const auto& e : j.unknown.children)
    if (e.ns == ns::jinglegate_sdp) return true;
  return false;
}

}  // namespace

Result<void> Bridge::on_jingle(const xmpp::Stanza& s) {
  JG_TRY(auto j, jingle::read_jingle(*s.payload));
  Call* c = calls_.by_sid(s.to.bare().str(), j.sid);
  if (!c) {
    if (j.action == Action::session_initiate) return on_initiate(s, std::move(j));
    return fail(Errc::unknown_session, "no session " + j.sid);
  }
  // Only the session's two parties act on it. A third party that names a live sid is told the
  // session is unknown (item-not-found + <unknown-session/>): a sid is unique between its
  // initiator and responder (XEP-0166 §7.1), so between the sender and us there is no such
  // session, and the answer does not tell a prober that the sid is in use elsewhere.
  if (!(s.from == c->peer) || (!c->local.is_bare() && !(s.to == c->local))) {
    log::warn("call", "Jingle from a third party refused",
              {{"sid", j.sid}, {"from", s.from.str()}, {"to", s.to.str()}, {"action", jingle::action_name(j.action)}});
    return fail(Errc::unknown_session, "no session " + j.sid + " with " + s.from.str());
  }
  adapt_incoming(c->profile, j, c->pending == Pending::peer_content_add);
  JG_TRY(const auto next, jingle::next(c->state, j.action, Direction::incoming, c->role, jingle::other(c->role)));
  return on_action(*c, s, j, next);
}

Result<void> Bridge::on_action(Call& c, const xmpp::Stanza& s, const jingle::Jingle& j, SessionState next) {
  switch (j.action) {
    case Action::session_initiate:
      // The session-initiate that follows our <proceed/> (XEP-0353 §3.5).
      if (c.jmi != jingle::JmiState::proceeded || c.role != jingle::Role::responder)
        return fail(Errc::out_of_order, "session-initiate before <proceed/>");
      JG_CHECK(check_initiate(s, j));
      ack(s);
      c.state = next;
      c.remote = j;
      c.profile.sdp_lines = has_residual(j);
      take_offer(c.profile, j);
      for (const auto& content : j.contents) c.creators[content.name] = jingle::Creator::initiator;
      jmi_step(c, JmiEvent::initiated, Direction::incoming, {});
      log_call(c, "initiated");
      offer_to_browser(c);
      return Ok{};
    case Action::session_accept:
      ack(s);
      c.state = next;
      on_session_accept(c, j);
      return Ok{};
    case Action::session_terminate: {
      ack(s);
      const bool pending = c.state == SessionState::pending;
      const HangupReason fallback = !pending ? HangupReason::success
                                    : c.role == jingle::Role::initiator ? HangupReason::decline
                                                                       : HangupReason::cancel;
      end_call(c, hangup_reason_of(j.reason, fallback), By::peer, j.reason ? j.reason->text : "");
      return Ok{};
    }
    case Action::session_info:
      // XEP-0166 §6.8: a payload we do not understand is refused; an empty one is a ping.
      if (j.info && j.info->kind == jingle::InfoKind::unknown)
        return fail(Errc::unsupported_info, "<" + j.info->payload.name + "/> in " + j.info->payload.ns);
      ack(s);
      return on_session_info(c, j);
    case Action::transport_info:
      JG_CHECK(check_peer_request(c, j));  // an ICE restart is a request like content-add
      ack(s);
      on_transport_info(c, j);
      return Ok{};
    case Action::content_add:
    case Action::transport_replace:
    case Action::content_remove:
    case Action::content_modify:
      JG_CHECK(check_peer_request(c, j));
      ack(s);
      c.state = next;
      on_peer_request(c, j);
      return Ok{};
    case Action::content_accept:
    case Action::content_reject:
    case Action::transport_accept:
    case Action::transport_reject:
      ack(s);
      c.state = next;
      on_peer_answer(c, j);
      return Ok{};
    case Action::description_info:
    case Action::security_info:
    case Action::source_add:
    case Action::source_remove: break;
  }
  return fail(Errc::feature_not_implemented, std::string(jingle::action_name(j.action)) + " is not bridged");
}

// What must hold before a session-initiate is acknowledged: a web user is addressed and online.
Result<void> Bridge::check_initiate(const xmpp::Stanza& s, const jingle::Jingle& j) const {
  if (s.to.local.empty()) return fail(Errc::service_unavailable, "no user at " + s.to.str());
  if (j.contents.empty()) return fail(Errc::bad_request, "session-initiate without content");
  return Ok{};
}

// A session-initiate with no call behind it: a plain call to a web user (no XEP-0353 before it),
// or the loser of crossing initiates.
Result<void> Bridge::on_initiate(const xmpp::Stanza& s, jingle::Jingle j) {
  JG_CHECK(check_initiate(s, j));
  for (CallId id : calls_.ids()) {
    const Call* mine = calls_.get(id);
    if (mine && mine->caller == Caller::web && mine->state == SessionState::pending && mine->peer == s.from &&
        mine->local.bare() == s.to.bare() &&
        jingle::ours_wins_crossing(mine->sid, mine->local.str(), j.sid, s.from.str()))
      return fail(Errc::tie_break, "session-initiate crossed ours (XEP-0166 §7.2.16)");
  }
  const bool online = s.to.is_bare() ? !web_.resources_of(s.to.local).empty() : web_.is_online(s.to.local, s.to.resource);
  if (!online) return fail(Errc::service_unavailable, s.to.str() + " is not online");
  if (!link_up_) return fail(Errc::xmpp_down);
  ack(s);  // XEP-0166 §6.3.1: acknowledged at once; a refusal comes as a session-terminate
  Call& c = new_call(Caller::xmpp, s.to, s.from, j.sid, jingle::Role::responder);
  c.state = SessionState::pending;
  c.profile.sdp_lines = has_residual(j);
  adapt_incoming(c.profile, j, false);
  for (const auto& content : j.contents) c.creators[content.name] = jingle::Creator::initiator;
  c.media = media_of(j);
  c.remote = std::move(j);
  jmi_step(c, JmiEvent::initiated, Direction::incoming, {});
  log_started(c, s.from.str(), s.to.str());
  // What no browser could take is refused before anybody rings (XEP-0166 §6.3.2), once the
  // caller's profile is known: the refusal is counted by client (a disco#info round trip).
  if (auto sdp = jingle::to_sdp(c.remote); !sdp) {
    learn_profile(c, [this, e = sdp.error()](Call& c) {
      untranslatable(c, TranslationDirection::jingle_to_sdp, e, hangup_reason_of(e.code));
    });
    return Ok{};
  }
  c.ringing = web_.ring_remote(s.to.local, s.to.resource, c.sid, from_of(c), c.media);
  for (const auto& leg : c.ringing) calls_.index_web(leg.conn, leg.session, c.id);
  log_call(c, "incoming", std::to_string(c.ringing.size()) + " connection(s) ringing");
  learn_profile(c);
  auto ringing = make_jingle(c, Action::session_info);
  ringing.info = jingle::SessionInfo{};
  ringing.info->kind = jingle::InfoKind::ringing;
  send_jingle(c, std::move(ringing));
  arm(c, Wait::ring);
  return Ok{};
}

// The browser gets the peer's offer: after its accept (plain) or with the session-initiate (JMI),
// once the peer's profile is known (at most the disco#info timeout after the ring): the answer is
// adapted by it, and the web client learns from it what it may offer later (`peer`).
void Bridge::offer_to_browser(Call& c) {
  if (!c.profile_known) {
    c.offer_waits_profile = true;
    return;
  }
  auto text = browser_sdp(c.remote, nullptr, {jingle::Role::initiator, c.origin_id, ++c.origin_version});
  if (!text) return untranslatable(c, TranslationDirection::jingle_to_sdp, text.error(), hangup_reason_of(text.error().code));
  c.pending = Pending::web_initial;
  to_web(c, web::write_offer(c.session, from_of(c), *text, c.media, summary_for_web(c.profile)));
  c.browser_has_remote = true;
  flush_to_browser(c);
}

void Bridge::on_session_accept(Call& c, const jingle::Jingle& j) {
  c.remote = j;
  c.pending = Pending::none;
  arm(c, Wait::nothing);
  log_answered(c, c.peer.str());
  auto text = browser_sdp(j, c.browser ? &*c.browser : nullptr, {jingle::Role::responder, c.origin_id, ++c.origin_version});
  if (!text) return untranslatable(c, TranslationDirection::jingle_to_sdp, text.error(), hangup_reason_of(text.error().code));
  to_web(c, web::write_answer(c.session, from_of(c), *text, summary_for_web(c.profile)));
  c.browser_has_remote = true;
  log_call(c, "accepted");
  flush_to_browser(c);
}

// XEP-0167 §7: ringing has its own web message; mute, hold, … become `info`.
Result<void> Bridge::on_session_info(Call& c, const jingle::Jingle& j) {
  if (!j.info) return Ok{};
  if (j.info->kind == jingle::InfoKind::ringing) {
    if (c.conn != 0) to_web(c, web::write_ringing(c.session, from_of(c)));
  } else if (auto info = to_call_info(j.info->kind)) {
    to_web(c, web::write_info(c.session, from_of(c), *info, j.info->name));
  }
  return Ok{};
}

void Bridge::on_transport_info(Call& c, const jingle::Jingle& j) {
  if (c.state != SessionState::pending && on_ice_restart(c, j)) return;
  candidates_to_browser(c, j);
}

void Bridge::candidates_to_browser(Call& c, const jingle::Jingle& transport_info) {
  auto candidates = jingle::transport_info_to_candidates(transport_info);
  if (!candidates) return log::debug("call", "transport-info without candidates we take", {{"sid", c.sid}});
  for (const auto& cand : *candidates) {
    web::CandidateInit w = to_web_candidate(cand, c.index_of(cand.sdp_mid));
    if (c.browser_has_remote) {
      to_web(c, web::write_candidate(c.session, from_of(c), cand.candidate.empty() ? std::nullopt
                                                                                   : std::optional(w)));
    } else if (c.to_browser.size() < s_.max_queued_candidates) {
      c.to_browser.push_back(std::move(w));
    } else {
      log::warn("call", "peer candidate dropped: queue full", {{"sid", c.sid}});
    }
  }
}

void Bridge::flush_to_browser(Call& c) {
  auto queued = std::exchange(c.to_browser, {});
  for (const auto& w : queued)
    to_web(c, web::write_candidate(c.session, from_of(c), w.candidate.empty() ? std::nullopt : std::optional(w)));
}

}  // namespace jinglegate::component::bridge

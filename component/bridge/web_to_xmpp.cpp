// The bridge, web side in: a web user's offer becomes an XEP-0353 <propose/> (bare JID) or a
// session-initiate (full JID); accept/reject/answer/candidate/hangup/info of bridged calls.
#include "component/bridge/bridge.hpp"
#include "component/bridge/web_jingle_map.hpp"
#include "component/errors.hpp"
#include "component/log.hpp"
#include "jingle/adapt/peer_adapt.hpp"

namespace jinglegate::component::bridge {

using jingle::Direction;
using jingle::JmiEvent;
using jingle::SessionState;
using web::HangupReason;
using web::MessageType;
namespace sdp = jingle::sdp;

namespace {

Result<sdp::Session> read_sdp(const std::string& text) {
  auto s = sdp::parse_sdp(text);
  if (!s) return fail(Errc::bad_field, "sdp: " + describe(s.error()));
  return s;
}

// The media of a propose (XEP-0353 §3.1: one <description/> per media type of the session).
std::vector<jingle::RtpDescription> proposed_media(const sdp::Session& s) {
  std::vector<jingle::RtpDescription> out;
  for (const auto& m : s.media) {
    if (m.port == 0 || (m.media != "audio" && m.media != "video")) continue;
    jingle::RtpDescription d;
    d.media = m.media;
    out.push_back(std::move(d));
  }
  return out;
}

bool is_leg(const Call& c, web::ConnId conn) {
  return std::any_of(c.ringing.begin(), c.ringing.end(), [&](const web::Leg& l) { return l.conn == conn; });
}

}  // namespace

Result<void> Bridge::from_web(web::ConnId conn, const web::Address& user, const web::ClientMessage& m) {
  Call* c = calls_.by_web(conn, m.session);
  if (!c) {
    if (m.type == MessageType::offer) return on_web_offer(conn, user, m);
    web_.release(conn, m.session);  // the call ended while this message was on its way
    return fail(Errc::unknown_call, "the call has ended");
  }
  if (is_leg(*c, conn)) {  // an incoming call still ringing at this connection
    switch (m.type) {
      case MessageType::accept: return on_web_accept(*c, conn, m);
      case MessageType::reject:
      case MessageType::hangup: return on_web_reject(*c, conn, m);
      case MessageType::ringing: return Ok{};  // <ringing/> went out when the call was rung here
      default: return fail(Errc::out_of_order, "the call is ringing: accept or reject it first");
    }
  }
  switch (m.type) {
    case MessageType::offer: return on_web_reoffer(*c, m);
    case MessageType::answer: return on_web_answer(*c, m);
    case MessageType::candidate: return on_web_candidate(*c, m);
    case MessageType::hangup: return on_web_hangup(*c, conn, m);
    case MessageType::info: return on_web_info(*c, m);
    case MessageType::ringing: return Ok{};
    default: return fail(Errc::out_of_order, "not valid in this call");
  }
}

Result<void> Bridge::on_web_offer(web::ConnId conn, const web::Address& user, const web::ClientMessage& m) {
  auto to = xmpp::parse_jid(m.to);
  if (!to || to->local.empty()) return fail(Errc::bad_field, "to must be a user's JID");
  JG_TRY(auto offer, read_sdp(m.sdp));
  if (!link_up_) return fail(Errc::xmpp_down, "the XMPP server is not reachable");
  JG_TRY(auto local, xmpp::parse_jid(user.full()));
  Call& c = new_call(Caller::web, std::move(local), std::move(*to), {}, jingle::Role::initiator);
  c.conn = conn;
  c.session = m.session;
  c.media = m.media;
  c.pending = Pending::peer_initial;
  c.proposed = c.peer.is_bare();
  calls_.index_web(conn, m.session, c.id);
  for (const auto& mm : offer.media)
    if (mm.mid) c.creators[*mm.mid] = jingle::Creator::initiator;
  c.browser = std::move(offer);
  log_started(c, c.local.str(), c.peer.str());
  arm(c, Wait::ring);
  if (!c.proposed) {
    initiate(c);
    return Ok{};
  }
  // A bare JID: what the web user knows of the callee's resources picks the way (the fallback
  // to a plain session-initiate for peers without XEP-0353).
  const DialPlan plan = contacts_ ? plan_bare_call(contacts_(c.local.bare(), c.peer)) : DialPlan{};
  switch (plan.kind) {
    case DialKind::propose: propose(c, c.peer); break;
    case DialKind::initiate:
      c.proposed = false;
      c.peer = plan.to;
      log_call(c, "no XEP-0353 at the callee: plain session-initiate");
      initiate(c);
      break;
    case DialKind::refuse:
      end_call(c, HangupReason::unsupported_applications, By::us, "no resource of the callee can take a call");
      break;
  }
  return Ok{};
}

// XEP-0353 §3.1, as Conversations sends it: a chat message with a receipt request and a storage
// hint, to the bare JID (every device of the callee rings) or to one full JID (Monal's).
void Bridge::propose(Call& c, const xmpp::Jid& to) {
  c.proposed = true;
  jingle::JingleMessage m;
  m.kind = jingle::JingleMessageKind::propose;
  m.id = c.sid;
  m.descriptions = proposed_media(*c.browser);
  jmi_step(c, JmiEvent::propose, Direction::outgoing, {});
  send_jmi(c.local, to, std::move(m), true);
  log_call(c, "proposed");
}

// session-initiate to the peer's full JID, once its profile is known (disco#info).
void Bridge::initiate(Call& c) {
  lookup_(c.local, c.peer, [this, id = c.id, alive = std::weak_ptr<bool>(alive_)](PeerProfile p) {
    if (alive.expired()) return;
    later(id, [&](Call& c) {
      if (c.state != SessionState::none || !c.browser) return;
      c.profile = std::move(p);
      log_profile(c);
      if (!c.proposed && c.profile.propose_first && c.profile.jmi) return propose(c, c.peer);
      jingle::ToJingleOptions o;
      o.action = jingle::Action::session_initiate;
      o.sid = c.sid;
      o.initiator = c.local.str();
      o.sdp_lines = c.profile.sdp_lines;
      auto j = jingle::to_jingle(*c.browser, o);
      if (!j) return untranslatable(c, TranslationDirection::sdp_to_jingle, j.error(), HangupReason::failed_application);
      c.state = SessionState::pending;
      send_jingle(c, std::move(*j));
      jmi_step(c, JmiEvent::initiated, Direction::outgoing, {});
      log_call(c, "initiated");
      flush_to_peer(c);
      if (c.proposed) arm(c, Wait::setup);  // the callee already said yes (proceed)
    });
  });
}

Result<void> Bridge::on_web_accept(Call& c, web::ConnId conn, const web::ClientMessage&) {
  const web::Address* user = web_.user_of(conn);
  if (!user || c.conn != 0) return fail(Errc::out_of_order, "the call is not ringing here");
  JG_TRY(auto local, xmpp::parse_jid(user->full()));
  for (const auto& leg : c.ringing) {
    if (leg.conn == conn) {
      c.conn = conn;
      c.session = leg.session;
      continue;
    }
    web_.send(leg.conn, web::write_hangup(leg.session, from_of(c), HangupReason::answered_elsewhere));
    web_.release(leg.conn, leg.session);
    calls_.unindex_web(leg.conn, leg.session);
  }
  c.ringing.clear();
  c.local = std::move(local);
  log_answered(c, c.local.str());
  if (c.proposed) {
    jmi_step(c, JmiEvent::proceed, Direction::outgoing, {});  // the session-initiate follows
  } else {
    offer_to_browser(c);
  }
  arm(c, Wait::setup);
  return Ok{};
}

// A ringing connection declined (reject, hangup, or it closed).
void Bridge::leg_left(Call& c, web::ConnId conn, HangupReason reason) {
  std::erase_if(c.ringing, [&](const web::Leg& l) {
    if (l.conn != conn) return false;
    web_.release(l.conn, l.session);
    calls_.unindex_web(l.conn, l.session);
    return true;
  });
  // Like the gateway's own calls: the call is declined when every ringing connection declined.
  if (c.ringing.empty() && c.conn == 0) end_call(c, reason, By::web, "every connection declined");
}

Result<void> Bridge::on_web_reject(Call& c, web::ConnId conn, const web::ClientMessage& m) {
  leg_left(c, conn, m.reason.value_or(HangupReason::decline));
  return Ok{};
}

Result<void> Bridge::on_web_hangup(Call& c, web::ConnId, const web::ClientMessage& m) {
  const bool answered = c.state != SessionState::none && c.state != SessionState::pending;
  HangupReason reason = m.reason.value_or(answered ? HangupReason::success : HangupReason::cancel);
  // A call never answered did not end in success: jinglegate.js says `success` by default, and
  // peers show a <retract/> or session-terminate with <success/> as a call that took place.
  if (!answered && reason == HangupReason::success) reason = HangupReason::cancel;
  end_call(c, reason, By::web);
  return Ok{};
}

Result<void> Bridge::on_web_candidate(Call& c, const web::ClientMessage& m) {
  // Before the session exists (a proposal rings) or before our session-accept, candidates wait.
  const bool early = c.state == SessionState::none || (c.role == jingle::Role::responder && c.state == SessionState::pending);
  if (!early) {
    send_candidate(c, m.candidate);
    return Ok{};
  }
  if (c.to_peer.size() >= s_.max_queued_candidates)
    return fail(Errc::resource_constraint, "too many candidates before the call was set up");
  c.to_peer.push_back(m.candidate);
  return Ok{};
}

void Bridge::flush_to_peer(Call& c) {
  auto queued = std::exchange(c.to_peer, {});
  for (const auto& cand : queued) send_candidate(c, cand);
}

void Bridge::send_candidate(Call& c, const std::optional<web::CandidateInit>& cand) {
  // XEP-0176 has no end-of-candidates; only a jinglegate peer reads our <gathering-complete/>.
  if (!cand && !c.profile.sdp_lines) return;
  const sdp::Session* desc = c.browser_offer ? &*c.browser_offer : c.browser ? &*c.browser : nullptr;
  if (!desc) return;
  std::string mid;
  if (cand && cand->sdp_mid) mid = *cand->sdp_mid;
  else if (cand && cand->sdp_mline_index && *cand->sdp_mline_index < desc->media.size())
    mid = desc->media[*cand->sdp_mline_index].mid.value_or("");
  for (const auto& m : desc->media)
    if (mid.empty() && m.port != 0 && m.mid) mid = *m.mid;
  const sdp::Media* media = nullptr;
  for (const auto& m : desc->media)
    if (m.mid == mid) media = &m;
  if (!media) return log::debug("call", "candidate for no m= section dropped", {{"sid", c.sid}, {"mid", mid}});
  const auto& ufrag = sdp::effective_ice_ufrag(*desc, *media);
  const auto& pwd = sdp::effective_ice_pwd(*desc, *media);
  // A candidate of an ICE generation the session does not hold (gathered for a restart we refused
  // and the browser rolled back) stays here: its ufrag beside the old password would read as a
  // restart at the peer.
  if (cand && cand->username_fragment && ufrag && *cand->username_fragment != *ufrag)
    return log::debug("call", "candidate of another ICE generation dropped", {{"sid", c.sid}, {"mid", mid}});
  web::CandidateInit end;  // an empty candidate string is the end of candidates
  auto j = jingle::candidate_to_transport_info(to_jingle_candidate(cand ? *cand : end, mid), c.sid,
                                               c.creator_of(mid), ufrag.value_or(""), pwd.value_or(""));
  if (!j) return log::debug("call", "candidate dropped", {{"sid", c.sid}, {"reason", describe(j.error())}});
  j->initiator = c.initiator_jid();
  send_jingle(c, std::move(*j));
}

Result<void> Bridge::on_web_answer(Call& c, const web::ClientMessage& m) {
  JG_TRY(auto answer, read_sdp(m.sdp));
  if (c.pending != Pending::web_initial) return answer_peer_request(c, answer);
  jingle::ToJingleOptions o;
  o.action = jingle::Action::session_accept;
  o.sid = c.sid;
  o.initiator = c.peer.str();
  o.responder = c.local.str();
  o.author = jingle::Role::responder;
  o.sdp_lines = c.profile.sdp_lines;
  auto j = jingle::to_jingle(answer, o);
  if (!j) {
    untranslatable(c, TranslationDirection::sdp_to_jingle, j.error(), HangupReason::failed_application);
    return Ok{};
  }
  // An m= line the browser rejected (port 0) is not accepted: it is removed right after, or, for
  // a peer that takes no removal (keep_declined), stays in the accept with senders='none'.
  c.omitted = rejected_mids(answer);
  *j = drop_contents(*j, c.omitted);
  if (c.profile.keep_declined && !c.omitted.empty()) {
    jingle::adapt::keep_declined_contents(*j, c.remote, c.omitted);
    for (auto& content : c.remote.contents)
      if (std::find(c.omitted.begin(), c.omitted.end(), content.name) != c.omitted.end())
        content.senders = jingle::Senders::none;
    c.omitted.clear();
  }
  set_creators(*j, c.creators, jingle::Creator::initiator);
  c.state = SessionState::active;
  c.pending = Pending::none;
  c.browser = std::move(answer);
  arm(c, Wait::nothing);
  send_jingle(c, std::move(*j));
  if (!c.omitted.empty()) {
    auto remove = make_jingle(c, jingle::Action::content_remove);
    for (const auto& name : c.omitted) {
      jingle::Content content;
      content.creator = c.creator_of(name);
      content.name = name;
      remove.contents.push_back(std::move(content));
    }
    c.remote = drop_contents(c.remote, c.omitted);
    send_jingle(c, std::move(remove));
  }
  log_call(c, "accepted");
  flush_to_peer(c);
  return Ok{};
}

Result<void> Bridge::on_web_info(Call& c, const web::ClientMessage& m) {
  if (c.state == SessionState::none || c.state == SessionState::ended || !m.info)
    return fail(Errc::out_of_order, "the session has not started");
  const jingle::InfoKind kind = to_info_kind(*m.info);
  const bool per_content = kind == jingle::InfoKind::mute || kind == jingle::InfoKind::unmute;
  Names names;
  if (per_content && !m.mid.empty()) names.push_back(m.mid);
  if (per_content && m.mid.empty())  // every RTP content (a data channel has nothing to mute)
    for (const auto& content : c.remote.contents)
      if (std::holds_alternative<jingle::RtpDescription>(content.description)) names.push_back(content.name);
  if (!per_content) names.emplace_back();
  for (const auto& name : names) {
    auto j = make_jingle(c, jingle::Action::session_info);
    jingle::SessionInfo info;
    info.kind = kind;
    if (per_content) {
      info.creator = c.creator_of(name);  // XEP-0167 §7.5: mute names a content and its creator
      info.name = name;
    }
    j.info = std::move(info);
    send_jingle(c, std::move(j));
  }
  return Ok{};
}

}  // namespace jinglegate::component::bridge

// The small value maps between the web protocol and Jingle: reasons, session-info, candidates, media.
#include "component/bridge/web_jingle_map.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::component::bridge {

using web::HangupReason;
using jingle::ReasonCondition;

// The web protocol lists XEP-0166 §7.4's conditions in the XEP's order, then answered-elsewhere.
static_assert(static_cast<int>(HangupReason::unsupported_transports) ==
              static_cast<int>(ReasonCondition::unsupported_transports));
static_assert(static_cast<int>(HangupReason::alternative_session) ==
              static_cast<int>(ReasonCondition::alternative_session));
static_assert(static_cast<int>(HangupReason::success) == static_cast<int>(ReasonCondition::success));

ReasonCondition to_condition(HangupReason r) {
  // answered-elsewhere is what the gateway tells a web user's other connections; to a Jingle peer
  // the same fact is a cancel (the intent went elsewhere).
  if (r == HangupReason::answered_elsewhere) return ReasonCondition::cancel;
  return static_cast<ReasonCondition>(static_cast<int>(r));
}

HangupReason to_hangup_reason(ReasonCondition c) { return static_cast<HangupReason>(static_cast<int>(c)); }

HangupReason hangup_reason_of(const std::optional<jingle::Reason>& r, HangupReason fallback) {
  if (!r || !r->condition) return fallback;
  return to_hangup_reason(*r->condition);
}

jingle::Reason make_reason(HangupReason r, std::string text) {
  jingle::Reason reason;
  reason.condition = to_condition(r);
  reason.text = std::move(text);
  return reason;
}

HangupReason hangup_reason_of(Errc refused) {
  switch (refused) {
    case Errc::unknown_session:
    case Errc::item_not_found:
    case Errc::service_unavailable:
    case Errc::recipient_unavailable:
    case Errc::peer_gone: return HangupReason::gone;
    case Errc::remote_server_timeout:
    case Errc::call_timeout: return HangupReason::timeout;
    case Errc::xmpp_down: return HangupReason::connectivity_error;
    case Errc::unsupported_application: return HangupReason::unsupported_applications;
    case Errc::unsupported_transport: return HangupReason::unsupported_transports;
    case Errc::security_error: return HangupReason::security_error;
    case Errc::tie_break: return HangupReason::expired;  // the crossing call won (XEP-0353 §4.3 uses expired)
    case Errc::call_busy: return HangupReason::busy;
    case Errc::call_rejected: return HangupReason::decline;
    default: return HangupReason::failed_application;
  }
}

std::optional<web::CallInfo> to_call_info(jingle::InfoKind k) {
  switch (k) {
    case jingle::InfoKind::active: return web::CallInfo::active;
    case jingle::InfoKind::hold: return web::CallInfo::hold;
    case jingle::InfoKind::unhold: return web::CallInfo::unhold;
    case jingle::InfoKind::mute: return web::CallInfo::mute;
    case jingle::InfoKind::unmute: return web::CallInfo::unmute;
    case jingle::InfoKind::ringing:
    case jingle::InfoKind::unknown: return std::nullopt;
  }
  return std::nullopt;
}

jingle::InfoKind to_info_kind(web::CallInfo i) {
  switch (i) {
    case web::CallInfo::active: return jingle::InfoKind::active;
    case web::CallInfo::hold: return jingle::InfoKind::hold;
    case web::CallInfo::unhold: return jingle::InfoKind::unhold;
    case web::CallInfo::mute: return jingle::InfoKind::mute;
    case web::CallInfo::unmute: return jingle::InfoKind::unmute;
  }
  return jingle::InfoKind::unknown;
}

jingle::CandidateInit to_jingle_candidate(const web::CandidateInit& c, std::string mid) {
  jingle::CandidateInit j;
  j.candidate = c.candidate;
  j.sdp_mid = std::move(mid);
  if (c.sdp_mline_index) j.sdp_mline_index = *c.sdp_mline_index;
  j.username_fragment = c.username_fragment.value_or("");
  return j;
}

web::CandidateInit to_web_candidate(const jingle::CandidateInit& c, std::optional<std::uint16_t> mline_index) {
  web::CandidateInit w;
  w.candidate = c.candidate;
  w.sdp_mid = c.sdp_mid;
  w.sdp_mline_index = mline_index;
  if (!c.username_fragment.empty()) w.username_fragment = c.username_fragment;
  return w;
}

namespace {
void add_media(web::Media& m, std::string_view media) {
  if (media == "audio") m.audio = true;
  if (media == "video") m.video = true;
}
}  // namespace

web::Media media_of(const jingle::Jingle& j) {
  web::Media m;
  for (const auto& c : j.contents) {
    if (const auto* rtp = std::get_if<jingle::RtpDescription>(&c.description); rtp && rtp->media != "application") {
      add_media(m, rtp->media);
      continue;
    }
    // A data channel: XEP-0343's description, none (StanzaJS) or media='application' (Movim).
    if (const auto* t = std::get_if<jingle::IceUdpTransport>(&c.transport); t && (t->sctp_port || t->sctpmap))
      m.data = true;
  }
  return m;
}

web::Media media_of(const jingle::JingleMessage& propose) {
  web::Media m;
  for (const auto& d : propose.descriptions) add_media(m, d.media);
  return m;
}

}  // namespace jinglegate::component::bridge

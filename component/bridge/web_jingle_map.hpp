// The small value maps between the web protocol (docs/protocol.md) and Jingle (XEP-0166 §7.4
// reasons, XEP-0167 §7 session-info, XEP-0176 candidates): one place for each, both ways.
#pragma once

#include <optional>
#include <vector>

#include "component/web/protocol.hpp"
#include "jingle/error.hpp"
#include "jingle/translate/translate.hpp"
#include "jingle/xep0166_reason.hpp"
#include "jingle/xep0167_rtp_info.hpp"
#include "jingle/xep0353_jingle_message.hpp"

namespace jinglegate::component::bridge {

// HangupReason is ReasonCondition plus answered-elsewhere (web only): 1:1 by name and order.
jingle::ReasonCondition to_condition(web::HangupReason r);
web::HangupReason to_hangup_reason(jingle::ReasonCondition c);
// The reason a peer gave, or `fallback` when it gave none (Dino can send <reason/> with only text).
web::HangupReason hangup_reason_of(const std::optional<jingle::Reason>& r, web::HangupReason fallback);
jingle::Reason make_reason(web::HangupReason r, std::string text = {});

// Why a request of ours failed, as the web user hears it: a peer that is not there is `gone`, no
// answer is `timeout`, a refused application or transport says so, anything else is
// `failed-application` (the peer's client could not take what we sent).
web::HangupReason hangup_reason_of(Errc refused);

// XEP-0167 §7 payloads <-> the web `info` message (ringing has its own message both ways).
std::optional<web::CallInfo> to_call_info(jingle::InfoKind k);
jingle::InfoKind to_info_kind(web::CallInfo i);

// One trickled candidate, as the browser wrote it and as the translation takes it. The browser's
// sdpMLineIndex is resolved to a mid by the caller when sdpMid is absent.
jingle::CandidateInit to_jingle_candidate(const web::CandidateInit& c, std::string mid);
web::CandidateInit to_web_candidate(const jingle::CandidateInit& c, std::optional<std::uint16_t> mline_index);

// What a call carries, as `incoming` tells it: from Jingle contents or an XEP-0353 propose.
web::Media media_of(const jingle::Jingle& j);
web::Media media_of(const jingle::JingleMessage& propose);

}  // namespace jinglegate::component::bridge

// SDP (RFC 8866/8829) <-> Jingle (XEP-0166/0167/0176/0320/0338/0339/0293/0294/0343): the
// translation both ways, one candidate <-> transport-info, as docs/jingle-mapping.md tables it.
//
// Everything an XEP can carry goes into that XEP's element. What no XEP carries (o=, a=rtcp-xr,
// a=rid/a=simulcast, a=msid without sources, fmtp text that is not key=value, …) goes, when
// `sdp_lines` is on, into <sdp xmlns='urn:xmpp:jinglegate:sdp:0'/> elements that other clients
// ignore and a jinglegate peer reads back — so a call between two jinglegate users loses nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/ice_candidate.hpp"
#include "jingle/sdp/sdp.hpp"
#include "jingle/xep0166_jingle.hpp"

namespace jinglegate::jingle {

// The two parties of a Jingle session (XEP-0166 §3). Senders and DTLS roles are relative to them.
enum class Role { initiator, responder };
inline Role other(Role r) { return r == Role::initiator ? Role::responder : Role::initiator; }

struct ToJingleOptions {
  Action action = Action::session_initiate;
  std::string sid;
  std::string initiator;  // "" = attribute left out
  std::string responder;
  Role author = Role::initiator;      // who wrote the SDP: its a=sendonly means "author sends"
  Creator creator = Creator::initiator;  // creator of the contents (responder for its content-add)
  bool sdp_lines = true;              // carry what no XEP carries in urn:xmpp:jinglegate:sdp:0
};

// An offer or answer as Jingle. Errors: Errc::translation_failed naming the m= section.
Result<Jingle> to_jingle(const sdp::Session& sdp, const ToJingleOptions& options);

struct ToSdpOptions {
  // Who sent the Jingle; senders='initiator' is a=sendonly in the initiator's SDP. nullopt: the
  // sender implied by the action (session-initiate: initiator, session-accept: responder).
  std::optional<Role> author;
  // o= when the Jingle carries none: the bridge keeps one session id per call and increments
  // the version on every new description (RFC 3264 §8). 0 = derived from the sid.
  std::string origin_session_id;
  std::uint64_t origin_version = 2;
};

// A Jingle description as SDP. Contents without an RTP or SCTP description, or without an ICE-UDP
// transport, are refused (Errc::unsupported_application / unsupported_transport).
Result<sdp::Session> to_sdp(const Jingle& jingle, const ToSdpOptions& options = {});

// to_sdp, written, and read back by our own (strict) parser before it goes to a browser: what a
// peer's Jingle holds is checked against SDP's grammar and ranges as a whole, so anything that
// would not parse is refused here (Errc::translation_failed naming the line) instead of sent.
Result<std::string> to_sdp_text(const Jingle& jingle, const ToSdpOptions& options = {});

// Text to text, the whole path a component does (the benchmark and jinglegate-convert use these).
Result<std::string> sdp_to_jingle_xml(std::string_view sdp, const ToJingleOptions& options);
Result<std::string> jingle_xml_to_sdp(std::string_view xml, const ToSdpOptions& options = {});

// --- Trickle ICE: one candidate <-> transport-info (XEP-0176 §5.2, RFC 8838) ---

// What a browser trickles: RTCIceCandidateInit. `candidate` empty = end of candidates.
struct CandidateInit {
  std::string candidate;        // "candidate:…" (RFC 8839 syntax, Chromium adds `ufrag`)
  std::string sdp_mid;
  std::optional<std::uint32_t> sdp_mline_index;
  std::string username_fragment;
  friend bool operator==(const CandidateInit&, const CandidateInit&) = default;
};

// One browser candidate as a transport-info with one content (Dino takes one content per stanza).
// `pwd` is repeated with the ufrag when known: XEP-0176 §5.2 lets a transport-info carry both.
Result<Jingle> candidate_to_transport_info(const CandidateInit& candidate, const std::string& sid,
                                           Creator creator, const std::string& ufrag,
                                           const std::string& pwd);

// Every candidate a transport-info carries, as the browser takes them (sdpMid = content name).
Result<std::vector<CandidateInit>> transport_info_to_candidates(const Jingle& transport_info);

// --- Helpers the bridge shares ---

// senders='…' for an SDP direction written by `author`, and back (XEP-0167 §5, RFC 3264 §6.1).
Senders to_senders(sdp::Direction direction, Role author);
sdp::Direction to_direction(Senders senders, Role author);

}  // namespace jinglegate::jingle

// The browser signaling protocol (docs/protocol.md): JSON text -> typed message, typed -> JSON text.
//
// Pure: no sockets, clocks or logging. One JSON object per WebSocket text message. Every client
// message may carry an `id` that replies and errors echo verbatim. Unknown fields are ignored so
// later protocol versions (presence, issue 6) can add fields without breaking older gateways.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "component/web/presence_protocol.hpp"
#include "jingle/error.hpp"

namespace jinglegate::component::web {

enum class MessageType {
  offer, answer, candidate, accept, reject, ringing, hangup,
  info,  // session-info of a call (XEP-0167 §7): mute, hold, …; both ways
  presence, subscribe, unsubscribe,  // presence and rosters (issue 6): presence_protocol.hpp
  auth,
  approve, deny, remove, roster, directory,  // presence and rosters, continued
};
bool is_presence_type(MessageType t);
std::string_view name_of(MessageType t);
std::optional<MessageType> parse_message_type(std::string_view s);

// XEP-0166 §7.4 reason conditions, so the bridge maps them 1:1; answered_elsewhere is ours
// (sent only by the gateway, to the other connections of a callee that took the call).
enum class HangupReason {
  alternative_session, busy, cancel, connectivity_error, decline, expired, failed_application,
  failed_transport, general_error, gone, incompatible_parameters, media_error, security_error,
  success, timeout, unsupported_applications, unsupported_transports,
  answered_elsewhere,
};
std::string_view name_of(HangupReason r);
std::optional<HangupReason> parse_hangup_reason(std::string_view s);

// XEP-0167 §7 informational messages a call carries both ways (ringing has its own message).
enum class CallInfo { active, hold, unhold, mute, unmute };
std::string_view name_of(CallInfo i);
std::optional<CallInfo> parse_call_info(std::string_view s);

struct Media {  // what a call carries; derived from the SDP's m= lines when the client omits it
  bool audio = false;
  bool video = false;
  bool data = false;
  friend bool operator==(const Media&, const Media&) = default;
};
Media media_of_sdp(std::string_view sdp);
std::string media_text(const Media& m);  // "audio,video,data" for log lines

struct CandidateInit {  // W3C RTCIceCandidateInit, passed through as the browser wrote it
  std::string candidate;                      // "candidate:..." or "" (end of a generation)
  std::optional<std::string> sdp_mid;
  std::optional<std::uint16_t> sdp_mline_index;
  std::optional<std::string> username_fragment;
  friend bool operator==(const CandidateInit&, const CandidateInit&) = default;
};

// A client -> gateway message. Flat: the fields a type does not use stay empty.
struct ClientMessage {
  MessageType type = MessageType::offer;
  std::string id;       // the `id` as raw JSON ("\"a1\"" or "7"), "" when absent
  std::string session;  // offer, answer, candidate, accept, reject, ringing, hangup
  std::string to;       // offer
  std::string sdp;      // offer, answer
  Media media;          // offer (given or derived)
  std::optional<CandidateInit> candidate;  // candidate; nullopt = end of candidates (null)
  std::optional<HangupReason> reason;      // reject, hangup
  std::optional<CallInfo> info;            // info
  std::string mid;      // info: the m= section (= Jingle content name) muted/unmuted, "" = all
  std::string token;    // auth
  PresenceRequest presence;  // presence, subscribe, unsubscribe, approve, deny, remove
  friend bool operator==(const ClientMessage&, const ClientMessage&) = default;
};

// Why a message was refused, with what the error reply echoes.
struct BadMessage {
  Errc code = Errc::bad_message;
  std::string field;    // the offending field ("sdp", "candidate.sdpMid"), "" for the whole message
  std::string message;  // a short human sentence
  std::string id;       // echoed when the message had a readable `id`
  std::string session;  // echoed when the message had a readable `session`
};

struct ProtocolLimits {
  std::size_t max_message_bytes = 64 * 1024;
  std::size_t max_sdp_lines = 1000;        // reliability.md G9
  std::size_t max_candidate_bytes = 1024;  // an RFC 8839 line with every extension is ~300 B
  std::size_t max_token_bytes = 4096;      // RFC 8725 guidance, reliability.md G7
  std::size_t max_json_depth = 8;          // our deepest message nests 3 levels
};

using Parsed = std::variant<ClientMessage, BadMessage>;
Parsed parse_client_message(std::string_view text, const ProtocolLimits& limits = {});
std::string write_client_message(const ClientMessage& m);  // the inverse, for tests and tools

bool valid_session_id(std::string_view s);  // 1..64 of [A-Za-z0-9._~-]

// --- gateway -> client ---------------------------------------------------------------------------
struct IceServer {  // W3C RTCIceServer plus `expires` (unix seconds) for TURN REST credentials
  std::vector<std::string> urls;
  std::string username;
  std::string credential;
  std::int64_t expires = 0;  // 0 = none
};
struct Welcome {
  std::string jid;
  std::vector<IceServer> ice_servers;
  std::size_t max_message_bytes = 0;
  double rate_per_second = 0;
  double rate_burst = 0;
  std::size_t max_calls = 0;
  double idle_timeout_s = 0;
};

std::string write_welcome(const Welcome& w);
// Fresh ICE servers before the ones the client holds expire, or when the server's list changed.
std::string write_ice_servers(const std::vector<IceServer>& servers);
// The gateway is going away (SIGTERM): sent before the close with 1001. Calls have ended by then.
std::string write_shutdown(std::string_view message);
// What the gateway knows of the XMPP peer of a bridged call, sent with its offer and answer so
// the client never makes an offer the peer cannot take: a browser that must roll back a refused
// ICE restart as the callee loses its transport (Chromium 156).
struct PeerSummary {
  std::string client;        // its profile: conversations, dino, monal, movim, jitsi, gajim, jinglegate, generic
  bool ice_restart = true;   // it restarts ICE on new credentials
};
std::string write_incoming(std::string_view session, std::string_view from, const Media& media);
std::string write_offer(std::string_view session, std::string_view from, std::string_view sdp, const Media& media,
                        const std::optional<PeerSummary>& peer = std::nullopt);
std::string write_answer(std::string_view session, std::string_view from, std::string_view sdp,
                         const std::optional<PeerSummary>& peer = std::nullopt);
std::string write_candidate(std::string_view session, std::string_view from, const std::optional<CandidateInit>& c);
std::string write_ringing(std::string_view session, std::string_view from);
std::string write_hangup(std::string_view session, std::string_view from, HangupReason reason);
std::string write_info(std::string_view session, std::string_view from, CallInfo info, std::string_view mid = {});
// {type:"error", code, message, field?, id?, session?}; code is the registry's json_code.
std::string write_error(Errc code, std::string_view message, std::string_view field = {},
                        std::string_view id = {}, std::string_view session = {});
std::string write_error(const BadMessage& bad);

}  // namespace jinglegate::component::web

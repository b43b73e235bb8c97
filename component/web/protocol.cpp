// The browser signaling protocol (docs/protocol.md): JSON text -> typed message, typed -> JSON text.
#include "component/web/protocol.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "component/errors.hpp"
#include "component/web/json_out.hpp"

namespace jinglegate::component::web {

namespace {
using nlohmann::json;

constexpr std::array kTypeNames{"offer",    "answer",    "candidate",   "accept", "reject", "ringing",
                                "hangup",   "info",      "presence",    "subscribe", "unsubscribe", "auth",
                                "approve",  "deny",      "remove",      "roster",      "directory"};
constexpr std::array kInfoNames{"active", "hold", "unhold", "mute", "unmute"};
static_assert(kInfoNames.size() == static_cast<std::size_t>(CallInfo::unmute) + 1);
constexpr std::array kReasonNames{
    "alternative-session", "busy", "cancel", "connectivity-error", "decline", "expired",
    "failed-application", "failed-transport", "general-error", "gone", "incompatible-parameters",
    "media-error", "security-error", "success", "timeout", "unsupported-applications",
    "unsupported-transports", "answered-elsewhere"};
static_assert(kTypeNames.size() == static_cast<std::size_t>(MessageType::directory) + 1);
static_assert(kReasonNames.size() == static_cast<std::size_t>(HangupReason::answered_elsewhere) + 1);

constexpr std::size_t kMaxIdBytes = 128;  // a client's correlation id, not a payload

// Nesting depth of a JSON text, counted before parsing so a deep [[[[…]]]] never reaches the DOM.
std::size_t json_depth(std::string_view s) {
  std::size_t depth = 0, max = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max = std::max(max, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return max;
}

// Reads the fields of one message; the first problem found wins.
class Reader {
 public:
  Reader(const json& obj, BadMessage& bad) : obj_(obj), bad_(bad) {}

  bool refuse(Errc code, std::string field, std::string message) {
    bad_.code = code;
    bad_.field = std::move(field);
    bad_.message = std::move(message);
    return false;
  }
  const json& object() const { return obj_; }
  BadMessage& bad() { return bad_; }
  const json* find(std::string_view key) const {
    auto it = obj_.find(key);
    return it == obj_.end() ? nullptr : &*it;
  }
  bool string(std::string_view key, std::string& out, bool required, std::size_t max_bytes) {
    const json* v = find(key);
    if (!v) return !required || refuse(Errc::missing_field, std::string(key), std::string(key) + " is required");
    if (!v->is_string()) return refuse(Errc::bad_field, std::string(key), std::string(key) + " must be a string");
    const auto& s = v->get_ref<const std::string&>();
    if (s.size() > max_bytes) return refuse(Errc::bad_field, std::string(key), std::string(key) + " is too long");
    out = s;
    return true;
  }
  bool session(std::string& out) {
    if (!string("session", out, true, 64)) return false;
    return valid_session_id(out) ||
           refuse(Errc::bad_field, "session", "session must be 1..64 characters of [A-Za-z0-9._~-]");
  }
  bool sdp(std::string& out, const ProtocolLimits& lim) {
    if (!string("sdp", out, true, lim.max_message_bytes)) return false;
    if (out.rfind("v=0", 0) != 0) return refuse(Errc::bad_field, "sdp", "sdp must start with v=0");
    if (out.find('\0') != std::string::npos) return refuse(Errc::bad_field, "sdp", "sdp contains NUL");
    const auto lines = static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
    if (lines > lim.max_sdp_lines) return refuse(Errc::sdp_too_big, "sdp", "sdp has too many lines");
    return true;
  }
  bool reason(std::optional<HangupReason>& out) {
    std::string s;
    if (!string("reason", s, false, 64)) return false;
    if (!find("reason")) return true;
    out = parse_hangup_reason(s);
    if (!out || *out == HangupReason::answered_elsewhere)
      return refuse(Errc::bad_field, "reason", "reason must be an XEP-0166 condition name");
    return true;
  }
  bool media(Media& out, std::string_view sdp) {
    const json* v = find("media");
    if (!v) {
      out = media_of_sdp(sdp);
      return true;
    }
    if (!v->is_object()) return refuse(Errc::bad_field, "media", "media must be an object");
    for (auto [key, flag] : {std::pair{"audio", &out.audio}, {"video", &out.video}, {"data", &out.data}}) {
      auto it = v->find(key);
      if (it == v->end()) continue;
      if (!it->is_boolean()) return refuse(Errc::bad_field, std::string("media.") + key, "media flags are booleans");
      *flag = it->get<bool>();
    }
    return true;
  }
  bool candidate(std::optional<CandidateInit>& out, const ProtocolLimits& lim);
  bool info(std::optional<CallInfo>& out, std::string& mid) {
    std::string s;
    if (!string("info", s, true, 16)) return false;
    out = parse_call_info(s);
    if (!out) return refuse(Errc::bad_field, "info", "info must be active, hold, unhold, mute or unmute");
    if (!string("mid", mid, false, 64)) return false;
    return mid.empty() || valid_session_id(mid) || refuse(Errc::bad_field, "mid", "mid must be a token");
  }

 private:
  const json& obj_;
  BadMessage& bad_;
};

bool Reader::candidate(std::optional<CandidateInit>& out, const ProtocolLimits& lim) {
  const json* v = find("candidate");
  if (!v) return refuse(Errc::missing_field, "candidate", "candidate is required (null ends the candidates)");
  if (v->is_null()) {
    out.reset();
    return true;
  }
  if (!v->is_object()) return refuse(Errc::bad_field, "candidate", "candidate must be an object or null");
  Reader inner(*v, bad_);
  CandidateInit c;
  if (!inner.string("candidate", c.candidate, true, lim.max_candidate_bytes)) {
    bad_.field = "candidate." + bad_.field;
    return false;
  }
  if (!c.candidate.empty() && c.candidate.rfind("candidate:", 0) != 0)
    return refuse(Errc::bad_field, "candidate.candidate", "candidate must start with candidate:");
  if (c.candidate.find_first_of("\r\n", 0) != std::string::npos || c.candidate.find('\0') != std::string::npos)
    return refuse(Errc::bad_field, "candidate.candidate", "candidate must be one line");
  for (auto [key, slot] : {std::pair{"sdpMid", &c.sdp_mid}, {"usernameFragment", &c.username_fragment}}) {
    auto it = v->find(key);
    if (it == v->end() || it->is_null()) continue;
    if (!it->is_string() || it->get_ref<const std::string&>().size() > 256)
      return refuse(Errc::bad_field, std::string("candidate.") + key, std::string(key) + " must be a short string");
    *slot = it->get<std::string>();
  }
  if (auto it = v->find("sdpMLineIndex"); it != v->end() && !it->is_null()) {
    if (!it->is_number_unsigned() || it->get<std::uint64_t>() > 0xffff)
      return refuse(Errc::bad_field, "candidate.sdpMLineIndex", "sdpMLineIndex must be an integer 0..65535");
    c.sdp_mline_index = static_cast<std::uint16_t>(it->get<std::uint64_t>());
  }
  if (!c.candidate.empty() && !c.sdp_mid && !c.sdp_mline_index)
    return refuse(Errc::bad_field, "candidate", "candidate needs sdpMid or sdpMLineIndex");
  out = std::move(c);
  return true;
}

// Reads `id` and `session` first, so that even a refused message gets them echoed.
bool read_envelope(Reader& r, const json& obj, ClientMessage& m, BadMessage& bad) {
  if (auto it = obj.find("id"); it != obj.end()) {
    if (it->is_string() && it->get_ref<const std::string&>().size() <= kMaxIdBytes) {
      m.id = it->dump();
    } else if (it->is_number_integer()) {
      m.id = it->dump();
    } else {
      return r.refuse(Errc::bad_field, "id", "id must be a string of at most 128 bytes or an integer");
    }
    bad.id = m.id;
  }
  if (auto it = obj.find("session"); it != obj.end() && it->is_string() &&
                                     valid_session_id(it->get_ref<const std::string&>()))
    bad.session = it->get<std::string>();
  const json* t = r.find("type");
  if (!t) return r.refuse(Errc::missing_field, "type", "type is required");
  if (!t->is_string()) return r.refuse(Errc::bad_field, "type", "type must be a string");
  auto type = parse_message_type(t->get_ref<const std::string&>());
  if (!type) return r.refuse(Errc::bad_message, "type", "unknown message type");
  m.type = *type;
  return true;
}

bool read_body(Reader& r, ClientMessage& m, const ProtocolLimits& lim) {
  switch (m.type) {
    case MessageType::offer:
      return r.session(m.session) && r.string("to", m.to, true, 3071) && r.sdp(m.sdp, lim) && r.media(m.media, m.sdp);
    case MessageType::answer:
      return r.session(m.session) && r.sdp(m.sdp, lim);
    case MessageType::candidate:
      return r.session(m.session) && r.candidate(m.candidate, lim);
    case MessageType::accept:
    case MessageType::ringing:
      return r.session(m.session);
    case MessageType::reject:
    case MessageType::hangup:
      return r.session(m.session) && r.reason(m.reason);
    case MessageType::info:
      return r.session(m.session) && r.info(m.info, m.mid);
    case MessageType::auth:
      if (!r.string("token", m.token, true, lim.max_token_bytes)) return false;
      return !m.token.empty() || r.refuse(Errc::bad_field, "token", "token is empty");
    default:
      return is_presence_type(m.type) && read_presence_fields(r.object(), m, r.bad());
  }
}

void put_media(JsonOut& o, const Media& m) {
  o.key("media").begin_object();
  o.boolean("audio", m.audio).boolean("video", m.video).boolean("data", m.data);
  o.end_object();
}

void put_peer(JsonOut& o, const std::optional<PeerSummary>& p) {
  if (!p) return;
  o.key("peer").begin_object().string("client", p->client).boolean("iceRestart", p->ice_restart).end_object();
}

void put_candidate(JsonOut& o, const std::optional<CandidateInit>& c) {
  if (!c) {
    o.null("candidate");
    return;
  }
  o.key("candidate").begin_object().string("candidate", c->candidate);
  if (c->sdp_mid) o.string("sdpMid", *c->sdp_mid);
  if (c->sdp_mline_index) o.number("sdpMLineIndex", std::uint64_t{*c->sdp_mline_index});
  if (c->username_fragment) o.string("usernameFragment", *c->username_fragment);
  o.end_object();
}

JsonOut relayed(std::string_view type, std::string_view session, std::string_view from, std::size_t extra) {
  JsonOut o(64 + session.size() + from.size() + extra);
  o.begin_object().string("type", type).string("session", session).string("from", from);
  return o;
}
}  // namespace

std::string_view name_of(MessageType t) { return kTypeNames[static_cast<std::size_t>(t)]; }

bool is_presence_type(MessageType t) {
  switch (t) {
    case MessageType::presence:
    case MessageType::subscribe:
    case MessageType::unsubscribe:
    case MessageType::approve:
    case MessageType::deny:
    case MessageType::remove:
    case MessageType::roster:
    case MessageType::directory: return true;
    default: return false;
  }
}
std::string_view name_of(HangupReason r) { return kReasonNames[static_cast<std::size_t>(r)]; }
std::string_view name_of(CallInfo i) { return kInfoNames[static_cast<std::size_t>(i)]; }

std::optional<CallInfo> parse_call_info(std::string_view s) {
  for (std::size_t i = 0; i < kInfoNames.size(); ++i)
    if (s == kInfoNames[i]) return static_cast<CallInfo>(i);
  return std::nullopt;
}

std::optional<MessageType> parse_message_type(std::string_view s) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i)
    if (s == kTypeNames[i]) return static_cast<MessageType>(i);
  return std::nullopt;
}

std::optional<HangupReason> parse_hangup_reason(std::string_view s) {
  for (std::size_t i = 0; i < kReasonNames.size(); ++i)
    if (s == kReasonNames[i]) return static_cast<HangupReason>(i);
  return std::nullopt;
}

bool valid_session_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '~' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string media_text(const Media& m) {
  std::string out;
  for (auto [on, name] : {std::pair{m.audio, "audio"}, {m.video, "video"}, {m.data, "data"}})
    if (on) out += (out.empty() ? "" : ",") + std::string(name);
  return out;
}

Media media_of_sdp(std::string_view sdp) {
  Media m;
  std::size_t pos = 0;
  while ((pos = sdp.find("m=", pos)) != std::string_view::npos) {
    if (pos == 0 || sdp[pos - 1] == '\n') {
      const auto kind = sdp.substr(pos + 2, 12);
      if (kind.rfind("audio", 0) == 0) m.audio = true;
      else if (kind.rfind("video", 0) == 0) m.video = true;
      else if (kind.rfind("application", 0) == 0) m.data = true;
    }
    pos += 2;
  }
  return m;
}

Parsed parse_client_message(std::string_view text, const ProtocolLimits& lim) {
  BadMessage bad;
  if (text.size() > lim.max_message_bytes)
    return BadMessage{Errc::message_too_big, "", "message exceeds the size limit", "", ""};
  if (json_depth(text) > lim.max_json_depth)
    return BadMessage{Errc::bad_json, "", "message nests too deep", "", ""};
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return BadMessage{Errc::bad_json, "", "message is not valid JSON", "", ""};
  if (!doc.is_object()) return BadMessage{Errc::bad_message, "", "message must be a JSON object", "", ""};
  ClientMessage m;
  Reader r(doc, bad);
  if (!read_envelope(r, doc, m, bad) || !read_body(r, m, lim)) return bad;
  return m;
}

std::string write_client_message(const ClientMessage& m) {
  JsonOut o(128 + m.sdp.size() + m.token.size());
  o.begin_object().string("type", name_of(m.type));
  if (!m.id.empty()) o.raw("id", m.id);
  switch (m.type) {
    case MessageType::offer:
      o.string("session", m.session).string("to", m.to).string("sdp", m.sdp);
      put_media(o, m.media);
      break;
    case MessageType::answer: o.string("session", m.session).string("sdp", m.sdp); break;
    case MessageType::candidate:
      o.string("session", m.session);
      put_candidate(o, m.candidate);
      break;
    case MessageType::accept:
    case MessageType::ringing: o.string("session", m.session); break;
    case MessageType::reject:
    case MessageType::hangup:
      o.string("session", m.session);
      if (m.reason) o.string("reason", name_of(*m.reason));
      break;
    case MessageType::info:
      o.string("session", m.session);
      if (m.info) o.string("info", name_of(*m.info));
      if (!m.mid.empty()) o.string("mid", m.mid);
      break;
    case MessageType::auth: o.string("token", m.token); break;
    default: write_presence_fields(o, m); break;
  }
  return o.end_object().take();
}

namespace {
void put_ice_servers(JsonOut& o, const std::vector<IceServer>& servers) {
  o.key("iceServers").begin_array();
  for (const auto& s : servers) {
    o.begin_object().key("urls").begin_array();
    for (const auto& u : s.urls) o.value(u);
    o.end_array();
    if (!s.username.empty()) o.string("username", s.username).string("credential", s.credential);
    if (s.expires) o.number("expires", static_cast<std::uint64_t>(s.expires));
    o.end_object();
  }
  o.end_array();
}
}  // namespace

std::string write_welcome(const Welcome& w) {
  JsonOut o(512);
  o.begin_object().string("type", "welcome").string("protocol", "jinglegate.v1").string("jid", w.jid);
  put_ice_servers(o, w.ice_servers);
  o.key("limits").begin_object();
  o.number("maxMessageBytes", std::uint64_t{w.max_message_bytes});
  o.number("ratePerSecond", w.rate_per_second).number("rateBurst", w.rate_burst);
  o.number("maxCalls", std::uint64_t{w.max_calls}).number("idleTimeout", w.idle_timeout_s);
  o.end_object();
  return o.end_object().take();
}

std::string write_ice_servers(const std::vector<IceServer>& servers) {
  JsonOut o(256);
  o.begin_object().string("type", "ice-servers");
  put_ice_servers(o, servers);
  return o.end_object().take();
}

std::string write_shutdown(std::string_view message) {
  JsonOut o(64 + message.size());
  return o.begin_object().string("type", "shutdown").string("message", message).end_object().take();
}

std::string write_incoming(std::string_view session, std::string_view from, const Media& media) {
  JsonOut o = relayed("incoming", session, from, 64);
  put_media(o, media);
  return o.end_object().take();
}

std::string write_offer(std::string_view session, std::string_view from, std::string_view sdp, const Media& media,
                        const std::optional<PeerSummary>& peer) {
  JsonOut o = relayed("offer", session, from, sdp.size() + sdp.size() / 8 + 128);
  o.string("sdp", sdp);
  put_media(o, media);
  put_peer(o, peer);
  return o.end_object().take();
}

std::string write_answer(std::string_view session, std::string_view from, std::string_view sdp,
                         const std::optional<PeerSummary>& peer) {
  JsonOut o = relayed("answer", session, from, sdp.size() + sdp.size() / 8 + 64);
  o.string("sdp", sdp);
  put_peer(o, peer);
  return o.end_object().take();
}

std::string write_candidate(std::string_view session, std::string_view from, const std::optional<CandidateInit>& c) {
  JsonOut o = relayed("candidate", session, from, c ? c->candidate.size() + 96 : 16);
  put_candidate(o, c);
  return o.end_object().take();
}

std::string write_ringing(std::string_view session, std::string_view from) {
  return relayed("ringing", session, from, 0).end_object().take();
}

std::string write_hangup(std::string_view session, std::string_view from, HangupReason reason) {
  JsonOut o = relayed("hangup", session, from, 32);
  return o.string("reason", name_of(reason)).end_object().take();
}

std::string write_info(std::string_view session, std::string_view from, CallInfo info, std::string_view mid) {
  JsonOut o = relayed("info", session, from, 32 + mid.size());
  o.string("info", name_of(info));
  if (!mid.empty()) o.string("mid", mid);
  return o.end_object().take();
}

std::string write_error(Errc code, std::string_view message, std::string_view field, std::string_view id,
                        std::string_view session) {
  JsonOut o(128 + message.size());
  o.begin_object().string("type", "error").string("code", face(code).json_code).string("message", message);
  if (!field.empty()) o.string("field", field);
  if (!id.empty()) o.raw("id", id);
  if (!session.empty()) o.string("session", session);
  return o.end_object().take();
}

std::string write_error(const BadMessage& bad) {
  return write_error(bad.code, bad.message, bad.field, bad.id, bad.session);
}

}  // namespace jinglegate::component::web

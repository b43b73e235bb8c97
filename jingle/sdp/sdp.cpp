// SDP model helpers (RFC 8866, RFC 8839 §5.4 precedence): names of the closed sets, effective
// transport values, fmtp text.
#include "jingle/sdp/sdp.hpp"

#include <algorithm>

#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp {

namespace text {

std::string quote(std::string_view what, std::string_view token) {
  constexpr std::size_t kMaxToken = 64;
  std::string s;
  s.reserve(what.size() + std::min(token.size(), kMaxToken) + 6);
  s.append(what).append(" \"").append(token.substr(0, kMaxToken));
  if (token.size() > kMaxToken) s.append("...");
  s.push_back('"');
  return s;
}

Failure bad_value(std::string_view what, std::string_view token) {
  return fail(Errc::bad_sdp_value, quote(what, token));
}

Failure bad_line(std::string_view what, std::string_view token) {
  return fail(Errc::bad_sdp_line, quote(what, token));
}

Failure missing(std::string_view what, std::string_view rest) {
  return bad_line(std::string("missing ").append(what), rest);
}

// Not digits is a syntax error (bad_sdp_line); digits that do not fit, a range error.
Failure bad_number(NumberError e, std::string_view what, std::string_view token) {
  return e == NumberError::not_digits ? bad_line(what, token) : bad_value(what, token);
}

}  // namespace text

std::optional<std::uint32_t> RtcpFb::trr_int() const {
  if (type != "trr-int") return std::nullopt;
  return text::to_uint<std::uint32_t>(params);
}

const Codec* Media::find_codec(std::uint8_t pt) const {
  const auto it =
      std::find_if(codecs.begin(), codecs.end(), [&](const Codec& c) { return c.pt == pt; });
  return it == codecs.end() ? nullptr : &*it;
}

const Source* Media::find_source(std::uint32_t ssrc) const {
  const auto it =
      std::find_if(sources.begin(), sources.end(), [&](const Source& s) { return s.ssrc == ssrc; });
  return it == sources.end() ? nullptr : &*it;
}

const std::optional<std::string>& effective_ice_ufrag(const Session& s, const Media& m) {
  return m.ice_ufrag ? m.ice_ufrag : s.ice_ufrag;
}

const std::optional<std::string>& effective_ice_pwd(const Session& s, const Media& m) {
  return m.ice_pwd ? m.ice_pwd : s.ice_pwd;
}

std::span<const std::string> effective_ice_options(const Session& s, const Media& m) {
  return m.ice_options.empty() ? s.ice_options : m.ice_options;
}

std::span<const Fingerprint> effective_fingerprints(const Session& s, const Media& m) {
  return m.fingerprints.empty() ? s.fingerprints : m.fingerprints;
}

std::optional<Setup> effective_setup(const Session& s, const Media& m) {
  return m.setup ? m.setup : s.setup;
}

std::span<const Extmap> effective_extmaps(const Session& s, const Media& m) {
  return m.extmaps.empty() ? s.extmaps : m.extmaps;
}

Direction effective_direction(const Session& s, const Media& m) {
  if (m.direction != Direction::absent) return m.direction;
  if (s.direction != Direction::absent) return s.direction;
  return Direction::sendrecv;
}

std::string_view direction_name(Direction d) {
  switch (d) {
    case Direction::sendrecv: return "sendrecv";
    case Direction::sendonly: return "sendonly";
    case Direction::recvonly: return "recvonly";
    case Direction::inactive: return "inactive";
    case Direction::absent: break;
  }
  return "";
}

std::optional<Direction> parse_direction(std::string_view s) {
  if (s == "sendrecv") return Direction::sendrecv;
  if (s == "sendonly") return Direction::sendonly;
  if (s == "recvonly") return Direction::recvonly;
  if (s == "inactive") return Direction::inactive;
  return std::nullopt;
}

std::string_view setup_name(Setup s) {
  switch (s) {
    case Setup::actpass: return "actpass";
    case Setup::active: return "active";
    case Setup::passive: return "passive";
    case Setup::holdconn: return "holdconn";
  }
  return "actpass";
}

std::optional<Setup> parse_setup(std::string_view s) {
  if (s == "actpass") return Setup::actpass;
  if (s == "active") return Setup::active;
  if (s == "passive") return Setup::passive;
  if (s == "holdconn") return Setup::holdconn;
  return std::nullopt;
}

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<std::vector<FmtpParam>> Fmtp::params() const {
  std::vector<FmtpParam> out;
  if (text.empty()) return out;
  std::string_view left = text;
  while (true) {
    const auto semi = text::find(left, ';');
    const auto piece = left.substr(0, semi);
    const auto kv = text::split_once(piece, '=');
    if (!kv) return std::nullopt;  // "111/111", "0-15"
    const auto name = trim(kv->first);
    if (name.empty() || text::find(name, ' ') != std::string_view::npos) return std::nullopt;
    out.push_back({name, trim(kv->second)});
    if (semi == std::string_view::npos) return out;
    left.remove_prefix(semi + 1);
  }
}

Fmtp Fmtp::from_params(std::span<const FmtpParam> params) {
  Fmtp f;
  for (const auto& p : params) {
    if (!f.text.empty()) f.text.push_back(';');
    f.text.append(p.name).append("=").append(p.value);
  }
  return f;
}

}  // namespace jinglegate::jingle::sdp

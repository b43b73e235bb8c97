// SDP model helpers (RFC 8866, RFC 8839 §5.4 precedence): names of the closed sets, effective
// transport values, fmtp text.
#include "jingle/sdp/sdp.hpp"

#include <algorithm>

#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp {

std::optional<std::uint32_t> RtcpFb::trr_int() const {
  if (type != "trr-int") return std::nullopt;
  return text::to_uint<std::uint32_t>(params);
}

const Codec* Media::find_codec(std::uint8_t pt) const {
  const auto it = std::find_if(codecs.begin(), codecs.end(), [&](const Codec& c) { return c.pt == pt; });
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

std::string fmtp_text(const Fmtp& f) {
  if (!f.raw.empty()) return f.raw;
  std::string s;
  for (const auto& p : f.params) {
    if (!s.empty()) s.push_back(';');
    s.append(p.name).append("=").append(p.value);
  }
  return s;
}

}  // namespace jinglegate::jingle::sdp

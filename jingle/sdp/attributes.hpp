// Parsers of single SDP line values (RFC 8866 §5, and the attribute RFCs named in sdp.hpp).
// Internal to jingle/sdp/: each takes the text after "x=" or "a=name:" and returns the typed
// value, or an Error with line = 0 for the caller to stamp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/sdp/sdp.hpp"
#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp::attr {

// Session and media lines
Result<Origin> origin(std::string_view v);
Result<Connection> connection(std::string_view v);
Result<Bandwidth> bandwidth(std::string_view v);
Result<Timing> timing(std::string_view v);
Result<void> media_line(std::string_view v, Media& out);  // m= fields only

// Attributes
Result<Group> group(std::string_view v);
Result<MsidSemantic> msid_semantic(std::string_view v);
Result<Fingerprint> fingerprint(std::string_view v);
Result<std::vector<std::string>> ice_options(std::string_view v);
Result<void> extmap(std::string_view v, Extmap& out);  // parses in place: no moves
Result<Rtcp> rtcp(std::string_view v);
Result<Msid> msid(std::string_view v);
Result<Sctpmap> sctpmap(std::string_view v);
Result<SsrcGroup> ssrc_group(std::string_view v);
Result<std::pair<std::uint32_t, SsrcAttribute>> ssrc(std::string_view v);
Result<Rid> rid(std::string_view v);
Result<Simulcast> simulcast(std::string_view v);

// Payload-type attributes: "<pt> <rest>". rtcp-fb's pt is nullopt for the "*" wildcard.
// 0-127 (7 bits, RFC 3550 §5.1). Inline: it runs for most lines of a video section.
inline Result<std::uint8_t> payload_type(std::string_view v) {
  if (!v.empty() && v.size() <= 3) {
    unsigned pt = 0;
    bool digits = true;
    for (const char c : v) {
      digits = digits && c >= '0' && c <= '9';
      pt = pt * 10 + static_cast<unsigned>(c - '0');
    }
    if (digits && pt <= 127) return static_cast<std::uint8_t>(pt);
  }
  const bool digits =
      !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  return text::bad_number(digits ? text::NumberError::too_big : text::NumberError::not_digits,
                          "payload type", v);
}
Result<void> rtpmap(std::string_view rest, Rtpmap& out);
Result<void> rtcp_fb(std::string_view rest, RtcpFb& out);

}  // namespace jinglegate::jingle::sdp::attr

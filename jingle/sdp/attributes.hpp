// Parsers of single SDP line values (RFC 8866 §5, and the attribute RFCs named in sdp.hpp).
// Internal to jingle/sdp/: each takes the text after "x=" or "a=name:" and returns the typed
// value, or an Error with line = 0 for the caller to stamp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/sdp/sdp.hpp"

namespace jinglegate::jingle::sdp::attr {

// Session and media lines
Result<Origin> origin(std::string_view v);
Result<Connection> connection(std::string_view v);
Result<Bandwidth> bandwidth(std::string_view v);
Result<Timing> timing(std::string_view v);
Result<Media> media_line(std::string_view v);  // m= fields only

// Attributes
Result<Group> group(std::string_view v);
Result<MsidSemantic> msid_semantic(std::string_view v);
Result<Fingerprint> fingerprint(std::string_view v);
Result<std::vector<std::string>> ice_options(std::string_view v);
Result<Extmap> extmap(std::string_view v);
Result<Rtcp> rtcp(std::string_view v);
Result<Msid> msid(std::string_view v);
Result<Sctpmap> sctpmap(std::string_view v);
Result<SsrcGroup> ssrc_group(std::string_view v);
Result<std::pair<std::uint32_t, SsrcAttribute>> ssrc(std::string_view v);
Result<Rid> rid(std::string_view v);
Result<Simulcast> simulcast(std::string_view v);

// Payload-type attributes: "<pt> <rest>". rtcp-fb's pt is nullopt for the "*" wildcard.
Result<std::uint8_t> payload_type(std::string_view v);
Result<Rtpmap> rtpmap(std::string_view rest);
Fmtp fmtp(std::string_view rest);
Result<RtcpFb> rtcp_fb(std::string_view rest);

}  // namespace jinglegate::jingle::sdp::attr

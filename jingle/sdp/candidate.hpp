// ICE candidates in their SDP form (RFC 8839 §5.1, with RFC 6544 tcptype and Chromium's
// generation/ufrag/network-id/network-cost extensions): "a=candidate:…", "candidate:…".
#pragma once

#include <string>
#include <string_view>

#include "jingle/error.hpp"
#include "jingle/ice_candidate.hpp"

namespace jinglegate::jingle::sdp {

// Accepts "a=candidate:…", "candidate:…" (RTCIceCandidateInit.candidate, which in Chromium also
// carries `ufrag`) and the bare attribute value "<foundation> <component> …". Errors are
// Errc::bad_sdp_line (syntax) or bad_sdp_value (range, unknown type, duplicate extension) with
// line = 1 and the offending token in the detail.
Result<IceCandidate> parse_candidate_line(std::string_view line);

// The attribute value alone (what follows "candidate:"); line = 0 in errors.
Result<IceCandidate> parse_candidate_value(std::string_view value);
// The same into a default-constructed candidate (parse_sdp fills its vector in place).
Result<void> parse_candidate_into(std::string_view value, IceCandidate& out);

// "candidate:…" without "a=": every field, extensions in Chromium's order (raddr rport tcptype
// generation ufrag network-id network-cost), then the unknown ones in their order.
std::string write_candidate_line(const IceCandidate& candidate);

}  // namespace jinglegate::jingle::sdp

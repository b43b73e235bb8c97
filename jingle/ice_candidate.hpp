// An ICE candidate (RFC 8839 §5.1; XEP-0176 §5.1): one value type for both of its syntaxes.
//
// The SDP line form (`candidate:...`, parse_candidate_line/write_candidate_line) lives in
// jingle/sdp/candidate.cpp; the XML form (<candidate/>) in jingle/xep0176_ice_udp.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jinglegate {

enum class CandidateType { host, srflx, prflx, relay };

struct IceCandidate {
  std::string foundation;          // 1*32 ice-char
  std::uint16_t component = 1;     // 1 = RTP, 2 = RTCP
  std::string protocol = "udp";    // as written: Firefox writes "UDP", Chromium "udp"; compare case-insensitively
  std::uint32_t priority = 0;
  std::string address;             // IP literal or an mDNS "<uuid>.local" name
  std::uint16_t port = 0;
  CandidateType type = CandidateType::host;
  std::optional<std::string> rel_addr;   // raddr / rel-addr
  std::optional<std::uint16_t> rel_port; // rport / rel-port
  std::optional<std::string> tcptype;    // active | passive | so (RFC 6544)
  std::optional<std::uint32_t> generation;
  std::optional<std::string> ufrag;      // Chromium's trickled candidates carry it; SDP lines do not
  std::optional<std::uint32_t> network_id;
  std::optional<std::uint32_t> network_cost;
  std::optional<std::string> id;         // XEP-0176 `id`; no SDP counterpart
  // Extension attributes we do not model, in their order: RFC 8839 says receivers MUST ignore
  // unknown ones, a bridge must still carry them.
  std::vector<std::pair<std::string, std::string>> extensions;

  friend bool operator==(const IceCandidate&, const IceCandidate&) = default;
};

}  // namespace jinglegate

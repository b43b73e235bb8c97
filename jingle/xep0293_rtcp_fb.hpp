// XEP-0293 Jingle RTP Feedback Negotiation: <rtcp-fb/> and <rtcp-fb-trr-int/>, model, reader, writer.
//
//   <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'/>   a=rtcp-fb:96 nack pli
//   <rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/>        a=rtcp-fb:* trr-int 100
// Both appear inside a <payload-type/> (that payload) or directly in <description/> (payload '*').
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

struct RtcpFb {
  std::string type;     // REQUIRED (Conversations refuses an rtcp-fb without it)
  std::string subtype;  // "" = absent
  std::vector<Parameter> parameters;  // XEP-0293 §4: extra tokens of the a=rtcp-fb line
  Unknown unknown;
  friend bool operator==(const RtcpFb&, const RtcpFb&) = default;
};

Result<RtcpFb> read_rtcp_fb(const xml::Element& e);
void write_rtcp_fb(xml::Writer& w, const RtcpFb& fb);

// <rtcp-fb-trr-int value=''/>: value is REQUIRED. Attributes other than value are not kept.
Result<std::uint32_t> read_trr_int(const xml::Element& e);
void write_trr_int(xml::Writer& w, std::uint32_t value);

}  // namespace jinglegate::jingle

// XEP-0294 Jingle RTP Header Extensions Negotiation: <rtp-hdrext/> and <extmap-allow-mixed/>.
//
//   <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='urn:ietf:params:rtp-hdrext:ssrc-audio-level'/>
//   <extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>                a=extmap-allow-mixed
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

struct HdrExt {
  std::uint16_t id = 0;              // REQUIRED, xs:unsignedShort
  std::string uri;                   // REQUIRED
  Senders senders = Senders::both;   // a=extmap:<id>/<direction>; "absent = both"
  std::vector<Parameter> parameters; // extension attributes of the a=extmap line
  Unknown unknown;
  friend bool operator==(const HdrExt&, const HdrExt&) = default;
};

Result<HdrExt> read_hdrext(const xml::Element& e);
void write_hdrext(xml::Writer& w, const HdrExt& h);

// XEP-0294 §3 puts <extmap-allow-mixed/> in the rtp-hdrext namespace; Monal writes it unqualified
// inside <description/> (so in urn:xmpp:jingle:apps:rtp:1). Both are read; the XEP form is written.
bool is_extmap_allow_mixed(const xml::Element& e);
void write_extmap_allow_mixed(xml::Writer& w);

}  // namespace jinglegate::jingle

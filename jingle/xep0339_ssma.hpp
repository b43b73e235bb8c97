// XEP-0339 Source-Specific Media Attributes in Jingle: <source/> and <ssrc-group/>.
//
//   <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='1656081975'>     a=ssrc:1656081975 cname:Yv8…
//     <parameter name='cname' value='Yv8…'/>                                a=ssrc:1656081975 msid:s t
//     <parameter name='msid' value='s t'/>
//   </source>
//   <ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'>   a=ssrc-group:FID 1 2
//     <source ssrc='1'/><source ssrc='2'/>
//   </ssrc-group>
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

struct Source {
  std::uint32_t ssrc = 0;              // REQUIRED, xs:unsignedInt
  std::vector<Parameter> parameters;   // in order; a parameter without value is "a=ssrc:<n> <name>"
  Unknown unknown;                     // Jitsi's name=, videoType=, <ssrc-info owner=''/>
  friend bool operator==(const Source&, const Source&) = default;
};

struct SsrcGroup {
  std::string semantics;               // FID, SIM, FEC-FR, …: kept as written (the XEP's list is short)
  std::vector<std::uint32_t> ssrcs;    // in order
  Unknown unknown;                     // attributes of the <source/> children are not kept
  friend bool operator==(const SsrcGroup&, const SsrcGroup&) = default;
};

Result<Source> read_source(const xml::Element& e);
void write_source(xml::Writer& w, const Source& s);
Result<SsrcGroup> read_ssrc_group(const xml::Element& e);
void write_ssrc_group(xml::Writer& w, const SsrcGroup& g);

}  // namespace jinglegate::jingle

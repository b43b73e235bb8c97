// XEP-0167 Jingle RTP Sessions: the RTP <description/> and <payload-type/>, model, reader and writer.
//
//   <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>
//     <payload-type id='111' name='opus' clockrate='48000' channels='2'>
//       <parameter name='minptime' value='10'/>
//       <rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='transport-cc'/>
//     </payload-type>
//     <rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='…'/>
//     <rtcp-mux/>
//     <source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='…'>…</source>
//   </description>
// Also carried here: XEP-0293 feedback, XEP-0294 header extensions, XEP-0339 sources, SDES
// <encryption/> (XEP-0167 §8; Dino offers it), and two non-XEP StanzaJS forms: <rtcp-reduced-size/>
// (a=rtcp-rsize) and <stream xmlns='urn:xmpp:jingle:apps:rtp:msid:0'/> (a=msid).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jingle/xep0293_rtcp_fb.hpp"
#include "jingle/xep0294_hdrext.hpp"
#include "jingle/xep0339_ssma.hpp"
#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

struct PayloadType {
  std::uint8_t id = 0;                       // REQUIRED, numeric (xs:unsignedByte)
  std::string name;                          // "" = absent: XEP-0167 makes it optional for static types
  std::optional<std::uint32_t> clockrate;
  std::uint8_t channels = 1;                 // "if omitted, it MUST be assumed to contain one channel"
  std::optional<std::uint32_t> ptime;
  std::optional<std::uint32_t> maxptime;
  std::vector<Parameter> parameters;         // a=fmtp, in order (XEP: "their order MUST be ignored")
  std::vector<RtcpFb> rtcp_fbs;              // a=rtcp-fb:<id> …
  std::optional<std::uint32_t> trr_int;      // a=rtcp-fb:<id> trr-int …
  Unknown unknown;
  friend bool operator==(const PayloadType&, const PayloadType&) = default;
};

// <bandwidth type='AS'>64</bandwidth> (b=AS:64). Also read: Movim's value='' attribute and Monal's
// <type/>/<value/> child elements.
struct Bandwidth {
  std::string type;
  std::uint64_t value = 0;
  Unknown unknown;
  friend bool operator==(const Bandwidth&, const Bandwidth&) = default;
};

// XEP-0167 §8 SDES-SRTP: <crypto crypto-suite='' key-params='' session-params='' tag=''/>.
struct Crypto {
  std::string crypto_suite;    // REQUIRED
  std::string key_params;      // REQUIRED
  std::string session_params;  // "" = absent
  std::string tag;             // REQUIRED
  Unknown unknown;
  friend bool operator==(const Crypto&, const Crypto&) = default;
};

struct Encryption {
  std::optional<bool> required;
  std::vector<Crypto> cryptos;
  Unknown unknown;             // <zrtp-hash/> (XEP-0262), old-style <fingerprint/>
  friend bool operator==(const Encryption&, const Encryption&) = default;
};

// StanzaJS's a=msid carrier: <stream xmlns='urn:xmpp:jingle:apps:rtp:msid:0' id='' track=''/>.
struct MsidStream {
  std::string id;     // REQUIRED
  std::string track;  // "" = absent
  Unknown unknown;
  friend bool operator==(const MsidStream&, const MsidStream&) = default;
};

struct RtpDescription {
  std::string media;                         // REQUIRED: "audio", "video"
  std::optional<std::uint32_t> ssrc;
  std::vector<PayloadType> payload_types;    // in preference order
  std::vector<Bandwidth> bandwidths;
  bool rtcp_mux = false;                     // <rtcp-mux/>: Conversations expects it
  bool rtcp_rsize = false;                   // StanzaJS <rtcp-reduced-size/>
  std::vector<RtcpFb> rtcp_fbs;              // media level: a=rtcp-fb:* …
  std::optional<std::uint32_t> trr_int;      // a=rtcp-fb:* trr-int …
  std::vector<HdrExt> hdrexts;
  bool extmap_allow_mixed = false;
  std::vector<Source> sources;
  std::vector<SsrcGroup> ssrc_groups;
  std::vector<MsidStream> streams;
  std::optional<Encryption> encryption;      // Dino's SDES offer; read and kept, DTLS is what we use
  Unknown unknown;                           // e.g. XEP-0507 <category/>, Movim's ptime= on description
  friend bool operator==(const RtpDescription&, const RtpDescription&) = default;
};

Result<PayloadType> read_payload_type(const xml::Element& e);
void write_payload_type(xml::Writer& w, const PayloadType& p);

Result<RtpDescription> read_rtp_description(const xml::Element& description);
void write_rtp_description(xml::Writer& w, const RtpDescription& d);

}  // namespace jinglegate::jingle

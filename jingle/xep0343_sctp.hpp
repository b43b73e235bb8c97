// XEP-0343 Signaling WebRTC datachannels in Jingle: the SCTP parameters inside an ICE-UDP <transport/>.
//
// Two forms, both children of <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/>:
//  - XEP-0343 0.3.1 (the current text, 2020; sent by Movim, StanzaJS, lib-jitsi-meet):
//      <sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000' protocol='webrtc-datachannel' streams='1024'/>
//  - the modern SDP pair (RFC 8841 a=sctp-port, a=max-message-size) in the namespace
//    urn:xmpp:jingle:transports:webrtc-datachannel:1. No published XEP text defines these two
//    elements; we read the number from a `value` attribute or from character data, and write
//      <sctp-port xmlns='urn:xmpp:jingle:transports:webrtc-datachannel:1' value='5000'/>
//      <max-message-size xmlns='urn:xmpp:jingle:transports:webrtc-datachannel:1' value='262144'/>
//    (Conversations uses that namespace for a different, wrapping <transport sctp-port='' max-message-size=''/>
//    in file transfer: such a transport is not ICE-UDP and is kept whole as an unknown transport.)
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

struct SctpMap {
  std::uint16_t number = 5000;            // REQUIRED: the SCTP port (a=sctpmap:<number>)
  std::string protocol;                   // REQUIRED: "webrtc-datachannel"
  std::optional<std::uint32_t> streams;   // optional (lib-jitsi-meet omits it)
  Unknown unknown;
  friend bool operator==(const SctpMap&, const SctpMap&) = default;
};

Result<SctpMap> read_sctpmap(const xml::Element& e);
void write_sctpmap(xml::Writer& w, const SctpMap& m);

bool is_sctp_port(const xml::Element& e);
bool is_max_message_size(const xml::Element& e);
// The number of a <sctp-port/> or <max-message-size/>: `value` attribute, else character data.
Result<std::uint64_t> read_sctp_number(const xml::Element& e, std::uint64_t max);
void write_sctp_port(xml::Writer& w, std::uint16_t port);
void write_max_message_size(xml::Writer& w, std::uint64_t bytes);

}  // namespace jinglegate::jingle

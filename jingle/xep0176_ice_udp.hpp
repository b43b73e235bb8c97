// XEP-0176 Jingle ICE-UDP Transport Method: the <transport/> and <candidate/>, model, reader, writer.
//
//   <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='8hhy' pwd='asd88fgpdd777uzjYhagZg'>
//     <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>…</fingerprint>
//     <candidate component='1' foundation='1' generation='0' id='el0747fg11' ip='10.0.1.1'
//                network='1' port='8998' priority='2130706431' protocol='udp' type='host'/>
//   </transport>
// The transport also carries XEP-0320 fingerprints, XEP-0343 SCTP parameters, Conversations' ICE
// options and StanzaJS's (XEP-0371) <gathering-complete/>.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jingle/ice_candidate.hpp"
#include "jingle/xep0320_dtls.hpp"
#include "jingle/xep0343_sctp.hpp"
#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

// XEP-0176 §5.1 <remote-candidate/>: the candidate pair the controlling agent nominated.
struct RemoteCandidate {
  std::uint16_t component = 1;
  std::string ip;
  std::uint16_t port = 0;
  Unknown unknown;
  friend bool operator==(const RemoteCandidate&, const RemoteCandidate&) = default;
};

struct IceUdpTransport {
  std::string ufrag;  // "" = absent: Conversations' content-add carries a stub <transport/>
  std::string pwd;
  std::vector<IceCandidate> candidates;
  std::optional<RemoteCandidate> remote_candidate;
  std::vector<DtlsFingerprint> fingerprints;  // one per a=fingerprint line (RFC 8122 allows several)
  // ICE options (a=ice-options) as empty elements in Conversations' namespace
  // http://gultsch.de/xmpp/drafts/jingle/transports/ice-udp/option: "trickle", "renomination".
  std::vector<std::string> ice_options;
  bool gathering_complete = false;            // StanzaJS's <gathering-complete/> (a=end-of-candidates)
  std::optional<SctpMap> sctpmap;             // XEP-0343 0.3.1
  std::optional<std::uint16_t> sctp_port;     // a=sctp-port (see xep0343_sctp.hpp)
  std::optional<std::uint64_t> max_message_size;  // a=max-message-size
  Unknown unknown;                            // e.g. Conversations' OMEMO-wrapped fingerprint
  friend bool operator==(const IceUdpTransport&, const IceUdpTransport&) = default;
};

// <candidate/>. Required: component, foundation, ip, port, priority, protocol, type (XEP-0176 §5.1;
// Conversations refuses candidates without them). Leniencies:
//  - generation is optional (StanzaJS omits it) and read as 0 when absent; it is always written,
//    as Monal cannot parse a candidate without it;
//  - Monal's rel_port is read like rel-port (rel-port wins when both are present);
//  - `network` (XEP-0176) and Movim's `network-id` both fill network_id (`network` wins);
//    network-cost is read and written as `network-cost`;
//  - tcptype is optional whatever the protocol (Monal sends TCP candidates without it).
// id is written when set (XEP-0176 makes it REQUIRED: the translation should set one).
// Unknown attributes go to IceCandidate::extensions and are written back.
Result<IceCandidate> read_candidate(const xml::Element& e);
void write_candidate(xml::Writer& w, const IceCandidate& c);

Result<RemoteCandidate> read_remote_candidate(const xml::Element& e);
void write_remote_candidate(xml::Writer& w, const RemoteCandidate& r);

Result<IceUdpTransport> read_ice_udp(const xml::Element& transport);
void write_ice_udp(xml::Writer& w, const IceUdpTransport& t);

std::string_view candidate_type_name(CandidateType t);
std::optional<CandidateType> parse_candidate_type(std::string_view s);

}  // namespace jinglegate::jingle

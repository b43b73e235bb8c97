// Internals of the SDP <-> Jingle translation: one function pair per Jingle element family.
// Internal to jingle/translate/; the public API is translate.hpp.
#pragma once

#include <optional>
#include <string>

#include "jingle/sdp/sdp.hpp"
#include "jingle/translate/translate.hpp"
#include "jingle/xep0167_rtp.hpp"
#include "jingle/xep0176_ice_udp.hpp"

namespace jinglegate::jingle::mapping {

// XEP-0167 <description/> (with XEP-0293, 0294, 0339) <-> the RTP part of an m= section.
RtpDescription to_rtp_description(const sdp::Session& s, const sdp::Media& m, Role author);
// Fills codecs, extmaps, sources, direction … of `m`; m.media is set by the caller.
Result<void> from_rtp_description(const RtpDescription& d, Senders senders, Role author, sdp::Media& m);

// XEP-0176 <transport/> with XEP-0320 fingerprints and XEP-0343 SCTP <-> the ICE, DTLS and SCTP
// part of an m= section.
IceUdpTransport to_transport(const sdp::Session& s, const sdp::Media& m);
void from_transport(const IceUdpTransport& t, sdp::Media& m);
// XEP-0176 requires a candidate id; it is derived from the candidate so that the same candidate
// always gets the same id (trickled, then repeated in a later offer).
std::string candidate_id(const IceCandidate& c);
// The m= port and c= line a browser writes for its default candidate (the first RTP component
// candidate; 9 and 0.0.0.0 when there is none, JSEP §5.2.1).
void set_default_candidate(sdp::Media& m);

// The data channel: <description xmlns='urn:xmpp:jingle:apps:webrtc-datachannel:0'/>.
bool is_data_channel(const sdp::Media& m);
xml::Element data_channel_description();
bool is_data_channel_description(const xml::Element& e);

// urn:xmpp:jinglegate:sdp:0 — the SDP lines no XEP carries, as the residual of a session or an
// m= section: an SDP text of just those fields. Absent when there is nothing to carry.
xml::Element session_lines(const sdp::Session& s);
xml::Element media_lines(const sdp::Media& m);
const xml::Element* find_lines(const Unknown& u);
// Applies what a residual carries onto a session / m= section built from the XEPs.
Result<void> apply_session_lines(const xml::Element& lines, sdp::Session& s);
Result<void> apply_media_lines(const xml::Element& lines, sdp::Media& m);

// Refuses (Errc::translation_failed) a session holding values SDP's grammar cannot carry: a space
// inside a token, a line break anywhere (sdp_check.cpp).
Result<void> check_writable(const sdp::Session& s);

}  // namespace jinglegate::jingle::mapping

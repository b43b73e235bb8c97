// Every XML namespace jinglegate reads or writes, in one place.
#pragma once

#include <string_view>

namespace jinglegate::ns {

// RFC 6120 / XEP-0114
inline constexpr std::string_view stream = "http://etherx.jabber.org/streams";
inline constexpr std::string_view component_accept = "jabber:component:accept";
inline constexpr std::string_view client = "jabber:client";
inline constexpr std::string_view stanzas = "urn:ietf:params:xml:ns:xmpp-stanzas";
inline constexpr std::string_view streams = "urn:ietf:params:xml:ns:xmpp-streams";
inline constexpr std::string_view xmpp_errors = "urn:xmpp:errors";  // <stanza-too-big/>

// Service discovery, caps, ping, version, receipts, extdisco
inline constexpr std::string_view disco_info = "http://jabber.org/protocol/disco#info";
inline constexpr std::string_view disco_items = "http://jabber.org/protocol/disco#items";
inline constexpr std::string_view caps = "http://jabber.org/protocol/caps";
inline constexpr std::string_view ping = "urn:xmpp:ping";
inline constexpr std::string_view version = "jabber:iq:version";
inline constexpr std::string_view receipts = "urn:xmpp:receipts";
inline constexpr std::string_view hints = "urn:xmpp:hints";
inline constexpr std::string_view extdisco = "urn:xmpp:extdisco:2";
inline constexpr std::string_view roster = "jabber:iq:roster";
inline constexpr std::string_view carbons = "urn:xmpp:carbons:2";
inline constexpr std::string_view data_forms = "jabber:x:data";  // XEP-0004, hashed into caps (XEP-0115 §5.1)

// Jingle
inline constexpr std::string_view jingle = "urn:xmpp:jingle:1";                          // XEP-0166
inline constexpr std::string_view jingle_errors = "urn:xmpp:jingle:errors:1";            // XEP-0166 §10
inline constexpr std::string_view jingle_rtp = "urn:xmpp:jingle:apps:rtp:1";             // XEP-0167
inline constexpr std::string_view jingle_rtp_audio = "urn:xmpp:jingle:apps:rtp:audio";   // XEP-0167 disco
inline constexpr std::string_view jingle_rtp_video = "urn:xmpp:jingle:apps:rtp:video";   // XEP-0167 disco
inline constexpr std::string_view jingle_rtp_info = "urn:xmpp:jingle:apps:rtp:info:1";   // XEP-0167 §7
inline constexpr std::string_view jingle_rtp_errors = "urn:xmpp:jingle:apps:rtp:errors:1";
inline constexpr std::string_view jingle_ice_udp = "urn:xmpp:jingle:transports:ice-udp:1";  // XEP-0176
inline constexpr std::string_view jingle_dtls = "urn:xmpp:jingle:apps:dtls:0";             // XEP-0320
inline constexpr std::string_view jingle_grouping = "urn:xmpp:jingle:apps:grouping:0";     // XEP-0338
inline constexpr std::string_view jingle_ssma = "urn:xmpp:jingle:apps:rtp:ssma:0";         // XEP-0339
inline constexpr std::string_view jingle_rtcp_fb = "urn:xmpp:jingle:apps:rtp:rtcp-fb:0";   // XEP-0293
inline constexpr std::string_view jingle_rtp_hdrext = "urn:xmpp:jingle:apps:rtp:rtp-hdrext:0";  // XEP-0294
// XEP-0343 0.3.1 (the current text) defines <sctpmap/> in dtls-sctp:1; webrtc-datachannel:1 is used
// in the wild (Conversations' file-transfer transport) but has no published XEP text.
inline constexpr std::string_view jingle_dtls_sctp = "urn:xmpp:jingle:transports:dtls-sctp:1";  // XEP-0343 <sctpmap/>
inline constexpr std::string_view jingle_dtls_sctp_old = jingle_dtls_sctp;  // earlier name of the above
inline constexpr std::string_view jingle_sctp = "urn:xmpp:jingle:transports:webrtc-datachannel:1";  // <sctp-port/>
inline constexpr std::string_view jingle_message = "urn:xmpp:jingle-message:0";            // XEP-0353
inline constexpr std::string_view rfc5888 = "urn:ietf:rfc:5888";  // disco feature for BUNDLE grouping
inline constexpr std::string_view rfc5576 = "urn:ietf:rfc:5576";  // disco feature for source attributes
inline constexpr std::string_view rfc3264 = "urn:ietf:rfc:3264";  // disco feature for offer/answer

// Dialects we read but do not define
inline constexpr std::string_view jingle_ice_options = "http://gultsch.de/xmpp/drafts/jingle/transports/ice-udp/option";
inline constexpr std::string_view stanza_msid = "urn:xmpp:jingle:apps:rtp:msid:0";  // StanzaJS, non-XEP
inline constexpr std::string_view jitsi_meet = "http://jitsi.org/jitmeet";

// jinglegate's own: SDP lines that no XEP carries, kept so the translation is lossless.
inline constexpr std::string_view jinglegate_sdp = "urn:xmpp:jinglegate:sdp:0";

}  // namespace jinglegate::ns

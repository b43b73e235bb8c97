// SDP (RFC 8866) with the WebRTC attributes of JSEP (RFC 8829): typed model, parser and writer.
//
// parse_sdp() reads what Chromium and Firefox produce; write_sdp() writes Chromium's attribute
// order, so a Chromium SDP comes back byte for byte. Every line we do not model is kept verbatim
// with the place it came from (KeptAttribute), so nothing a peer sends is dropped. See docs/sdp.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jingle/dtls.hpp"
#include "jingle/error.hpp"
#include "jingle/ice_candidate.hpp"

namespace jinglegate::jingle::sdp {

// Bounds on input (docs/sdp.md). A Chromium offer with 4 transceivers is 12 KB and 331 lines
// (corpus: multi-transceivers), so 16 transceivers come to about 50 KB and 1 300 lines.
struct Limits {
  std::size_t max_bytes = 256 * 1024;      // 4x a WebSocket message (64 KiB) of headroom
  std::size_t max_lines = 8192;            // ~30 bytes a line at max_bytes
  std::size_t max_media = 256;             // m= sections: an SFU offer has one per remote track
  std::size_t max_candidates = 1024;       // a=candidate lines in the whole session
};

// RFC 8866 §6.7 (and RFC 3264 §5.1): "absent" means no direction line was written.
enum class Direction { absent, sendrecv, sendonly, recvonly, inactive };

// c=<nettype> <addrtype> <connection-address> (RFC 8866 §5.7); also the tail of a=rtcp.
struct Connection {
  std::string nettype = "IN";
  std::string addrtype = "IP4";
  std::string address = "0.0.0.0";  // may carry /ttl/count for multicast; kept as written
  friend bool operator==(const Connection&, const Connection&) = default;
};

// o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address> (RFC 8866 §5.2)
struct Origin {
  std::string username = "-";
  std::string session_id = "0";     // a string: Firefox and Chromium use 64-bit decimal, others not
  std::uint64_t session_version = 0;
  Connection address;               // nettype, addrtype, unicast-address
  friend bool operator==(const Origin&, const Origin&) = default;
};

// b=<bwtype>:<bandwidth> (RFC 8866 §5.8)
struct Bandwidth {
  std::string type;  // AS, CT, TIAS, …
  std::uint64_t value = 0;
  friend bool operator==(const Bandwidth&, const Bandwidth&) = default;
};

// t=<start-time> <stop-time> and its r= lines (RFC 8866 §5.9, §5.10), r= kept verbatim.
struct Timing {
  std::uint64_t start = 0;
  std::uint64_t stop = 0;
  std::vector<std::string> repeats;
  friend bool operator==(const Timing&, const Timing&) = default;
};

// a=group:<semantics> *(SP <mid>) (RFC 5888; BUNDLE is RFC 9143).
struct Group {
  std::string semantics;  // "BUNDLE", "LS", "FID", …
  std::vector<std::string> mids;
  friend bool operator==(const Group&, const Group&) = default;
};

// a=msid-semantic:<semantic> <ids> — never standardised, but every browser writes it.
// Chromium writes "a=msid-semantic: WMS id1 id2" (space after the colon), Firefox
// "a=msid-semantic:WMS *": the space is kept so the line comes back as written.
struct MsidSemantic {
  std::string semantic = "WMS";
  std::vector<std::string> ids;
  bool space_after_colon = false;
  friend bool operator==(const MsidSemantic&, const MsidSemantic&) = default;
};

// a=extmap:<id>[/<direction>] <uri> [<attributes>] (RFC 8285 §7)
struct Extmap {
  std::uint16_t id = 0;  // 1-14 one-byte, 1-255 two-byte, 4096-4351 as RFC 8285 allows
  Direction direction = Direction::absent;
  std::string uri;
  std::string attributes;  // extension attributes, verbatim ("" when none)
  friend bool operator==(const Extmap&, const Extmap&) = default;
};

// a=rtcp:<port> [<nettype> <addrtype> <address>] (RFC 3605)
struct Rtcp {
  std::uint16_t port = 9;
  std::optional<Connection> address;
  friend bool operator==(const Rtcp&, const Rtcp&) = default;
};

// a=msid:<stream id> [<track id>] (RFC 8830). Stream "-" means "no stream" (JSEP §5.2.1).
struct Msid {
  std::string stream;
  std::string track;  // "" when the appdata is absent
  friend bool operator==(const Msid&, const Msid&) = default;
};

// a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>] (RFC 8866 §6.6)
struct Rtpmap {
  std::string encoding;  // as written: "opus", "VP8", "telephone-event"
  std::uint32_t clock_rate = 0;
  std::optional<std::uint32_t> channels;  // Firefox writes "G722/8000/1", Chromium omits 1
  friend bool operator==(const Rtpmap&, const Rtpmap&) = default;
};

// One key=value pair of an a=fmtp line: Jingle's <parameter name='' value=''/> (XEP-0167 §4).
// Views into the text of the Fmtp it came from.
struct FmtpParam {
  std::string_view name;
  std::string_view value;
  friend bool operator==(const FmtpParam&, const FmtpParam&) = default;
};

// a=fmtp:<pt> <format specific parameters> (RFC 8866 §6.15), kept as written:
// "minptime=10;useinbandfec=1", but also "111/111" (RED, RFC 2198), "0-15" (RFC 4733) or
// FreeSWITCH's "useinbandfec=1; stereo=1".
struct Fmtp {
  std::string text;
  // The pairs when the text has the form k=v(;k=v)* (spaces around names and values trimmed;
  // "" gives no pairs), nullopt otherwise. The views point into `text`.
  std::optional<std::vector<FmtpParam>> params() const;
  // "k=v;k=v", e.g. from a Jingle <payload-type/>'s parameters.
  static Fmtp from_params(std::span<const FmtpParam> params);
  friend bool operator==(const Fmtp&, const Fmtp&) = default;
};

// a=rtcp-fb:<pt|*> <type> [<subtype and parameters>] (RFC 4585 §4.2): "nack pli", "ccm fir",
// "transport-cc", "trr-int 100".
struct RtcpFb {
  std::string type;
  std::string params;  // "" when absent, verbatim otherwise ("pli", "fir", "100")
  // RFC 4585 §4.2: "a=rtcp-fb:<pt> trr-int <interval>", the minimum report interval in ms.
  std::optional<std::uint32_t> trr_int() const;
  friend bool operator==(const RtcpFb&, const RtcpFb&) = default;
};

// Everything said about one payload type, in Chromium's order: rtpmap, rtcp-fb…, fmtp.
struct Codec {
  std::uint8_t pt = 0;  // 0-127
  std::optional<Rtpmap> rtpmap;
  std::optional<std::string> packetization;  // a=packetization:<pt> <format> (Chromium "raw")
  std::vector<RtcpFb> rtcp_fb;
  std::optional<Fmtp> fmtp;
  friend bool operator==(const Codec&, const Codec&) = default;
};

// One a=ssrc:<ssrc> <attribute>[:<value>] line (RFC 5576 §4.1), grouped by ssrc below.
struct SsrcAttribute {
  std::string name;                  // "cname", "msid", "mslabel", "label", …
  std::optional<std::string> value;  // verbatim, including Firefox's trailing space after msid
  friend bool operator==(const SsrcAttribute&, const SsrcAttribute&) = default;
};
struct Source {
  std::uint32_t ssrc = 0;
  std::vector<SsrcAttribute> attributes;  // in the order written
  friend bool operator==(const Source&, const Source&) = default;
};

// a=ssrc-group:<semantics> <ssrc>… (RFC 5576 §4.2): FID, SIM, FEC-FR.
struct SsrcGroup {
  std::string semantics;
  std::vector<std::uint32_t> ssrcs;
  friend bool operator==(const SsrcGroup&, const SsrcGroup&) = default;
};

// a=rid:<id> <send|recv> [<restrictions>] (RFC 8851 §10)
enum class RidDirection { send, recv };
struct Rid {
  std::string id;
  RidDirection direction = RidDirection::send;
  std::string restrictions;  // "pt=96;max-width=1280", verbatim ("" when none)
  friend bool operator==(const Rid&, const Rid&) = default;
};

// a=simulcast:send <streams> [recv <streams>] (RFC 8853 §5.1); the stream lists are verbatim
// ("q;h;f", "1,~2;3"), and which direction came first is kept.
struct Simulcast {
  std::string send;  // "" when there is no send part
  std::string recv;  // "" when there is no recv part
  bool recv_first = false;
  friend bool operator==(const Simulcast&, const Simulcast&) = default;
};

// a=sctpmap:<number> <app> [<streams>] (draft-ietf-mmusic-sctp-sdp-05, pre-RFC 8841 form)
struct Sctpmap {
  std::uint16_t number = 5000;
  std::string app = "webrtc-datachannel";
  std::optional<std::uint32_t> streams;
  friend bool operator==(const Sctpmap&, const Sctpmap&) = default;
};

// Where a kept-verbatim attribute was: after the `index`-th line of the known attribute `after`
// (or at the start of its section). The writer puts it back there, so unknown lines in a
// Chromium SDP come back in place. Slots are listed in the writer's (Chromium's) order.
enum class SessionSlot : std::uint8_t {
  start, group, extmap_allow_mixed, msid_semantic, ice_lite, ice_ufrag, ice_pwd, ice_options,
  fingerprint, setup, extmap, direction, end_of_candidates,
};
enum class MediaSlot : std::uint8_t {
  start, bundle_only, rtcp, candidate, end_of_candidates, ice_ufrag, ice_pwd, ice_options,
  fingerprint, setup, mid, sctp_port, max_message_size, sctpmap, extmap_allow_mixed, extmap,
  direction, msid, rtcp_mux, rtcp_mux_only, rtcp_rsize, rtcp_xr, codec, rtcp_fb_wildcard, maxptime,
  ptime, framerate, ssrc_group, ssrc, rid, simulcast, label,
};

// An attribute we do not model, kept verbatim: "a=" + text. RFC 8866 §5.13: unknown attributes
// MUST be ignored by a receiver; a bridge must still carry them.
template <class Slot>
struct KeptAttribute {
  std::string text;  // everything after "a=": "x-google-flag:conference"
  Slot after = Slot::start;
  std::uint32_t index = 0;
  std::string_view name() const { return std::string_view(text).substr(0, text.find(':')); }
  std::optional<std::string_view> value() const {
    const auto colon = text.find(':');
    if (colon == std::string::npos) return std::nullopt;
    return std::string_view(text).substr(colon + 1);
  }
  friend bool operator==(const KeptAttribute&, const KeptAttribute&) = default;
};
using SessionAttribute = KeptAttribute<SessionSlot>;
using MediaAttribute = KeptAttribute<MediaSlot>;

// One m= section (RFC 8866 §5.14) with its attributes.
struct Media {
  // m=<media> <port>[/<count>] <proto> <fmt> …
  std::string media;  // audio, video, application, text, … (an open set, so a string)
  std::uint16_t port = 9;  // 0 = rejected or bundle-only (RFC 8843 §6)
  std::optional<std::uint16_t> port_count;
  std::string proto;  // UDP/TLS/RTP/SAVPF, UDP/DTLS/SCTP, …
  std::vector<std::string> formats;  // payload types, or "webrtc-datachannel"; as written
  std::optional<std::string> info;  // i=
  std::vector<Connection> connections;  // c= (several are allowed for multicast)
  std::vector<Bandwidth> bandwidths;    // b=
  std::optional<std::string> key;       // k= (obsolete, kept)

  bool bundle_only = false;             // a=bundle-only (RFC 9143 §6)
  std::optional<Rtcp> rtcp;
  std::vector<IceCandidate> candidates;
  bool end_of_candidates = false;       // a=end-of-candidates (RFC 8840 §8.2)
  // ICE and DTLS: media-level values override session-level ones (RFC 8839 §5.4; RFC 8842 §5).
  std::optional<std::string> ice_ufrag;
  std::optional<std::string> ice_pwd;
  std::vector<std::string> ice_options;  // "trickle", "renomination", … (empty = absent)
  std::vector<Fingerprint> fingerprints;  // RFC 8122 §5: several are allowed
  std::optional<Setup> setup;
  std::optional<std::string> mid;
  // Data channels (RFC 8841): a=sctp-port, a=max-message-size, or the older a=sctpmap.
  std::optional<std::uint16_t> sctp_port;
  std::optional<std::uint64_t> max_message_size;
  std::optional<Sctpmap> sctpmap;
  // RTP (RFC 8829 §5.2.1)
  bool extmap_allow_mixed = false;  // RFC 8285 §6: session or media level
  std::vector<Extmap> extmaps;
  Direction direction = Direction::absent;
  std::vector<Msid> msids;  // several when the track is in several streams
  bool rtcp_mux = false;
  bool rtcp_mux_only = false;  // RFC 8858
  bool rtcp_rsize = false;     // RFC 5506
  std::optional<std::string> rtcp_xr;  // RFC 3611 a=rtcp-xr value, verbatim ("" = no value)
  // Payload types in the m= line's order, then any the m= line does not list.
  std::vector<Codec> codecs;
  std::vector<RtcpFb> rtcp_fb_wildcard;  // a=rtcp-fb:* … (applies to every payload type)
  std::optional<std::uint32_t> maxptime;
  std::optional<std::uint32_t> ptime;
  std::optional<std::string> framerate;  // may be fractional ("29.97"): verbatim
  std::vector<SsrcGroup> ssrc_groups;
  std::vector<Source> sources;
  std::vector<Rid> rids;
  std::optional<Simulcast> simulcast;
  std::optional<std::string> label;  // RFC 4574
  std::vector<MediaAttribute> other;

  const Codec* find_codec(std::uint8_t pt) const;
  const Source* find_source(std::uint32_t ssrc) const;
  friend bool operator==(const Media&, const Media&) = default;
};

// A whole session description.
struct Session {
  // v=0 is the only version (RFC 8866 §5.1); it is not stored.
  Origin origin;
  std::string name = "-";           // s= ("-" when there is none, RFC 8866 §5.3)
  std::optional<std::string> info;  // i=
  std::optional<std::string> uri;   // u=
  std::vector<std::string> emails;  // e=
  std::vector<std::string> phones;  // p=
  std::optional<Connection> connection;
  std::vector<Bandwidth> bandwidths;
  std::vector<Timing> timings{Timing{}};  // at least one t= line; "t=0 0" for WebRTC
  std::optional<std::string> zone;  // z=, verbatim
  std::optional<std::string> key;   // k=, verbatim

  std::vector<Group> groups;
  std::vector<MsidSemantic> msid_semantics;
  bool extmap_allow_mixed = false;
  bool ice_lite = false;  // session level only (RFC 8839 §5.3)
  std::optional<std::string> ice_ufrag;
  std::optional<std::string> ice_pwd;
  std::vector<std::string> ice_options;
  std::vector<Fingerprint> fingerprints;  // Firefox writes the fingerprint here
  std::optional<Setup> setup;
  std::vector<Extmap> extmaps;
  Direction direction = Direction::absent;  // Firefox writes a session-level a=sendrecv
  bool end_of_candidates = false;
  std::vector<SessionAttribute> other;

  std::vector<Media> media;
  friend bool operator==(const Session&, const Session&) = default;
};

// Parses an SDP with CRLF or LF line ends. Errors: Errc::bad_sdp_line (a line that does not
// parse), bad_sdp_value (a value out of range or duplicated), missing_sdp_line (v=, o=, s=, t=),
// sdp_too_big (over `limits`); Error::line is the 1-based line, Error::detail names the token.
Result<Session> parse_sdp(std::string_view text, const Limits& limits = {});

// Writes CRLF lines in Chromium's attribute order (docs/sdp.md).
std::string write_sdp(const Session& session);

// Media-level values override session-level ones (RFC 8839 §5.4, RFC 8842 §5.1).
const std::optional<std::string>& effective_ice_ufrag(const Session&, const Media&);
const std::optional<std::string>& effective_ice_pwd(const Session&, const Media&);
std::span<const std::string> effective_ice_options(const Session&, const Media&);
std::span<const Fingerprint> effective_fingerprints(const Session&, const Media&);
std::optional<Setup> effective_setup(const Session&, const Media&);
std::span<const Extmap> effective_extmaps(const Session&, const Media&);
// sendrecv when neither level says (RFC 8866 §6.7).
Direction effective_direction(const Session&, const Media&);

// The SDP spellings of the closed sets.
std::string_view direction_name(Direction);  // "" for absent
std::optional<Direction> parse_direction(std::string_view);
std::string_view setup_name(Setup);
std::optional<Setup> parse_setup(std::string_view);

}  // namespace jinglegate::jingle::sdp

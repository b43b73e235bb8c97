// urn:xmpp:jinglegate:sdp:0 — the SDP lines no XEP carries, kept so that SDP -> Jingle -> SDP
// loses nothing between jinglegate peers; other clients ignore the element.
//
//   <sdp xmlns='urn:xmpp:jinglegate:sdp:0'>
//     <line>o=- 5822282104751420191 2 IN IP4 127.0.0.1</line> …
//   </sdp>
//
// The lines are the residual of the session or of one m= section: a Session or Media holding only
// the fields that no XEP element carries, written by the SDP writer and read back by the SDP
// parser, so this file holds no SDP syntax of its own.
#include <string_view>

#include "jingle/sdp/sdp.hpp"
#include "jingle/translate/mapping.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle::mapping {

namespace {

constexpr std::string_view kNoMedia = "v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";

xml::Element lines_element(std::string_view text, std::string_view skip_until) {
  xml::Element e("sdp", std::string(ns::jinglegate_sdp));
  if (!skip_until.empty()) {  // the holder session's header lines before the m= section
    const auto at = text.find(skip_until);
    text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 2);
  }
  while (!text.empty()) {
    const auto end = text.find("\r\n");
    const std::string_view line = text.substr(0, end);
    if (!line.empty() && line != "v=0") e.add("line", std::string(ns::jinglegate_sdp)).text = std::string(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 2);
  }
  return e;
}

std::string join_lines(const xml::Element& lines, std::string_view prefix) {
  std::string text(prefix);
  for (const auto& l : lines.children) {
    if (!l.is("line", ns::jinglegate_sdp)) continue;
    text += l.text;
    text += "\r\n";
  }
  return text;
}

// True when the <parameter/>s of the fmtp, joined again, give its text exactly.
bool is_canonical_pairs(const sdp::Fmtp& f) {
  const auto pairs = f.params();
  if (!pairs || pairs->empty()) return false;
  std::string joined;
  for (const auto& kv : *pairs) {
    if (!joined.empty()) joined += ';';
    joined.append(kv.name).append("=").append(kv.value);
  }
  return joined == f.text;
}

// The codec lines the XEPs cannot say: an rtpmap whose channel count was written although it is 1
// (Firefox's "G722/8000/1"), a non key=value fmtp (RED's "111/111"), a=packetization.
std::optional<sdp::Codec> codec_residual(const sdp::Codec& c) {
  sdp::Codec r;
  r.pt = c.pt;
  bool any = false;
  if (c.rtpmap && c.rtpmap->channels && *c.rtpmap->channels <= 1) r.rtpmap = c.rtpmap, any = true;
  if (c.fmtp && !is_canonical_pairs(*c.fmtp)) r.fmtp = c.fmtp, any = true;
  if (c.packetization) r.packetization = c.packetization, any = true;
  return any ? std::optional<sdp::Codec>(std::move(r)) : std::nullopt;
}

}  // namespace

xml::Element session_lines(const sdp::Session& s) {
  sdp::Session r;
  r.origin = s.origin;
  r.name = s.name;
  r.info = s.info;
  r.uri = s.uri;
  r.emails = s.emails;
  r.phones = s.phones;
  r.connection = s.connection;
  r.bandwidths = s.bandwidths;
  r.timings = s.timings;
  r.zone = s.zone;
  r.key = s.key;
  r.msid_semantics = s.msid_semantics;
  r.extmap_allow_mixed = s.extmap_allow_mixed;
  r.ice_lite = s.ice_lite;
  // Session-level ICE/DTLS values (Firefox writes its fingerprint here): each transport carries
  // the effective value, these lines say it was written once for all.
  r.ice_ufrag = s.ice_ufrag;
  r.ice_pwd = s.ice_pwd;
  r.ice_options = s.ice_options;
  r.fingerprints = s.fingerprints;
  r.setup = s.setup;
  r.extmaps = s.extmaps;
  r.direction = s.direction;
  r.end_of_candidates = s.end_of_candidates;
  r.other = s.other;
  return lines_element(sdp::write_sdp(r), {});
}

xml::Element media_lines(const sdp::Media& m) {
  sdp::Media r;
  r.media = m.media;
  r.port = m.port;
  r.port_count = m.port_count;
  r.proto = m.proto;
  r.formats = m.formats;
  r.info = m.info;
  r.connections = m.connections;
  r.key = m.key;
  r.bundle_only = m.bundle_only;
  r.rtcp = m.rtcp;
  r.end_of_candidates = m.end_of_candidates;
  if (m.fingerprints.empty()) r.setup = m.setup;  // otherwise on the XEP-0320 fingerprint
  if (m.media != "audio" && m.media != "video") r.direction = m.direction;  // RTP: senders
  r.msids = m.msids;
  r.rtcp_mux_only = m.rtcp_mux_only;
  r.rtcp_xr = m.rtcp_xr;
  for (const auto& c : m.codecs)
    if (auto rc = codec_residual(c)) r.codecs.push_back(std::move(*rc));
  r.maxptime = m.maxptime;
  r.ptime = m.ptime;
  r.framerate = m.framerate;
  r.rids = m.rids;
  r.simulcast = m.simulcast;
  r.label = m.label;
  r.other = m.other;
  sdp::Session holder;
  holder.media.push_back(std::move(r));
  return lines_element(sdp::write_sdp(holder), "\r\nm=");
}

const xml::Element* find_lines(const Unknown& u) {
  for (const auto& c : u.children)
    if (c.is("sdp", ns::jinglegate_sdp)) return &c;
  return nullptr;
}

Result<void> apply_session_lines(const xml::Element& lines, sdp::Session& s) {
  auto parsed = sdp::parse_sdp(join_lines(lines, "v=0\r\n"));
  if (!parsed) return fail(Errc::translation_failed, "jinglegate sdp lines: " + parsed.error().detail);
  sdp::Session& r = *parsed;
  s.origin = std::move(r.origin);
  s.name = std::move(r.name);
  s.info = std::move(r.info);
  s.uri = std::move(r.uri);
  s.emails = std::move(r.emails);
  s.phones = std::move(r.phones);
  s.connection = std::move(r.connection);
  s.bandwidths = std::move(r.bandwidths);
  s.timings = std::move(r.timings);
  s.zone = std::move(r.zone);
  s.key = std::move(r.key);
  s.msid_semantics = std::move(r.msid_semantics);
  s.extmap_allow_mixed = r.extmap_allow_mixed;
  s.ice_lite = r.ice_lite;
  s.ice_ufrag = std::move(r.ice_ufrag);
  s.ice_pwd = std::move(r.ice_pwd);
  s.ice_options = std::move(r.ice_options);
  s.fingerprints = std::move(r.fingerprints);
  s.setup = r.setup;
  s.extmaps = std::move(r.extmaps);
  s.direction = r.direction;
  s.end_of_candidates = r.end_of_candidates;
  s.other = std::move(r.other);
  return Ok{};
}

Result<void> apply_media_lines(const xml::Element& lines, sdp::Media& m) {
  auto parsed = sdp::parse_sdp(join_lines(lines, kNoMedia));
  if (!parsed || parsed->media.size() != 1)
    return fail(Errc::translation_failed, "jinglegate sdp lines of content " + m.mid.value_or("?") +
                                              (parsed ? ": not one m= section" : ": " + parsed.error().detail));
  sdp::Media& r = parsed->media.front();
  m.port = r.port;
  m.port_count = r.port_count;
  m.proto = std::move(r.proto);
  if (m.codecs.empty()) m.formats = std::move(r.formats);  // data channel: "webrtc-datachannel"
  m.info = std::move(r.info);
  m.connections = std::move(r.connections);
  m.key = std::move(r.key);
  m.bundle_only = r.bundle_only;
  m.rtcp = std::move(r.rtcp);
  m.end_of_candidates = r.end_of_candidates;
  if (r.setup) m.setup = r.setup;
  if (r.direction != sdp::Direction::absent) m.direction = r.direction;
  m.msids = std::move(r.msids);
  m.rtcp_mux_only = r.rtcp_mux_only;
  m.rtcp_xr = std::move(r.rtcp_xr);
  for (auto& rc : r.codecs) {
    for (auto& c : m.codecs) {
      if (c.pt != rc.pt) continue;
      if (rc.rtpmap) c.rtpmap = std::move(rc.rtpmap);
      if (rc.fmtp) c.fmtp = std::move(rc.fmtp);
      if (rc.packetization) c.packetization = std::move(rc.packetization);
    }
  }
  m.maxptime = r.maxptime;
  m.ptime = r.ptime;
  m.framerate = std::move(r.framerate);
  m.rids = std::move(r.rids);
  m.simulcast = std::move(r.simulcast);
  m.label = std::move(r.label);
  m.other = std::move(r.other);
  return Ok{};
}

}  // namespace jinglegate::jingle::mapping

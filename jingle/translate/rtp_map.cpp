// XEP-0167 RTP description (with XEP-0293 rtcp-fb, XEP-0294 hdrext, XEP-0339 sources) <-> the
// RTP attributes of an SDP m= section (RFC 8866 §6.6, RFC 4585, RFC 8285, RFC 5576).
#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include "jingle/translate/mapping.hpp"

namespace jinglegate::jingle {

// RFC 3264 §6.1: a direction is from the SDP author's side; XEP-0166 senders name the session
// role that sends. "sendonly" from the initiator is senders='initiator'.
Senders to_senders(sdp::Direction d, Role author) {
  const Senders self = author == Role::initiator ? Senders::initiator : Senders::responder;
  const Senders peer = author == Role::initiator ? Senders::responder : Senders::initiator;
  switch (d) {
    case sdp::Direction::sendonly: return self;
    case sdp::Direction::recvonly: return peer;
    case sdp::Direction::inactive: return Senders::none;
    case sdp::Direction::absent:
    case sdp::Direction::sendrecv: return Senders::both;
  }
  return Senders::both;
}

sdp::Direction to_direction(Senders s, Role author) {
  const Senders self = author == Role::initiator ? Senders::initiator : Senders::responder;
  switch (s) {
    case Senders::both: return sdp::Direction::sendrecv;
    case Senders::none: return sdp::Direction::inactive;
    case Senders::initiator:
    case Senders::responder: return s == self ? sdp::Direction::sendonly : sdp::Direction::recvonly;
  }
  return sdp::Direction::sendrecv;
}

namespace mapping {
namespace {

// a=rtcp-fb:<pt> <type> [<params>]: "nack pli" is type nack, subtype pli (XEP-0293 §4);
// "trr-int 100" is <rtcp-fb-trr-int value='100'/>.
void add_feedback(const std::vector<sdp::RtcpFb>& in, std::vector<RtcpFb>& out,
                  std::optional<std::uint32_t>& trr_int) {
  for (const auto& fb : in) {
    if (auto v = fb.trr_int()) {
      trr_int = *v;
      continue;
    }
    out.push_back(RtcpFb{fb.type, fb.params, {}, {}});
  }
}

void feedback_lines(const std::vector<RtcpFb>& in, std::optional<std::uint32_t> trr_int,
                    std::vector<sdp::RtcpFb>& out) {
  for (const auto& fb : in) {
    std::string params = fb.subtype;
    for (const auto& p : fb.parameters) {  // XEP-0293 §4: further tokens of the line
      if (!params.empty()) params += ' ';
      params += p.name;
      if (p.value) params += "=" + *p.value;
    }
    out.push_back(sdp::RtcpFb{fb.type, std::move(params)});
  }
  if (trr_int) out.push_back(sdp::RtcpFb{"trr-int", std::to_string(*trr_int)});
}

PayloadType to_payload_type(const sdp::Codec& c) {
  PayloadType p;
  p.id = c.pt;
  if (c.rtpmap) {
    p.name = c.rtpmap->encoding;
    p.clockrate = c.rtpmap->clock_rate;
    // Channels beyond 255 cannot be a real codec; the residual keeps the exact line anyway.
    if (c.rtpmap->channels && *c.rtpmap->channels <= 255) p.channels = static_cast<std::uint8_t>(*c.rtpmap->channels);
  }
  // Only key=value pairs become <parameter/>: Conversations refuses a parameter without a value,
  // so fmtp text such as RED's "111/111" travels in the residual lines alone.
  if (c.fmtp)
    if (const auto pairs = c.fmtp->params())
      for (const auto& kv : *pairs) p.parameters.push_back(Parameter{std::string(kv.name), std::string(kv.value)});
  add_feedback(c.rtcp_fb, p.rtcp_fbs, p.trr_int);
  return p;
}

sdp::Codec to_codec(const PayloadType& p, const std::string& media) {
  sdp::Codec c;
  c.pt = p.id;
  if (!p.name.empty()) {
    // XEP-0167 makes clockrate RECOMMENDED; an rtpmap line needs one.
    const std::uint32_t rate = p.clockrate.value_or(media == "video" ? 90000 : 8000);
    c.rtpmap = sdp::Rtpmap{p.name, rate, p.channels > 1 ? std::optional<std::uint32_t>(p.channels) : std::nullopt};
  }
  if (!p.parameters.empty()) {
    // A parameter without a value is StanzaJS's a=fmtp:101 0-15 as <parameter name='0-15'/>.
    sdp::Fmtp f;
    for (const auto& prm : p.parameters) {
      if (!f.text.empty()) f.text += ';';
      f.text += prm.name;
      if (prm.value) f.text += '=' + *prm.value;
    }
    c.fmtp = std::move(f);
  }
  feedback_lines(p.rtcp_fbs, p.trr_int, c.rtcp_fb);
  return c;
}

std::vector<Parameter> extmap_parameters(const std::string& attributes) {
  if (attributes.empty()) return {};
  return {Parameter{attributes, std::nullopt}};
}

}  // namespace

RtpDescription to_rtp_description(const sdp::Session& s, const sdp::Media& m, Role author) {
  RtpDescription d;
  d.media = m.media;
  // The m= line's formats are the payload types, in preference order (RFC 8866 §5.14); a static
  // one without attribute lines (Chromium's "m=video 0 … 0" for a rejected section) has only an id.
  d.payload_types.reserve(m.formats.size());
  for (const auto& f : m.formats) {
    std::uint8_t pt = 0;
    const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), pt);
    if (ec != std::errc{} || end != f.data() + f.size()) continue;
    const sdp::Codec* c = m.find_codec(pt);
    d.payload_types.push_back(c ? to_payload_type(*c) : PayloadType{pt, {}, {}, 1, {}, {}, {}, {}, {}, {}});
  }
  // Codec lines for payload types the m= line does not list are kept after them.
  for (const auto& c : m.codecs)
    if (std::find(m.formats.begin(), m.formats.end(), std::to_string(c.pt)) == m.formats.end())
      d.payload_types.push_back(to_payload_type(c));
  for (const auto& b : m.bandwidths) d.bandwidths.push_back(Bandwidth{b.type, b.value, {}});
  d.rtcp_mux = m.rtcp_mux;
  d.rtcp_rsize = m.rtcp_rsize;
  add_feedback(m.rtcp_fb_wildcard, d.rtcp_fbs, d.trr_int);
  for (const auto& e : sdp::effective_extmaps(s, m)) {
    HdrExt h;
    h.id = e.id;
    h.uri = e.uri;
    h.senders = to_senders(e.direction, author);
    h.parameters = extmap_parameters(e.attributes);
    d.hdrexts.push_back(std::move(h));
  }
  // RFC 8285 §6 allows the session level (Chromium) or the media level; XEP-0294 puts it in
  // every description (as Conversations does).
  d.extmap_allow_mixed = s.extmap_allow_mixed || m.extmap_allow_mixed;
  d.ssrc_groups.reserve(m.ssrc_groups.size());
  for (const auto& g : m.ssrc_groups) d.ssrc_groups.push_back(SsrcGroup{g.semantics, g.ssrcs, {}});
  // a=msid as StanzaJS's <stream/> (no XEP carries it; Chromium's answers have no source msid).
  for (const auto& id : m.msids) d.streams.push_back(MsidStream{id.stream, id.track, {}});
  d.sources.reserve(m.sources.size());
  for (const auto& src : m.sources) {
    Source out;
    out.ssrc = src.ssrc;
    for (const auto& a : src.attributes) out.parameters.push_back(Parameter{a.name, a.value});
    d.sources.push_back(std::move(out));
  }
  return d;
}

Result<void> from_rtp_description(const RtpDescription& d, Senders senders, Role author, sdp::Media& m) {
  m.formats.reserve(d.payload_types.size());
  m.codecs.reserve(d.payload_types.size());
  std::array<bool, 256> seen{};
  for (const auto& p : d.payload_types) {
    // A payload type said twice: the first one counts (an SDP lists each once, RFC 8866 §5.14).
    if (std::exchange(seen[p.id], true)) continue;
    if (p.id > 127)  // RTP payload types have 7 bits (RFC 3550 §5.1)
      return fail(Errc::translation_failed, "payload type " + std::to_string(p.id) + " is not 0-127");
    char buf[4];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<unsigned>(p.id));
    (void)ec;
    m.formats.emplace_back(buf, end);
    m.codecs.push_back(to_codec(p, d.media));
  }
  for (const auto& b : d.bandwidths) m.bandwidths.push_back(sdp::Bandwidth{b.type, b.value});
  m.rtcp_mux = d.rtcp_mux;
  m.rtcp_rsize = d.rtcp_rsize;
  feedback_lines(d.rtcp_fbs, d.trr_int, m.rtcp_fb_wildcard);
  for (const auto& h : d.hdrexts) {
    sdp::Extmap e;
    e.id = h.id;
    e.uri = h.uri;
    e.direction = h.senders == Senders::both ? sdp::Direction::absent : to_direction(h.senders, author);
    for (const auto& p : h.parameters) {
      if (!e.attributes.empty()) e.attributes += ' ';
      e.attributes += p.value ? p.name + "=" + *p.value : p.name;
    }
    m.extmaps.push_back(std::move(e));
  }
  m.extmap_allow_mixed = d.extmap_allow_mixed;
  m.direction = to_direction(senders, author);
  for (const auto& g : d.ssrc_groups) m.ssrc_groups.push_back(sdp::SsrcGroup{g.semantics, g.ssrcs});
  for (const auto& src : d.sources) {
    sdp::Source out;
    out.ssrc = src.ssrc;
    for (const auto& p : src.parameters) {
      out.attributes.push_back(sdp::SsrcAttribute{p.name, p.value});
      // Unified Plan needs a=msid to give the track its stream (RFC 8830); a source's msid
      // parameter says it when the peer did not send the line (Conversations, Monal).
      if (p.name == "msid" && p.value && m.msids.empty()) {
        const auto sp = p.value->find(' ');
        m.msids.push_back(sdp::Msid{p.value->substr(0, sp), sp == std::string::npos ? "" : p.value->substr(sp + 1)});
      }
    }
    m.sources.push_back(std::move(out));
  }
  // StanzaJS's non-XEP <stream/> says a=msid exactly; it wins over what sources imply.
  if (!d.streams.empty()) {
    m.msids.clear();
    for (const auto& st : d.streams) m.msids.push_back(sdp::Msid{st.id, st.track});
  }
  return Ok{};
}

}  // namespace mapping
}  // namespace jinglegate::jingle

// SDP media sections (RFC 8866 §5.14) and their WebRTC attributes (RFC 8829 §5.2): the
// MediaParser of sdp_parser.hpp, and the attribute-name table both levels use.
#include <algorithm>

#include "jingle/sdp/attributes.hpp"
#include "jingle/sdp/candidate.hpp"
#include "jingle/sdp/sdp_parser.hpp"
#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp::detail {

using text::bad_line;
using text::number;
using text::set_once;

namespace {
constexpr std::uint8_t kNoCodec = 0xFF;
}

// By length first: one switch and a few comparisons per line, most frequent names first.
Attr classify(std::string_view n) {
  switch (n.size()) {
    case 3: return n == "mid" ? Attr::mid : n == "rid" ? Attr::rid : Attr::other;
    case 4:
      if (n == "fmtp") return Attr::fmtp;
      if (n == "ssrc") return Attr::ssrc;
      if (n == "rtcp") return Attr::rtcp;
      return n == "msid" ? Attr::msid : Attr::other;
    case 5:
      if (n == "setup") return Attr::setup;
      if (n == "group") return Attr::group;
      if (n == "ptime") return Attr::ptime;
      return n == "label" ? Attr::label : Attr::other;
    case 6: return n == "rtpmap" ? Attr::rtpmap : n == "extmap" ? Attr::extmap : Attr::other;
    case 7:
      if (n == "rtcp-fb") return Attr::rtcp_fb;
      if (n == "ice-pwd") return Attr::ice_pwd;
      if (n == "rtcp-xr") return Attr::rtcp_xr;
      return n == "sctpmap" ? Attr::sctpmap : Attr::other;
    case 8:
      if (n == "sendrecv" || n == "sendonly" || n == "recvonly" || n == "inactive") {
        return Attr::direction;
      }
      if (n == "rtcp-mux") return Attr::rtcp_mux;
      if (n == "ice-lite") return Attr::ice_lite;
      return n == "maxptime" ? Attr::maxptime : Attr::other;
    case 9:
      if (n == "candidate") return Attr::candidate;
      if (n == "ice-ufrag") return Attr::ice_ufrag;
      if (n == "sctp-port") return Attr::sctp_port;
      if (n == "simulcast") return Attr::simulcast;
      return n == "framerate" ? Attr::framerate : Attr::other;
    case 10:
      if (n == "rtcp-rsize") return Attr::rtcp_rsize;
      return n == "ssrc-group" ? Attr::ssrc_group : Attr::other;
    case 11:
      if (n == "fingerprint") return Attr::fingerprint;
      if (n == "ice-options") return Attr::ice_options;
      return n == "bundle-only" ? Attr::bundle_only : Attr::other;
    case 13:
      if (n == "msid-semantic") return Attr::msid_semantic;
      if (n == "rtcp-mux-only") return Attr::rtcp_mux_only;
      return n == "packetization" ? Attr::packetization : Attr::other;
    case 16: return n == "max-message-size" ? Attr::max_message_size : Attr::other;
    case 17: return n == "end-of-candidates" ? Attr::end_of_candidates : Attr::other;
    case 18: return n == "extmap-allow-mixed" ? Attr::extmap_allow_mixed : Attr::other;
    default: return Attr::other;
  }
}

void MediaParser::start(Media m) {
  m_ = std::move(m);
  pt_index_.fill(kNoCodec);
  last_ = MediaSlot::start;
  last_index_ = 0;
  candidate_ = false;
}

Result<void> MediaParser::line(char type, std::string_view value) {
  switch (type) {
    case 'a': return attribute(value);
    case 'i': return set_once(m_.info, value, "i=");
    case 'k': return set_once(m_.key, value, "k=");
    case 'c': {
      JG_TRY(auto c, attr::connection(value));
      m_.connections.push_back(std::move(c));
      return Ok{};
    }
    case 'b': {
      JG_TRY(auto b, attr::bandwidth(value));
      m_.bandwidths.push_back(std::move(b));
      return Ok{};
    }
    default: return bad_line("line type not allowed in a media section", std::string_view(&type, 1));
  }
}

Result<void> MediaParser::attribute(std::string_view text) {
  const auto [name, value] = split_attribute(text);
  switch (const Attr a = classify(name)) {
    case Attr::bundle_only: case Attr::rtcp: case Attr::candidate: case Attr::end_of_candidates:
    case Attr::ice_ufrag: case Attr::ice_pwd: case Attr::ice_options: case Attr::fingerprint:
    case Attr::setup: case Attr::mid: case Attr::sctp_port: case Attr::max_message_size:
    case Attr::sctpmap:
      return transport(a, name, value);
    case Attr::extmap_allow_mixed: case Attr::extmap: case Attr::direction: case Attr::msid:
    case Attr::rtcp_mux: case Attr::rtcp_mux_only: case Attr::rtcp_rsize: case Attr::rtcp_xr:
    case Attr::maxptime: case Attr::ptime: case Attr::framerate: case Attr::label:
      return rtp(a, name, value);
    case Attr::rtpmap: case Attr::packetization: case Attr::rtcp_fb: case Attr::fmtp:
      return payload(a, name, value);
    case Attr::ssrc_group: case Attr::ssrc: case Attr::rid: case Attr::simulcast:
      return streams(a, name, value);
    default:  // unknown, or a session-level attribute written at media level: kept
      m_.other.push_back({std::string(text), last_, last_index_});
      return Ok{};
  }
}

Result<void> MediaParser::mark(MediaSlot slot, std::size_t index) {
  last_ = slot;
  last_index_ = static_cast<std::uint32_t>(index);
  return Ok{};
}

// ICE, DTLS, mid and SCTP: the transport half of a section.
Result<void> MediaParser::transport(Attr a, std::string_view name, const AttrValue& value) {
  switch (a) {
    case Attr::bundle_only:
      JG_CHECK(set_flag(m_.bundle_only, name, value));
      return mark(MediaSlot::bundle_only);
    case Attr::end_of_candidates:
      JG_CHECK(set_flag(m_.end_of_candidates, name, value));
      return mark(MediaSlot::end_of_candidates);
    case Attr::ice_ufrag: JG_CHECK(set_text(m_.ice_ufrag, name, value)); return mark(MediaSlot::ice_ufrag);
    case Attr::ice_pwd: JG_CHECK(set_text(m_.ice_pwd, name, value)); return mark(MediaSlot::ice_pwd);
    case Attr::mid: JG_CHECK(set_text(m_.mid, name, value)); return mark(MediaSlot::mid);
    case Attr::setup: JG_CHECK(set_setup(m_.setup, name, value)); return mark(MediaSlot::setup);
    case Attr::ice_options:
      JG_CHECK(set_ice_options(m_.ice_options, name, value));
      return mark(MediaSlot::ice_options);
    default: break;
  }
  JG_TRY(auto v, need_value(name, value));
  switch (a) {
    case Attr::candidate: {
      JG_TRY(auto c, parse_candidate_value(v));
      m_.candidates.push_back(std::move(c));
      candidate_ = true;
      return mark(MediaSlot::candidate, m_.candidates.size() - 1);
    }
    case Attr::rtcp: {
      JG_TRY(auto r, attr::rtcp(v));
      JG_CHECK(set_once(m_.rtcp, std::move(r), name));
      return mark(MediaSlot::rtcp);
    }
    case Attr::fingerprint: {
      JG_TRY(auto fp, attr::fingerprint(v));
      m_.fingerprints.push_back(std::move(fp));
      return mark(MediaSlot::fingerprint, m_.fingerprints.size() - 1);
    }
    case Attr::sctp_port: {
      JG_TRY(auto port, number<std::uint16_t>(v, "sctp-port"));
      JG_CHECK(set_once(m_.sctp_port, port, name));
      return mark(MediaSlot::sctp_port);
    }
    case Attr::max_message_size: {
      JG_TRY(auto size, number<std::uint64_t>(v, "max-message-size"));
      JG_CHECK(set_once(m_.max_message_size, size, name));
      return mark(MediaSlot::max_message_size);
    }
    default: {  // Attr::sctpmap
      JG_TRY(auto map, attr::sctpmap(v));
      JG_CHECK(set_once(m_.sctpmap, std::move(map), name));
      return mark(MediaSlot::sctpmap);
    }
  }
}

// Header extensions, direction, msid, RTCP flags and packet timing.
Result<void> MediaParser::rtp(Attr a, std::string_view name, const AttrValue& value) {
  switch (a) {
    case Attr::extmap_allow_mixed:
      JG_CHECK(set_flag(m_.extmap_allow_mixed, name, value));
      return mark(MediaSlot::extmap_allow_mixed);
    case Attr::direction: JG_CHECK(set_direction(m_.direction, name, value)); return mark(MediaSlot::direction);
    case Attr::rtcp_mux: JG_CHECK(set_flag(m_.rtcp_mux, name, value)); return mark(MediaSlot::rtcp_mux);
    case Attr::rtcp_mux_only:
      JG_CHECK(set_flag(m_.rtcp_mux_only, name, value));
      return mark(MediaSlot::rtcp_mux_only);
    case Attr::rtcp_rsize: JG_CHECK(set_flag(m_.rtcp_rsize, name, value)); return mark(MediaSlot::rtcp_rsize);
    case Attr::rtcp_xr:  // RFC 3611 §5.1: the value is optional
      JG_CHECK(set_once(m_.rtcp_xr, value.value_or(""), name));
      return mark(MediaSlot::rtcp_xr);
    case Attr::framerate: JG_CHECK(set_text(m_.framerate, name, value)); return mark(MediaSlot::framerate);
    case Attr::label: JG_CHECK(set_text(m_.label, name, value)); return mark(MediaSlot::label);
    default: break;
  }
  JG_TRY(auto v, need_value(name, value));
  switch (a) {
    case Attr::extmap: {
      JG_TRY(auto e, attr::extmap(v));
      m_.extmaps.push_back(std::move(e));
      return mark(MediaSlot::extmap, m_.extmaps.size() - 1);
    }
    case Attr::msid: {
      JG_TRY(auto msid, attr::msid(v));
      m_.msids.push_back(std::move(msid));
      return mark(MediaSlot::msid, m_.msids.size() - 1);
    }
    case Attr::maxptime: {
      JG_TRY(auto ms, number<std::uint32_t>(v, "maxptime"));
      JG_CHECK(set_once(m_.maxptime, ms, name));
      return mark(MediaSlot::maxptime);
    }
    default: {  // Attr::ptime
      JG_TRY(auto ms, number<std::uint32_t>(v, "ptime"));
      JG_CHECK(set_once(m_.ptime, ms, name));
      return mark(MediaSlot::ptime);
    }
  }
}

// a=rtpmap, a=packetization, a=rtcp-fb and a=fmtp: "<pt> <rest>", gathered per payload type.
Result<void> MediaParser::payload(Attr a, std::string_view name, const AttrValue& value) {
  JG_TRY(auto v, need_value(name, value));
  const auto parts = text::split_once(v, ' ');
  const auto pt_text = parts ? parts->first : v;
  if (!parts) return bad_line(std::string(name).append(" needs <pt> <value>"), v);
  const auto rest = parts->second;
  if (a == Attr::rtcp_fb && pt_text == "*") {
    JG_TRY(auto fb, attr::rtcp_fb(rest));
    m_.rtcp_fb_wildcard.push_back(std::move(fb));
    return mark(MediaSlot::rtcp_fb_wildcard, m_.rtcp_fb_wildcard.size() - 1);
  }
  JG_TRY(auto pt, attr::payload_type(pt_text));
  const std::size_t i = codec_index(pt);
  Codec& c = m_.codecs[i];
  switch (a) {
    case Attr::rtpmap: {
      JG_TRY(auto map, attr::rtpmap(rest));
      JG_CHECK(set_once(c.rtpmap, std::move(map), name));
      break;
    }
    case Attr::rtcp_fb: {
      JG_TRY(auto fb, attr::rtcp_fb(rest));
      c.rtcp_fb.push_back(std::move(fb));
      break;
    }
    case Attr::fmtp: JG_CHECK(set_once(c.fmtp, attr::fmtp(rest), name)); break;
    default:  // Attr::packetization
      if (rest.empty()) return bad_line("packetization needs a format", v);
      JG_CHECK(set_once(c.packetization, rest, name));
  }
  return mark(MediaSlot::codec, i);
}

// Sources, groups of sources, rids and simulcast.
Result<void> MediaParser::streams(Attr a, std::string_view name, const AttrValue& value) {
  JG_TRY(auto v, need_value(name, value));
  switch (a) {
    case Attr::ssrc: {
      JG_TRY(auto line, attr::ssrc(v));
      const std::size_t i = source_index(line.first);
      m_.sources[i].attributes.push_back(std::move(line.second));
      return mark(MediaSlot::ssrc, i);
    }
    case Attr::ssrc_group: {
      JG_TRY(auto g, attr::ssrc_group(v));
      m_.ssrc_groups.push_back(std::move(g));
      return mark(MediaSlot::ssrc_group, m_.ssrc_groups.size() - 1);
    }
    case Attr::rid: {
      JG_TRY(auto r, attr::rid(v));
      m_.rids.push_back(std::move(r));
      return mark(MediaSlot::rid, m_.rids.size() - 1);
    }
    default: {  // Attr::simulcast
      JG_TRY(auto s, attr::simulcast(v));
      JG_CHECK(set_once(m_.simulcast, std::move(s), name));
      return mark(MediaSlot::simulcast);
    }
  }
}

std::size_t MediaParser::codec_index(std::uint8_t pt) {
  if (pt_index_[pt] == kNoCodec) {
    pt_index_[pt] = static_cast<std::uint8_t>(m_.codecs.size());
    if (m_.codecs.empty()) m_.codecs.reserve(m_.formats.size());
    m_.codecs.emplace_back().pt = pt;
  }
  return pt_index_[pt];
}

std::size_t MediaParser::source_index(std::uint32_t ssrc) {
  auto& sources = m_.sources;
  // Chromium writes each ssrc's lines together: the last source is almost always the one.
  if (!sources.empty() && sources.back().ssrc == ssrc) return sources.size() - 1;
  const auto it = std::find_if(sources.begin(), sources.end(),
                               [&](const Source& s) { return s.ssrc == ssrc; });
  if (it != sources.end()) return static_cast<std::size_t>(it - sources.begin());
  sources.emplace_back().ssrc = ssrc;
  return sources.size() - 1;
}

Media MediaParser::finish() {
  order_codecs();
  sort_kept(m_.other);
  return std::move(m_);
}

// Puts the codecs in the m= line's order (Firefox writes a=fmtp before a=rtpmap), the ones the
// m= line does not list last, and re-points kept attributes anchored to a codec.
void MediaParser::order_codecs() {
  const std::size_t n = m_.codecs.size();
  if (n < 2) return;
  std::array<std::uint16_t, 128> position;
  position.fill(0xFFFF);
  for (std::size_t i = 0; i < m_.formats.size(); ++i) {
    const auto pt = text::to_uint<std::uint8_t>(m_.formats[i]);
    if (pt && *pt < 128 && position[*pt] == 0xFFFF) position[*pt] = static_cast<std::uint16_t>(i);
  }
  std::array<std::size_t, 128> rank;
  for (std::size_t k = 0; k < n; ++k) {
    const auto p = position[m_.codecs[k].pt];
    rank[k] = p != 0xFFFF ? p : m_.formats.size() + k;
  }
  if (std::is_sorted(rank.begin(), rank.begin() + n)) return;
  std::array<std::uint8_t, 128> order;  // new position -> old index
  for (std::size_t k = 0; k < n; ++k) order[k] = static_cast<std::uint8_t>(k);
  std::sort(order.begin(), order.begin() + n, [&](auto x, auto y) { return rank[x] < rank[y]; });
  std::array<std::uint32_t, 128> moved_to;  // old index -> new position
  std::vector<Codec> sorted;
  sorted.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    moved_to[order[k]] = static_cast<std::uint32_t>(k);
    sorted.push_back(std::move(m_.codecs[order[k]]));
  }
  m_.codecs = std::move(sorted);
  for (auto& kept : m_.other) {
    if (kept.after == MediaSlot::codec) kept.index = moved_to[kept.index];
  }
}

}  // namespace jinglegate::jingle::sdp::detail

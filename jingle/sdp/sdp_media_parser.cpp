// SDP media sections (RFC 8866 §5.14) and their WebRTC attributes (RFC 8829 §5.2): the
// MediaParser of sdp_parser.hpp, and the attribute-name table both levels use.
#include <algorithm>
#include <cstring>

#include "jingle/sdp/attributes.hpp"
#include "jingle/sdp/candidate.hpp"
#include "jingle/sdp/sdp_parser.hpp"
#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp::detail {

using text::bad_line;
using text::bad_value;
using text::number;
using text::set_once;

namespace {

constexpr std::uint8_t kNoCodec = 0xFF;

// `n` equals the literal: a fixed-length compare the compiler inlines.
template <std::size_t N>
bool is(std::string_view n, const char (&literal)[N]) {
  return n.size() == N - 1 && std::memcmp(n.data(), literal, N - 1) == 0;
}

}  // namespace

// By length first: one switch and a few comparisons per line, most frequent names first.
Attr classify(std::string_view n) {
  switch (n.size()) {
    case 3: return is(n, "mid") ? Attr::mid : is(n, "rid") ? Attr::rid : Attr::other;
    case 4:
      if (is(n, "fmtp")) return Attr::fmtp;
      if (is(n, "ssrc")) return Attr::ssrc;
      if (is(n, "rtcp")) return Attr::rtcp;
      return is(n, "msid") ? Attr::msid : Attr::other;
    case 5:
      if (is(n, "setup")) return Attr::setup;
      if (is(n, "group")) return Attr::group;
      if (is(n, "ptime")) return Attr::ptime;
      return is(n, "label") ? Attr::label : Attr::other;
    case 6: return is(n, "rtpmap") ? Attr::rtpmap : is(n, "extmap") ? Attr::extmap : Attr::other;
    case 7:
      if (is(n, "rtcp-fb")) return Attr::rtcp_fb;
      if (is(n, "ice-pwd")) return Attr::ice_pwd;
      if (is(n, "rtcp-xr")) return Attr::rtcp_xr;
      return is(n, "sctpmap") ? Attr::sctpmap : Attr::other;
    case 8:
      if (is(n, "sendrecv") || is(n, "sendonly") || is(n, "recvonly") || is(n, "inactive")) {
        return Attr::direction;
      }
      if (is(n, "rtcp-mux")) return Attr::rtcp_mux;
      if (is(n, "ice-lite")) return Attr::ice_lite;
      return is(n, "maxptime") ? Attr::maxptime : Attr::other;
    case 9:
      if (is(n, "candidate")) return Attr::candidate;
      if (is(n, "ice-ufrag")) return Attr::ice_ufrag;
      if (is(n, "sctp-port")) return Attr::sctp_port;
      if (is(n, "simulcast")) return Attr::simulcast;
      return is(n, "framerate") ? Attr::framerate : Attr::other;
    case 10:
      if (is(n, "rtcp-rsize")) return Attr::rtcp_rsize;
      return is(n, "ssrc-group") ? Attr::ssrc_group : Attr::other;
    case 11:
      if (is(n, "fingerprint")) return Attr::fingerprint;
      if (is(n, "ice-options")) return Attr::ice_options;
      return is(n, "bundle-only") ? Attr::bundle_only : Attr::other;
    case 13:
      if (is(n, "msid-semantic")) return Attr::msid_semantic;
      if (is(n, "rtcp-mux-only")) return Attr::rtcp_mux_only;
      return is(n, "packetization") ? Attr::packetization : Attr::other;
    case 16: return is(n, "max-message-size") ? Attr::max_message_size : Attr::other;
    case 17: return is(n, "end-of-candidates") ? Attr::end_of_candidates : Attr::other;
    case 18: return is(n, "extmap-allow-mixed") ? Attr::extmap_allow_mixed : Attr::other;
    default: return Attr::other;
  }
}

void MediaParser::start(Media& m) {
  m_ = &m;
  pt_index_.fill(kNoCodec);
  last_ = MediaSlot::start;
  last_index_ = 0;
  candidate_ = false;
}

bool MediaParser::line(char type, std::string_view value) {
  switch (type) {
    case 'a': return attribute(value);
    case 'i': return err_.check(set_once(m_->info, value, "i="));
    case 'k': return err_.check(set_once(m_->key, value, "k="));
    case 'c': {
      SDP_TRY(err_, auto c, attr::connection(value));
      m_->connections.push_back(std::move(c));
      return true;
    }
    case 'b': {
      SDP_TRY(err_, auto b, attr::bandwidth(value));
      m_->bandwidths.push_back(std::move(b));
      return true;
    }
    default:
      return err_.set(
          bad_line("line type not allowed in a media section", std::string_view(&type, 1)));
  }
}

bool MediaParser::attribute(std::string_view text) {
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
      m_->other.push_back({std::string(text), last_, last_index_});
      return true;
  }
}

// ICE, DTLS, mid and SCTP: the transport half of a section.
bool MediaParser::transport(Attr a, std::string_view name, const AttrValue& value) {
  using S = MediaSlot;
  switch (a) {
    case Attr::bundle_only:
      return set_flag(err_, m_->bundle_only, name, value) && mark(S::bundle_only);
    case Attr::end_of_candidates:
      return set_flag(err_, m_->end_of_candidates, name, value) && mark(S::end_of_candidates);
    case Attr::ice_ufrag: return set_text(err_, m_->ice_ufrag, name, value) && mark(S::ice_ufrag);
    case Attr::ice_pwd: return set_text(err_, m_->ice_pwd, name, value) && mark(S::ice_pwd);
    case Attr::mid: return set_text(err_, m_->mid, name, value) && mark(S::mid);
    case Attr::setup: return set_setup(err_, m_->setup, name, value) && mark(S::setup);
    case Attr::ice_options:
      return set_ice_options(err_, m_->ice_options, name, value) && mark(S::ice_options);
    default: break;
  }
  SDP_TRY(err_, auto v, need_value(name, value));
  switch (a) {
    case Attr::candidate:
      if (m_->candidates.empty()) m_->candidates.reserve(4);
      SDP_CHECK(err_, parse_candidate_into(v, m_->candidates.emplace_back()));
      candidate_ = true;
      return mark(S::candidate, m_->candidates.size() - 1);
    case Attr::rtcp: {
      SDP_TRY(err_, auto r, attr::rtcp(v));
      SDP_CHECK(err_, set_once(m_->rtcp, std::move(r), name));
      return mark(S::rtcp);
    }
    case Attr::fingerprint: {
      SDP_TRY(err_, auto fp, attr::fingerprint(v));
      m_->fingerprints.push_back(std::move(fp));
      return mark(S::fingerprint, m_->fingerprints.size() - 1);
    }
    case Attr::sctp_port: {
      SDP_TRY(err_, auto port, number<std::uint16_t>(v, "sctp-port"));
      SDP_CHECK(err_, set_once(m_->sctp_port, port, name));
      return mark(S::sctp_port);
    }
    case Attr::max_message_size: {
      SDP_TRY(err_, auto size, number<std::uint64_t>(v, "max-message-size"));
      SDP_CHECK(err_, set_once(m_->max_message_size, size, name));
      return mark(S::max_message_size);
    }
    default: {  // Attr::sctpmap
      SDP_TRY(err_, auto map, attr::sctpmap(v));
      SDP_CHECK(err_, set_once(m_->sctpmap, std::move(map), name));
      return mark(S::sctpmap);
    }
  }
}

// Header extensions, direction, msid, RTCP flags and packet timing.
bool MediaParser::rtp(Attr a, std::string_view name, const AttrValue& value) {
  using S = MediaSlot;
  switch (a) {
    case Attr::extmap_allow_mixed:
      return set_flag(err_, m_->extmap_allow_mixed, name, value) && mark(S::extmap_allow_mixed);
    case Attr::direction:
      return set_direction(err_, m_->direction, name, value) && mark(S::direction);
    case Attr::rtcp_mux: return set_flag(err_, m_->rtcp_mux, name, value) && mark(S::rtcp_mux);
    case Attr::rtcp_mux_only:
      return set_flag(err_, m_->rtcp_mux_only, name, value) && mark(S::rtcp_mux_only);
    case Attr::rtcp_rsize:
      return set_flag(err_, m_->rtcp_rsize, name, value) && mark(S::rtcp_rsize);
    case Attr::rtcp_xr:  // RFC 3611 §5.1: the value is optional
      SDP_CHECK(err_, set_once(m_->rtcp_xr, value.value_or(""), name));
      return mark(S::rtcp_xr);
    case Attr::framerate: return set_text(err_, m_->framerate, name, value) && mark(S::framerate);
    case Attr::label: return set_text(err_, m_->label, name, value) && mark(S::label);
    default: break;
  }
  SDP_TRY(err_, auto v, need_value(name, value));
  switch (a) {
    case Attr::extmap:
      if (m_->extmaps.empty()) m_->extmaps.reserve(12);  // Chromium video: 11 to 14
      SDP_CHECK(err_, attr::extmap(v, m_->extmaps.emplace_back()));
      return mark(S::extmap, m_->extmaps.size() - 1);
    case Attr::msid: {
      SDP_TRY(err_, auto msid, attr::msid(v));
      m_->msids.push_back(std::move(msid));
      return mark(S::msid, m_->msids.size() - 1);
    }
    case Attr::maxptime: {
      SDP_TRY(err_, auto ms, number<std::uint32_t>(v, "maxptime"));
      SDP_CHECK(err_, set_once(m_->maxptime, ms, name));
      return mark(S::maxptime);
    }
    default: {  // Attr::ptime
      SDP_TRY(err_, auto ms, number<std::uint32_t>(v, "ptime"));
      SDP_CHECK(err_, set_once(m_->ptime, ms, name));
      return mark(S::ptime);
    }
  }
}

// a=rtpmap, a=packetization, a=rtcp-fb and a=fmtp: "<pt> <rest>", gathered per payload type.
bool MediaParser::payload(Attr a, std::string_view name, const AttrValue& value) {
  SDP_TRY(err_, auto v, need_value(name, value));
  const auto parts = text::split_once(v, ' ');
  if (!parts) return err_.set(bad_line(std::string(name).append(" needs <pt> <value>"), v));
  const auto [pt_text, rest] = *parts;
  if (a == Attr::rtcp_fb && pt_text == "*") {
    SDP_CHECK(err_, attr::rtcp_fb(rest, m_->rtcp_fb_wildcard.emplace_back()));
    return mark(MediaSlot::rtcp_fb_wildcard, m_->rtcp_fb_wildcard.size() - 1);
  }
  SDP_TRY(err_, auto pt, attr::payload_type(pt_text));
  const std::size_t i = codec_index(pt);
  Codec& c = m_->codecs[i];
  switch (a) {
    case Attr::rtpmap:
      if (c.rtpmap) return err_.set(bad_value("duplicate", name));
      SDP_CHECK(err_, attr::rtpmap(rest, c.rtpmap.emplace()));
      break;
    case Attr::rtcp_fb:
      if (c.rtcp_fb.empty()) c.rtcp_fb.reserve(6);  // Chromium video: 5 per codec
      SDP_CHECK(err_, attr::rtcp_fb(rest, c.rtcp_fb.emplace_back()));
      break;
    case Attr::fmtp: SDP_CHECK(err_, set_once(c.fmtp, Fmtp{std::string(rest)}, name)); break;
    default:  // Attr::packetization
      if (rest.empty()) return err_.set(bad_line("packetization needs a format", v));
      SDP_CHECK(err_, set_once(c.packetization, rest, name));
  }
  return mark(MediaSlot::codec, i);
}

// Sources, groups of sources, rids and simulcast.
bool MediaParser::streams(Attr a, std::string_view name, const AttrValue& value) {
  SDP_TRY(err_, auto v, need_value(name, value));
  switch (a) {
    case Attr::ssrc: {
      SDP_TRY(err_, auto line, attr::ssrc(v));
      const std::size_t i = source_index(line.first);
      m_->sources[i].attributes.push_back(std::move(line.second));
      return mark(MediaSlot::ssrc, i);
    }
    case Attr::ssrc_group: {
      SDP_TRY(err_, auto g, attr::ssrc_group(v));
      m_->ssrc_groups.push_back(std::move(g));
      return mark(MediaSlot::ssrc_group, m_->ssrc_groups.size() - 1);
    }
    case Attr::rid: {
      SDP_TRY(err_, auto r, attr::rid(v));
      m_->rids.push_back(std::move(r));
      return mark(MediaSlot::rid, m_->rids.size() - 1);
    }
    default: {  // Attr::simulcast
      SDP_TRY(err_, auto sc, attr::simulcast(v));
      SDP_CHECK(err_, set_once(m_->simulcast, std::move(sc), name));
      return mark(MediaSlot::simulcast);
    }
  }
}

std::size_t MediaParser::codec_index(std::uint8_t pt) {
  if (pt_index_[pt] == kNoCodec) {
    pt_index_[pt] = static_cast<std::uint8_t>(m_->codecs.size());
    // At most 128 payload types exist, whatever the m= line lists.
    if (m_->codecs.empty()) m_->codecs.reserve(std::min<std::size_t>(m_->formats.size(), 128));
    m_->codecs.emplace_back().pt = pt;
  }
  return pt_index_[pt];
}

std::size_t MediaParser::source_index(std::uint32_t ssrc) {
  auto& sources = m_->sources;
  // Chromium writes each ssrc's lines together: the last source is almost always the one.
  if (!sources.empty() && sources.back().ssrc == ssrc) return sources.size() - 1;
  const auto it = std::find_if(sources.begin(), sources.end(),
                               [&](const Source& s) { return s.ssrc == ssrc; });
  if (it != sources.end()) return static_cast<std::size_t>(it - sources.begin());
  sources.emplace_back().ssrc = ssrc;
  return sources.size() - 1;
}

void MediaParser::finish() {
  order_codecs();
  sort_kept(m_->other);
}

// Puts the codecs in the m= line's order (Firefox writes a=fmtp before a=rtpmap), the ones the
// m= line does not list last, and re-points kept attributes anchored to a codec.
void MediaParser::order_codecs() {
  const std::size_t n = m_->codecs.size();
  if (n < 2) return;
  std::array<std::uint16_t, 128> position;
  position.fill(0xFFFF);
  for (std::size_t i = 0; i < m_->formats.size(); ++i) {
    const auto pt = text::to_uint<std::uint8_t>(m_->formats[i]);
    if (pt && *pt < 128 && position[*pt] == 0xFFFF) position[*pt] = static_cast<std::uint16_t>(i);
  }
  std::array<std::size_t, 128> rank;
  for (std::size_t k = 0; k < n; ++k) {
    const auto p = position[m_->codecs[k].pt];
    rank[k] = p != 0xFFFF ? p : m_->formats.size() + k;
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
    sorted.push_back(std::move(m_->codecs[order[k]]));
  }
  m_->codecs = std::move(sorted);
  for (auto& kept : m_->other) {
    if (kept.after == MediaSlot::codec) kept.index = moved_to[kept.index];
  }
}

}  // namespace jinglegate::jingle::sdp::detail

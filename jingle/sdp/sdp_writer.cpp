// SDP writer (RFC 8866 §5): CRLF lines in Chromium's order (webrtc_sdp.cc), sized first and
// written into one buffer. Kept attributes go back after the line they followed.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <vector>

#include "jingle/sdp/emit.hpp"
#include "jingle/sdp/sdp.hpp"

namespace jinglegate::jingle::sdp {

namespace {

constexpr std::uint32_t kAll = std::numeric_limits<std::uint32_t>::max();

template <class Out>
void line(Out& o, std::string_view head, std::string_view value = {}) {
  o.put(head);
  o.put(value);
  o.put("\r\n");
}

// Puts kept attributes back: after the index-th line of their slot, or at the end of the slot
// when that line is gone. Slots are visited in their enum order, which is the writing order.
template <class Slot>
class KeptWriter {
 public:
  explicit KeptWriter(const std::vector<KeptAttribute<Slot>>& kept) {
    if (kept.empty()) return;
    order_.reserve(kept.size());
    for (const auto& k : kept) order_.push_back(&k);
    std::stable_sort(order_.begin(), order_.end(),
                     [](const auto* a, const auto* b) { return key(*a) < key(*b); });
  }
  template <class Out>
  void flush(Out& o, Slot slot, std::uint32_t index = kAll) {
    const auto until = key(slot, index);
    for (; next_ < order_.size() && key(*order_[next_]) <= until; ++next_) {
      line(o, "a=", order_[next_]->text);
    }
  }
  template <class Out>
  void rest(Out& o) {
    for (; next_ < order_.size(); ++next_) line(o, "a=", order_[next_]->text);
  }

 private:
  static std::uint64_t key(Slot slot, std::uint32_t index) {
    return (static_cast<std::uint64_t>(slot) << 32) | index;
  }
  static std::uint64_t key(const KeptAttribute<Slot>& k) { return key(k.after, k.index); }
  std::vector<const KeptAttribute<Slot>*> order_;
  std::size_t next_ = 0;
};

// Writes each element, each followed by the kept attributes that came after it.
template <class Out, class Slot, class T, class Fn>
void each(Out& o, KeptWriter<Slot>& kept, Slot slot, const std::vector<T>& list, Fn&& write) {
  for (std::uint32_t i = 0; i < list.size(); ++i) {
    write(list[i]);
    kept.flush(o, slot, i);
  }
  kept.flush(o, slot);
}

template <class Out>
void flag(Out& o, bool on, std::string_view text) {
  if (on) line(o, text);
}

template <class Out>
void text(Out& o, const std::optional<std::string>& v, std::string_view head) {
  if (v) line(o, head, *v);
}

template <class Out, class T>
void number(Out& o, const std::optional<T>& v, std::string_view head) {
  if (!v) return;
  o.put(head);
  o.num(*v);
  o.put("\r\n");
}

template <class Out>
void connection(Out& o, const Connection& c) {
  o.put(c.nettype);
  o.put(' ');
  o.put(c.addrtype);
  o.put(' ');
  o.put(c.address);
}

template <class Out>
void words(Out& o, std::span<const std::string> list) {
  for (const auto& w : list) {
    o.put(' ');
    o.put(w);
  }
}

template <class Out>
void bandwidths(Out& o, const std::vector<Bandwidth>& list) {
  for (const auto& b : list) {
    o.put("b=");
    o.put(b.type);
    o.put(':');
    o.num(b.value);
    o.put("\r\n");
  }
}

template <class Out>
void ice_options(Out& o, const std::vector<std::string>& options) {
  if (options.empty()) return;
  o.put("a=ice-options:");
  o.put(options.front());
  words(o, std::span(options).subspan(1));
  o.put("\r\n");
}

template <class Out>
void fingerprint(Out& o, const Fingerprint& f) {
  o.put("a=fingerprint:");
  o.put(f.hash);
  o.put(' ');
  line(o, f.value);
}

template <class Out>
void setup(Out& o, const std::optional<Setup>& s) {
  if (s) line(o, "a=setup:", setup_name(*s));
}

template <class Out>
void direction(Out& o, Direction d) {
  if (d != Direction::absent) line(o, "a=", direction_name(d));
}

template <class Out>
void extmap(Out& o, const Extmap& e) {
  o.put("a=extmap:");
  o.num(e.id);
  if (e.direction != Direction::absent) {
    o.put('/');
    o.put(direction_name(e.direction));
  }
  o.put(' ');
  o.put(e.uri);
  if (!e.attributes.empty()) {
    o.put(' ');
    o.put(e.attributes);
  }
  o.put("\r\n");
}

template <class Out>
void rtcp_fb(Out& o, std::string_view pt, const RtcpFb& fb) {
  o.put("a=rtcp-fb:");
  o.put(pt);
  o.put(' ');
  o.put(fb.type);
  if (!fb.params.empty()) {
    o.put(' ');
    o.put(fb.params);
  }
  o.put("\r\n");
}

// a=ice-ufrag, a=ice-pwd, a=ice-options, a=fingerprint…, a=setup: the same lines, in the same
// order, at session level (Firefox) and media level (Chromium).
template <class Out, class Slot, class Level>
void ice_and_dtls(Out& o, KeptWriter<Slot>& kept, const Level& l) {
  text(o, l.ice_ufrag, "a=ice-ufrag:");
  kept.flush(o, Slot::ice_ufrag);
  text(o, l.ice_pwd, "a=ice-pwd:");
  kept.flush(o, Slot::ice_pwd);
  ice_options(o, l.ice_options);
  kept.flush(o, Slot::ice_options);
  each(o, kept, Slot::fingerprint, l.fingerprints,
       [&](const Fingerprint& f) { fingerprint(o, f); });
  setup(o, l.setup);
  kept.flush(o, Slot::setup);
}

// v= o= s= i= u= e= p= c= b= t= r= z= k=, in RFC 8866 §5 order.
template <class Out>
void session_head(Out& o, const Session& s) {
  line(o, "v=0");
  o.put("o=");
  o.put(s.origin.username);
  o.put(' ');
  o.put(s.origin.session_id);
  o.put(' ');
  o.num(s.origin.session_version);
  o.put(' ');
  connection(o, s.origin.address);
  o.put("\r\n");
  line(o, "s=", s.name);
  text(o, s.info, "i=");
  text(o, s.uri, "u=");
  for (const auto& e : s.emails) line(o, "e=", e);
  for (const auto& p : s.phones) line(o, "p=", p);
  if (s.connection) {
    o.put("c=");
    connection(o, *s.connection);
    o.put("\r\n");
  }
  bandwidths(o, s.bandwidths);
  for (const auto& t : s.timings) {
    o.put("t=");
    o.num(t.start);
    o.put(' ');
    o.num(t.stop);
    o.put("\r\n");
    for (const auto& r : t.repeats) line(o, "r=", r);
  }
  text(o, s.zone, "z=");
  text(o, s.key, "k=");
}

// Session attributes: group, extmap-allow-mixed, msid-semantic, ice-lite (webrtc_sdp.cc
// SdpSerialize), then what Firefox writes at this level.
template <class Out>
void session_attributes(Out& o, const Session& s) {
  KeptWriter<SessionSlot> kept(s.other);
  using S = SessionSlot;
  kept.flush(o, S::start);
  each(o, kept, S::group, s.groups, [&](const Group& g) {
    o.put("a=group:");
    o.put(g.semantics);
    words(o, g.mids);
    o.put("\r\n");
  });
  flag(o, s.extmap_allow_mixed, "a=extmap-allow-mixed");
  kept.flush(o, S::extmap_allow_mixed);
  each(o, kept, S::msid_semantic, s.msid_semantics, [&](const MsidSemantic& m) {
    o.put(m.space_after_colon ? "a=msid-semantic: " : "a=msid-semantic:");
    o.put(m.semantic);
    words(o, m.ids);
    o.put("\r\n");
  });
  flag(o, s.ice_lite, "a=ice-lite");
  kept.flush(o, S::ice_lite);
  ice_and_dtls(o, kept, s);
  each(o, kept, S::extmap, s.extmaps, [&](const Extmap& e) { extmap(o, e); });
  direction(o, s.direction);
  kept.flush(o, S::direction);
  flag(o, s.end_of_candidates, "a=end-of-candidates");
  kept.rest(o);
}

// m= i= c= b= k=
template <class Out>
void media_head(Out& o, const Media& m) {
  o.put("m=");
  o.put(m.media);
  o.put(' ');
  o.num(m.port);
  if (m.port_count) {
    o.put('/');
    o.num(*m.port_count);
  }
  o.put(' ');
  o.put(m.proto);
  words(o, m.formats);
  o.put("\r\n");
  text(o, m.info, "i=");
  for (const auto& c : m.connections) {
    o.put("c=");
    connection(o, c);
    o.put("\r\n");
  }
  bandwidths(o, m.bandwidths);
  text(o, m.key, "k=");
}

// bundle-only, rtcp, candidates, ICE, DTLS, mid, SCTP (webrtc_sdp.cc BuildMediaDescription).
template <class Out>
void media_transport(Out& o, KeptWriter<MediaSlot>& kept, const Media& m) {
  using S = MediaSlot;
  kept.flush(o, S::start);
  flag(o, m.bundle_only, "a=bundle-only");
  kept.flush(o, S::bundle_only);
  if (m.rtcp) {
    o.put("a=rtcp:");
    o.num(m.rtcp->port);
    if (m.rtcp->address) {
      o.put(' ');
      connection(o, *m.rtcp->address);
    }
    o.put("\r\n");
  }
  kept.flush(o, S::rtcp);
  each(o, kept, S::candidate, m.candidates, [&](const IceCandidate& c) {
    o.put("a=");
    emit::candidate(o, c);
    o.put("\r\n");
  });
  flag(o, m.end_of_candidates, "a=end-of-candidates");
  kept.flush(o, S::end_of_candidates);
  ice_and_dtls(o, kept, m);
  text(o, m.mid, "a=mid:");
  kept.flush(o, S::mid);
  number(o, m.sctp_port, "a=sctp-port:");
  kept.flush(o, S::sctp_port);
  number(o, m.max_message_size, "a=max-message-size:");
  kept.flush(o, S::max_message_size);
  if (m.sctpmap) {
    o.put("a=sctpmap:");
    o.num(m.sctpmap->number);
    o.put(' ');
    o.put(m.sctpmap->app);
    if (m.sctpmap->streams) {
      o.put(' ');
      o.num(*m.sctpmap->streams);
    }
    o.put("\r\n");
  }
  kept.flush(o, S::sctpmap);
}

// extmap-allow-mixed, extmap, direction, msid, rtcp-mux, rtcp-rsize, rtcp-xr
// (webrtc_sdp.cc BuildRtpContentAttributes).
template <class Out>
void media_rtp(Out& o, KeptWriter<MediaSlot>& kept, const Media& m) {
  using S = MediaSlot;
  flag(o, m.extmap_allow_mixed, "a=extmap-allow-mixed");
  kept.flush(o, S::extmap_allow_mixed);
  each(o, kept, S::extmap, m.extmaps, [&](const Extmap& e) { extmap(o, e); });
  direction(o, m.direction);
  kept.flush(o, S::direction);
  each(o, kept, S::msid, m.msids, [&](const Msid& id) {
    o.put("a=msid:");
    o.put(id.stream);
    if (!id.track.empty()) {
      o.put(' ');
      o.put(id.track);
    }
    o.put("\r\n");
  });
  flag(o, m.rtcp_mux, "a=rtcp-mux");
  kept.flush(o, S::rtcp_mux);
  flag(o, m.rtcp_mux_only, "a=rtcp-mux-only");
  kept.flush(o, S::rtcp_mux_only);
  flag(o, m.rtcp_rsize, "a=rtcp-rsize");
  kept.flush(o, S::rtcp_rsize);
  if (m.rtcp_xr) line(o, m.rtcp_xr->empty() ? "a=rtcp-xr" : "a=rtcp-xr:", *m.rtcp_xr);
  kept.flush(o, S::rtcp_xr);
}

// Per payload type: rtpmap, packetization, rtcp-fb…, fmtp (webrtc_sdp.cc BuildRtpMap), then
// the wildcard rtcp-fb lines, maxptime and ptime.
template <class Out>
void media_codecs(Out& o, KeptWriter<MediaSlot>& kept, const Media& m) {
  using S = MediaSlot;
  char pt_buf[4];
  each(o, kept, S::codec, m.codecs, [&](const Codec& c) {
    const auto pt_end = std::to_chars(pt_buf, pt_buf + sizeof pt_buf, c.pt).ptr;
    const std::string_view pt(pt_buf, static_cast<std::size_t>(pt_end - pt_buf));
    if (c.rtpmap) {
      o.put("a=rtpmap:");
      o.put(pt);
      o.put(' ');
      o.put(c.rtpmap->encoding);
      o.put('/');
      o.num(c.rtpmap->clock_rate);
      if (c.rtpmap->channels) {
        o.put('/');
        o.num(*c.rtpmap->channels);
      }
      o.put("\r\n");
    }
    if (c.packetization) {
      o.put("a=packetization:");
      o.put(pt);
      line(o, " ", *c.packetization);
    }
    for (const auto& fb : c.rtcp_fb) rtcp_fb(o, pt, fb);
    if (c.fmtp) {
      o.put("a=fmtp:");
      o.put(pt);
      o.put(' ');
      o.put(c.fmtp->text);
      o.put("\r\n");
    }
  });
  each(o, kept, S::rtcp_fb_wildcard, m.rtcp_fb_wildcard,
       [&](const RtcpFb& fb) { rtcp_fb(o, "*", fb); });
  number(o, m.maxptime, "a=maxptime:");
  kept.flush(o, S::maxptime);
  number(o, m.ptime, "a=ptime:");
  kept.flush(o, S::ptime);
  text(o, m.framerate, "a=framerate:");
  kept.flush(o, S::framerate);
}

// ssrc-group, ssrc, rid, simulcast, then label.
template <class Out>
void media_streams(Out& o, KeptWriter<MediaSlot>& kept, const Media& m) {
  using S = MediaSlot;
  each(o, kept, S::ssrc_group, m.ssrc_groups, [&](const SsrcGroup& g) {
    o.put("a=ssrc-group:");
    o.put(g.semantics);
    for (const auto ssrc : g.ssrcs) {
      o.put(' ');
      o.num(ssrc);
    }
    o.put("\r\n");
  });
  each(o, kept, S::ssrc, m.sources, [&](const Source& s) {
    for (const auto& a : s.attributes) {
      o.put("a=ssrc:");
      o.num(s.ssrc);
      o.put(' ');
      o.put(a.name);
      if (a.value) {
        o.put(':');
        o.put(*a.value);
      }
      o.put("\r\n");
    }
  });
  each(o, kept, S::rid, m.rids, [&](const Rid& r) {
    o.put("a=rid:");
    o.put(r.id);
    o.put(r.direction == RidDirection::send ? " send" : " recv");
    if (!r.restrictions.empty()) {
      o.put(' ');
      o.put(r.restrictions);
    }
    o.put("\r\n");
  });
  if (m.simulcast) {
    const auto& sc = *m.simulcast;
    const bool recv_first = sc.recv_first;
    const std::pair<std::string_view, std::string_view> parts[] = {
        {recv_first ? "recv " : "send ", recv_first ? sc.recv : sc.send},
        {recv_first ? "send " : "recv ", recv_first ? sc.send : sc.recv}};
    o.put("a=simulcast:");
    bool wrote = false;
    for (const auto& [dir, streams] : parts) {
      if (streams.empty()) continue;
      if (wrote) o.put(' ');
      o.put(dir);
      o.put(streams);
      wrote = true;
    }
    o.put("\r\n");
  }
  kept.flush(o, S::simulcast);
  text(o, m.label, "a=label:");
  kept.flush(o, S::label);
}

template <class Out>
void session(Out& o, const Session& s) {
  session_head(o, s);
  session_attributes(o, s);
  for (const auto& m : s.media) {
    KeptWriter<MediaSlot> kept(m.other);
    media_head(o, m);
    media_transport(o, kept, m);
    media_rtp(o, kept, m);
    media_codecs(o, kept, m);
    media_streams(o, kept, m);
    kept.rest(o);
  }
}

}  // namespace

std::string write_sdp(const Session& s) {
  return emit::build([&](auto& out) { session(out, s); });
}

}  // namespace jinglegate::jingle::sdp

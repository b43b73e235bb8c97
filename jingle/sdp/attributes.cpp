// Parsers of single SDP line values: o= c= b= t= m= (RFC 8866 §5) and the WebRTC attributes
// (RFC 5888 group, RFC 8122 fingerprint, RFC 8285 extmap, RFC 3605 rtcp, RFC 8830 msid,
// RFC 5576 ssrc, RFC 8851 rid, RFC 8853 simulcast, RFC 4585 rtcp-fb, RFC 8866 rtpmap).
#include "jingle/sdp/attributes.hpp"

#include <algorithm>

#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp::attr {

using text::bad_line;
using text::bad_value;
using text::field;
using text::Fields;
using text::number;

namespace {

// After the last expected field: anything more is an error (a trailing space included).
Result<void> end(const Fields& f, std::string_view what) {
  if (!f.done()) return bad_line(std::string(what).append(": unexpected"), f.rest());
  return Ok{};
}

// Every remaining field, each non-empty.
Result<std::vector<std::string>> list(Fields& f, std::string_view what) {
  std::vector<std::string> out;
  if (!f.done()) {
    out.reserve(1 + static_cast<std::size_t>(std::count(f.rest().begin(), f.rest().end(), ' ')));
  }
  while (!f.done()) {
    JG_TRY(auto v, field(f, what));
    out.emplace_back(v);
  }
  return out;
}

// "<first> <rest>" where both parts must be there.
Result<std::pair<std::string_view, std::string_view>> split_first(std::string_view v,
                                                                  std::string_view what) {
  const auto parts = text::split_once(v, ' ');
  if (!parts || parts->first.empty() || parts->second.empty()) return bad_line(what, v);
  return *parts;
}

}  // namespace

Result<Connection> connection(std::string_view v) {
  Fields f(v);
  Connection c;
  JG_TRY(auto nettype, field(f, "nettype"));
  JG_TRY(auto addrtype, field(f, "addrtype"));
  JG_TRY(auto address, field(f, "address"));
  JG_CHECK(end(f, "connection"));
  c.nettype = nettype;
  c.addrtype = addrtype;
  c.address = address;
  return c;
}

Result<Origin> origin(std::string_view v) {
  Fields f(v);
  Origin o;
  JG_TRY(auto username, field(f, "o= username"));
  JG_TRY(auto id, field(f, "o= sess-id"));
  JG_TRY(auto version, field(f, "o= sess-version"));
  JG_TRY(o.session_version, number<std::uint64_t>(version, "o= sess-version"));
  JG_TRY(o.address, connection(f.rest()));
  o.username = username;
  o.session_id = id;
  return o;
}

Result<Bandwidth> bandwidth(std::string_view v) {
  const auto parts = text::split_once(v, ':');
  if (!parts || parts->first.empty()) return bad_line("b= needs <type>:<bandwidth>", v);
  JG_TRY(auto value, number<std::uint64_t>(parts->second, "b= bandwidth"));
  return Bandwidth{std::string(parts->first), value};
}

Result<Timing> timing(std::string_view v) {
  Fields f(v);
  Timing t;
  JG_TRY(auto start, field(f, "t= start"));
  JG_TRY(t.start, number<std::uint64_t>(start, "t= start"));
  JG_TRY(auto stop, field(f, "t= stop"));
  JG_TRY(t.stop, number<std::uint64_t>(stop, "t= stop"));
  JG_CHECK(end(f, "t="));
  return t;
}

Result<void> media_line(std::string_view v, Media& m) {
  Fields f(v);
  JG_TRY(auto media, field(f, "m= media"));
  m.media = media;
  JG_TRY(auto port, field(f, "m= port"));
  if (const auto count = text::split_once(port, '/')) {
    JG_TRY(m.port, number<std::uint16_t>(count->first, "m= port"));
    JG_TRY(m.port_count, number<std::uint16_t>(count->second, "m= port count"));
  } else {
    JG_TRY(m.port, number<std::uint16_t>(port, "m= port"));
  }
  JG_TRY(auto proto, field(f, "m= proto"));
  m.proto = proto;
  if (f.done()) return bad_line("m= needs at least one format", v);
  JG_TRY(m.formats, list(f, "m= format"));
  return Ok{};
}

Result<Group> group(std::string_view v) {
  Fields f(v);
  Group g;
  JG_TRY(auto semantics, field(f, "group semantics"));
  g.semantics = semantics;
  JG_TRY(g.mids, list(f, "group mid"));
  return g;
}

Result<MsidSemantic> msid_semantic(std::string_view v) {
  MsidSemantic m;
  if (v.starts_with(' ')) {  // Chromium: "a=msid-semantic: WMS …"
    m.space_after_colon = true;
    v.remove_prefix(1);
  }
  Fields f(v);
  JG_TRY(auto semantic, field(f, "msid-semantic"));
  m.semantic = semantic;
  JG_TRY(m.ids, list(f, "msid-semantic id"));
  return m;
}

Result<Fingerprint> fingerprint(std::string_view v) {
  Fields f(v);
  JG_TRY(auto hash, field(f, "fingerprint hash"));
  JG_TRY(auto value, field(f, "fingerprint value"));
  JG_CHECK(end(f, "fingerprint"));
  return Fingerprint{std::string(hash), std::string(value)};
}

Result<std::vector<std::string>> ice_options(std::string_view v) {
  Fields f(v);
  JG_TRY(auto options, list(f, "ice-options"));
  return options;
}

Result<void> extmap(std::string_view v, Extmap& e) {
  Fields f(v);
  JG_TRY(auto head, field(f, "extmap id"));
  auto id = head;
  if (const auto slash = text::split_once(head, '/')) {
    id = slash->first;
    const auto dir = parse_direction(slash->second);
    if (!dir) return bad_value("extmap direction", slash->second);
    e.direction = *dir;
  }
  JG_TRY(e.id, number<std::uint16_t>(id, "extmap id"));
  if (e.id == 0 || (e.id > 255 && (e.id < 4096 || e.id > 4351))) return bad_value("extmap id", id);
  JG_TRY(auto uri, field(f, "extmap uri"));
  e.uri = uri;
  if (!f.done()) {
    if (f.rest().empty()) return bad_line("extmap: trailing space after", uri);
    e.attributes = f.rest();
  }
  return Ok{};
}

Result<Rtcp> rtcp(std::string_view v) {
  Fields f(v);
  Rtcp r;
  JG_TRY(auto port, field(f, "rtcp port"));
  JG_TRY(r.port, number<std::uint16_t>(port, "rtcp port"));
  if (!f.done()) {
    JG_TRY(r.address, connection(f.rest()));
  }
  return r;
}

Result<Msid> msid(std::string_view v) {
  Fields f(v);
  Msid m;
  JG_TRY(auto stream, field(f, "msid stream id"));
  m.stream = stream;
  if (!f.done()) {
    JG_TRY(auto track, field(f, "msid track id"));
    m.track = track;
  }
  JG_CHECK(end(f, "msid"));
  return m;
}

Result<Sctpmap> sctpmap(std::string_view v) {
  Fields f(v);
  Sctpmap s;
  JG_TRY(auto number_text, field(f, "sctpmap number"));
  JG_TRY(s.number, number<std::uint16_t>(number_text, "sctpmap number"));
  JG_TRY(auto app, field(f, "sctpmap app"));
  s.app = app;
  if (!f.done()) {
    JG_TRY(auto streams, field(f, "sctpmap streams"));
    JG_TRY(s.streams, number<std::uint32_t>(streams, "sctpmap streams"));
  }
  JG_CHECK(end(f, "sctpmap"));
  return s;
}

Result<SsrcGroup> ssrc_group(std::string_view v) {
  Fields f(v);
  SsrcGroup g;
  JG_TRY(auto semantics, field(f, "ssrc-group semantics"));
  g.semantics = semantics;
  while (!f.done()) {
    JG_TRY(auto id, field(f, "ssrc-group ssrc"));
    JG_TRY(auto ssrc, number<std::uint32_t>(id, "ssrc-group ssrc"));
    g.ssrcs.push_back(ssrc);
  }
  return g;
}

Result<std::pair<std::uint32_t, SsrcAttribute>> ssrc(std::string_view v) {
  JG_TRY(auto parts, split_first(v, "ssrc needs <ssrc> <attribute>"));
  JG_TRY(auto id, number<std::uint32_t>(parts.first, "ssrc"));
  SsrcAttribute a;
  if (const auto kv = text::split_once(parts.second, ':')) {
    if (kv->first.empty()) return bad_line("ssrc attribute name", parts.second);
    a.name = kv->first;
    a.value.emplace(kv->second);
  } else {
    a.name = parts.second;
  }
  return std::pair{id, std::move(a)};
}

Result<Rid> rid(std::string_view v) {
  Fields f(v);
  Rid r;
  JG_TRY(auto id, field(f, "rid id"));
  r.id = id;
  JG_TRY(auto dir, field(f, "rid direction"));
  if (dir == "send") {
    r.direction = RidDirection::send;
  } else if (dir == "recv") {
    r.direction = RidDirection::recv;
  } else {
    return bad_value("rid direction", dir);
  }
  if (!f.done()) {
    if (f.rest().empty()) return bad_line("rid: trailing space after", dir);
    r.restrictions = f.rest();
  }
  return r;
}

Result<Simulcast> simulcast(std::string_view v) {
  Fields f(v);
  Simulcast s;
  bool seen_send = false;
  bool seen_recv = false;
  while (!f.done()) {
    JG_TRY(auto dir, field(f, "simulcast direction"));
    JG_TRY(auto streams, field(f, "simulcast streams"));
    if (dir == "send" && !seen_send) {
      seen_send = true;
      s.send = streams;
    } else if (dir == "recv" && !seen_recv) {
      s.recv_first = !seen_send;
      seen_recv = true;
      s.recv = streams;
    } else {
      return bad_value("simulcast direction", dir);
    }
  }
  return s;
}

Result<void> rtpmap(std::string_view rest, Rtpmap& r) {
  auto parts = text::split_once(rest, '/');
  if (!parts || parts->first.empty()) return bad_line("rtpmap needs <encoding>/<clock rate>", rest);
  r.encoding = parts->first;
  auto rate = parts->second;
  const auto channels = text::split_once(rate, '/');
  if (channels) rate = channels->first;
  JG_TRY(r.clock_rate, number<std::uint32_t>(rate, "rtpmap clock rate"));
  if (channels) {
    JG_TRY(r.channels, number<std::uint32_t>(channels->second, "rtpmap channels"));
  }
  return Ok{};
}

Result<void> rtcp_fb(std::string_view rest, RtcpFb& fb) {
  if (const auto parts = text::split_once(rest, ' ')) {
    if (parts->first.empty() || parts->second.empty()) return bad_line("rtcp-fb type", rest);
    fb.type.assign(parts->first.data(), parts->first.size());
    fb.params.assign(parts->second.data(), parts->second.size());
  } else {
    if (rest.empty()) return bad_line("rtcp-fb needs a type", rest);
    fb.type = rest;
  }
  return Ok{};
}

}  // namespace jinglegate::jingle::sdp::attr

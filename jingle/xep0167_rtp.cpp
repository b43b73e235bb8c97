// XEP-0167 Jingle RTP Sessions: <description/>, <payload-type/>, <bandwidth/>, <encryption/> reader and writer.
#include "jingle/xep0167_rtp.hpp"

#include <limits>

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

namespace {

constexpr std::uint64_t kU32 = std::numeric_limits<std::uint32_t>::max();

Result<void> read_payload_attrs(const xml::Element& e, PayloadType& p) {
  JG_TRY(const auto id, detail::uint_attr(e, "id", 0xff));
  p.id = static_cast<std::uint8_t>(id);
  p.name = e.attr_or("name");
  JG_TRY(const auto clockrate, detail::opt_uint_attr(e, "clockrate", kU32));
  if (clockrate) p.clockrate = static_cast<std::uint32_t>(*clockrate);
  JG_TRY(const auto channels, detail::opt_uint_attr(e, "channels", 0xff));
  p.channels = static_cast<std::uint8_t>(channels.value_or(1));
  JG_TRY(const auto ptime, detail::opt_uint_attr(e, "ptime", kU32));
  if (ptime) p.ptime = static_cast<std::uint32_t>(*ptime);
  JG_TRY(const auto maxptime, detail::opt_uint_attr(e, "maxptime", kU32));
  if (maxptime) p.maxptime = static_cast<std::uint32_t>(*maxptime);
  detail::keep_unknown_attrs(e, {"id", "name", "clockrate", "channels", "ptime", "maxptime"}, p.unknown.attrs);
  return Ok{};
}

}  // namespace

Result<PayloadType> read_payload_type(const xml::Element& e) {
  PayloadType p;
  JG_CHECK(read_payload_attrs(e, p));
  for (const auto& c : e.children) {
    if (c.is("parameter", ns::jingle_rtp)) {
      JG_TRY(auto param, read_parameter(c));
      p.parameters.push_back(std::move(param));
    } else if (c.is("rtcp-fb", ns::jingle_rtcp_fb)) {
      JG_TRY(auto fb, read_rtcp_fb(c));
      p.rtcp_fbs.push_back(std::move(fb));
    } else if (c.is("rtcp-fb-trr-int", ns::jingle_rtcp_fb) && !p.trr_int) {
      JG_TRY(p.trr_int, read_trr_int(c));
    } else {
      p.unknown.children.push_back(c);
    }
  }
  return p;
}

void write_payload_type(xml::Writer& w, const PayloadType& p) {
  w.open("payload-type", ns::jingle_rtp).attr("id", std::uint64_t{p.id}).attr_if("name", p.name);
  if (p.clockrate) w.attr("clockrate", std::uint64_t{*p.clockrate});
  if (p.channels != 1) w.attr("channels", std::uint64_t{p.channels});
  if (p.ptime) w.attr("ptime", std::uint64_t{*p.ptime});
  if (p.maxptime) w.attr("maxptime", std::uint64_t{*p.maxptime});
  detail::write_unknown_attrs(w, p.unknown.attrs, {"id", "name", "clockrate", "channels", "ptime", "maxptime"});
  for (const auto& param : p.parameters) write_parameter(w, param, ns::jingle_rtp);
  for (const auto& fb : p.rtcp_fbs) write_rtcp_fb(w, fb);
  if (p.trr_int) write_trr_int(w, *p.trr_int);
  detail::write_unknown_children(w, p.unknown.children);
  w.close();
}

namespace {

// A child of <bandwidth/> that Monal's serialiser uses in place of an attribute.
const xml::Element* plain_child(const xml::Element& e, std::string_view name) {
  for (const auto& c : e.children)
    if (c.name == name && (c.ns == ns::jingle_rtp || c.ns.empty())) return &c;
  return nullptr;
}

Result<Bandwidth> read_bandwidth(const xml::Element& e) {
  Bandwidth b;
  const xml::Element* type_child = e.attr("type") ? nullptr : plain_child(e, "type");
  if (e.attr("type")) {
    b.type = *e.attr("type");
  } else if (type_child) {
    b.type = std::string(detail::trim(type_child->text));
  } else {
    return detail::missing_attr(e, "type");
  }
  const xml::Element* value_child = nullptr;
  std::optional<std::uint64_t> value;
  if (const std::string* attr = e.attr("value")) {  // Movim
    value = detail::to_uint(*attr, std::numeric_limits<std::uint64_t>::max());
  } else if (!detail::trim(e.text).empty() || !(value_child = plain_child(e, "value"))) {
    value = detail::to_uint(e.text, std::numeric_limits<std::uint64_t>::max());
  } else {  // Monal
    value = detail::to_uint(value_child->text, std::numeric_limits<std::uint64_t>::max());
  }
  if (!value) return detail::bad_element(e, "no bandwidth value");
  b.value = *value;
  detail::keep_unknown_attrs(e, {"type", "value"}, b.unknown.attrs);
  for (const auto& c : e.children)
    if (&c != type_child && &c != value_child) b.unknown.children.push_back(c);
  return b;
}

void write_bandwidth(xml::Writer& w, const Bandwidth& b) {
  w.open("bandwidth", ns::jingle_rtp).attr("type", b.type);
  detail::write_unknown_attrs(w, b.unknown.attrs, {"type", "value"});
  detail::write_unknown_children(w, b.unknown.children);
  w.text(std::to_string(b.value));
  w.close();
}

Result<Crypto> read_crypto(const xml::Element& e) {
  Crypto c;
  JG_TRY(c.crypto_suite, detail::string_attr(e, "crypto-suite"));
  JG_TRY(c.key_params, detail::string_attr(e, "key-params"));
  c.session_params = e.attr_or("session-params");
  JG_TRY(c.tag, detail::string_attr(e, "tag"));
  detail::keep_unknown_attrs(e, {"crypto-suite", "key-params", "session-params", "tag"}, c.unknown.attrs);
  c.unknown.children = e.children;
  return c;
}

void write_crypto(xml::Writer& w, const Crypto& c) {
  w.open("crypto", ns::jingle_rtp)
      .attr("crypto-suite", c.crypto_suite)
      .attr("key-params", c.key_params)
      .attr_if("session-params", c.session_params)
      .attr("tag", c.tag);
  detail::write_unknown_attrs(w, c.unknown.attrs, {"crypto-suite", "key-params", "session-params", "tag"});
  detail::write_unknown_children(w, c.unknown.children);
  w.close();
}

Result<Encryption> read_encryption(const xml::Element& e) {
  Encryption enc;
  JG_TRY(enc.required, detail::opt_bool_attr(e, "required"));
  detail::keep_unknown_attrs(e, {"required"}, enc.unknown.attrs);
  for (const auto& c : e.children) {
    if (c.is("crypto", ns::jingle_rtp)) {
      JG_TRY(auto crypto, read_crypto(c));
      enc.cryptos.push_back(std::move(crypto));
    } else {
      enc.unknown.children.push_back(c);
    }
  }
  return enc;
}

void write_encryption(xml::Writer& w, const Encryption& enc) {
  w.open("encryption", ns::jingle_rtp);
  if (enc.required) w.attr("required", *enc.required ? "true" : "false");
  detail::write_unknown_attrs(w, enc.unknown.attrs, {"required"});
  for (const auto& c : enc.cryptos) write_crypto(w, c);
  detail::write_unknown_children(w, enc.unknown.children);
  w.close();
}

Result<MsidStream> read_stream(const xml::Element& e) {
  MsidStream s;
  JG_TRY(s.id, detail::string_attr(e, "id"));
  s.track = e.attr_or("track");
  detail::keep_unknown_attrs(e, {"id", "track"}, s.unknown.attrs);
  s.unknown.children = e.children;
  return s;
}

void write_stream(xml::Writer& w, const MsidStream& s) {
  w.open("stream", ns::stanza_msid).attr("id", s.id).attr_if("track", s.track);
  detail::write_unknown_attrs(w, s.unknown.attrs, {"id", "track"});
  detail::write_unknown_children(w, s.unknown.children);
  w.close();
}

// A child in the RTP namespace itself; false when it is not one of ours.
Result<bool> read_rtp_child(const xml::Element& c, RtpDescription& d) {
  if (c.name == "payload-type") {
    JG_TRY(auto p, read_payload_type(c));
    d.payload_types.push_back(std::move(p));
  } else if (c.name == "bandwidth") {
    JG_TRY(auto b, read_bandwidth(c));
    d.bandwidths.push_back(std::move(b));
  } else if (c.name == "rtcp-mux") {
    d.rtcp_mux = true;
  } else if (c.name == "rtcp-reduced-size") {
    d.rtcp_rsize = true;
  } else if (c.name == "encryption" && !d.encryption) {
    JG_TRY(d.encryption, read_encryption(c));
  } else {
    return false;
  }
  return true;
}

// A child in one of the RTP extension namespaces; false when it is not one of ours.
Result<bool> read_extension_child(const xml::Element& c, RtpDescription& d) {
  if (c.is("rtcp-fb", ns::jingle_rtcp_fb)) {
    JG_TRY(auto fb, read_rtcp_fb(c));
    d.rtcp_fbs.push_back(std::move(fb));
  } else if (c.is("rtcp-fb-trr-int", ns::jingle_rtcp_fb) && !d.trr_int) {
    JG_TRY(d.trr_int, read_trr_int(c));
  } else if (c.is("rtp-hdrext", ns::jingle_rtp_hdrext)) {
    JG_TRY(auto h, read_hdrext(c));
    d.hdrexts.push_back(std::move(h));
  } else if (is_extmap_allow_mixed(c)) {
    d.extmap_allow_mixed = true;
  } else if (c.is("source", ns::jingle_ssma)) {
    JG_TRY(auto s, read_source(c));
    d.sources.push_back(std::move(s));
  } else if (c.is("ssrc-group", ns::jingle_ssma)) {
    JG_TRY(auto g, read_ssrc_group(c));
    d.ssrc_groups.push_back(std::move(g));
  } else if (c.is("stream", ns::stanza_msid)) {
    JG_TRY(auto s, read_stream(c));
    d.streams.push_back(std::move(s));
  } else {
    return false;
  }
  return true;
}

}  // namespace

Result<RtpDescription> read_rtp_description(const xml::Element& description) {
  const xml::Element& e = description;
  if (!e.is("description", ns::jingle_rtp)) return detail::bad_element(e, "not an RTP description");
  RtpDescription d;
  JG_TRY(d.media, detail::string_attr(e, "media"));
  JG_TRY(const auto ssrc, detail::opt_uint_attr(e, "ssrc", kU32));
  if (ssrc) d.ssrc = static_cast<std::uint32_t>(*ssrc);
  detail::keep_unknown_attrs(e, {"media", "ssrc"}, d.unknown.attrs);
  d.payload_types.reserve(e.children.size());
  for (const auto& c : e.children) {
    bool known = false;
    if (c.ns == ns::jingle_rtp && !is_extmap_allow_mixed(c)) {
      JG_TRY(known, read_rtp_child(c, d));
    } else {
      JG_TRY(known, read_extension_child(c, d));
    }
    if (!known) d.unknown.children.push_back(c);
  }
  return d;
}

void write_rtp_description(xml::Writer& w, const RtpDescription& d) {
  w.open("description", ns::jingle_rtp).attr("media", d.media);
  if (d.ssrc) w.attr("ssrc", std::uint64_t{*d.ssrc});
  detail::write_unknown_attrs(w, d.unknown.attrs, {"media", "ssrc"});
  for (const auto& p : d.payload_types) write_payload_type(w, p);
  for (const auto& fb : d.rtcp_fbs) write_rtcp_fb(w, fb);
  if (d.trr_int) write_trr_int(w, *d.trr_int);
  for (const auto& h : d.hdrexts) write_hdrext(w, h);
  if (d.extmap_allow_mixed) write_extmap_allow_mixed(w);
  for (const auto& b : d.bandwidths) write_bandwidth(w, b);
  if (d.rtcp_mux) w.empty("rtcp-mux", ns::jingle_rtp);
  if (d.rtcp_rsize) w.empty("rtcp-reduced-size", ns::jingle_rtp);
  if (d.encryption) write_encryption(w, *d.encryption);
  for (const auto& s : d.sources) write_source(w, s);
  for (const auto& g : d.ssrc_groups) write_ssrc_group(w, g);
  for (const auto& s : d.streams) write_stream(w, s);
  detail::write_unknown_children(w, d.unknown.children);
  w.close();
}

}  // namespace jinglegate::jingle

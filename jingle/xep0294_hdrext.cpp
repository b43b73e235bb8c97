// XEP-0294 Jingle RTP Header Extensions Negotiation: <rtp-hdrext/> reader and writer.
#include "jingle/xep0294_hdrext.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

Result<HdrExt> read_hdrext(const xml::Element& e) {
  HdrExt h;
  JG_TRY(const auto id, detail::uint_attr(e, "id", 0xffff));
  h.id = static_cast<std::uint16_t>(id);
  JG_TRY(h.uri, detail::string_attr(e, "uri"));
  if (const std::string* senders = e.attr("senders")) {
    const auto s = parse_senders(detail::trim(*senders));
    if (!s) return detail::bad_attr(e, "senders", *senders);
    h.senders = *s;
  }
  detail::keep_unknown_attrs(e, {"id", "uri", "senders"}, h.unknown.attrs);
  JG_CHECK(read_parameters(e, ns::jingle_rtp_hdrext, h.parameters, h.unknown.children));
  return h;
}

void write_hdrext(xml::Writer& w, const HdrExt& h) {
  w.open("rtp-hdrext", ns::jingle_rtp_hdrext).attr("id", std::uint64_t{h.id}).attr("uri", h.uri);
  if (h.senders != Senders::both) w.attr("senders", to_string(h.senders));
  detail::write_unknown_attrs(w, h.unknown.attrs, {"id", "uri", "senders"});
  write_parameters(w, h.parameters, ns::jingle_rtp_hdrext, h.unknown.children);
  w.close();
}

bool is_extmap_allow_mixed(const xml::Element& e) {
  return e.name == "extmap-allow-mixed" && (e.ns == ns::jingle_rtp_hdrext || e.ns == ns::jingle_rtp);
}

void write_extmap_allow_mixed(xml::Writer& w) { w.empty("extmap-allow-mixed", ns::jingle_rtp_hdrext); }

}  // namespace jinglegate::jingle

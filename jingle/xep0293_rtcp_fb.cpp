// XEP-0293 Jingle RTP Feedback Negotiation: <rtcp-fb/> and <rtcp-fb-trr-int/> reader and writer.
#include "jingle/xep0293_rtcp_fb.hpp"

#include <limits>

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

Result<RtcpFb> read_rtcp_fb(const xml::Element& e) {
  RtcpFb fb;
  JG_TRY(fb.type, detail::string_attr(e, "type"));
  fb.subtype = e.attr_or("subtype");
  detail::keep_unknown_attrs(e, {"type", "subtype"}, fb.unknown.attrs);
  JG_CHECK(read_parameters(e, ns::jingle_rtcp_fb, fb.parameters, fb.unknown.children));
  return fb;
}

void write_rtcp_fb(xml::Writer& w, const RtcpFb& fb) {
  w.open("rtcp-fb", ns::jingle_rtcp_fb).attr("type", fb.type).attr_if("subtype", fb.subtype);
  detail::write_unknown_attrs(w, fb.unknown.attrs, {"type", "subtype"});
  write_parameters(w, fb.parameters, ns::jingle_rtcp_fb, fb.unknown.children);
  w.close();
}

Result<std::uint32_t> read_trr_int(const xml::Element& e) {
  JG_TRY(const auto v, detail::uint_attr(e, "value", std::numeric_limits<std::uint32_t>::max()));
  return static_cast<std::uint32_t>(v);
}

void write_trr_int(xml::Writer& w, std::uint32_t value) {
  w.open("rtcp-fb-trr-int", ns::jingle_rtcp_fb).attr("value", std::uint64_t{value}).close();
}

}  // namespace jinglegate::jingle

// XEP-0343 Signaling WebRTC datachannels in Jingle: <sctpmap/>, <sctp-port/>, <max-message-size/>.
#include "jingle/xep0343_sctp.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

Result<SctpMap> read_sctpmap(const xml::Element& e) {
  SctpMap m;
  JG_TRY(const auto number, detail::uint_attr(e, "number", 0xffff));
  m.number = static_cast<std::uint16_t>(number);
  JG_TRY(m.protocol, detail::string_attr(e, "protocol"));
  JG_TRY(const auto streams, detail::opt_uint_attr(e, "streams", 0xffffffffu));
  if (streams) m.streams = static_cast<std::uint32_t>(*streams);
  detail::keep_unknown_attrs(e, {"number", "protocol", "streams"}, m.unknown.attrs);
  m.unknown.children = e.children;
  return m;
}

void write_sctpmap(xml::Writer& w, const SctpMap& m) {
  w.open("sctpmap", ns::jingle_dtls_sctp).attr("number", std::uint64_t{m.number}).attr("protocol", m.protocol);
  if (m.streams) w.attr("streams", std::uint64_t{*m.streams});
  detail::write_unknown_attrs(w, m.unknown.attrs, {"number", "protocol", "streams"});
  detail::write_unknown_children(w, m.unknown.children);
  w.close();
}

bool is_sctp_port(const xml::Element& e) { return e.is("sctp-port", ns::jingle_sctp); }
bool is_max_message_size(const xml::Element& e) { return e.is("max-message-size", ns::jingle_sctp); }

Result<std::uint64_t> read_sctp_number(const xml::Element& e, std::uint64_t max) {
  if (e.attr("value")) return detail::uint_attr(e, "value", max);
  const auto v = detail::to_uint(e.text, max);
  if (!v) return detail::bad_element(e, "no number in value='' or character data");
  return *v;
}

void write_sctp_port(xml::Writer& w, std::uint16_t port) {
  w.open("sctp-port", ns::jingle_sctp).attr("value", std::uint64_t{port}).close();
}

void write_max_message_size(xml::Writer& w, std::uint64_t bytes) {
  w.open("max-message-size", ns::jingle_sctp).attr("value", bytes).close();
}

}  // namespace jinglegate::jingle

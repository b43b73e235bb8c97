// XEP-0176 Jingle ICE-UDP Transport Method: <transport/>, <candidate/>, <remote-candidate/> reader and writer.
#include "jingle/xep0176_ice_udp.hpp"

#include <limits>

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

namespace {

constexpr std::uint64_t kU16 = 0xffff;
constexpr std::uint64_t kU32 = std::numeric_limits<std::uint32_t>::max();
constexpr EnumNames<CandidateType, 4> kCandidateTypes{{"host", "srflx", "prflx", "relay"}};

// Attribute names the candidate writer emits; nothing else of these names is written twice.
#define JG_CANDIDATE_ATTRS                                                                         \
  "component", "foundation", "generation", "id", "ip", "network", "network-cost", "port",         \
      "priority", "protocol", "rel-addr", "rel-port", "tcptype", "type", "ufrag"

Result<void> read_candidate_numbers(const xml::Element& e, IceCandidate& c) {
  JG_TRY(const auto component, detail::uint_attr(e, "component", kU16));
  c.component = static_cast<std::uint16_t>(component);
  JG_TRY(const auto port, detail::uint_attr(e, "port", kU16));
  c.port = static_cast<std::uint16_t>(port);
  JG_TRY(const auto priority, detail::uint_attr(e, "priority", kU32));
  c.priority = static_cast<std::uint32_t>(priority);
  JG_TRY(const auto generation, detail::opt_uint_attr(e, "generation", kU32));
  c.generation = static_cast<std::uint32_t>(generation.value_or(0));
  // rel-port, else Monal's rel_port.
  const char* rel_port_name = e.attr("rel-port") ? "rel-port" : "rel_port";
  JG_TRY(const auto rel_port, detail::opt_uint_attr(e, rel_port_name, kU16));
  if (rel_port) c.rel_port = static_cast<std::uint16_t>(*rel_port);
  // network (XEP-0176), else Movim's network-id.
  const char* network_name = e.attr("network") ? "network" : "network-id";
  JG_TRY(const auto network, detail::opt_uint_attr(e, network_name, kU32));
  if (network) c.network_id = static_cast<std::uint32_t>(*network);
  JG_TRY(const auto cost, detail::opt_uint_attr(e, "network-cost", kU32));
  if (cost) c.network_cost = static_cast<std::uint32_t>(*cost);
  return Ok{};
}

}  // namespace

std::string_view candidate_type_name(CandidateType t) { return kCandidateTypes(t); }
std::optional<CandidateType> parse_candidate_type(std::string_view s) { return kCandidateTypes.parse(s); }

Result<IceCandidate> read_candidate(const xml::Element& e) {
  IceCandidate c;
  JG_TRY(c.foundation, detail::string_attr(e, "foundation"));
  JG_TRY(c.address, detail::string_attr(e, "ip"));
  JG_TRY(c.protocol, detail::string_attr(e, "protocol"));
  JG_TRY(const std::string type, detail::string_attr(e, "type"));
  const auto parsed_type = parse_candidate_type(detail::trim(type));
  if (!parsed_type) return detail::bad_attr(e, "type", type);
  c.type = *parsed_type;
  JG_CHECK(read_candidate_numbers(e, c));
  if (const std::string* v = e.attr("rel-addr")) c.rel_addr = *v;
  if (const std::string* v = e.attr("tcptype")) c.tcptype = *v;
  if (const std::string* v = e.attr("id")) c.id = *v;
  if (const std::string* v = e.attr("ufrag")) c.ufrag = *v;
  // An alias that lost to the XEP name is kept as an extension; it is never written by name.
  const bool rel_port_alias_used = !e.attr("rel-port");
  const bool network_alias_used = !e.attr("network");
  for (const auto& a : e.attrs) {
    if (detail::is_one_of(a.name, {JG_CANDIDATE_ATTRS})) continue;
    if (a.name == "rel_port" && rel_port_alias_used) continue;
    if (a.name == "network-id" && network_alias_used) continue;
    c.extensions.emplace_back(a.name, a.value);
  }
  return c;
}

void write_candidate(xml::Writer& w, const IceCandidate& c) {
  w.open("candidate", ns::jingle_ice_udp)
      .attr("component", std::uint64_t{c.component})
      .attr("foundation", c.foundation)
      .attr("generation", std::uint64_t{c.generation.value_or(0)});
  if (c.id) w.attr("id", *c.id);
  w.attr("ip", c.address);
  if (c.network_id) w.attr("network", std::uint64_t{*c.network_id});
  if (c.network_cost) w.attr("network-cost", std::uint64_t{*c.network_cost});
  w.attr("port", std::uint64_t{c.port}).attr("priority", std::uint64_t{c.priority}).attr("protocol", c.protocol);
  if (c.rel_addr) w.attr("rel-addr", *c.rel_addr);
  if (c.rel_port) w.attr("rel-port", std::uint64_t{*c.rel_port});
  if (c.tcptype) w.attr("tcptype", *c.tcptype);
  w.attr("type", candidate_type_name(c.type));
  if (c.ufrag) w.attr("ufrag", *c.ufrag);
  if (!c.extensions.empty()) {
    std::vector<xml::Attr> ext;
    ext.reserve(c.extensions.size());
    for (const auto& [name, value] : c.extensions) ext.push_back({name, value});
    detail::write_unknown_attrs(w, ext, {JG_CANDIDATE_ATTRS});
  }
  w.close();
}

Result<RemoteCandidate> read_remote_candidate(const xml::Element& e) {
  RemoteCandidate r;
  JG_TRY(const auto component, detail::uint_attr(e, "component", kU16));
  r.component = static_cast<std::uint16_t>(component);
  JG_TRY(r.ip, detail::string_attr(e, "ip"));
  JG_TRY(const auto port, detail::uint_attr(e, "port", kU16));
  r.port = static_cast<std::uint16_t>(port);
  detail::keep_unknown_attrs(e, {"component", "ip", "port"}, r.unknown.attrs);
  r.unknown.children = e.children;
  return r;
}

void write_remote_candidate(xml::Writer& w, const RemoteCandidate& r) {
  w.open("remote-candidate", ns::jingle_ice_udp)
      .attr("component", std::uint64_t{r.component})
      .attr("ip", r.ip)
      .attr("port", std::uint64_t{r.port});
  detail::write_unknown_attrs(w, r.unknown.attrs, {"component", "ip", "port"});
  detail::write_unknown_children(w, r.unknown.children);
  w.close();
}

namespace {

// An ICE option is an empty element of Conversations' option namespace, named after the option.
bool is_ice_option(const xml::Element& c) {
  return c.ns == ns::jingle_ice_options && c.attrs.empty() && c.children.empty() && detail::trim(c.text).empty();
}

// One child of <transport/>; what is not ours (or a second of a single element) stays unknown.
Result<void> read_transport_child(const xml::Element& c, IceUdpTransport& t) {
  if (c.ns == ns::jingle_ice_udp) {
    if (c.name == "candidate") {
      JG_TRY(auto candidate, read_candidate(c));
      t.candidates.push_back(std::move(candidate));
      return Ok{};
    }
    if (c.name == "remote-candidate" && !t.remote_candidate) {
      JG_TRY(t.remote_candidate, read_remote_candidate(c));
      return Ok{};
    }
    if (c.name == "gathering-complete") {
      t.gathering_complete = true;
      return Ok{};
    }
  } else if (c.is("fingerprint", ns::jingle_dtls)) {
    JG_TRY(auto f, read_fingerprint(c));
    t.fingerprints.push_back(std::move(f));
    return Ok{};
  } else if (is_ice_option(c)) {
    t.ice_options.push_back(c.name);
    return Ok{};
  } else if (c.is("sctpmap", ns::jingle_dtls_sctp) && !t.sctpmap) {
    JG_TRY(t.sctpmap, read_sctpmap(c));
    return Ok{};
  } else if (is_sctp_port(c) && !t.sctp_port) {
    JG_TRY(const auto port, read_sctp_number(c, 0xffff));
    t.sctp_port = static_cast<std::uint16_t>(port);
    return Ok{};
  } else if (is_max_message_size(c) && !t.max_message_size) {
    JG_TRY(t.max_message_size, read_sctp_number(c, std::numeric_limits<std::uint64_t>::max()));
    return Ok{};
  }
  t.unknown.children.push_back(c);
  return Ok{};
}

}  // namespace

Result<IceUdpTransport> read_ice_udp(const xml::Element& transport) {
  if (!transport.is("transport", ns::jingle_ice_udp)) return detail::bad_element(transport, "not an ICE-UDP transport");
  IceUdpTransport t;
  t.ufrag = transport.attr_or("ufrag");
  t.pwd = transport.attr_or("pwd");
  detail::keep_unknown_attrs(transport, {"ufrag", "pwd"}, t.unknown.attrs);
  t.candidates.reserve(transport.children.size());
  for (const auto& c : transport.children) JG_CHECK(read_transport_child(c, t));
  return t;
}

void write_ice_udp(xml::Writer& w, const IceUdpTransport& t) {
  w.open("transport", ns::jingle_ice_udp).attr_if("ufrag", t.ufrag).attr_if("pwd", t.pwd);
  detail::write_unknown_attrs(w, t.unknown.attrs, {"ufrag", "pwd"});
  for (const auto& option : t.ice_options)
    if (detail::is_xml_name(option)) w.empty(option, ns::jingle_ice_options);
  for (const auto& f : t.fingerprints) write_fingerprint(w, f);
  if (t.sctpmap) write_sctpmap(w, *t.sctpmap);
  if (t.sctp_port) write_sctp_port(w, *t.sctp_port);
  if (t.max_message_size) write_max_message_size(w, *t.max_message_size);
  for (const auto& c : t.candidates) write_candidate(w, c);
  if (t.remote_candidate) write_remote_candidate(w, *t.remote_candidate);
  if (t.gathering_complete) w.empty("gathering-complete", ns::jingle_ice_udp);
  detail::write_unknown_children(w, t.unknown.children);
  w.close();
}

}  // namespace jinglegate::jingle

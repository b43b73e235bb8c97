// XEP-0215 External Service Discovery (urn:xmpp:extdisco:2): the <services/> query, the reader
// and writer of the <service/> entries of its answer, and XEP-0082 DateTime for their `expires`.
//
// The daemon learns STUN/TURN servers and short-lived TURN credentials this way from its XMPP
// server (Prosody's mod_external_services / mod_turn_external, ejabberd's mod_stun_disco) and
// hands them to browsers. Pure: no sockets, clocks or logging.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/xml/element.hpp"

namespace jinglegate::component::xmpp {

// XEP-0215 §7 registry of service types we use; any other type is kept by name (`other`).
enum class ServiceType { stun, stuns, turn, turns, other };
enum class ServiceTransport { unspecified, udp, tcp, other };

struct ExternalService {            // XEP-0215 §3.1 <service/>
  ServiceType type = ServiceType::stun;
  std::string type_name = "stun";   // as written: the registry name, or the unknown type
  std::string host;                 // REQUIRED: host name or IP address
  std::optional<std::uint16_t> port;
  ServiceTransport transport = ServiceTransport::unspecified;
  std::string transport_name;       // as written ("" when absent)
  std::string username;             // "" when absent
  std::string password;
  std::string name;                 // human-readable name
  std::optional<std::int64_t> expires;  // unix seconds; DateTime (XEP-0082) on the wire
  bool restricted = false;          // credentials needed (given here, or via <credentials/>)
  std::vector<xml::Attr> other;     // attributes we do not model (e.g. `action` of pushes)
  std::vector<xml::Element> extensions;  // children (XEP-0128 data forms)
  friend bool operator==(const ExternalService&, const ExternalService&) = default;
};

// <services xmlns='urn:xmpp:extdisco:2'/> (or <credentials/>) with its <service/> children. A
// service without type or host (both REQUIRED), or with a bad port, expires or restricted,
// fails the whole answer (bad_request naming the entry): half a list is not what the server meant.
Result<std::vector<ExternalService>> read_services(const xml::Element& services);
xml::Element write_services(const std::vector<ExternalService>& services);

// <iq type='get' from=… to=…><services xmlns='urn:xmpp:extdisco:2'/></iq>, without an id (the
// IqTracker sets it).
xml::Element services_request(std::string_view from, std::string_view to);

// The earliest `expires` among the entries; nullopt when none expires.
std::optional<std::int64_t> earliest_expiry(const std::vector<ExternalService>& services);

// XEP-0082 §3.2 DateTime: CCYY-MM-DDThh:mm:ss[.sss]TZD, TZD = Z or ±hh:mm. Fractions of a second
// are dropped. Returns unix seconds.
Result<std::int64_t> parse_datetime(std::string_view s);
std::string write_datetime(std::int64_t unix_seconds);  // "2026-11-24T21:00:00Z"

}  // namespace jinglegate::component::xmpp

// XEP-0215 External Service Discovery: reader and writer of <services/>, XEP-0082 DateTime.
#include "component/xmpp/extdisco.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "jingle/xml/ns.hpp"

namespace jinglegate::component::xmpp {

namespace {
constexpr std::array<std::pair<std::string_view, ServiceType>, 4> kTypes{{
    {"stun", ServiceType::stun}, {"stuns", ServiceType::stuns}, {"turn", ServiceType::turn}, {"turns", ServiceType::turns}}};
constexpr std::string_view kModelled[] = {"type", "host", "port", "transport", "username",
                                          "password", "name", "expires", "restricted"};

// Digits only, at most `max`; nullopt otherwise (no sign, no spaces, no overflow).
std::optional<std::uint32_t> digits(std::string_view s, std::uint32_t max) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v > max) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

Result<void> read_attr(ExternalService& s, const xml::Attr& a, const std::string& where) {
  const std::string& v = a.value;
  if (a.name == "type") {
    s.type_name = v;
    auto it = std::find_if(kTypes.begin(), kTypes.end(), [&](const auto& t) { return t.first == v; });
    s.type = it == kTypes.end() ? ServiceType::other : it->second;
  } else if (a.name == "host") {
    s.host = v;
  } else if (a.name == "port") {
    auto p = digits(v, 65535);
    if (!p || *p == 0) return fail(Errc::bad_request, where + ": port must be 1..65535");
    s.port = static_cast<std::uint16_t>(*p);
  } else if (a.name == "transport") {
    s.transport_name = v;
    s.transport = v == "udp" ? ServiceTransport::udp : v == "tcp" ? ServiceTransport::tcp : ServiceTransport::other;
  } else if (a.name == "username") {
    s.username = v;
  } else if (a.name == "password") {
    s.password = v;
  } else if (a.name == "name") {
    s.name = v;
  } else if (a.name == "expires") {
    auto t = parse_datetime(v);
    if (!t) return fail(Errc::bad_request, where + ": expires: " + t.error().detail);
    s.expires = *t;
  } else if (a.name == "restricted") {
    if (v != "1" && v != "true" && v != "0" && v != "false")
      return fail(Errc::bad_request, where + ": restricted must be a boolean");
    s.restricted = v == "1" || v == "true";
  }
  return Ok{};
}

Result<ExternalService> read_service(const xml::Element& e, std::size_t index) {
  const std::string where = "service " + std::to_string(index + 1);
  ExternalService s;
  s.type_name.clear();
  for (const auto& a : e.attrs) {
    if (std::find(std::begin(kModelled), std::end(kModelled), a.name) == std::end(kModelled)) {
      s.other.push_back(a);
      continue;
    }
    JG_CHECK(read_attr(s, a, where));
  }
  if (!e.attr("type")) return fail(Errc::bad_request, where + ": type is required");
  if (s.host.empty()) return fail(Errc::bad_request, where + ": host is required");
  s.extensions = e.children;
  return s;
}
}  // namespace

Result<std::vector<ExternalService>> read_services(const xml::Element& services) {
  if (services.ns != ns::extdisco || (services.name != "services" && services.name != "credentials"))
    return fail(Errc::bad_request, "not <services xmlns='" + std::string(ns::extdisco) + "'/>");
  std::vector<ExternalService> out;
  for (const auto& c : services.children) {
    if (!c.is("service", ns::extdisco)) continue;  // nothing else is defined at this level
    JG_TRY(auto s, read_service(c, out.size()));
    out.push_back(std::move(s));
  }
  return out;
}

xml::Element write_services(const std::vector<ExternalService>& services) {
  xml::Element root("services", std::string(ns::extdisco));
  for (const auto& s : services) {
    xml::Element& e = root.add("service", std::string(ns::extdisco));
    auto it = std::find_if(kTypes.begin(), kTypes.end(), [&](const auto& t) { return t.second == s.type; });
    e.attrs.push_back({"type", it == kTypes.end() ? s.type_name : std::string(it->first)});
    if (s.transport != ServiceTransport::unspecified)
      e.attrs.push_back({"transport", s.transport == ServiceTransport::udp   ? std::string("udp")
                                      : s.transport == ServiceTransport::tcp ? std::string("tcp")
                                                                             : s.transport_name});
    e.attrs.push_back({"host", s.host});
    if (s.port) e.attrs.push_back({"port", std::to_string(*s.port)});
    if (!s.username.empty()) e.attrs.push_back({"username", s.username});
    if (!s.password.empty()) e.attrs.push_back({"password", s.password});
    if (s.expires) e.attrs.push_back({"expires", write_datetime(*s.expires)});
    if (s.restricted) e.attrs.push_back({"restricted", "true"});
    if (!s.name.empty()) e.attrs.push_back({"name", s.name});
    e.attrs.insert(e.attrs.end(), s.other.begin(), s.other.end());
    e.children = s.extensions;
  }
  return root;
}

xml::Element services_request(std::string_view from, std::string_view to) {
  xml::Element iq("iq", std::string(ns::component_accept));
  iq.set_attr("type", "get");
  iq.set_attr("from", std::string(from));
  iq.set_attr("to", std::string(to));
  iq.add("services", std::string(ns::extdisco));
  return iq;
}

std::optional<std::int64_t> earliest_expiry(const std::vector<ExternalService>& services) {
  std::optional<std::int64_t> earliest;
  for (const auto& s : services)
    if (s.expires && (!earliest || *s.expires < *earliest)) earliest = s.expires;
  return earliest;
}

Result<std::int64_t> parse_datetime(std::string_view s) {
  // CCYY-MM-DDThh:mm:ss: fixed positions, then [.fraction], then Z or ±hh:mm.
  const auto bad = [&] { return fail(Errc::bad_request, "not an XEP-0082 DateTime: " + std::string(s.substr(0, 40))); };
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return bad();
  const auto y = digits(s.substr(0, 4), 9999), mo = digits(s.substr(5, 2), 12), d = digits(s.substr(8, 2), 31),
             h = digits(s.substr(11, 2), 23), mi = digits(s.substr(14, 2), 59), sec = digits(s.substr(17, 2), 60);
  // Years before 1970 are no expiry of anything; 9998 leaves room for an offset.
  if (!y || !mo || !d || !h || !mi || !sec || *mo == 0 || *d == 0 || *y < 1970 || *y > 9998) return bad();
  if (static_cast<int>(*d) > days_in_month(static_cast<int>(*y), static_cast<int>(*mo))) return bad();
  std::string_view rest = s.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    std::size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 1) return bad();
    rest.remove_prefix(n);
  }
  std::int64_t offset = 0;
  if (rest == "Z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    const auto oh = digits(rest.substr(1, 2), 23), om = digits(rest.substr(4, 2), 59);
    if (!oh || !om) return bad();
    offset = (rest[0] == '-' ? -1 : 1) * static_cast<std::int64_t>(*oh * 3600 + *om * 60);
  } else {
    return bad();
  }
  std::tm tm{};
  tm.tm_year = static_cast<int>(*y) - 1900;
  tm.tm_mon = static_cast<int>(*mo) - 1;
  tm.tm_mday = static_cast<int>(*d);
  tm.tm_hour = static_cast<int>(*h);
  tm.tm_min = static_cast<int>(*mi);
  tm.tm_sec = static_cast<int>(*sec);  // :60 (a leap second) becomes the next minute's :00
  const std::int64_t t = static_cast<std::int64_t>(timegm(&tm)) - offset;
  if (t < 0) return bad();
  return t;
}

std::string write_datetime(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace jinglegate::component::xmpp

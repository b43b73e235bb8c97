// XEP-0215 answers as Prosody and ejabberd send them, entries we must refuse, and XEP-0082 times.
#include <catch2/catch.hpp>

#include "component/xmpp/extdisco.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"
#include "jingle/xml/xml_writer.hpp"

using namespace jinglegate;
using namespace jinglegate::component::xmpp;

namespace {
Result<std::vector<ExternalService>> read(const std::string& xml) {
  auto e = xml::parse(xml);
  REQUIRE(e.ok());
  return read_services(*e);
}
std::string error_of(const std::string& xml) {
  auto r = read(xml);
  REQUIRE_FALSE(r.ok());
  return r.error().detail;
}
const std::string kOpen = "<services xmlns='urn:xmpp:extdisco:2'>";
}  // namespace

TEST_CASE("Prosody mod_turn_external's answer: a stun and a turn entry with REST credentials") {
  // As Prosody 0.12.3 sent it to the test rig (test-rig.md §5), attribute order included.
  auto r = read(kOpen + "<service type='stun' transport='udp' host='127.0.0.1' port='3478'/>"
                "<service type='turn' transport='udp' host='127.0.0.1' port='3478' username='1764043200' "
                "password='d8soP47RbdIKLDUOpnJPVQyq5Ts=' expires='2025-11-25T04:00:00Z' restricted='1'/></services>");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  const auto& stun = (*r)[0];
  CHECK(stun.type == ServiceType::stun);
  CHECK(stun.transport == ServiceTransport::udp);
  CHECK(stun.host == "127.0.0.1");
  CHECK(stun.port == 3478);
  CHECK_FALSE(stun.restricted);
  CHECK_FALSE(stun.expires);
  const auto& turn = (*r)[1];
  CHECK(turn.type == ServiceType::turn);
  CHECK(turn.username == "1764043200");
  CHECK(turn.password == "d8soP47RbdIKLDUOpnJPVQyq5Ts=");
  CHECK(turn.expires == 1764043200);
  CHECK(turn.restricted);
  CHECK(earliest_expiry(*r) == 1764043200);
}

TEST_CASE("ejabberd mod_stun_disco's answer: restricted='true', fractional seconds, IPv6 host") {
  auto r = read(kOpen + "<service host='2001:db8::3' port='3478' type='turn' transport='udp' restricted='true' "
                "username='1764043200:8a3f2b1c9d0e4f5a' password='x9Q=' expires='2025-11-25T04:00:00.000000Z'/>"
                "<service host='turn.example.org' port='5349' type='turns' transport='tcp'/></services>");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].host == "2001:db8::3");
  CHECK((*r)[0].restricted);
  CHECK((*r)[0].expires == 1764043200);
  CHECK((*r)[1].type == ServiceType::turns);
  CHECK((*r)[1].transport == ServiceTransport::tcp);
}

TEST_CASE("unknown types, transports, attributes and children are kept and written back") {
  auto r = read(kOpen + "<service type='ftp' transport='sctp' host='files.example.org' action='add' name='Files'>"
                "<x xmlns='jabber:x:data' type='result'/></service><junk/></services>");
  REQUIRE(r.ok());
  REQUIRE(r->size() == 1);
  const auto& s = (*r)[0];
  CHECK(s.type == ServiceType::other);
  CHECK(s.type_name == "ftp");
  CHECK(s.transport == ServiceTransport::other);
  CHECK(s.transport_name == "sctp");
  CHECK(s.name == "Files");
  REQUIRE(s.other.size() == 1);
  CHECK(s.other[0].name == "action");
  REQUIRE(s.extensions.size() == 1);
  CHECK(s.extensions[0].ns == "jabber:x:data");
  auto again = read_services(write_services(*r));
  REQUIRE(again.ok());
  CHECK(*again == *r);
}

TEST_CASE("a written list reads back the same (round trip)") {
  ExternalService s;
  s.type = ServiceType::turn;
  s.type_name = "turn";
  s.host = "turn.example.org";
  s.port = 443;
  s.transport = ServiceTransport::tcp;
  s.transport_name = "tcp";
  s.username = "u";
  s.password = "p&<'\"";
  s.expires = 1'900'000'000;
  s.restricted = true;
  const auto written = write_services({s});
  CHECK(written.is("services", ns::extdisco));
  CHECK(xml::to_string(written).find("expires='2030-03-17T17:46:40Z'") != std::string::npos);
  auto back = read_services(written);
  REQUIRE(back.ok());
  REQUIRE(back->size() == 1);
  CHECK((*back)[0] == s);
}

TEST_CASE("a service without type or host, or with a bad port, expiry or flag, fails the answer") {
  CHECK(error_of(kOpen + "<service host='a'/></services>") == "service 1: type is required");
  CHECK(error_of(kOpen + "<service type='stun' host='a'/><service type='turn'/></services>") == "service 2: host is required");
  CHECK(error_of(kOpen + "<service type='turn' host='a' port='70000'/></services>") == "service 1: port must be 1..65535");
  CHECK(error_of(kOpen + "<service type='turn' host='a' port='-1'/></services>") == "service 1: port must be 1..65535");
  CHECK(error_of(kOpen + "<service type='turn' host='a' port='0'/></services>") == "service 1: port must be 1..65535");
  CHECK(error_of(kOpen + "<service type='turn' host='a' restricted='yes'/></services>") == "service 1: restricted must be a boolean");
  CHECK(error_of(kOpen + "<service type='turn' host='a' expires='tomorrow'/></services>").rfind("service 1: expires: ", 0) == 0);
  CHECK(error_of("<services xmlns='urn:xmpp:extdisco:1'/>").find("not <services") == 0);
  CHECK(error_of("<query xmlns='urn:xmpp:extdisco:2'/>").find("not <services") == 0);
}

TEST_CASE("an empty answer is an empty list, and <credentials/> reads like <services/>") {
  CHECK(read("<services xmlns='urn:xmpp:extdisco:2'/>")->empty());
  auto r = read("<credentials xmlns='urn:xmpp:extdisco:2'><service type='turn' host='h' username='u' password='p'/></credentials>");
  REQUIRE(r.ok());
  CHECK((*r)[0].password == "p");
}

TEST_CASE("the request is an iq get with an empty <services/>") {
  const auto iq = services_request("call.a.test", "a.test");
  CHECK(xml::to_string(iq) ==
        "<iq xmlns='jabber:component:accept' type='get' from='call.a.test' to='a.test'><services xmlns='urn:xmpp:extdisco:2'/></iq>");
}

TEST_CASE("XEP-0082 DateTime: Z, offsets and fractions; invalid dates are refused") {
  CHECK(parse_datetime("1970-01-01T00:00:00Z").value() == 0);
  CHECK(parse_datetime("2025-11-25T04:00:00Z").value() == 1764043200);
  CHECK(parse_datetime("2025-11-25T04:00:00.999Z").value() == 1764043200);
  CHECK(parse_datetime("2025-11-25T05:30:00+01:30").value() == 1764043200);
  CHECK(parse_datetime("2025-11-24T23:00:00-05:00").value() == 1764043200);
  CHECK(parse_datetime("2024-02-29T00:00:00Z").ok());
  CHECK(parse_datetime("2016-12-31T23:59:60Z").value() == parse_datetime("2017-01-01T00:00:00Z").value());
  for (const char* bad : {"2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-11-25T24:00:00Z", "2025-11-25T04:00:00",
                          "2025-11-25 04:00:00Z", "2025-11-25T04:00:00.Z", "2025-11-25T04:00:00+0100", "1969-12-31T23:59:59Z",
                          "+2025-11-25T04:00:00Z", "2025-11-25T04:00:00Zjunk", ""})
    CHECK_FALSE(parse_datetime(bad).ok());
  CHECK(write_datetime(1764043200) == "2025-11-25T04:00:00Z");
  CHECK(write_datetime(0) == "1970-01-01T00:00:00Z");
}

// Asking the XMPP server for STUN/TURN (XEP-0215): when, whom, and what happens to the answer.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>

#include "component/log.hpp"
#include "component/xmpp/extdisco_client.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"

using namespace jinglegate;
using namespace jinglegate::component;
using namespace jinglegate::component::xmpp;
using namespace std::chrono_literals;

namespace {
constexpr std::int64_t kNow = 1'764'000'000;

struct Fixture {
  boost::asio::io_context io;
  std::vector<xml::Element> sent;
  StanzaRouter router{"call.a.test", [this](xml::Element e) { sent.push_back(std::move(e)); }};
  IqTracker iq{io, router};
  std::vector<std::vector<ExternalService>> updates;
  std::vector<std::string> lines;
  RefreshPolicy policy;
  std::unique_ptr<ExternalServicesClient> client;

  explicit Fixture(RefreshPolicy p = {}) : policy(p) {
    log::set_sink([this](log::Level, const std::string& line) { lines.push_back(line); });
    client = std::make_unique<ExternalServicesClient>(
        io, iq, "call.a.test", "a.test", [this](const std::vector<ExternalService>& s) { updates.push_back(s); },
        [] { return kNow; }, policy);
  }
  ~Fixture() { log::set_sink({}); }

  void answer(const std::string& payload, const std::string& type = "result") {
    REQUIRE_FALSE(sent.empty());
    const std::string id(sent.back().attr_or("id"));
    auto e = xml::parse("<s xmlns='jabber:component:accept'><iq type='" + type + "' id='" + id +
                        "' from='a.test' to='call.a.test'>" + payload + "</iq></s>");
    REQUIRE(e.ok());
    router.dispatch(e->children.at(0));
  }
  std::size_t requests() const {
    std::size_t n = 0;
    for (const auto& s : sent)
      if (s.child("services", ns::extdisco)) ++n;
    return n;
  }
};

std::string turn_answer(std::int64_t expires) {
  return "<services xmlns='urn:xmpp:extdisco:2'><service type='stun' transport='udp' host='127.0.0.1' port='3478'/>"
         "<service type='turn' transport='udp' host='127.0.0.1' port='3478' username='" + std::to_string(expires) +
         "' password='pw' expires='" + write_datetime(expires) + "' restricted='1'/></services>";
}
}  // namespace

TEST_CASE("the link coming up asks the server for its services, from our domain") {
  Fixture f;
  CHECK(f.sent.empty());
  f.client->link_up();
  REQUIRE(f.sent.size() == 1);
  CHECK(f.sent[0].attr_or("type") == "get");
  CHECK(f.sent[0].attr_or("from") == "call.a.test");
  CHECK(f.sent[0].attr_or("to") == "a.test");
  CHECK(f.sent[0].child("services", ns::extdisco) != nullptr);
}

TEST_CASE("an answer is handed on and logged, and a renewal is planned before the credentials expire") {
  Fixture f;
  f.client->link_up();
  f.answer(turn_answer(kNow + 3600));
  REQUIRE(f.updates.size() == 1);
  REQUIRE(f.updates[0].size() == 2);
  CHECK(f.updates[0][1].username == std::to_string(kNow + 3600));
  CHECK(f.client->services() == f.updates[0]);
  CHECK(f.lines.back() == "info extdisco services server=a.test count=2 services=\"stun:127.0.0.1:3478/udp "
                          "turn:127.0.0.1:3478/udp\" expires_in=3600 refresh_in=2880");
}

TEST_CASE("the renewal asks again once it is due") {
  RefreshPolicy p;
  p.min_delay = 0s;  // credentials that expire now are renewed at once: no waiting in the test
  Fixture f(p);
  f.client->link_up();
  f.answer(turn_answer(kNow));
  CHECK(f.requests() == 1);
  f.io.run_for(50ms);
  CHECK(f.requests() == 2);
}

TEST_CASE("a refusal is logged with a hint and not asked again soon") {
  Fixture f;
  f.client->link_up();
  f.answer("<error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>", "error");
  CHECK(f.updates.empty());
  CHECK(f.lines.back().find("warn extdisco refused server=a.test reason=\"forbidden: forbidden\" retry_in=600 "
                            "hint=\"let the server answer the component: Prosody external_service_access") == 0);
  f.io.run_for(50ms);
  CHECK(f.requests() == 1);
}

TEST_CASE("a server without XEP-0215 is noted at info level") {
  Fixture f;
  f.client->link_up();
  f.answer("<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>", "error");
  CHECK(f.lines.back().find("info extdisco refused server=a.test reason=\"service-unavailable") == 0);
}

TEST_CASE("a malformed answer keeps what we had") {
  Fixture f;
  f.client->link_up();
  f.answer(turn_answer(kNow + 3600));
  f.client->link_up();  // the link came back: asks again
  f.answer("<services xmlns='urn:xmpp:extdisco:2'><service host='h'/></services>");
  CHECK(f.updates.size() == 1);
  CHECK(f.client->services().size() == 2);
  CHECK(f.lines.back().find("warn extdisco bad answer server=a.test reason=\"bad-request: service 1: type is required\"") == 0);
}

TEST_CASE("after the link went down a late answer is dropped, and what we had stays") {
  Fixture f;
  f.client->link_up();
  f.answer(turn_answer(kNow + 3600));
  f.client->link_up();
  f.client->link_down();
  f.answer(turn_answer(kNow + 7200));  // the answer to the request of the lost link
  CHECK(f.updates.size() == 1);
  CHECK(f.client->services()[1].username == std::to_string(kNow + 3600));
  f.iq.fail_all(Errc::xmpp_down);
  f.io.run_for(20ms);
  CHECK(f.requests() == 2);  // nothing more until the link is back
}

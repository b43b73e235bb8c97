// Our own iq requests: answers matched by id and sender, errors mapped to the registry, timeouts.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>

#include "component/xmpp/iq_tracker.hpp"
#include "jingle/xml/xml_reader.hpp"

using namespace jinglegate;
using namespace jinglegate::component::xmpp;
using namespace std::chrono_literals;

namespace {
struct Fixture {
  boost::asio::io_context io;
  std::vector<xml::Element> sent;
  StanzaRouter router{"call.a.test", [this](xml::Element e) { sent.push_back(std::move(e)); }};
  IqTracker tracker{io, router};
  std::vector<Result<xml::Element>> answers;

  void ask(std::string to = "bob@a.test/phone", std::chrono::milliseconds timeout = 1000ms) {
    xml::Element iq("iq", "jabber:component:accept");
    iq.set_attr("type", "get").set_attr("from", "alice@call.a.test/web").set_attr("to", to);
    iq.add("query", "http://jabber.org/protocol/disco#info");
    tracker.request(std::move(iq), timeout, [this](Result<xml::Element> r) { answers.push_back(std::move(r)); });
  }
  void receive(const std::string& stanza) {
    auto e = xml::parse("<s xmlns='jabber:component:accept'>" + stanza + "</s>");
    REQUIRE(e.ok());
    router.dispatch(e->children.at(0));
  }
  std::string last_id() const { return std::string(sent.back().attr_or("id")); }
};
}  // namespace

TEST_CASE("a result from the addressee answers the request once") {
  Fixture f;
  f.ask();
  const auto id = f.last_id();
  CHECK(f.tracker.pending() == 1);
  f.receive("<iq type='result' id='" + id + "' from='bob@a.test/phone' to='alice@call.a.test/web'/>");
  REQUIRE(f.answers.size() == 1);
  CHECK(f.answers[0].ok());
  f.receive("<iq type='result' id='" + id + "' from='bob@a.test/phone' to='alice@call.a.test/web'/>");
  CHECK(f.answers.size() == 1);
  CHECK(f.sent.size() == 1);  // a stray result gets no reply
}

TEST_CASE("an answer from someone else is ignored (RFC 6120 §8.1.2.1)") {
  Fixture f;
  f.ask();
  f.receive("<iq type='result' id='" + f.last_id() + "' from='mallory@a.test/x' to='alice@call.a.test/web'/>");
  CHECK(f.answers.empty());
  CHECK(f.tracker.pending() == 1);
}

TEST_CASE("an error answer carries the registry code of its condition") {
  Fixture f;
  f.ask();
  f.receive("<iq type='error' id='" + f.last_id() + "' from='bob@a.test/phone' to='alice@call.a.test/web'>"
            "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>nope</text></error></iq>");
  REQUIRE(f.answers.size() == 1);
  REQUIRE_FALSE(f.answers[0].ok());
  CHECK(f.answers[0].error().code == Errc::service_unavailable);
  CHECK(f.answers[0].error().detail == "nope");

  f.ask();
  f.receive("<iq type='error' id='" + f.last_id() + "' from='bob@a.test/phone' to='alice@call.a.test/web'>"
            "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            "<unknown-session xmlns='urn:xmpp:jingle:errors:1'/></error></iq>");
  REQUIRE(f.answers.size() == 2);
  CHECK(f.answers[1].error().code == Errc::unknown_session);
}

TEST_CASE("no answer in time is a timeout, and a link loss fails what is pending") {
  Fixture f;
  f.ask("bob@a.test/phone", 10ms);
  f.io.run_for(200ms);
  REQUIRE(f.answers.size() == 1);
  CHECK(f.answers[0].error().code == Errc::remote_server_timeout);

  f.io.restart();
  f.ask();
  f.ask();
  f.tracker.fail_all(Errc::xmpp_down);
  REQUIRE(f.answers.size() == 3);
  CHECK(f.answers[2].error().code == Errc::xmpp_down);
  CHECK(f.tracker.pending() == 0);
}

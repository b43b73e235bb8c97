// Presence wired into the daemon's parts, without sockets: stanzas through the router, web
// messages through the web router, disco#info for caps through the IqTracker, the flood bound.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <map>
#include <nlohmann/json.hpp>

#include "component/web/protocol.hpp"
#include "component/xmpp/presence_glue.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"
#include "jingle/xml/xml_writer.hpp"

using namespace jinglegate;
using namespace jinglegate::component;
using namespace jinglegate::component::xmpp;
using nlohmann::json;

namespace {
struct Recorder : web::Outbox {
  std::map<web::ConnId, std::vector<json>> got;
  void send(web::ConnId to, std::string text) override { got[to].push_back(json::parse(text)); }
  std::vector<json> take(web::ConnId c) { return std::exchange(got[c], {}); }
};

struct Fixture {
  boost::asio::io_context io;
  std::vector<std::string> sent;
  StanzaRouter router{"call.a.test", [this](xml::Element e) { sent.push_back(xml::to_string(e, ns::component_accept)); }};
  IqTracker iq{io, router};
  Recorder out;
  web::Router web{web::RouterSettings{"call.a.test", 5, 4, 16, std::chrono::seconds(45)}, out};
  std::unique_ptr<PresenceGlue> glue;

  explicit Fixture(PresenceFloodSettings flood = {}) {
    Config config;
    config.component.domain = "call.a.test";
    config.database.path = ":memory:";
    auto g = PresenceGlue::create(io, config, router, iq, web, {{"urn:xmpp:jinglegate:caps", "OURVER=", "sha-1"}, std::chrono::milliseconds(10000), flood});
    REQUIRE(g.ok());
    glue = std::move(*g);
    glue->start();
    glue->link_up();
  }
  ~Fixture() { glue->stop(); }
  void receive(const std::string& stanza) {
    auto e = xml::parse("<s xmlns='jabber:component:accept'>" + stanza + "</s>");
    REQUIRE(e.ok());
    router.dispatch(e->children.at(0));
    io.poll();
  }
  void web_says(web::ConnId c, const std::string& text) {
    auto p = web::parse_client_message(text);
    REQUIRE(std::holds_alternative<web::ClientMessage>(p));
    web.on_message(c, std::get<web::ClientMessage>(p));
    io.poll();
  }
  std::vector<std::string> take_sent() { return std::exchange(sent, {}); }
};
}  // namespace

TEST_CASE("a web login gets its roster after the welcome; a subscription goes out from the bare JID") {
  Fixture f;
  REQUIRE(f.web.attach(1, "alice", "w", "r").ok());
  CHECK(f.out.take(1).empty());  // the roster waits for the gateway's welcome (posted)
  f.io.poll();
  auto got = f.out.take(1);
  REQUIRE(got.size() == 1);
  CHECK(got[0] == json::parse(R"({"type":"roster","full":true,"items":[]})"));
  f.web_says(1, R"({"type":"subscribe","id":1,"to":"bob@a.test"})");
  CHECK(f.take_sent() == std::vector<std::string>{"<presence from='alice@call.a.test' to='bob@a.test' type='subscribe'/>"});
  CHECK(f.out.take(1) == std::vector<json>{json::parse(
                             R"({"type":"roster","full":false,"items":[{"jid":"bob@a.test","subscription":"none","ask":"subscribe"}]})")});
  f.web_says(1, R"({"type":"roster","id":"r"})");
  CHECK(f.out.take(1).at(0)["id"] == "r");
}

TEST_CASE("errors of presence requests name the code and the field, and echo the id") {
  Fixture f;
  REQUIRE(f.web.attach(1, "alice", "w", "r").ok());
  f.io.poll();
  f.out.take(1);
  f.web_says(1, R"({"type":"approve","id":9,"jid":"bob@a.test"})");
  CHECK(f.out.take(1) == std::vector<json>{json::parse(
                             R"({"type":"error","code":"item-not-found","message":"bob@a.test is not in your roster","field":"jid","id":9})")});
  f.glue->link_down();
  f.web_says(1, R"({"type":"subscribe","to":"bob@a.test"})");
  CHECK(f.out.take(1).at(0)["code"] == "xmpp-down");
}

TEST_CASE("an inbound request reaches the web user and the approval goes back with presence and caps") {
  Fixture f;
  REQUIRE(f.web.attach(1, "alice", "w", "r").ok());
  f.io.poll();
  f.out.take(1);
  f.receive("<presence from='bob@a.test/phone' to='alice@call.a.test' type='subscribe'><status>hi</status></presence>");
  CHECK(f.out.take(1) == std::vector<json>{json::parse(R"({"type":"subscription-request","from":"bob@a.test","status":"hi"})")});
  f.web_says(1, R"({"type":"approve","jid":"bob@a.test"})");
  CHECK(f.take_sent() ==
        std::vector<std::string>{"<presence from='alice@call.a.test' to='bob@a.test' type='subscribed'/>",
                                 "<presence from='alice@call.a.test/w' to='bob@a.test'><c xmlns='http://jabber.org/protocol/caps' "
                                 "hash='sha-1' node='urn:xmpp:jinglegate:caps' ver='OURVER='/></presence>"});
}

TEST_CASE("a contact's unknown caps are asked with disco#info and the answer reaches the web user") {
  Fixture f;
  REQUIRE(f.glue->service().is_link_up());
  REQUIRE(f.web.attach(1, "alice", "w", "r").ok());
  f.io.poll();
  f.web_says(1, R"({"type":"subscribe","to":"bob@a.test"})");
  f.receive("<presence from='bob@a.test' to='alice@call.a.test' type='subscribed'/>");
  f.take_sent();
  f.out.take(1);
  presence::DiscoInfo dino;
  dino.identities.push_back({"client", "pc", "", "Dino"});
  dino.features = {std::string(ns::jingle), std::string(ns::jingle_rtp), std::string(ns::jingle_rtp_audio),
                   std::string(ns::jingle_rtp_video), std::string(ns::jingle_ice_udp), std::string(ns::jingle_dtls),
                   std::string(ns::jingle_message)};
  const std::string ver = presence::caps_ver(dino);
  f.receive("<presence from='bob@a.test/dino' to='alice@call.a.test'><c xmlns='http://jabber.org/protocol/caps' "
            "hash='sha-1' node='https://dino.im' ver='" + ver + "'/></presence>");
  CHECK(f.out.take(1).at(0)["caps"].is_null());
  auto sent = f.take_sent();
  REQUIRE(sent.size() == 1);
  auto iq = xml::parse(sent[0]);
  REQUIRE(iq.ok());
  CHECK(iq->attr_or("from") == "call.a.test");
  CHECK(iq->attr_or("to") == "bob@a.test/dino");
  CHECK(iq->child("query", ns::disco_info)->attr_or("node") == "https://dino.im#" + ver);
  auto reply = presence::write_disco_info(dino);
  f.receive("<iq type='result' id='" + std::string(iq->attr_or("id")) + "' from='bob@a.test/dino' to='call.a.test'>" +
            xml::to_string(reply) + "</iq>");
  auto got = f.out.take(1);
  REQUIRE(got.size() == 1);
  CHECK(got[0]["caps"] == json::parse(R"({"audio":true,"video":true,"data":false,"jmi":true})"));
}

TEST_CASE("a presence flood from one sender is cut and the router keeps answering") {
  PresenceFloodSettings flood;
  flood.pair_burst = 20;
  flood.pair_rate = 0.01;  // the glue reads the real clock: no token may come back during the loop (slow under ASan)
  Fixture f(flood);
  REQUIRE(f.web.attach(1, "alice", "w", "r").ok());
  f.io.poll();
  for (int i = 0; i < 2000; ++i)
    f.receive("<presence from='mallory@evil.test/" + std::to_string(i) + "' to='alice@call.a.test' type='subscribe'/>");
  CHECK(f.glue->flood().dropped() == 1980);
  f.receive("<iq type='get' id='p1' from='bob@a.test/x' to='call.a.test'><ping xmlns='urn:xmpp:ping'/></iq>");
  // No ping responder here: service-unavailable still proves the router answered in turn.
  CHECK(f.take_sent().back().find("id='p1'") != std::string::npos);
}

TEST_CASE("a bad database path stops the start with the key named") {
  boost::asio::io_context io;
  StanzaRouter router{"call.a.test", [](xml::Element) {}};
  IqTracker iq{io, router};
  Recorder out;
  web::Router web{web::RouterSettings{"call.a.test", 5, 4, 16, std::chrono::seconds(45)}, out};
  Config config;
  config.component.domain = "call.a.test";
  config.database.path = "/nonexistent-dir/x/jg.sqlite";
  auto g = PresenceGlue::create(io, config, router, iq, web, {});
  REQUIRE_FALSE(g.ok());
  CHECK(g.error().code == Errc::bad_config);
  CHECK(g.error().detail.rfind("database.path", 0) == 0);
}

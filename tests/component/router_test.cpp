// Tests of stanza dispatch and the disco/ping/version answers, through a real router and a real
// web user set, reading the replies the router sends.
#include <catch2/catch.hpp>

#include "component/xmpp/disco.hpp"
#include "component/xmpp/stanza_router.hpp"
#include "component/xmpp/web_users.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"

using namespace jinglegate;
using namespace jinglegate::component::xmpp;

namespace {
// A router for call.a.test with the disco responder attached; alice/web1 is online.
struct Fixture {
  std::vector<xml::Element> sent;
  WebUserSet users;
  StanzaRouter router{"call.a.test", [this](xml::Element e) { sent.push_back(std::move(e)); }};
  DiscoResponder disco{"jinglegate", [this](std::string_view l, std::string_view r) { return users.online(l, r); }};

  Fixture() {
    users.add("alice", "web1");
    disco.attach(router);
  }
  // Dispatches one stanza written in the component namespace; returns what was sent back.
  std::vector<xml::Element> send(const std::string& stanza) {
    sent.clear();
    auto e = xml::parse("<stream xmlns='jabber:component:accept'>" + stanza + "</stream>");
    REQUIRE(e.ok());
    router.dispatch(e->children.at(0));
    return sent;
  }
};

std::string condition_of(const xml::Element& reply) {
  const auto* error = reply.child("error", ns::component_accept);
  if (!error) return "";
  for (const auto& c : error->children)
    if (c.ns == ns::stanzas && c.name != "text") return c.name;
  return "";
}
}  // namespace

TEST_CASE("disco#info on the domain answers the gateway identity and its features") {
  Fixture f;
  auto out = f.send("<iq type='get' id='d1' from='bob@a.test/x' to='call.a.test'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
  REQUIRE(out.size() == 1);
  CHECK(out[0].attr_or("type") == "result");
  CHECK(out[0].attr_or("id") == "d1");
  CHECK(out[0].attr_or("from") == "call.a.test");
  CHECK(out[0].attr_or("to") == "bob@a.test/x");
  auto info = read_disco_info(*out[0].child("query", ns::disco_info));
  REQUIRE(info.ok());
  CHECK(info->identities == std::vector<Identity>{{"gateway", "webrtc", "en", "jinglegate"}});
  CHECK(std::count(info->features.begin(), info->features.end(), std::string(ns::ping)) == 1);
  CHECK(std::count(info->features.begin(), info->features.end(), std::string(ns::jingle)) == 0);
}

TEST_CASE("disco#info on an online web user's full JID lists the call features, also by caps node") {
  Fixture f;
  for (std::string node : {std::string(), std::string(kCapsNode) + "#" + f.disco.user_caps_ver()}) {
    INFO(node);
    const std::string node_attr = node.empty() ? "" : " node='" + node + "'";
    auto out = f.send("<iq type='get' id='d2' from='bob@a.test/x' to='alice@call.a.test/web1'><query xmlns='" +
                      std::string(ns::disco_info) + "'" + node_attr + "/></iq>");
    REQUIRE(out.size() == 1);
    CHECK(out[0].attr_or("from") == "alice@call.a.test/web1");
    const auto* query = out[0].child("query", ns::disco_info);
    REQUIRE(query);
    CHECK(query->attr_or("node") == node);
    auto info = read_disco_info(*query);
    REQUIRE(info.ok());
    CHECK(info->identities.at(0).category == "client");
    CHECK(info->identities.at(0).type == "web");
    for (auto feature : {ns::jingle, ns::jingle_rtp, ns::jingle_rtp_audio, ns::jingle_rtp_video, ns::jingle_ice_udp,
                         ns::jingle_dtls, ns::jingle_message, ns::jingle_rtcp_fb, ns::jingle_rtp_hdrext, ns::rfc5888,
                         ns::rfc5576, ns::jingle_sctp})
      CHECK(std::count(info->features.begin(), info->features.end(), std::string(feature)) == 1);
    CHECK(caps_ver(*info) == f.disco.user_caps_ver());
  }
  auto caps = f.disco.caps_element();
  CHECK(caps.attr_or("ver") == f.disco.user_caps_ver());
  CHECK(caps.attr_or("hash") == "sha-1");
}

TEST_CASE("addresses of ours with nobody behind them get service-unavailable") {
  Fixture f;
  for (const char* to : {"alice@call.a.test/other", "alice@call.a.test", "carol@call.a.test/web1", "call.a.test/res"}) {
    INFO(to);
    for (auto query : {ns::disco_info, ns::disco_items, ns::ping, ns::version}) {
      auto out = f.send("<iq type='get' id='u' from='bob@a.test/x' to='" + std::string(to) + "'><query xmlns='" +
                        std::string(query) + "'/></iq>");
      REQUIRE(out.size() == 1);
      CHECK(condition_of(out[0]) == "service-unavailable");
      CHECK(out[0].child("error", ns::component_accept)->attr_or("type") == "cancel");
      CHECK(out[0].attr_or("from") == to);
    }
  }
}

TEST_CASE("an unknown caps node is item-not-found") {
  Fixture f;
  auto out = f.send("<iq type='get' id='n' from='b@a.test/x' to='alice@call.a.test/web1'><query xmlns='" +
                    std::string(ns::disco_info) + "' node='urn:other#x'/></iq>");
  REQUIRE(out.size() == 1);
  CHECK(condition_of(out[0]) == "item-not-found");
}

TEST_CASE("ping, version and disco#items are answered for the domain and online users") {
  Fixture f;
  for (const char* to : {"call.a.test", "alice@call.a.test/web1"}) {
    INFO(to);
    auto ping = f.send("<iq type='get' id='p' from='b@a.test/x' to='" + std::string(to) + "'><ping xmlns='urn:xmpp:ping'/></iq>");
    REQUIRE(ping.size() == 1);
    CHECK(ping[0].attr_or("type") == "result");
    CHECK(ping[0].children.empty());
    auto version = f.send("<iq type='get' id='v' from='b@a.test/x' to='" + std::string(to) + "'><query xmlns='jabber:iq:version'/></iq>");
    REQUIRE(version.size() == 1);
    CHECK(version[0].child("query", ns::version)->child("name", ns::version)->text == "jinglegate");
    auto items = f.send("<iq type='get' id='i' from='b@a.test/x' to='" + std::string(to) + "'><query xmlns='" +
                        std::string(ns::disco_items) + "'/></iq>");
    REQUIRE(items.size() == 1);
    CHECK(items[0].child("query", ns::disco_items)->children.empty());
  }
}

TEST_CASE("unknown iq get and set are service-unavailable; bad types are bad-request") {
  Fixture f;
  for (const char* type : {"get", "set"}) {
    auto out = f.send("<iq type='" + std::string(type) + "' id='x' from='b@a.test/x' to='call.a.test'><query xmlns='jabber:iq:last'/></iq>");
    REQUIRE(out.size() == 1);
    CHECK(condition_of(out[0]) == "service-unavailable");
  }
  for (const char* stanza : {"<iq type='wrong' id='t' from='b@a.test/x' to='call.a.test'><ping xmlns='urn:xmpp:ping'/></iq>",
                             "<iq id='t' from='b@a.test/x' to='call.a.test'/>",
                             "<message type='weird' from='b@a.test/x' to='call.a.test'/>"}) {
    INFO(stanza);
    auto out = f.send(stanza);
    REQUIRE(out.size() == 1);
    CHECK(condition_of(out[0]) == "bad-request");
  }
}

TEST_CASE("errors and results are never answered") {
  Fixture f;
  for (const char* stanza : {"<iq type='error' id='e' from='b@a.test/x' to='call.a.test'><query xmlns='jabber:iq:last'/></iq>",
                             "<iq type='result' id='r' from='b@a.test/x' to='call.a.test'/>",
                             "<message type='error' from='b@a.test/x' to='alice@call.a.test/web1'><body>x</body></message>",
                             "<presence type='error' from='b@a.test/x' to='call.a.test'/>"}) {
    INFO(stanza);
    CHECK(f.send(stanza).empty());
  }
}

TEST_CASE("stanzas not for our domain or without a valid from are dropped") {
  Fixture f;
  for (const char* stanza : {"<iq type='get' id='1' from='b@a.test/x' to='a.test'><ping xmlns='urn:xmpp:ping'/></iq>",
                             "<iq type='get' id='1' from='b@a.test/x' to='x.call.a.test'><ping xmlns='urn:xmpp:ping'/></iq>",
                             "<iq type='get' id='1' from='b@a.test/x'><ping xmlns='urn:xmpp:ping'/></iq>",
                             "<iq type='get' id='1' to='call.a.test'><ping xmlns='urn:xmpp:ping'/></iq>",
                             "<iq type='get' id='1' from='@bad' to='call.a.test'><ping xmlns='urn:xmpp:ping'/></iq>"}) {
    INFO(stanza);
    CHECK(f.send(stanza).empty());
  }
}

TEST_CASE("handlers route by kind, type and payload namespace; their failures become stanza errors") {
  Fixture f;
  std::vector<std::string> seen;
  f.router.route(StanzaKind::message, StanzaType::chat, ns::jingle_message, [&](const Stanza& s) {
    seen.push_back("jmi:" + s.payload->name);
    return Result<void>(Ok{});
  });
  f.router.route(StanzaKind::iq, StanzaType::set, ns::jingle, [&](const Stanza& s) {
    seen.push_back("jingle:" + std::string(s.payload->attr_or("action")));
    return Result<void>(fail(Errc::unknown_session));
  });
  f.router.route(StanzaKind::iq, StanzaType::result, "", [&](const Stanza& s) {
    seen.push_back("result:" + s.id);
    return Result<void>(fail(Errc::internal_error));  // never answered: it is a result
  });
  CHECK(f.send("<message type='chat' from='b@a.test/x' to='alice@call.a.test'><body>hi</body>"
               "<propose xmlns='urn:xmpp:jingle-message:0' id='c1'/></message>").empty());
  CHECK(f.send("<message type='normal' from='b@a.test/x' to='alice@call.a.test'><propose xmlns='urn:xmpp:jingle-message:0' id='c1'/></message>").empty());
  auto out = f.send("<iq type='set' id='j' from='b@a.test/x' to='alice@call.a.test/web1'><jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'/></iq>");
  CHECK(f.send("<iq type='result' id='r9' from='b@a.test/x' to='alice@call.a.test/web1'/>").empty());
  CHECK(seen == std::vector<std::string>{"jmi:propose", "jingle:session-info", "result:r9"});
  REQUIRE(out.size() == 1);
  CHECK(condition_of(out[0]) == "item-not-found");
  const auto* error = out[0].child("error", ns::component_accept);
  CHECK(error->attr_or("type") == "cancel");
  CHECK(error->child("unknown-session", ns::jingle_errors));
}

TEST_CASE("a refused oversized stanza is answered with policy-violation and stanza-too-big") {
  Fixture f;
  xml::Element head("iq", std::string(ns::component_accept));
  head.set_attr("type", "set");
  head.set_attr("id", "big");
  head.set_attr("from", "b@a.test/x");
  head.set_attr("to", "alice@call.a.test/web1");
  f.router.refused(head, Error{Errc::xml_too_big, "stanza exceeds 4096 bytes", 0});
  REQUIRE(f.sent.size() == 1);
  const auto& reply = f.sent[0];
  CHECK(reply.attr_or("id") == "big");
  CHECK(reply.attr_or("to") == "b@a.test/x");
  CHECK(condition_of(reply) == "policy-violation");
  const auto* error = reply.child("error", ns::component_accept);
  CHECK(error->attr_or("type") == "modify");
  CHECK(error->child("stanza-too-big", ns::xmpp_errors));
  CHECK(error->child("text", ns::stanzas)->text == "stanza exceeds 4096 bytes");
  f.sent.clear();
  head.set_attr("type", "error");
  f.router.refused(head, Error{Errc::xml_too_big, "", 0});
  head.set_attr("type", "set");
  head.set_attr("to", "a.test");
  f.router.refused(head, Error{Errc::xml_too_big, "", 0});
  CHECK(f.sent.empty());
}

TEST_CASE("a web user list parses from its one-line form") {
  auto set = parse_web_users(" alice/web1, bob/phone ,");
  REQUIRE(set.ok());
  CHECK(set->size() == 2);
  CHECK(set->online("bob", "phone"));
  CHECK_FALSE(set->online("bob", "web1"));
  for (const char* bad : {"alice", "/r", "alice/", "a@b/c"}) CHECK(parse_web_users(bad).error().code == Errc::bad_config);
}

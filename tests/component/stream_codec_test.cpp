// Tests of the XEP-0114 stream codec: handshake, events across splits, every restricted case.
#include <catch2/catch.hpp>

#include "component/xmpp/stream_codec.hpp"
#include "jingle/xml/ns.hpp"

using namespace jinglegate;
using namespace jinglegate::component::xmpp;
using Kind = StreamEvent::Kind;

namespace {
const std::string kHeader =
    "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
    "xmlns='jabber:component:accept' id='3BF96D75' from='call.a.test'>";

// A codec that has opened its stream, read the server's header and been accepted.
StreamCodec authenticated(const xml::Limits& limits = {}) {
  StreamCodec codec("call.a.test", limits);
  (void)codec.open();
  std::vector<StreamEvent> events;
  REQUIRE(codec.feed(kHeader + "<handshake/>", events).ok());
  REQUIRE(codec.state() == StreamState::authenticated);
  return codec;
}
}  // namespace

TEST_CASE("the handshake digest is lowercase hex SHA-1 of stream id and secret (XEP-0114 §3)") {
  // Reference values from Python's hashlib.
  CHECK(handshake_digest("3BF96D75", "s3cret") == "d40b468893a61b70119807840c55ae6cbf1a1f43");
  CHECK(handshake_digest("", "") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  StreamCodec codec("call.a.test", {});
  CHECK(codec.handshake("3BF96D75", "s3cret") == "<handshake>d40b468893a61b70119807840c55ae6cbf1a1f43</handshake>");
}

TEST_CASE("the stream header names our domain in the component namespace") {
  StreamCodec codec("call.a.test", {});
  CHECK(codec.open() ==
        "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
        "xmlns:stream='http://etherx.jabber.org/streams' to='call.a.test'>");
  CHECK(codec.state() == StreamState::awaiting_header);
}

TEST_CASE("a server stream yields opened, handshake, stanzas and closed across any split") {
  const std::string input = kHeader +
                            "<handshake/>\n <iq type='get' id='1' from='a@a.test/r' to='call.a.test'>"
                            "<ping xmlns='urn:xmpp:ping'/></iq><message from='a@a.test' to='u@call.a.test'>"
                            "<body>hé</body></message></stream:stream>";
  for (std::size_t split : {std::size_t{1}, std::size_t{3}, std::size_t{64}, input.size()}) {
    INFO("split " << split);
    StreamCodec codec("call.a.test", {});
    (void)codec.open();
    std::vector<StreamEvent> events;
    for (std::size_t i = 0; i < input.size(); i += split)
      REQUIRE(codec.feed(std::string_view(input).substr(i, split), events).ok());
    REQUIRE(codec.finish(events).ok());
    REQUIRE(events.size() == 5);
    CHECK(events[0].kind == Kind::opened);
    CHECK(events[0].text == "3BF96D75");
    CHECK(events[1].kind == Kind::handshake_accepted);
    CHECK(events[2].kind == Kind::stanza);
    CHECK(events[2].element.child("ping", ns::ping));
    CHECK(events[3].element.child("body", ns::component_accept)->text == "hé");
    CHECK(events[4].kind == Kind::closed);
    CHECK(codec.state() == StreamState::closed);
  }
}

TEST_CASE("a stream error before the handshake reports its condition and text") {
  StreamCodec codec("call.a.test", {});
  (void)codec.open();
  std::vector<StreamEvent> events;
  REQUIRE(codec.feed(kHeader +
                         "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                         "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Given token does not match</text>"
                         "</stream:error></stream:stream>",
                     events)
              .ok());
  REQUIRE(events.size() == 3);
  CHECK(events[1].kind == Kind::stream_error);
  CHECK(events[1].condition == "not-authorized");
  CHECK(events[1].text == "Given token does not match");
  CHECK(events[2].kind == Kind::closed);
  CHECK(codec.state() == StreamState::closed);
}

TEST_CASE("faults in the server's stream map to RFC 6120 stream error conditions") {
  struct Case {
    const char* name;
    std::string input;
    const char* condition;
  };
  const Case cases[] = {
      {"comment", "<!-- hi -->", "restricted-xml"},
      {"processing instruction", "<?php echo 1; ?>", "restricted-xml"},
      {"internal DTD subset", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "not-well-formed"},  // after the root: expat's syntax error
      {"undefined entity", "<message from='a@a.test' to='call.a.test'><body>&nbsp;</body></message>", "restricted-xml"},
      {"not well-formed", "<message><body></message>", "not-well-formed"},
      {"unbound prefix", "<x:message/>", "not-well-formed"},
      {"text between stanzas", "hello", "not-well-formed"},
      {"too deep", "<iq>" + std::string(40 * 3, 'x') + "</iq>", nullptr},
      {"unknown top-level element", "<r xmlns='urn:xmpp:sm:3'/>", "unsupported-stanza-type"},
  };
  for (const auto& c : cases) {
    if (!c.condition) continue;
    INFO(c.name);
    StreamCodec codec = authenticated();
    std::vector<StreamEvent> events;
    auto r = codec.feed(c.input, events);
    REQUIRE_FALSE(r.ok());
    CHECK(stream_condition(r.error().code) == c.condition);
    CHECK(codec.state() == StreamState::failed);
    CHECK_FALSE(codec.feed("<iq/>", events).ok());  // stays failed
  }
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "<a>";
  StreamCodec codec = authenticated();
  std::vector<StreamEvent> events;
  CHECK(stream_condition(codec.feed("<iq>" + deep, events).error().code) == "policy-violation");
}

namespace {
// The stream condition a fresh codec (header sent, nothing received) answers `input` with.
std::string_view fault_before_handshake(const std::string& input) {
  StreamCodec codec("call.a.test", {});
  (void)codec.open();
  std::vector<StreamEvent> events;
  auto r = codec.feed(input, events);
  return r.ok() ? "accepted" : stream_condition(r.error().code);
}
}  // namespace

TEST_CASE("restricted XML before the stream header is refused: DOCTYPE, PI, bad declaration") {
  for (const char* input : {"<!DOCTYPE stream:stream [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]>",
                            "<!DOCTYPE stream SYSTEM 'http://example.org/x.dtd'>",
                            "<?xml version='1.0' encoding='ISO-8859-1'?>", "<?xml version='1.1'?>",
                            "<?xml-stylesheet href='x'?>"}) {
    INFO(input);
    CHECK(fault_before_handshake(input) == "restricted-xml");
  }
}

TEST_CASE("protocol violations are invalid-xml: wrong root, no id, stanza before handshake") {
  for (const std::string& input : {std::string("<stream xmlns='urn:other' id='1'>"),
                                  std::string("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' "
                                              "xmlns='jabber:component:accept'>"),
                                  kHeader + "<message/>"}) {
    INFO(input);
    CHECK(fault_before_handshake(input) == "invalid-xml");
  }
}

TEST_CASE("an oversized stanza is refused as an event and the stream goes on") {
  xml::Limits limits;
  limits.max_bytes = 1024;
  StreamCodec codec = authenticated(limits);
  std::vector<StreamEvent> events;
  REQUIRE(codec.feed("<iq type='get' id='big' from='a@a.test/r' to='call.a.test'><q xmlns='urn:q'>" +
                         std::string(4000, 'x') + "</q></iq><iq type='get' id='small'/>",
                     events)
              .ok());
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == Kind::refused);
  CHECK(events[0].error.code == Errc::xml_too_big);
  CHECK(events[0].element.attr_or("id") == "big");
  CHECK(events[1].kind == Kind::stanza);
  CHECK(codec.state() == StreamState::authenticated);
}

TEST_CASE("a connection cut mid-stanza fails on finish") {
  StreamCodec codec = authenticated();
  std::vector<StreamEvent> events;
  REQUIRE(codec.feed("<message><body>", events).ok());
  CHECK_FALSE(codec.finish(events).ok());
}

TEST_CASE("the encoder writes stanzas only from our domain") {
  StreamCodec codec("call.a.test", {});
  xml::Element iq("iq", std::string(ns::component_accept));
  iq.set_attr("type", "result");
  iq.set_attr("to", "a@a.test/r");
  CHECK(codec.encode(iq).error().code == Errc::forbidden);  // no from
  for (const char* from : {"call.a.test", "u@call.a.test", "u@call.a.test/r", "CALL.a.test"}) {
    iq.set_attr("from", from);
    auto out = codec.encode(iq);
    REQUIRE(out.ok());
    CHECK(*out == "<iq type='result' to='a@a.test/r' from='" + std::string(from) + "'/>");
  }
  for (const char* from : {"a.test", "u@a.test", "evil.call.a.test", "call.a.test.evil", "@call.a.test", ""}) {
    INFO(from);
    iq.set_attr("from", from);
    CHECK(codec.encode(iq).error().code == Errc::forbidden);
  }
  xml::Element other("handshake", std::string(ns::component_accept));
  other.set_attr("from", "call.a.test");
  CHECK_FALSE(codec.encode(other).ok());
}

TEST_CASE("a stream error is written with its condition, text and the stream's end") {
  StreamCodec codec = authenticated();
  CHECK(codec.error("restricted-xml", "comment") ==
        "<stream:error><restricted-xml xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
        "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>comment</text></stream:error></stream:stream>");
  CHECK(codec.state() == StreamState::closed);
}

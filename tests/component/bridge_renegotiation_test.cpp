// Renegotiation through the bridge: content-add/-accept/-reject (video added to an audio call, as
// Conversations does it), content-remove, ICE restarts both ways, and clean refusals.
#include "bridge_fixture.hpp"

using namespace bridgetest;
using jingle::Action;
using jingle::Role;

namespace {

const std::string kAlice = "alice@call.a.test/a1";
const std::string kBob = "bob@a.test/phone";

std::string ufrag_of(const std::string& text, std::size_t index) {
  auto s = sdp::parse_sdp(text);
  REQUIRE(s.ok());
  REQUIRE(index < s->media.size());
  return sdp::effective_ice_ufrag(*s, s->media[index]).value_or("");
}

}  // namespace

TEST_CASE("the peer adds video with a stub transport (Conversations): offer to the browser, answer -> content-accept") {
  Fixture f;
  const auto offer = corpus("renegotiate-add-video.offer.sdp");
  const auto answer = corpus("renegotiate-add-video.answer.sdp");
  peer_calls(f, "up1", without_mid(offer, "1"), without_mid(answer, "1"));
  const auto add = sample("conversations/content-add.xml", "up1");
  CHECK(f.jingle(kBob, "alice@call.a.test/y", add).attr_or("type") == "result");
  const auto reoffer = f.out.one(3, "offer");
  const std::string text = reoffer["sdp"];
  auto s = sdp::parse_sdp(text);
  REQUIRE(s.ok());
  REQUIRE(s->media.size() == 2);
  CHECK(s->media[1].media == "video");
  CHECK(s->media[1].port != 0);
  // The stub <transport/> inherits the BUNDLE group's transport.
  CHECK(ufrag_of(text, 1) == ufrag_of(text, 0));
  CHECK(reoffer["media"]["video"] == true);

  f.from_browser(3, {{"type", "answer"}, {"session", "up1"}, {"sdp", answer}});
  const auto accept = Fixture::read(f.one_jingle("content-accept"));
  REQUIRE(accept.contents.size() == 1);
  CHECK(accept.contents[0].name == "1");
  CHECK(accept.contents[0].creator == jingle::Creator::initiator);
  CHECK(std::holds_alternative<jingle::RtpDescription>(accept.contents[0].description));
}

TEST_CASE("the browser declines the peer's added content (port 0): content-reject") {
  Fixture f;
  const auto offer = corpus("renegotiate-add-video.offer.sdp");
  const auto answer = corpus("renegotiate-add-video.answer.sdp");
  peer_calls(f, "up2", without_mid(offer, "1"), without_mid(answer, "1"));
  f.jingle(kBob, "alice@call.a.test/y", sample("conversations/content-add.xml", "up2"));
  f.out.take(3);
  f.from_browser(3, {{"type", "answer"}, {"session", "up2"}, {"sdp", with_port0(answer, "1")}});
  const auto reject = Fixture::read(f.one_jingle("content-reject"));
  REQUIRE(reject.contents.size() == 1);
  CHECK(reject.contents[0].name == "1");
  CHECK(f.sent_jingle("content-accept").empty());
}

TEST_CASE("the browser adds video: content-add, then the peer's content-accept becomes the browser's answer") {
  Fixture f;
  const auto offer = corpus("renegotiate-add-video.offer.sdp");
  const auto answer = corpus("renegotiate-add-video.answer.sdp");
  const std::string sid = web_calls(f, without_mid(offer, "1"), without_mid(answer, "1"));
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", offer}});
  const auto add = Fixture::read(f.one_jingle("content-add"));
  REQUIRE(add.contents.size() == 1);
  CHECK(add.contents[0].name == "1");
  CHECK(add.contents[0].creator == jingle::Creator::initiator);
  REQUIRE(add.groups.size() == 1);  // the whole BUNDLE group, as Conversations sends it
  CHECK(add.groups[0].contents == std::vector<std::string>{"0", "1"});
  CHECK(f.out.take(1).empty());
  f.ack_all();

  auto accept = Fixture::jingle_from_sdp(answer, Action::content_accept, sid, Role::responder);
  accept = bridge::pick_contents(accept, {"1"});
  for (auto& c : accept.contents) c.creator = jingle::Creator::initiator;
  CHECK(f.jingle(kBob, kAlice, accept).attr_or("type") == "result");
  const auto got = f.out.one(1, "answer");
  auto s = sdp::parse_sdp(got["sdp"].get<std::string>());
  REQUIRE(s.ok());
  REQUIRE(s->media.size() == 2);
  CHECK(s->media[1].port != 0);
}

TEST_CASE("the peer rejects our added content: the browser's answer has it at port 0") {
  Fixture f;
  const auto offer = corpus("renegotiate-add-video.offer.sdp");
  const auto answer = corpus("renegotiate-add-video.answer.sdp");
  const std::string sid = web_calls(f, without_mid(offer, "1"), without_mid(answer, "1"));
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", offer}});
  f.ack_all();
  jingle::Jingle reject;
  reject.action = Action::content_reject;
  reject.sid = sid;
  reject.contents.emplace_back();
  reject.contents[0].name = "1";
  CHECK(f.jingle(kBob, kAlice, reject).attr_or("type") == "result");
  auto s = sdp::parse_sdp(f.out.one(1, "answer")["sdp"].get<std::string>());
  REQUIRE(s.ok());
  REQUIRE(s->media.size() == 2);
  CHECK(s->media[1].port == 0);
  CHECK(s->media[0].port != 0);
}

TEST_CASE("the peer refuses our content-add with an error: the browser gets an error, the call goes on") {
  Fixture f;
  const auto offer = corpus("renegotiate-add-video.offer.sdp");
  const auto answer = corpus("renegotiate-add-video.answer.sdp");
  web_calls(f, without_mid(offer, "1"), without_mid(answer, "1"));
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", offer}});
  f.refuse(f.one_jingle("content-add"), "feature-not-implemented");
  const auto err = f.out.one(1, "error");
  CHECK(err["session"] == "s1");
  CHECK(err["field"] == "sdp");
  CHECK(f.bridge.call_count() == 1);
  // Nothing is in flight any more: the browser may offer again.
  f.take_sent();
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", offer}});
  CHECK(f.sent_jingle("content-add").size() == 1);
}

TEST_CASE("crossing content-adds: as initiator ours wins and theirs gets tie-break") {
  Fixture f;
  const auto offer = corpus("renegotiate-add-video.offer.sdp");
  const auto answer = corpus("renegotiate-add-video.answer.sdp");
  const std::string sid = web_calls(f, without_mid(offer, "1"), without_mid(answer, "1"));
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", offer}});
  auto theirs = sample("conversations/content-add.xml", sid);
  theirs.contents[0].name = "9";
  theirs.contents[0].creator = jingle::Creator::responder;
  CHECK(error_condition(f.jingle(kBob, kAlice, theirs)) == "conflict+tie-break");
}

TEST_CASE("the peer restarts ICE (transport-info with new credentials, no candidates): offer, answer, transport-info") {
  Fixture f;
  peer_calls(f, "ice1", corpus("audio-video.offer.sdp"), corpus("audio-video.answer.sdp"));
  // Conversations' restart: every content, new ufrag/pwd, no candidates.
  auto restart = Fixture::jingle_from_sdp(corpus("ice-restart.offer.sdp"), Action::transport_info, "ice1", Role::initiator);
  for (auto& c : restart.contents) {
    c.description = std::monostate{};
    std::get<jingle::IceUdpTransport>(c.transport).candidates.clear();
  }
  restart.groups.clear();
  CHECK(f.jingle(kBob, "alice@call.a.test/y", restart).attr_or("type") == "result");
  const auto reoffer = f.out.one(3, "offer");
  const std::string text = reoffer["sdp"];
  CHECK(ufrag_of(text, 0) == ufrag_of(corpus("ice-restart.offer.sdp"), 0));
  CHECK(ufrag_of(text, 0) != ufrag_of(corpus("audio-video.offer.sdp"), 0));

  f.from_browser(3, {{"type", "answer"}, {"session", "ice1"}, {"sdp", corpus("ice-restart.answer.sdp")}});
  const auto reply = Fixture::read(f.one_jingle("transport-info"));
  REQUIRE(reply.contents.size() == 2);
  const auto& t = std::get<jingle::IceUdpTransport>(reply.contents[0].transport);
  CHECK(t.ufrag == ufrag_of(corpus("ice-restart.answer.sdp"), 0));
  CHECK(t.candidates.empty());
  CHECK_FALSE(t.fingerprints.empty());
}

TEST_CASE("the browser restarts ICE: transport-info with new credentials; the peer's reply becomes the answer") {
  Fixture f;
  const std::string sid = web_calls(f, corpus("audio-video.offer.sdp"), corpus("audio-video.answer.sdp"));
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", corpus("ice-restart.offer.sdp")}});
  const auto ours = Fixture::read(f.one_jingle("transport-info"));
  REQUIRE(ours.contents.size() == 2);
  CHECK(std::get<jingle::IceUdpTransport>(ours.contents[0].transport).ufrag == ufrag_of(corpus("ice-restart.offer.sdp"), 0));
  CHECK(std::get<jingle::IceUdpTransport>(ours.contents[0].transport).candidates.empty());
  f.ack_all();
  auto theirs = Fixture::jingle_from_sdp(corpus("ice-restart.answer.sdp"), Action::transport_info, sid, Role::responder);
  for (auto& c : theirs.contents) c.description = std::monostate{};
  CHECK(f.jingle(kBob, kAlice, theirs).attr_or("type") == "result");
  const auto answer = f.out.one(1, "answer");
  CHECK(ufrag_of(answer["sdp"], 0) == ufrag_of(corpus("ice-restart.answer.sdp"), 0));
}

TEST_CASE("the browser stops its video: content-remove, answered locally once the peer acknowledged") {
  Fixture f;
  web_calls(f, corpus("audio-video.offer.sdp"), corpus("audio-video.answer.sdp"));
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", with_port0(corpus("audio-video.offer.sdp"), "1")}});
  const auto remove = Fixture::read(f.one_jingle("content-remove"));
  REQUIRE(remove.contents.size() == 1);
  CHECK(remove.contents[0].name == "1");
  CHECK(f.out.take(1).empty());
  f.ack_all();
  auto s = sdp::parse_sdp(f.out.one(1, "answer")["sdp"].get<std::string>());
  REQUIRE(s.ok());
  REQUIRE(s->media.size() == 2);
  CHECK(s->media[1].port == 0);
}

TEST_CASE("the peer removes a content: the browser gets an offer with it at port 0, its answer goes nowhere") {
  Fixture f;
  peer_calls(f, "rm1", corpus("audio-video.offer.sdp"), corpus("audio-video.answer.sdp"));
  jingle::Jingle remove;
  remove.action = Action::content_remove;
  remove.sid = "rm1";
  remove.contents.emplace_back();
  remove.contents[0].name = "1";
  CHECK(f.jingle(kBob, "alice@call.a.test/y", remove).attr_or("type") == "result");
  auto s = sdp::parse_sdp(f.out.one(3, "offer")["sdp"].get<std::string>());
  REQUIRE(s.ok());
  CHECK(s->media.at(1).port == 0);
  f.take_sent();
  f.from_browser(3, {{"type", "answer"}, {"session", "rm1"}, {"sdp", with_port0(corpus("audio-video.answer.sdp"), "1")}});
  CHECK(f.sent.empty());
  CHECK(f.out.take(3).empty());
}

TEST_CASE("what cannot be mapped is refused cleanly and the call goes on") {
  Fixture f;
  const std::string sid = web_calls(f, corpus("audio-video.offer.sdp"), corpus("audio-video.answer.sdp"));
  SECTION("a re-offer that adds and restarts at once") {
    auto both = with_port0(corpus("ice-restart.offer.sdp"), "1");
    f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", both}});
    CHECK(f.out.one(1, "error")["code"] == "feature-not-implemented");
    CHECK(f.sent.empty());
  }
  SECTION("a re-offer while one is in flight") {
    f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", corpus("ice-restart.offer.sdp")}});
    f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", corpus("ice-restart.offer.sdp")}});
    CHECK(f.out.one(1, "error")["code"] == "out-of-order");
  }
  SECTION("a transport-replace to a transport other than ICE-UDP: transport-reject") {
    jingle::Jingle replace;
    replace.action = Action::transport_replace;
    replace.sid = sid;
    replace.contents.emplace_back();
    replace.contents[0].name = "0";
    replace.contents[0].creator = jingle::Creator::initiator;
    replace.contents[0].transport = xml::Element("transport", "urn:xmpp:jingle:transports:s5b:1");
    CHECK(f.jingle(kBob, kAlice, replace).attr_or("type") == "result");
    CHECK(f.sent_jingle("transport-reject").size() == 1);
  }
  CHECK(f.bridge.call_count() == 1);
}

TEST_CASE("a re-offer that changes nothing is answered from the peer's description at once") {
  Fixture f;
  web_calls(f, corpus("audio-video.offer.sdp"), corpus("audio-video.answer.sdp"));
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", corpus("audio-video.offer.sdp")}});
  CHECK(f.sent.empty());
  auto s = sdp::parse_sdp(f.out.one(1, "answer")["sdp"].get<std::string>());
  REQUIRE(s.ok());
  CHECK(s->media.size() == 2);
}

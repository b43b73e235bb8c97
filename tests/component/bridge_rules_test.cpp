// The bridge's rules: XEP-0166 errors (unknown session, out of order, tie-break, unsupported
// info), third parties refused, timeouts, parties going away, candidate queues, crossing calls,
// and the peer profile from disco#info.
#include "bridge_fixture.hpp"

using namespace bridgetest;
using jingle::Action;
using jingle::Role;

namespace {

const std::string kAlice = "alice@call.a.test/a1";
const std::string kBob = "bob@a.test/phone";

json offer_to(const std::string& to, const std::string& session = "s1") {
  return {{"type", "offer"}, {"session", session}, {"to", to}, {"sdp", corpus("audio-video.offer.sdp")}};
}

// alice calls bob's phone directly and bob accepts: an active session; returns the sid.
std::string active_call(Fixture& f) {
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to(kBob));
  const std::string sid = Fixture::read(f.one_jingle("session-initiate")).sid;
  f.ack_all();
  auto accept = Fixture::jingle_from_sdp(corpus("audio-video.answer.sdp"), Action::session_accept, sid, Role::responder);
  REQUIRE(f.jingle(kBob, kAlice, accept).attr_or("type") == "result");
  f.out.take(1);
  return sid;
}

jingle::Jingle bare(Action a, const std::string& sid) {
  jingle::Jingle j;
  j.action = a;
  j.sid = sid;
  return j;
}

}  // namespace

TEST_CASE("Jingle for an unknown sid: item-not-found + unknown-session") {
  Fixture f;
  f.login(1, "alice", "a1");
  const auto reply = f.jingle(kBob, kAlice, bare(Action::transport_info, "nope"));
  CHECK(reply.attr_or("type") == "error");
  CHECK(error_condition(reply) == "item-not-found+unknown-session");
}

TEST_CASE("Jingle in the wrong state: unexpected-request + out-of-order, and the call goes on") {
  Fixture f;
  const std::string sid = active_call(f);
  auto again = Fixture::jingle_from_sdp(corpus("audio-video.answer.sdp"), Action::session_accept, sid, Role::responder);
  const auto reply = f.jingle(kBob, kAlice, again);
  CHECK(error_condition(reply) == "unexpected-request+out-of-order");
  CHECK(f.out.take(1).empty());
  CHECK(f.bridge.call_count() == 1);
  // content-accept with no content-add of ours in flight
  CHECK(error_condition(f.jingle(kBob, kAlice, bare(Action::content_accept, sid))) == "unexpected-request+out-of-order");
}

TEST_CASE("an unknown session-info payload: feature-not-implemented + unsupported-info; an empty one is a ping") {
  Fixture f;
  const std::string sid = active_call(f);
  auto j = bare(Action::session_info, sid);
  j.info = jingle::SessionInfo{};
  j.info->kind = jingle::InfoKind::unknown;
  j.info->payload = xml::Element("buzz", "urn:example:buzz");
  CHECK(error_condition(f.jingle(kBob, kAlice, j)) == "feature-not-implemented+unsupported-info");
  CHECK(f.jingle(kBob, kAlice, bare(Action::session_info, sid)).attr_or("type") == "result");
  CHECK(f.out.take(1).empty());
}

TEST_CASE("a third party naming a live sid is refused as unknown-session, and the call goes on") {
  Fixture f;
  const std::string sid = active_call(f);
  for (Action a : {Action::transport_info, Action::session_terminate}) {
    auto j = bare(a, sid);
    const auto reply = f.jingle("mallory@evil.test/x", kAlice, j);
    CHECK(error_condition(reply) == "item-not-found+unknown-session");
    // bob's other resource is a third party too: the session is with the phone.
    CHECK(error_condition(f.jingle("bob@a.test/desktop", kAlice, j)) == "item-not-found+unknown-session");
  }
  CHECK(f.out.take(1).empty());
  CHECK(f.bridge.call_count() == 1);
}

TEST_CASE("bridge: Jingle iq errors and results of a live call are never answered") {
  Fixture f;
  const std::string sid = active_call(f);
  f.take_sent();
  f.receive("<iq type='error' id='zz' from='" + kBob + "' to='" + kAlice + "'><jingle xmlns='urn:xmpp:jingle:1' action='session-terminate' sid='" +
            sid + "'/><error type='cancel'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
  f.receive("<iq type='result' id='zz2' from='" + kBob + "' to='" + kAlice + "'/>");
  CHECK(f.sent.empty());
  CHECK(f.bridge.call_count() == 1);
}

TEST_CASE("malformed Jingle: bad-request") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.receive("<iq type='set' id='b1' from='" + kBob + "' to='" + kAlice + "'><jingle xmlns='urn:xmpp:jingle:1' sid='x'/></iq>");
  REQUIRE(f.reply_to("b1"));
  CHECK(error_condition(*f.reply_to("b1")) == "bad-request");
  f.receive("<iq type='set' id='b2' from='" + kBob + "' to='" + kAlice + "'><jingle xmlns='urn:xmpp:jingle:1' action='dance' sid='x'/></iq>");
  CHECK(error_condition(*f.reply_to("b2")) == "bad-request");
}

TEST_CASE("Jitsi's source-add and description-info are refused as not implemented, the call goes on") {
  Fixture f;
  const std::string sid = active_call(f);
  CHECK(error_condition(f.jingle(kBob, kAlice, bare(Action::source_add, sid))) == "feature-not-implemented");
  CHECK(error_condition(f.jingle(kBob, kAlice, bare(Action::description_info, sid))) == "feature-not-implemented");
  CHECK(f.bridge.call_count() == 1);
}

TEST_CASE("crossing session-initiates: ours wins with the lower sid, theirs with the lower") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to(kBob));
  const std::string ours = Fixture::read(f.one_jingle("session-initiate")).sid;
  // Their sid sorts after ours ("~" is above every UUID character): they lose.
  auto theirs = Fixture::jingle_from_sdp(corpus("audio.offer.sdp"), Action::session_initiate, "~late", Role::initiator);
  CHECK(error_condition(f.jingle(kBob, kAlice, theirs)) == "conflict+tie-break");
  // A sid that sorts first wins: acknowledged, and our own comes back refused with tie-break.
  auto winner = Fixture::jingle_from_sdp(corpus("audio.offer.sdp"), Action::session_initiate, "-early", Role::initiator);
  CHECK(f.jingle(kBob, kAlice, winner).attr_or("type") == "result");
  f.refuse(f.one_jingle("session-initiate"), "conflict", "<tie-break xmlns='urn:xmpp:jingle:errors:1'/>");
  bool hung_up = false, rang = false;
  for (const auto& m : f.out.take(1)) {
    if (m["type"] == "hangup" && m["session"] == "s1" && m["reason"] == "expired") hung_up = true;
    if (m["type"] == "incoming" && m["session"] == "-early") rang = true;
  }
  CHECK(hung_up);
  CHECK(rang);
  (void)ours;
}

TEST_CASE("crossing proposals (XEP-0353 §4.3): the lower id wins; the loser retracts, the winner rejects") {
  SECTION("ours is lower: theirs is rejected with tie-break and nothing rings") {
    Fixture f;
    f.login(1, "alice", "a1");
    f.from_browser(1, offer_to("bob@a.test"));
    f.take_sent();
    f.jmi(kBob, "alice@call.a.test",
          "<propose xmlns='urn:xmpp:jingle-message:0' id='~zzz'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>");
    const auto reject = f.sent_jmi("reject");
    REQUIRE(reject.size() == 1);
    CHECK(reject[0].attr_or("to") == kBob);
    CHECK(reject[0].child("reject", ns::jingle_message)->attr_or("id") == "~zzz");
    CHECK(reject[0].child("reject", ns::jingle_message)->child("tie-break", ns::jingle_message) != nullptr);
    CHECK(f.bridge.call_count() == 1);
  }
  SECTION("theirs is lower: ours is retracted with tie-break, the browser hears expired, theirs rings") {
    Fixture f;
    f.login(1, "alice", "a1");
    f.from_browser(1, offer_to("bob@a.test"));
    f.take_sent();
    f.jmi(kBob, "alice@call.a.test",
          "<propose xmlns='urn:xmpp:jingle-message:0' id='-aaa'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>");
    const auto retract = f.sent_jmi("retract");
    REQUIRE(retract.size() == 1);
    CHECK(retract[0].attr_or("to") == "bob@a.test");
    CHECK(f.dump_sent().find("<expired/>") != std::string::npos);
    const auto got = f.out.take(1);
    REQUIRE(got.size() == 2);
    CHECK(got[0]["type"] == "hangup");
    CHECK(got[0]["reason"] == "expired");
    CHECK(got[1]["type"] == "incoming");
  }
}

TEST_CASE("timeouts: a plain call that rings unanswered is terminated with timeout on both sides") {
  Fixture f;
  f.login(3, "alice", "y");
  auto init = Fixture::jingle_from_sdp(corpus("audio.offer.sdp"), Action::session_initiate, "t1", Role::initiator);
  f.jingle(kBob, "alice@call.a.test/y", init);
  f.out.take(3);
  f.run_for(200ms);
  CHECK(Fixture::read(f.one_jingle("session-terminate")).reason->condition == jingle::ReasonCondition::timeout);
  CHECK(f.out.one(3, "hangup")["reason"] == "timeout");
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("timeouts: proceeded but no session-initiate follows: finish and hangup timeout") {
  Fixture f;
  f.login(3, "alice", "y");
  f.jmi(kBob, "alice@call.a.test",
        "<propose xmlns='urn:xmpp:jingle-message:0' id='p9'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/></propose>");
  f.from_browser(3, {{"type", "accept"}, {"session", "p9"}});
  f.out.take(3);
  f.run_for(200ms);
  CHECK(f.sent_jmi("finish").size() == 1);
  CHECK(f.out.one(3, "hangup")["reason"] == "timeout");
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("timeouts: a session-initiate never accepted after proceed is terminated") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to("bob@a.test"));
  const std::string sid(f.sent_jmi("propose")[0].child("propose", ns::jingle_message)->attr_or("id"));
  f.jmi(kBob, kAlice, "<proceed xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'/>");
  f.ack_all();
  f.run_for(200ms);
  CHECK(Fixture::read(f.one_jingle("session-terminate")).reason->condition == jingle::ReasonCondition::timeout);
  CHECK(f.out.one(1, "hangup")["reason"] == "timeout");
}

TEST_CASE("the peer going offline (unavailable presence of its full JID) ends its calls: gone") {
  Fixture f;
  active_call(f);
  f.receive("<presence type='unavailable' from='bob@a.test/desktop' to='alice@call.a.test'/>");
  CHECK(f.bridge.call_count() == 1);  // another resource
  f.take_sent();
  f.receive("<presence type='unavailable' from='" + kBob + "' to='alice@call.a.test'/>");
  CHECK(f.out.one(1, "hangup")["reason"] == "gone");
  CHECK(f.sent_jingle("session-terminate").empty());  // nobody there to tell
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("the web connection closing ends its calls: session-terminate gone, and finish") {
  Fixture f;
  active_call(f);
  f.web.detach(1);
  CHECK(Fixture::read(f.one_jingle("session-terminate")).reason->condition == jingle::ReasonCondition::gone);
  CHECK(f.sent_jmi("finish").size() == 1);
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("the XMPP link going down ends every call; the peers are told once it is back") {
  Fixture f;
  active_call(f);
  f.take_sent();
  f.bridge.link_down();
  CHECK(f.out.one(1, "hangup")["reason"] == "connectivity-error");
  CHECK(f.sent_jingle("session-terminate").empty());
  CHECK(f.bridge.call_count() == 0);
  // Offers while the link is down are refused.
  f.from_browser(1, offer_to(kBob, "s2"));
  CHECK(f.out.one(1, "error")["code"] == "xmpp-down");
  f.bridge.link_up();
  const auto bye = f.one_jingle("session-terminate");
  CHECK(bye.attr_or("to") == kBob);
  CHECK(Fixture::read(bye).reason->condition == jingle::ReasonCondition::connectivity_error);
}

TEST_CASE("candidates queued before the session are bounded: the one too many is refused") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to("bob@a.test"));
  const auto cands = json::parse(corpus("audio-video.offer.candidates.json"));
  for (int i = 0; i < 4; ++i) f.from_browser(1, {{"type", "candidate"}, {"session", "s1"}, {"candidate", cands[i]}});
  CHECK(f.out.take(1).empty());
  f.from_browser(1, {{"type", "candidate"}, {"session", "s1"}, {"candidate", cands[0]}});
  CHECK(f.out.one(1, "error")["code"] == "resource-constraint");
}

TEST_CASE("messages of a ringing leg other than accept/reject are out of order") {
  Fixture f;
  f.login(3, "alice", "y");
  auto init = Fixture::jingle_from_sdp(corpus("audio.offer.sdp"), Action::session_initiate, "r1", Role::initiator);
  f.jingle(kBob, "alice@call.a.test/y", init);
  f.out.take(3);
  f.from_browser(3, {{"type", "answer"}, {"session", "r1"}, {"sdp", corpus("audio.answer.sdp")}});
  CHECK(f.out.one(3, "error")["code"] == "out-of-order");
}

TEST_CASE("the peer's disco#info decides the residual SDP lines: a jinglegate peer gets them") {
  Fixture f(/*use_disco=*/true);
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to("bob@call.b.test/b1"));
  // The default lookup asks the peer's disco#info first.
  const auto& disco = f.sent.back();
  REQUIRE(disco.child("query", ns::disco_info));
  f.receive("<iq type='result' id='" + std::string(disco.attr_or("id")) +
            "' from='bob@call.b.test/b1' to='" + kAlice + "'><query xmlns='http://jabber.org/protocol/disco#info'>"
            "<feature var='urn:xmpp:jingle:1'/><feature var='urn:xmpp:jinglegate:sdp:0'/></query></iq>");
  const auto init = f.one_jingle("session-initiate");
  CHECK(f.dump_sent().find("urn:xmpp:jinglegate:sdp:0") != std::string::npos);
  (void)init;
}

TEST_CASE("a peer without the feature (or without an answer) gets no residual lines") {
  Fixture f(/*use_disco=*/true);
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to(kBob));
  const auto& disco = f.sent.back();
  f.receive("<iq type='error' id='" + std::string(disco.attr_or("id")) + "' from='" + kBob + "' to='" + kAlice +
            "'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
  f.one_jingle("session-initiate");
  CHECK(f.dump_sent().find("urn:xmpp:jinglegate:sdp:0") == std::string::npos);
}

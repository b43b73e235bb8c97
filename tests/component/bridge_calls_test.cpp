// The bridge's call flows of issue 5, step by step: web -> XMPP (XEP-0353 proposal, or a plain
// session-initiate to a full JID) and XMPP -> web (a proposal, or a plain session-initiate).
#include "bridge_fixture.hpp"

using namespace bridgetest;
using jingle::Action;
using jingle::Role;

namespace {

const std::string kAlice = "alice@call.a.test/a1";
const std::string kBob = "bob@a.test/phone";

json offer_to(const std::string& to, const std::string& sdp = corpus("audio-video.offer.sdp")) {
  return {{"type", "offer"}, {"session", "s1"}, {"to", to}, {"sdp", sdp}};
}

json candidate_json(const std::string& file, std::size_t i) { return json::parse(corpus(file)).at(i); }

std::string jmi_payload(const std::string& kind, const std::string& id, const std::string& inner = "") {
  return "<" + kind + " xmlns='urn:xmpp:jingle-message:0' id='" + id + "'>" + inner + "</" + kind + ">";
}

// alice calls bob's bare JID, bob's phone proceeds: returns the sid.
std::string proposed_and_proceeded(Fixture& f) {
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to("bob@a.test"));
  const auto props = f.sent_jmi("propose");
  REQUIRE(props.size() == 1);
  const std::string sid(props[0].child("propose", ns::jingle_message)->attr_or("id"));
  f.jmi(kBob, kAlice, jmi_payload("proceed", sid));
  return sid;
}

}  // namespace

TEST_CASE("web -> bare JID: a proposal with the offer's media, a receipt request and a storage hint") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to("bob@a.test"));
  const auto props = f.sent_jmi("propose");
  REQUIRE(props.size() == 1);
  const auto& m = props[0];
  CHECK(m.attr_or("type") == "chat");
  CHECK(m.attr_or("from") == kAlice);
  CHECK(m.attr_or("to") == "bob@a.test");
  CHECK(m.child("request", ns::receipts) != nullptr);
  CHECK(m.child("store", ns::hints) != nullptr);
  const auto* propose = m.child("propose", ns::jingle_message);
  REQUIRE(propose != nullptr);
  CHECK(propose->attr_or("id").size() == 36);  // a UUIDv4, which becomes the Jingle sid
  std::vector<std::string> media;
  for (const auto& d : propose->children) media.emplace_back(d.attr_or("media"));
  CHECK(media == std::vector<std::string>{"audio", "video"});
  CHECK(f.sent_jingle("session-initiate").empty());
  CHECK(f.bridge.call_count() == 1);
}

TEST_CASE("web -> bare JID: ringing, proceed, session-initiate with the queued candidates, accept, answer") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to("bob@a.test"));
  const std::string sid(f.sent_jmi("propose")[0].child("propose", ns::jingle_message)->attr_or("id"));
  // Candidates before the session exists wait for it.
  f.from_browser(1, {{"type", "candidate"}, {"session", "s1"}, {"candidate", candidate_json("audio-video.offer.candidates.json", 0)}});
  CHECK(f.sent_jingle("transport-info").empty());
  CHECK(f.out.take(1).empty());

  f.jmi(kBob, kAlice, jmi_payload("ringing", sid));
  CHECK(f.out.one(1, "ringing")["from"] == kBob);

  f.jmi(kBob, kAlice, jmi_payload("proceed", sid));
  const auto init = f.one_jingle("session-initiate");
  CHECK(init.attr_or("to") == kBob);
  CHECK(init.attr_or("from") == kAlice);
  const auto j = Fixture::read(init);
  CHECK(j.sid == sid);
  CHECK(j.initiator == kAlice);
  REQUIRE(j.contents.size() == 2);
  CHECK(j.contents[0].name == "0");
  CHECK(j.contents[1].name == "1");
  // The queued candidate follows the session-initiate, as a transport-info of content 0.
  const auto ti = f.one_jingle("transport-info");
  CHECK(Fixture::read(ti).contents.at(0).name == "0");
  CHECK(f.dump_sent().find("session-initiate") < f.dump_sent().find("transport-info"));
  f.ack_all();

  const auto accept = Fixture::jingle_from_sdp(corpus("audio-video.answer.sdp"), Action::session_accept, sid, Role::responder);
  CHECK(f.jingle(kBob, kAlice, accept).attr_or("type") == "result");
  const auto answer = f.out.one(1, "answer");
  CHECK(answer["from"] == kBob);
  CHECK(answer["session"] == "s1");
  auto parsed = sdp::parse_sdp(answer["sdp"].get<std::string>());
  REQUIRE(parsed.ok());
  REQUIRE(parsed->media.size() == 2);
  CHECK(parsed->media[0].mid == "0");
  CHECK(parsed->media[1].mid == "1");

  // The peer's candidates are trickled to the browser.
  const auto cands = json::parse(corpus("audio-video.answer.candidates.json"));
  jingle::CandidateInit ci{cands[0]["candidate"].get<std::string>(), "0", std::nullopt, cands[0]["usernameFragment"]};
  auto peer_ti = jingle::candidate_to_transport_info(ci, sid, jingle::Creator::initiator, ci.username_fragment, "pwd");
  REQUIRE(peer_ti.ok());
  CHECK(f.jingle(kBob, kAlice, *peer_ti).attr_or("type") == "result");
  const auto cand = f.out.one(1, "candidate");
  CHECK(cand["candidate"]["sdpMid"] == "0");
  CHECK(cand["candidate"]["candidate"].get<std::string>().rfind("candidate:", 0) == 0);
}

TEST_CASE("web -> bare JID: the peer's session-terminate hangs up the browser and is followed by <finish/>") {
  Fixture f;
  const std::string sid = proposed_and_proceeded(f);
  f.ack_all();
  jingle::Jingle bye;
  bye.action = Action::session_terminate;
  bye.sid = sid;
  bye.reason = jingle::Reason{};
  bye.reason->condition = jingle::ReasonCondition::busy;
  f.take_sent();
  CHECK(f.jingle(kBob, kAlice, bye).attr_or("type") == "result");
  CHECK(f.out.one(1, "hangup")["reason"] == "busy");
  const auto finish = f.sent_jmi("finish");
  REQUIRE(finish.size() == 1);
  CHECK(finish[0].attr_or("to") == kBob);
  CHECK(f.bridge.call_count() == 0);
  // The web session is gone: another message for it is an unknown call.
  f.from_browser(1, {{"type", "hangup"}, {"session", "s1"}});
  CHECK(f.out.one(1, "error")["code"] == "unknown-call");
}

TEST_CASE("web -> bare JID: a <reject/> ends the call with its reason and sends nothing back") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to("bob@a.test"));
  const std::string sid(f.sent_jmi("propose")[0].child("propose", ns::jingle_message)->attr_or("id"));
  f.take_sent();
  f.jmi(kBob, kAlice, jmi_payload("reject", sid, "<reason xmlns='urn:xmpp:jingle:1'><busy/></reason>"));
  CHECK(f.out.one(1, "hangup")["reason"] == "busy");
  CHECK(f.sent.empty());
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("web -> bare JID: hanging up before an answer retracts the proposal to the bare JID, success read as cancel") {
  const bool with_success = GENERATE(false, true);
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to("bob@a.test"));
  f.take_sent();
  json hangup = {{"type", "hangup"}, {"session", "s1"}};
  if (with_success) hangup["reason"] = "success";
  f.from_browser(1, hangup);
  const auto retract = f.sent_jmi("retract");
  REQUIRE(retract.size() == 1);
  CHECK(retract[0].attr_or("to") == "bob@a.test");
  CHECK(f.dump_sent().find("<cancel/>") != std::string::npos);
  CHECK(f.out.take(1).empty());  // the browser hung up itself
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("web -> bare JID: nobody answers in time, the proposal is retracted and the browser told timeout") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to("bob@a.test"));
  f.take_sent();
  f.run_for(200ms);
  CHECK(f.sent_jmi("retract").size() == 1);
  CHECK(f.out.one(1, "hangup")["reason"] == "timeout");
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("web -> bare JID: a second device that proceeds late is told by a retract") {
  Fixture f;
  const std::string sid = proposed_and_proceeded(f);
  f.take_sent();
  f.jmi("bob@a.test/desktop", kAlice, jmi_payload("proceed", sid));
  const auto retract = f.sent_jmi("retract");
  REQUIRE(retract.size() == 1);
  CHECK(retract[0].attr_or("to") == "bob@a.test/desktop");
  CHECK(f.sent_jingle("session-initiate").empty());
}

TEST_CASE("web -> full JID: a plain session-initiate, the peer's ringing relayed") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to(kBob));
  CHECK(f.sent_jmi("propose").empty());
  const auto init = f.one_jingle("session-initiate");
  CHECK(init.attr_or("to") == kBob);
  const std::string sid = Fixture::read(init).sid;
  f.ack_all();
  jingle::Jingle ringing;
  ringing.action = Action::session_info;
  ringing.sid = sid;
  ringing.info = jingle::SessionInfo{};
  CHECK(f.jingle(kBob, kAlice, ringing).attr_or("type") == "result");
  CHECK(f.out.one(1, "ringing")["from"] == kBob);
}

TEST_CASE("web -> full JID: a refused session-initiate ends the call with the refusal's reason") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.from_browser(1, offer_to(kBob));
  f.refuse(f.one_jingle("session-initiate"), "service-unavailable");
  CHECK(f.out.one(1, "hangup")["reason"] == "gone");
  CHECK(f.sent_jingle("session-terminate").empty());  // there is no session on the peer's side
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("xmpp -> web: a proposal rings every connection; the first accept proceeds, the others hear answered-elsewhere") {
  Fixture f;
  f.login(2, "alice", "x");
  f.login(3, "alice", "y");
  f.login(4, "carol", "z");
  const std::string sid = "8f2c0f4e-6a3d-4f0b-9c1e-2b7a5d9e1f00";
  f.jmi(kBob, "alice@call.a.test",
        jmi_payload("propose", sid, "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/>"),
        "<request xmlns='urn:xmpp:receipts'/><store xmlns='urn:xmpp:hints'/>", "prop1");
  for (web::ConnId c : {2, 3}) {
    const auto in = f.out.one(c, "incoming");
    CHECK(in["from"] == kBob);
    CHECK(in["media"]["audio"] == true);
    CHECK(in["media"]["video"] == false);
    CHECK(in["session"] == sid);
  }
  CHECK(f.out.take(4).empty());
  // XEP-0184 receipt and XEP-0353 <ringing/> go back to the caller's device.
  CHECK(f.dump_sent().find("<received xmlns='urn:xmpp:receipts' id='prop1'/>") != std::string::npos);
  REQUIRE(f.sent_jmi("ringing").size() == 1);
  CHECK(f.sent_jmi("ringing")[0].attr_or("to") == kBob);

  f.from_browser(3, {{"type", "accept"}, {"session", sid}});
  const auto proceed = f.sent_jmi("proceed");
  REQUIRE(proceed.size() == 1);
  CHECK(proceed[0].attr_or("from") == "alice@call.a.test/y");
  CHECK(proceed[0].attr_or("to") == kBob);
  CHECK(f.out.one(2, "hangup")["reason"] == "answered-elsewhere");

  // The caller's session-initiate to the resource that proceeded becomes the browser's offer.
  auto init = Fixture::jingle_from_sdp(corpus("audio.offer.sdp"), Action::session_initiate, sid, Role::initiator);
  init.initiator = kBob;
  CHECK(f.jingle(kBob, "alice@call.a.test/y", init).attr_or("type") == "result");
  const auto offer = f.out.one(3, "offer");
  CHECK(offer["from"] == kBob);
  REQUIRE(sdp::parse_sdp(offer["sdp"].get<std::string>()).ok());

  // The browser's answer becomes session-accept.
  f.from_browser(3, {{"type", "answer"}, {"session", sid}, {"sdp", corpus("audio.answer.sdp")}});
  const auto accept = f.one_jingle("session-accept");
  CHECK(accept.attr_or("to") == kBob);
  CHECK(accept.attr_or("from") == "alice@call.a.test/y");
  const auto aj = Fixture::read(accept);
  CHECK(aj.responder == "alice@call.a.test/y");
  REQUIRE(aj.contents.size() == 1);
  CHECK(aj.contents[0].creator == jingle::Creator::initiator);

  // Browser candidates now go out as transport-info; the browser's hangup as session-terminate.
  f.from_browser(3, {{"type", "candidate"}, {"session", sid}, {"candidate", candidate_json("audio.answer.candidates.json", 0)}});
  CHECK(f.sent_jingle("transport-info").size() == 1);
  f.from_browser(3, {{"type", "hangup"}, {"session", sid}});
  const auto bye = f.one_jingle("session-terminate");
  CHECK(Fixture::read(bye).reason->condition == jingle::ReasonCondition::success);
  CHECK(f.sent_jmi("finish").size() == 1);
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("xmpp -> web: every connection rejecting a proposal sends <reject/>; a retract hangs up the others") {
  Fixture f;
  f.login(2, "alice", "x");
  f.login(3, "alice", "y");
  f.jmi(kBob, "alice@call.a.test", jmi_payload("propose", "p1", "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/>"));
  f.from_browser(2, {{"type", "reject"}, {"session", "p1"}, {"reason", "busy"}});
  CHECK(f.sent_jmi("reject").empty());  // connection 3 still rings
  f.from_browser(3, {{"type", "reject"}, {"session", "p1"}, {"reason", "busy"}});
  const auto reject = f.sent_jmi("reject");
  REQUIRE(reject.size() == 1);
  CHECK(reject[0].attr_or("to") == kBob);
  CHECK(f.dump_sent().find("<busy/>") != std::string::npos);
  CHECK(f.bridge.call_count() == 0);

  f.jmi(kBob, "alice@call.a.test", jmi_payload("propose", "p2", "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/>"));
  f.out.take(2);
  f.out.take(3);
  f.jmi(kBob, "alice@call.a.test", jmi_payload("retract", "p2", "<reason xmlns='urn:xmpp:jingle:1'><cancel/></reason>"));
  CHECK(f.out.one(2, "hangup")["reason"] == "cancel");
  CHECK(f.out.one(3, "hangup")["reason"] == "cancel");
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("xmpp -> web: a plain session-initiate is acknowledged at once, rings, and its early candidates wait") {
  Fixture f;
  f.login(2, "alice", "x");
  f.login(3, "alice", "y");
  auto init = Fixture::jingle_from_sdp(corpus("audio-video.offer.sdp"), Action::session_initiate, "plain1", Role::initiator);
  CHECK(f.jingle(kBob, "alice@call.a.test/y", init).attr_or("type") == "result");
  // Only the addressed connection rings; the caller hears <ringing/>.
  CHECK(f.out.one(3, "incoming")["media"]["video"] == true);
  CHECK(f.out.take(2).empty());
  const auto ringing = f.one_jingle("session-info");
  CHECK(Fixture::read(ringing).info->kind == jingle::InfoKind::ringing);
  // A candidate while it rings waits for the browser's offer.
  const auto cands = json::parse(corpus("audio-video.offer.candidates.json"));
  jingle::CandidateInit ci{cands[0]["candidate"].get<std::string>(), "0", std::nullopt, cands[0]["usernameFragment"]};
  auto ti = jingle::candidate_to_transport_info(ci, "plain1", jingle::Creator::initiator, ci.username_fragment, "pwd");
  REQUIRE(ti.ok());
  CHECK(f.jingle(kBob, "alice@call.a.test/y", *ti).attr_or("type") == "result");
  CHECK(f.out.take(3).empty());
  f.from_browser(3, {{"type", "accept"}, {"session", "plain1"}});
  const auto got = f.out.take(3);
  REQUIRE(got.size() == 2);
  CHECK(got[0]["type"] == "offer");
  CHECK(got[1]["type"] == "candidate");
}

TEST_CASE("xmpp -> web: a rejected plain call is terminated with decline (and finish)") {
  Fixture f;
  f.login(3, "alice", "y");
  auto init = Fixture::jingle_from_sdp(corpus("audio.offer.sdp"), Action::session_initiate, "plain2", Role::initiator);
  f.jingle(kBob, "alice@call.a.test/y", init);
  f.from_browser(3, {{"type", "reject"}, {"session", "plain2"}});
  const auto bye = f.one_jingle("session-terminate");
  CHECK(Fixture::read(bye).reason->condition == jingle::ReasonCondition::decline);
  CHECK(f.sent_jmi("finish").size() == 1);
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("xmpp -> web: a session-initiate to a user who is not online is refused with service-unavailable") {
  Fixture f;
  auto init = Fixture::jingle_from_sdp(corpus("audio.offer.sdp"), Action::session_initiate, "nobody", Role::initiator);
  const auto reply = f.jingle(kBob, "alice@call.a.test/gone", init);
  CHECK(reply.attr_or("type") == "error");
  CHECK(error_condition(reply) == "service-unavailable");
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("xmpp -> web: the peer's session-info becomes ringing and info messages both ways") {
  Fixture f;
  f.login(3, "alice", "y");
  auto init = Fixture::jingle_from_sdp(corpus("audio-video.offer.sdp"), Action::session_initiate, "i1", Role::initiator);
  f.jingle(kBob, "alice@call.a.test/y", init);
  f.from_browser(3, {{"type", "accept"}, {"session", "i1"}});
  f.from_browser(3, {{"type", "answer"}, {"session", "i1"}, {"sdp", corpus("audio-video.answer.sdp")}});
  f.out.take(3);
  jingle::Jingle mute;
  mute.action = Action::session_info;
  mute.sid = "i1";
  mute.info = jingle::SessionInfo{};
  mute.info->kind = jingle::InfoKind::mute;
  mute.info->creator = jingle::Creator::initiator;
  mute.info->name = "0";
  CHECK(f.jingle(kBob, "alice@call.a.test/y", mute).attr_or("type") == "result");
  const auto info = f.out.one(3, "info");
  CHECK(info["info"] == "mute");
  CHECK(info["mid"] == "0");
  // The browser's hold becomes <hold/>; its unmute of every content one <unmute/> per content.
  f.take_sent();
  f.from_browser(3, {{"type", "info"}, {"session", "i1"}, {"info", "hold"}});
  f.from_browser(3, {{"type", "info"}, {"session", "i1"}, {"info", "unmute"}});
  const auto infos = f.sent_jingle("session-info");
  REQUIRE(infos.size() == 3);
  CHECK(Fixture::read(infos[0]).info->kind == jingle::InfoKind::hold);
  CHECK(Fixture::read(infos[1]).info->name == "0");
  CHECK(Fixture::read(infos[2]).info->name == "1");
}

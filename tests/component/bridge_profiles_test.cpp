// Peer profiles (issue 9): what disco#info decides, the way to call a bare JID, and each client's
// adaptation seen on the wire of a call through the bridge.
#include "component/bridge/peer_profile.hpp"
#include "bridge_fixture.hpp"

using namespace bridgetest;
using bridge::ContactResource;
using bridge::DialKind;
using bridge::PeerProfile;
using jingle::Action;
using jingle::Role;

namespace {

const std::string kAlice = "alice@call.a.test/a1";
const std::string kBob = "bob@a.test/phone";

presence::DiscoInfo client(const std::string& name, std::vector<std::string> features) {
  presence::DiscoInfo info;
  info.identities.push_back({"client", "phone", "", name});
  info.features = std::move(features);
  return info;
}

const std::vector<std::string> kRtp{"urn:xmpp:jingle:1", "urn:xmpp:jingle:apps:rtp:1", "urn:xmpp:jingle:apps:rtp:audio",
                                    "urn:xmpp:jingle:transports:ice-udp:1", "urn:xmpp:jingle:apps:dtls:0"};
std::vector<std::string> with(std::vector<std::string> v, std::initializer_list<std::string> more) {
  v.insert(v.end(), more);
  return v;
}

xmpp::Jid jid(const std::string& s) {
  auto j = xmpp::parse_jid(s);
  REQUIRE(j.ok());
  return *j;
}

}  // namespace

TEST_CASE("features decide first: no XEP-0338 feature, no BUNDLE; XEP-0353 from its feature; no answer, generic") {
  const PeerProfile none = bridge::profile_from_disco(std::nullopt);
  CHECK(none.name == "generic");
  CHECK(none.bundle);
  const PeerProfile plain = bridge::profile_from_disco(client("Psi", kRtp));
  CHECK(plain.name == "generic");
  CHECK_FALSE(plain.bundle);
  CHECK_FALSE(plain.jmi);
  const PeerProfile grouped = bridge::profile_from_disco(client("Psi", with(kRtp, {"urn:ietf:rfc:5888", "urn:xmpp:jingle-message:0"})));
  CHECK(grouped.bundle);
  CHECK(grouped.jmi);
  CHECK(bridge::profile_from_disco(client("Anything", with(kRtp, {"urn:xmpp:jinglegate:sdp:0"}))).name == "jinglegate");
}

TEST_CASE("the client's name picks its quirks") {
  const auto conv = bridge::profile_from_disco(client("Conversations", with(kRtp, {"urn:xmpp:jingle-message:0"})));
  CHECK(conv.name == "conversations");
  CHECK(conv.bundle);  // it bundles without advertising XEP-0338
  CHECK(conv.udp_only);
  CHECK(conv.keep_declined);
  CHECK(bridge::profile_from_disco(client("Cheogram", kRtp)).name == "conversations");
  const auto dino = bridge::profile_from_disco(client("Dino", with(kRtp, {"urn:xmpp:jingle-message:0"})));
  CHECK(dino.name == "dino");
  CHECK_FALSE(dino.bundle);
  CHECK(dino.one_content_per_transport_info);
  CHECK(dino.keep_declined);
  CHECK(bridge::profile_from_disco(client("Monal", kRtp)).propose_first);
  const auto movim = bridge::profile_from_disco(client("Movim", kRtp));
  CHECK(movim.no_network_cost);
  CHECK(movim.accept_as_content_accept);
  CHECK(bridge::profile_from_disco(client("Gajim", kRtp)).name == "gajim");
}

TEST_CASE("a bare JID: propose unless every resource is known without XEP-0353; then the best caller, or refuse") {
  using R = ContactResource;
  const auto phone = jid("bob@a.test/phone");
  const auto pc = jid("bob@a.test/pc");
  CHECK(bridge::plan_bare_call({}).kind == DialKind::propose);
  CHECK(bridge::plan_bare_call({R{phone, 5, false, false, false}}).kind == DialKind::propose);  // caps unknown
  CHECK(bridge::plan_bare_call({R{phone, 5, true, true, false}, R{pc, 0, true, true, true}}).kind == DialKind::propose);
  const auto plan = bridge::plan_bare_call({R{phone, 5, true, true, false}, R{pc, 9, true, true, false}, R{jid("bob@a.test/x"), 50, true, false, false}});
  CHECK(plan.kind == DialKind::initiate);
  CHECK(plan.to == pc);
  CHECK(bridge::plan_bare_call({R{phone, 5, true, false, false}}).kind == DialKind::refuse);
}

TEST_CASE("outgoing: Conversations gets no TCP candidate, Dino one content per transport-info, no group without XEP-0338") {
  auto j = sample("monal/transport-info-tcp.xml", "t1");
  PeerProfile conv;
  conv.udp_only = true;
  const auto n = j.contents.size();
  auto out = bridge::adapt_outgoing(conv, j);
  REQUIRE(out.size() <= 1);
  if (!out.empty()) CHECK(out[0].contents.size() <= n);
  auto only_tcp = j;
  for (auto& c : only_tcp.contents)
    std::erase_if(std::get<jingle::IceUdpTransport>(c.transport).candidates,
                  [](const IceCandidate& cand) { return cand.protocol == "udp"; });
  CHECK(bridge::adapt_outgoing(conv, only_tcp).empty());  // nothing left to say

  PeerProfile dino;
  dino.bundle = false;
  dino.one_content_per_transport_info = true;
  auto init = sample("conversations/session-initiate.xml", "t2");
  REQUIRE_FALSE(init.groups.empty());
  auto sent = bridge::adapt_outgoing(dino, init);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].groups.empty());
  init.action = Action::transport_info;
  CHECK(bridge::adapt_outgoing(dino, init).size() == init.contents.size());
}

TEST_CASE("Monal: a call to its full JID starts with a proposal to that JID; the session-initiate follows proceed") {
  Fixture f;
  f.profile = bridge::profile_from_disco(client("Monal", with(kRtp, {"urn:xmpp:jingle-message:0"})));
  f.login(1, "alice", "a1");
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", corpus("audio.offer.sdp")}});
  CHECK(f.sent_jingle("session-initiate").empty());
  const auto props = f.sent_jmi("propose");
  REQUIRE(props.size() == 1);
  CHECK(props[0].attr_or("to") == kBob);
  const std::string sid(props[0].child("propose", ns::jingle_message)->attr_or("id"));
  f.jmi(kBob, kAlice, "<proceed xmlns='urn:xmpp:jingle-message:0' id='" + sid + "'/>");
  const auto init = f.one_jingle("session-initiate");
  CHECK(init.attr_or("to") == kBob);
  CHECK(Fixture::read(init).sid == sid);
}

TEST_CASE("a bare JID whose resources are known: no XEP-0353 means a plain session-initiate; no call capability, a hangup") {
  Fixture f;
  std::vector<ContactResource> known{ContactResource{jid(kBob), 1, true, true, false}};
  f.bridge.set_contact_lookup([&](const xmpp::Jid& user, const xmpp::Jid& contact) {
    CHECK(user.str() == "alice@call.a.test");
    CHECK(contact.str() == "bob@a.test");
    return known;
  });
  f.login(1, "alice", "a1");
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", "bob@a.test"}, {"sdp", corpus("audio.offer.sdp")}});
  CHECK(f.sent_jmi("propose").empty());
  CHECK(f.one_jingle("session-initiate").attr_or("to") == kBob);
  f.from_browser(1, {{"type", "hangup"}, {"session", "s1"}});
  f.ack_all();
  f.take_sent();
  f.out.take(1);

  known[0].calls = false;
  f.from_browser(1, {{"type", "offer"}, {"session", "s2"}, {"to", "bob@a.test"}, {"sdp", corpus("audio.offer.sdp")}});
  CHECK(f.out.one(1, "hangup")["reason"] == "unsupported-applications");
  CHECK(f.sent.empty());
  CHECK(f.bridge.call_count() == 0);
}

TEST_CASE("Conversations and Dino: a content the browser declined stays in the session-accept with senders none") {
  Fixture f;
  f.profile.keep_declined = true;
  peer_rings(f, "d1", corpus("audio-video.offer.sdp"));
  f.from_browser(3, {{"type", "answer"}, {"session", "d1"}, {"sdp", with_port0(corpus("audio-video.answer.sdp"), "1")}});
  const auto accept = Fixture::read(f.one_jingle("session-accept"));
  REQUIRE(accept.contents.size() == 2);
  CHECK(accept.contents[0].senders == jingle::Senders::both);
  CHECK(accept.contents[1].name == "1");
  CHECK(accept.contents[1].senders == jingle::Senders::none);
  CHECK(f.sent_jingle("content-remove").empty());

  Fixture g;  // a generic peer: the declined content is removed
  peer_rings(g, "d1", corpus("audio-video.offer.sdp"));
  g.from_browser(3, {{"type", "answer"}, {"session", "d1"}, {"sdp", with_port0(corpus("audio-video.answer.sdp"), "1")}});
  CHECK(Fixture::read(g.one_jingle("session-accept")).contents.size() == 1);
  CHECK(g.sent_jingle("content-remove").size() == 1);
}

TEST_CASE("incoming: component-2 candidates never reach the browser (it multiplexes RTCP)") {
  Fixture f;
  f.profile = bridge::profile_from_disco(client("Dino", kRtp));
  const auto init = peer_rings(f, "c2", corpus("audio.offer.sdp"));
  f.out.take(3);
  auto ti = sample("dino/transport-info.xml", "c2");
  ti.contents[0].name = init.contents[0].name;
  auto& transport = std::get<jingle::IceUdpTransport>(ti.contents[0].transport);
  const auto& offered = std::get<jingle::IceUdpTransport>(init.contents[0].transport);
  transport.ufrag = offered.ufrag;  // the same ICE generation (else it reads as a restart)
  transport.pwd = offered.pwd;
  auto& cands = transport.candidates;
  REQUIRE_FALSE(cands.empty());
  auto rtp = cands[0];
  rtp.component = 1;
  auto rtcp = cands[0];
  rtcp.component = 2;
  rtcp.foundation = "rtcp";
  cands = {rtp, rtcp};
  CHECK(f.jingle(kBob, "alice@call.a.test/y", ti).attr_or("type") == "result");
  const auto got = f.out.take(3);
  REQUIRE(got.size() == 1);
  CHECK(got[0]["type"] == "candidate");
  CHECK(got[0]["candidate"]["candidate"].get<std::string>().find(" 1 udp ") != std::string::npos);
}

TEST_CASE("Movim: its second session-accept answers our content-add like a content-accept") {
  Fixture f;
  f.profile = bridge::profile_from_disco(client("Movim", kRtp));
  const auto offer = corpus("renegotiate-add-video.offer.sdp");
  const auto answer = corpus("renegotiate-add-video.answer.sdp");
  const std::string sid = web_calls(f, without_mid(offer, "1"), without_mid(answer, "1"));
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", offer}});
  REQUIRE(f.sent_jingle("content-add").size() == 1);
  f.ack_all();
  auto again = Fixture::jingle_from_sdp(answer, Action::session_accept, sid, Role::responder);
  for (auto& c : again.contents) c.creator = jingle::Creator::initiator;
  CHECK(f.jingle(kBob, kAlice, again).attr_or("type") == "result");
  const auto got = f.out.one(1, "answer");
  auto s = sdp::parse_sdp(got["sdp"].get<std::string>());
  REQUIRE(s.ok());
  REQUIRE(s->media.size() == 2);
  CHECK(s->media[1].port != 0);
}

TEST_CASE("a profile the caps cache knows needs no disco#info: a Monal seen in presence is proposed to at once") {
  Fixture f(true);  // the bridge's own lookup: disco#info unless the cache knows
  f.bridge.set_disco_cache([](const xmpp::Jid& user, const xmpp::Jid& peer) -> std::optional<presence::DiscoInfo> {
    CHECK(user.str() == "alice@call.a.test");
    if (peer.str() != kBob) return std::nullopt;
    return client("Monal 6.4.5", with(kRtp, {"urn:xmpp:jingle-message:0"}));
  });
  f.login(1, "alice", "a1");
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", corpus("audio.offer.sdp")}});
  for (const auto& e : f.sent) CHECK_FALSE(e.child("query", ns::disco_info));
  REQUIRE(f.sent_jmi("propose").size() == 1);
  f.take_sent();
  f.from_browser(1, {{"type", "offer"}, {"session", "s2"}, {"to", "dave@a.test/pc"}, {"sdp", corpus("audio.offer.sdp")}});
  REQUIRE(f.sent.size() == 1);  // not in the cache: asked
  CHECK(f.sent[0].child("query", ns::disco_info) != nullptr);
}

TEST_CASE("a peer whose own offer bundles gets BUNDLE back, whatever its features say") {
  Fixture f;
  f.profile = bridge::profile_from_disco(client("Psi", kRtp));  // no XEP-0338 feature
  REQUIRE_FALSE(f.profile.bundle);
  REQUIRE_FALSE(peer_rings(f, "b1", corpus("audio-video.offer.sdp")).groups.empty());
  f.from_browser(3, {{"type", "answer"}, {"session", "b1"}, {"sdp", corpus("audio-video.answer.sdp")}});
  const auto accept = Fixture::read(f.one_jingle("session-accept"));
  REQUIRE(accept.groups.size() == 1);
  CHECK(accept.groups[0].semantics == "BUNDLE");
  CHECK(bridge::profile_from_disco(client("", {"http://jitsi.org/source-name"})).bundle);  // Jitsi: a known quirk
}

TEST_CASE("a peer that does not restart ICE: the browser's restart is refused up front, nothing is sent, the call goes on") {
  for (const char* name : {"Dino", "Monal", "Movim", "Gajim"}) CHECK_FALSE(bridge::profile_from_disco(client(name, kRtp)).ice_restart);
  CHECK_FALSE(bridge::profile_from_disco(client("", {"http://jitsi.org/source-name"})).ice_restart);
  CHECK(bridge::profile_from_disco(client("Conversations", kRtp)).ice_restart);
  CHECK(bridge::profile_from_disco(std::nullopt).ice_restart);  // nothing known: the XEP says it can
  Fixture f;
  f.profile = bridge::profile_from_disco(client("Dino", kRtp));
  web_calls(f, corpus("audio-video.offer.sdp"), corpus("audio-video.answer.sdp"));
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", corpus("ice-restart.offer.sdp")}});
  const auto err = f.out.one(1, "error");
  CHECK(err["code"] == "feature-not-implemented");
  CHECK(err["message"].get<std::string>().find("dino") != std::string::npos);
  CHECK(f.sent.empty());
  CHECK(f.bridge.call_count() == 1);
  // What the browser gathered for the refused restart (before it rolled back) stays here: with
  // the session's password it would read as a restart at the peer.
  const auto restart_cand = json::parse(corpus("ice-restart.offer.candidates.json")).at(0);
  f.from_browser(1, {{"type", "candidate"}, {"session", "s1"}, {"candidate", restart_cand}});
  CHECK(f.sent.empty());
  const auto agreed_cand = json::parse(corpus("audio-video.offer.candidates.json")).at(0);
  f.from_browser(1, {{"type", "candidate"}, {"session", "s1"}, {"candidate", agreed_cand}});
  CHECK(f.sent_jingle("transport-info").size() == 1);
  f.take_sent();
  // Refused, not pending: the browser's next change goes through.
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", with_port0(corpus("audio-video.offer.sdp"), "1")}});
  CHECK(f.sent_jingle("content-modify").size() == 1);
}

TEST_CASE("Conversations and Dino: the browser stopping its video goes out as content-modify senders none, never content-remove") {
  for (const char* name : {"Conversations", "Dino"}) {
    Fixture f;
    f.profile = bridge::profile_from_disco(client(name, kRtp));
    REQUIRE(f.profile.remove_as_modify);
    web_calls(f, corpus("audio-video.offer.sdp"), corpus("audio-video.answer.sdp"));
    f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", with_port0(corpus("audio-video.offer.sdp"), "1")}});
    CHECK(f.sent_jingle("content-remove").empty());
    const auto modify = Fixture::read(f.one_jingle("content-modify"));
    REQUIRE(modify.contents.size() == 1);
    CHECK(modify.contents[0].name == "1");
    CHECK(modify.contents[0].senders == jingle::Senders::none);
    f.ack_all();
    auto s = sdp::parse_sdp(f.out.one(1, "answer")["sdp"].get<std::string>());
    REQUIRE(s.ok());
    REQUIRE(s->media.size() == 2);
    CHECK(s->media[1].port == 0);  // the browser's answer rejects what it stopped
  }
}

TEST_CASE("Dino: a content-add the browser declines is turned off with content-modify senders none, not content-reject") {
  Fixture f;
  f.profile = bridge::profile_from_disco(client("Dino", kRtp));
  const auto offer = corpus("renegotiate-add-video.offer.sdp");
  const auto answer = corpus("renegotiate-add-video.answer.sdp");
  peer_calls(f, "dv1", without_mid(offer, "1"), without_mid(answer, "1"));
  auto add = Fixture::jingle_from_sdp(offer, Action::content_add, "dv1", Role::initiator);
  add.contents.erase(add.contents.begin());
  add.groups.clear();
  REQUIRE(add.contents.size() == 1);
  CHECK(f.jingle(kBob, "alice@call.a.test/y", add).attr_or("type") == "result");
  f.out.take(3);
  f.from_browser(3, {{"type", "answer"}, {"session", "dv1"}, {"sdp", with_port0(answer, "1")}});
  CHECK(f.sent_jingle("content-reject").empty());
  const auto modify = Fixture::read(f.one_jingle("content-modify"));
  REQUIRE(modify.contents.size() == 1);
  CHECK(modify.contents[0].name == add.contents[0].name);
  CHECK(modify.contents[0].senders == jingle::Senders::none);
}

TEST_CASE("the web client learns the peer's profile with its answer and its offer, so it never offers what the peer cannot take") {
  Fixture f;
  f.profile = bridge::profile_from_disco(client("Dino", kRtp));
  f.login(1, "alice", "a1");
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", kBob}, {"sdp", corpus("audio.offer.sdp")}});
  const std::string sid = Fixture::read(f.one_jingle("session-initiate")).sid;
  f.ack_all();
  auto accept = Fixture::jingle_from_sdp(corpus("audio.answer.sdp"), Action::session_accept, sid, Role::responder);
  REQUIRE(f.jingle(kBob, kAlice, accept).attr_or("type") == "result");
  CHECK(f.out.one(1, "answer")["peer"] == json::parse(R"({"client":"dino","iceRestart":false})"));

  Fixture g;
  g.profile = bridge::profile_from_disco(client("Conversations", kRtp));
  peer_rings(g, "p1", corpus("audio.offer.sdp"));
  CHECK(g.out.one(3, "offer")["peer"] == json::parse(R"({"client":"conversations","iceRestart":true})"));
}

TEST_CASE("the browser's offer waits for the peer's profile, which adapts the answer and tells the client what it may offer") {
  Fixture f;
  std::function<void(PeerProfile)> answer_later;
  f.bridge.set_profile_lookup([&](const xmpp::Jid&, const xmpp::Jid&, std::function<void(PeerProfile)> done) {
    answer_later = std::move(done);
  });
  peer_rings(f, "w1", corpus("audio.offer.sdp"));
  for (const auto& m : f.out.take(3)) CHECK(m["type"] != "offer");
  REQUIRE(answer_later);
  answer_later(bridge::profile_from_disco(client("Dino", kRtp)));
  CHECK(f.out.one(3, "offer")["peer"] == json::parse(R"({"client":"dino","iceRestart":false})"));
}

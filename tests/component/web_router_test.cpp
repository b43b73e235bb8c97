// Call routing between web users, without sockets: who gets which message, and nobody else.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>

#include "component/web/router.hpp"

using namespace jinglegate;
using namespace jinglegate::component::web;
using nlohmann::json;

namespace {
struct Recorder : Outbox {
  std::map<ConnId, std::vector<json>> got;
  void send(ConnId to, std::string text) override { got[to].push_back(json::parse(text)); }
  std::vector<json> take(ConnId c) { return std::exchange(got[c], {}); }
  std::size_t total() const {
    std::size_t n = 0;
    for (const auto& [c, v] : got) n += v.size();
    return n;
  }
};

const std::string kSdp = "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";

ClientMessage msg(MessageType t, std::string session) {
  ClientMessage m;
  m.type = t;
  m.session = std::move(session);
  return m;
}
ClientMessage offer(std::string session, std::string to) {
  ClientMessage m = msg(MessageType::offer, std::move(session));
  m.to = std::move(to);
  m.sdp = kSdp;
  m.media = media_of_sdp(kSdp);
  return m;
}
ClientMessage candidate(std::string session, std::string line) {
  ClientMessage m = msg(MessageType::candidate, std::move(session));
  m.candidate = CandidateInit{std::move(line), "0", 0, std::nullopt};
  return m;
}

struct Fixture {
  Recorder out;
  Router router{RouterSettings{"call.a.test", 3, 2, 4, std::chrono::seconds(45)}, out};
  Clock::time_point t0{std::chrono::hours(1)};
  Fixture() { router.tick(t0); }
  void login(ConnId c, const std::string& local, const std::string& resource) {
    REQUIRE(router.attach(c, local, resource, "rnd" + std::to_string(c)));
  }
};
}  // namespace

TEST_CASE("an offer to a bare JID rings every connection of that user and nobody else") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.login(3, "bob", "b2");
  f.login(4, "carol", "c1");
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  for (ConnId c : {2, 3}) {
    auto got = f.out.take(c);
    REQUIRE(got.size() == 1);
    CHECK(got[0]["type"] == "incoming");
    CHECK(got[0]["from"] == "alice@call.a.test/a1");
    CHECK(got[0]["session"] == "s1");
    CHECK(got[0]["media"]["video"] == true);
  }
  CHECK(f.out.take(1).empty());
  CHECK(f.out.take(4).empty());
}

TEST_CASE("the first accept gets the offer and queued candidates; the others hear answered-elsewhere") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.login(3, "bob", "b2");
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  f.router.on_message(1, candidate("s1", "candidate:1 1 udp 1 127.0.0.1 1000 typ host"));
  f.router.on_message(1, candidate("s1", "candidate:2 1 udp 1 127.0.0.1 1001 typ host"));
  f.out.take(2);
  f.out.take(3);
  f.router.on_message(3, msg(MessageType::accept, "s1"));
  auto b2 = f.out.take(3);
  REQUIRE(b2.size() == 3);
  CHECK(b2[0]["type"] == "offer");
  CHECK(b2[0]["sdp"] == kSdp);  // untouched
  CHECK(b2[1]["candidate"]["candidate"] == "candidate:1 1 udp 1 127.0.0.1 1000 typ host");
  CHECK(b2[2]["candidate"]["candidate"] == "candidate:2 1 udp 1 127.0.0.1 1001 typ host");
  auto b1 = f.out.take(2);
  REQUIRE(b1.size() == 1);
  CHECK(b1[0]["type"] == "hangup");
  CHECK(b1[0]["reason"] == "answered-elsewhere");
  // The call is now between a1 and b2 only.
  ClientMessage answer = msg(MessageType::answer, "s1");
  answer.sdp = "v=0\r\nanswer";
  f.router.on_message(3, answer);
  auto a1 = f.out.take(1);
  REQUIRE(a1.size() == 1);
  CHECK(a1[0]["type"] == "answer");
  CHECK(a1[0]["from"] == "bob@call.a.test/b2");
  CHECK(a1[0]["sdp"] == "v=0\r\nanswer");
  f.router.on_message(2, msg(MessageType::accept, "s1"));
  CHECK(f.out.take(2)[0]["code"] == "unknown-call");
  f.router.on_message(1, candidate("s1", "candidate:3 1 udp 1 127.0.0.1 1002 typ host"));
  CHECK(f.out.take(3).size() == 1);
  CHECK(f.out.take(2).empty());
}

TEST_CASE("a reject from every ringing connection ends the call with decline") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.login(3, "bob", "b2");
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  f.out.take(2);
  f.out.take(3);
  f.router.on_message(2, msg(MessageType::reject, "s1"));
  CHECK(f.out.take(1).empty());
  f.router.on_message(3, msg(MessageType::reject, "s1"));
  auto a = f.out.take(1);
  REQUIRE(a.size() == 1);
  CHECK(a[0]["type"] == "hangup");
  CHECK(a[0]["reason"] == "decline");
  CHECK(f.router.call_count() == 0);
}

TEST_CASE("an offer to a full JID rings only that connection") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.login(3, "bob", "b2");
  f.router.on_message(1, offer("s1", "bob@call.a.test/b2"));
  CHECK(f.out.take(2).empty());
  CHECK(f.out.take(3).size() == 1);
  f.router.on_message(1, offer("s2", "bob@call.a.test/nope"));
  CHECK(f.out.take(1)[0]["code"] == "unknown-peer");
}

TEST_CASE("offers to absent users, other domains and bad JIDs are answered with an error") {
  Fixture f;
  f.login(1, "alice", "a1");
  auto o = offer("s1", "dave@call.a.test");
  o.id = "\"x1\"";
  f.router.on_message(1, o);
  auto e = f.out.take(1);
  REQUIRE(e.size() == 1);
  CHECK(e[0]["code"] == "unknown-peer");
  CHECK(e[0]["id"] == "x1");
  CHECK(e[0]["session"] == "s1");
  f.router.on_message(1, offer("s2", "romeo@montague.example"));
  CHECK(f.out.take(1)[0]["code"] == "unknown-peer");
  f.router.on_message(1, offer("s3", "call.a.test"));
  CHECK(f.out.take(1)[0]["field"] == "to");
  f.router.on_message(1, offer("s4", "alice@call.a.test/a1"));  // one's own connection
  CHECK(f.out.take(1)[0]["code"] == "unknown-peer");
  CHECK(f.router.call_count() == 0);
}

TEST_CASE("messages out of turn get out-of-order and unknown sessions unknown-call") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.router.on_message(1, msg(MessageType::hangup, "zz"));
  CHECK(f.out.take(1)[0]["code"] == "unknown-call");
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  f.out.take(2);
  ClientMessage answer = msg(MessageType::answer, "s1");
  answer.sdp = "v=0";
  f.router.on_message(2, answer);  // before accept
  CHECK(f.out.take(2)[0]["code"] == "out-of-order");
  f.router.on_message(1, msg(MessageType::accept, "s1"));  // the caller cannot accept
  CHECK(f.out.take(1)[0]["code"] == "out-of-order");
  f.router.on_message(1, answer);
  CHECK(f.out.take(1)[0]["code"] == "out-of-order");
  f.router.on_message(2, candidate("s1", "candidate:1 1 udp 1 127.0.0.1 1 typ host"));
  CHECK(f.out.take(2)[0]["code"] == "out-of-order");
  f.router.on_message(2, msg(MessageType::accept, "s1"));
  f.out.take(2);
  f.router.on_message(2, msg(MessageType::ringing, "s1"));
  CHECK(f.out.take(2)[0]["code"] == "out-of-order");
  CHECK(f.out.take(1).empty());
}

TEST_CASE("ringing is relayed to the caller, and the caller's cancel reaches every ringing connection") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.login(3, "bob", "b2");
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  f.router.on_message(2, msg(MessageType::ringing, "s1"));
  auto a = f.out.take(1);
  REQUIRE(a.size() == 1);
  CHECK(a[0]["type"] == "ringing");
  f.out.take(2);
  f.out.take(3);
  f.router.on_message(1, msg(MessageType::hangup, "s1"));
  for (ConnId c : {2, 3}) CHECK(f.out.take(c)[0]["reason"] == "cancel");
  CHECK(f.router.call_count() == 0);
}

TEST_CASE("a hangup in a call reaches the peer with its reason, and a closed connection ends its calls as gone") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  f.router.on_message(2, msg(MessageType::accept, "s1"));
  f.out.take(2);
  ClientMessage bye = msg(MessageType::hangup, "s1");
  bye.reason = HangupReason::busy;
  f.router.on_message(2, bye);
  auto a = f.out.take(1);
  REQUIRE(a.size() == 1);
  CHECK(a[0]["reason"] == "busy");
  CHECK(f.out.take(2).empty());
  f.router.on_message(1, offer("s2", "bob@call.a.test"));
  f.router.on_message(2, msg(MessageType::accept, "s2"));
  f.out.take(2);
  f.router.detach(1);
  auto b = f.out.take(2);
  REQUIRE(b.size() == 1);
  CHECK(b[0]["reason"] == "gone");
  CHECK(f.router.call_count() == 0);
  CHECK_FALSE(f.router.is_online("alice", "a1"));
}

TEST_CASE("a call nobody answers ends with timeout on both sides") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  f.out.take(2);
  f.router.tick(f.t0 + std::chrono::seconds(44));
  CHECK(f.out.total() == 0);
  f.router.tick(f.t0 + std::chrono::seconds(45));
  CHECK(f.out.take(1)[0]["reason"] == "timeout");
  CHECK(f.out.take(2)[0]["reason"] == "timeout");
  CHECK(f.router.call_count() == 0);
}

TEST_CASE("connections and calls per user are capped") {
  Fixture f;
  for (ConnId c : {1, 2, 3}) f.login(c, "alice", "");
  auto r = f.router.attach(4, "alice", "", "x");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::too_many_connections);
  f.login(5, "bob", "b1");
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  f.router.on_message(1, offer("s2", "bob@call.a.test"));
  f.router.on_message(2, offer("s3", "bob@call.a.test"));  // a third call of alice's
  CHECK(f.out.take(2)[0]["code"] == "too-many-calls");
}

TEST_CASE("candidates queued before the answer are bounded") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  for (int i = 0; i < 4; ++i) f.router.on_message(1, candidate("s1", "candidate:" + std::to_string(i)));
  CHECK(f.out.take(1).empty());
  f.router.on_message(1, candidate("s1", "candidate:5"));
  CHECK(f.out.take(1)[0]["code"] == "resource-constraint");
}

TEST_CASE("a callee already using the caller's session id gets another one") {
  Fixture f;
  f.login(1, "alice", "a1");
  f.login(2, "bob", "b1");
  f.login(3, "carol", "c1");
  f.router.on_message(2, offer("s1", "carol@call.a.test"));
  f.router.on_message(1, offer("s1", "bob@call.a.test"));
  auto b = f.out.take(2);
  REQUIRE(b.size() == 1);
  CHECK(b[0]["session"] != "s1");
  const std::string theirs = b[0]["session"];
  f.router.on_message(2, msg(MessageType::accept, theirs));
  CHECK(f.out.take(2)[0]["session"] == theirs);
}

TEST_CASE("resources: asked-for when free, random otherwise, and visible to the directory") {
  Fixture f;
  std::vector<std::string> seen;
  f.router.set_events({[&](const Address& a) { seen.push_back("+" + a.full()); },
                       [&](const Address& a) { seen.push_back("-" + a.full()); }});
  auto a = f.router.attach(1, "alice", "phone", "r1");
  auto b = f.router.attach(2, "alice", "phone", "r2");
  auto c = f.router.attach(3, "alice", "", "r3");
  CHECK(a->full() == "alice@call.a.test/phone");
  CHECK(b->resource == "phone-r2");
  CHECK(c->resource == "r3");
  CHECK(f.router.is_online("alice", "phone"));
  CHECK_FALSE(f.router.is_online("alice", "tablet"));
  CHECK(f.router.resources_of("alice").size() == 3);
  f.router.detach(1);
  CHECK(seen == std::vector<std::string>{"+alice@call.a.test/phone", "+alice@call.a.test/phone-r2",
                                         "+alice@call.a.test/r3", "-alice@call.a.test/phone"});
}

TEST_CASE("presence messages are answered feature-not-implemented until issue 6") {
  Fixture f;
  f.login(1, "alice", "a1");
  for (auto t : {MessageType::presence, MessageType::subscribe, MessageType::unsubscribe, MessageType::auth}) {
    f.router.on_message(1, msg(t, ""));
    auto e = f.out.take(1);
    REQUIRE(e.size() == 1);
    CHECK(e[0]["type"] == "error");
  }
}

TEST_CASE("calls to other domains go to the bridge hook when one is set") {
  struct Hook : RemoteCalls {
    std::vector<ClientMessage> got;
    int closed = 0;
    Result<void> from_web(ConnId, const Address&, const ClientMessage& m) override {
      got.push_back(m);
      return Ok{};
    }
    void connection_closed(ConnId, const Address&) override { ++closed; }
  } hook;
  Fixture f;
  f.router.set_remote(&hook);
  f.login(1, "alice", "a1");
  f.router.on_message(1, offer("s1", "romeo@montague.example"));
  f.router.on_message(1, candidate("s1", "candidate:1"));
  CHECK(f.out.take(1).empty());
  REQUIRE(hook.got.size() == 2);
  CHECK(hook.got[1].type == MessageType::candidate);
  f.router.detach(1);
  CHECK(hook.closed == 1);
}

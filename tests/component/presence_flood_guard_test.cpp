// The bounds on inbound presence stanzas: per sender and recipient, per sender, and the table size.
#include <catch2/catch.hpp>

#include "component/xmpp/presence_flood_guard.hpp"

using namespace jinglegate::component::xmpp;
using namespace std::chrono_literals;

TEST_CASE("a flood from one sender to one user is cut at the burst, then refills at the rate") {
  PresenceFloodSettings s;
  s.pair_rate = 5;
  s.pair_burst = 10;
  PresenceFloodGuard g(s);
  const auto t0 = PresenceFloodGuard::Clock::now();
  int admitted = 0;
  for (int i = 0; i < 1000; ++i) admitted += g.admit("mallory@evil.test", "alice", t0);
  CHECK(admitted == 10);
  CHECK(g.dropped() == 990);
  CHECK(g.admit("bob@a.test", "alice", t0));       // another sender is not affected
  CHECK(g.admit("mallory@evil.test", "carol", t0));  // nor another recipient
  CHECK(g.admit("mallory@evil.test", "alice", t0 + 1s));  // 5 tokens back after a second
}

TEST_CASE("one sender spraying many users is bounded by its own bucket") {
  PresenceFloodSettings s;
  s.sender_rate = 10;
  s.sender_burst = 50;
  PresenceFloodGuard g(s);
  const auto t0 = PresenceFloodGuard::Clock::now();
  int admitted = 0;
  for (int i = 0; i < 500; ++i) admitted += g.admit("mallory@evil.test", "user" + std::to_string(i), t0);
  CHECK(admitted == 50);
}

TEST_CASE("the tables stay bounded and forget refilled buckets") {
  PresenceFloodSettings s;
  s.max_tracked = 100;
  PresenceFloodGuard g(s);
  const auto t0 = PresenceFloodGuard::Clock::now();
  int admitted = 0;
  for (int i = 0; i < 1000; ++i) admitted += g.admit("s" + std::to_string(i) + "@x", "alice", t0);
  CHECK(admitted == 100);  // new senders past the bound are refused while the others are busy
  CHECK(g.tracked() <= 200);
  g.prune(t0 + 60s);
  CHECK(g.tracked() == 0);
  CHECK(g.admit("late@x", "alice", t0 + 60s));
}

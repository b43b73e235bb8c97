// The renewal schedule of short-lived TURN credentials: delays and the queue of who is due.
#include <catch2/catch.hpp>

#include "component/credential_refresh.hpp"

using namespace jinglegate::component;
using std::chrono::seconds;

TEST_CASE("credentials are renewed when 80 % of their remaining lifetime has passed") {
  const std::int64_t now = 1'700'000'000;
  CHECK(refresh_delay(now, now + 43200) == seconds(34560));  // 12 h → after 9.6 h
  CHECK(refresh_delay(now, now + 3600) == seconds(2880));
  CHECK(refresh_delay(now, now + 100) == seconds(80));
}

TEST_CASE("renewal is never sooner than the minimum nor later than the maximum") {
  const std::int64_t now = 1'700'000'000;
  CHECK(refresh_delay(now, now + 2) == seconds(5));      // 1.6 s would hammer the server
  CHECK(refresh_delay(now, now - 30) == seconds(5));     // already expired: renew soon, not at once
  CHECK(refresh_delay(now, now + 86400) == seconds(43200));  // Prosody's default day: within 12 h
  CHECK(refresh_delay(now, std::nullopt) == seconds(3600));  // nothing expires: look again hourly
  RefreshPolicy p;
  p.min_delay = seconds(1);
  p.max_delay = seconds(100000);
  p.unexpiring_delay = seconds(60);
  CHECK(refresh_delay(now, std::nullopt, p) == seconds(60));
  CHECK(refresh_delay(now, now + 86400, p) == seconds(69120));
  CHECK(refresh_delay(now, now + 1, p) == seconds(1));
}

TEST_CASE("failed attempts are retried after 10 s, doubling up to 10 min") {
  CHECK(retry_delay(1) == seconds(10));
  CHECK(retry_delay(2) == seconds(20));
  CHECK(retry_delay(3) == seconds(40));
  CHECK(retry_delay(7) == seconds(600));
  CHECK(retry_delay(1000) == seconds(600));
}

TEST_CASE("the refresh queue hands out keys once they are due, in due order") {
  RefreshQueue q;
  q.schedule(1, 100);
  q.schedule(2, 50);
  q.schedule(3, 200);
  CHECK(q.take_due(49).empty());
  CHECK(q.take_due(100) == std::vector<std::uint64_t>{2, 1});
  CHECK(q.size() == 1);
  CHECK(q.take_due(1000) == std::vector<std::uint64_t>{3});
  CHECK(q.size() == 0);
}

TEST_CASE("rescheduling a key replaces its entry, and a cancelled key never comes due") {
  RefreshQueue q;
  q.schedule(7, 100);
  q.schedule(7, 300);
  CHECK(q.size() == 1);
  CHECK(q.due_of(7) == 300);
  CHECK(q.take_due(200).empty());
  q.schedule(8, 10);
  q.cancel(8);
  q.cancel(99);  // unknown: nothing happens
  CHECK_FALSE(q.due_of(8));
  CHECK(q.take_due(1000) == std::vector<std::uint64_t>{7});
}

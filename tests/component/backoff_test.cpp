// Tests of the reconnection schedule (reliability goal G11).
#include <catch2/catch.hpp>

#include "component/xmpp/backoff.hpp"

using namespace jinglegate::component::xmpp;

TEST_CASE("backoff retries at once, then doubles from initial up to max") {
  const BackoffPolicy p{std::chrono::duration<double>(0.5), std::chrono::duration<double>(30), 0.2};
  const double expected[] = {0, 0.5, 1, 2, 4, 8, 16, 30, 30, 30};
  for (unsigned i = 0; i < std::size(expected); ++i) {
    INFO("attempt " << i);
    CHECK(backoff_delay(p, i, 0.5).count() == Approx(expected[i]));
  }
  CHECK(backoff_delay(p, 1000, 0.5).count() == Approx(30));
}

TEST_CASE("backoff jitter stays within ±20 % and never exceeds max") {
  const BackoffPolicy p{std::chrono::duration<double>(0.5), std::chrono::duration<double>(30), 0.2};
  CHECK(backoff_delay(p, 1, 0.0).count() == Approx(0.4));
  CHECK(backoff_delay(p, 1, 0.999999).count() == Approx(0.6).epsilon(1e-4));
  CHECK(backoff_delay(p, 3, 0.0).count() == Approx(1.6));
  CHECK(backoff_delay(p, 8, 0.0).count() == Approx(24));
  CHECK(backoff_delay(p, 8, 0.99).count() == Approx(30));  // capped
  CHECK(backoff_delay(p, 0, 0.99).count() == 0);           // the first retry is never delayed
}

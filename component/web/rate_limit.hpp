// A per-connection token bucket (reliability.md G9): `rate` messages per second, bursts of `burst`.
// Pure: the caller passes the time, so tests need no clock.
#pragma once

#include <algorithm>
#include <chrono>

namespace jinglegate::component::web {

class TokenBucket {
 public:
  using time_point = std::chrono::steady_clock::time_point;
  TokenBucket(double rate, double burst, time_point now) : rate_(rate), burst_(burst), tokens_(burst), last_(now) {}

  // Takes one token; false when the bucket is empty (the message is refused, not queued).
  bool take(time_point now) {
    const std::chrono::duration<double> dt = now - last_;
    last_ = now;
    tokens_ = std::min(burst_, tokens_ + std::max(0.0, dt.count()) * rate_);
    if (tokens_ < 1.0) return false;
    tokens_ -= 1.0;
    return true;
  }

 private:
  double rate_;
  double burst_;
  double tokens_;
  time_point last_;
};

}  // namespace jinglegate::component::web

// Reconnection delays for the XEP-0114 link: exponential backoff with jitter, as a pure function.
//
// Schedule (reliability goal G11): the first retry at once, then `initial`, doubling up to `max`;
// each delay is scaled by a factor in [1 - jitter, 1 + jitter] and capped at `max`, so that
// several instances restarted together do not reconnect in lock-step.
#pragma once

#include <chrono>

namespace jinglegate::component::xmpp {

struct BackoffPolicy {
  std::chrono::duration<double> initial{0.5};
  std::chrono::duration<double> max{30};
  double jitter = 0.2;
};

// Delay before reconnection attempt `attempt` (0 = the first retry after a loss). `u` is a
// uniform sample in [0, 1) that the caller draws; 0.5 means no jitter.
std::chrono::duration<double> backoff_delay(const BackoffPolicy& policy, unsigned attempt, double u);

}  // namespace jinglegate::component::xmpp

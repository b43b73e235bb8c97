// Reconnection delays for the XEP-0114 link: exponential backoff with jitter, as a pure function.
#include "component/xmpp/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace jinglegate::component::xmpp {

std::chrono::duration<double> backoff_delay(const BackoffPolicy& policy, unsigned attempt, double u) {
  if (attempt == 0) return std::chrono::duration<double>(0);
  const double max = policy.max.count();
  // 2^(attempt-1) overflows nothing: the exponent is clamped long before a double would.
  const double base = std::min(max, policy.initial.count() * std::exp2(std::min(attempt - 1, 64u)));
  const double factor = 1.0 + policy.jitter * (2.0 * std::clamp(u, 0.0, 1.0) - 1.0);
  return std::chrono::duration<double>(std::min(max, base * factor));
}

}  // namespace jinglegate::component::xmpp

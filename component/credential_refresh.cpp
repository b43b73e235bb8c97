// When to renew short-lived TURN credentials: the delays and the queue of who is due.
#include "component/credential_refresh.hpp"

#include <algorithm>
#include <cmath>

namespace jinglegate::component {

std::chrono::seconds refresh_delay(std::int64_t now, std::optional<std::int64_t> expires, const RefreshPolicy& p) {
  if (!expires) return p.unexpiring_delay;
  const double left = static_cast<double>(*expires - now);
  const auto delay = static_cast<std::int64_t>(std::floor(std::max(0.0, left) * p.fraction));
  return std::chrono::seconds(std::clamp<std::int64_t>(delay, p.min_delay.count(), p.max_delay.count()));
}

std::chrono::seconds retry_delay(unsigned failures, const RefreshPolicy& p) {
  std::int64_t delay = p.retry_initial.count();
  for (unsigned i = 1; i < failures && delay < p.retry_max.count(); ++i) delay *= 2;
  return std::chrono::seconds(std::min<std::int64_t>(delay, p.retry_max.count()));
}

void RefreshQueue::schedule(std::uint64_t key, std::int64_t due) {
  cancel(key);
  by_key_.emplace(key, by_due_.emplace(due, key));
}

void RefreshQueue::cancel(std::uint64_t key) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return;
  by_due_.erase(it->second);
  by_key_.erase(it);
}

std::vector<std::uint64_t> RefreshQueue::take_due(std::int64_t now) {
  std::vector<std::uint64_t> due;
  auto end = by_due_.upper_bound(now);
  for (auto it = by_due_.begin(); it != end; ++it) {
    due.push_back(it->second);
    by_key_.erase(it->second);
  }
  by_due_.erase(by_due_.begin(), end);
  return due;
}

std::optional<std::int64_t> RefreshQueue::due_of(std::uint64_t key) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  return it->second->first;
}

}  // namespace jinglegate::component

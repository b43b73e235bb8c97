// When to renew short-lived TURN credentials (TURN REST, draft-uberti-behave-turn-rest; the
// answers of XEP-0215 servers): pure functions of the clock and the expiry, and a queue of who is
// due, so the whole schedule is unit-tested without clocks or sockets.
//
// Used twice: the daemon asks the XMPP server again (XEP-0215) before its credentials expire,
// and the web gateway sends each browser fresh `ice-servers` before the ones it holds expire.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace jinglegate::component {

struct RefreshPolicy {
  // Renew once this share of the remaining lifetime has passed: 12 h credentials are renewed
  // after 9.6 h, leaving 2.4 h for a link that is down at that moment to come back.
  double fraction = 0.8;
  std::chrono::seconds min_delay{5};        // a server handing out 1 s credentials is not hammered
  std::chrono::seconds max_delay{43200};    // day-long credentials are still renewed within 12 h (G16)
  std::chrono::seconds unexpiring_delay{3600};  // nothing expires: look again hourly (server config changes)
  std::chrono::seconds retry_initial{10};   // after a failure: 10 s, 20 s, 40 s … up to retry_max
  std::chrono::seconds retry_max{600};
};

// The delay before renewing credentials received at `now` (unix seconds) whose earliest expiry
// is `expires` (nullopt: nothing expires).
std::chrono::seconds refresh_delay(std::int64_t now, std::optional<std::int64_t> expires, const RefreshPolicy& p = {});

// The delay before the next attempt after `failures` failed ones in a row (1 = the first).
std::chrono::seconds retry_delay(unsigned failures, const RefreshPolicy& p = {});

// Keys (connection ids) with a due time in unix seconds; one entry per key.
class RefreshQueue {
 public:
  void schedule(std::uint64_t key, std::int64_t due);  // replaces the key's earlier entry
  void cancel(std::uint64_t key);
  std::vector<std::uint64_t> take_due(std::int64_t now);  // in due order; they leave the queue
  std::size_t size() const { return by_key_.size(); }
  std::optional<std::int64_t> due_of(std::uint64_t key) const;

 private:
  std::multimap<std::int64_t, std::uint64_t> by_due_;
  std::unordered_map<std::uint64_t, std::multimap<std::int64_t, std::uint64_t>::iterator> by_key_;
};

}  // namespace jinglegate::component

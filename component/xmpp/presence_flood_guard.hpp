// Bounds on inbound presence stanzas, so a flood never reaches the presence service (issue 6):
// a token bucket per (sender bare JID, recipient web user) and one per sender bare JID. Pure:
// the caller passes the time. Buckets are dropped once full again, and at most max_tracked of
// each kind exist: beyond that, stanzas of senders not yet tracked are refused.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jinglegate::component::xmpp {

struct PresenceFloodSettings {
  // One contact's presence to one user: a few resources coming and going, a probe answer each.
  double pair_rate = 5;
  double pair_burst = 30;
  // One sender to all our users: its broadcast reaches each web user who subscribed to it.
  double sender_rate = 200;
  double sender_burst = 1000;
  std::size_t max_tracked = 20000;
};

class PresenceFloodGuard {
 public:
  using Clock = std::chrono::steady_clock;
  using Settings = PresenceFloodSettings;

  PresenceFloodGuard() = default;
  explicit PresenceFloodGuard(Settings s) : s_(s) {}

  // A stanza costs one token of each bucket, and only when both have one: what the pair bucket
  // refuses does not drain the sender's budget for its other recipients.
  bool admit(std::string_view sender, std::string_view recipient, Clock::time_point now) {
    std::string pair(sender);
    pair.push_back(' ');
    pair.append(recipient);
    Bucket* a = bucket(senders_, std::string(sender), s_.sender_rate, s_.sender_burst, now);
    Bucket* b = a ? bucket(pairs_, std::move(pair), s_.pair_rate, s_.pair_burst, now) : nullptr;
    if (!a || !b || a->tokens < 1.0 || b->tokens < 1.0) {
      ++dropped_;
      return false;
    }
    a->tokens -= 1.0;
    b->tokens -= 1.0;
    return true;
  }

  // Forgets buckets that have refilled: they would admit a full burst anyway.
  void prune(Clock::time_point now) {
    prune(senders_, s_.sender_rate, s_.sender_burst, now);
    prune(pairs_, s_.pair_rate, s_.pair_burst, now);
  }

  std::uint64_t dropped() const { return dropped_; }
  std::size_t tracked() const { return senders_.size() + pairs_.size(); }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  using Map = std::unordered_map<std::string, Bucket>;

  static double refill(const Bucket& b, double rate, double burst, Clock::time_point now) {
    const std::chrono::duration<double> dt = now - b.last;
    return std::min(burst, b.tokens + std::max(0.0, dt.count()) * rate);
  }

  // The bucket of `key`, refilled to `now`; nullptr when the table is full of busy buckets.
  Bucket* bucket(Map& m, std::string key, double rate, double burst, Clock::time_point now) {
    auto it = m.find(key);
    if (it == m.end()) {
      if (m.size() >= s_.max_tracked) prune(m, rate, burst, now);
      if (m.size() >= s_.max_tracked) return nullptr;
      it = m.emplace(std::move(key), Bucket{burst, now}).first;
    }
    Bucket& b = it->second;
    b.tokens = refill(b, rate, burst, now);
    b.last = now;
    return &b;
  }

  static void prune(Map& m, double rate, double burst, Clock::time_point now) {
    for (auto it = m.begin(); it != m.end();) {
      if (refill(it->second, rate, burst, now) >= burst) it = m.erase(it);
      else ++it;
    }
  }

  Settings s_;
  Map senders_;
  Map pairs_;
  std::uint64_t dropped_ = 0;
};

}  // namespace jinglegate::component::xmpp

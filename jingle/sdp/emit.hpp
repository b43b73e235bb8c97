// Size-then-fill output for the SDP writers (one allocation per string), and the RFC 8839 §5.1
// candidate emitter that write_sdp and write_candidate_line share. Internal to jingle/sdp/.
#pragma once

#include <cassert>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "jingle/ice_candidate.hpp"

namespace jinglegate::jingle::sdp::emit {

inline std::size_t digits(std::uint64_t v) {
  std::size_t n = 1;
  for (; v >= 10; v /= 10) ++n;
  return n;
}

// First pass: counts the bytes the second pass will write.
class Counter {
 public:
  void put(std::string_view s) { n_ += s.size(); }
  void put(char) { ++n_; }
  void num(std::uint64_t v) { n_ += digits(v); }
  std::size_t size() const { return n_; }

 private:
  std::size_t n_ = 0;
};

// Second pass: writes into a buffer the first pass sized.
class Filler {
 public:
  explicit Filler(char* p) : p_(p) {}
  void put(std::string_view s) {
    if (!s.empty()) std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void put(char c) { *p_++ = c; }
  void num(std::uint64_t v) { p_ = std::to_chars(p_, p_ + 20, v).ptr; }
  const char* end() const { return p_; }

 private:
  char* p_;
};

// Runs `emit(out)` twice: once to size the string, once to fill it.
template <class Emit>
std::string build(Emit&& emit) {
  Counter counter;
  emit(counter);
  std::string s(counter.size(), '\0');
  Filler filler(s.data());
  emit(filler);
  assert(filler.end() == s.data() + s.size());
  return s;
}

inline std::string_view candidate_type_name(CandidateType t) {
  switch (t) {
    case CandidateType::host: return "host";
    case CandidateType::srflx: return "srflx";
    case CandidateType::prflx: return "prflx";
    case CandidateType::relay: return "relay";
  }
  return "host";
}

// "candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>" and
// the extensions in Chromium's order: raddr rport tcptype generation ufrag network-id
// network-cost (webrtc_sdp.cc BuildCandidate), then the unknown ones as they came.
template <class Out>
void candidate(Out& o, const IceCandidate& c) {
  o.put("candidate:");
  o.put(c.foundation);
  o.put(' ');
  o.num(c.component);
  o.put(' ');
  o.put(c.protocol);
  o.put(' ');
  o.num(c.priority);
  o.put(' ');
  o.put(c.address);
  o.put(' ');
  o.num(c.port);
  o.put(" typ ");
  o.put(candidate_type_name(c.type));
  const auto text = [&](std::string_view name, const std::optional<std::string>& v) {
    if (!v) return;
    o.put(name);
    o.put(*v);
  };
  const auto number = [&](std::string_view name, auto v) {
    if (!v) return;
    o.put(name);
    o.num(*v);
  };
  text(" raddr ", c.rel_addr);
  number(" rport ", c.rel_port);
  text(" tcptype ", c.tcptype);
  number(" generation ", c.generation);
  text(" ufrag ", c.ufrag);
  number(" network-id ", c.network_id);
  number(" network-cost ", c.network_cost);
  for (const auto& [name, value] : c.extensions) {
    o.put(' ');
    o.put(name);
    o.put(' ');
    o.put(value);
  }
}

}  // namespace jinglegate::jingle::sdp::emit

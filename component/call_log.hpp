// Call events for operators: one structured log line per event (sid, parties, outcome) and the
// call metrics (sessions by state, set-up time, outcomes, translation errors), for every kind of
// call. The web router reports its calls between two web users here; the bridge (issue 5)
// reports its calls with Jingle clients through the same helper, with CallPath::jingle.
//
//   info call started id=3 path=web sid=k3j2-1 caller=alice@call.example.org/3f9a callee=bob@call.example.org media=audio,video
//   info call answered id=3 path=web sid=k3j2-1 caller=… callee=bob@call.example.org/phone setup=2.412
//   info call ended id=3 path=web sid=k3j2-1 caller=… callee=… outcome=completed reason=success by=caller setup=2.412 duration=61.020
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "component/metrics.hpp"

namespace jinglegate::component {

enum class CallPath { web, jingle };  // web: two web users of this gateway; jingle: through the bridge
enum class CallState { ringing, active };
enum class TranslationDirection { sdp_to_jingle, jingle_to_sdp };
enum class CallEnder { caller, callee, gateway };  // who ended it; gateway: timeouts and shutdown

std::string_view name_of(CallPath p);
std::string_view name_of(CallState s);
std::string_view name_of(TranslationDirection d);
std::string_view name_of(CallEnder e);

struct CallStart {
  CallPath path = CallPath::web;
  std::string sid;     // the caller's session id (web) or the Jingle sid (bridge)
  std::string caller;  // full JID
  std::string callee;  // as dialled: bare JID rings every connection
  std::string media;   // "audio,video,data" (what the offer carries), "" when unknown
};

// The coarse outcome of a call from whether it was answered and the XEP-0166 §7.4 condition it
// ended with: completed, rejected, cancelled, unanswered or failed.
std::string_view call_outcome(bool answered, std::string_view reason);

class CallLog {
 public:
  using Id = std::uint64_t;  // 0 is never issued: "no log entry"
  using Clock = std::chrono::steady_clock;

  explicit CallLog(Metrics& metrics, std::function<Clock::time_point()> now = &Clock::now);
  CallLog(const CallLog&) = delete;
  CallLog& operator=(const CallLog&) = delete;

  Id started(CallStart start);                                  // the call rings
  // The bridge learned which peer profile (issue 9) the call uses: logged, and the label of
  // jinglegate_peer_calls_total when the call ends.
  void profiled(Id id, std::string_view profile);
  void answered(Id id, std::string_view callee);                // ringing → active; callee is the full JID that took it
  // reason: an XEP-0166 condition name; detail: why, in words, for the log line ("" for none)
  void ended(Id id, std::string_view reason, CallEnder by, std::string_view detail = {});
  void translation_failed(Id id, TranslationDirection direction, std::string_view detail);

  std::size_t live(CallPath path, CallState state) const;       // what the sessions gauge shows

 private:
  struct Live {
    CallStart start;
    CallState state = CallState::ringing;
    std::string profile;  // bridged calls: the peer profile
    Clock::time_point began;
    Clock::time_point answered_at;
  };
  Gauge& sessions(CallPath path, CallState state);

  std::function<Clock::time_point()> now_;
  Family<Gauge>& sessions_;
  Family<Histogram>& setup_;
  Family<Counter>& calls_;
  Family<Counter>& translation_errors_;
  Family<Counter>& peer_calls_;
  std::unordered_map<Id, Live> live_;
  Id next_ = 1;
};

}  // namespace jinglegate::component

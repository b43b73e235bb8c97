// Call events for operators: log lines and call metrics.
#include "component/call_log.hpp"

#include <array>

#include "component/log.hpp"

namespace jinglegate::component {

namespace {
// Set-up time is from the offer to the callee taking the call, so it includes ringing: buckets
// reach past calls.ring_timeout's default (45 s).
const std::vector<double> kSetupBuckets{0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 45, 60, 120};
constexpr std::array kPaths{CallPath::web, CallPath::jingle};
constexpr std::array kStates{CallState::ringing, CallState::active};

double seconds(CallLog::Clock::duration d) { return std::chrono::duration<double>(d).count(); }

bool is_error_condition(std::string_view r) {
  for (std::string_view e : {"connectivity-error", "failed-application", "failed-transport", "general-error",
                             "incompatible-parameters", "media-error", "security-error", "unsupported-applications",
                             "unsupported-transports", "timeout", "expired"})
    if (r == e) return true;
  return false;
}
}  // namespace

std::string_view name_of(CallPath p) { return p == CallPath::web ? "web" : "jingle"; }
std::string_view name_of(CallState s) { return s == CallState::ringing ? "ringing" : "active"; }
std::string_view name_of(TranslationDirection d) {
  return d == TranslationDirection::sdp_to_jingle ? "sdp-to-jingle" : "jingle-to-sdp";
}
std::string_view name_of(CallEnder e) {
  switch (e) {
    case CallEnder::caller: return "caller";
    case CallEnder::callee: return "callee";
    case CallEnder::gateway: return "gateway";
  }
  return "gateway";
}

std::string_view call_outcome(bool answered, std::string_view reason) {
  if (answered) return is_error_condition(reason) ? "failed" : "completed";
  if (reason == "decline" || reason == "busy") return "rejected";
  if (reason == "timeout" || reason == "expired") return "unanswered";
  if (is_error_condition(reason)) return "failed";
  return "cancelled";  // cancel, gone (the caller left), success, alternative-session
}

CallLog::CallLog(Metrics& m, std::function<Clock::time_point()> now)
    : now_(std::move(now)),
      sessions_(m.gauge("jinglegate_call_sessions", "Calls in progress, by path (web: web to web; jingle: bridged) and state.",
                        {"path", "state"})),
      setup_(m.histogram("jinglegate_call_setup_seconds",
                         "Time from the offer until the callee took the call (includes ringing).", kSetupBuckets, {"path"})),
      calls_(m.counter("jinglegate_calls_total", "Calls ended, by path and outcome.", {"path", "outcome"})),
      translation_errors_(m.counter("jinglegate_translation_errors_total",
                                    "SDP <-> Jingle translations that failed, by direction.", {"direction"})),
      peer_calls_(m.counter("jinglegate_peer_calls_total",
                            "Bridged calls ended, by the peer's profile (its client), outcome and XEP-0166 reason.",
                            {"profile", "outcome", "reason"})) {
  // Every series exists from the start, so a dashboard sees 0 rather than nothing.
  for (CallPath p : kPaths) {
    for (CallState s : kStates) sessions(p, s);
    setup_.with({name_of(p)});
  }
  for (auto d : {TranslationDirection::sdp_to_jingle, TranslationDirection::jingle_to_sdp}) translation_errors_.with({name_of(d)});
}

Gauge& CallLog::sessions(CallPath path, CallState state) { return sessions_.with({name_of(path), name_of(state)}); }

CallLog::Id CallLog::started(CallStart start) {
  const Id id = next_++;
  log::info("call", "started", {{"id", id}, {"path", name_of(start.path)}, {"sid", start.sid}, {"caller", start.caller},
                                {"callee", start.callee}, {"media", start.media}});
  sessions(start.path, CallState::ringing).inc();
  live_.emplace(id, Live{std::move(start), CallState::ringing, {}, now_(), {}});
  return id;
}

void CallLog::profiled(Id id, std::string_view profile) {
  auto it = live_.find(id);
  if (it == live_.end() || it->second.profile == profile) return;
  it->second.profile = std::string(profile);
  log::info("call", "profile", {{"id", id}, {"sid", it->second.start.sid}, {"profile", profile}});
}

void CallLog::answered(Id id, std::string_view callee) {
  auto it = live_.find(id);
  if (it == live_.end() || it->second.state != CallState::ringing) return;
  Live& call = it->second;
  call.state = CallState::active;
  call.answered_at = now_();
  call.start.callee = std::string(callee);
  const double setup = seconds(call.answered_at - call.began);
  sessions(call.start.path, CallState::ringing).dec();
  sessions(call.start.path, CallState::active).inc();
  setup_.with({name_of(call.start.path)}).observe(setup);
  log::info("call", "answered", {{"id", id}, {"path", name_of(call.start.path)}, {"sid", call.start.sid},
                                 {"caller", call.start.caller}, {"callee", call.start.callee}, {"setup", setup}});
}

void CallLog::ended(Id id, std::string_view reason, CallEnder by, std::string_view detail) {
  auto it = live_.find(id);
  if (it == live_.end()) return;
  const Live call = std::move(it->second);
  live_.erase(it);
  const bool answered = call.state == CallState::active;
  const std::string_view outcome = call_outcome(answered, reason);
  sessions(call.start.path, call.state).dec();
  calls_.with({name_of(call.start.path), outcome}).inc();
  if (call.start.path == CallPath::jingle)
    peer_calls_.with({call.profile.empty() ? std::string_view("unknown") : std::string_view(call.profile), outcome, reason})
        .inc();
  const double setup = answered ? seconds(call.answered_at - call.began) : 0.0;
  const double duration = answered ? seconds(now_() - call.answered_at) : 0.0;
  if (call.start.path == CallPath::web) {
    log::info("call", "ended", {{"id", id}, {"path", "web"}, {"sid", call.start.sid}, {"caller", call.start.caller},
                                {"callee", call.start.callee}, {"outcome", outcome}, {"reason", reason},
                                {"by", name_of(by)}, {"setup", setup}, {"duration", duration}});
    return;
  }
  log::info("call", "ended", {{"id", id}, {"path", "jingle"}, {"sid", call.start.sid}, {"caller", call.start.caller},
                              {"callee", call.start.callee}, {"outcome", outcome}, {"reason", reason},
                              {"by", name_of(by)}, {"setup", setup}, {"duration", duration},
                              {"profile", call.profile.empty() ? "unknown" : call.profile}, {"detail", detail}});
}

void CallLog::translation_failed(Id id, TranslationDirection direction, std::string_view detail) {
  translation_errors_.with({name_of(direction)}).inc();
  auto it = live_.find(id);
  const std::string_view sid = it == live_.end() ? std::string_view{} : std::string_view(it->second.start.sid);
  log::warn("call", "translation-failed", {{"id", id}, {"sid", sid}, {"direction", name_of(direction)}, {"detail", detail}});
}

std::size_t CallLog::live(CallPath path, CallState state) const {
  std::size_t n = 0;
  for (const auto& [id, call] : live_)
    if (call.start.path == path && call.state == state) ++n;
  return n;
}

}  // namespace jinglegate::component

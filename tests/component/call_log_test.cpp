// Call events: one log line each with sid, parties and outcome, and the call metrics they move.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "component/call_log.hpp"
#include "component/log.hpp"

using namespace jinglegate;
using namespace jinglegate::component;
using namespace std::chrono_literals;

namespace {
struct Fixture {
  Metrics metrics;
  CallLog::Clock::time_point t{};
  CallLog calls{metrics, [this] { return t; }};
  std::vector<std::string> lines;
  Fixture() {
    log::set_sink([this](log::Level, const std::string& line) { lines.push_back(line); });
  }
  ~Fixture() { log::set_sink({}); }
  bool exposes(const std::string& sample) const { return metrics.expose().find(sample + "\n") != std::string::npos; }
};

CallStart web_call() {
  return CallStart{CallPath::web, "k3j2-1", "alice@call.a.test/a1", "bob@call.a.test", "audio,video"};
}
}  // namespace

TEST_CASE("a call that is answered and hung up logs three lines with sid, parties and outcome") {
  Fixture f;
  const auto id = f.calls.started(web_call());
  f.t += 2500ms;
  f.calls.answered(id, "bob@call.a.test/b1");
  f.t += 60s;
  f.calls.ended(id, "success", CallEnder::caller);
  REQUIRE(f.lines.size() == 3);
  CHECK(f.lines[0] == "info call started id=1 path=web sid=k3j2-1 caller=alice@call.a.test/a1 callee=bob@call.a.test media=audio,video");
  CHECK(f.lines[1] == "info call answered id=1 path=web sid=k3j2-1 caller=alice@call.a.test/a1 callee=bob@call.a.test/b1 setup=2.500");
  CHECK(f.lines[2] == "info call ended id=1 path=web sid=k3j2-1 caller=alice@call.a.test/a1 callee=bob@call.a.test/b1 "
                      "outcome=completed reason=success by=caller setup=2.500 duration=60.000");
}

TEST_CASE("the sessions gauge follows the states, and every series exists from the start") {
  Fixture f;
  CHECK(f.exposes("jinglegate_call_sessions{path=\"jingle\",state=\"active\"} 0"));
  CHECK(f.exposes("jinglegate_call_setup_seconds_count{path=\"jingle\"} 0"));
  CHECK(f.exposes("jinglegate_translation_errors_total{direction=\"sdp-to-jingle\"} 0"));
  const auto a = f.calls.started(web_call());
  const auto b = f.calls.started(web_call());
  CHECK(f.exposes("jinglegate_call_sessions{path=\"web\",state=\"ringing\"} 2"));
  f.calls.answered(a, "bob@call.a.test/b1");
  CHECK(f.calls.live(CallPath::web, CallState::ringing) == 1);
  CHECK(f.calls.live(CallPath::web, CallState::active) == 1);
  CHECK(f.exposes("jinglegate_call_sessions{path=\"web\",state=\"ringing\"} 1"));
  CHECK(f.exposes("jinglegate_call_sessions{path=\"web\",state=\"active\"} 1"));
  f.calls.ended(a, "success", CallEnder::callee);
  f.calls.ended(b, "timeout", CallEnder::gateway);
  CHECK(f.exposes("jinglegate_call_sessions{path=\"web\",state=\"ringing\"} 0"));
  CHECK(f.exposes("jinglegate_call_sessions{path=\"web\",state=\"active\"} 0"));
  CHECK(f.exposes("jinglegate_calls_total{path=\"web\",outcome=\"completed\"} 1"));
  CHECK(f.exposes("jinglegate_calls_total{path=\"web\",outcome=\"unanswered\"} 1"));
}

TEST_CASE("set-up time goes into the histogram of its path") {
  Fixture f;
  const auto id = f.calls.started(CallStart{CallPath::jingle, "sid1", "alice@call.a.test/a1", "romeo@b.test", "audio"});
  f.t += 700ms;
  f.calls.answered(id, "romeo@b.test/dino");
  CHECK(f.exposes("jinglegate_call_setup_seconds_bucket{path=\"jingle\",le=\"0.5\"} 0"));
  CHECK(f.exposes("jinglegate_call_setup_seconds_bucket{path=\"jingle\",le=\"1\"} 1"));
  CHECK(f.exposes("jinglegate_call_setup_seconds_sum{path=\"jingle\"} 0.7"));
  CHECK(f.exposes("jinglegate_call_setup_seconds_count{path=\"web\"} 0"));
}

TEST_CASE("events for unknown or finished calls are ignored") {
  Fixture f;
  const auto id = f.calls.started(web_call());
  f.calls.ended(id, "cancel", CallEnder::caller);
  const auto lines = f.lines.size();
  f.calls.ended(id, "cancel", CallEnder::caller);
  f.calls.answered(id, "x@call.a.test/y");
  f.calls.ended(12345, "success", CallEnder::caller);
  CHECK(f.lines.size() == lines);
  CHECK(f.exposes("jinglegate_calls_total{path=\"web\",outcome=\"cancelled\"} 1"));
}

TEST_CASE("a translation failure is counted by direction and logged with the call's sid") {
  Fixture f;
  const auto id = f.calls.started(CallStart{CallPath::jingle, "sid9", "a@call.a.test/x", "r@b.test", "audio"});
  f.calls.translation_failed(id, TranslationDirection::jingle_to_sdp, "no payload type");
  CHECK(f.lines.back() == "warn call translation-failed id=1 sid=sid9 direction=jingle-to-sdp detail=\"no payload type\"");
  CHECK(f.exposes("jinglegate_translation_errors_total{direction=\"jingle-to-sdp\"} 1"));
}

TEST_CASE("outcomes from answered state and XEP-0166 reason") {
  CHECK(call_outcome(true, "success") == "completed");
  CHECK(call_outcome(true, "gone") == "completed");
  CHECK(call_outcome(true, "connectivity-error") == "failed");
  CHECK(call_outcome(true, "failed-transport") == "failed");
  CHECK(call_outcome(false, "decline") == "rejected");
  CHECK(call_outcome(false, "busy") == "rejected");
  CHECK(call_outcome(false, "cancel") == "cancelled");
  CHECK(call_outcome(false, "gone") == "cancelled");
  CHECK(call_outcome(false, "timeout") == "unanswered");
  CHECK(call_outcome(false, "security-error") == "failed");
}

TEST_CASE("a bridged call names its peer profile and counts by profile, outcome and reason") {
  Fixture f;
  const auto id = f.calls.started(CallStart{CallPath::jingle, "s-1", "alice@call.a.test/a1", "carol@a.test", "audio"});
  f.calls.profiled(id, "dino");
  f.calls.profiled(id, "dino");  // unchanged: no second line
  f.t += 1s;
  f.calls.answered(id, "carol@a.test/dino");
  f.calls.ended(id, "failed-transport", CallEnder::gateway, "ICE failed");
  REQUIRE(f.lines.size() == 4);
  CHECK(f.lines[1] == "info call profile id=1 sid=s-1 profile=dino");
  CHECK(f.lines[3] == "info call ended id=1 path=jingle sid=s-1 caller=alice@call.a.test/a1 callee=carol@a.test/dino "
                      "outcome=failed reason=failed-transport by=gateway setup=1.000 duration=0.000 profile=dino "
                      "detail=\"ICE failed\"");
  CHECK(f.exposes("jinglegate_peer_calls_total{profile=\"dino\",outcome=\"failed\",reason=\"failed-transport\"} 1"));
  // A call that ends before its profile is known is counted as "unknown"; web calls are not counted.
  f.calls.ended(f.calls.started(CallStart{CallPath::jingle, "s-2", "carol@a.test/x", "alice@call.a.test", ""}), "cancel",
                CallEnder::caller);
  f.calls.ended(f.calls.started(web_call()), "cancel", CallEnder::caller);
  CHECK(f.exposes("jinglegate_peer_calls_total{profile=\"unknown\",outcome=\"cancelled\",reason=\"cancel\"} 1"));
  CHECK(f.metrics.expose().find("profile=\"\"") == std::string::npos);
}

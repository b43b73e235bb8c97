// Reload and shutdown hooks: stages run in order, a failed reload is reported, shutdown runs once.
#include <catch2/catch.hpp>

#include "component/lifecycle.hpp"

using namespace jinglegate;
using namespace jinglegate::component;

TEST_CASE("shutdown hooks run stage by stage, then in registration order, and only once") {
  Lifecycle l;
  std::vector<std::string> ran;
  l.on_shutdown(ShutdownStage::leave, "presence", [&] { ran.push_back("presence"); });
  l.on_shutdown(ShutdownStage::close_clients, "web", [&] { ran.push_back("web"); });
  l.on_shutdown(ShutdownStage::end_calls, "bridge", [&] { ran.push_back("bridge"); });
  l.on_shutdown(ShutdownStage::close_clients, "web2", [&] { ran.push_back("web2"); });
  l.shutdown();
  l.shutdown();
  CHECK(ran == std::vector<std::string>{"bridge", "web", "web2", "presence"});
}

TEST_CASE("every reload hook gets the new config; failures are reported by part") {
  Lifecycle l;
  std::string seen;
  l.on_reload("web", [&](const Config& c) -> Result<void> {
    seen = c.component.domain;
    return Ok{};
  });
  l.on_reload("keys", [](const Config&) -> Result<void> { return fail(Errc::bad_config, "jwt.keys[0]: too short"); });
  Config c;
  c.component.domain = "call.a.test";
  const auto report = l.reload(c);
  CHECK(seen == "call.a.test");
  CHECK(report.applied == std::vector<std::string>{"web"});
  REQUIRE(report.failed.size() == 1);
  CHECK(report.failed[0] == "keys: bad-config: jwt.keys[0]: too short");
}

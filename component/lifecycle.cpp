// Reload and graceful shutdown hooks of the daemon's parts.
#include "component/lifecycle.hpp"

#include "component/errors.hpp"
#include "component/log.hpp"

namespace jinglegate::component {

Lifecycle::ReloadReport Lifecycle::reload(const Config& config) const {
  ReloadReport report;
  for (const auto& r : reload_) {
    auto done = r.hook(config);
    if (done) {
      report.applied.push_back(r.part);
    } else {
      log::error("main", "reload refused", {{"part", r.part}, {"reason", describe(done.error())}});
      report.failed.push_back(r.part + ": " + describe(done.error()));
    }
  }
  return report;
}

void Lifecycle::shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  for (auto stage : {ShutdownStage::end_calls, ShutdownStage::close_clients, ShutdownStage::leave})
    for (const auto& s : shutdown_)
      if (s.stage == stage) {
        log::debug("main", "shutdown hook", {{"part", s.part}});
        s.hook();
      }
}

}  // namespace jinglegate::component

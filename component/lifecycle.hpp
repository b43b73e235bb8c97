// Reload (SIGHUP) and graceful shutdown (SIGTERM) of the daemon's parts: each part registers what
// it does, the daemon runs the hooks. The web gateway takes new keys and limits and, at shutdown,
// ends its calls and closes its WebSockets; the bridge (issue 5) registers the session-terminate
// of its Jingle calls, presence (issue 6) the unavailable presence of web users. Every shutdown
// hook runs before the XMPP stream is closed, so the stanzas it sends still go out.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "component/config/config.hpp"
#include "jingle/error.hpp"

namespace jinglegate::component {

// Shutdown runs stage by stage, in this order; within a stage, in registration order.
enum class ShutdownStage {
  end_calls,      // the bridge: session-terminate to Jingle peers, hangup to their web users
  close_clients,  // the web gateway: its own calls end (hangup gone), `shutdown`, close 1001
  leave,          // presence: unavailable for every web user, before </stream:stream>
};

class Lifecycle {
 public:
  // A reload hook takes the new configuration; on failure it keeps its old settings (logged).
  using ReloadHook = std::function<Result<void>(const Config&)>;
  using ShutdownHook = std::function<void()>;

  void on_reload(std::string part, ReloadHook hook) { reload_.push_back({std::move(part), std::move(hook)}); }
  void on_shutdown(ShutdownStage stage, std::string part, ShutdownHook hook) {
    shutdown_.push_back({stage, std::move(part), std::move(hook)});
  }

  struct ReloadReport {
    std::vector<std::string> applied;  // parts
    std::vector<std::string> failed;   // "part: reason"
  };
  ReloadReport reload(const Config& config) const;
  // Runs every shutdown hook once (a second call does nothing).
  void shutdown();

 private:
  struct Reload {
    std::string part;
    ReloadHook hook;
  };
  struct Shutdown {
    ShutdownStage stage;
    std::string part;
    ShutdownHook hook;
  };
  std::vector<Reload> reload_;
  std::vector<Shutdown> shutdown_;
  bool shut_down_ = false;
};

}  // namespace jinglegate::component

// jinglegate: the daemon. Minimal wiring on the web branch: config, the WebSocket gateway, signals.
// (The XEP-0114 link of issue 3 joins here when the branches merge.)
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <string>

#include "component/config/web_sections_toml.hpp"
#include "component/errors.hpp"
#include "component/log.hpp"
#include "component/web/gateway.hpp"

using namespace jinglegate;

int main(int argc, char** argv) {
  std::string path;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--config" && i + 1 < argc) path = argv[++i];
  if (path.empty()) {
    std::fprintf(stderr, "usage: jinglegate --config FILE\n");
    return 2;
  }
  auto config = component::load_web_sections(path);
  if (!config) {
    log::error("main", "bad-config", {{"error", component::describe(config.error())}});
    return 1;
  }
  if (auto level = log::parse_level(config->log_level)) log::set_level(*level);
  boost::asio::io_context io(1);
  auto gateway = component::web::Gateway::create(io, *config);
  if (!gateway) {
    log::error("main", "bad-config", {{"error", component::describe(gateway.error())}});
    return 1;
  }
  (*gateway)->start();
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int sig) {
    log::info("main", "stopping", {{"signal", sig}});
    (*gateway)->stop();
  });
  io.run();
  log::info("main", "stopped");
  return 0;
}

// jinglegate, the daemon: wiring only — configuration, log level, one io_context, signals,
// the XEP-0114 link, the stanza router, the disco responder, presence, the WebSocket gateway and
// the bridge.
//
//   jinglegate --config FILE         run
//   jinglegate --check-config FILE   validate and exit 0, or print the bad key and exit 1
//   jinglegate --version
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "component/bridge/bridge.hpp"
#include "component/config/config.hpp"
#include "component/errors.hpp"
#include "component/log.hpp"
#include "component/xmpp/presence_glue.hpp"
#include "component/web/gateway.hpp"
#include "component/xmpp/disco.hpp"
#include "component/xmpp/iq_tracker.hpp"
#include "component/xmpp/stanza_router.hpp"
#include "component/xmpp/xep0114_link.hpp"

namespace {
namespace jg = jinglegate;
namespace xmpp = jinglegate::component::xmpp;
using jinglegate::component::Config;

constexpr int kExitConfig = 1;       // bad configuration, or the server never accepted our secret
constexpr int kExitUsage = 2;

int usage() {
  std::cerr << "usage: jinglegate --config FILE | --check-config FILE | --version\n";
  return kExitUsage;
}

jg::Result<Config> load(const std::string& path) {
  auto config = jg::component::load_config(path);
  if (!config) {
    const auto& e = config.error();
    std::cerr << "jinglegate: " << path << (e.line > 0 ? ":" + std::to_string(e.line) : "") << ": " << e.detail << "\n";
  }
  return config;
}

xmpp::LinkOptions link_options(const Config& c) {
  xmpp::LinkOptions o;
  o.host = c.xmpp.host;
  o.port = c.xmpp.port;
  o.domain = c.component.domain;
  o.secret = c.xmpp.secret;
  o.ping_interval = c.xmpp.ping_interval;
  o.ping_timeout = c.xmpp.ping_timeout;
  o.backoff = xmpp::BackoffPolicy{c.xmpp.reconnect_initial, c.xmpp.reconnect_max, 0.2};
  o.limits.max_bytes = c.xmpp.max_stanza_bytes;
  o.limits.max_skip_bytes = std::max<std::size_t>(4 * c.xmpp.max_stanza_bytes, 1024 * 1024);
  return o;
}

jg::component::bridge::BridgeSettings bridge_settings(const Config& c) {
  using std::chrono::duration_cast;
  using Millis = std::chrono::milliseconds;
  jg::component::bridge::BridgeSettings b;
  b.domain = c.component.domain;
  b.ring_timeout = duration_cast<Millis>(c.calls.ring_timeout);
  b.setup_timeout = duration_cast<Millis>(c.calls.setup_timeout);
  b.max_queued_candidates = 2 * c.calls.max_candidates_per_content;
  return b;
}

// SIGHUP: what can change without a restart is applied; the rest is named in the log.
void reload(const std::string& path, Config& current, xmpp::Xep0114Link& link) {
  auto next = jg::component::load_config(path);
  if (!next) return jg::log::error("main", "reload failed, keeping the running config", {{"reason", next.error().detail}});
  jg::log::set_level(*jg::log::parse_level(next->log_level));
  link.set_secret(next->xmpp.secret);
  const bool restart = next->component.domain != current.component.domain || next->xmpp.host != current.xmpp.host ||
                       next->xmpp.port != current.xmpp.port;
  jg::log::info("main", "reloaded", {{"applied", "log.level xmpp.secret"}, {"restart_needed", restart}});
  current = std::move(*next);
}

int run(const std::string& path, Config config) {
  jg::log::set_level(*jg::log::parse_level(config.log_level));
  boost::asio::io_context io(1);
  int exit_code = 0;
  auto gateway = jg::component::web::Gateway::create(io, config);
  if (!gateway) {
    jg::log::error("main", "web gateway not started", {{"reason", jg::component::describe(gateway.error())}});
    return kExitConfig;
  }
  auto& web = **gateway;
  const auto& directory = web.directory();
  xmpp::DiscoResponder disco(config.component.name,
                             [&directory](std::string_view l, std::string_view r) { return directory.is_online(l, r); });
  boost::asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);

  xmpp::Xep0114Link* link_ptr = nullptr;
  xmpp::StanzaRouter router(config.component.domain, [&link_ptr](jg::xml::Element e) { link_ptr->send(e); });
  disco.attach(router);
  xmpp::IqTracker iq(io, router);  // our own requests (disco of peers, Jingle, XEP-0215)
  xmpp::PresenceOptions presence_options;
  presence_options.own_caps = {std::string(xmpp::kCapsNode), disco.user_caps_ver(), "sha-1"};
  auto presence = xmpp::PresenceGlue::create(io, config, router, iq, web.router(), std::move(presence_options));
  if (!presence) {
    jg::log::error("main", "presence not started", {{"reason", jg::component::describe(presence.error())}});
    return kExitConfig;
  }
  (*presence)->start();
  jg::component::bridge::Bridge bridge(io, bridge_settings(config), router, iq, web.router());
  bridge.attach();
  xmpp::Xep0114Link link(io, link_options(config),
                         {[&presence, &bridge] {
                            (*presence)->link_up();
                            bridge.link_up();
                          },
                          [&iq, &presence, &bridge] {
                            iq.fail_all(jg::Errc::xmpp_down);
                            (*presence)->link_down();
                            bridge.link_down();
                          },
                          [&router](const jg::xml::Element& e) { router.dispatch(e); },
                          [&router](const jg::xml::Element& e, const jg::Error& why) { router.refused(e, why); },
                          [&](const jg::Error&) {
                            exit_code = kExitConfig;
                            web.stop();
                            signals.cancel();
                          }});
  link_ptr = &link;

  std::function<void(const boost::system::error_code&, int)> on_signal = [&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    if (sig == SIGHUP) {
      reload(path, config, link);
      return signals.async_wait(on_signal);
    }
    jg::log::info("main", "shutting down", {{"signal", sig == SIGTERM ? "TERM" : "INT"}});
    web.stop();
    link.shutdown([&signals] { signals.cancel(); });
  };
  signals.async_wait(on_signal);

  jg::log::info("main", "starting", {{"version", JG_VERSION}, {"domain", config.component.domain},
                                      {"caps_node", xmpp::kCapsNode}, {"caps_ver", disco.user_caps_ver()},
                                      {"web_port", unsigned(web.port())}});
  web.start();
  link.start();
  io.run();
  jg::log::info("main", "exit", {{"code", exit_code}});
  return exit_code;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--version") {
    std::cout << "jinglegate " << JG_VERSION << "\n";
    return 0;
  }
  if (argc != 3) return usage();
  const std::string_view mode = argv[1];
  const std::string path = argv[2];
  if (mode != "--config" && mode != "--check-config") return usage();
  auto config = load(path);
  if (!config) return kExitConfig;
  if (mode == "--check-config") {
    std::cout << path << ": ok\n";
    return 0;
  }
  return run(path, std::move(*config));
}

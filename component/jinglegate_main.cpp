// jinglegate, the daemon: wiring only — configuration, log level, one io_context, signals,
// the XEP-0114 link, the stanza router, the disco responder, the WebSocket gateway, the bridge,
// presence, and for operators metrics, call events, XEP-0215 ICE servers, SIGHUP reload and
// graceful SIGTERM.
//
//   jinglegate --config FILE         run
//   jinglegate --check-config FILE   validate and exit 0, or print the bad key and exit 1
//   jinglegate --version
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include "component/bridge/bridge.hpp"
#include "component/call_log.hpp"
#include "component/config/config.hpp"
#include "component/errors.hpp"
#include "component/lifecycle.hpp"
#include "component/log.hpp"
#include "component/metrics.hpp"
#include "component/web/gateway.hpp"
#include "component/web/ice_servers.hpp"
#include "component/web/router.hpp"
#include "component/xmpp/disco.hpp"
#include "component/xmpp/extdisco_client.hpp"
#include "component/xmpp/iq_tracker.hpp"
#include "component/xmpp/presence_glue.hpp"
#include "component/xmpp/stanza_router.hpp"
#include "component/xmpp/xep0114_link.hpp"

namespace {
namespace jg = jinglegate;
namespace xmpp = jinglegate::component::xmpp;
namespace web = jinglegate::component::web;
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

// A web user's view of a contact's resources (presence and resolved caps), for the bridge's
// choice of how to call a bare JID.
std::vector<jg::component::bridge::ContactResource> contact_resources(const jg::presence::PresenceService& svc,
                                                                      const xmpp::Jid& user, const xmpp::Jid& contact) {
  std::vector<jg::component::bridge::ContactResource> out;
  for (const auto& [full, r] : svc.state().contacts(user.local)) {
    auto jid = xmpp::parse_jid(full);
    if (!jid || jid->bare() != contact.bare()) continue;
    jg::component::bridge::ContactResource cr{*jid, r.info.priority};
    if (r.caps)
      if (auto caps = svc.caps().find(*r.caps, full)) {
        cr.known = true;
        cr.calls = caps->audio || caps->video;
        cr.jmi = caps->jmi;
      }
    out.push_back(std::move(cr));
  }
  return out;
}

// The disco#info the caps cache holds for `peer` from the presence `user` receives from it.
std::optional<jg::presence::DiscoInfo> cached_disco(const jg::presence::PresenceService& svc, const xmpp::Jid& user,
                                                    const xmpp::Jid& peer) {
  const std::string full = peer.str();
  for (const auto& [jid, r] : svc.state().contacts(user.local))
    if (jid == full && r.caps)
      if (const auto* info = svc.caps().info(*r.caps, full)) return *info;
  return std::nullopt;
}

// --- ops: metrics of the link, XEP-0215, reload and graceful shutdown (issue 7) ---------------

// What the XEP-0114 link feeds /metrics.
struct LinkMetrics {
  explicit LinkMetrics(jg::component::Metrics& m)
      : up(m.gauge("jinglegate_xmpp_link_up", "1 while the XEP-0114 link to the XMPP server is authenticated.").get()),
        reconnects(m.counter("jinglegate_xmpp_reconnects_total", "Times the link came back up after it was lost.").get()),
        in(m.counter("jinglegate_xmpp_stanzas_total", "Stanzas over the XEP-0114 link, by direction.", {"direction"}).with({"in"})),
        out(m.counter("jinglegate_xmpp_stanzas_total", "Stanzas over the XEP-0114 link, by direction.", {"direction"}).with({"out"})),
        refused(m.counter("jinglegate_xmpp_stanzas_refused_total", "Incoming stanzas refused for their size.").get()) {}
  void link_up() {
    if (ever_up) reconnects.inc();
    ever_up = true;
    up.set(1);
  }
  jg::component::Gauge& up;
  jg::component::Counter& reconnects;
  jg::component::Counter& in;
  jg::component::Counter& out;
  jg::component::Counter& refused;
  bool ever_up = false;
};

constexpr auto kShutdownGrace = std::chrono::seconds(10);  // then whatever has not closed is cut

// XEP-0215 is asked of the XMPP server: by default the component domain's parent.
std::string xep0215_server(const Config& c) {
  if (!c.ice.xep0215_server.empty()) return c.ice.xep0215_server;
  const auto dot = c.component.domain.find('.');
  return dot == std::string::npos ? c.component.domain : c.component.domain.substr(dot + 1);
}

std::unique_ptr<xmpp::ExternalServicesClient> make_extdisco(boost::asio::io_context& io, xmpp::IqTracker& iq,
                                                            const Config& c, web::Gateway& gateway) {
  if (!c.ice.discover_xep0215) return nullptr;
  return std::make_unique<xmpp::ExternalServicesClient>(
      io, iq, c.component.domain, xep0215_server(c),
      [&gateway](const std::vector<xmpp::ExternalService>& services) {
        gateway.set_discovered_ice_servers(web::ice_servers_from(services));
      });
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out.empty() ? "-" : out;
}

// SIGHUP: every part takes what it can from the new file; the rest is named in the log.
void reload(const std::string& path, Config& current, const jg::component::Lifecycle& lifecycle) {
  auto next = jg::component::load_config(path);
  if (!next) return jg::log::error("main", "reload failed, keeping the running config", {{"reason", next.error().detail}});
  jg::log::set_level(*jg::log::parse_level(next->log_level));
  const auto report = lifecycle.reload(*next);
  const auto restart = jg::component::keys_needing_restart(current, *next);
  jg::log::info("main", "reloaded", {{"applied", "log.level " + join(report.applied)}, {"failed", join(report.failed)},
                                     {"restart_needed", join(restart)}});
  current = std::move(*next);
}

int run(const std::string& path, Config config) {
  jg::log::set_level(*jg::log::parse_level(config.log_level));
  boost::asio::io_context io(1);
  int exit_code = 0;
  jg::component::Metrics metrics;          // GET /metrics on the web listener
  jg::component::CallLog calls(metrics);   // one log line per call event, call metrics
  jg::component::Lifecycle lifecycle;      // what each part does on SIGHUP and SIGTERM
  LinkMetrics link_metrics(metrics);
  auto gateway = web::Gateway::create(io, config, &metrics);
  if (!gateway) {
    jg::log::error("main", "web gateway not started", {{"reason", jg::component::describe(gateway.error())}});
    return kExitConfig;
  }
  auto& web = **gateway;
  web.router().set_call_log(&calls);
  const auto& directory = web.directory();
  xmpp::DiscoResponder disco(config.component.name,
                             [&directory](std::string_view l, std::string_view r) { return directory.is_online(l, r); });
  boost::asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
  boost::asio::steady_timer grace(io);

  xmpp::Xep0114Link* link_ptr = nullptr;
  xmpp::StanzaRouter router(config.component.domain, [&](jg::xml::Element e) {
    if (link_ptr->is_up()) link_metrics.out.inc();
    link_ptr->send(e);
  });
  disco.attach(router);
  xmpp::IqTracker iq(io, router);  // our own requests (disco of peers, Jingle, XEP-0215)
  auto extdisco = make_extdisco(io, iq, config, web);
  xmpp::PresenceOptions presence_options;
  presence_options.own_caps = {std::string(xmpp::kCapsNode), disco.user_caps_ver(), "sha-1"};
  auto presence = xmpp::PresenceGlue::create(io, config, router, iq, web.router(), std::move(presence_options));
  if (!presence) {
    jg::log::error("main", "presence not started", {{"reason", jg::component::describe(presence.error())}});
    return kExitConfig;
  }
  (*presence)->start();
  jg::component::bridge::Bridge bridge(io, bridge_settings(config), router, iq, web.router());
  bridge.set_call_log(&calls);
  bridge.set_contact_lookup([&presence](const xmpp::Jid& user, const xmpp::Jid& contact) {
    return contact_resources((*presence)->service(), user, contact);
  });
  bridge.set_disco_cache([&presence](const xmpp::Jid& user, const xmpp::Jid& peer) {
    return cached_disco((*presence)->service(), user, peer);
  });
  bridge.attach();
  xmpp::Xep0114Link link(io, link_options(config),
                         {[&] {
                            link_metrics.link_up();
                            if (extdisco) extdisco->link_up();
                            (*presence)->link_up();
                            bridge.link_up();
                          },
                          [&] {
                            if (extdisco) extdisco->link_down();
                            iq.fail_all(jg::Errc::xmpp_down);
                            (*presence)->link_down();
                            bridge.link_down();
                            link_metrics.up.set(0);
                          },
                          [&](const jg::xml::Element& e) {
                            link_metrics.in.inc();
                            router.dispatch(e);
                          },
                          [&](const jg::xml::Element& e, const jg::Error& why) {
                            link_metrics.refused.inc();
                            router.refused(e, why);
                          },
                          [&](const jg::Error&) {
                            exit_code = kExitConfig;
                            if (extdisco) extdisco->stop();
                            lifecycle.shutdown();
                            signals.cancel();
                          }});
  link_ptr = &link;

  lifecycle.on_reload("web", [&web](const Config& c) { return web.reload(c); });
  lifecycle.on_reload("xmpp.secret", [&link](const Config& c) -> jg::Result<void> {
    link.set_secret(c.xmpp.secret);  // used at the next handshake
    return jg::Ok{};
  });
  lifecycle.on_shutdown(jg::component::ShutdownStage::end_calls, "bridge", [&bridge] { bridge.shutdown(); });
  // Unavailable presence for every connection while the gateway still lists them (its close is
  // asynchronous and would announce them only after </stream:stream>).
  lifecycle.on_shutdown(jg::component::ShutdownStage::end_calls, "presence", [&presence] { (*presence)->leave(); });
  lifecycle.on_shutdown(jg::component::ShutdownStage::close_clients, "web", [&web] { web.shutdown(); });

  // SIGTERM/SIGINT: every part ends what it runs (calls, sockets, presence), then the stream
  // closes; what has not finished after kShutdownGrace is cut. A second signal cuts at once.
  bool stopping = false;
  std::function<void(const boost::system::error_code&, int)> on_signal = [&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    if (sig == SIGHUP) {
      reload(path, config, lifecycle);
      return signals.async_wait(on_signal);
    }
    if (stopping) {
      jg::log::warn("main", "second signal: stopping now");
      return io.stop();
    }
    stopping = true;
    jg::log::info("main", "shutting down", {{"signal", sig == SIGTERM ? "TERM" : "INT"}, {"grace", kShutdownGrace.count()}});
    if (extdisco) extdisco->stop();
    lifecycle.shutdown();
    grace.expires_after(kShutdownGrace);
    grace.async_wait([&io](const boost::system::error_code& e) {
      if (e) return;
      jg::log::warn("main", "shutdown grace period over: cutting what is left");
      io.stop();
    });
    // Listen for a second signal before the link closes: a link that is not connected closes at
    // once, and a wait armed after its cancel() would keep io.run() going forever.
    signals.async_wait(on_signal);
    link.shutdown([&signals, &grace, &iq] {
      iq.fail_all(jg::Errc::xmpp_down);  // unanswered requests (a silent XEP-0215 server) hold timers
      signals.cancel();
      grace.cancel();
    });
  };
  signals.async_wait(on_signal);

  jg::log::info("main", "starting", {{"version", JG_VERSION}, {"domain", config.component.domain},
                                      {"caps_node", xmpp::kCapsNode}, {"caps_ver", disco.user_caps_ver()},
                                      {"web_port", unsigned(web.port())},
                                      {"xep0215", extdisco ? extdisco->server() : std::string("off")}});
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

// The WebSocket signaling gateway for browsers (issue 4, docs/protocol.md): a Boost.Beast server on
// the daemon's io_context. One port answers WebSocket upgrades on /ws (ws or wss), GET /health and
// the demo's static files, and GET /metrics (Prometheus) to loopback clients. The protocol and routing
// are pure (protocol.hpp, router.hpp); this moves bytes, arms timers, enforces the limits of
// WebSettings, renews browsers' ICE servers, reloads on SIGHUP and shuts down gracefully.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>

#include "component/config/config.hpp"
#include "component/metrics.hpp"
#include "component/web/directory.hpp"
#include "jingle/error.hpp"

namespace jinglegate::component::web {

class GatewayCore;
class Router;

class Gateway {
 public:
  // Checks the settings (plain ws off loopback, JWT keys, TLS files) and binds the listener:
  // errors are bad_config with the key, or the bind error. listen_port 0 picks a free port.
  // `metrics`: the daemon's registry (the gateway registers its families there); none: its own.
  static Result<std::unique_ptr<Gateway>> create(boost::asio::io_context& io, const Config& config,
                                                 Metrics* metrics = nullptr);
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  void start();                 // accept connections
  // Stops accepting; every call ends with `hangup` reason `gone` on both sides, every connection
  // gets a `shutdown` message and is closed with 1001 (going away) once it is written. The
  // sessions finish within 5 s (unanswered closes are cut).
  void shutdown();
  void stop() { shutdown(); }
  // SIGHUP: new JWT keys, limits, origins, static dir, ICE and metrics settings, and the TLS
  // certificate, for new connections (open ones keep their login). The listener's address, port
  // and tls on/off need a restart. On an error (a bad key or certificate) nothing changes.
  Result<void> reload(const Config& config);
  // The STUN/TURN servers the XMPP server announced (XEP-0215): every logged-in connection gets them
  // now (`ice-servers`), new ones in `welcome`.
  void set_discovered_ice_servers(std::vector<IceServer> servers);
  std::uint16_t port() const;   // the bound port

  WebDirectory& directory();    // for the XEP-0114 side
  void set_events(WebUserEvents events);
  void set_remote(RemoteCalls* remote);
  Router& router();

 private:
  explicit Gateway(std::shared_ptr<GatewayCore> core);
  std::shared_ptr<GatewayCore> core_;
};

}  // namespace jinglegate::component::web

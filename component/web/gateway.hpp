// The WebSocket signaling gateway for browsers (issue 4, docs/protocol.md): a Boost.Beast server on
// the daemon's io_context. One port answers WebSocket upgrades on /ws (ws or wss), GET /health and
// the demo's static files. The protocol and routing are pure (protocol.hpp, router.hpp); this only
// moves bytes, arms timers and enforces the limits of WebSettings.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>

#include "component/config/config.hpp"
#include "component/web/directory.hpp"
#include "jingle/error.hpp"

namespace jinglegate::component::web {

class GatewayCore;
class Router;

class Gateway {
 public:
  // Checks the settings (plain ws off loopback, JWT keys, TLS files) and binds the listener:
  // errors are bad_config with the key, or the bind error. listen_port 0 picks a free port.
  static Result<std::unique_ptr<Gateway>> create(boost::asio::io_context& io, const Config& config);
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  void start();                 // accept connections
  void stop();                  // stop accepting, close every connection with 1001 (going away)
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

// Internal to the web gateway: the state its sessions share (settings, verifier, router, the
// connection table, metrics, ICE servers) and the face a session shows to it. Held by shared_ptr
// from every session so that a handler run during shutdown never sees it destroyed.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "component/config/config.hpp"
#include "component/credential_refresh.hpp"
#include "component/metrics.hpp"
#include "component/web/jwt.hpp"
#include "component/web/protocol.hpp"
#include "component/web/router.hpp"

namespace jinglegate::component::web {

// RFC 6455 §7.4 close codes we send; 4401 is ours (an HTTP 401 in the private 4000–4999 range).
enum class CloseCode : std::uint16_t {
  going_away = 1001,
  policy = 1008,         // rate limit repeated, too many connections, binary frames
  too_big = 1009,        // over max_message_bytes (Beast sends it)
  internal = 1011,
  try_later = 1013,      // slow consumer
  auth = 4401,           // no, bad or expired token
};

class WsSessionBase {
 public:
  virtual ~WsSessionBase() = default;
  virtual void send(std::shared_ptr<const std::string> text) = 0;
  // flush: what is queued goes out before the close frame (hangups and `shutdown` at shutdown).
  virtual void close(CloseCode code, std::string_view reason, bool flush = false) = 0;
};

// What the gateway counts for /metrics, in the daemon's registry (or the gateway's own, in tests).
struct WebMetrics {
  explicit WebMetrics(Metrics& m);
  Counter& connections_total;          // WebSocket upgrades accepted
  Family<Counter>& auth_failures;      // {code}: bad-token, token-expired, auth-required, …
  Counter& messages_in;
  Counter& messages_out;
  Family<Counter>& closes;             // {code}: the close codes the gateway sent (1001, 1008, 1009, 1013, 4401)
  Counter& ice_updates;                // `ice-servers` messages sent
};

class GatewayCore final : public Outbox, public std::enable_shared_from_this<GatewayCore> {
 public:
  GatewayCore(boost::asio::io_context& io, const Config& config, JwtVerifier verifier, Metrics* metrics);

  boost::asio::io_context& io;
  // Replaced on SIGHUP (apply()): new connections use the new values; open ones keep their login,
  // rate bucket and WebSocket timeouts, and see the write-queue limits at once.
  WebSettings web;
  IceServerSettings ice;
  MetricsSettings metrics_settings;
  JwtVerifier verifier;
  std::int64_t jwt_leeway_s;
  ProtocolLimits limits;
  Router router;
  std::shared_ptr<boost::asio::ssl::context> tls;  // new connections take the current one
  boost::asio::ip::tcp::acceptor acceptor;
  bool stopping = false;

  Metrics own_metrics;  // used when the daemon passes none (unit tests)
  Metrics& metrics;
  WebMetrics counters;

  // SIGHUP: settings, keys and limits of `c`; the listener (address, port, tls on/off) stays.
  void apply(const Config& c, JwtVerifier v, std::shared_ptr<boost::asio::ssl::context> new_tls);
  // Graceful end: every call ends (hangup `gone` on both sides), every connection gets
  // `shutdown` and is closed with 1001 once that is written.
  void shutdown();

  ConnId add(std::weak_ptr<WsSessionBase> s);
  void remove(ConnId id);  // detaches from the router too
  std::size_t connections() const { return sessions_.size(); }
  void close_all(bool flush);
  void start_ticks();
  void stop_ticks() { tick_.cancel(); }

  // ICE servers: the configured ones (TURN REST credentials per user) and those the XMPP server
  // announced (XEP-0215). Each connection gets fresh ones (`ice-servers`) before its expire.
  std::vector<IceServer> ice_servers_for(const Address& user) const;
  std::string welcome_for(ConnId conn, const Address& user);  // and schedules the first renewal
  void set_discovered(std::vector<IceServer> servers);        // sent to every logged-in connection

  void send(ConnId to, std::string text) override;

 private:
  void send_ice_servers(ConnId conn);
  void schedule_ice_refresh(ConnId conn, const Address& user);

  std::unordered_map<ConnId, std::weak_ptr<WsSessionBase>> sessions_;
  ConnId next_ = 1;
  boost::asio::steady_timer tick_;
  std::vector<IceServer> discovered_;
  RefreshQueue ice_refresh_;
};

std::string random_resource();  // 16 hex characters from the OpenSSL CSPRNG

// Starts an HTTP session over TLS on an accepted socket. In its own file (gateway_tls.cpp) so the
// TLS and plain instantiations of the session templates compile in parallel.
void start_tls_session(boost::asio::ip::tcp::socket sock, std::shared_ptr<GatewayCore> core, std::string peer);

}  // namespace jinglegate::component::web

// Internal to the web gateway: the state its sessions share (settings, verifier, router, the
// connection table) and the face a session shows to it. Held by shared_ptr from every session so
// that a handler run during shutdown never sees it destroyed.
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
  virtual void close(CloseCode code, std::string_view reason) = 0;
};

class GatewayCore final : public Outbox, public std::enable_shared_from_this<GatewayCore> {
 public:
  GatewayCore(boost::asio::io_context& io, const Config& config, JwtVerifier verifier);

  boost::asio::io_context& io;
  const WebSettings web;
  const IceServerSettings ice;
  const JwtVerifier verifier;
  const std::int64_t jwt_leeway_s;
  ProtocolLimits limits;
  Router router;
  std::optional<boost::asio::ssl::context> tls;
  boost::asio::ip::tcp::acceptor acceptor;
  bool stopping = false;

  ConnId add(std::weak_ptr<WsSessionBase> s);
  void remove(ConnId id);  // detaches from the router too
  std::size_t connections() const { return sessions_.size(); }
  void close_all();
  void start_ticks();
  void stop_ticks() { tick_.cancel(); }
  std::string welcome_for(const Address& user) const;

  void send(ConnId to, std::string text) override;

 private:
  std::unordered_map<ConnId, std::weak_ptr<WsSessionBase>> sessions_;
  ConnId next_ = 1;
  boost::asio::steady_timer tick_;
};

std::string random_resource();

// Starts an HTTP session over TLS on an accepted socket. In its own file (gateway_tls.cpp) so the
// TLS and plain instantiations of the session templates compile in parallel.
void start_tls_session(boost::asio::ip::tcp::socket sock, std::shared_ptr<GatewayCore> core, std::string peer);  // 16 hex characters from the OpenSSL CSPRNG

}  // namespace jinglegate::component::web

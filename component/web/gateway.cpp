// The WebSocket signaling gateway for browsers: listener, shared state, HTTP answers, metrics,
// ICE server renewal, reload and graceful shutdown.
#include "component/web/gateway.hpp"

#include <openssl/rand.h>
#include <openssl/ssl.h>

#include <boost/asio/ip/address.hpp>
#include <chrono>

#include "component/web/http_session.hpp"
#include "component/web/ice_servers.hpp"

namespace jinglegate::component::web {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::string_view name_of(TokenSource s) {
  switch (s) {
    case TokenSource::none: return "message";
    case TokenSource::subprotocol: return "subprotocol";
    case TokenSource::authorization: return "authorization";
    case TokenSource::query: return "query";
  }
  return "message";
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string random_resource() {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

namespace {
RouterSettings router_settings(const Config& c) {
  RouterSettings r;
  r.domain = c.component.domain;
  r.max_connections_per_user = c.web.max_connections_per_user;
  r.max_calls_per_user = c.web.max_calls_per_user;
  r.max_queued_candidates = 2 * c.calls.max_candidates_per_content;
  r.ring_timeout = std::chrono::duration_cast<Clock::duration>(c.calls.ring_timeout);
  return r;
}

Result<void> check_settings(const Config& c) {
  if (c.component.domain.empty()) return fail(Errc::bad_config, "component.domain: required");
  boost::system::error_code ec;
  const auto addr = asio::ip::make_address(c.web.listen_address, ec);
  if (ec) return fail(Errc::bad_config, "web.listen_address: not an IP address");
  if (!c.web.tls && !addr.is_loopback() && !c.web.allow_plain_remote)
    return fail(Errc::bad_config, "web.tls: plain ws on a non-loopback address needs web.allow_plain_remote");
  if (c.web.max_message_bytes < 1024 || c.web.max_message_bytes > 1024 * 1024)
    return fail(Errc::bad_config, "web.max_message_bytes: must be 1 KiB .. 1 MiB");
  if (c.web.rate_per_second <= 0 || c.web.rate_burst < 1)
    return fail(Errc::bad_config, "web.rate_per_second/rate_burst: must be positive");
  if (c.web.max_write_queue < 1 || c.web.max_write_queue_bytes < c.web.max_message_bytes)
    return fail(Errc::bad_config, "web.max_write_queue_bytes: must hold at least one message");
  return Ok{};
}

Result<std::shared_ptr<asio::ssl::context>> load_tls(const WebSettings& w) {
  auto ctx_ptr = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  auto& ctx = *ctx_ptr;
  boost::system::error_code ec;
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  ctx.use_certificate_chain_file(w.tls_cert_file, ec);
  if (ec) return fail(Errc::bad_config, "web.tls_cert_file: " + ec.message());
  ctx.use_private_key_file(w.tls_key_file, asio::ssl::context::pem, ec);
  if (ec) return fail(Errc::bad_config, "web.tls_key_file: " + ec.message());
  // Idle connections hold no OpenSSL read/write buffers (memory per idle wss connection).
  SSL_CTX_set_mode(ctx.native_handle(), SSL_MODE_RELEASE_BUFFERS);
  return ctx_ptr;
}

void do_accept(std::shared_ptr<GatewayCore> core) {
  core->acceptor.async_accept([core](boost::system::error_code ec, tcp::socket sock) {
    if (ec == asio::error::operation_aborted || core->stopping) return;
    if (!ec) {
      boost::system::error_code pe;
      const auto ep = sock.remote_endpoint(pe);
      std::string peer = pe ? "?" : ep.address().to_string() + ":" + std::to_string(ep.port());
      sock.set_option(tcp::no_delay(true), pe);
      if (core->tls) {
        start_tls_session(std::move(sock), core, std::move(peer));
      } else {
        std::make_shared<HttpSession<beast::tcp_stream>>(beast::tcp_stream(std::move(sock)), core, std::move(peer))
            ->run();
      }
    } else {
      log::warn("web", "accept-failed", {{"error", ec.message()}});  // e.g. EMFILE: keep serving
    }
    do_accept(core);
  });
}
}  // namespace

WebMetrics::WebMetrics(Metrics& m)
    : connections_total(m.counter("jinglegate_web_connections_total", "WebSocket connections accepted.").get()),
      auth_failures(m.counter("jinglegate_web_auth_failures_total", "Logins refused, by error code.", {"code"})),
      messages_in(m.counter("jinglegate_web_messages_total", "WebSocket messages, by direction.", {"direction"}).with({"in"})),
      messages_out(m.counter("jinglegate_web_messages_total", "WebSocket messages, by direction.", {"direction"}).with({"out"})),
      closes(m.counter("jinglegate_web_closes_total", "WebSocket closes the gateway initiated, by close code.", {"code"})),
      ice_updates(m.counter("jinglegate_web_ice_updates_total", "ice-servers messages sent (renewed credentials).").get()) {}

GatewayCore::GatewayCore(asio::io_context& io_, const Config& c, JwtVerifier v, Metrics* m)
    : io(io_), web(c.web), ice(c.ice), metrics_settings(c.metrics), verifier(std::move(v)),
      jwt_leeway_s(static_cast<std::int64_t>(c.jwt.leeway.count())), router(router_settings(c), *this),
      acceptor(io_), metrics(m ? *m : own_metrics), counters(metrics), tick_(io_) {
  limits.max_message_bytes = c.web.max_message_bytes;
  limits.max_token_bytes = c.jwt.max_token_bytes;
}

void GatewayCore::apply(const Config& c, JwtVerifier v, std::shared_ptr<asio::ssl::context> new_tls) {
  WebSettings w = c.web;
  w.listen_address = web.listen_address;  // the bound listener stays as it is
  w.listen_port = web.listen_port;
  w.tls = web.tls;
  web = std::move(w);
  ice = c.ice;
  metrics_settings = c.metrics;
  verifier = std::move(v);
  jwt_leeway_s = static_cast<std::int64_t>(c.jwt.leeway.count());
  limits.max_message_bytes = c.web.max_message_bytes;
  limits.max_token_bytes = c.jwt.max_token_bytes;
  router.set_limits(router_settings(c));
  if (new_tls) tls = std::move(new_tls);
}

void GatewayCore::shutdown() {
  if (stopping) return;
  boost::system::error_code ignored;
  acceptor.close(ignored);
  router.end_all(HangupReason::gone);
  const std::string bye = write_shutdown("the gateway is shutting down");
  std::vector<ConnId> ids;  // send() may close a slow consumer, which leaves sessions_
  for (const auto& [id, w] : sessions_) ids.push_back(id);
  for (const ConnId id : ids) send(id, bye);
  close_all(/*flush=*/true);
  stop_ticks();
  stopping = true;
}

ConnId GatewayCore::add(std::weak_ptr<WsSessionBase> s) {
  const ConnId id = next_++;
  sessions_.emplace(id, std::move(s));
  return id;
}

void GatewayCore::remove(ConnId id) {
  ice_refresh_.cancel(id);
  if (sessions_.erase(id)) router.detach(id);
}

void GatewayCore::send(ConnId to, std::string text) {
  if (stopping) return;
  auto it = sessions_.find(to);
  if (it == sessions_.end()) return;
  if (auto s = it->second.lock()) s->send(std::make_shared<const std::string>(std::move(text)));
}

void GatewayCore::close_all(bool flush) {
  std::vector<std::shared_ptr<WsSessionBase>> live;
  for (auto& [id, w] : sessions_)
    if (auto s = w.lock()) live.push_back(std::move(s));
  for (auto& s : live) s->close(CloseCode::going_away, "shutting down", flush);
}

void GatewayCore::start_ticks() {
  router.tick(Clock::now());
  for (const auto conn : ice_refresh_.take_due(unix_now())) send_ice_servers(conn);
  tick_.expires_after(std::chrono::seconds(1));
  tick_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec && !self->stopping) self->start_ticks();
  });
}

std::vector<IceServer> GatewayCore::ice_servers_for(const Address& user) const {
  auto servers = web::ice_servers_for(ice, user.local, unix_now());
  servers.insert(servers.end(), discovered_.begin(), discovered_.end());
  return servers;
}

// The next `ice-servers` for this connection comes when 80 % of the shortest remaining lifetime
// has passed; nothing is scheduled when nothing expires.
// Only the credentials we compute expire per connection: XEP-0215 ones are renewed by their
// discovery, which pushes them to every connection (set_discovered).
void GatewayCore::schedule_ice_refresh(ConnId conn, const Address& user) {
  static const RefreshPolicy kPolicy{};
  const auto expires = earliest_expiry(web::ice_servers_for(ice, user.local, unix_now()));
  if (!expires) return ice_refresh_.cancel(conn);
  const auto now = unix_now();
  ice_refresh_.schedule(conn, now + refresh_delay(now, expires, kPolicy).count());
}

void GatewayCore::send_ice_servers(ConnId conn) {
  const Address* user = router.user_of(conn);
  if (!user) return;
  send(conn, write_ice_servers(ice_servers_for(*user)));
  counters.ice_updates.inc();
  schedule_ice_refresh(conn, *user);
}

void GatewayCore::set_discovered(std::vector<IceServer> servers) {
  discovered_ = std::move(servers);
  for (const ConnId conn : router.logged_in()) send_ice_servers(conn);
}

std::string GatewayCore::welcome_for(ConnId conn, const Address& user) {
  Welcome w;
  w.jid = user.full();
  w.ice_servers = ice_servers_for(user);
  schedule_ice_refresh(conn, user);
  w.max_message_bytes = web.max_message_bytes;
  w.rate_per_second = web.rate_per_second;
  w.rate_burst = web.rate_burst;
  w.max_calls = web.max_calls_per_user;
  w.idle_timeout_s = web.idle_timeout.count();
  return write_welcome(w);
}

http::response<http::string_body> http_answer(const http::request<http::string_body>& req, const GatewayCore& core,
                                              bool loopback_peer) {
  http::response<http::string_body> res{http::status::ok, req.version()};
  res.set(http::field::server, "jinglegate");
  res.set("X-Content-Type-Options", "nosniff");
  res.set(http::field::cache_control, "no-cache");
  res.keep_alive(req.keep_alive());
  const std::string_view target = req.target();
  const std::string_view path = target.substr(0, target.find('?'));
  std::optional<std::string> file;
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    res.result(http::status::method_not_allowed);
    res.set(http::field::allow, "GET, HEAD");
  } else if (path == "/health") {
    res.set(http::field::content_type, "application/json");
    res.body() = R"({"status":"ok","version":")" JG_VERSION R"(","connections":)" +
                 std::to_string(core.connections()) + R"(,"calls":)" + std::to_string(core.router.call_count()) + "}";
  } else if (path == "/metrics" && core.metrics_settings.enabled) {
    // Prometheus scrapes from the host or a sidecar; the figures are not for the public (G15).
    if (!loopback_peer && !core.metrics_settings.allow_remote) {
      res.result(http::status::forbidden);
      res.set(http::field::content_type, "text/plain; charset=utf-8");
      res.body() = "metrics are for loopback clients (metrics.allow_remote)\n";
    } else {
      res.set(http::field::content_type, kMetricsContentType);
      res.body() = core.metrics.expose();
    }
  } else if (auto p = static_path(core.web.static_dir, target);
             p && (file = read_static_file(core.web.static_dir, *p, kMaxStaticFileBytes))) {
    res.set(http::field::content_type, content_type(*p));
    res.body() = std::move(*file);
  } else {
    res.result(http::status::not_found);
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.body() = "not found\n";
  }
  res.prepare_payload();
  if (req.method() == http::verb::head) res.body().clear();
  return res;
}

Result<std::unique_ptr<Gateway>> Gateway::create(asio::io_context& io, const Config& config, Metrics* metrics) {
  JG_CHECK(check_settings(config));
  JG_TRY(auto verifier, JwtVerifier::create(config.jwt));
  auto core = std::make_shared<GatewayCore>(io, config, std::move(verifier), metrics);
  if (config.web.tls) {
    JG_TRY(core->tls, load_tls(config.web));
  }
  // Read at scrape time; weak: a scrape never keeps the gateway's state alive on its own.
  std::weak_ptr<GatewayCore> weak = core;
  core->metrics.gauge_fn("jinglegate_web_connections", "Open WebSocket connections (logged in or not).", [weak] {
    auto c = weak.lock();
    return c ? static_cast<double>(c->connections()) : 0.0;
  });
  core->metrics.gauge_fn("jinglegate_web_users", "WebSocket connections logged in as a web user.", [weak] {
    auto c = weak.lock();
    return c ? static_cast<double>(c->router.connection_count()) : 0.0;
  });
  boost::system::error_code ec;
  const tcp::endpoint ep(asio::ip::make_address(config.web.listen_address), config.web.listen_port);
  core->acceptor.open(ep.protocol(), ec);
  if (!ec) core->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) core->acceptor.bind(ep, ec);
  if (!ec) core->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail(Errc::bad_config, "web.listen_port: " + ec.message());
  return std::unique_ptr<Gateway>(new Gateway(std::move(core)));
}

Gateway::Gateway(std::shared_ptr<GatewayCore> core) : core_(std::move(core)) {}
Gateway::~Gateway() { shutdown(); }

void Gateway::start() {
  core_->start_ticks();
  do_accept(core_);
  log::info("web", "listening", {{"address", core_->web.listen_address}, {"port", unsigned{port()}},
                                 {"tls", core_->web.tls}});
}

void Gateway::shutdown() {
  if (core_->stopping) return;
  log::info("web", "shutting-down", {{"connections", core_->connections()}, {"calls", core_->router.call_count()}});
  core_->shutdown();
}

Result<void> Gateway::reload(const Config& config) {
  JG_CHECK(check_settings(config));
  JG_TRY(auto verifier, JwtVerifier::create(config.jwt));
  std::shared_ptr<asio::ssl::context> tls;
  if (core_->web.tls && config.web.tls) {
    JG_TRY(tls, load_tls(config.web));
  }
  core_->apply(config, std::move(verifier), std::move(tls));
  return Ok{};
}

void Gateway::set_discovered_ice_servers(std::vector<IceServer> servers) { core_->set_discovered(std::move(servers)); }

std::uint16_t Gateway::port() const {
  boost::system::error_code ec;
  return core_->acceptor.local_endpoint(ec).port();
}

WebDirectory& Gateway::directory() { return core_->router; }
void Gateway::set_events(WebUserEvents events) { core_->router.set_events(std::move(events)); }
void Gateway::set_remote(RemoteCalls* remote) { core_->router.set_remote(remote); }
Router& Gateway::router() { return core_->router; }

}  // namespace jinglegate::component::web

// The WebSocket signaling gateway for browsers: listener, shared state and HTTP answers.
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

Result<void> load_tls(asio::ssl::context& ctx, const WebSettings& w) {
  boost::system::error_code ec;
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  ctx.use_certificate_chain_file(w.tls_cert_file, ec);
  if (ec) return fail(Errc::bad_config, "web.tls_cert_file: " + ec.message());
  ctx.use_private_key_file(w.tls_key_file, asio::ssl::context::pem, ec);
  if (ec) return fail(Errc::bad_config, "web.tls_key_file: " + ec.message());
  // Idle connections hold no OpenSSL read/write buffers (memory per idle wss connection).
  SSL_CTX_set_mode(ctx.native_handle(), SSL_MODE_RELEASE_BUFFERS);
  return Ok{};
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

GatewayCore::GatewayCore(asio::io_context& io_, const Config& c, JwtVerifier v)
    : io(io_), web(c.web), ice(c.ice), verifier(std::move(v)),
      jwt_leeway_s(static_cast<std::int64_t>(c.jwt.leeway.count())), router(router_settings(c), *this),
      acceptor(io_), tick_(io_) {
  limits.max_message_bytes = c.web.max_message_bytes;
  limits.max_token_bytes = c.jwt.max_token_bytes;
}

ConnId GatewayCore::add(std::weak_ptr<WsSessionBase> s) {
  const ConnId id = next_++;
  sessions_.emplace(id, std::move(s));
  return id;
}

void GatewayCore::remove(ConnId id) {
  if (sessions_.erase(id)) router.detach(id);
}

void GatewayCore::send(ConnId to, std::string text) {
  if (stopping) return;
  auto it = sessions_.find(to);
  if (it == sessions_.end()) return;
  if (auto s = it->second.lock()) s->send(std::make_shared<const std::string>(std::move(text)));
}

void GatewayCore::close_all() {
  std::vector<std::shared_ptr<WsSessionBase>> live;
  for (auto& [id, w] : sessions_)
    if (auto s = w.lock()) live.push_back(std::move(s));
  for (auto& s : live) s->close(CloseCode::going_away, "shutting down");
}

void GatewayCore::start_ticks() {
  router.tick(Clock::now());
  tick_.expires_after(std::chrono::seconds(1));
  tick_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
    if (!ec && !self->stopping) self->start_ticks();
  });
}

std::string GatewayCore::welcome_for(const Address& user) const {
  Welcome w;
  w.jid = user.full();
  w.ice_servers = ice_servers_for(ice, user.local, unix_now());
  w.max_message_bytes = web.max_message_bytes;
  w.rate_per_second = web.rate_per_second;
  w.rate_burst = web.rate_burst;
  w.max_calls = web.max_calls_per_user;
  w.idle_timeout_s = web.idle_timeout.count();
  return write_welcome(w);
}

http::response<http::string_body> http_answer(const http::request<http::string_body>& req, const GatewayCore& core) {
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

Result<std::unique_ptr<Gateway>> Gateway::create(asio::io_context& io, const Config& config) {
  JG_CHECK(check_settings(config));
  JG_TRY(auto verifier, JwtVerifier::create(config.jwt));
  auto core = std::make_shared<GatewayCore>(io, config, std::move(verifier));
  if (config.web.tls) {
    core->tls.emplace(asio::ssl::context::tls_server);
    JG_CHECK(load_tls(*core->tls, config.web));
  }
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
Gateway::~Gateway() { stop(); }

void Gateway::start() {
  core_->start_ticks();
  do_accept(core_);
  log::info("web", "listening", {{"address", core_->web.listen_address}, {"port", unsigned{port()}},
                                 {"tls", core_->web.tls}});
}

void Gateway::stop() {
  if (core_->stopping) return;
  boost::system::error_code ignored;
  core_->acceptor.close(ignored);
  core_->close_all();
  core_->stop_ticks();
  core_->stopping = true;
}

std::uint16_t Gateway::port() const {
  boost::system::error_code ec;
  return core_->acceptor.local_endpoint(ec).port();
}

WebDirectory& Gateway::directory() { return core_->router; }
void Gateway::set_events(WebUserEvents events) { core_->router.set_events(std::move(events)); }
void Gateway::set_remote(RemoteCalls* remote) { core_->router.set_remote(remote); }
Router& Gateway::router() { return core_->router; }

}  // namespace jinglegate::component::web

// Internal to the web gateway: one HTTP/1.1 connection (plain or TLS) until it upgrades to a
// WebSocket on /ws or closes. Answers GET /health, /metrics and the demo's static files; checks the
// Origin allow-list (403) and the connection cap (503) before any upgrade (OWASP CSWSH).
#pragma once

#include <boost/beast/http.hpp>
#include <optional>

#include "component/web/static_files.hpp"
#include "component/web/ws_session.hpp"

namespace jinglegate::component::web {

namespace http = boost::beast::http;

inline constexpr std::size_t kMaxStaticFileBytes = 4 * 1024 * 1024;  // the demo is a few KB
inline constexpr std::string_view kWebSocketPath = "/ws";

// The response to a plain GET/HEAD (health, metrics, static files, errors); pure but for reading
// the file. `loopback_peer`: the client connected from a loopback address (/metrics is for those).
http::response<http::string_body> http_answer(const http::request<http::string_body>& req, const GatewayCore& core,
                                              bool loopback_peer);

template <class Stream>
class HttpSession final : public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  HttpSession(Stream&& stream, std::shared_ptr<GatewayCore> core, std::string peer)
      : stream_(std::move(stream)), core_(std::move(core)), peer_(std::move(peer)) {}

  void run() {
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(core_->web.handshake_timeout));
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      do_read();
    } else {
      stream_.async_handshake(boost::asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](error_code ec) {
                                if (!ec) self->do_read();
                              });
    }
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->header_limit(8 * 1024);  // Beast's default, stated: a browser upgrade is < 2 KB
    parser_->body_limit(4 * 1024);    // GET only
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(core_->web.handshake_timeout));
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(error_code ec) {
    if (ec) return shutdown();
    auto req = parser_->release();
    if (websocket::is_upgrade(req) && req.target().substr(0, req.target().find('?')) == kWebSocketPath)
      return upgrade(std::move(req));
    error_code pe;
    const auto remote = beast::get_lowest_layer(stream_).socket().remote_endpoint(pe);
    respond(http_answer(req, *core_, !pe && remote.address().is_loopback()));
  }

  void upgrade(http::request<http::string_body> req) {
    const bool tls = !std::is_same_v<Stream, beast::tcp_stream>;
    if (!origin_allowed(req[http::field::origin], req[http::field::host], tls, core_->web.allowed_origins)) {
      log::warn("web", "origin-refused", {{"peer", peer_}, {"origin", std::string_view(req[http::field::origin])}});
      return respond(status(req, http::status::forbidden, "origin not allowed\n"));
    }
    if (core_->connections() >= core_->web.max_connections || core_->stopping) {
      log::warn("web", "connection-refused", {{"peer", peer_}, {"reason", "max-connections"}});
      return respond(status(req, http::status::service_unavailable, "too many connections\n"));
    }
    auto auth = read_upgrade_auth(req[http::field::sec_websocket_protocol], req[http::field::authorization],
                                  req.target(), core_->web.allow_query_token);
    beast::get_lowest_layer(stream_).expires_never();  // the WebSocket's own timeouts take over
    std::make_shared<WsSession<Stream>>(std::move(stream_), core_, peer_)->run(req, std::move(auth));
  }

  static http::response<http::string_body> status(const http::request<http::string_body>& req, http::status s,
                                                  std::string body) {
    http::response<http::string_body> res{s, req.version()};
    res.set(http::field::server, "jinglegate");
    res.set(http::field::content_type, "text/plain; charset=utf-8");
    res.keep_alive(false);
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
  }

  void respond(http::response<http::string_body> res) {
    res_ = std::make_shared<http::response<http::string_body>>(std::move(res));
    http::async_write(stream_, *res_, [self = this->shared_from_this()](error_code ec, std::size_t) {
      if (ec || !self->res_->keep_alive()) return self->shutdown();
      self->res_.reset();
      self->do_read();
    });
  }

  void shutdown() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      error_code ignored;
      stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
    } else {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
      stream_.async_shutdown([self = this->shared_from_this()](error_code) {});
    }
  }

  Stream stream_;
  std::shared_ptr<GatewayCore> core_;
  std::string peer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> res_;
};

}  // namespace jinglegate::component::web

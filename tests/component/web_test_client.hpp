// Test helper for the web gateway's socket tests: a gateway on its own io_context thread, a
// blocking Beast WebSocket client, an HTTP GET, and HS256 tokens for one test secret.
// g++ 12 reports -Wmaybe-uninitialized inside Beast's response parser (boost::optional), not our code.
#pragma once
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <catch2/catch.hpp>

#include <sys/socket.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "component/web/gateway.hpp"
#include "web_test_tokens.hpp"

namespace jg_test {
using namespace jinglegate;
using namespace jinglegate::component;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using nlohmann::json;

inline const std::string kSecret = "gateway test secret, 32 bytes or more";

inline Config test_config() {
  Config c;
  c.component.domain = "call.a.test";
  c.web.listen_port = 0;
  c.web.tls = false;
  c.web.static_dir = JG_SOURCE_DIR "/component/web/client";
  c.web.auth_timeout = Seconds(0.3);
  c.web.rate_per_second = 1000;
  c.web.rate_burst = 1000;
  c.jwt.keys.push_back(JwtKey{"", "HS256", kSecret, ""});
  c.ice.turn_secret = "turn secret";
  c.ice.turn_uris = {"turn:127.0.0.1:3478?transport=udp"};
  return c;
}

inline std::string token_for(const std::string& sub, std::int64_t exp_in = 600) {
  return jg_test::hs256_token(json{{"sub", sub}, {"exp", jg_test::unix_seconds() + exp_in}}, kSecret);
}

class Server {
 public:
  explicit Server(Config c = test_config(), Metrics* metrics = nullptr) {
    auto g = web::Gateway::create(io_, c, metrics);
    REQUIRE(g);
    gateway_ = std::move(*g);
    gateway_->start();
    port = gateway_->port();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Server() {
    asio::post(io_, [this] { gateway_->stop(); });
    thread_.join();
  }
  // Runs f(gateway) on the gateway's thread and waits for it.
  template <class F>
  auto on_io(F f) {
    std::packaged_task<decltype(f(std::declval<web::Gateway&>()))()> task([&] { return f(*gateway_); });
    auto done = task.get_future();
    asio::post(io_, [&task] { task(); });
    return done.get();
  }
  std::uint16_t port = 0;

 private:
  asio::io_context io_{1};
  std::unique_ptr<web::Gateway> gateway_;
  std::thread thread_;
};

// A blocking WebSocket client whose reads give up after two seconds.
class Client {
 public:
  explicit Client(std::uint16_t port, int rcvbuf = 0) : port_(port) {
    ws_.next_layer().open(tcp::v4());
    // A small receive buffer, set before connecting, turns off autotuning: a slow reader for real.
    if (rcvbuf) setsockopt(ws_.next_layer().native_handle(), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    ws_.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    timeval tv{2, 0};
    setsockopt(ws_.next_layer().native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  // Returns the upgrade response; ec is set when the gateway declined.
  websocket::response_type open(const std::string& target = "/ws", const std::string& origin = "",
                                const std::string& protocols = "", const std::string& bearer = "") {
    ws_.set_option(websocket::stream_base::decorator([=](websocket::request_type& req) {
      if (!origin.empty()) req.set(http::field::origin, origin);
      if (!protocols.empty()) req.set(http::field::sec_websocket_protocol, protocols);
      if (!bearer.empty()) req.set(http::field::authorization, "Bearer " + bearer);
    }));
    websocket::response_type res;
    ws_.handshake(res, "127.0.0.1:" + std::to_string(port_), target, ec);
    return res;
  }
  void send(const std::string& text) { ws_.write(asio::buffer(text)); }
  // The next message, or null when the connection closed (close_code() then tells why).
  json read() {
    beast::flat_buffer buf;
    ws_.read(buf, ec);
    if (ec) return nullptr;
    return json::parse(beast::buffers_to_string(buf.data()));
  }
  json login(const std::string& sub) {
    open("/ws", "", "jinglegate.v1, jwt." + token_for(sub));
    REQUIRE_FALSE(ec);
    json w = read();
    REQUIRE(w["type"] == "welcome");
    return w;
  }
  std::uint16_t close_code() const { return ws_.reason().code; }
  std::string close_reason() const { return std::string(ws_.reason().reason.data(), ws_.reason().reason.size()); }
  websocket::stream<tcp::socket>& ws() { return ws_; }
  boost::system::error_code ec;

 private:
  asio::io_context io_;
  websocket::stream<tcp::socket> ws_{io_};
  std::uint16_t port_;
};

inline http::response<http::string_body> http_get(std::uint16_t port, const std::string& target,
                                           http::verb verb = http::verb::get) {
  asio::io_context io;
  beast::tcp_stream s(io);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  http::request<http::empty_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(s, req);
  beast::flat_buffer buf;
  http::response<http::string_body> res;
  http::read(s, buf, res);
  return res;
}

}  // namespace jg_test

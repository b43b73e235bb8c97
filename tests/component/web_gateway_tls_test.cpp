// The gateway over wss: a self-signed certificate made by the openssl CLI, a Beast TLS client.
// g++ 12 reports -Wmaybe-uninitialized inside Beast's response parser (boost::optional), not our code.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>

#include "component/web/gateway.hpp"
#include "web_test_tokens.hpp"

using namespace jinglegate;
using namespace jinglegate::component;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

TEST_CASE("gateway: wss with the configured certificate logs in; a bad certificate path refuses to start") {
  char dir_template[] = "/tmp/jg-tls-XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  const std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
                          "-subj /CN=127.0.0.1 -keyout " + dir + "/key.pem -out " + dir + "/cert.pem 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const std::string secret = "tls test secret of at least 32 bytes";
  Config c;
  c.component.domain = "call.a.test";
  c.web.listen_port = 0;
  c.web.tls = true;
  c.web.tls_cert_file = dir + "/cert.pem";
  c.web.tls_key_file = dir + "/key.pem";
  c.jwt.keys.push_back(JwtKey{"", "HS256", secret, ""});

  asio::io_context io(1);
  auto gateway = web::Gateway::create(io, c);
  REQUIRE(gateway);
  (*gateway)->start();
  const auto port = (*gateway)->port();
  std::thread server([&] { io.run(); });

  asio::io_context cio;
  ssl::context ctx(ssl::context::tls_client);
  ctx.set_verify_mode(ssl::verify_none);  // self-signed, loopback only
  websocket::stream<beast::ssl_stream<tcp::socket>> ws(cio, ctx);
  beast::get_lowest_layer(ws).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  ws.next_layer().handshake(ssl::stream_base::client);
  const std::string token =
      jg_test::hs256_token(nlohmann::json{{"sub", "alice"}, {"exp", jg_test::unix_seconds() + 60}}, secret);
  ws.set_option(websocket::stream_base::decorator(
      [&](websocket::request_type& r) { r.set(beast::http::field::authorization, "Bearer " + token); }));
  ws.handshake("127.0.0.1", "/ws");
  beast::flat_buffer buf;
  ws.read(buf);
  const auto welcome = nlohmann::json::parse(beast::buffers_to_string(buf.data()));
  CHECK(welcome["type"] == "welcome");
  CHECK(welcome["jid"].get<std::string>().rfind("alice@call.a.test/", 0) == 0);
  ws.close(websocket::close_code::normal);

  asio::post(io, [&] { (*gateway)->stop(); });
  server.join();

  c.web.tls_key_file = dir + "/missing.pem";
  auto bad = web::Gateway::create(io, c);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().detail.rfind("web.tls_key_file", 0) == 0);
  std::remove((dir + "/key.pem").c_str());
  std::remove((dir + "/cert.pem").c_str());
  rmdir(dir.c_str());
}

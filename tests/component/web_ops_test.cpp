// The gateway's operations face over real loopback sockets: /metrics, graceful shutdown, SIGHUP
// reload of keys and limits, and ICE servers pushed to logged-in browsers.
#include <ifaddrs.h>
#include <netinet/in.h>

#include "web_test_client.hpp"

using namespace jg_test;

namespace {
bool has_line(const std::string& text, const std::string& line) { return text.find("\n" + line + "\n") != std::string::npos; }

// A non-loopback IPv4 address of this machine, or "" (the remote-refusal test then has nothing to do).
std::string local_non_loopback_address() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "";
  std::string found;
  for (auto* a = list; a && found.empty(); a = a->ifa_next) {
    if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
    const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
    const auto addr = asio::ip::address_v4(ntohl(in->sin_addr.s_addr));
    if (!addr.is_loopback()) found = addr.to_string();
  }
  freeifaddrs(list);
  return found;
}

// alice calls bob and bob takes it: both are in an active call, every message read.
void active_call(Client& alice, Client& bob) {
  alice.send(R"({"type":"offer","session":"c1","to":"bob@call.a.test","sdp":"v=0\r\n"})");
  REQUIRE(bob.read()["type"] == "incoming");
  bob.send(R"({"type":"accept","session":"c1"})");
  REQUIRE(bob.read()["type"] == "offer");
  bob.send(R"({"type":"answer","session":"c1","sdp":"v=0\r\n"})");
  REQUIRE(alice.read()["type"] == "answer");
}
}  // namespace

TEST_CASE("gateway: /metrics is Prometheus text whose figures follow connections") {
  Metrics metrics;
  Server srv(test_config(), &metrics);
  auto res = http_get(srv.port, "/metrics");
  REQUIRE(res.result() == http::status::ok);
  CHECK(res[http::field::content_type] == "text/plain; version=0.0.4; charset=utf-8");
  for (const char* family : {"jinglegate_web_connections", "jinglegate_web_users", "jinglegate_web_connections_total",
                             "jinglegate_web_messages_total", "jinglegate_web_auth_failures_total",
                             "jinglegate_web_closes_total", "jinglegate_web_ice_updates_total"})
    CHECK(res.body().find(std::string("# TYPE ") + family + " ") != std::string::npos);
  CHECK(has_line(res.body(), "jinglegate_web_connections 0"));

  Client alice(srv.port), bad(srv.port);
  alice.login("alice");
  bad.open("/ws", "", "jinglegate.v1, jwt.not-a-token");
  CHECK(bad.read()["code"] == "bad-token");
  CHECK(bad.read().is_null());
  const std::string body = http_get(srv.port, "/metrics").body();
  CHECK(has_line(body, "jinglegate_web_connections 1"));
  CHECK(has_line(body, "jinglegate_web_users 1"));
  CHECK(has_line(body, "jinglegate_web_connections_total 2"));
  CHECK(has_line(body, "jinglegate_web_auth_failures_total{code=\"bad-token\"} 1"));
  CHECK(has_line(body, "jinglegate_web_closes_total{code=\"4401\"} 1"));
  CHECK(has_line(body, "jinglegate_web_messages_total{direction=\"out\"} 2"));  // welcome, error
}

TEST_CASE("gateway: /metrics is 404 when disabled, and 403 to a client that is not on loopback") {
  Config off = test_config();
  off.metrics.enabled = false;
  {
    Server srv(off);
    CHECK(http_get(srv.port, "/metrics").result() == http::status::not_found);
  }
  const std::string address = local_non_loopback_address();
  if (address.empty()) {
    WARN("no non-loopback IPv4 address here: the 403 case is not exercised");
    return;
  }
  Config any = test_config();
  any.web.listen_address = "0.0.0.0";
  any.web.allow_plain_remote = true;
  Server srv(any);
  asio::io_context io;
  beast::tcp_stream s(io);
  s.connect(tcp::endpoint(asio::ip::make_address(address), srv.port));
  http::request<http::empty_body> req{http::verb::get, "/metrics", 11};
  req.set(http::field::host, address);
  http::write(s, req);
  beast::flat_buffer buf;
  http::response<http::string_body> res;
  http::read(s, buf, res);
  CHECK(res.result() == http::status::forbidden);
  any.metrics.allow_remote = true;
  REQUIRE(srv.on_io([&](web::Gateway& g) { return g.reload(any).ok(); }));
  CHECK(http_get(srv.port, "/metrics").result() == http::status::ok);
}

TEST_CASE("gateway: shutdown ends a live call on both sides with a reason, says why, and closes with 1001") {
  Server srv;
  Client alice(srv.port), bob(srv.port);
  const std::string alice_jid = alice.login("alice")["jid"];
  const std::string bob_jid = bob.login("bob")["jid"];
  active_call(alice, bob);
  srv.on_io([](web::Gateway& g) {
    g.shutdown();
    return 0;
  });
  for (auto [client, peer] : {std::pair{&alice, bob_jid}, std::pair{&bob, alice_jid}}) {
    json bye = client->read();
    CHECK(bye["type"] == "hangup");
    CHECK(bye["session"] == "c1");
    CHECK(bye["reason"] == "gone");
    CHECK(bye["from"] == peer);
    json shutdown = client->read();
    CHECK(shutdown["type"] == "shutdown");
    CHECK(shutdown["message"] == "the gateway is shutting down");
    CHECK(client->read().is_null());
    CHECK(client->close_code() == 1001);
  }
  CHECK_THROWS(Client(srv.port));  // nobody accepts any more: the connect is refused
}

TEST_CASE("gateway: a reload takes new JWT keys and limits for new connections; a bad one changes nothing") {
  Server srv;
  Client before(srv.port);
  before.login("alice");
  const std::string new_secret = "the next key, also 32 bytes or more";
  Config next = test_config();
  next.jwt.keys = {JwtKey{"", "HS256", new_secret, ""}};
  next.web.max_connections_per_user = 1;
  next.web.max_calls_per_user = 2;
  Config broken = next;
  broken.jwt.keys[0].alg = "HS512";
  CHECK_FALSE(srv.on_io([&](web::Gateway& g) { return g.reload(broken).ok(); }));
  Client still_old(srv.port);
  CHECK(still_old.login("carol")["limits"]["maxCalls"] == 4);

  REQUIRE(srv.on_io([&](web::Gateway& g) { return g.reload(next).ok(); }));
  Client old_key(srv.port);
  old_key.open("/ws", "", "jinglegate.v1, jwt." + token_for("bob"));
  CHECK(old_key.read()["code"] == "bad-token");
  CHECK(old_key.read().is_null());
  CHECK(old_key.close_code() == 4401);

  const auto new_token = [&](const std::string& sub) {
    return jg_test::hs256_token(json{{"sub", sub}, {"exp", jg_test::unix_seconds() + 600}}, new_secret);
  };
  Client new_key(srv.port);
  new_key.open("/ws", "", "jinglegate.v1, jwt." + new_token("bob"));
  REQUIRE_FALSE(new_key.ec);
  json welcome = new_key.read();
  CHECK(welcome["type"] == "welcome");
  CHECK(welcome["limits"]["maxCalls"] == 2);
  Client second(srv.port);  // max_connections_per_user is now 1
  second.open("/ws", "", "jinglegate.v1, jwt." + new_token("bob"));
  CHECK(second.read()["code"] == "too-many-connections");
  CHECK(before.ws().is_open());  // an open connection keeps its login
}

TEST_CASE("gateway: servers from XEP-0215 reach logged-in browsers at once and new ones in welcome") {
  Server srv;
  Client alice(srv.port);
  alice.login("alice");
  const std::int64_t expires = jg_test::unix_seconds() + 3600;
  srv.on_io([&](web::Gateway& g) {
    g.set_discovered_ice_servers({web::IceServer{{"turn:10.0.0.1:3478?transport=udp"}, "u1", "p1", expires}});
    return 0;
  });
  json update = alice.read();
  CHECK(update["type"] == "ice-servers");
  REQUIRE(update["iceServers"].size() == 2);  // the configured TURN REST entry, then the discovered one
  CHECK(update["iceServers"][0]["username"].get<std::string>().find(":alice") != std::string::npos);
  CHECK(update["iceServers"][1]["urls"][0] == "turn:10.0.0.1:3478?transport=udp");
  CHECK(update["iceServers"][1]["credential"] == "p1");
  CHECK(update["iceServers"][1]["expires"] == expires);
  Client bob(srv.port);
  CHECK(bob.login("bob")["iceServers"][1]["username"] == "u1");
}

// The gateway over real loopback sockets: each limit of WebSettings and each way to log in.
// The gateway runs on its own io_context thread; the test drives blocking Beast clients.
#include "web_test_client.hpp"

using namespace jg_test;

TEST_CASE("gateway: a token in the subprotocol logs in and only jinglegate.v1 is echoed") {
  Server srv;
  Client c(srv.port);
  auto res = c.open("/ws", "", "jinglegate.v1, jwt." + token_for("alice"));
  REQUIRE_FALSE(c.ec);
  CHECK(res[http::field::sec_websocket_protocol] == "jinglegate.v1");
  json w = c.read();
  CHECK(w["type"] == "welcome");
  CHECK(w["jid"].get<std::string>().rfind("alice@call.a.test/", 0) == 0);
  CHECK(w["iceServers"][0]["urls"][0] == "turn:127.0.0.1:3478?transport=udp");
  CHECK(w["iceServers"][0]["username"].get<std::string>().find(":alice") != std::string::npos);
  CHECK(w["limits"]["maxMessageBytes"] == 64 * 1024);
}

TEST_CASE("gateway: Authorization, first-message and query tokens log in; ?resource= is honoured") {
  Server srv;
  Client a(srv.port);
  a.open("/ws", "", "", token_for("alice"));
  CHECK(a.read()["type"] == "welcome");
  Client b(srv.port);
  b.open("/ws?resource=desk");
  b.send(R"({"type":"auth","token":")" + token_for("bob") + "\"}");
  CHECK(b.read()["jid"] == "bob@call.a.test/desk");
  Client q(srv.port);
  q.open("/ws?token=" + token_for("carol"));
  CHECK(q.read()["type"] == "welcome");
}

TEST_CASE("gateway: bad, expired and missing tokens close with 4401 after an error reply") {
  Server srv;
  Client expired(srv.port);
  expired.open("/ws", "", "jinglegate.v1, jwt." + token_for("alice", -3600));
  CHECK(expired.read()["code"] == "token-expired");
  CHECK(expired.read().is_null());
  CHECK(expired.close_code() == 4401);
  CHECK(expired.close_reason() == "token-expired");
  Client forged(srv.port);
  forged.open("/ws", "", "", jg_test::hs256_token(json{{"sub", "alice"}, {"exp", jg_test::unix_seconds() + 60}},
                                                     "another secret of at least 32 bytes"));
  CHECK(forged.read()["code"] == "bad-token");
  CHECK(forged.read().is_null());
  CHECK(forged.close_code() == 4401);
  Client silent(srv.port);
  silent.open();
  CHECK(silent.read()["code"] == "auth-required");  // auth_timeout is 0.3 s here
  CHECK(silent.read().is_null());
  CHECK(silent.close_code() == 4401);
  Client early(srv.port);
  early.open();
  early.send(R"({"type":"offer","session":"s","to":"bob@call.a.test","sdp":"v=0"})");
  CHECK(early.read()["code"] == "auth-required");
  CHECK(early.read().is_null());
}

TEST_CASE("gateway: a cross-site Origin is refused with 403 before the upgrade") {
  Config c = test_config();
  c.web.allowed_origins = {"https://app.example.org"};
  Server srv(c);
  Client evil(srv.port);
  auto res = evil.open("/ws", "https://evil.example", "", token_for("alice"));
  CHECK(evil.ec == websocket::error::upgrade_declined);
  CHECK(res.result() == http::status::forbidden);
  Client good(srv.port);
  good.open("/ws", "https://app.example.org", "", token_for("alice"));
  CHECK_FALSE(good.ec);
}

TEST_CASE("gateway: ?token= is refused when allow_query_token is off") {
  Config c = test_config();
  c.web.allow_query_token = false;
  Server srv(c);
  Client q(srv.port);
  q.open("/ws?token=" + token_for("alice"));
  CHECK(q.read()["code"] == "auth-required");
}

TEST_CASE("gateway: a message over max_message_bytes closes with 1009") {
  Config c = test_config();
  c.web.max_message_bytes = 4096;
  Server srv(c);
  Client a(srv.port);
  a.login("alice");
  a.send(std::string(5000, ' '));
  CHECK(a.read().is_null());
  CHECK(a.close_code() == 1009);
}

TEST_CASE("gateway: over the rate an error comes back, and a repeat closes with 1008") {
  Config c = test_config();
  c.web.rate_per_second = 0.5;
  c.web.rate_burst = 3;
  Server srv(c);
  Client a(srv.port);
  a.login("alice");  // the login message is not counted: the token came in the subprotocol
  for (int i = 0; i < 3; ++i) a.send(R"({"type":"presence","id":)" + std::to_string(i) + "}");
  for (int i = 0; i < 3; ++i) CHECK(a.read()["code"] == "feature-not-implemented");
  a.send(R"({"type":"presence"})");
  CHECK(a.read()["code"] == "rate-limited");
  a.send(R"({"type":"presence"})");
  CHECK(a.read().is_null());
  CHECK(a.close_code() == 1008);
}

TEST_CASE("gateway: bad messages get error replies and the connection stays up") {
  Server srv;
  Client a(srv.port);
  a.login("alice");
  for (const char* bad : {"not json", "[]", R"({"type":"nope","id":"x"})", R"({"type":"answer","session":"s"})"}) {
    a.send(bad);
    CHECK(a.read()["type"] == "error");
  }
  a.ws().binary(true);
  a.send("\x01\x02");
  CHECK(a.read()["code"] == "bad-message");
  a.ws().text(true);
  a.send(R"({"type":"hangup","session":"s","id":9})");
  json e = a.read();
  CHECK(e["code"] == "unknown-call");
  CHECK(e["id"] == 9);
}

TEST_CASE("gateway: a client that reads nothing is closed, not buffered without bound") {
  Config c = test_config();
  c.web.max_write_queue = 4;
  c.web.max_write_queue_bytes = 256 * 1024;
  Server srv(c);
  Client bob(srv.port, 4096);
  bob.login("bob");
  Client alice(srv.port);
  alice.login("alice");
  alice.send(R"({"type":"offer","session":"s","to":"bob@call.a.test","sdp":"v=0"})");
  CHECK(bob.read()["type"] == "incoming");
  bob.send(R"({"type":"accept","session":"s"})");
  CHECK(bob.read()["type"] == "offer");
  // ~12 MB of re-offers while bob reads nothing: far more than the kernel buffers hold.
  const std::string reoffer =
      R"({"type":"offer","session":"s","to":"bob@call.a.test","sdp":"v=0)" + std::string(60 * 1024, 'a') + "\"}";
  for (int i = 0; i < 200; ++i) alice.send(reoffer);
  json h = alice.read();  // the gateway closed bob, so his call ended
  CHECK(h["type"] == "hangup");
  CHECK(h["reason"] == "gone");
  int offers = 0;
  while (!bob.read().is_null()) ++offers;
  CHECK(bob.close_code() == 1013);
  CHECK(offers < 200);
}

TEST_CASE("gateway: an idle client that answers no ping is closed") {
  Config c = test_config();
  c.web.idle_timeout = Seconds(0.4);
  Server srv(c);
  Client a(srv.port);
  a.login("alice");
  std::this_thread::sleep_for(std::chrono::milliseconds(900));  // not reading: pings go unanswered
  json m = a.read();
  CHECK(m.is_null());
}

TEST_CASE("gateway: connections per user are capped with 1008") {
  Config c = test_config();
  c.web.max_connections_per_user = 2;
  Server srv(c);
  Client a(srv.port), b(srv.port), d(srv.port);
  a.login("alice");
  b.login("alice");
  d.open("/ws", "", "jinglegate.v1, jwt." + token_for("alice"));
  CHECK(d.read()["code"] == "too-many-connections");
  CHECK(d.read().is_null());
  CHECK(d.close_code() == 1008);
}

TEST_CASE("gateway: two web users set up a call through the sockets, SDP untouched") {
  Server srv;
  Client alice(srv.port), bob(srv.port);
  const std::string alice_jid = alice.login("alice")["jid"];
  bob.login("bob");
  alice.send(R"({"type":"offer","id":1,"session":"c1","to":"bob@call.a.test","sdp":"v=0\r\nx=\"1\"\r\n"})");
  json in = bob.read();
  CHECK(in["type"] == "incoming");
  CHECK(in["from"] == alice_jid);
  bob.send(R"({"type":"accept","session":"c1"})");
  json offer = bob.read();
  CHECK(offer["sdp"] == "v=0\r\nx=\"1\"\r\n");
  bob.send(R"({"type":"answer","session":"c1","sdp":"v=0\r\nanswer\r\n"})");
  CHECK(alice.read()["sdp"] == "v=0\r\nanswer\r\n");
  bob.send(R"({"type":"candidate","session":"c1","candidate":null})");
  CHECK(alice.read()["candidate"].is_null());
  alice.send(R"({"type":"hangup","session":"c1"})");
  json bye = bob.read();
  CHECK(bye["type"] == "hangup");
  CHECK(bye["reason"] == "success");
}

TEST_CASE("gateway: HTTP answers /health, static files with types, and refuses traversal and POST") {
  Server srv;
  auto health = http_get(srv.port, "/health");
  CHECK(health.result() == http::status::ok);
  CHECK(json::parse(health.body())["status"] == "ok");
  auto js = http_get(srv.port, "/jinglegate.js");
  CHECK(js.result() == http::status::ok);
  CHECK(js[http::field::content_type] == "text/javascript; charset=utf-8");
  CHECK(http_get(srv.port, "/").result() == http::status::ok);
  CHECK(http_get(srv.port, "/../CMakeLists.txt").result() == http::status::not_found);
  CHECK(http_get(srv.port, "/%2e%2e/CMakeLists.txt").result() == http::status::not_found);
  CHECK(http_get(srv.port, "/health", http::verb::post).result() == http::status::method_not_allowed);
}

TEST_CASE("gateway: plain ws on a non-loopback address is refused at start-up") {
  asio::io_context io;
  Config c = test_config();
  c.web.listen_address = "0.0.0.0";
  auto g = web::Gateway::create(io, c);
  REQUIRE_FALSE(g);
  CHECK(g.error().code == Errc::bad_config);
  c.web.listen_address = "127.0.0.1";
  c.jwt.keys[0].secret = "short";
  CHECK_FALSE(web::Gateway::create(io, c));
}

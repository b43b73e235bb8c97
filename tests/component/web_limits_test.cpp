// The gateway's pure edges: rate limit, upgrade checks, static paths, TURN credentials, JIDs.
#include <catch2/catch.hpp>

#include "component/web/address.hpp"
#include "component/web/handshake.hpp"
#include "component/web/ice_servers.hpp"
#include "component/web/rate_limit.hpp"
#include "component/web/static_files.hpp"

using namespace jinglegate::component;
using namespace jinglegate::component::web;
using namespace std::chrono_literals;

TEST_CASE("the token bucket allows a burst, then the sustained rate") {
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  TokenBucket b(20, 60, t0);
  int taken = 0;
  while (b.take(t0)) ++taken;
  CHECK(taken == 60);
  CHECK_FALSE(b.take(t0 + 10ms));
  CHECK(b.take(t0 + 50ms));  // 20/s: one token per 50 ms
  CHECK_FALSE(b.take(t0 + 60ms));
  taken = 0;
  while (b.take(t0 + 1h)) ++taken;
  CHECK(taken == 60);  // never more than the burst after a long pause
}

TEST_CASE("Origin must be allow-listed, or the gateway's own origin when the list is empty") {
  const std::vector<std::string> allowed{"https://app.example.org"};
  CHECK(origin_allowed("https://app.example.org", "gw.example.org", true, allowed));
  CHECK_FALSE(origin_allowed("https://evil.example", "gw.example.org", true, allowed));
  CHECK_FALSE(origin_allowed("https://app.example.org.evil", "gw.example.org", true, allowed));
  CHECK_FALSE(origin_allowed("null", "gw.example.org", true, allowed));
  CHECK(origin_allowed("http://127.0.0.1:8080", "127.0.0.1:8080", false, {}));
  CHECK_FALSE(origin_allowed("https://127.0.0.1:8080", "127.0.0.1:8080", false, {}));
  CHECK_FALSE(origin_allowed("http://evil.example", "127.0.0.1:8080", false, {}));
  CHECK(origin_allowed("", "127.0.0.1:8080", false, allowed));  // not a browser
}

TEST_CASE("the token is read from the subprotocol, then Authorization, then ?token=") {
  auto a = read_upgrade_auth("jinglegate.v1, jwt.aaa.bbb.ccc", "Bearer zzz", "/ws?token=qqq", true);
  CHECK(a.source == TokenSource::subprotocol);
  CHECK(a.token == "aaa.bbb.ccc");
  CHECK(a.echo_subprotocol);
  auto b = read_upgrade_auth("", "bearer  zzz ", "/ws?token=qqq", true);
  CHECK(b.source == TokenSource::authorization);
  CHECK(b.token == "zzz");
  CHECK_FALSE(b.echo_subprotocol);
  auto c = read_upgrade_auth("", "Basic abc", "/ws?resource=phone&token=q%2Eq", true);
  CHECK(c.source == TokenSource::query);
  CHECK(c.token == "q.q");
  CHECK(c.resource == "phone");
  auto d = read_upgrade_auth("", "", "/ws?token=qqq", false);
  CHECK(d.source == TokenSource::none);
  CHECK(read_upgrade_auth("jinglegate.v1", "", "/ws", true).source == TokenSource::none);
  CHECK_FALSE(query_param("/ws?token=%zz", "token"));
  CHECK_FALSE(query_param("/ws?token=%2", "token"));
  CHECK_FALSE(query_param("/ws", "token"));
}

TEST_CASE("static paths stay inside the root and get their content type") {
  CHECK(static_path("/srv", "/") == "/srv/index.html");
  CHECK(static_path("/srv", "/jinglegate.js?v=1") == "/srv/jinglegate.js");
  CHECK(static_path("/srv", "/a/b-c_d.css") == "/srv/a/b-c_d.css");
  for (const char* bad : {"/../etc/passwd", "/a/../../x", "/.git/config", "/a//b", "/a%2e%2e/x", "/a\\b", "x", "",
                          "/a/", "/\xc3\xa9.js"})
    CHECK_FALSE(static_path("/srv", bad));
  CHECK_FALSE(static_path("", "/index.html"));
  CHECK(content_type("/srv/x.js") == "text/javascript; charset=utf-8");
  CHECK(content_type("/srv/index.html") == "text/html; charset=utf-8");
  CHECK(content_type("/srv/blob") == "application/octet-stream");
}

TEST_CASE("a symlink out of the static root is not served") {
  char dir_template[] = "/tmp/jg-static-XXXXXX";
  const std::string dir = mkdtemp(dir_template);
  std::FILE* f = std::fopen((dir + "/ok.txt").c_str(), "w");
  std::fputs("hello", f);
  std::fclose(f);
  REQUIRE(symlink("/etc/hostname", (dir + "/out.txt").c_str()) == 0);
  CHECK(read_static_file(dir, dir + "/ok.txt", 1024) == "hello");
  CHECK_FALSE(read_static_file(dir, dir + "/out.txt", 1024));
  CHECK_FALSE(read_static_file(dir, dir + "/ok.txt", 3));  // over the size cap
  CHECK_FALSE(read_static_file(dir, dir + "/missing", 1024));
  std::remove((dir + "/ok.txt").c_str());
  std::remove((dir + "/out.txt").c_str());
  rmdir(dir.c_str());
}

TEST_CASE("TURN REST credentials follow coturn's use-auth-secret scheme") {
  // Vector: base64(HMAC-SHA1("secret", "1700000000:alice")) computed with `openssl dgst -sha1 -hmac`.
  CHECK(turn_password("secret", "1700000000:alice") == "d8soP47RbdIKLDUOpnJPVQyq5Ts=");
  IceServerSettings ice;
  ice.turn_secret = "secret";
  ice.turn_uris = {"turn:127.0.0.1:3478?transport=udp"};
  ice.stun_uris = {"stun:127.0.0.1:3478"};
  ice.credential_ttl = Seconds(3600);
  auto servers = ice_servers_for(ice, "alice", 1'700'000'000);
  REQUIRE(servers.size() == 2);
  CHECK(servers[0].username.empty());
  CHECK(servers[1].username == "1700003600:alice");
  CHECK(servers[1].expires == 1'700'003'600);
  CHECK(servers[1].credential == turn_password("secret", "1700003600:alice"));
  ice.turn_secret.clear();
  CHECK(ice_servers_for(ice, "alice", 0).size() == 1);  // no secret, no TURN entry
}

TEST_CASE("JIDs split into parts and localparts refuse the separators") {
  auto a = parse_address("bob@call.a.test/phone 2");
  REQUIRE(a);
  CHECK(a->local == "bob");
  CHECK(a->domain == "call.a.test");
  CHECK(a->resource == "phone 2");
  CHECK(a->bare() == "bob@call.a.test");
  CHECK(parse_address("call.a.test")->local.empty());
  CHECK(parse_address("b@x/r/with/slashes")->resource == "r/with/slashes");
  for (const char* bad : {"", "@x", "b@", "b@x/", "a b@x", "b@x y", "b@x/\x01", "\xff@x", "b@@x"})
    CHECK_FALSE(parse_address(bad));
  CHECK(valid_localpart("\xc3\xa9lodie"));
  for (const char* bad : {"", "a:b", "a'b", "a<b", "a\"b", "a&b", "a/b", "a@b", "\xc3", "\xed\xa0"})
    CHECK_FALSE(valid_localpart(bad));
}

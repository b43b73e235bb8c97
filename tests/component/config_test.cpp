// Tests of the configuration reader: a complete valid file, then every key's refusal by name.
#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "component/config/config.hpp"

using namespace jinglegate;
using namespace jinglegate::component;
namespace fs = std::filesystem;

namespace {
using Sections = std::map<std::string, std::map<std::string, std::string>>;  // section → key → TOML value

const std::string kSecret = "\"7f3a9c2e5b8d1f4a6c0e9b2d7a5f3c1e\"";
const std::string kHmac = "\"a8F3kQ9zL2mN7xV4cB6nJ1hG5tR0wY8uE3iO7pS2dK9\"";

Sections valid() {
  return {
      {"component", {{"domain", "\"call.a.test\""}, {"name", "\"Calls\""}}},
      {"xmpp", {{"host", "\"127.0.0.1\""}, {"port", "5347"}, {"secret", kSecret}, {"ping_interval", "20"},
                {"ping_timeout", "5.5"}, {"reconnect_initial", "0.25"}, {"reconnect_max", "10"},
                {"max_stanza_bytes", "65536"}, {"allow_remote_link", "false"}}},
      {"jwt", {{"issuer", "\"https://app.a.test\""}, {"audience", "\"jinglegate\""}, {"leeway", "30"},
               {"max_token_bytes", "2048"}}},
      {"web", {{"listen_address", "\"127.0.0.1\""}, {"listen_port", "8080"}, {"tls", "false"},
               {"allowed_origins", "[\"https://app.a.test\"]"}, {"max_message_bytes", "32768"},
               {"rate_per_second", "10"}, {"rate_burst", "30"}, {"auth_timeout", "3"}, {"idle_timeout", "30"},
               {"max_calls_per_user", "2"}}},
      {"ice", {{"turn_secret", "\"Zq81mWc5Xr20Kd7Fv4Ly9Tn3\""}, {"turn_uris", "[\"turn:turn.a.test:3478?transport=udp\"]"},
               {"stun_uris", "[\"stun:turn.a.test:3478\"]"}, {"credential_ttl", "3600"}}},
      {"presence", {{"directory", "\"domain\""}, {"auto_approve", "true"}, {"max_roster_items", "50"}}},
      {"database", {{"path", "\"db/jg.sqlite\""}}},
      {"calls", {{"ring_timeout", "30"}, {"setup_timeout", "20"}, {"max_candidates_per_content", "32"}}},
      {"metrics", {{"enabled", "false"}, {"allow_remote", "false"}}},
      {"log", {{"level", "\"debug\""}}},
  };
}

std::string render(const Sections& sections, const std::string& jwt_key = "alg = \"HS256\"\nsecret = " + kHmac) {
  std::string out;
  for (const auto& [name, keys] : sections) {
    out += "[" + name + "]\n";
    for (const auto& [k, v] : keys) out += k + " = " + v + "\n";
  }
  if (!jwt_key.empty()) out += "[[jwt.keys]]\n" + jwt_key + "\n";
  return out;
}

// The error detail for `sections` with one key replaced (or removed when value is empty).
std::string error_for(const std::string& section, const std::string& key, const std::string& value) {
  Sections s = valid();
  if (value.empty()) s[section].erase(key);
  else s[section][key] = value;
  auto c = parse_config(render(s), "/etc/jg");
  if (c.ok()) return "accepted";
  CHECK(c.error().code == Errc::bad_config);
  return c.error().detail;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("jg-config-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& content) const {
    std::ofstream(path / name) << content;
    return (path / name).string();
  }
};

std::string public_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(bio, key);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}
}  // namespace

TEST_CASE("a complete config file reads into every field") {
  auto c = parse_config(render(valid()), "/etc/jg");
  REQUIRE(c.ok());
  CHECK(c->component.domain == "call.a.test");
  CHECK(c->component.name == "Calls");
  CHECK(c->xmpp.port == 5347);
  CHECK(c->xmpp.ping_timeout.count() == Approx(5.5));
  CHECK(c->xmpp.reconnect_initial.count() == Approx(0.25));
  CHECK(c->xmpp.max_stanza_bytes == 65536);
  REQUIRE(c->jwt.keys.size() == 1);
  CHECK(c->jwt.keys[0].alg == "HS256");
  CHECK(c->jwt.leeway.count() == 30);
  CHECK(c->web.listen_port == 8080);
  CHECK_FALSE(c->web.tls);
  CHECK(c->web.allowed_origins == std::vector<std::string>{"https://app.a.test"});
  CHECK(c->web.rate_per_second == 10);
  CHECK(c->ice.turn_uris.size() == 1);
  CHECK(c->presence.directory == "domain");
  CHECK(c->database.path == "/etc/jg/db/jg.sqlite");  // relative to the config file
  CHECK(c->calls.max_candidates_per_content == 32);
  CHECK_FALSE(c->metrics.enabled);
  CHECK(c->log_level == "debug");
}

TEST_CASE("defaults fill every key a minimal file leaves out") {
  auto c = parse_config("[component]\ndomain = \"call.a.test\"\n[xmpp]\nsecret = " + kSecret +
                            "\n[web]\ntls = false\n[[jwt.keys]]\nalg = \"HS256\"\nsecret = " + kHmac + "\n",
                        "/srv");
  REQUIRE(c.ok());
  CHECK(c->xmpp.host == "127.0.0.1");
  CHECK(c->xmpp.port == 5347);
  CHECK(c->xmpp.ping_interval.count() == 30);
  CHECK(c->xmpp.max_stanza_bytes == 512 * 1024);
  CHECK(c->web.max_message_bytes == 64 * 1024);
  CHECK(c->database.path == "/srv/jinglegate.sqlite");
  CHECK(c->log_level == "info");
}

TEST_CASE("every key refuses a wrong type or an out-of-bounds value, naming the key") {
  struct Case {
    const char* section;
    const char* key;
    const char* value;  // "" removes the key
    const char* expected;
  };
  const Case cases[] = {
      {"component", "domain", "", "component.domain: required"},
      {"component", "domain", "\"Call.A.test\"", "component.domain: must be a lower-case domain"},
      {"component", "domain", "\"a..b\"", "component.domain: must be a lower-case domain"},
      {"component", "domain", "7", "component.domain: must be a string"},
      {"component", "name", "true", "component.name: must be a string"},
      {"xmpp", "host", "\"\"", "xmpp.host: must not be empty"},
      {"xmpp", "host", "\"192.0.2.7\"", "xmpp.host: not a loopback address"},
      {"xmpp", "port", "0", "xmpp.port: must be 1..65535"},
      {"xmpp", "port", "65536", "xmpp.port: must be 1..65535"},
      {"xmpp", "port", "\"5347\"", "xmpp.port: must be an integer"},
      {"xmpp", "secret", "", "xmpp.secret: required (or secret_file)"},
      {"xmpp", "secret", "\"s3cret\"", "xmpp.secret: too short"},
      {"xmpp", "secret", "\"REPLACE-WITH-openssl-rand-hex-32\"", "xmpp.secret: looks like a placeholder"},
      {"xmpp", "secret", "\"abababababababababab\"", "xmpp.secret: too few distinct characters"},
      {"xmpp", "secret_file", "\"/nonexistent/secret\"", "xmpp.secret: set either secret or secret_file, not both"},
      {"xmpp", "allow_remote_link", "1", "xmpp.allow_remote_link: must be true or false"},
      {"xmpp", "ping_interval", "0", "xmpp.ping_interval: must be 1..3600 seconds"},
      {"xmpp", "ping_interval", "\"30s\"", "xmpp.ping_interval: must be a number of seconds"},
      {"xmpp", "ping_timeout", "601", "xmpp.ping_timeout: must be 1..600 seconds"},
      {"xmpp", "reconnect_initial", "0", "xmpp.reconnect_initial: must be 0.01..60 seconds"},
      {"xmpp", "reconnect_max", "0.1", "xmpp.reconnect_max: must not be less than reconnect_initial"},
      {"xmpp", "max_stanza_bytes", "100", "xmpp.max_stanza_bytes: must be 1024..16777216"},
      {"xmpp", "unknown_thing", "1", "xmpp.unknown_thing: unknown key"},
      {"jwt", "issuer", "1", "jwt.issuer: must be a string"},
      {"jwt", "leeway", "301", "jwt.leeway: must be 0..300 seconds"},
      {"jwt", "max_token_bytes", "100", "jwt.max_token_bytes: must be 256..16384"},
      {"jwt", "kid", "\"x\"", "jwt.kid: unknown key"},
      {"web", "listen_address", "\"localhost\"", "web.listen_address: must be an IP address"},
      {"web", "listen_port", "70000", "web.listen_port: must be 1..65535"},
      {"web", "tls", "", "web.tls_cert_file: required when web.tls = true"},
      {"web", "listen_address", "\"0.0.0.0\"", "web.tls: plain ws on a non-loopback address"},
      {"web", "allow_plain_remote", "\"yes\"", "web.allow_plain_remote: must be true or false"},
      {"web", "allowed_origins", "\"https://a\"", "web.allowed_origins: must be an array of strings"},
      {"web", "allowed_origins", "[\"app.a.test\"]", "web.allowed_origins: \"app.a.test\" is not an origin"},
      {"web", "allowed_origins", "[\"https://a.test/\"]", "web.allowed_origins: \"https://a.test/\" is not an origin"},
      {"web", "static_dir", "[]", "web.static_dir: must be a string"},
      {"web", "allow_query_token", "0", "web.allow_query_token: must be true or false"},
      {"web", "max_message_bytes", "2000000", "web.max_message_bytes: must be 1024..1048576"},
      {"web", "rate_per_second", "0", "web.rate_per_second: must be 0.1..10000"},
      {"web", "rate_burst", "0.5", "web.rate_burst: must be 1..100000"},
      {"web", "auth_timeout", "61", "web.auth_timeout: must be 0.1..60 seconds"},
      {"web", "handshake_timeout", "0", "web.handshake_timeout: must be 0.1..120 seconds"},
      {"web", "idle_timeout", "0.5", "web.idle_timeout: must be 1..3600 seconds"},
      {"web", "max_write_queue", "0", "web.max_write_queue: must be 1..100000"},
      {"web", "max_write_queue_bytes", "10", "web.max_write_queue_bytes: must be 4096..268435456"},
      {"web", "max_connections_per_user", "0", "web.max_connections_per_user: must be 1..1000"},
      {"web", "max_connections", "0", "web.max_connections: must be 1..10000000"},
      {"web", "max_calls_per_user", "101", "web.max_calls_per_user: must be 1..100"},
      {"ice", "discover_xep0215", "\"no\"", "ice.discover_xep0215: must be true or false"},
      {"ice", "xep0215_server", "\"admin@example.org\"", "ice.xep0215_server: must be a domain such as example.org"},
      {"ice", "turn_secret", "", "ice.turn_secret: required with ice.turn_uris"},
      {"ice", "turn_secret", "\"short\"", "ice.turn_secret: too short"},
      {"ice", "turn_uris", "[\"http://x\"]", "ice.turn_uris: \"http://x\" is not a turn: or turns: URI"},
      {"ice", "stun_uris", "[\"turn:x\"]", "ice.stun_uris: \"turn:x\" is not a stun: or stuns: URI"},
      {"ice", "credential_ttl", "86400", "ice.credential_ttl: must be 60..43200 seconds"},
      {"presence", "directory", "\"all\"", "presence.directory: must be \"off\", \"contacts\" or \"domain\""},
      {"presence", "auto_approve", "1", "presence.auto_approve: must be true or false"},
      {"presence", "max_roster_items", "0", "presence.max_roster_items: must be 1..100000"},
      {"database", "path", "\"\"", "database.path: must not be empty"},
      {"calls", "ring_timeout", "1", "calls.ring_timeout: must be 5..600 seconds"},
      {"calls", "setup_timeout", "601", "calls.setup_timeout: must be 5..600 seconds"},
      {"calls", "max_candidates_per_content", "0", "calls.max_candidates_per_content: must be 1..1000"},
      {"metrics", "enabled", "2", "metrics.enabled: must be true or false"},
      {"metrics", "allow_remote", "\"x\"", "metrics.allow_remote: must be true or false"},
      {"log", "level", "\"trace\"", "log.level: must be debug, info, warn or error"},
  };
  for (const auto& c : cases) {
    INFO(c.section << "." << c.key << " = " << c.value);
    const std::string detail = error_for(c.section, c.key, c.value);
    CHECK(detail.rfind(c.expected, 0) == 0);
    if (detail.rfind(c.expected, 0) != 0) WARN(detail);
  }
}

TEST_CASE("unknown sections, non-table sections and TOML syntax errors are refused with a line") {
  auto unknown = parse_config(render(valid()) + "[webb]\nx = 1\n", "/");
  CHECK(unknown.error().detail == "webb: unknown section");
  CHECK(unknown.error().line > 0);
  auto scalar = parse_config("log = \"debug\"\n", "/");
  CHECK(scalar.error().detail == "log: must be a [table]");
  auto syntax = parse_config("[component]\ndomain = \n", "/");
  CHECK(syntax.error().detail.rfind("TOML:", 0) == 0);
  CHECK(syntax.error().line == 2);
  auto line = parse_config(render(valid()).replace(render(valid()).find("port = 5347"), 11, "port = 0   "), "/");
  CHECK(line.error().line > 1);
}

TEST_CASE("JWT keys: at least one, a pinned algorithm, strong HMAC secrets, matching public keys") {
  CHECK(parse_config(render(valid(), ""), "/").error().detail.rfind("jwt.keys: at least one", 0) == 0);
  auto detail = [](const std::string& key, const std::string& dir = "/") {
    auto c = parse_config(render(valid(), key), dir);
    return c.ok() ? std::string("accepted") : c.error().detail;
  };
  CHECK(detail("alg = \"none\"") == "jwt.keys[0].alg: must be HS256, RS256 or ES256");
  CHECK(detail("secret = " + kHmac).rfind("jwt.keys[0].alg: required", 0) == 0);
  CHECK(detail("alg = \"HS256\"") == "jwt.keys[0].secret: required for HS256 (or secret_file)");
  CHECK(detail("alg = \"HS256\"\nsecret = \"0123456789abcdef0123456789abcde\"").rfind("jwt.keys[0].secret: too short: at least 32", 0) == 0);
  CHECK(detail("alg = \"HS256\"\nsecret = " + kHmac + "\nextra = 1") == "jwt.keys[0].extra: unknown key");
  CHECK(detail("alg = \"RS256\"") == "jwt.keys[0].public_key_file: required for RS256");

  TempDir dir;
  const std::string rsa = dir.write("rsa.pem", public_pem(EVP_RSA_gen(2048)));
  const std::string ec = dir.write("ec.pem", public_pem(EVP_EC_gen("P-256")));
  dir.write("junk.pem", "not a key");
  const std::string base = dir.path.string();
  CHECK(detail("alg = \"RS256\"\npublic_key_file = \"rsa.pem\"", base) == "accepted");
  CHECK(detail("alg = \"ES256\"\npublic_key_file = \"ec.pem\"", base) == "accepted");
  CHECK(detail("alg = \"ES256\"\npublic_key_file = \"rsa.pem\"", base) == "jwt.keys[0].public_key_file: ES256 needs an EC key on P-256");
  CHECK(detail("alg = \"RS256\"\npublic_key_file = \"ec.pem\"", base).rfind("jwt.keys[0].public_key_file: RS256 needs an RSA key", 0) == 0);
  CHECK(detail("alg = \"RS256\"\npublic_key_file = \"junk.pem\"", base).rfind("jwt.keys[0].public_key_file: not a PEM public key", 0) == 0);
  CHECK(detail("alg = \"RS256\"\npublic_key_file = \"missing.pem\"", base).rfind("jwt.keys[0].public_key_file: cannot read", 0) == 0);
  auto c = parse_config(render(valid(), "alg = \"ES256\"\npublic_key_file = \"" + ec + "\""), "/");
  REQUIRE(c.ok());
  CHECK(c->jwt.keys[0].public_key_pem.rfind("-----BEGIN PUBLIC KEY-----", 0) == 0);
}

TEST_CASE("secret_file is read relative to the config file, trimmed, and must not be empty") {
  TempDir dir;
  dir.write("xmpp.secret", "9d2f6b1a8c3e5f7a0b4d\n");
  dir.write("empty.secret", "\n");
  Sections s = valid();
  s["xmpp"].erase("secret");
  s["xmpp"]["secret_file"] = "\"xmpp.secret\"";
  const std::string config = dir.write("jinglegate.toml", render(s));
  auto c = load_config(config);
  REQUIRE(c.ok());
  CHECK(c->xmpp.secret == "9d2f6b1a8c3e5f7a0b4d");
  CHECK(c->database.path == (dir.path / "db/jg.sqlite").string());
  s["xmpp"]["secret_file"] = "\"empty.secret\"";
  CHECK(load_config(dir.write("jinglegate.toml", render(s))).error().detail == "xmpp.secret_file: file is empty");
  s["xmpp"]["secret_file"] = "\"missing\"";
  CHECK(load_config(dir.write("jinglegate.toml", render(s))).error().detail.rfind("xmpp.secret_file: cannot read", 0) == 0);
  CHECK(load_config((dir.path / "nope.toml").string()).error().detail.rfind("cannot read", 0) == 0);
}

TEST_CASE("TLS files are required and read when web.tls is on; a remote XMPP host needs allow_remote_link") {
  TempDir dir;
  dir.write("cert.pem", "x");
  dir.write("key.pem", "x");
  Sections s = valid();
  s["web"]["tls"] = "true";
  s["web"]["tls_cert_file"] = "\"cert.pem\"";
  CHECK(parse_config(render(s), dir.path.string()).error().detail == "web.tls_key_file: required when web.tls = true");
  s["web"]["tls_key_file"] = "\"key.pem\"";
  auto c = parse_config(render(s), dir.path.string());
  REQUIRE(c.ok());
  CHECK(c->web.tls_cert_file == (dir.path / "cert.pem").string());
  s["web"]["tls_key_file"] = "\"nokey.pem\"";
  CHECK(parse_config(render(s), dir.path.string()).error().detail.rfind("web.tls_key_file: cannot read", 0) == 0);

  Sections remote = valid();
  remote["xmpp"]["host"] = "\"xmpp.internal\"";
  CHECK_FALSE(parse_config(render(remote), "/").ok());
  remote["xmpp"]["allow_remote_link"] = "true";
  CHECK(parse_config(render(remote), "/").ok());
  remote["xmpp"]["host"] = "\"localhost\"";
  remote["xmpp"]["allow_remote_link"] = "false";
  CHECK(parse_config(render(remote), "/").ok());
}

TEST_CASE("the example config documents every key and is refused only for its placeholders") {
  std::ifstream in(std::string(JG_SOURCE_DIR) + "/conf/jinglegate.example.toml");
  REQUIRE(in);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto as_is = parse_config(text, "/");
  REQUIRE_FALSE(as_is.ok());
  CHECK(as_is.error().detail.rfind("xmpp.secret: looks like a placeholder", 0) == 0);

  // Every key of the valid test config (which covers every section) appears in the example.
  for (const auto& [section, keys] : valid()) {
    CHECK(text.find("[" + section + "]") != std::string::npos);
    for (const auto& [key, value] : keys) {
      INFO(section << "." << key);
      CHECK(text.find("\n" + key + " = ") != std::string::npos);
    }
  }
  for (const char* key : {"secret_file", "public_key_file", "kid", "tls_cert_file", "tls_key_file", "static_dir",
                          "allow_query_token", "max_write_queue_bytes", "max_connections", "discover_xep0215", "xep0215_server",
                          "handshake_timeout", "allow_plain_remote", "max_write_queue", "max_connections_per_user"})
    CHECK(text.find(key) != std::string::npos);

  // With real secrets and plain ws it is a working config.
  TempDir dir;
  for (const std::string placeholder = "REPLACE-WITH-openssl-rand-hex-32"; text.find(placeholder) != std::string::npos;)
    text.replace(text.find(placeholder), placeholder.size(), "e4b19a07c35d82f6a1e0c97b3d54f28a");
  text.replace(text.find("tls = true"), 10, "tls = false");
  auto fixed = parse_config(text, dir.path.string());
  INFO((fixed.ok() ? "" : fixed.error().detail));
  REQUIRE(fixed.ok());
  CHECK(fixed->xmpp.max_stanza_bytes == 524288);
}

TEST_CASE("a reload names the changed keys that only a restart applies") {
  Config a;
  Config b = a;
  CHECK(keys_needing_restart(a, b).empty());
  b.web.max_connections_per_user = 1;  // reloaded
  b.jwt.keys.push_back(JwtKey{"k2", "HS256", "x", ""});
  b.log_level = "debug";
  b.xmpp.secret = "other";
  CHECK(keys_needing_restart(a, b).empty());
  b.web.listen_port = 9999;
  b.component.domain = "call.b.test";
  b.database.path = "/var/lib/jinglegate/other.sqlite";
  CHECK(keys_needing_restart(a, b) == std::vector<std::string>{"component.domain", "web.listen_port", "database.path"});
}

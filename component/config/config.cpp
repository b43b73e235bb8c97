// The daemon's configuration: reads and validates the TOML file (toml++) into Config.
#include "component/config/config.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <cctype>
#include <boost/asio/ip/address.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "component/config/toml_section.hpp"
#include "component/log.hpp"

namespace jinglegate::component {

namespace {
using config_detail::Section;
namespace fs = std::filesystem;

constexpr std::size_t kMinSecret = 16;     // XEP-0114 handshake and TURN REST secrets
constexpr std::size_t kMinHmacKey = 32;    // RFC 8725 §3.5: HMAC keys with full entropy, ≥ 256 bits
constexpr std::size_t kMinDistinct = 8;    // "aaaaaaaaaaaaaaaa" is long but not a secret

std::string absolute(const std::string& base_dir, const std::string& path) {
  if (path.empty()) return path;
  fs::path p(path);
  if (p.is_relative()) p = fs::path(base_dir) / p;
  return p.lexically_normal().string();
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Errc::bad_config, "cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A secret either inline (`key`) or in a file (`key_file`, relative to the config), never both.
Result<void> secret(Section& s, const std::string& key, std::string& out, const std::string& base_dir) {
  std::string file;
  JG_CHECK(s.str(key, out));
  JG_CHECK(s.str(key + "_file", file));
  if (file.empty()) return Ok{};
  if (!out.empty()) return s.bad(key, "set either " + key + " or " + key + "_file, not both");
  auto content = read_file(absolute(base_dir, file));
  if (!content) return s.bad(key + "_file", content.error().detail);
  out = std::move(*content);
  out.erase(out.find_last_not_of(" \t\r\n") + 1);  // the newline an editor leaves
  if (out.empty()) return s.bad(key + "_file", "file is empty");
  return Ok{};
}

// G7/G15: no shipped or guessable secrets. The example file's placeholders are refused by name.
Result<void> strong(Section& s, const std::string& key, const std::string& value, std::size_t min) {
  std::string lower = value;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view weak : {"replace-with", "change-me", "changeme", "example", "password", "secret"})
    if (lower.find(weak) != std::string::npos)
      return s.bad(key, "looks like a placeholder (contains \"" + std::string(weak) + "\"): generate one with `openssl rand -hex 32`");
  if (value.size() < min) return s.bad(key, "too short: at least " + std::to_string(min) + " characters (`openssl rand -hex 32`)");
  if (std::set<char>(value.begin(), value.end()).size() < kMinDistinct) return s.bad(key, "too few distinct characters");
  return Ok{};
}

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  const auto addr = boost::asio::ip::make_address(host, ec);
  return !ec && addr.is_loopback();
}

Result<void> read_component(Section s, ComponentSettings& c) {
  JG_CHECK(s.str("domain", c.domain, true));
  const bool ok = c.domain.size() <= 253 && c.domain.front() != '.' && c.domain.back() != '.' &&
                  c.domain.find("..") == std::string::npos &&
                  std::all_of(c.domain.begin(), c.domain.end(), [](char ch) {
                    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.';
                  });
  if (!ok) return s.bad("domain", "must be a lower-case domain name such as call.example.org");
  JG_CHECK(s.str("name", c.name));
  return s.finish();
}

Result<void> read_xmpp(Section s, XmppSettings& x, const std::string& base_dir) {
  JG_CHECK(s.str("host", x.host));
  if (x.host.empty()) return s.bad("host", "must not be empty");
  JG_CHECK(s.count("port", x.port, 1, 65535));
  JG_CHECK(secret(s, "secret", x.secret, base_dir));
  if (x.secret.empty()) return s.bad("secret", "required (or secret_file)");
  JG_CHECK(strong(s, "secret", x.secret, kMinSecret));
  JG_CHECK(s.flag("allow_remote_link", x.allow_remote_link));
  if (!x.allow_remote_link && !is_loopback(x.host))
    return s.bad("host", "not a loopback address: XEP-0114 has no TLS; set xmpp.allow_remote_link = true on a private network");
  JG_CHECK(s.seconds("ping_interval", x.ping_interval, 1, 3600));
  JG_CHECK(s.seconds("ping_timeout", x.ping_timeout, 1, 600));
  JG_CHECK(s.seconds("reconnect_initial", x.reconnect_initial, 0.01, 60));
  JG_CHECK(s.seconds("reconnect_max", x.reconnect_max, 0.01, 3600));
  if (x.reconnect_max < x.reconnect_initial) return s.bad("reconnect_max", "must not be less than reconnect_initial");
  JG_CHECK(s.count("max_stanza_bytes", x.max_stanza_bytes, 1024, 16 * 1024 * 1024));
  return s.finish();
}

Result<void> read_public_key(Section& s, JwtKey& key, const std::string& base_dir) {
  std::string file;
  JG_CHECK(s.str("public_key_file", file));
  if (file.empty()) return s.bad("public_key_file", "required for " + key.alg);
  auto pem = read_file(absolute(base_dir, file));
  if (!pem) return s.bad("public_key_file", pem.error().detail);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!pkey) return s.bad("public_key_file", "not a PEM public key (-----BEGIN PUBLIC KEY-----)");
  if (key.alg == "RS256" && (EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_RSA || EVP_PKEY_get_bits(pkey.get()) < 2048))
    return s.bad("public_key_file", "RS256 needs an RSA key of at least 2048 bits");
  char group[64] = {};
  if (key.alg == "ES256" && (EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_EC ||
                             !EVP_PKEY_get_group_name(pkey.get(), group, sizeof group, nullptr) ||
                             std::string_view(group) != "prime256v1"))
    return s.bad("public_key_file", "ES256 needs an EC key on P-256");
  key.public_key_pem = std::move(*pem);
  return Ok{};
}

Result<void> read_jwt_key(Section s, JwtKey& key, const std::string& base_dir) {
  JG_CHECK(s.str("kid", key.kid));
  JG_CHECK(s.str("alg", key.alg, true));
  if (key.alg == "HS256") {
    JG_CHECK(secret(s, "secret", key.secret, base_dir));
    if (key.secret.empty()) return s.bad("secret", "required for HS256 (or secret_file)");
    JG_CHECK(strong(s, "secret", key.secret, kMinHmacKey));
  } else if (key.alg == "RS256" || key.alg == "ES256") {
    JG_CHECK(read_public_key(s, key, base_dir));
  } else {
    return s.bad("alg", "must be HS256, RS256 or ES256");
  }
  return s.finish();
}

Result<void> read_jwt(const toml::table* t, JwtSettings& j, const std::string& base_dir) {
  Section s(t, "jwt");
  const toml::node* keys = t ? t->get("keys") : nullptr;
  const toml::array* array = keys ? keys->as_array() : nullptr;
  if (!array || array->empty()) return s.bad("keys", "at least one [[jwt.keys]] table is required");
  s.known("keys");
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string name = "jwt.keys[" + std::to_string(i) + "]";
    const toml::table* kt = (*array)[i].as_table();
    if (!kt) return fail(Errc::bad_config, name + ": must be a table");
    JwtKey key;
    JG_CHECK(read_jwt_key(Section(kt, name), key, base_dir));
    j.keys.push_back(std::move(key));
  }
  JG_CHECK(s.str("issuer", j.issuer));
  JG_CHECK(s.str("audience", j.audience));
  JG_CHECK(s.seconds("leeway", j.leeway, 0, 300));
  JG_CHECK(s.count("max_token_bytes", j.max_token_bytes, 256, 16384));
  return s.finish();
}

Result<void> read_web_limits(Section& s, WebSettings& w) {
  JG_CHECK(s.count("max_message_bytes", w.max_message_bytes, 1024, 1024 * 1024));
  JG_CHECK(s.number("rate_per_second", w.rate_per_second, 0.1, 10000));
  JG_CHECK(s.number("rate_burst", w.rate_burst, 1, 100000));
  JG_CHECK(s.seconds("auth_timeout", w.auth_timeout, 0.1, 60));
  JG_CHECK(s.seconds("handshake_timeout", w.handshake_timeout, 0.1, 120));
  JG_CHECK(s.seconds("idle_timeout", w.idle_timeout, 1, 3600));
  JG_CHECK(s.count("max_write_queue", w.max_write_queue, 1, 100000));
  JG_CHECK(s.count("max_write_queue_bytes", w.max_write_queue_bytes, 4096, 256 * 1024 * 1024));
  JG_CHECK(s.count("max_connections_per_user", w.max_connections_per_user, 1, 1000));
  JG_CHECK(s.count("max_connections", w.max_connections, 1, 10000000));
  JG_CHECK(s.count("max_calls_per_user", w.max_calls_per_user, 1, 100));
  return Ok{};
}

Result<void> read_web(Section s, WebSettings& w, const std::string& base_dir) {
  JG_CHECK(s.str("listen_address", w.listen_address));
  boost::system::error_code ec;
  const auto addr = boost::asio::ip::make_address(w.listen_address, ec);
  if (ec) return s.bad("listen_address", "must be an IP address");
  JG_CHECK(s.count("listen_port", w.listen_port, 1, 65535));
  JG_CHECK(s.flag("tls", w.tls));
  JG_CHECK(s.flag("allow_plain_remote", w.allow_plain_remote));
  for (auto [key, field] : {std::pair{"tls_cert_file", &w.tls_cert_file}, std::pair{"tls_key_file", &w.tls_key_file}}) {
    JG_CHECK(s.str(key, *field));
    *field = absolute(base_dir, *field);
    if (w.tls && field->empty()) return s.bad(key, "required when web.tls = true");
    if (w.tls && !std::ifstream(*field)) return s.bad(key, "cannot read " + *field);
  }
  if (!w.tls && !addr.is_loopback() && !w.allow_plain_remote)
    return s.bad("tls", "plain ws on a non-loopback address needs web.allow_plain_remote = true");
  JG_CHECK(s.strings("allowed_origins", w.allowed_origins));
  for (const auto& o : w.allowed_origins)
    if ((o.rfind("https://", 0) != 0 && o.rfind("http://", 0) != 0) || o.back() == '/')
      return s.bad("allowed_origins", "\"" + o + "\" is not an origin like https://app.example.org");
  JG_CHECK(s.str("static_dir", w.static_dir));
  w.static_dir = absolute(base_dir, w.static_dir);
  JG_CHECK(s.flag("allow_query_token", w.allow_query_token));
  JG_CHECK(read_web_limits(s, w));
  return s.finish();
}

Result<void> read_ice(Section s, IceServerSettings& ice) {
  JG_CHECK(s.flag("discover_xep0215", ice.discover_xep0215));
  JG_CHECK(s.str("xep0215_server", ice.xep0215_server));
  if (ice.xep0215_server.find_first_of("@/ ") != std::string::npos)
    return s.bad("xep0215_server", "must be a domain such as example.org");
  JG_CHECK(s.str("turn_secret", ice.turn_secret));
  JG_CHECK(s.strings("turn_uris", ice.turn_uris));
  JG_CHECK(s.strings("stun_uris", ice.stun_uris));
  for (const auto& u : ice.turn_uris)
    if (u.rfind("turn:", 0) != 0 && u.rfind("turns:", 0) != 0) return s.bad("turn_uris", "\"" + u + "\" is not a turn: or turns: URI");
  for (const auto& u : ice.stun_uris)
    if (u.rfind("stun:", 0) != 0 && u.rfind("stuns:", 0) != 0) return s.bad("stun_uris", "\"" + u + "\" is not a stun: or stuns: URI");
  if (!ice.turn_uris.empty() && ice.turn_secret.empty()) return s.bad("turn_secret", "required with ice.turn_uris");
  if (!ice.turn_secret.empty()) JG_CHECK(strong(s, "turn_secret", ice.turn_secret, kMinSecret));
  JG_CHECK(s.seconds("credential_ttl", ice.credential_ttl, 60, 12 * 3600));
  return s.finish();
}

Result<void> read_small_sections(const toml::table& root, Config& c, const std::string& base_dir) {
  Section presence(root["presence"].as_table(), "presence");
  JG_CHECK(presence.str("directory", c.presence.directory));
  if (c.presence.directory != "off" && c.presence.directory != "contacts" && c.presence.directory != "domain")
    return presence.bad("directory", "must be \"off\", \"contacts\" or \"domain\"");
  JG_CHECK(presence.flag("auto_approve", c.presence.auto_approve));
  JG_CHECK(presence.count("max_roster_items", c.presence.max_roster_items, 1, 100000));
  JG_CHECK(presence.finish());

  Section database(root["database"].as_table(), "database");
  JG_CHECK(database.str("path", c.database.path));
  if (c.database.path.empty()) return database.bad("path", "must not be empty");
  if (c.database.path != ":memory:") c.database.path = absolute(base_dir, c.database.path);
  JG_CHECK(database.finish());

  Section calls(root["calls"].as_table(), "calls");
  JG_CHECK(calls.seconds("ring_timeout", c.calls.ring_timeout, 5, 600));
  JG_CHECK(calls.seconds("setup_timeout", c.calls.setup_timeout, 5, 600));
  JG_CHECK(calls.count("max_candidates_per_content", c.calls.max_candidates_per_content, 1, 1000));
  JG_CHECK(calls.finish());

  Section metrics(root["metrics"].as_table(), "metrics");
  JG_CHECK(metrics.flag("enabled", c.metrics.enabled));
  JG_CHECK(metrics.flag("allow_remote", c.metrics.allow_remote));
  JG_CHECK(metrics.finish());

  Section logging(root["log"].as_table(), "log");
  JG_CHECK(logging.str("level", c.log_level));
  if (!log::parse_level(c.log_level)) return logging.bad("level", "must be debug, info, warn or error");
  return logging.finish();
}

constexpr std::string_view kSections[] = {"component", "xmpp", "jwt", "web", "ice", "presence", "database", "calls", "metrics", "log"};

Result<void> check_sections(const toml::table& root) {
  for (const auto& [k, v] : root) {
    const int line = static_cast<int>(v.source().begin.line);
    if (std::find(std::begin(kSections), std::end(kSections), k.str()) == std::end(kSections))
      return fail(Errc::bad_config, std::string(k.str()) + ": unknown section", line);
    if (!v.is_table()) return fail(Errc::bad_config, std::string(k.str()) + ": must be a [table]", line);
  }
  return Ok{};
}
}  // namespace

Result<Config> parse_config(std::string_view toml_text, const std::string& base_dir) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    return fail(Errc::bad_config, "TOML: " + std::string(e.description()), static_cast<int>(e.source().begin.line));
  }
  JG_CHECK(check_sections(root));
  Config c;
  JG_CHECK(read_component(Section(root["component"].as_table(), "component"), c.component));
  JG_CHECK(read_xmpp(Section(root["xmpp"].as_table(), "xmpp"), c.xmpp, base_dir));
  JG_CHECK(read_jwt(root["jwt"].as_table(), c.jwt, base_dir));
  JG_CHECK(read_web(Section(root["web"].as_table(), "web"), c.web, base_dir));
  JG_CHECK(read_ice(Section(root["ice"].as_table(), "ice"), c.ice));
  JG_CHECK(read_small_sections(root, c, base_dir));
  return c;
}

std::vector<std::string> keys_needing_restart(const Config& a, const Config& b) {
  std::vector<std::string> keys;
  const auto check = [&keys](bool changed, const char* key) {
    if (changed) keys.emplace_back(key);
  };
  check(a.component.domain != b.component.domain, "component.domain");
  check(a.component.name != b.component.name, "component.name");
  check(a.xmpp.host != b.xmpp.host, "xmpp.host");
  check(a.xmpp.port != b.xmpp.port, "xmpp.port");
  check(a.xmpp.ping_interval != b.xmpp.ping_interval || a.xmpp.ping_timeout != b.xmpp.ping_timeout, "xmpp.ping_*");
  check(a.xmpp.reconnect_initial != b.xmpp.reconnect_initial || a.xmpp.reconnect_max != b.xmpp.reconnect_max,
        "xmpp.reconnect_*");
  check(a.xmpp.max_stanza_bytes != b.xmpp.max_stanza_bytes, "xmpp.max_stanza_bytes");
  check(a.web.listen_address != b.web.listen_address, "web.listen_address");
  check(a.web.listen_port != b.web.listen_port, "web.listen_port");
  check(a.web.tls != b.web.tls, "web.tls");
  check(a.ice.discover_xep0215 != b.ice.discover_xep0215 || a.ice.xep0215_server != b.ice.xep0215_server, "ice.xep0215_*");
  check(a.presence.directory != b.presence.directory || a.presence.auto_approve != b.presence.auto_approve ||
            a.presence.max_roster_items != b.presence.max_roster_items,
        "presence.*");
  check(a.database.path != b.database.path, "database.path");
  check(a.calls.setup_timeout != b.calls.setup_timeout, "calls.setup_timeout");
  return keys;
}

Result<Config> load_config(const std::string& path) {
  auto text = read_file(path);
  if (!text) return text.failure();
  const std::string base = fs::absolute(fs::path(path)).parent_path().string();
  return parse_config(*text, base);
}

}  // namespace jinglegate::component

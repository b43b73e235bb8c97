// STOPGAP for the web branch: reads the [component]/[web]/[jwt]/[ice]/[calls]/[log] TOML sections.
#include "component/config/web_sections_toml.hpp"

#include <fstream>
#include <sstream>
#include <toml++/toml.h>

namespace jinglegate::component {

namespace {
std::string read_file(const std::string& path, const std::string& base) {
  const std::string full = !path.empty() && path.front() != '/' ? base + "/" + path : path;
  std::ifstream in(full, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + full);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

template <class T>
void get(const toml::table& t, const char* key, T& out) {
  if (auto v = t[key].value<T>()) out = *v;
}
void get(const toml::table& t, const char* key, Seconds& out) {
  if (auto v = t[key].value<double>()) out = Seconds(*v);
}
void get(const toml::table& t, const char* key, std::uint16_t& out) {
  if (auto v = t[key].value<std::int64_t>()) {
    if (*v < 0 || *v > 65535) throw std::runtime_error(std::string(key) + ": must be 0..65535");
    out = static_cast<std::uint16_t>(*v);
  }
}
void get(const toml::table& t, const char* key, std::size_t& out) {
  if (auto v = t[key].value<std::int64_t>()) {
    if (*v < 0) throw std::runtime_error(std::string(key) + ": must be positive");
    out = static_cast<std::size_t>(*v);
  }
}
void get(const toml::table& t, const char* key, std::vector<std::string>& out) {
  if (const auto* a = t[key].as_array()) {
    out.clear();
    for (const auto& e : *a)
      if (auto s = e.value<std::string>()) out.push_back(*s);
  }
}

void read_web(const toml::table& w, WebSettings& s) {
  get(w, "listen_address", s.listen_address);
  get(w, "listen_port", s.listen_port);
  get(w, "tls", s.tls);
  get(w, "allow_plain_remote", s.allow_plain_remote);
  get(w, "tls_cert_file", s.tls_cert_file);
  get(w, "tls_key_file", s.tls_key_file);
  get(w, "allowed_origins", s.allowed_origins);
  get(w, "static_dir", s.static_dir);
  get(w, "allow_query_token", s.allow_query_token);
  get(w, "max_message_bytes", s.max_message_bytes);
  get(w, "rate_per_second", s.rate_per_second);
  get(w, "rate_burst", s.rate_burst);
  get(w, "auth_timeout", s.auth_timeout);
  get(w, "handshake_timeout", s.handshake_timeout);
  get(w, "idle_timeout", s.idle_timeout);
  get(w, "max_write_queue", s.max_write_queue);
  get(w, "max_write_queue_bytes", s.max_write_queue_bytes);
  get(w, "max_connections_per_user", s.max_connections_per_user);
  get(w, "max_connections", s.max_connections);
  get(w, "max_calls_per_user", s.max_calls_per_user);
}

void read_jwt(const toml::table& j, JwtSettings& s, const std::string& base) {
  get(j, "issuer", s.issuer);
  get(j, "audience", s.audience);
  get(j, "leeway", s.leeway);
  get(j, "max_token_bytes", s.max_token_bytes);
  if (const auto* keys = j["keys"].as_array())
    for (const auto& node : *keys) {
      const auto* k = node.as_table();
      if (!k) continue;
      JwtKey key;
      get(*k, "kid", key.kid);
      get(*k, "alg", key.alg);
      get(*k, "secret", key.secret);
      if (auto f = (*k)["secret_file"].value<std::string>()) key.secret = read_file(*f, base);
      if (auto f = (*k)["public_key_file"].value<std::string>()) key.public_key_pem = read_file(*f, base);
      s.keys.push_back(std::move(key));
    }
}
}  // namespace

Result<Config> load_web_sections(const std::string& path) {
  try {
    const toml::table t = toml::parse_file(path);
    const std::string base = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
    Config c;
    if (const auto* s = t["component"].as_table()) get(*s, "domain", c.component.domain);
    if (const auto* s = t["web"].as_table()) read_web(*s, c.web);
    if (const auto* s = t["jwt"].as_table()) read_jwt(*s, c.jwt, base);
    if (const auto* s = t["ice"].as_table()) {
      get(*s, "turn_secret", c.ice.turn_secret);
      get(*s, "turn_uris", c.ice.turn_uris);
      get(*s, "stun_uris", c.ice.stun_uris);
      get(*s, "credential_ttl", c.ice.credential_ttl);
    }
    if (const auto* s = t["calls"].as_table()) get(*s, "ring_timeout", c.calls.ring_timeout);
    if (const auto* s = t["log"].as_table()) get(*s, "level", c.log_level);
    if (c.web.static_dir.size() && c.web.static_dir.front() != '/') c.web.static_dir = base + "/" + c.web.static_dir;
    return c;
  } catch (const std::exception& e) {  // toml++ reports syntax errors by exception
    return fail(Errc::bad_config, e.what());
  }
}

}  // namespace jinglegate::component

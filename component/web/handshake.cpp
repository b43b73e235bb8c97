// The checks of a WebSocket upgrade request (RFC 6455 §4.2) that come before any byte of the protocol.
#include "component/web/handshake.hpp"

#include <algorithm>

namespace jinglegate::component::web {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

bool origin_allowed(std::string_view origin, std::string_view host, bool tls, const std::vector<std::string>& allowed) {
  if (origin.empty()) return true;
  if (!allowed.empty()) return std::find(allowed.begin(), allowed.end(), origin) != allowed.end();
  if (host.empty()) return false;
  return origin == std::string(tls ? "https://" : "http://") + std::string(host);
}

std::optional<std::string> query_param(std::string_view target, std::string_view name) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) != name) continue;
    const std::string_view raw = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '+') {
        out.push_back(' ');
      } else if (raw[i] == '%') {
        if (i + 2 >= raw.size()) return std::nullopt;
        const int hi = hex(raw[i + 1]), lo = hex(raw[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
      } else {
        out.push_back(raw[i]);
      }
    }
    return out;
  }
  return std::nullopt;
}

UpgradeAuth read_upgrade_auth(std::string_view subprotocols, std::string_view authorization, std::string_view target,
                              bool allow_query) {
  UpgradeAuth a;
  while (!subprotocols.empty()) {
    const auto comma = subprotocols.find(',');
    const std::string_view p = trim(subprotocols.substr(0, comma));
    subprotocols = comma == std::string_view::npos ? std::string_view{} : subprotocols.substr(comma + 1);
    if (p == kSubprotocol) {
      a.echo_subprotocol = true;
    } else if (p.rfind(kTokenSubprotocolPrefix, 0) == 0 && a.source == TokenSource::none) {
      a.source = TokenSource::subprotocol;
      a.token = std::string(p.substr(kTokenSubprotocolPrefix.size()));
    }
  }
  const std::string_view auth = trim(authorization);
  if (a.source == TokenSource::none && auth.size() > 7 &&
      std::equal(auth.begin(), auth.begin() + 7, "bearer ", [](char x, char y) { return (x | 0x20) == y; })) {
    a.source = TokenSource::authorization;
    a.token = std::string(trim(auth.substr(7)));
  }
  if (a.source == TokenSource::none && allow_query) {
    if (auto t = query_param(target, "token"); t && !t->empty()) {
      a.source = TokenSource::query;
      a.token = std::move(*t);
    }
  }
  if (auto r = query_param(target, "resource")) a.resource = std::move(*r);
  return a;
}

}  // namespace jinglegate::component::web

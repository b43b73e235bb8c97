// HTTP GET answers that are not WebSocket upgrades: /health and the demo's static files.
#include "component/web/static_files.hpp"

#include <sys/stat.h>

#include <array>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace jinglegate::component::web {

std::optional<std::string> static_path(std::string_view root, std::string_view target) {
  if (root.empty()) return std::nullopt;
  std::string_view path = target.substr(0, target.find('?'));
  if (path.empty() || path.front() != '/') return std::nullopt;
  if (path == "/") path = "/index.html";
  std::string out(root);
  std::string_view rest = path.substr(1);
  while (true) {
    const auto slash = rest.find('/');
    const std::string_view seg = rest.substr(0, slash);
    if (seg.empty() || seg.front() == '.') return std::nullopt;
    for (char c : seg) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
      if (!ok) return std::nullopt;
    }
    out += '/';
    out += seg;
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return out;
}

std::string_view content_type(std::string_view path) {
  constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kTypes{{
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
      {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"}, {".wasm", "application/wasm"},
      {".map", "application/json"},
  }};
  for (const auto& [ext, type] : kTypes)
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext) return type;
  return "application/octet-stream";
}

std::optional<std::string> read_static_file(const std::string& root, const std::string& path, std::size_t max_bytes) {
  std::unique_ptr<char, decltype(&std::free)> real_root(realpath(root.c_str(), nullptr), std::free);
  std::unique_ptr<char, decltype(&std::free)> real(realpath(path.c_str(), nullptr), std::free);
  if (!real_root || !real) return std::nullopt;
  const std::string base = std::string(real_root.get()) + "/";
  if (std::string_view(real.get()).substr(0, base.size()) != base) return std::nullopt;
  struct stat st {};
  if (stat(real.get(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) > max_bytes)
    return std::nullopt;
  std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(real.get(), "rb"), std::fclose);
  if (!f) return std::nullopt;
  std::string data(static_cast<std::size_t>(st.st_size), '\0');
  if (std::fread(data.data(), 1, data.size(), f.get()) != data.size()) return std::nullopt;
  return data;
}

}  // namespace jinglegate::component::web

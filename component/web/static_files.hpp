// HTTP GET answers of the web listener that are not WebSocket upgrades: /health and the static
// files of the demo. Pure: path checks and content types; the reading is one function.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace jinglegate::component::web {

// The file under `root` that a request path names, or nullopt when it is not a safe path: only
// [A-Za-z0-9._-] segments, none starting with '.', no percent-encoding, no "//". "/" is index.html.
std::optional<std::string> static_path(std::string_view root, std::string_view target);

std::string_view content_type(std::string_view path);

// Reads a regular file that, after resolving symlinks, is still inside `root`; at most max_bytes.
std::optional<std::string> read_static_file(const std::string& root, const std::string& path, std::size_t max_bytes);

}  // namespace jinglegate::component::web

// Test helpers for the SDP tests: the Chromium corpus and the Firefox samples, read from disk.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace jinglegate::test {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Files of `dir` whose names end with `suffix`, sorted.
inline std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                                   std::string_view suffix) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().ends_with(suffix)) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline std::vector<std::filesystem::path> corpus_sdps() { return files_in(JG_CORPUS_DIR, ".sdp"); }
inline std::vector<std::filesystem::path> firefox_sdps() {
  return files_in(std::filesystem::path(JG_SOURCE_DIR) / "tests/data/firefox", ".sdp");
}
inline std::string corpus(std::string_view name) {
  return read_file(std::filesystem::path(JG_CORPUS_DIR) / name);
}

// The lines of an SDP (CRLF or LF), sorted: for "same multiset of lines" comparisons.
inline std::vector<std::string> sorted_lines(std::string_view sdp) {
  std::vector<std::string> out;
  while (!sdp.empty()) {
    const auto nl = sdp.find('\n');
    auto line = sdp.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.emplace_back(line);
    sdp.remove_prefix(nl == std::string_view::npos ? sdp.size() : nl + 1);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace jinglegate::test

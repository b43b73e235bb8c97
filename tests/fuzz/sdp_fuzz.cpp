// libFuzzer target for the SDP parser and writer (RFC 8866) and the candidate line (RFC 8839):
// anything parsed can be written, the written text parses again to the same model, and writing
// that gives the same text (a fixed point after one pass).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "jingle/sdp/candidate.hpp"
#include "jingle/sdp/sdp.hpp"

namespace {

[[noreturn]] void die(const char* what, std::string_view text) {
  std::fprintf(stderr, "sdp_fuzz: %s\n--- text ---\n%.*s\n", what, static_cast<int>(text.size()),
               text.data());
  std::abort();
}

void check_sdp(std::string_view input) {
  using namespace jinglegate::jingle::sdp;
  const auto first = parse_sdp(input);
  if (!first) return;
  const std::string once = write_sdp(*first);
  const auto second = parse_sdp(once);
  if (!second) die(("written SDP does not parse: " + second.error().detail).c_str(), once);
  if (!(*second == *first)) die("written SDP parses to another model", once);
  if (write_sdp(*second) != once) die("writing twice differs", once);
}

void check_candidate(std::string_view input) {
  using namespace jinglegate::jingle::sdp;
  const auto first = parse_candidate_line(input);
  if (!first) return;
  const std::string once = write_candidate_line(*first);
  const auto second = parse_candidate_line(once);
  if (!second) die("written candidate does not parse", once);
  if (!(*second == *first)) die("written candidate parses to another candidate", once);
  if (write_candidate_line(*second) != once) die("writing the candidate twice differs", once);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_sdp(input);
  check_candidate(input);
  return 0;
}

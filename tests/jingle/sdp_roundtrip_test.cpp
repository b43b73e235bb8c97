// Round trips of real browser SDP: the Chromium corpus byte for byte, Firefox as a multiset of
// lines, and the model as a fixed point of parse∘write.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "jingle/sdp/candidate.hpp"
#include "jingle/sdp/sdp.hpp"
#include "tests/jingle/sdp_test_files.hpp"

using namespace jinglegate;
using namespace jinglegate::jingle::sdp;
using jinglegate::test::read_file;

TEST_CASE("every Chromium corpus SDP is written back byte for byte") {
  const auto files = test::corpus_sdps();
  REQUIRE(files.size() >= 48);
  for (const auto& path : files) {
    CAPTURE(path.filename().string());
    const auto text = read_file(path);
    const auto session = parse_sdp(text);
    REQUIRE(session.ok());
    CHECK(write_sdp(*session) == text);
  }
}

TEST_CASE("a corpus SDP with LF line ends parses to the same model and is written with CRLF") {
  for (const auto& path : test::corpus_sdps()) {
    CAPTURE(path.filename().string());
    const auto crlf = read_file(path);
    std::string lf;
    std::remove_copy(crlf.begin(), crlf.end(), std::back_inserter(lf), '\r');
    const auto a = parse_sdp(crlf);
    const auto b = parse_sdp(lf);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a == *b);
    CHECK(write_sdp(*b) == crlf);
  }
}

TEST_CASE("every trickled Chromium candidate string is written back exactly") {
  const auto files = test::files_in(JG_CORPUS_DIR, ".candidates.json");
  REQUIRE(files.size() >= 48);
  std::size_t count = 0;
  for (const auto& path : files) {
    for (const auto& item : nlohmann::json::parse(read_file(path))) {
      if (item.is_null()) continue;  // the end-of-candidates event
      const std::string line = item.at("candidate");
      CAPTURE(path.filename().string(), line);
      const auto c = parse_candidate_line(line);
      REQUIRE(c.ok());
      CHECK(c->ufrag == item.at("usernameFragment").get<std::string>());
      CHECK(write_candidate_line(*c) == line);
      ++count;
    }
  }
  CHECK(count > 100);
}

TEST_CASE("every Firefox sample is written back with the same lines, in Chromium's order") {
  const auto files = test::firefox_sdps();
  REQUIRE(files.size() >= 4);
  for (const auto& path : files) {
    CAPTURE(path.filename().string());
    const auto text = read_file(path);
    const auto session = parse_sdp(text);
    REQUIRE(session.ok());
    const auto written = write_sdp(*session);
    CHECK(written != text);  // Firefox's order is not Chromium's: a canonicalised copy
    CHECK(test::sorted_lines(written) == test::sorted_lines(text));
  }
}

TEST_CASE("parse and write reach a fixed point after one pass on every sample") {
  auto files = test::corpus_sdps();
  const auto firefox = test::firefox_sdps();
  files.insert(files.end(), firefox.begin(), firefox.end());
  for (const auto& path : files) {
    CAPTURE(path.filename().string());
    const auto first = parse_sdp(read_file(path));
    REQUIRE(first.ok());
    const auto once = write_sdp(*first);
    const auto second = parse_sdp(once);
    REQUIRE(second.ok());
    CHECK(*second == *first);
    CHECK(write_sdp(*second) == once);
  }
}

// The SDP parser's rejections (Errc and line for each malformed input) and its limits.
#include <catch2/catch.hpp>

#include "jingle/sdp/sdp.hpp"
#include "tests/jingle/sdp_test_files.hpp"

using namespace jinglegate;
using namespace jinglegate::jingle::sdp;

namespace {

// Lines 1-4; a session-level line under test is line 5.
constexpr std::string_view kHead = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
// Lines 1-5; a media-level line under test is line 6.
std::string media(std::string_view lines) {
  return std::string(kHead) + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + std::string(lines);
}
std::string session(std::string_view lines) { return std::string(kHead) + std::string(lines); }

struct Bad {
  const char* name;
  std::string sdp;
  Errc code;
  int line;
};

}  // namespace

TEST_CASE("a minimal session parses") {
  const auto s = parse_sdp(media("a=mid:0\r\n"));
  REQUIRE(s.ok());
  CHECK(s->origin.session_id == "1");
  CHECK(s->origin.session_version == 2);
  REQUIRE(s->media.size() == 1);
  CHECK(s->media[0].formats == std::vector<std::string>{"111"});
  CHECK(s->media[0].mid == "0");
}

TEST_CASE("malformed SDP is rejected with its error code and line number") {
  const std::vector<Bad> cases = {
      {"empty input", "", Errc::missing_sdp_line, 1},
      {"no v= first", "o=- 1 2 IN IP4 1.2.3.4\r\n", Errc::missing_sdp_line, 1},
      {"version 1", "v=1\r\n", Errc::bad_sdp_value, 1},
      {"no o= second", "v=0\r\ns=-\r\n", Errc::missing_sdp_line, 2},
      {"only v=", "v=0\r\n", Errc::missing_sdp_line, 2},
      {"o= without address", "v=0\r\no=- 1 2 IN IP4\r\n", Errc::bad_sdp_line, 2},
      {"o= version not a number", "v=0\r\no=- 1 x IN IP4 1.2.3.4\r\n", Errc::bad_sdp_line, 2},
      {"o= with a seventh field", "v=0\r\no=- 1 2 IN IP4 1.2.3.4 x\r\n", Errc::bad_sdp_line, 2},
      {"no s= third", "v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\nt=0 0\r\n", Errc::missing_sdp_line, 3},
      {"no t= before m=",
       "v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 9 RTP/AVP 0\r\n", Errc::missing_sdp_line, 4},
      {"no t= at all", "v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\ns=-\r\n", Errc::missing_sdp_line, 4},
      {"r= before t=", "v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\ns=-\r\nr=7d 1h 0 25h\r\n",
       Errc::bad_sdp_line, 4},
      {"t= with one field", "v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\ns=-\r\nt=0\r\n", Errc::bad_sdp_line, 4},
      {"unknown line type", session("x=1\r\n"), Errc::bad_sdp_line, 5},
      {"upper-case line type", session("A=foo\r\n"), Errc::bad_sdp_line, 5},
      {"second v=", session("v=0\r\n"), Errc::bad_sdp_line, 5},
      {"not type=value", session("hello\r\n"), Errc::bad_sdp_line, 5},
      {"empty line inside", session("\r\na=ice-lite\r\n"), Errc::bad_sdp_line, 5},
      {"NUL inside a line", session(std::string("a=foo\0bar\r\n", 11)), Errc::bad_sdp_line, 5},
      {"CR inside a line", session("a=foo\rbar\r\n"), Errc::bad_sdp_line, 5},
      {"c= with two fields", session("c=IN IP4\r\n"), Errc::bad_sdp_line, 5},
      {"second session c=", session("c=IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\n"), Errc::bad_sdp_value, 6},
      {"b= without a colon", session("b=AS\r\n"), Errc::bad_sdp_line, 5},
      {"b= value not a number", session("b=AS:fast\r\n"), Errc::bad_sdp_line, 5},
      {"b= value too big", session("b=AS:99999999999999999999\r\n"), Errc::bad_sdp_value, 5},
      {"attribute without a name", session("a=:x\r\n"), Errc::bad_sdp_line, 5},
      {"empty attribute", media("a=\r\n"), Errc::bad_sdp_line, 6},
      {"group without a value", session("a=group\r\n"), Errc::bad_sdp_line, 5},
      {"group with two spaces", session("a=group:BUNDLE  0\r\n"), Errc::bad_sdp_line, 5},
      {"msid-semantic empty", session("a=msid-semantic:\r\n"), Errc::bad_sdp_line, 5},
      {"unknown setup", session("a=setup:sometimes\r\n"), Errc::bad_sdp_value, 5},
      {"fingerprint without value", session("a=fingerprint:sha-256\r\n"), Errc::bad_sdp_line, 5},
      {"second session ice-ufrag", session("a=ice-ufrag:a\r\na=ice-ufrag:b\r\n"), Errc::bad_sdp_value, 6},
      {"ice-lite with a value", session("a=ice-lite:yes\r\n"), Errc::bad_sdp_value, 5},
      {"m= port too big", session("m=audio 70000 RTP/AVP 0\r\n"), Errc::bad_sdp_value, 5},
      {"m= port not a number", session("m=audio x RTP/AVP 0\r\n"), Errc::bad_sdp_line, 5},
      {"m= without a format", session("m=audio 9 RTP/AVP\r\n"), Errc::bad_sdp_line, 5},
      {"m= bad port count", session("m=audio 9/x RTP/AVP 0\r\n"), Errc::bad_sdp_line, 5},
      {"t= inside a media section", media("t=0 0\r\n"), Errc::bad_sdp_line, 6},
      {"payload type above 127", media("a=rtpmap:128 foo/8000\r\n"), Errc::bad_sdp_value, 6},
      {"rtpmap without a clock rate", media("a=rtpmap:111 opus\r\n"), Errc::bad_sdp_line, 6},
      {"rtpmap bad channels", media("a=rtpmap:111 opus/48000/two\r\n"), Errc::bad_sdp_line, 6},
      {"second rtpmap for one pt",
       media("a=rtpmap:111 opus/48000/2\r\na=rtpmap:111 opus/48000/2\r\n"), Errc::bad_sdp_value, 7},
      {"fmtp without parameters", media("a=fmtp:111\r\n"), Errc::bad_sdp_line, 6},
      {"second fmtp for one pt", media("a=fmtp:111 a=1\r\na=fmtp:111 b=2\r\n"), Errc::bad_sdp_value, 7},
      {"rtcp-fb without a type", media("a=rtcp-fb:111\r\n"), Errc::bad_sdp_line, 6},
      {"rtcp-fb with a trailing space", media("a=rtcp-fb:111 nack \r\n"), Errc::bad_sdp_line, 6},
      {"candidate of unknown type", media("a=candidate:1 1 udp 1 1.2.3.4 9 typ foo\r\n"),
       Errc::bad_sdp_value, 6},
      {"candidate without typ", media("a=candidate:1 1 udp 1 1.2.3.4 9 host\r\n"), Errc::bad_sdp_line, 6},
      {"candidate priority too big", media("a=candidate:1 1 udp 4294967296 1.2.3.4 9 typ host\r\n"),
       Errc::bad_sdp_value, 6},
      {"extmap id 0", media("a=extmap:0 urn:x\r\n"), Errc::bad_sdp_value, 6},
      {"extmap id 300", media("a=extmap:300 urn:x\r\n"), Errc::bad_sdp_value, 6},
      {"extmap bad direction", media("a=extmap:1/sideways urn:x\r\n"), Errc::bad_sdp_value, 6},
      {"extmap without uri", media("a=extmap:1\r\n"), Errc::bad_sdp_line, 6},
      {"ssrc not a number", media("a=ssrc:abc cname:x\r\n"), Errc::bad_sdp_line, 6},
      {"ssrc without attribute", media("a=ssrc:1\r\n"), Errc::bad_sdp_line, 6},
      {"ssrc too big", media("a=ssrc:4294967296 cname:x\r\n"), Errc::bad_sdp_value, 6},
      {"ssrc-group with a bad ssrc", media("a=ssrc-group:FID 1 x\r\n"), Errc::bad_sdp_line, 6},
      {"rid with a bad direction", media("a=rid:q sideways\r\n"), Errc::bad_sdp_value, 6},
      {"simulcast send twice", media("a=simulcast:send a send b\r\n"), Errc::bad_sdp_value, 6},
      {"simulcast draft-03 form", media("a=simulcast: send rid=a;b\r\n"), Errc::bad_sdp_line, 6},
      {"sctp-port too big", media("a=sctp-port:70000\r\n"), Errc::bad_sdp_value, 6},
      {"max-message-size not a number", media("a=max-message-size:big\r\n"), Errc::bad_sdp_line, 6},
      {"sctpmap without app", media("a=sctpmap:5000\r\n"), Errc::bad_sdp_line, 6},
      {"rtcp-mux with a value", media("a=rtcp-mux:yes\r\n"), Errc::bad_sdp_value, 6},
      {"two directions", media("a=sendrecv\r\na=recvonly\r\n"), Errc::bad_sdp_value, 7},
      {"mid without a value", media("a=mid\r\n"), Errc::bad_sdp_line, 6},
      {"mid twice", media("a=mid:0\r\na=mid:1\r\n"), Errc::bad_sdp_value, 7},
      {"msid with three fields", media("a=msid:a b c\r\n"), Errc::bad_sdp_line, 6},
      {"rtcp without port", media("a=rtcp:IN IP4 1.2.3.4\r\n"), Errc::bad_sdp_line, 6},
      {"rtcp with half an address", media("a=rtcp:9 IN IP4\r\n"), Errc::bad_sdp_line, 6},
      {"ptime not a number", media("a=ptime:20.5\r\n"), Errc::bad_sdp_line, 6},
      {"error in the second media section", media("m=video 9 RTP/AVP 96\r\na=rtpmap:96 VP8\r\n"),
       Errc::bad_sdp_line, 7},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto r = parse_sdp(c.sdp);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().line == c.line);
    CHECK_FALSE(r.error().detail.empty());
  }
}

TEST_CASE("an error detail names the offending token") {
  const auto r = parse_sdp(media("a=rtpmap:111 opus/fast\r\n"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().detail == "rtpmap clock rate \"fast\"");
  const auto dup = parse_sdp(media("a=setup:active\r\na=setup:passive\r\n"));
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().detail == "duplicate \"setup\"");
  const auto cand = parse_sdp(media("a=candidate:1 1 udp 1 1.2.3.4 9 typ host generation\r\n"));
  REQUIRE_FALSE(cand.ok());
  CHECK(cand.error().detail == "candidate: extension without a value \"generation\"");
}

TEST_CASE("a long token is cut in the error detail") {
  const auto r = parse_sdp(media("a=setup:" + std::string(1000, 'x') + "\r\n"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().detail.size() < 100);
}

TEST_CASE("limits reject oversize input with sdp_too_big") {
  const auto text = test::corpus("multi-transceivers.offer.sdp");  // 4 m= sections
  REQUIRE(parse_sdp(text).ok());

  SECTION("bytes") {
    const auto r = parse_sdp(text, Limits{.max_bytes = text.size() - 1});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::sdp_too_big);
    CHECK(r.error().line == 0);
    CHECK(parse_sdp(text, Limits{.max_bytes = text.size()}).ok());
  }
  SECTION("lines") {
    const auto r = parse_sdp(text, Limits{.max_lines = 10});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::sdp_too_big);
    CHECK(r.error().line == 11);
  }
  SECTION("media sections") {
    const auto r = parse_sdp(text, Limits{.max_media = 3});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::sdp_too_big);
    CHECK(r.error().detail == "more than 3 m= sections");
    CHECK(parse_sdp(text, Limits{.max_media = 4}).ok());
  }
  SECTION("candidates") {
    const auto r = parse_sdp(text, Limits{.max_candidates = 1});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == Errc::sdp_too_big);
    CHECK(r.error().line == 12);  // the second a=candidate line
  }
}

TEST_CASE("the default limits accept every corpus and Firefox sample") {
  auto files = test::corpus_sdps();
  const auto firefox = test::firefox_sdps();
  files.insert(files.end(), firefox.begin(), firefox.end());
  for (const auto& path : files) {
    CAPTURE(path.filename().string());
    CHECK(parse_sdp(test::read_file(path)).ok());
  }
}

TEST_CASE("input without a final line end parses") {
  const auto s = parse_sdp("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0");
  REQUIRE(s.ok());
  CHECK(write_sdp(*s) == "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
}

// ICE candidate lines (RFC 8839 §5.1): the three accepted forms, every field, Firefox's and
// Chromium's extensions, unknown extensions, and rejections.
#include <catch2/catch.hpp>

#include "jingle/sdp/candidate.hpp"

using namespace jinglegate;
using namespace jinglegate::jingle::sdp;

namespace {
void check_round_trip(const std::string& line) {
  CAPTURE(line);
  const auto c = parse_candidate_line(line);
  REQUIRE(c.ok());
  CHECK(write_candidate_line(*c) == line);
}
}  // namespace

TEST_CASE("a Chromium trickled candidate reads every field") {
  const auto c = parse_candidate_line(
      "candidate:892388269 1 tcp 1518214911 192.0.2.2 9 typ host tcptype active generation 0 "
      "ufrag /NAu network-id 1 network-cost 10");
  REQUIRE(c.ok());
  CHECK(c->foundation == "892388269");
  CHECK(c->component == 1);
  CHECK(c->protocol == "tcp");
  CHECK(c->priority == 1518214911u);
  CHECK(c->address == "192.0.2.2");
  CHECK(c->port == 9);
  CHECK(c->type == CandidateType::host);
  CHECK(c->tcptype == "active");
  CHECK(c->generation == 0u);
  CHECK(c->ufrag == "/NAu");
  CHECK(c->network_id == 1u);
  CHECK(c->network_cost == 10u);
  CHECK_FALSE(c->rel_addr);
  CHECK(c->extensions.empty());
}

TEST_CASE("the a=candidate, candidate and bare forms read the same candidate") {
  const std::string value = "1 1 UDP 2122252543 10.0.0.7 51000 typ host";
  const auto a = parse_candidate_line("a=candidate:" + value);
  const auto b = parse_candidate_line("candidate:" + value);
  const auto c = parse_candidate_line(value);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(c.ok());
  CHECK(*a == *b);
  CHECK(*b == *c);
  CHECK(write_candidate_line(*a) == "candidate:" + value);
}

TEST_CASE("Firefox's trickled candidates are written back exactly") {
  // From a Firefox 99 console log (see tests/data/firefox/README.md).
  for (const std::string line : {
           "candidate:0 1 UDP 2122252543 a2d23828-ed4d-4d30-8685-a11a6505fcc2.local 57627 typ host",
           "candidate:2 1 TCP 2105524479 a2d23828-ed4d-4d30-8685-a11a6505fcc2.local 9 typ host tcptype active",
           "candidate:1 1 UDP 1686052863 64.226.41.38 57627 typ srflx raddr 0.0.0.0 rport 0",
       }) {
    check_round_trip(line);
  }
  const auto srflx = parse_candidate_line(
      "candidate:1 1 UDP 1686052863 64.226.41.38 57627 typ srflx raddr 0.0.0.0 rport 0");
  CHECK(srflx->type == CandidateType::srflx);
  CHECK(srflx->rel_addr == "0.0.0.0");
  CHECK(srflx->rel_port == 0);
}

TEST_CASE("relay and prflx candidates with related address round-trip") {
  for (const std::string line : {
           "candidate:3 1 udp 41885439 203.0.113.9 3478 typ relay raddr 198.51.100.4 rport 51234 generation 0 network-id 1",
           "candidate:750991856 2 udp 25108222 237.30.30.30 51472 typ prflx raddr 47.61.61.61 rport 54763 generation 0",
       }) {
    check_round_trip(line);
  }
}

TEST_CASE("unknown candidate extensions are kept in their order after the known ones") {
  const auto c = parse_candidate_line(
      "candidate:1 1 udp 1 1.2.3.4 5 typ host x-one 1 generation 2 x-two two network-cost 50");
  REQUIRE(c.ok());
  REQUIRE(c->extensions.size() == 2);
  CHECK(c->extensions[0] == std::pair<std::string, std::string>{"x-one", "1"});
  CHECK(c->extensions[1] == std::pair<std::string, std::string>{"x-two", "two"});
  CHECK(write_candidate_line(*c) ==
        "candidate:1 1 udp 1 1.2.3.4 5 typ host generation 2 network-cost 50 x-one 1 x-two two");
}

TEST_CASE("a candidate built in code writes every field in Chromium's order") {
  IceCandidate c;
  c.foundation = "f";
  c.component = 2;
  c.protocol = "tcp";
  c.priority = 7;
  c.address = "fd00::2";
  c.port = 9;
  c.type = CandidateType::srflx;
  c.rel_addr = "10.0.0.1";
  c.rel_port = 4;
  c.tcptype = "passive";
  c.generation = 3;
  c.ufrag = "u";
  c.network_id = 5;
  c.network_cost = 6;
  c.extensions = {{"k", "v"}};
  c.id = "xep-0176-id";  // no SDP counterpart
  CHECK(write_candidate_line(c) ==
        "candidate:f 2 tcp 7 fd00::2 9 typ srflx raddr 10.0.0.1 rport 4 tcptype passive "
        "generation 3 ufrag u network-id 5 network-cost 6 k v");
}

TEST_CASE("malformed candidates are rejected with line 1 and the token") {
  struct Bad {
    const char* line;
    Errc code;
  };
  for (const auto& [line, code] : std::initializer_list<Bad>{
           {"", Errc::bad_sdp_line},
           {"candidate:", Errc::bad_sdp_line},
           {"candidate:1 1 udp 1 1.2.3.4 5", Errc::bad_sdp_line},
           {"candidate:1 1 udp 1 1.2.3.4 5 host", Errc::bad_sdp_line},
           {"candidate:1 1 udp 1 1.2.3.4 5 typ", Errc::bad_sdp_line},
           {"candidate:1 1 udp 1 1.2.3.4 5 typ local", Errc::bad_sdp_value},
           {"candidate:1 1 udp 1 1.2.3.4 5 typ host ", Errc::bad_sdp_line},
           {"candidate:1  1 udp 1 1.2.3.4 5 typ host", Errc::bad_sdp_line},
           {"candidate:1 1 udp 1 1.2.3.4 5 typ host generation", Errc::bad_sdp_line},
           {"candidate:1 1 udp 1 1.2.3.4 5 typ host generation x", Errc::bad_sdp_line},
           {"candidate:1 1 udp 1 1.2.3.4 5 typ host generation 0 generation 1", Errc::bad_sdp_value},
           {"candidate:1 0 udp 1 1.2.3.4 5 typ host", Errc::bad_sdp_value},
           {"candidate:1 257 udp 1 1.2.3.4 5 typ host", Errc::bad_sdp_value},
           {"candidate:1 1 udp 4294967296 1.2.3.4 5 typ host", Errc::bad_sdp_value},
           {"candidate:1 1 udp 1 1.2.3.4 65536 typ host", Errc::bad_sdp_value},
           {"candidate:1 1 udp -1 1.2.3.4 5 typ host", Errc::bad_sdp_line},
           {"candidate:123456789012345678901234567890123 1 udp 1 1.2.3.4 5 typ host", Errc::bad_sdp_value},
           {"candidate:a-b 1 udp 1 1.2.3.4 5 typ host", Errc::bad_sdp_value},
           {"candidate:1 1 udp 1 1.2.3.4 5 typ srflx raddr 1.2.3.4 rport x", Errc::bad_sdp_line},
       }) {
    CAPTURE(line);
    const auto c = parse_candidate_line(line);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == code);
    CHECK(c.error().line == 1);
    CHECK_FALSE(c.error().detail.empty());
  }
}

// The browser signaling protocol: every bad message gets its code and field; good ones round-trip.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "component/errors.hpp"
#include "component/web/protocol.hpp"

using namespace jinglegate;
using namespace jinglegate::component;
using namespace jinglegate::component::web;

namespace {
const std::string kSdp = "v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\n";

ClientMessage parse_ok(const std::string& text) {
  Parsed p = parse_client_message(text);
  if (auto* bad = std::get_if<BadMessage>(&p)) FAIL(text << " -> " << bad->message << " field=" << bad->field);
  return std::get<ClientMessage>(p);
}

struct BadCase {
  std::string text;
  Errc code;
  std::string field;
};
}  // namespace

TEST_CASE("each malformed message is refused with its registry code and offending field") {
  const std::string big_sdp = "v=0" + std::string(70 * 1024, 'a');
  std::string many_lines = "v=0";
  for (int i = 0; i < 1001; ++i) many_lines += "\\na=x";
  const std::vector<BadCase> cases{
      // not JSON / not an object
      {"", Errc::bad_json, ""},
      {"{", Errc::bad_json, ""},
      {"{\"type\":\"offer\",}", Errc::bad_json, ""},
      {"nul", Errc::bad_json, ""},
      {"{'type':'offer'}", Errc::bad_json, ""},
      {"{\"type\":\"offer\"} trailing", Errc::bad_json, ""},
      {"\"\xff\xfe\"", Errc::bad_json, ""},
      {"{\"type\":\"hangup\",\"session\":\"a\",\"reason\":\"\xc3\x28\"}", Errc::bad_json, ""},
      {"[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", Errc::bad_json, ""},
      {"{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":1}}}}}}}}}", Errc::bad_json, ""},
      {"[]", Errc::bad_message, ""},
      {"42", Errc::bad_message, ""},
      {"\"offer\"", Errc::bad_message, ""},
      {"null", Errc::bad_message, ""},
      {"true", Errc::bad_message, ""},
      // type
      {"{}", Errc::missing_field, "type"},
      {"{\"id\":1}", Errc::missing_field, "type"},
      {"{\"type\":7}", Errc::bad_field, "type"},
      {"{\"type\":null}", Errc::bad_field, "type"},
      {"{\"type\":[\"offer\"]}", Errc::bad_field, "type"},
      {"{\"type\":\"call\"}", Errc::bad_message, "type"},
      {"{\"type\":\"OFFER\"}", Errc::bad_message, "type"},
      {"{\"type\":\"welcome\"}", Errc::bad_message, "type"},
      {"{\"type\":\"\"}", Errc::bad_message, "type"},
      // id
      {"{\"type\":\"accept\",\"session\":\"s\",\"id\":{}}", Errc::bad_field, "id"},
      {"{\"type\":\"accept\",\"session\":\"s\",\"id\":1.5}", Errc::bad_field, "id"},
      {"{\"type\":\"accept\",\"session\":\"s\",\"id\":true}", Errc::bad_field, "id"},
      {"{\"type\":\"accept\",\"session\":\"s\",\"id\":\"" + std::string(129, 'x') + "\"}", Errc::bad_field, "id"},
      // session
      {"{\"type\":\"accept\"}", Errc::missing_field, "session"},
      {"{\"type\":\"accept\",\"session\":5}", Errc::bad_field, "session"},
      {"{\"type\":\"accept\",\"session\":\"\"}", Errc::bad_field, "session"},
      {"{\"type\":\"accept\",\"session\":\"a b\"}", Errc::bad_field, "session"},
      {"{\"type\":\"accept\",\"session\":\"a/b\"}", Errc::bad_field, "session"},
      {"{\"type\":\"accept\",\"session\":\"" + std::string(65, 's') + "\"}", Errc::bad_field, "session"},
      {"{\"type\":\"ringing\",\"session\":\"\xc3\xa9t\xc3\xa9\"}", Errc::bad_field, "session"},
      {"{\"type\":\"hangup\",\"session\":null}", Errc::bad_field, "session"},
      // offer
      {"{\"type\":\"offer\",\"session\":\"s\",\"sdp\":\"" + kSdp + "\"}", Errc::missing_field, "to"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":5,\"sdp\":\"" + kSdp + "\"}", Errc::bad_field, "to"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\"}", Errc::missing_field, "sdp"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":{}}", Errc::bad_field, "sdp"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":\"\"}", Errc::bad_field, "sdp"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":\"o=- 1 2\"}", Errc::bad_field, "sdp"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":\"v=0\\u0000\"}", Errc::bad_field, "sdp"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":\"" + many_lines + "\"}", Errc::sdp_too_big, "sdp"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":\"" + kSdp + "\",\"media\":true}", Errc::bad_field, "media"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":\"" + kSdp + "\",\"media\":{\"audio\":1}}", Errc::bad_field, "media.audio"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":\"" + kSdp + "\",\"media\":{\"video\":\"yes\"}}", Errc::bad_field, "media.video"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":\"" + kSdp + "\",\"media\":{\"data\":null}}", Errc::bad_field, "media.data"},
      {"{\"type\":\"offer\",\"session\":\"s\",\"to\":\"bob@x\",\"sdp\":\"" + big_sdp + "\"}", Errc::message_too_big, ""},
      // info
      {"{\"type\":\"info\",\"session\":\"s\"}", Errc::missing_field, "info"},
      {"{\"type\":\"info\",\"session\":\"s\",\"info\":\"ringing\"}", Errc::bad_field, "info"},
      {"{\"type\":\"info\",\"session\":\"s\",\"info\":7}", Errc::bad_field, "info"},
      {"{\"type\":\"info\",\"session\":\"s\",\"info\":\"mute\",\"mid\":\"a b\"}", Errc::bad_field, "mid"},
      // answer
      {"{\"type\":\"answer\",\"session\":\"s\"}", Errc::missing_field, "sdp"},
      {"{\"type\":\"answer\",\"session\":\"s\",\"sdp\":42}", Errc::bad_field, "sdp"},
      {"{\"type\":\"answer\",\"sdp\":\"" + kSdp + "\"}", Errc::missing_field, "session"},
      {"{\"type\":\"answer\",\"session\":\"s\",\"sdp\":\"x=0\"}", Errc::bad_field, "sdp"},
      // candidate
      {"{\"type\":\"candidate\",\"session\":\"s\"}", Errc::missing_field, "candidate"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":\"candidate:1 1 udp 1 1.2.3.4 5 typ host\"}", Errc::bad_field, "candidate"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":[]}", Errc::bad_field, "candidate"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{}}", Errc::missing_field, "candidate.candidate"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":7,\"sdpMid\":\"0\"}}", Errc::bad_field, "candidate.candidate"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"a=candidate:1\",\"sdpMid\":\"0\"}}", Errc::bad_field, "candidate.candidate"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"candidate:1\\r\\na=x\",\"sdpMid\":\"0\"}}", Errc::bad_field, "candidate.candidate"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"candidate:" + std::string(1100, '1') + "\",\"sdpMid\":\"0\"}}", Errc::bad_field, "candidate.candidate"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 1.2.3.4 5 typ host\"}}", Errc::bad_field, "candidate"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMid\":0}}", Errc::bad_field, "candidate.sdpMid"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMLineIndex\":-1}}", Errc::bad_field, "candidate.sdpMLineIndex"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMLineIndex\":70000}}", Errc::bad_field, "candidate.sdpMLineIndex"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMLineIndex\":\"0\"}}", Errc::bad_field, "candidate.sdpMLineIndex"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMLineIndex\":0.5}}", Errc::bad_field, "candidate.sdpMLineIndex"},
      {"{\"type\":\"candidate\",\"session\":\"s\",\"candidate\":{\"candidate\":\"candidate:1\",\"sdpMid\":\"0\",\"usernameFragment\":5}}", Errc::bad_field, "candidate.usernameFragment"},
      // reject / hangup reasons
      {"{\"type\":\"hangup\",\"session\":\"s\",\"reason\":\"bye\"}", Errc::bad_field, "reason"},
      {"{\"type\":\"hangup\",\"session\":\"s\",\"reason\":3}", Errc::bad_field, "reason"},
      {"{\"type\":\"hangup\",\"session\":\"s\",\"reason\":\"answered-elsewhere\"}", Errc::bad_field, "reason"},
      {"{\"type\":\"reject\",\"session\":\"s\",\"reason\":\"Busy\"}", Errc::bad_field, "reason"},
      {"{\"type\":\"reject\",\"session\":\"s\",\"reason\":null}", Errc::bad_field, "reason"},
      // auth
      {"{\"type\":\"auth\"}", Errc::missing_field, "token"},
      {"{\"type\":\"auth\",\"token\":5}", Errc::bad_field, "token"},
      {"{\"type\":\"auth\",\"token\":\"\"}", Errc::bad_field, "token"},
      {"{\"type\":\"auth\",\"token\":\"" + std::string(4097, 'a') + "\"}", Errc::bad_field, "token"},
  };
  REQUIRE(cases.size() >= 50);
  for (const auto& c : cases) {
    INFO(c.text.substr(0, 200));
    Parsed p = parse_client_message(c.text);
    REQUIRE(std::holds_alternative<BadMessage>(p));
    const auto& bad = std::get<BadMessage>(p);
    CHECK(face(bad.code).json_code == face(c.code).json_code);
    CHECK(bad.field == c.field);
    CHECK_FALSE(bad.message.empty());
  }
}

TEST_CASE("a refused message's error reply echoes its id and session") {
  Parsed p = parse_client_message(R"({"type":"answer","id":"q7","session":"call-1","sdp":"nope"})");
  const auto& bad = std::get<BadMessage>(p);
  const auto reply = nlohmann::json::parse(write_error(bad));
  CHECK(reply["type"] == "error");
  CHECK(reply["code"] == "bad-field");
  CHECK(reply["field"] == "sdp");
  CHECK(reply["id"] == "q7");
  CHECK(reply["session"] == "call-1");
  auto numeric = std::get<BadMessage>(parse_client_message(R"({"type":"nope","id":42})"));
  CHECK(nlohmann::json::parse(write_error(numeric))["id"] == 42);
}

TEST_CASE("an offer without media takes it from the SDP's m= lines") {
  auto m = parse_ok(R"({"type":"offer","session":"a.b~c-d_e","to":"bob@call.a.test","sdp":")" + kSdp +
                    R"(m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"})");
  CHECK(m.type == MessageType::offer);
  CHECK(m.media == Media{true, false, true});
  CHECK(m.to == "bob@call.a.test");
  auto given = parse_ok(R"({"type":"offer","session":"s","to":"b@x","sdp":"v=0","media":{"video":true}})");
  CHECK(given.media == Media{false, true, false});
}

TEST_CASE("candidate null means end of candidates and unknown fields are ignored") {
  auto end = parse_ok(R"({"type":"candidate","session":"s","candidate":null,"future":{"x":1}})");
  CHECK_FALSE(end.candidate.has_value());
  auto c = parse_ok(R"({"type":"candidate","session":"s","candidate":{"candidate":"","sdpMid":"0"}})");
  REQUIRE(c.candidate);
  CHECK(c.candidate->candidate.empty());
}

TEST_CASE("every client message written and read again is the same message") {
  const std::vector<std::string> samples{
      R"({"type":"offer","id":"1","session":"s1","to":"bob@call.a.test/r","sdp":")" + kSdp + R"(","media":{"audio":true,"video":false,"data":true}})",
      R"({"type":"answer","id":2,"session":"s1","sdp":"v=0\r\n\"quoted\"\t\\"})",
      R"({"type":"candidate","session":"s1","candidate":{"candidate":"candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"uf"}})",
      R"({"type":"candidate","session":"s1","candidate":null})",
      R"({"type":"accept","session":"s1"})",
      R"({"type":"reject","session":"s1","reason":"busy"})",
      R"({"type":"ringing","session":"s1"})",
      R"({"type":"hangup","session":"s1","reason":"failed-application"})",
      R"({"type":"hangup","session":"s1"})",
      R"({"type":"auth","token":"a.b.c"})",
      R"({"type":"presence"})",
  };
  for (const auto& s : samples) {
    INFO(s);
    const ClientMessage m = parse_ok(s);
    CHECK(parse_ok(write_client_message(m)) == m);
  }
}

TEST_CASE("relayed messages carry the SDP byte for byte and escape control characters") {
  const std::string sdp = "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\na=x:\"q\"\\\x01\r\n";
  const auto j = nlohmann::json::parse(write_offer("s", "alice@call.a.test/r1", sdp, Media{true, true, false}));
  CHECK(j["sdp"] == sdp);
  CHECK(j["from"] == "alice@call.a.test/r1");
  CHECK(j["media"]["video"] == true);
  const auto h = nlohmann::json::parse(write_hangup("s", "b@x/y", HangupReason::answered_elsewhere));
  CHECK(h["reason"] == "answered-elsewhere");
}

TEST_CASE("hangup reasons are the XEP-0166 condition names") {
  for (auto r : {HangupReason::success, HangupReason::busy, HangupReason::decline, HangupReason::gone,
                 HangupReason::failed_application, HangupReason::unsupported_transports})
    CHECK(parse_hangup_reason(name_of(r)) == r);
  CHECK(name_of(HangupReason::failed_transport) == "failed-transport");
  CHECK_FALSE(parse_hangup_reason("hangup"));
}

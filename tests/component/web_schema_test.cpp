// docs/protocol.schema.json describes what the gateway really writes: every serializer's output
// is checked against its definition (type, required, properties, const, enum, pattern-free subset).
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "component/web/presence_protocol.hpp"
#include "component/web/protocol.hpp"

using namespace jinglegate;
using namespace jinglegate::component::web;
using nlohmann::json;

namespace {
const json& schema() {
  static const json s = [] {
    std::ifstream in(JG_SOURCE_DIR "/docs/protocol.schema.json");
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str());
  }();
  return s;
}

const json& resolve(const json& node) {
  if (!node.contains("$ref")) return node;
  const std::string ref = node["$ref"];
  REQUIRE(ref.rfind("#/$defs/", 0) == 0);
  return schema()["$defs"].at(ref.substr(8));
}

bool has_type(const json& v, const std::string& t) {
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_array();
  if (t == "string") return v.is_string();
  if (t == "integer") return v.is_number_integer();
  if (t == "number") return v.is_number();
  if (t == "boolean") return v.is_boolean();
  if (t == "null") return v.is_null();
  return false;
}

// A subset of JSON Schema 2020-12: enough for our own schema, which uses nothing else.
void check(const json& value, const json& node_in, const std::string& where) {
  const json& node = resolve(node_in);
  INFO(where << " = " << value.dump().substr(0, 120));
  if (node.contains("type")) {
    bool ok = false;
    if (node["type"].is_array()) {
      for (const auto& t : node["type"]) ok = ok || has_type(value, t);
    } else {
      ok = has_type(value, node["type"]);
    }
    CHECK(ok);
    if (!ok) return;
  }
  if (node.contains("const")) CHECK(value == node["const"]);
  if (node.contains("enum")) CHECK(std::find(node["enum"].begin(), node["enum"].end(), value) != node["enum"].end());
  if (value.is_object()) {
    for (const auto& r : node.value("required", json::array())) CHECK(value.contains(r.get<std::string>()));
    const json props = node.value("properties", json::object());
    for (const auto& [k, v] : value.items()) {
      INFO("property " << k);
      CHECK(props.contains(k));  // the gateway writes nothing the schema does not document
      if (props.contains(k)) check(v, props[k], where + "." + k);
    }
  }
  if (value.is_array() && node.contains("items"))
    for (const auto& item : value) check(item, node["items"], where + "[]");
}

void check_as(const std::string& def, const std::string& text) {
  check(json::parse(text), schema()["$defs"].at(def), def);
}
}  // namespace

TEST_CASE("every gateway-to-client message matches its schema definition") {
  Welcome w;
  w.jid = "alice@call.a.test/r1";
  w.ice_servers = {IceServer{{"stun:127.0.0.1:3478"}, "", "", 0},
                   IceServer{{"turn:127.0.0.1:3478?transport=udp"}, "1700000000:alice", "pw", 1700000000}};
  w.max_message_bytes = 65536;
  w.rate_per_second = 20;
  w.rate_burst = 60;
  w.max_calls = 4;
  w.idle_timeout_s = 60;
  check_as("server.welcome", write_welcome(w));
  check_as("server.incoming", write_incoming("s1", "alice@call.a.test/r1", Media{true, true, false}));
  check_as("server.offer", write_offer("s1", "alice@call.a.test/r1", "v=0\r\n", Media{true, false, true}));
  check_as("server.answer", write_answer("s1", "bob@call.a.test/r2", "v=0\r\n"));
  check_as("server.answer", write_answer("s1", "bob@a.test/pc", "v=0\r\n", PeerSummary{"dino", false}));
  check_as("server.offer", write_offer("s1", "bob@a.test/pc", "v=0\r\n", Media{true, true, false}, PeerSummary{"conversations", true}));
  check_as("server.candidate", write_candidate("s1", "bob@call.a.test/r2", CandidateInit{"candidate:1", "0", 0, "uf"}));
  check_as("server.candidate", write_candidate("s1", "bob@call.a.test/r2", std::nullopt));
  check_as("server.ringing", write_ringing("s1", "bob@call.a.test/r2"));
  check_as("server.hangup", write_hangup("s1", "bob@call.a.test/r2", HangupReason::answered_elsewhere));
  check_as("server.info", write_info("s1", "bob@a.test/phone", CallInfo::mute, "0"));
  check_as("server.info", write_info("s1", "bob@a.test/phone", CallInfo::hold));
  check_as("server.error", write_error(Errc::bad_field, "sdp must start with v=0", "sdp", "\"q1\"", "s1"));
  check_as("server.error", write_error(Errc::bad_json, "not JSON"));
  check_as("server.ice-servers", write_ice_servers(w.ice_servers));
  check_as("server.ice-servers", write_ice_servers({}));
  check_as("server.shutdown", write_shutdown("the gateway is shutting down"));
}

TEST_CASE("every client message the client library's shape produces matches its schema definition") {
  const std::vector<std::string> samples{
      R"({"type":"offer","id":1,"session":"s1","to":"bob@call.a.test","sdp":"v=0\r\n","media":{"audio":true}})",
      R"({"type":"answer","id":"a","session":"s1","sdp":"v=0\r\n"})",
      R"({"type":"candidate","session":"s1","candidate":{"candidate":"candidate:1","sdpMid":"0","sdpMLineIndex":0}})",
      R"({"type":"candidate","session":"s1","candidate":null})",
      R"({"type":"accept","session":"s1"})",
      R"({"type":"reject","session":"s1","reason":"busy"})",
      R"({"type":"ringing","session":"s1"})",
      R"({"type":"hangup","session":"s1","reason":"success"})",
      R"({"type":"info","session":"s1","info":"mute","mid":"0"})",
      R"({"type":"info","session":"s1","info":"hold"})",
      R"({"type":"auth","token":"a.b.c"})",
      R"({"type":"presence"})",
  };
  for (const auto& s : samples) {
    const auto m = std::get<ClientMessage>(parse_client_message(s));
    check_as("client." + std::string(name_of(m.type)), write_client_message(m));
  }
}

TEST_CASE("the schema lists every message type and every hangup reason of the code") {
  for (int t = 0; t <= static_cast<int>(MessageType::directory); ++t)
    CHECK(schema()["$defs"].contains("client." + std::string(name_of(static_cast<MessageType>(t)))));
  const auto& reasons = schema()["$defs"]["server.hangup"]["properties"]["reason"]["enum"];
  for (int r = 0; r <= static_cast<int>(HangupReason::answered_elsewhere); ++r)
    CHECK(std::find(reasons.begin(), reasons.end(), name_of(static_cast<HangupReason>(r))) != reasons.end());
  const auto& infos = schema()["$defs"]["info"]["enum"];
  for (int i = 0; i <= static_cast<int>(CallInfo::unmute); ++i)
    CHECK(std::find(infos.begin(), infos.end(), name_of(static_cast<CallInfo>(i))) != infos.end());
}

// --- presence and rosters (issue 6) ---------------------------------------------------------------
TEST_CASE("every presence message of the gateway matches its schema definition") {
  namespace pr = jinglegate::presence;
  pr::RosterUpdate full{{pr::RosterItem{"bob@a.test", "Bob", pr::SubState::from_pending_out, false},
                         pr::RosterItem{"carol@b.test", "", pr::SubState::both, false}},
                        {"dave@b.test"},
                        true};
  check_as("server.roster", write_roster(full, "7"));
  check_as("server.roster", write_roster(pr::RosterUpdate{}));
  pr::ContactUpdate up{"bob@a.test/dino", true, {pr::Show::dnd, "busy", -1}, pr::Capabilities{true, true, false, true}};
  check_as("server.presence", write_contact_presence(up));
  up.caps.reset();
  check_as("server.presence", write_contact_presence(up));
  check_as("server.presence", write_contact_presence(pr::ContactUpdate{"bob@a.test/dino", false, {}, {}}));
  check_as("server.subscription-request", write_subscription_request({"bob@a.test", "hi"}));
  pr::Directory d;
  d.mode = pr::DirectoryMode::domain;
  d.users = {{"bob@call.a.test", {"w1", "w2"}}};
  check_as("server.directory", write_directory(d, "\"d1\""));
}

TEST_CASE("every presence message of the client matches its schema definition") {
  for (const char* s : {R"({"type":"presence","show":"away","status":"lunch"})", R"({"type":"presence"})",
                        R"({"type":"subscribe","to":"bob@a.test","name":"Bob"})", R"({"type":"unsubscribe","to":"bob@a.test"})",
                        R"({"type":"approve","jid":"bob@a.test"})", R"({"type":"deny","jid":"bob@a.test"})",
                        R"({"type":"remove","jid":"bob@a.test"})", R"({"type":"roster","id":3})",
                        R"({"type":"directory"})"}) {
    const auto m = std::get<ClientMessage>(parse_client_message(s));
    check_as("client." + std::string(name_of(m.type)), write_client_message(m));
  }
}

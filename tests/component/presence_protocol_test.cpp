// The presence messages of the browser protocol: what the gateway reads from the client and
// writes back (docs/protocol.md, "Presence and rosters").
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "component/web/presence_protocol.hpp"
#include "component/web/protocol.hpp"

using namespace jinglegate;
using namespace jinglegate::component::web;
namespace pr = jinglegate::presence;
using nlohmann::json;

namespace {
ClientMessage good(const char* text) {
  auto p = parse_client_message(text);
  REQUIRE(std::holds_alternative<ClientMessage>(p));
  return std::get<ClientMessage>(p);
}
BadMessage bad(const std::string& text) {
  auto p = parse_client_message(text);
  REQUIRE(std::holds_alternative<BadMessage>(p));
  return std::get<BadMessage>(p);
}
}  // namespace

TEST_CASE("presence messages of the client are read with their fields and written back the same") {
  auto m = good(R"({"type":"subscribe","id":4,"to":"bob@a.test","name":"Bob"})");
  CHECK(m.type == MessageType::subscribe);
  CHECK(m.id == "4");
  CHECK(m.presence == PresenceRequest{"bob@a.test", "Bob", "", ""});
  CHECK(good(R"({"type":"presence","show":"dnd","status":"in a call"})").presence == PresenceRequest{"", "", "dnd", "in a call"});
  CHECK(good(R"({"type":"approve","jid":"bob@a.test"})").presence.jid == "bob@a.test");
  CHECK(good(R"({"type":"deny","jid":"bob@a.test"})").type == MessageType::deny);
  CHECK(good(R"({"type":"remove","jid":"bob@a.test"})").type == MessageType::remove);
  CHECK(good(R"({"type":"unsubscribe","to":"bob@a.test"})").presence.jid == "bob@a.test");
  CHECK(good(R"({"type":"roster","id":"r"})").type == MessageType::roster);
  CHECK(good(R"({"type":"directory"})").type == MessageType::directory);
  for (const char* text : {R"({"type":"subscribe","to":"bob@a.test","name":"Bob"})", R"({"type":"presence","show":"away"})",
                           R"({"type":"deny","id":"x","jid":"bob@a.test"})", R"({"type":"directory","id":1})"}) {
    const auto once = good(text);
    CHECK(std::get<ClientMessage>(parse_client_message(write_client_message(once))) == once);
  }
}

TEST_CASE("bad presence messages get precise errors") {
  struct Case {
    std::string text;
    Errc code;
    std::string field;
  };
  const std::vector<Case> cases{
      {R"({"type":"subscribe"})", Errc::missing_field, "to"},
      {R"({"type":"subscribe","to":7})", Errc::bad_field, "to"},
      {R"({"type":"subscribe","to":"not a jid@"})", Errc::bad_field, "to"},
      {R"({"type":"subscribe","to":"bob@a.test","name":"a\u0001b"})", Errc::bad_field, "name"},
      {R"({"type":"approve","to":"bob@a.test"})", Errc::missing_field, "jid"},
      {R"({"type":"presence","show":"busy"})", Errc::bad_field, "show"},
      {R"({"type":"presence","status":"a\u0000"})", Errc::bad_field, "status"},
      {R"({"type":"presence","status":")" + std::string(1025, 'x') + R"("})", Errc::bad_field, "status"},
      {R"({"type":"unsubscribe","to":")" + std::string(4000, 'x') + R"("})", Errc::bad_field, "to"},
  };
  for (const auto& c : cases) {
    INFO(c.text.substr(0, 80));
    const auto b = bad(c.text);
    CHECK(b.code == c.code);
    CHECK(b.field == c.field);
  }
  // A status with tabs and newlines is fine: XML carries them.
  CHECK(good("{\"type\":\"presence\",\"status\":\"a\\tb\\nc\"}").presence.status == "a\tb\nc");
}

TEST_CASE("the roster message lists items with subscription and ask; removals say remove") {
  pr::RosterUpdate u{{pr::RosterItem{"bob@a.test", "Bob", pr::SubState::none_pending_out, false},
                      pr::RosterItem{"carol@b.test", "", pr::SubState::both, false}},
                     {"dave@b.test"},
                     false};
  const json j = json::parse(write_roster(u));
  CHECK(j == json::parse(R"({"type":"roster","full":false,"items":[
      {"jid":"bob@a.test","name":"Bob","subscription":"none","ask":"subscribe"},
      {"jid":"carol@b.test","subscription":"both"},
      {"jid":"dave@b.test","subscription":"remove"}]})"));
  CHECK(json::parse(write_roster(pr::RosterUpdate{{}, {}, true}, "\"r1\""))["id"] == "r1");
}

TEST_CASE("a contact's presence carries its call capability, or null while it is being learnt") {
  pr::ContactUpdate u{"bob@a.test/dino", true, {pr::Show::away, "back soon", 5}, pr::Capabilities{true, false, false, true}};
  CHECK(json::parse(write_contact_presence(u)) ==
        json::parse(R"({"type":"presence","from":"bob@a.test/dino","available":true,"show":"away","status":"back soon",
                        "priority":5,"caps":{"audio":true,"video":false,"data":false,"jmi":true}})"));
  u.caps.reset();
  u.info = {};
  CHECK(json::parse(write_contact_presence(u)) ==
        json::parse(R"({"type":"presence","from":"bob@a.test/dino","available":true,"show":"available","caps":null})"));
  CHECK(json::parse(write_contact_presence(pr::ContactUpdate{"bob@a.test/dino", false, {}, {}})) ==
        json::parse(R"({"type":"presence","from":"bob@a.test/dino","available":false})"));
}

TEST_CASE("subscription requests and the directory are written as documented") {
  CHECK(json::parse(write_subscription_request({"bob@a.test", "hello"})) ==
        json::parse(R"({"type":"subscription-request","from":"bob@a.test","status":"hello"})"));
  CHECK(json::parse(write_subscription_request({"bob@a.test", ""})) ==
        json::parse(R"({"type":"subscription-request","from":"bob@a.test"})"));
  pr::Directory d;
  d.mode = pr::DirectoryMode::contacts;
  d.users = {{"bob@call.a.test", {"w1"}}};
  d.truncated = true;
  CHECK(json::parse(write_directory(d, "2")) ==
        json::parse(R"({"type":"directory","id":2,"mode":"contacts","users":[{"jid":"bob@call.a.test","resources":["w1"]}],
                        "truncated":true})"));
}

TEST_CASE("the presence family is recognised as such") {
  for (auto t : {MessageType::presence, MessageType::subscribe, MessageType::unsubscribe, MessageType::approve,
                 MessageType::deny, MessageType::remove, MessageType::roster, MessageType::directory})
    CHECK(is_presence_type(t));
  for (auto t : {MessageType::offer, MessageType::auth, MessageType::hangup}) CHECK_FALSE(is_presence_type(t));
}

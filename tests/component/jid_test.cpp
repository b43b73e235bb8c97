// Tests of JID splitting and the domain rule the router applies to every address.
#include <catch2/catch.hpp>

#include "component/xmpp/jid.hpp"

using namespace jinglegate;
using namespace jinglegate::component::xmpp;

TEST_CASE("a JID splits into local part, domain and resource (RFC 7622 §3.1)") {
  auto j = parse_jid("alice@Call.A.test/web/1@x");
  REQUIRE(j.ok());
  CHECK(j->local == "alice");
  CHECK(j->domain == "call.a.test");
  CHECK(j->resource == "web/1@x");  // the resource starts at the first slash and may hold both
  CHECK(j->str() == "alice@call.a.test/web/1@x");
  CHECK(j->bare().str() == "alice@call.a.test");
  CHECK(parse_jid("call.a.test")->str() == "call.a.test");
  CHECK(parse_jid("call.a.test./r")->domain == "call.a.test");
}

TEST_CASE("malformed JIDs are bad_jid") {
  for (const char* s : {"", "@d", "a@", "a@d/", "/r", "a b@d", "a\"b@d", "a@b@c", "a@d d", "a@d..", "a@.d", "a@d..e", "."}) {
    INFO(s);
    auto j = parse_jid(s);
    REQUIRE_FALSE(j.ok());
    CHECK(j.error().code == Errc::bad_jid);
  }
  CHECK_FALSE(parse_jid(std::string(1024, 'a') + "@d").ok());
}

TEST_CASE("only the domain itself and addresses under it are in our domain") {
  CHECK(in_domain(*parse_jid("call.a.test"), "call.a.test"));
  CHECK(in_domain(*parse_jid("u@call.a.test/r"), "call.a.test"));
  CHECK_FALSE(in_domain(*parse_jid("x.call.a.test"), "call.a.test"));
  CHECK_FALSE(in_domain(*parse_jid("call.a.test@a.test"), "call.a.test"));
}

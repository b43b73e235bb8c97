// The error registry gives every Errc a complete, distinct face.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "component/errors.hpp"

using namespace jinglegate;
using namespace jinglegate::component;

TEST_CASE("every error code has a complete and distinct registry entry") {
  const std::set<std::string_view> types{"cancel", "continue", "modify", "auth", "wait"};
  std::set<std::string_view> json_codes;
  for (const auto& f : error_registry()) {
    INFO(f.json_code);
    CHECK(types.count(f.xmpp_type) == 1);
    CHECK_FALSE(f.xmpp_condition.empty());
    CHECK_FALSE(f.text.empty());
    CHECK(f.app_ns.empty() == f.app_condition.empty());
    CHECK(json_codes.insert(f.json_code).second);
    CHECK(&face(f.code) == &f);
  }
}

TEST_CASE("describe names the code, the detail and the line") {
  CHECK(describe(Error{Errc::bad_sdp_line, "m= needs 4 fields", 7}) == "bad-sdp-line: m= needs 4 fields (line 7)");
  CHECK(describe(Error{Errc::unknown_session, "", 0}) == "unknown-session: no such Jingle session");
}

// The XEP-0166 session state machine: every (state, action) pair, both directions, both roles.
#include <catch2/catch.hpp>

#include <array>
#include <map>
#include <string>

#include "jingle/session_fsm.hpp"

using namespace jinglegate;
using namespace jinglegate::jingle;

namespace {

// Outcome codes: a state name, or o = out-of-order, u = unknown-session, t = tie-break.
const std::map<std::string, SessionState> kStates{
    {"N", SessionState::none},   {"P", SessionState::pending}, {"A", SessionState::active},
    {"LA", SessionState::local_content_add}, {"RA", SessionState::remote_content_add},
    {"LT", SessionState::local_transport_replace}, {"RT", SessionState::remote_transport_replace},
    {"E", SessionState::ended},
};

// One row: the four outcomes of an action in a state, in the order
// [received as initiator, sent as initiator, received as responder, sent as responder].
struct Row {
  const char* state;
  Action action;
  std::array<const char*, 4> outcome;
};

using A = Action;
// XEP-0166 §5.1 with the bridge's one restriction (no renegotiation before active) and §7.2.16.
const Row kTable[] = {
    // none: only a session-initiate from the initiator starts a session.
    {"N", A::session_initiate, {"o", "P", "P", "o"}},
    // pending
    {"P", A::content_accept, {"o", "o", "o", "o"}},
    {"P", A::content_add, {"o", "o", "o", "o"}},
    {"P", A::content_modify, {"o", "o", "o", "o"}},
    {"P", A::content_reject, {"o", "o", "o", "o"}},
    {"P", A::content_remove, {"o", "o", "o", "o"}},
    {"P", A::description_info, {"P", "P", "P", "P"}},
    {"P", A::security_info, {"P", "P", "P", "P"}},
    {"P", A::session_accept, {"A", "o", "o", "A"}},
    {"P", A::session_info, {"P", "P", "P", "P"}},
    {"P", A::session_initiate, {"t", "o", "o", "o"}},
    {"P", A::session_terminate, {"E", "E", "E", "E"}},
    {"P", A::transport_accept, {"o", "o", "o", "o"}},
    {"P", A::transport_info, {"P", "P", "P", "P"}},
    {"P", A::transport_reject, {"o", "o", "o", "o"}},
    {"P", A::transport_replace, {"o", "o", "o", "o"}},
    {"P", A::source_add, {"o", "o", "o", "o"}},
    {"P", A::source_remove, {"o", "o", "o", "o"}},
    // active
    {"A", A::content_accept, {"o", "o", "o", "o"}},
    {"A", A::content_add, {"RA", "LA", "RA", "LA"}},
    {"A", A::content_modify, {"A", "A", "A", "A"}},
    {"A", A::content_reject, {"o", "o", "o", "o"}},
    {"A", A::content_remove, {"A", "A", "A", "A"}},
    {"A", A::description_info, {"A", "A", "A", "A"}},
    {"A", A::security_info, {"A", "A", "A", "A"}},
    {"A", A::session_accept, {"o", "o", "o", "o"}},
    {"A", A::session_info, {"A", "A", "A", "A"}},
    {"A", A::session_initiate, {"o", "o", "o", "o"}},
    {"A", A::session_terminate, {"E", "E", "E", "E"}},
    {"A", A::transport_accept, {"o", "o", "o", "o"}},
    {"A", A::transport_info, {"A", "A", "A", "A"}},
    {"A", A::transport_reject, {"o", "o", "o", "o"}},
    {"A", A::transport_replace, {"RT", "LT", "RT", "LT"}},
    {"A", A::source_add, {"A", "A", "A", "A"}},
    {"A", A::source_remove, {"A", "A", "A", "A"}},
    // our content-add awaits an answer
    {"LA", A::content_accept, {"A", "o", "A", "o"}},
    {"LA", A::content_add, {"t", "o", "RA", "o"}},
    {"LA", A::content_modify, {"LA", "LA", "LA", "LA"}},
    {"LA", A::content_reject, {"A", "o", "A", "o"}},
    {"LA", A::content_remove, {"LA", "A", "LA", "A"}},
    {"LA", A::description_info, {"LA", "LA", "LA", "LA"}},
    {"LA", A::security_info, {"LA", "LA", "LA", "LA"}},
    {"LA", A::session_accept, {"o", "o", "o", "o"}},
    {"LA", A::session_info, {"LA", "LA", "LA", "LA"}},
    {"LA", A::session_initiate, {"o", "o", "o", "o"}},
    {"LA", A::session_terminate, {"E", "E", "E", "E"}},
    {"LA", A::transport_accept, {"o", "o", "o", "o"}},
    {"LA", A::transport_info, {"LA", "LA", "LA", "LA"}},
    {"LA", A::transport_reject, {"o", "o", "o", "o"}},
    {"LA", A::transport_replace, {"t", "o", "RT", "o"}},
    {"LA", A::source_add, {"LA", "LA", "LA", "LA"}},
    {"LA", A::source_remove, {"LA", "LA", "LA", "LA"}},
    // the peer's content-add awaits our answer
    {"RA", A::content_accept, {"o", "A", "o", "A"}},
    {"RA", A::content_add, {"o", "o", "o", "o"}},
    {"RA", A::content_modify, {"RA", "RA", "RA", "RA"}},
    {"RA", A::content_reject, {"o", "A", "o", "A"}},
    {"RA", A::content_remove, {"A", "RA", "A", "RA"}},
    {"RA", A::description_info, {"RA", "RA", "RA", "RA"}},
    {"RA", A::security_info, {"RA", "RA", "RA", "RA"}},
    {"RA", A::session_accept, {"o", "o", "o", "o"}},
    {"RA", A::session_info, {"RA", "RA", "RA", "RA"}},
    {"RA", A::session_initiate, {"o", "o", "o", "o"}},
    {"RA", A::session_terminate, {"E", "E", "E", "E"}},
    {"RA", A::transport_accept, {"o", "o", "o", "o"}},
    {"RA", A::transport_info, {"RA", "RA", "RA", "RA"}},
    {"RA", A::transport_reject, {"o", "o", "o", "o"}},
    {"RA", A::transport_replace, {"o", "o", "o", "o"}},
    {"RA", A::source_add, {"RA", "RA", "RA", "RA"}},
    {"RA", A::source_remove, {"RA", "RA", "RA", "RA"}},
    // our transport-replace awaits an answer
    {"LT", A::content_accept, {"o", "o", "o", "o"}},
    {"LT", A::content_add, {"t", "o", "RA", "o"}},
    {"LT", A::content_modify, {"LT", "LT", "LT", "LT"}},
    {"LT", A::content_reject, {"o", "o", "o", "o"}},
    {"LT", A::content_remove, {"LT", "LT", "LT", "LT"}},
    {"LT", A::description_info, {"LT", "LT", "LT", "LT"}},
    {"LT", A::security_info, {"LT", "LT", "LT", "LT"}},
    {"LT", A::session_accept, {"o", "o", "o", "o"}},
    {"LT", A::session_info, {"LT", "LT", "LT", "LT"}},
    {"LT", A::session_initiate, {"o", "o", "o", "o"}},
    {"LT", A::session_terminate, {"E", "E", "E", "E"}},
    {"LT", A::transport_accept, {"A", "o", "A", "o"}},
    {"LT", A::transport_info, {"LT", "LT", "LT", "LT"}},
    {"LT", A::transport_reject, {"A", "o", "A", "o"}},
    {"LT", A::transport_replace, {"t", "o", "RT", "o"}},
    {"LT", A::source_add, {"LT", "LT", "LT", "LT"}},
    {"LT", A::source_remove, {"LT", "LT", "LT", "LT"}},
    // the peer's transport-replace awaits our answer
    {"RT", A::content_accept, {"o", "o", "o", "o"}},
    {"RT", A::content_add, {"o", "o", "o", "o"}},
    {"RT", A::content_modify, {"RT", "RT", "RT", "RT"}},
    {"RT", A::content_reject, {"o", "o", "o", "o"}},
    {"RT", A::content_remove, {"RT", "RT", "RT", "RT"}},
    {"RT", A::description_info, {"RT", "RT", "RT", "RT"}},
    {"RT", A::security_info, {"RT", "RT", "RT", "RT"}},
    {"RT", A::session_accept, {"o", "o", "o", "o"}},
    {"RT", A::session_info, {"RT", "RT", "RT", "RT"}},
    {"RT", A::session_initiate, {"o", "o", "o", "o"}},
    {"RT", A::session_terminate, {"E", "E", "E", "E"}},
    {"RT", A::transport_accept, {"o", "A", "o", "A"}},
    {"RT", A::transport_info, {"RT", "RT", "RT", "RT"}},
    {"RT", A::transport_reject, {"o", "A", "o", "A"}},
    {"RT", A::transport_replace, {"o", "o", "o", "o"}},
    {"RT", A::source_add, {"RT", "RT", "RT", "RT"}},
    {"RT", A::source_remove, {"RT", "RT", "RT", "RT"}},
};

constexpr Action kAllActions[] = {
    A::content_accept,   A::content_add,      A::content_modify,   A::content_reject,    A::content_remove,
    A::description_info, A::security_info,    A::session_accept,   A::session_info,      A::session_initiate,
    A::session_terminate, A::transport_accept, A::transport_info,  A::transport_reject,  A::transport_replace,
    A::source_add,       A::source_remove,
};

std::string outcome(const Result<SessionState>& r) {
  if (r.ok()) {
    for (const auto& [code, s] : kStates)
      if (s == *r) return code;
    return "?";
  }
  switch (r.error().code) {
    case Errc::out_of_order: return "o";
    case Errc::unknown_session: return "u";
    case Errc::tie_break: return "t";
    default: return "error " + std::to_string(static_cast<int>(r.error().code));
  }
}

std::string ask(SessionState s, Action a, int column) {
  const Role self = column < 2 ? Role::initiator : Role::responder;
  const Direction d = column % 2 == 0 ? Direction::incoming : Direction::outgoing;
  const Role sender = d == Direction::outgoing ? self : other(self);
  return outcome(next(s, a, d, self, sender));
}

}  // namespace

TEST_CASE("session state machine: every action in every state, both ways, both roles") {
  std::size_t checked = 0;
  for (const auto& [code, state] : kStates) {
    for (Action a : kAllActions) {
      std::array<std::string, 4> expected;
      if (state == SessionState::ended) {
        expected = {"u", "u", "u", "u"};  // XEP-0166 §6.7: after session-terminate the sid is unknown
      } else if (state == SessionState::none && a != Action::session_initiate) {
        expected = {"u", "u", "u", "u"};
      } else {
        const Row* row = nullptr;
        for (const auto& r : kTable)
          if (r.state == code && r.action == a) row = &r;
        INFO(code << " " << action_name(a));
        REQUIRE(row != nullptr);
        for (int i = 0; i < 4; ++i) expected[i] = row->outcome[i];
      }
      for (int column = 0; column < 4; ++column) {
        INFO("state " << code << ", " << action_name(a) << ", column " << column);
        CHECK(ask(state, a, column) == expected[column]);
        ++checked;
      }
    }
  }
  CHECK(checked == 8 * 17 * 4);
}

TEST_CASE("an action whose sender role does not fit its direction is out of order") {
  // We are the responder and claim the peer (initiator) sent a session-accept "outgoing".
  auto r = next(SessionState::pending, Action::session_accept, Direction::outgoing, Role::responder, Role::initiator);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::out_of_order);
  r = next(SessionState::active, Action::transport_info, Direction::incoming, Role::initiator, Role::initiator);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::out_of_order);
}

TEST_CASE("errors name the action, the direction and the state") {
  auto r = next(SessionState::active, Action::session_accept, Direction::incoming, Role::initiator, Role::responder);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().detail == "session-accept received in state active");
  r = next(SessionState::local_content_add, Action::content_add, Direction::incoming, Role::initiator, Role::responder);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().detail.find("initiator's wins") != std::string::npos);
}

TEST_CASE("crossing initiates: the lower sid wins, then the lower JID (XEP-0166 §7.2.16)") {
  CHECK(ours_wins_crossing("a1", "alice@x/1", "b1", "bob@y/1"));
  CHECK_FALSE(ours_wins_crossing("b1", "alice@x/1", "a1", "bob@y/1"));
  // i;octet: upper case sorts before lower case, digits before letters, bytes above 127 last.
  CHECK(ours_wins_crossing("Z", "a", "a", "b"));
  CHECK(ours_wins_crossing("9", "a", "A", "b"));
  CHECK(ours_wins_crossing("a", "a", "\xc3\xa9", "b"));
  CHECK(ours_wins_crossing("ab", "a", "abc", "b"));  // a prefix sorts first
  // Equal sids: the lower JID.
  CHECK(ours_wins_crossing("same", "alice@x/1", "same", "bob@y/1"));
  CHECK_FALSE(ours_wins_crossing("same", "bob@y/1", "same", "alice@x/1"));
}

// The RFC 6121 §3 subscription state machine, over every (state, event) pair: RFC 6121
// Appendix A's tables, written out here in the RFC's own words.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "presence/subscription.hpp"

using namespace jinglegate::presence;

namespace {
// One RFC table: existing state -> new state ("" = no state change), and whether the stanza is
// routed (outbound) or delivered to the user (inbound).
struct Row {
  const char* existing;
  const char* next;  // "" = no state change
  bool passes;       // route? / deliver?
};

SubState state_named(const std::string& name) {
  for (int i = 0; i < kSubStates; ++i)
    if (name_of(static_cast<SubState>(i)) == name) return static_cast<SubState>(i);
  FAIL("no state " << name);
  return SubState::none;
}

void check_table(SubEvent event, const std::vector<Row>& rows, Effect passes_as) {
  REQUIRE(rows.size() == kSubStates);
  for (const auto& row : rows) {
    INFO(name_of(event) << " in " << row.existing);
    const SubState from = state_named(row.existing);
    const Transition t = next(from, event);
    CHECK(t.from == from);
    CHECK(name_of(t.to) == (std::string(row.next).empty() ? row.existing : row.next));
    CHECK(t.effects.has(passes_as) == row.passes);
  }
}
}  // namespace

TEST_CASE("outbound subscribe follows RFC 6121 A.2.1 and is always routed") {
  check_table(SubEvent::out_subscribe,
              {{"None", "None + Pending Out", true},
               {"None + Pending Out", "", true},
               {"None + Pending In", "None + Pending Out/In", true},
               {"None + Pending Out/In", "", true},
               {"To", "", true},
               {"To + Pending In", "", true},
               {"From", "From + Pending Out", true},
               {"From + Pending Out", "", true},
               {"Both", "", true}},
              Effect::route);
}

TEST_CASE("outbound unsubscribe follows RFC 6121 A.2.2 and is always routed") {
  check_table(SubEvent::out_unsubscribe,
              {{"None", "", true},
               {"None + Pending Out", "None", true},
               {"None + Pending In", "", true},
               {"None + Pending Out/In", "None + Pending In", true},
               {"To", "None", true},
               {"To + Pending In", "None + Pending In", true},
               {"From", "", true},
               {"From + Pending Out", "From", true},
               {"Both", "From", true}},
              Effect::route);
}

TEST_CASE("outbound subscribed follows RFC 6121 A.2.3: only a pending request is approved") {
  check_table(SubEvent::out_subscribed,
              {{"None", "", false},
               {"None + Pending Out", "", false},
               {"None + Pending In", "From", true},
               {"None + Pending Out/In", "From + Pending Out", true},
               {"To", "", false},
               {"To + Pending In", "Both", true},
               {"From", "", false},
               {"From + Pending Out", "", false},
               {"Both", "", false}},
              Effect::route);
}

TEST_CASE("outbound unsubscribed follows RFC 6121 A.2.4") {
  check_table(SubEvent::out_unsubscribed,
              {{"None", "", false},
               {"None + Pending Out", "", false},
               {"None + Pending In", "None", true},
               {"None + Pending Out/In", "None + Pending Out", true},
               {"To", "", false},
               {"To + Pending In", "To", true},
               {"From", "None", true},
               {"From + Pending Out", "None + Pending Out", true},
               {"Both", "To", true}},
              Effect::route);
}

TEST_CASE("inbound subscribe follows RFC 6121 A.3.1: a new request is asked of the user once") {
  check_table(SubEvent::in_subscribe,
              {{"None", "None + Pending In", true},
               {"None + Pending Out", "None + Pending Out/In", true},
               {"None + Pending In", "", false},
               {"None + Pending Out/In", "", false},
               {"To", "To + Pending In", true},
               {"To + Pending In", "", false},
               {"From", "", false},
               {"From + Pending Out", "", false},
               {"Both", "", false}},
              Effect::ask_user);
}

TEST_CASE("inbound subscribe from a subscriber is confirmed without asking (RFC 6121 §3.1.3)") {
  for (auto s : {SubState::from, SubState::from_pending_out, SubState::both})
    CHECK(next(s, SubEvent::in_subscribe).effects == Effects{Effect::reply_subscribed});
  for (auto s : {SubState::none, SubState::to, SubState::none_pending_in})
    CHECK_FALSE(next(s, SubEvent::in_subscribe).effects.has(Effect::reply_subscribed));
}

TEST_CASE("inbound unsubscribe follows RFC 6121 A.3.2") {
  check_table(SubEvent::in_unsubscribe,
              {{"None", "", false},
               {"None + Pending Out", "", false},
               {"None + Pending In", "None", false},
               {"None + Pending Out/In", "None + Pending Out", false},
               {"To", "", false},
               {"To + Pending In", "To", false},
               {"From", "None", true},
               {"From + Pending Out", "None + Pending Out", true},
               {"Both", "To", true}},
              Effect::send_unavailable);  // a lost subscriber gets unavailable
}

TEST_CASE("inbound subscribed follows RFC 6121 A.3.3: only an answer to a pending request counts") {
  check_table(SubEvent::in_subscribed,
              {{"None", "", false},
               {"None + Pending Out", "To", false},
               {"None + Pending In", "", false},
               {"None + Pending Out/In", "To + Pending In", false},
               {"To", "", false},
               {"To + Pending In", "", false},
               {"From", "", false},
               {"From + Pending Out", "Both", false},
               {"Both", "", false}},
              Effect::route);  // inbound stanzas are never routed
}

TEST_CASE("inbound unsubscribed follows RFC 6121 A.3.4 and forgets the contact's presence") {
  check_table(SubEvent::in_unsubscribed,
              {{"None", "", false},
               {"None + Pending Out", "None", false},
               {"None + Pending In", "", false},
               {"None + Pending Out/In", "None + Pending In", false},
               {"To", "None", true},
               {"To + Pending In", "None + Pending In", true},
               {"From", "", false},
               {"From + Pending Out", "From", false},
               {"Both", "From", true}},
              Effect::forget_presence);
}

TEST_CASE("approval sends the user's presence; a cancelled subscriber gets unavailable") {
  CHECK(next(SubState::none_pending_in, SubEvent::out_subscribed).effects.has(Effect::send_presence));
  CHECK(next(SubState::both, SubEvent::out_unsubscribed).effects.has(Effect::send_unavailable));
  CHECK_FALSE(next(SubState::none_pending_in, SubEvent::out_unsubscribed).effects.has(Effect::send_unavailable));
  CHECK(next(SubState::to, SubEvent::out_unsubscribe).effects.has(Effect::forget_presence));
}

TEST_CASE("every state has a subscription, pending flags and a round trip through make_state") {
  std::map<std::string, int> seen;
  for (int i = 0; i < kSubStates; ++i) {
    const auto s = static_cast<SubState>(i);
    INFO(name_of(s));
    CHECK(make_state(subscription_of(s), pending_out(s), pending_in(s)) == s);
    ++seen[std::string(name_of(s))];
    CHECK(has_to(s) == (subscription_of(s) == Subscription::to || subscription_of(s) == Subscription::both));
  }
  CHECK(seen.size() == kSubStates);
  // Combinations RFC 6121 cannot reach: asking for what one already has.
  CHECK_FALSE(make_state(Subscription::to, true, false));
  CHECK_FALSE(make_state(Subscription::from, false, true));
  CHECK_FALSE(make_state(Subscription::both, true, true));
  CHECK(parse_subscription("both") == Subscription::both);
  CHECK_FALSE(parse_subscription("remove"));
}

TEST_CASE("no transition leaves the nine states and only outbound events route") {
  for (int e = 0; e < kSubEvents; ++e)
    for (int s = 0; s < kSubStates; ++s) {
      const auto t = next(static_cast<SubState>(s), static_cast<SubEvent>(e));
      CHECK(static_cast<int>(t.to) < kSubStates);
      if (e >= 4) CHECK_FALSE(t.effects.has(Effect::route));
      else CHECK_FALSE(t.effects.has(Effect::ask_user));
    }
}

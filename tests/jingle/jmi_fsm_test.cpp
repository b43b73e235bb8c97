// The XEP-0353 state machine: every (state, event) pair for both sides, and the flows of the XEP.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "jingle/jmi_fsm.hpp"

using namespace jinglegate;
using namespace jinglegate::jingle;

namespace {

// The legal transitions, written as the XEP's flows read: "state event< -> state !send" where
// `<` marks an event received from the peer and `>` one of ours (timeouts and decisions too).
// Role P is the proposer, R the proposee.
const std::vector<std::string> kLegal = {
    // proposer
    "P none propose> proposed",
    "P proposed ringing< ringing",
    "P ringing ringing< ringing",
    "P proposed proceed< proceeded !initiate",
    "P ringing proceed< proceeded !initiate",
    "P proceeded proceed< proceeded !retract",
    "P session proceed< session !retract",
    "P proposed reject< ended",
    "P ringing reject< ended",
    "P proposed terminated> ended !retract",
    "P ringing terminated> ended !retract",
    "P proposed ring-timeout> ended !retract",
    "P ringing ring-timeout> ended !retract",
    "P proposed crossing-won> proposed !reject-tie-break",
    "P ringing crossing-won> ringing !reject-tie-break",
    "P proposed crossing-lost> ended !retract-tie-break",
    "P ringing crossing-lost> ended !retract-tie-break",
    "P proceeded initiated> session",
    "P proceeded terminated> ended !finish",
    "P proceeded setup-timeout> ended !finish",
    "P proceeded finish< ended",
    "P none initiated> session",
    "P session terminated> ended !finish",
    "P session terminated< ended !finish",
    "P session finish< ended",
    // proposee
    "R none propose< proposed",
    "R proposed ringing> ringing !ringing",
    "R ringing ringing> ringing",
    "R proposed proceed> proceeded !proceed",
    "R ringing proceed> proceeded !proceed",
    "R proposed reject> ended !reject",
    "R ringing reject> ended !reject",
    "R proposed retract< ended",
    "R ringing retract< ended",
    "R proposed ring-timeout> ended !reject",
    "R ringing ring-timeout> ended !reject",
    "R proposed answered-elsewhere< ended",
    "R ringing answered-elsewhere< ended",
    "R proceeded initiated< session",
    "R proceeded retract< ended",
    "R proceeded finish< ended",
    "R proceeded terminated> ended !finish",
    "R proceeded setup-timeout> ended !finish",
    "R none initiated< session",
    "R session terminated> ended !finish",
    "R session terminated< ended !finish",
    "R session finish< ended",
};

constexpr JmiState kStates[] = {JmiState::none, JmiState::proposed, JmiState::ringing,
                                JmiState::proceeded, JmiState::session, JmiState::ended};
constexpr JmiEvent kEvents[] = {
    JmiEvent::propose,       JmiEvent::ringing,      JmiEvent::proceed,      JmiEvent::reject,
    JmiEvent::retract,       JmiEvent::finish,       JmiEvent::answered_elsewhere, JmiEvent::crossing_won,
    JmiEvent::crossing_lost, JmiEvent::initiated,    JmiEvent::terminated,   JmiEvent::ring_timeout,
    JmiEvent::setup_timeout,
};

std::string send_name(JmiSend s) {
  switch (s) {
    case JmiSend::none: return "";
    case JmiSend::ringing: return "ringing";
    case JmiSend::proceed: return "proceed";
    case JmiSend::reject: return "reject";
    case JmiSend::reject_tie_break: return "reject-tie-break";
    case JmiSend::retract: return "retract";
    case JmiSend::retract_tie_break: return "retract-tie-break";
    case JmiSend::initiate: return "initiate";
    case JmiSend::finish: return "finish";
  }
  return "?";
}

// The row the machine gives for this pair, in the notation of kLegal, or "" when it refuses.
std::string row(Role self, JmiState s, JmiEvent e, Direction d) {
  auto r = next(s, e, d, self);
  if (!r.ok()) {
    CHECK(r.error().code == Errc::out_of_order);
    return "";
  }
  std::string out = std::string(self == Role::initiator ? "P " : "R ") + std::string(jmi_state_name(s)) + " " +
                    std::string(jmi_event_name(e)) + (d == Direction::incoming ? "<" : ">") + " " +
                    std::string(jmi_state_name(r->state));
  if (r->send != JmiSend::none) out += " !" + send_name(r->send);
  return out;
}

JmiState run(Role self, std::initializer_list<std::pair<JmiEvent, Direction>> events, std::vector<JmiSend>* sent) {
  JmiState s = JmiState::none;
  for (auto [e, d] : events) {
    auto r = next(s, e, d, self);
    REQUIRE(r.ok());
    s = r->state;
    if (sent && r->send != JmiSend::none) sent->push_back(r->send);
  }
  return s;
}

constexpr auto In = Direction::incoming;
constexpr auto Out = Direction::outgoing;

}  // namespace

TEST_CASE("JMI state machine: exactly the legal pairs pass, every other pair is out of order") {
  std::vector<std::string> legal;
  std::size_t pairs = 0;
  for (Role self : {Role::initiator, Role::responder})
    for (JmiState s : kStates)
      for (JmiEvent e : kEvents)
        for (Direction d : {In, Out}) {
          ++pairs;
          if (auto r = row(self, s, e, d); !r.empty()) legal.push_back(r);
        }
  CHECK(pairs == 2 * 6 * 13 * 2);
  std::vector<std::string> expected = kLegal;
  std::sort(expected.begin(), expected.end());
  std::sort(legal.begin(), legal.end());
  CHECK(legal == expected);
}

TEST_CASE("nothing moves an ended proposal") {
  for (Role self : {Role::initiator, Role::responder})
    for (JmiEvent e : kEvents)
      for (Direction d : {In, Out}) CHECK_FALSE(next(JmiState::ended, e, d, self).ok());
}

TEST_CASE("a web user calls a bare JID: propose, ringing, proceed, session, finish") {
  std::vector<JmiSend> sent;
  const auto s = run(Role::initiator,
                     {{JmiEvent::propose, Out}, {JmiEvent::ringing, In}, {JmiEvent::proceed, In},
                      {JmiEvent::initiated, Out}, {JmiEvent::terminated, In}},
                     &sent);
  CHECK(s == JmiState::ended);
  CHECK(sent == std::vector<JmiSend>{JmiSend::initiate, JmiSend::finish});
}

TEST_CASE("a proposal nobody answers is retracted at the ring timeout; a rejected one sends nothing") {
  std::vector<JmiSend> sent;
  CHECK(run(Role::initiator, {{JmiEvent::propose, Out}, {JmiEvent::ring_timeout, Out}}, &sent) == JmiState::ended);
  CHECK(sent == std::vector<JmiSend>{JmiSend::retract});
  sent.clear();
  CHECK(run(Role::initiator, {{JmiEvent::propose, Out}, {JmiEvent::reject, In}}, &sent) == JmiState::ended);
  CHECK(sent.empty());
}

TEST_CASE("a web user is called: ringing and proceed go out, the session-initiate comes in") {
  std::vector<JmiSend> sent;
  const auto s = run(Role::responder,
                     {{JmiEvent::propose, In}, {JmiEvent::ringing, Out}, {JmiEvent::proceed, Out},
                      {JmiEvent::initiated, In}},
                     &sent);
  CHECK(s == JmiState::session);
  CHECK(sent == std::vector<JmiSend>{JmiSend::ringing, JmiSend::proceed});
}

TEST_CASE("a plain session-initiate is the fallback without a proposal, and still ends with finish") {
  std::vector<JmiSend> sent;
  CHECK(run(Role::responder, {{JmiEvent::initiated, In}, {JmiEvent::terminated, Out}}, &sent) == JmiState::ended);
  CHECK(sent == std::vector<JmiSend>{JmiSend::finish});
}

TEST_CASE("crossing proposals: the winner rejects theirs with tie-break, the loser retracts its own") {
  auto won = next(JmiState::ringing, JmiEvent::crossing_won, Out, Role::initiator);
  REQUIRE(won.ok());
  CHECK(*won == JmiStep{JmiState::ringing, JmiSend::reject_tie_break});
  auto lost = next(JmiState::proposed, JmiEvent::crossing_lost, Out, Role::initiator);
  REQUIRE(lost.ok());
  CHECK(*lost == JmiStep{JmiState::ended, JmiSend::retract_tie_break});
  // Once a device proceeded there is nothing left to cross.
  CHECK_FALSE(next(JmiState::proceeded, JmiEvent::crossing_lost, Out, Role::initiator).ok());
}

TEST_CASE("answered elsewhere: our other resource's proceed stops the ringing here") {
  auto r = next(JmiState::ringing, JmiEvent::answered_elsewhere, In, Role::responder);
  REQUIRE(r.ok());
  CHECK(r->state == JmiState::ended);
  CHECK(r->send == JmiSend::none);
}

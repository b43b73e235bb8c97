// XEP-0353 Jingle Message Initiation state machine: the transition table.
#include "jingle/jmi_fsm.hpp"

#include <array>

namespace jinglegate::jingle {

namespace {

using S = JmiState;
using E = JmiEvent;
using D = Direction;
using X = JmiSend;
constexpr Role P = Role::initiator;  // the proposer
constexpr Role R = Role::responder;  // the proposee

struct Row {
  S from;
  E event;
  D dir;
  Role self;
  S to;
  X send;
};

// Every legal (state, event, direction, role); anything else is out of order.
constexpr Row kTable[] = {
    // --- the proposer (we call a bare JID) ---
    {S::none, E::propose, D::outgoing, P, S::proposed, X::none},
    {S::proposed, E::ringing, D::incoming, P, S::ringing, X::none},
    {S::ringing, E::ringing, D::incoming, P, S::ringing, X::none},  // another device, or the receipt too
    {S::proposed, E::proceed, D::incoming, P, S::proceeded, X::initiate},
    {S::ringing, E::proceed, D::incoming, P, S::proceeded, X::initiate},
    // A second device proceeds after the first: it is told the call went elsewhere.
    {S::proceeded, E::proceed, D::incoming, P, S::proceeded, X::retract},
    {S::session, E::proceed, D::incoming, P, S::session, X::retract},
    {S::proposed, E::reject, D::incoming, P, S::ended, X::none},
    {S::ringing, E::reject, D::incoming, P, S::ended, X::none},
    {S::proposed, E::terminated, D::outgoing, P, S::ended, X::retract},  // the caller hung up first
    {S::ringing, E::terminated, D::outgoing, P, S::ended, X::retract},
    {S::proposed, E::ring_timeout, D::outgoing, P, S::ended, X::retract},
    {S::ringing, E::ring_timeout, D::outgoing, P, S::ended, X::retract},
    {S::proposed, E::crossing_won, D::outgoing, P, S::proposed, X::reject_tie_break},
    {S::ringing, E::crossing_won, D::outgoing, P, S::ringing, X::reject_tie_break},
    {S::proposed, E::crossing_lost, D::outgoing, P, S::ended, X::retract_tie_break},
    {S::ringing, E::crossing_lost, D::outgoing, P, S::ended, X::retract_tie_break},
    {S::proceeded, E::initiated, D::outgoing, P, S::session, X::none},
    {S::proceeded, E::terminated, D::outgoing, P, S::ended, X::finish},  // hung up before initiating
    {S::proceeded, E::setup_timeout, D::outgoing, P, S::ended, X::finish},
    {S::proceeded, E::finish, D::incoming, P, S::ended, X::none},
    // --- the proposee (a web user is called) ---
    {S::none, E::propose, D::incoming, R, S::proposed, X::none},
    {S::proposed, E::ringing, D::outgoing, R, S::ringing, X::ringing},
    {S::ringing, E::ringing, D::outgoing, R, S::ringing, X::none},
    {S::proposed, E::proceed, D::outgoing, R, S::proceeded, X::proceed},
    {S::ringing, E::proceed, D::outgoing, R, S::proceeded, X::proceed},
    {S::proposed, E::reject, D::outgoing, R, S::ended, X::reject},
    {S::ringing, E::reject, D::outgoing, R, S::ended, X::reject},
    {S::proposed, E::retract, D::incoming, R, S::ended, X::none},
    {S::ringing, E::retract, D::incoming, R, S::ended, X::none},
    {S::proposed, E::ring_timeout, D::outgoing, R, S::ended, X::reject},
    {S::ringing, E::ring_timeout, D::outgoing, R, S::ended, X::reject},
    {S::proposed, E::answered_elsewhere, D::incoming, R, S::ended, X::none},
    {S::ringing, E::answered_elsewhere, D::incoming, R, S::ended, X::none},
    {S::proceeded, E::initiated, D::incoming, R, S::session, X::none},
    {S::proceeded, E::retract, D::incoming, R, S::ended, X::none},  // proceed, then retract (Movim #1274)
    {S::proceeded, E::finish, D::incoming, R, S::ended, X::none},
    {S::proceeded, E::terminated, D::outgoing, R, S::ended, X::finish},
    {S::proceeded, E::setup_timeout, D::outgoing, R, S::ended, X::finish},
    // --- both: a plain session-initiate (no proposal), and the end of a session ---
    {S::none, E::initiated, D::outgoing, P, S::session, X::none},
    {S::none, E::initiated, D::incoming, R, S::session, X::none},
    {S::session, E::terminated, D::outgoing, P, S::ended, X::finish},
    {S::session, E::terminated, D::incoming, P, S::ended, X::finish},
    {S::session, E::terminated, D::outgoing, R, S::ended, X::finish},
    {S::session, E::terminated, D::incoming, R, S::ended, X::finish},
    {S::session, E::finish, D::incoming, P, S::ended, X::none},  // the peer finished without a terminate
    {S::session, E::finish, D::incoming, R, S::ended, X::none},
};

}  // namespace

std::string_view jmi_state_name(JmiState s) {
  static constexpr std::array<std::string_view, 6> kNames{"none", "proposed", "ringing", "proceeded", "session", "ended"};
  return kNames[static_cast<std::size_t>(s)];
}

std::string_view jmi_event_name(JmiEvent e) {
  static constexpr std::array<std::string_view, 13> kNames{
      "propose",      "ringing",      "proceed",   "reject",     "retract",      "finish",       "answered-elsewhere",
      "crossing-won", "crossing-lost", "initiated", "terminated", "ring-timeout", "setup-timeout"};
  return kNames[static_cast<std::size_t>(e)];
}

Result<JmiStep> next(JmiState state, JmiEvent event, Direction dir, Role self) {
  for (const Row& r : kTable)
    if (r.from == state && r.event == event && r.dir == dir && r.self == self) return JmiStep{r.to, r.send};
  return fail(Errc::out_of_order, std::string(jmi_event_name(event)) +
                                      (dir == Direction::incoming ? " received" : " sent") + " in JMI state " +
                                      std::string(jmi_state_name(state)));
}

}  // namespace jinglegate::jingle

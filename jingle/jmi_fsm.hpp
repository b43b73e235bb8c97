// XEP-0353 Jingle Message Initiation state machine, pure: one machine per proposal id, for either
// side (the proposer becomes the Jingle initiator), with timeouts and session events as inputs.
// The transition table is data (jmi_fsm.cpp); docs/bridge.md draws it.
//
//   none --propose--> proposed --ringing--> ringing
//   proposed|ringing --proceed--> proceeded --session-initiate--> session --terminated--> ended (+finish)
//   proposed|ringing --reject|retract|ring-timeout--> ended
//   none --session-initiate--> session      (a plain session-initiate: the fallback without JMI)
#pragma once

#include <optional>
#include <string_view>

#include "jingle/error.hpp"
#include "jingle/session_fsm.hpp"

namespace jinglegate::jingle {

enum class JmiState { none, proposed, ringing, proceeded, session, ended };

enum class JmiEvent {
  propose,             // <propose/>
  ringing,             // <ringing/>; incoming also for the XEP-0184 receipt of our propose
                       // (Conversations' way of saying its devices ring)
  proceed,             // <proceed/>
  reject,              // <reject/>
  retract,             // <retract/>
  finish,              // <finish/>
  answered_elsewhere,  // incoming, proposee: our own proceed or <accept/> seen from another of our
                       // resources (XEP-0280 carbons): stop ringing here
  crossing_won,        // proposer: the peer's propose crossed ours and ours overrules it (§4.3)
  crossing_lost,       // proposer: … and theirs overrules ours
  initiated,           // the Jingle session-initiate with this id was sent or received
  terminated,          // the session (or the intent) ended on our side or the peer's
  ring_timeout,        // nobody proceeded or rejected in time
  setup_timeout,       // proceeded, but no session-initiate followed in time
};

// What the owner of the machine sends after the transition. The side that was not told by a
// stanza (the web user) learns from the new state.
enum class JmiSend {
  none,
  ringing,           // <ringing/> to the proposer
  proceed,           // <proceed/> to the proposer's full JID
  reject,            // <reject/>
  reject_tie_break,  // <reject/> of the peer's crossing propose, <expired/> + <tie-break/>
  retract,           // <retract/> to the proposee's bare JID (or to a late proceeding resource)
  retract_tie_break, // <retract/> of our own propose, <expired/> + <tie-break/>
  initiate,          // the Jingle session-initiate to the resource that proceeded
  finish,            // <finish/> (XEP-0353 §5: after every session-terminate)
};

struct JmiStep {
  JmiState state;
  JmiSend send = JmiSend::none;
  friend bool operator==(const JmiStep&, const JmiStep&) = default;
};

std::string_view jmi_state_name(JmiState s);
std::string_view jmi_event_name(JmiEvent e);

// `self` is our role: initiator = the proposer. `dir` says whether the event is ours (outgoing)
// or the peer's (incoming); timeouts and crossing decisions are outgoing. A pair with no row in
// the table is Errc::out_of_order: a message for no live proposal is dropped by the caller
// (messages are never answered with errors here: they may be MAM or carbon replays).
Result<JmiStep> next(JmiState state, JmiEvent event, Direction dir, Role self);

}  // namespace jinglegate::jingle

// XEP-0166 §5.1 session state machine (with §7.2.16 tie-breaking), pure: which Jingle action may
// go which way in which state, and the state it leads to. docs/bridge.md draws it.
//
//   none    --session-initiate-->  pending --session-accept--> active
//   active  --content-add (ours)-->      local_content_add  --content-accept|reject (theirs)--> active
//   active  --content-add (theirs)-->    remote_content_add --content-accept|reject (ours)-->   active
//   active  --transport-replace (…)-->   local_/remote_transport_replace --transport-accept|reject--> active
//   *       --session-terminate--> ended
//
// Stricter than the XEP in one place, on purpose: content-add, content-remove, content-modify and
// transport-replace wait for the session to be active. The bridge maps each of them to an SDP
// offer/answer with a browser, and JSEP allows one offer at a time (RFC 8829 §4.1.10): while the
// first answer is outstanding there is nothing they could map to.
#pragma once

#include <string_view>

#include "jingle/error.hpp"
#include "jingle/translate/translate.hpp"  // Role
#include "jingle/xep0166_jingle.hpp"

namespace jinglegate::jingle {

enum class SessionState {
  none,                      // no session with this sid (yet)
  pending,                   // session-initiate sent or received, not accepted
  active,
  local_content_add,         // active; our content-add awaits content-accept/-reject
  remote_content_add,        // active; the peer's content-add awaits our answer
  local_transport_replace,   // active; our transport-replace awaits transport-accept/-reject
  remote_transport_replace,  // active; the peer's transport-replace awaits our answer
  ended,
};

// Which way an action goes: sent by us, or received from the peer.
enum class Direction { incoming, outgoing };

std::string_view state_name(SessionState s);

// The state after `action` goes `dir`, where we hold role `self` in the session and `sender` is
// the role of the party that sent the action (for a well-formed call, `self` when outgoing, the
// other role when incoming; anything else is refused as out-of-order). Failures:
//   Errc::unknown_session  any action but session-initiate in `none`, and anything in `ended`
//                          (XEP-0166 §6.7: after session-terminate the sid is unknown);
//   Errc::out_of_order     the action cannot occur in this state or from this role;
//   Errc::tie_break        crossing requests where the peer loses (§7.2.16): we are the initiator
//                          and the responder's content-add/transport-replace crossed ours, or a
//                          session-initiate with the sid of our own pending session-initiate.
// When the initiator's request crosses ours as responder, theirs wins: the state follows it and
// our request will come back as a tie-break error.
Result<SessionState> next(SessionState state, Action action, Direction dir, Role self, Role sender);

// §7.2.16, no existing session: two session-initiates (or XEP-0353 proposals) cross. True when
// ours overrules theirs: the lower sid in i;octet order (RFC 4790 §9.3) wins, then the lower JID.
bool ours_wins_crossing(std::string_view our_sid, std::string_view our_jid, std::string_view their_sid,
                        std::string_view their_jid);

}  // namespace jinglegate::jingle

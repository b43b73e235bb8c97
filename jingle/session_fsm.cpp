// XEP-0166 §5.1 session state machine with §7.2.16 tie-breaking: the transition function.
#include "jingle/session_fsm.hpp"

#include <array>

namespace jinglegate::jingle {

namespace {

// The actions by what they do to the state.
enum class Kind {
  initiate,     // session-initiate
  accept,       // session-accept
  terminate,    // session-terminate
  info,         // session-info, transport-info, description-info, security-info: any live state
  add,          // content-add: a request awaiting content-accept/-reject
  replace,      // transport-replace: a request awaiting transport-accept/-reject
  add_answer,   // content-accept, content-reject
  replace_answer,  // transport-accept, transport-reject
  remove,       // content-remove: one-way; also the retraction of an unanswered content-add
  modify,       // content-modify, Jitsi source-add/-remove: one-way changes of an active session
};

Kind kind_of(Action a) {
  switch (a) {
    case Action::session_initiate: return Kind::initiate;
    case Action::session_accept: return Kind::accept;
    case Action::session_terminate: return Kind::terminate;
    case Action::session_info:
    case Action::transport_info:
    case Action::description_info:
    case Action::security_info: return Kind::info;
    case Action::content_add: return Kind::add;
    case Action::transport_replace: return Kind::replace;
    case Action::content_accept:
    case Action::content_reject: return Kind::add_answer;
    case Action::transport_accept:
    case Action::transport_reject: return Kind::replace_answer;
    case Action::content_remove: return Kind::remove;
    case Action::content_modify:
    case Action::source_add:
    case Action::source_remove: return Kind::modify;
  }
  return Kind::modify;
}

Failure out_of_order(SessionState s, Action a, Direction d) {
  return fail(Errc::out_of_order, std::string(action_name(a)) + (d == Direction::incoming ? " received" : " sent") +
                                      " in state " + std::string(state_name(s)));
}

bool is_active(SessionState s) {
  return s == SessionState::active || s == SessionState::local_content_add || s == SessionState::remote_content_add ||
         s == SessionState::local_transport_replace || s == SessionState::remote_transport_replace;
}

// content-add or transport-replace in an active state (crossing requests included).
Result<SessionState> on_request(SessionState s, Kind k, Action a, Direction d, Role self) {
  const bool add = k == Kind::add;
  const SessionState local = add ? SessionState::local_content_add : SessionState::local_transport_replace;
  const SessionState remote = add ? SessionState::remote_content_add : SessionState::remote_transport_replace;
  if (s == SessionState::active) return d == Direction::outgoing ? local : remote;
  const bool ours_pending = s == SessionState::local_content_add || s == SessionState::local_transport_replace;
  if (d == Direction::incoming && ours_pending) {
    // §7.2.16, existing session: the initiator's request overrules the responder's.
    if (self == Role::initiator)
      return fail(Errc::tie_break, std::string(action_name(a)) + " crossed ours; the initiator's wins");
    return remote;
  }
  return out_of_order(s, a, d);
}

// content-accept/-reject or transport-accept/-reject: only the party that did not ask answers.
Result<SessionState> on_answer(SessionState s, Kind k, Action a, Direction d) {
  const bool add = k == Kind::add_answer;
  const SessionState awaited = d == Direction::incoming
                                   ? (add ? SessionState::local_content_add : SessionState::local_transport_replace)
                                   : (add ? SessionState::remote_content_add : SessionState::remote_transport_replace);
  if (s == awaited) return SessionState::active;
  return out_of_order(s, a, d);
}

Result<SessionState> in_active(SessionState s, Kind k, Action a, Direction d, Role self) {
  switch (k) {
    case Kind::initiate:
    case Kind::accept: return out_of_order(s, a, d);
    case Kind::info:
    case Kind::modify: return s;
    case Kind::add:
    case Kind::replace: return on_request(s, k, a, d, self);
    case Kind::add_answer:
    case Kind::replace_answer: return on_answer(s, k, a, d);
    case Kind::remove:
      // Retraction of an unanswered content-add by the party that sent it (Conversations).
      if ((s == SessionState::local_content_add && d == Direction::outgoing) ||
          (s == SessionState::remote_content_add && d == Direction::incoming))
        return SessionState::active;
      return s;
    case Kind::terminate: return SessionState::ended;
  }
  return out_of_order(s, a, d);
}

}  // namespace

std::string_view state_name(SessionState s) {
  static constexpr std::array<std::string_view, 8> kNames{
      "none", "pending", "active", "local-content-add", "remote-content-add", "local-transport-replace",
      "remote-transport-replace", "ended"};
  return kNames[static_cast<std::size_t>(s)];
}

Result<SessionState> next(SessionState s, Action a, Direction d, Role self, Role sender) {
  const Kind k = kind_of(a);
  if (s == SessionState::ended)
    return fail(Errc::unknown_session, std::string(action_name(a)) + " for a session that has ended");
  if (sender != (d == Direction::outgoing ? self : other(self))) return out_of_order(s, a, d);
  if (s == SessionState::none) {
    if (k != Kind::initiate) return fail(Errc::unknown_session, std::string(action_name(a)) + " for no session");
    if (sender != Role::initiator) return out_of_order(s, a, d);
    return SessionState::pending;
  }
  if (is_active(s)) return in_active(s, k, a, d, self);
  // pending
  switch (k) {
    case Kind::initiate:
      // The peer's session-initiate with the sid of ours: two initiates crossed (§7.2.16); the
      // caller decides who wins with ours_wins_crossing() before asking, so here the peer lost.
      if (d == Direction::incoming && self == Role::initiator)
        return fail(Errc::tie_break, "session-initiate crossed ours");
      return out_of_order(s, a, d);
    case Kind::accept:
      if (sender != Role::responder) return out_of_order(s, a, d);
      return SessionState::active;
    case Kind::terminate: return SessionState::ended;
    case Kind::info: return s;
    default: return out_of_order(s, a, d);
  }
}

bool ours_wins_crossing(std::string_view our_sid, std::string_view our_jid, std::string_view their_sid,
                        std::string_view their_jid) {
  // i;octet is a byte-wise comparison: std::string_view compares with char_traits<char>, whose
  // lt is the unsigned-char order (C++ [char.traits.specializations.char]).
  if (our_sid != their_sid) return our_sid < their_sid;
  return our_jid < their_jid;
}

}  // namespace jinglegate::jingle

// Who gets what: the call routing of the web gateway (docs/protocol.md, "Calls"), free of I/O.
#include "component/web/router.hpp"

#include <algorithm>

#include "component/errors.hpp"

namespace jinglegate::component::web {

namespace {
bool is_party(const auto& party, ConnId c, std::string_view session) {
  return party.conn == c && party.session == session;
}
}  // namespace

Result<Address> Router::attach(ConnId conn, std::string_view local, std::string_view wanted, std::string_view random) {
  auto& list = users_[std::string(local)];
  if (list.size() >= s_.max_connections_per_user) {
    if (list.empty()) users_.erase(std::string(local));
    return fail(Errc::too_many_connections, std::to_string(s_.max_connections_per_user) + " connections at most");
  }
  std::string resource(wanted.empty() ? random : wanted);
  if (!wanted.empty() && is_online(local, resource)) resource = std::string(wanted) + "-" + std::string(random);
  Address user{std::string(local), s_.domain, resource};
  conns_[conn] = Conn{user, user.full(), {}};
  list.push_back(conn);
  if (events_.connected) events_.connected(user);
  return user;
}

void Router::detach(ConnId c) {
  auto it = conns_.find(c);
  if (it == conns_.end()) return;
  std::vector<std::pair<std::string, CallId>> sessions(it->second.sessions.begin(), it->second.sessions.end());
  bool had_remote = false;
  for (const auto& [session, id] : sessions) {
    if (id == kRemote || id == kRemoteRinging) {
      had_remote = true;
      continue;
    }
    auto call = calls_.find(id);
    if (call == calls_.end()) continue;
    ClientMessage bye;
    bye.type = MessageType::hangup;
    bye.session = session;
    bye.reason = HangupReason::gone;
    on_hangup(c, call->second, id, bye);
  }
  const Address user = it->second.user;
  if (had_remote && remote_) remote_->connection_closed(c, user);
  conns_.erase(it);
  auto& list = users_[user.local];
  list.erase(std::remove(list.begin(), list.end(), c), list.end());
  if (list.empty()) users_.erase(user.local);
  if (events_.disconnected) events_.disconnected(user);
}

void Router::on_message(ConnId c, const ClientMessage& m) {
  auto it = conns_.find(c);
  if (it == conns_.end()) return;
  Conn& conn = it->second;
  switch (m.type) {
    case MessageType::auth: return error(c, Errc::not_allowed, "already authenticated", m);
    case MessageType::offer: return on_offer(c, conn, m);
    default: break;
  }
  if (is_presence_type(m.type)) {
    if (!presence_) return error(c, Errc::feature_not_implemented, "presence is not served", m, "type");
    return presence_->from_web(c, conn.user, m);
  }
  auto s = conn.sessions.find(m.session);
  if (s == conn.sessions.end()) return error(c, Errc::unknown_call, "no call with this session", m, "session");
  if (s->second == kRemoteRinging && m.type == MessageType::accept) {
    if (calls_of(conn.user.local) >= s_.max_calls_per_user) return error(c, Errc::too_many_calls, "too many calls", m);
    s->second = kRemote;
  }
  if (s->second == kRemote || s->second == kRemoteRinging) {
    if (auto r = remote_->from_web(c, conn.user, m); !r) error(c, r.error().code, describe(r.error()), m);
    return;
  }
  const CallId id = s->second;
  Call& call = calls_.at(id);
  const bool ringing_leg = call.state == CallState::ringing &&
      std::any_of(call.ringing.begin(), call.ringing.end(), [&](const Party& p) { return is_party(p, c, m.session); });
  switch (m.type) {
    case MessageType::accept:
      if (!ringing_leg) return error(c, Errc::out_of_order, "accept is for a ringing incoming call", m);
      return on_accept(c, call, id, m);
    case MessageType::reject:
      if (!ringing_leg) return error(c, Errc::out_of_order, "reject is for a ringing incoming call", m);
      return on_leaving_leg(c, call, id, m.reason);
    case MessageType::ringing:
      if (!ringing_leg) return error(c, Errc::out_of_order, "ringing is for a ringing incoming call", m);
      return out_.send(call.caller.conn, write_ringing(call.caller.session, jid_of(c)));
    case MessageType::hangup: return on_hangup(c, call, id, m);
    default: return relay(c, call, m);
  }
}

void Router::on_offer(ConnId c, Conn& conn, const ClientMessage& m) {
  if (auto s = conn.sessions.find(m.session); s != conn.sessions.end()) {
    if (s->second == kRemote || s->second == kRemoteRinging) {
      if (auto r = remote_->from_web(c, conn.user, m); !r) error(c, r.error().code, describe(r.error()), m);
      return;
    }
    return relay(c, calls_.at(s->second), m);  // a re-offer within the call
  }
  const auto to = parse_address(m.to);
  if (!to || to->local.empty()) return error(c, Errc::bad_field, "to must be a user's JID", m, "to");
  if (to->domain != s_.domain) {
    if (!remote_) return error(c, Errc::unknown_peer, "calls outside " + s_.domain + " are not served", m, "to");
    if (calls_of(conn.user.local) >= s_.max_calls_per_user)
      return error(c, Errc::too_many_calls, "too many calls", m);
    // Recorded first: the bridge may end the call (and release the session) before it returns.
    conn.sessions[m.session] = kRemote;
    if (auto r = remote_->from_web(c, conn.user, m); !r) {
      conn.sessions.erase(m.session);
      return error(c, r.error().code, describe(r.error()), m);
    }
    return;
  }
  std::vector<ConnId> targets;
  if (auto u = users_.find(to->local); u != users_.end())
    for (ConnId t : u->second)
      if (t != c && (to->resource.empty() || conns_.at(t).user.resource == to->resource)) targets.push_back(t);
  if (targets.empty()) return error(c, Errc::unknown_peer, "the callee is not online", m, "to");
  if (calls_of(conn.user.local) >= s_.max_calls_per_user) return error(c, Errc::too_many_calls, "too many calls", m);
  start_call(c, conn, m, to->bare(), std::move(targets));
}

void Router::start_call(ConnId c, Conn& conn, const ClientMessage& m, std::string callee_bare,
                        std::vector<ConnId> targets) {
  const CallId id = next_call_++;
  Call call;
  call.caller = Party{c, m.session};
  call.callee_bare = std::move(callee_bare);
  call.offer_sdp = m.sdp;
  call.media = m.media;
  call.started = now_;
  for (ConnId t : targets) {
    Conn& callee = conns_.at(t);
    // Session ids are per connection: the callee gets the caller's id unless it already uses it.
    std::string session = m.session;
    if (callee.sessions.count(session)) session = "in-" + std::to_string(id);
    callee.sessions[session] = id;
    call.ringing.push_back(Party{t, session});
    out_.send(t, write_incoming(session, conn.jid, m.media));
  }
  conn.sessions[m.session] = id;
  if (log_) call.log_id = log_->started(CallStart{CallPath::web, m.session, conn.jid, call.callee_bare, media_text(m.media)});
  calls_.emplace(id, std::move(call));
}

void Router::on_accept(ConnId c, Call& call, CallId id, const ClientMessage& m) {
  if (calls_of(conns_.at(c).user.local) >= s_.max_calls_per_user)
    return error(c, Errc::too_many_calls, "too many calls", m);
  call.state = CallState::active;
  for (const Party& p : call.ringing) {
    if (p.conn == c) {
      call.callee = p;
      continue;
    }
    conns_.at(p.conn).sessions.erase(p.session);
    out_.send(p.conn, write_hangup(p.session, jid_of(call.caller.conn), HangupReason::answered_elsewhere));
  }
  call.ringing.clear();
  const std::string& from = jid_of(call.caller.conn);
  out_.send(c, write_offer(call.callee.session, from, call.offer_sdp, call.media));
  for (const auto& cand : call.queued) out_.send(c, write_candidate(call.callee.session, from, cand));
  std::string().swap(call.offer_sdp);
  std::vector<std::optional<CandidateInit>>().swap(call.queued);
  if (log_) log_->answered(call.log_id, jid_of(c));
  (void)id;
}

// A ringing callee connection declined (reject, hangup, or it went away).
void Router::on_leaving_leg(ConnId c, Call& call, CallId id, std::optional<HangupReason> reason) {
  auto leg = std::find_if(call.ringing.begin(), call.ringing.end(), [&](const Party& p) { return p.conn == c; });
  if (leg == call.ringing.end()) return;
  conns_.at(c).sessions.erase(leg->session);
  call.ringing.erase(leg);
  if (!call.ringing.empty()) return;
  const HangupReason why = reason.value_or(HangupReason::decline);
  out_.send(call.caller.conn, write_hangup(call.caller.session, jid_of(c), why));
  end_call(id, why, CallEnder::callee);
}

void Router::on_hangup(ConnId c, Call& call, CallId id, const ClientMessage& m) {
  if (call.state == CallState::ringing && !is_party(call.caller, c, m.session))
    return on_leaving_leg(c, call, id, m.reason.value_or(HangupReason::decline));
  const std::string& from = jid_of(c);
  const bool by_caller = is_party(call.caller, c, m.session);
  HangupReason why = m.reason.value_or(HangupReason::cancel);
  if (call.state == CallState::ringing) {
    for (const Party& p : call.ringing) out_.send(p.conn, write_hangup(p.session, from, why));
  } else {
    why = m.reason.value_or(HangupReason::success);
    const Party& peer = by_caller ? call.callee : call.caller;
    out_.send(peer.conn, write_hangup(peer.session, from, why));
  }
  end_call(id, why, by_caller ? CallEnder::caller : CallEnder::callee);
}

// offer (re-offer), answer and candidate between the two parties of a call.
void Router::relay(ConnId c, Call& call, const ClientMessage& m) {
  const bool caller = is_party(call.caller, c, m.session);
  if (call.state == CallState::ringing) {
    if (!caller || m.type != MessageType::candidate)
      return error(c, Errc::out_of_order, "the call is not answered yet", m);
    if (call.queued.size() >= s_.max_queued_candidates)
      return error(c, Errc::resource_constraint, "too many candidates before the call was answered", m);
    call.queued.push_back(m.candidate);
    return;
  }
  const Party& peer = caller ? call.callee : call.caller;
  const std::string& from = jid_of(c);
  switch (m.type) {
    case MessageType::offer: return out_.send(peer.conn, write_offer(peer.session, from, m.sdp, m.media));
    case MessageType::answer: return out_.send(peer.conn, write_answer(peer.session, from, m.sdp));
    case MessageType::candidate: return out_.send(peer.conn, write_candidate(peer.session, from, m.candidate));
    case MessageType::info:
      if (!m.info) break;
      return out_.send(peer.conn, write_info(peer.session, from, *m.info, m.mid));
    default: return error(c, Errc::out_of_order, "not valid in an active call", m);
  }
}

std::vector<Leg> Router::ring_remote(std::string_view local, std::string_view resource, std::string_view session,
                                     std::string_view from, const Media& media) {
  std::vector<Leg> legs;
  auto u = users_.find(std::string(local));
  if (u == users_.end()) return legs;
  for (ConnId t : u->second) {
    Conn& conn = conns_.at(t);
    if (!resource.empty() && conn.user.resource != resource) continue;
    std::string id(session);
    if (!valid_session_id(id) || conn.sessions.count(id)) id = "in-x" + std::to_string(next_leg_++);
    conn.sessions[id] = kRemoteRinging;
    legs.push_back(Leg{t, id});
    out_.send(t, write_incoming(id, from, media));
  }
  return legs;
}

void Router::release(ConnId conn, std::string_view session) {
  if (auto c = conns_.find(conn); c != conns_.end()) c->second.sessions.erase(std::string(session));
}

const Address* Router::user_of(ConnId conn) const {
  auto c = conns_.find(conn);
  return c == conns_.end() ? nullptr : &c->second.user;
}

void Router::end_call(CallId id, HangupReason reason, CallEnder by) {
  auto it = calls_.find(id);
  if (it == calls_.end()) return;
  if (log_) log_->ended(it->second.log_id, name_of(reason), by);
  auto drop = [this](const Party& p) {
    if (auto c = conns_.find(p.conn); c != conns_.end()) c->second.sessions.erase(p.session);
  };
  drop(it->second.caller);
  for (const Party& p : it->second.ringing) drop(p);
  if (it->second.state == CallState::active) drop(it->second.callee);
  calls_.erase(it);
}

void Router::tick(Clock::time_point now) {
  now_ = now;
  std::vector<CallId> expired;
  for (const auto& [id, call] : calls_)
    if (call.state == CallState::ringing && now - call.started >= s_.ring_timeout) expired.push_back(id);
  for (CallId id : expired) end_by_gateway(id, HangupReason::timeout);
}

void Router::end_all(HangupReason reason) {
  std::vector<CallId> ids;
  ids.reserve(calls_.size());
  for (const auto& [id, call] : calls_) ids.push_back(id);
  for (CallId id : ids) end_by_gateway(id, reason);
}

// The gateway ends a call (ring timeout, shutdown): every party hears it from its peer.
void Router::end_by_gateway(CallId id, HangupReason reason) {
  Call& call = calls_.at(id);
  const std::string& caller = jid_of(call.caller.conn);
  if (call.state == CallState::ringing) {
    for (const Party& p : call.ringing) out_.send(p.conn, write_hangup(p.session, caller, reason));
    out_.send(call.caller.conn, write_hangup(call.caller.session, call.callee_bare, reason));
  } else {
    out_.send(call.callee.conn, write_hangup(call.callee.session, caller, reason));
    out_.send(call.caller.conn, write_hangup(call.caller.session, jid_of(call.callee.conn), reason));
  }
  end_call(id, reason, CallEnder::gateway);
}

void Router::set_limits(const RouterSettings& settings) {
  std::string domain = std::move(s_.domain);
  s_ = settings;
  s_.domain = std::move(domain);
}

void Router::error(ConnId c, Errc code, std::string_view message, const ClientMessage& m, std::string_view field) {
  out_.send(c, write_error(code, message, field, m.id, m.session));
}

std::size_t Router::calls_of(std::string_view local) const {
  std::size_t n = 0;
  auto u = users_.find(std::string(local));
  if (u == users_.end()) return 0;
  for (ConnId c : u->second)
    for (const auto& [session, id] : conns_.at(c).sessions) {
      if (id == kRemote || id == kRemoteRinging) {
        n += id == kRemote;  // a bridged call ringing here counts once it is accepted
        continue;
      }
      const Call& call = calls_.at(id);
      if (is_party(call.caller, c, session) || (call.state == CallState::active && is_party(call.callee, c, session)))
        ++n;
    }
  return n;
}

bool Router::is_online(std::string_view local, std::string_view resource) const {
  auto u = users_.find(std::string(local));
  if (u == users_.end()) return false;
  return std::any_of(u->second.begin(), u->second.end(),
                     [&](ConnId c) { return conns_.at(c).user.resource == resource; });
}

void Router::push(std::string_view local, std::string_view resource, const std::string& text) {
  auto u = users_.find(std::string(local));
  if (u == users_.end()) return;
  for (ConnId c : u->second)
    if (resource.empty() || conns_.at(c).user.resource == resource) out_.send(c, text);
}

std::vector<ConnId> Router::logged_in() const {
  std::vector<ConnId> out;
  out.reserve(conns_.size());
  for (const auto& [c, conn] : conns_) out.push_back(c);
  return out;
}

std::vector<std::string> Router::resources_of(std::string_view local) const {
  std::vector<std::string> out;
  if (auto u = users_.find(std::string(local)); u != users_.end())
    for (ConnId c : u->second) out.push_back(conns_.at(c).user.resource);
  return out;
}

}  // namespace jinglegate::component::web

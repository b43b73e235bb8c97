// Who gets what: the call routing of the web gateway (docs/protocol.md, "Calls"), free of I/O.
//
// Fed events (a connection logged in, a message arrived, a connection closed, a clock tick) and
// answers through an Outbox, so every rule is unit-tested without sockets. Calls between two web
// users of this gateway are relayed here with the SDP untouched; calls to other domains go to
// RemoteCalls (the bridge, issue 5). Nothing is ever broadcast.
//
//   offer(to=bare) --> ringing --accept--> active --hangup--> ended
//                        |  reject by all, hangup, ring timeout, caller gone --> ended
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "component/call_log.hpp"
#include "component/web/directory.hpp"
#include "component/web/protocol.hpp"

namespace jinglegate::component::web {

using Clock = std::chrono::steady_clock;

struct RouterSettings {
  std::string domain;                      // the component's domain: users are local@domain/resource
  std::size_t max_connections_per_user = 5;
  std::size_t max_calls_per_user = 4;
  std::size_t max_queued_candidates = 128; // per call, before the callee accepts (G9: 64 per content)
  Clock::duration ring_timeout = std::chrono::seconds(45);
};

// A connection rung for a call the bridge owns (XMPP -> web), and the session id it was given.
struct Leg {
  ConnId conn = 0;
  std::string session;
  friend bool operator==(const Leg&, const Leg&) = default;
};

class Router final : public WebDirectory {
 public:
  Router(RouterSettings settings, Outbox& out) : s_(std::move(settings)), out_(out) {}

  // A connection authenticated as `local`. The resource is `wanted` when given and free, else
  // `random` (the caller's fresh random string), else wanted + "-" + random.
  Result<Address> attach(ConnId conn, std::string_view local, std::string_view wanted, std::string_view random);
  void detach(ConnId conn);                      // ends its calls: peers get hangup "gone"
  void on_message(ConnId conn, const ClientMessage& m);
  void tick(Clock::time_point now);              // ring timeouts; also the router's notion of now

  void set_remote(RemoteCalls* remote) { remote_ = remote; }

  // --- for the bridge (issue 5): calls from XMPP to web users ---
  // Rings `local`'s connections (all of them, or the one whose resource is `resource`) with
  // `incoming` for a call the bridge owns: each gets `session` unless it already uses that id
  // (then "in-<n>"). Their messages for it go to RemoteCalls; `accept` first passes the
  // too-many-calls check. Empty when nobody is rung.
  std::vector<Leg> ring_remote(std::string_view local, std::string_view resource, std::string_view session,
                               std::string_view from, const Media& media);
  // The bridge is done with a connection's session: forgets it, sends nothing.
  void release(ConnId conn, std::string_view session);
  // A message of a bridged call to one connection.
  void send(ConnId conn, std::string text) { out_.send(conn, std::move(text)); }
  void set_events(WebUserEvents events) { events_ = std::move(events); }
  // Presence (issue 6): who takes the presence messages, and how it reaches a user's connections
  // (`resource` "" = all of them).
  void set_presence(WebPresence* presence) { presence_ = presence; }
  void push(std::string_view local, std::string_view resource, const std::string& text);
  void set_call_log(CallLog* log) { log_ = log; }  // call events for operators; none in unit tests
  // SIGHUP: new limits (the domain stays); calls in progress keep going.
  void set_limits(const RouterSettings& s);
  // Shutdown: every call ends at once, each party told `hangup` with `reason` by its peer.
  void end_all(HangupReason reason);

  bool is_online(std::string_view local, std::string_view resource) const override;
  std::vector<std::string> resources_of(std::string_view local) const override;
  std::size_t connection_count() const { return conns_.size(); }
  const Address* user_of(ConnId conn) const;       // nullptr when not logged in
  std::vector<ConnId> logged_in() const;
  std::size_t call_count() const { return calls_.size(); }

 private:
  using CallId = std::uint64_t;
  static constexpr CallId kRemote = 0;  // a session whose peer is handled by RemoteCalls
  static constexpr CallId kRemoteRinging = ~CallId{0};  // … ringing here, not yet accepted
  enum class CallState { ringing, active };
  struct Party {
    ConnId conn = 0;
    std::string session;  // the id this party uses for the call
  };
  struct Call {
    CallState state = CallState::ringing;
    Party caller;
    std::string callee_bare;     // the JID the caller dialled, without resource
    std::vector<Party> ringing;  // callee connections still ringing
    Party callee;                // once accepted
    std::string offer_sdp;       // kept until accepted
    Media media;
    std::vector<std::optional<CandidateInit>> queued;  // the caller's, until accepted
    Clock::time_point started;
    CallLog::Id log_id = 0;
  };
  struct Conn {
    Address user;
    std::string jid;
    std::unordered_map<std::string, CallId> sessions;
  };

  void on_offer(ConnId c, Conn& conn, const ClientMessage& m);
  void start_call(ConnId c, Conn& conn, const ClientMessage& m, std::string callee_bare, std::vector<ConnId> targets);
  void on_accept(ConnId c, Call& call, CallId id, const ClientMessage& m);
  void on_leaving_leg(ConnId c, Call& call, CallId id, std::optional<HangupReason> reason);
  void on_hangup(ConnId c, Call& call, CallId id, const ClientMessage& m);
  void relay(ConnId c, Call& call, const ClientMessage& m);
  void end_call(CallId id, HangupReason reason, CallEnder by);
  void end_by_gateway(CallId id, HangupReason reason);
  void error(ConnId c, Errc code, std::string_view message, const ClientMessage& m, std::string_view field = {});
  std::size_t calls_of(std::string_view local) const;
  const std::string& jid_of(ConnId c) const { return conns_.at(c).jid; }

  RouterSettings s_;
  Outbox& out_;
  RemoteCalls* remote_ = nullptr;
  WebPresence* presence_ = nullptr;
  CallLog* log_ = nullptr;
  WebUserEvents events_;
  std::unordered_map<ConnId, Conn> conns_;
  std::unordered_map<std::string, std::vector<ConnId>> users_;  // localpart -> its connections
  std::unordered_map<CallId, Call> calls_;
  CallId next_call_ = 1;
  std::uint64_t next_leg_ = 1;
  Clock::time_point now_{};
};

}  // namespace jinglegate::component::web

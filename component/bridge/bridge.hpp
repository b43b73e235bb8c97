// The bridge (issue 5): calls between web users and XMPP Jingle clients (XEP-0166/0167/0176/0320,
// XEP-0353), the only code that knows both Jingle and the web protocol. docs/bridge.md has the
// flows, the state machines and the reason table.
//
// One Bridge per daemon, on the daemon's io_context. It is the web gateway's RemoteCalls (web
// users' calls to JIDs outside the component's domain), handles the Jingle iqs and XEP-0353
// messages addressed to web users, and rings web users through the web Router. Its member
// functions live in files by concern:
//   bridge.cpp        wiring, ending calls, timers, link and presence events
//   web_to_xmpp.cpp   the web user's messages: offer, accept, reject, answer, candidate, hangup, info
//   xmpp_to_web.cpp   the peer's Jingle iqs: session-initiate/-accept/-terminate/-info, transport-info
//   renegotiation.cpp content-add/-accept/-reject/-remove/-modify, ICE restart, transport-replace
//   jmi.cpp           XEP-0353 messages and XEP-0184 receipts
//   jingle_iq.cpp     sending Jingle iqs and JMI messages, answering them
#pragma once

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "component/bridge/call_registry.hpp"
#include "component/bridge/peer_profile.hpp"
#include "component/call_log.hpp"
#include "component/web/directory.hpp"
#include "component/web/router.hpp"
#include "component/xmpp/iq_tracker.hpp"
#include "component/xmpp/stanza_router.hpp"
#include "jingle/xep0353_jingle_message.hpp"

namespace jinglegate::component::bridge {

using Millis = std::chrono::milliseconds;

struct BridgeSettings {
  std::string domain;                        // the component's domain (web users' JIDs)
  Millis ring_timeout{45000};                // [calls] ring_timeout: nobody answered
  Millis setup_timeout{30000};               // [calls] setup_timeout: answered, not set up
  Millis iq_timeout{15000};                  // a Jingle iq of ours unanswered (s2s included)
  Millis disco_timeout{5000};                // the peer's disco#info before a session-initiate
  std::size_t max_queued_candidates = 128;   // per call and way ([calls] 2 x max_candidates_per_content)
  std::size_t max_pending_terminates = 1024; // calls ended while the link was down, told when it is up
};

// How the bridge learns a peer's profile (before its session-initiate to the peer, and while a
// call from the peer rings): by default a disco#info (XEP-0030) from the web user to the peer.
using ProfileLookup =
    std::function<void(const xmpp::Jid& from, const xmpp::Jid& peer, std::function<void(PeerProfile)> done)>;
// The peer's disco#info as the caps cache (XEP-0115, by caps ver) knows it from the presence the
// web user `user` receives from `peer`; nullopt sends a disco#info iq instead.
using DiscoCache = std::function<std::optional<presence::DiscoInfo>(const xmpp::Jid& user, const xmpp::Jid& peer)>;
// What the web user `user` knows of the resources of `contact` (a bare JID) from their presence
// (the presence service's view); empty when it knows nothing. Unset: calls to bare JIDs propose.
using ContactLookup = std::function<std::vector<ContactResource>(const xmpp::Jid& user, const xmpp::Jid& contact)>;

class Bridge final : public web::RemoteCalls {
 public:
  Bridge(boost::asio::io_context& io, BridgeSettings settings, xmpp::StanzaRouter& xmpp, xmpp::IqTracker& iq,
         web::Router& web);
  ~Bridge() override;
  Bridge(const Bridge&) = delete;
  Bridge& operator=(const Bridge&) = delete;

  // Registers the routes: Jingle iq set, XEP-0353 messages, XEP-0184 receipts, and observes
  // unavailable presence; becomes the web Router's RemoteCalls.
  void attach();
  void set_profile_lookup(ProfileLookup lookup) { lookup_ = std::move(lookup); }
  void set_call_log(CallLog* log) { log_ = log; }  // call events and metrics; none in unit tests
  void set_contact_lookup(ContactLookup lookup) { contacts_ = std::move(lookup); }
  void set_disco_cache(DiscoCache cache) { disco_cache_ = std::move(cache); }

  // web::RemoteCalls
  Result<void> from_web(web::ConnId conn, const web::Address& user, const web::ClientMessage& m) override;
  void connection_closed(web::ConnId conn, const web::Address& user) override;

  // The XEP-0114 link went down (every call ends; their peers are told when it is back) or up.
  void link_down();
  // SIGTERM: every call ends, session-terminate <gone/> to its peer and hangup to its web user.
  void shutdown();
  void link_up();
  // Unavailable presence from a peer's full JID: its calls end (XEP-0166 §6.7 allows it).
  void peer_unavailable(const xmpp::Jid& who);

  std::size_t call_count() const { return calls_.size(); }

 private:
  enum class By { web, peer, us };  // who ends a call: the web user, the XMPP peer, or the bridge
  using CallFn = std::function<void(Call&)>;

  // bridge.cpp
  Call& new_call(Caller caller, xmpp::Jid local, xmpp::Jid peer, std::string sid, jingle::Role role);
  void end_call(Call& c, web::HangupReason reason, By by, std::string_view why = {});
  void end_xmpp_side(Call& c, web::HangupReason reason);
  void end_web_side(Call& c, web::HangupReason reason, By by);
  void arm(Call& c, Wait wait);
  void on_timer(CallId id, std::uint64_t gen);
  void to_web(Call& c, std::string text);
  void log_call(const Call& c, std::string_view event, std::string_view detail = {}) const;
  // The CallLog's events (log lines and metrics shared with web-to-web calls).
  void log_started(Call& c, std::string caller, std::string callee);
  void log_profile(const Call& c);
  void log_answered(const Call& c, const std::string& callee);
  // A translation failed: counted, logged, and the call ends with `reason`.
  void untranslatable(Call& c, TranslationDirection d, const Error& e, web::HangupReason reason);
  void later(CallId id, CallFn fn);  // runs fn on the call if it still exists (async callbacks)
  // A call the peer placed: its profile is learned (then `then` runs on the call, if it still exists).
  void learn_profile(Call& c, CallFn then = {});
  std::string from_of(const Call& c) const { return c.peer.str(); }
  web::Address address_of(const xmpp::Jid& j) const;
  void observe_presence();

  // web_to_xmpp.cpp
  Result<void> on_web_offer(web::ConnId conn, const web::Address& user, const web::ClientMessage& m);
  void initiate(Call& c);
  void propose(Call& c, const xmpp::Jid& to);
  Result<void> on_web_accept(Call& c, web::ConnId conn, const web::ClientMessage& m);
  Result<void> on_web_reject(Call& c, web::ConnId conn, const web::ClientMessage& m);
  Result<void> on_web_hangup(Call& c, web::ConnId conn, const web::ClientMessage& m);
  Result<void> on_web_candidate(Call& c, const web::ClientMessage& m);
  Result<void> on_web_answer(Call& c, const web::ClientMessage& m);
  Result<void> on_web_info(Call& c, const web::ClientMessage& m);
  void send_candidate(Call& c, const std::optional<web::CandidateInit>& candidate);
  void flush_to_peer(Call& c);
  void leg_left(Call& c, web::ConnId conn, web::HangupReason reason);

  // xmpp_to_web.cpp
  Result<void> on_jingle(const xmpp::Stanza& s);
  Result<void> on_initiate(const xmpp::Stanza& s, jingle::Jingle j);
  Result<void> on_action(Call& c, const xmpp::Stanza& s, const jingle::Jingle& j, jingle::SessionState next);
  void on_session_accept(Call& c, const jingle::Jingle& j);
  Result<void> on_session_info(Call& c, const jingle::Jingle& j);
  void on_transport_info(Call& c, const jingle::Jingle& j);
  void offer_to_browser(Call& c);
  void candidates_to_browser(Call& c, const jingle::Jingle& transport_info);
  void flush_to_browser(Call& c);
  Result<void> check_initiate(const xmpp::Stanza& s, const jingle::Jingle& j) const;

  // renegotiation.cpp
  Result<void> on_web_reoffer(Call& c, const web::ClientMessage& m);
  Result<void> answer_peer_request(Call& c, const jingle::sdp::Session& answer);
  void answer_browser_offer(Call& c);
  Result<void> check_peer_request(const Call& c, const jingle::Jingle& j) const;
  void on_peer_request(Call& c, const jingle::Jingle& j);
  void on_peer_answer(Call& c, const jingle::Jingle& j);
  bool on_ice_restart(Call& c, const jingle::Jingle& transport_info);
  void negotiation_failed(Call& c, const Error& why);

  // jmi.cpp
  Result<void> on_jmi(const xmpp::Stanza& s);
  Result<void> on_receipt(const xmpp::Stanza& s);
  void on_propose(const xmpp::Stanza& s, const jingle::JingleMessage& m);
  bool on_crossing(const xmpp::Stanza& s, const jingle::JingleMessage& m);
  void on_jmi_for_call(Call& c, const xmpp::Stanza& s, const jingle::JingleMessage& m);
  // Feeds the XEP-0353 machine and sends what it says; false when the event is out of order.
  bool jmi_step(Call& c, jingle::JmiEvent e, jingle::Direction d, const jingle::Reason& reason,
                const xmpp::Jid* to = nullptr);

  // jingle_iq.cpp
  jingle::Jingle make_jingle(const Call& c, jingle::Action action) const;
  // Through the peer's profile (adapt_outgoing): on_result follows the last stanza sent.
  void send_jingle(Call& c, jingle::Jingle j, CallFn on_result = {});
  void send_one(Call& c, jingle::Jingle j, CallFn on_result);
  void on_iq_error(Call& c, jingle::Action action, const Error& e);
  void send_jmi(const xmpp::Jid& from, const xmpp::Jid& to, jingle::JingleMessage m, bool receipt = false);
  void ack(const xmpp::Stanza& s);
  void terminate_later(const Call& c, web::HangupReason reason);
  void flush_terminates();

  boost::asio::io_context& io_;
  BridgeSettings s_;
  xmpp::StanzaRouter& xmpp_;
  xmpp::IqTracker& iq_;
  web::Router& web_;
  CallRegistry calls_;
  CallId next_id_ = 1;
  ProfileLookup lookup_;
  ContactLookup contacts_;
  DiscoCache disco_cache_;
  CallLog* log_ = nullptr;
  bool link_up_ = true;
  struct Terminate {
    std::string from, to, sid;
    web::HangupReason reason;
    bool finish;
  };
  std::vector<Terminate> owed_;  // session-terminates the link could not carry
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace jinglegate::component::bridge

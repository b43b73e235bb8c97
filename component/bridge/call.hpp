// One bridged call: a web user's side (connection, web session id, JID) and an XMPP peer's side
// (JID, Jingle sid, our role, the XEP-0166 and XEP-0353 machines), the descriptions both sides
// hold, the offer/answer in flight, the candidates queued each way and the call's one timer.
#pragma once

#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "component/bridge/description.hpp"
#include "component/bridge/peer_profile.hpp"
#include "component/web/directory.hpp"
#include "component/web/router.hpp"
#include "component/xmpp/jid.hpp"
#include "jingle/jmi_fsm.hpp"
#include "jingle/sdp/sdp.hpp"
#include "jingle/session_fsm.hpp"

namespace jinglegate::component::bridge {

using CallId = std::uint64_t;

// Who placed the call.
enum class Caller { web, xmpp };

// The offer/answer in flight, and what its answer becomes on the other side.
enum class Pending {
  none,
  // We gave the browser an offer; its answer becomes …
  web_initial,       // … session-accept
  web_content_add,   // … content-accept / content-reject (the peer's content-add)
  web_transport,     // … a transport-info with our new credentials (the peer's ICE restart)
  web_replace,       // … transport-accept (the peer's transport-replace)
  web_silent,        // … nothing (the peer's content-remove or content-modify)
  // The browser gave us an offer; the peer's answer to …
  peer_initial,      // … our session-initiate (session-accept) becomes the browser's answer
  peer_content_add,  // … our content-add (content-accept / content-reject)
  peer_ice_restart,  // … our ICE restart (a transport-info with new credentials)
  peer_modify,       // … our content-modify or content-remove (the iq result)
};

// What the call's timer waits for.
enum class Wait { nothing, ring, setup, negotiation };

struct Call {
  CallId id = 0;
  std::uint64_t log_id = 0;        // its CallLog entry (0: none)
  Caller caller = Caller::web;
  // --- web side ---
  web::ConnId conn = 0;            // the connection in the call (0 while an incoming call rings)
  std::string session;             // its web session id
  std::vector<web::Leg> ringing;   // incoming: connections still ringing
  xmpp::Jid local;                 // the web user: full JID once a connection is in the call
  // --- XMPP side ---
  xmpp::Jid peer;                  // bare while a proposal rings, full once a resource answered
  std::string sid;                 // Jingle sid = XEP-0353 id
  jingle::Role role = jingle::Role::initiator;
  bool proposed = false;           // set up with XEP-0353 (else a plain session-initiate)
  jingle::SessionState state = jingle::SessionState::none;
  jingle::JmiState jmi = jingle::JmiState::none;
  PeerProfile profile;
  bool profile_known = false;      // the lookup answered (or timed out: generic)
  bool offer_waits_profile = false;  // the browser's offer is held until it is known
  // --- descriptions ---
  std::string origin_id;           // o= session id of what the browser gets (RFC 3264 §5)
  std::uint64_t origin_version = 1;  // incremented for every description the browser gets
  jingle::Jingle remote;           // the peer's description: its contents as last agreed or offered
  std::optional<jingle::sdp::Session> browser;  // the browser's description (its last offer or answer)
  std::optional<jingle::sdp::Session> browser_offer;  // a re-offer of the browser, while in flight
  std::map<std::string, jingle::Creator> creators;  // content name -> creator
  web::Media media;
  Pending pending = Pending::none;
  Names pending_names;             // the contents the negotiation in flight is about
  // --- queued candidates (bounded: Settings::max_queued_candidates each way) ---
  std::vector<std::optional<web::CandidateInit>> to_peer;  // browser candidates before the session exists
  std::vector<web::CandidateInit> to_browser;              // peer candidates before the browser has its description
  bool browser_has_remote = false;  // the browser has the peer's description (candidates may flow)
  bool told_ringing = false;
  Names omitted;                   // contents the browser's answer rejected (removed after the accept)
  // --- time ---
  Wait wait = Wait::nothing;
  std::unique_ptr<boost::asio::steady_timer> timer;
  std::uint64_t timer_gen = 0;

  jingle::Creator creator_of(const std::string& name) const;
  jingle::Creator our_creator() const {
    return role == jingle::Role::initiator ? jingle::Creator::initiator : jingle::Creator::responder;
  }
  std::string initiator_jid() const { return role == jingle::Role::initiator ? local.str() : peer.str(); }
  std::string responder_jid() const { return role == jingle::Role::initiator ? peer.str() : local.str(); }
  // The mid of the browser's m= line `index`, "" when there is none.
  std::string mid_at(std::uint16_t index) const;
  std::optional<std::uint16_t> index_of(const std::string& mid) const;
};

}  // namespace jinglegate::component::bridge

// How the bridge adapts to one Jingle peer: what it learned from the peer's XEP-0030 disco#info,
// and the one place where per-client adaptations (issue 9: Conversations, Dino, Monal, Movim, …)
// rewrite outgoing and incoming Jingle, between the translation and the wire.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "jingle/xep0166_jingle.hpp"
#include "jingle/xep0353_jingle_message.hpp"

namespace jinglegate::component::bridge {

struct PeerProfile {
  std::string name = "generic";  // logged with each call
  // The peer advertises urn:xmpp:jinglegate:sdp:0 (another jinglegate user): send the residual
  // SDP lines, so its browser gets our browser's SDP losslessly, and our end-of-candidates.
  bool sdp_lines = false;
  // The peer advertises urn:xmpp:jingle-message:0. Informational today: the bridge proposes to
  // a bare JID and initiates straight to a full JID whatever the peer says.
  bool jmi = false;
  // XEP-0353 §5 <finish/> after each session-terminate (every peer gets it today).
  bool finish = true;
  // Applied to every Jingle we send to / read from this peer (after / before the translation).
  // Issue 9's per-client rules plug in here; empty = unchanged.
  std::function<void(jingle::Jingle&)> adapt_outgoing;
  std::function<void(jingle::Jingle&)> adapt_incoming;
  std::function<void(jingle::JingleMessage&)> adapt_outgoing_message;
};

// The profile for a peer whose disco#info lists `features` (and nothing else known about it).
PeerProfile profile_from_features(const std::vector<std::string>& features);

}  // namespace jinglegate::component::bridge

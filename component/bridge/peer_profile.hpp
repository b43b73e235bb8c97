// How the bridge adapts to one Jingle peer (issue 9): what its XEP-0030 disco#info says (features
// decide first: no XEP-0338 feature, no BUNDLE; no XEP-0353 feature, no proposal), and the known
// quirks its client's name picks (Conversations, Dino, Monal, Movim, Gajim). The rewrites are the
// pure functions of jingle/adapt/peer_adapt.hpp, applied here between the translation and the wire.
// docs/interop.md has the table of clients, behaviours and the tests behind them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "component/web/protocol.hpp"
#include "component/xmpp/jid.hpp"
#include "jingle/xep0166_jingle.hpp"
#include "presence/disco_info.hpp"

namespace jinglegate::component::bridge {

struct PeerProfile {
  // Logged with each call and the label of jinglegate_peer_calls_total: the client's name
  // (conversations, dino, monal, movim, gajim, jitsi), jinglegate, or generic.
  std::string name = "generic";
  // The peer advertises urn:xmpp:jinglegate:sdp:0 (another jinglegate user): send the residual
  // SDP lines, so its browser gets our browser's SDP losslessly, and our end-of-candidates.
  bool sdp_lines = false;
  bool jmi = false;     // urn:xmpp:jingle-message:0
  bool bundle = true;   // XEP-0338 grouping (urn:ietf:rfc:5888 or urn:xmpp:jingle:apps:grouping:0)
  bool finish = true;   // XEP-0353 §5 <finish/> after each session-terminate
  // It restarts ICE on a transport-info with new credentials (XEP-0176 §3.6). Without it a
  // browser's restart is refused up front: sent, it would be ignored or misread as candidates.
  bool ice_restart = true;
  // --- client quirks ---
  bool udp_only = false;                   // Conversations: TCP candidates are not sent
  bool one_content_per_transport_info = false;  // Dino
  bool keep_declined = false;              // Conversations, Dino: a declined content stays, senders='none'
  bool propose_first = false;              // Monal: a call to its full JID starts with a proposal too
  bool no_network_cost = false;            // Movim
  bool accept_as_content_accept = false;   // Movim: a second session-accept answers our content-add
  // Conversations ends the call on a content-remove of an accepted content (it takes one only as
  // the retraction of a content-add) and Dino refuses it: the browser's removal goes out as
  // content-modify senders='none', which both apply.
  bool remove_as_modify = false;
  // Dino refuses content-reject (feature-not-implemented): a content-add the browser declines is
  // answered with content-modify senders='none' for it, Dino's own way to turn a stream off.
  bool reject_as_modify = false;
};

// What the web client is told of the peer with its offer and answer (docs/protocol.md).
inline web::PeerSummary summary_for_web(const PeerProfile& p) { return {p.name, p.ice_restart}; }

// The profile of a peer whose disco#info is `info`; nullopt (no answer) gives the generic profile.
PeerProfile profile_from_disco(const std::optional<presence::DiscoInfo>& info);

// What the peer's own offer (a session-initiate) shows outweighs what it advertises: one that
// carries a BUNDLE group gets BUNDLE back (lib-jitsi-meet bundles without the XEP-0338 feature).
void take_offer(PeerProfile& p, const jingle::Jingle& offer);

// What goes on the wire for `j` to this peer: usually `j` alone, several stanzas when the peer
// takes one content per transport-info, none when nothing is left to send (a transport-info
// whose only candidates the peer does not take).
std::vector<jingle::Jingle> adapt_outgoing(const PeerProfile& p, jingle::Jingle j);

// Rewrites the peer's Jingle before the bridge reads it. `content_add_awaited`: our content-add
// waits for its answer (Movim's second session-accept is that answer).
void adapt_incoming(const PeerProfile& p, jingle::Jingle& j, bool content_add_awaited);

// --- bare-JID calls: which of the callee's resources to call (the fallback for peers without
// XEP-0353), from what the web user knows of the contact's presence ---
struct ContactResource {
  xmpp::Jid jid;          // full JID
  int priority = 0;
  bool known = false;     // its caps were resolved (else nothing is known of it)
  bool calls = false;     // Jingle RTP audio over ICE-UDP with DTLS (it can take a browser's call)
  bool jmi = false;
};
enum class DialKind { propose, initiate, refuse };
struct DialPlan {
  DialKind kind = DialKind::propose;
  xmpp::Jid to;  // initiate: the resource
};
// propose to the bare JID when nothing is known or any resource might take XEP-0353 (every
// device rings); a plain session-initiate to the call-capable resource of highest priority when
// none does XEP-0353; refuse when every resource is known and none can take a call.
DialPlan plan_bare_call(const std::vector<ContactResource>& resources);

}  // namespace jinglegate::component::bridge

// Per-client adaptations of Jingle (issue 9), pure: each rewrites one thing a client sends or
// requires, applied by the bridge between the translation and the wire. Which peer gets which is
// decided by its profile (component/bridge/peer_profile.hpp): features first, the client's name
// only for known quirks. docs/interop.md names the client behaviour behind each and its source.
#pragma once

#include <string>
#include <vector>

#include "jingle/xep0166_jingle.hpp"

namespace jinglegate::jingle::adapt {

// --- what we send ---

// Conversations uses UDP candidates only (it drops TCP ones: "XEP-0176 doesn't support tcp").
// In a transport-info, a content whose candidates were all TCP has nothing left to say and goes
// too. Returns how many candidates it removed.
std::size_t keep_udp_candidates(Jingle& j);

// Dino refuses a transport-info with more than one <content/> (feature-not-implemented, "can't
// process multiple content nodes"): one stanza per content, in order. Other actions unchanged.
std::vector<Jingle> one_content_per_transport_info(Jingle j);

// A peer without urn:xmpp:jingle:apps:grouping:0 gets no <group/> (XEP-0338): one transport per
// content, which a browser with bundlePolicy 'balanced' gathers anyway.
void drop_groups(Jingle& j);

// Movim's Jingle-to-SDP writes network-cost as network-id; without network-cost its browser keeps
// the right network-id.
void drop_network_cost(Jingle& j);

// Conversations requires a session-accept with exactly the media of the session-initiate (else
// <security-error/>) and Dino takes no content-remove: a content the browser declined (port 0)
// stays in `accept` with senders='none', its description from `offer`, bundled on the transport
// of the first accepted content (ICE credentials and fingerprint, no candidates), and in the
// BUNDLE group when the offer's group had it. Contents follow the offer's order. Without an
// accepted content to borrow a transport from, `accept` is left unchanged.
void keep_declined_contents(Jingle& accept, const Jingle& offer, const std::vector<std::string>& declined);

// --- what we receive ---

// Component-2 (RTCP) candidates: a browser multiplexes RTCP on the RTP component (RFC 8829 §4.1.1:
// rtcp-mux is required), so Dino's second ICE component is of no use to it. Returns how many.
std::size_t drop_rtcp_candidates(Jingle& j);

// XEP-0167 §8 SDES <encryption/> (Dino offers it beside the DTLS fingerprint): browsers use
// DTLS-SRTP only, so the keys are dropped rather than carried as unknown lines.
void drop_sdes(Jingle& j);

// Movim answers our content-add with a second session-accept instead of content-accept: read as
// the content-accept it stands for (the caller checks one is awaited).
void session_accept_as_content_accept(Jingle& j);

}  // namespace jinglegate::jingle::adapt

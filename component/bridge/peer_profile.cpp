// Peer profiles (issue 9): features and client quirks from disco#info, the adaptations applied to
// each Jingle stanza, and the choice of resource for a call to a bare JID.
#include "component/bridge/peer_profile.hpp"

#include <algorithm>
#include <cctype>

#include "jingle/adapt/peer_adapt.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::bridge {

namespace adapt = jingle::adapt;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

// The client a disco#info identity names (category client). Conversations' forks share its code.
// lib-jitsi-meet announces no identity: its http://jitsi.org/ features name it.
std::string client_of(const presence::DiscoInfo& info) {
  for (const auto& f : info.features)
    if (f.starts_with("http://jitsi.org/")) return "jitsi";
  for (const auto& id : info.identities) {
    if (id.category != "client") continue;
    const std::string n = lower(id.name);
    for (std::string_view fork : {"conversations", "cheogram", "monocles", "quicksy", "blabber"})
      if (n.starts_with(fork)) return "conversations";
    for (std::string_view known : {"dino", "monal", "movim", "gajim", "jitsi"})
      if (n.starts_with(known)) return std::string(known);
  }
  return {};
}

}  // namespace

PeerProfile profile_from_disco(const std::optional<presence::DiscoInfo>& info) {
  PeerProfile p;
  if (!info) return p;  // no answer: nothing is known, nothing is assumed away
  auto has = [&](std::string_view f) {
    return std::find(info->features.begin(), info->features.end(), f) != info->features.end();
  };
  p.sdp_lines = has(ns::jinglegate_sdp);
  p.jmi = has(ns::jingle_message);
  p.bundle = has(ns::rfc5888) || has(ns::jingle_grouping);
  const std::string client = p.sdp_lines ? "jinglegate" : client_of(*info);
  if (!client.empty()) p.name = client;
  if (client == "conversations") {
    p.bundle = true;  // it bundles (XEP-0338 §1 of jingle-clients.md) without advertising it
    p.udp_only = true;
    p.keep_declined = true;
    p.remove_as_modify = true;
  } else if (client == "dino") {
    p.one_content_per_transport_info = true;
    p.keep_declined = true;
    p.remove_as_modify = true;
    p.reject_as_modify = true;
  } else if (client == "jitsi") {
    p.bundle = true;  // lib-jitsi-meet always bundles and does not advertise XEP-0338
  } else if (client == "monal") {
    p.propose_first = true;
  } else if (client == "movim") {
    p.no_network_cost = true;
    p.accept_as_content_accept = true;
  }
  // Who restarts ICE on new credentials: not Dino (libnice streams are never restarted), Monal
  // (its restart code is commented out), Movim, lib-jitsi-meet in P2P (an ICE failure ends the P2P
  // session with connectivity-error, JitsiConference._onIceConnectionFailed) or Gajim.
  for (std::string_view none : {"dino", "monal", "movim", "jitsi", "gajim"})
    if (client == none) p.ice_restart = false;
  return p;
}

void take_offer(PeerProfile& p, const jingle::Jingle& offer) {
  if (!offer.groups.empty()) p.bundle = true;
}

std::vector<jingle::Jingle> adapt_outgoing(const PeerProfile& p, jingle::Jingle j) {
  if (!p.bundle) adapt::drop_groups(j);
  if (p.no_network_cost) adapt::drop_network_cost(j);
  if (p.udp_only) {
    adapt::keep_udp_candidates(j);
    if (j.action == jingle::Action::transport_info && j.contents.empty()) return {};  // only TCP candidates
  }
  if (p.one_content_per_transport_info) return adapt::one_content_per_transport_info(std::move(j));
  return {std::move(j)};
}

void adapt_incoming(const PeerProfile& p, jingle::Jingle& j, bool content_add_awaited) {
  adapt::drop_rtcp_candidates(j);
  adapt::drop_sdes(j);
  if (p.accept_as_content_accept && content_add_awaited) adapt::session_accept_as_content_accept(j);
}

DialPlan plan_bare_call(const std::vector<ContactResource>& resources) {
  if (resources.empty()) return {};
  const ContactResource* best = nullptr;
  for (const auto& r : resources) {
    if (!r.known || r.jmi) return {};
    if (r.calls && (!best || r.priority > best->priority)) best = &r;
  }
  if (!best) return {DialKind::refuse, {}};
  return {DialKind::initiate, best->jid};
}

}  // namespace jinglegate::component::bridge

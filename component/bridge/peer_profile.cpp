// Peer profiles: what a peer's disco#info features decide about a call (issue 9 adds client quirks).
#include "component/bridge/peer_profile.hpp"

#include <algorithm>

#include "jingle/xml/ns.hpp"

namespace jinglegate::component::bridge {

PeerProfile profile_from_features(const std::vector<std::string>& features) {
  auto has = [&](std::string_view f) { return std::find(features.begin(), features.end(), f) != features.end(); };
  PeerProfile p;
  p.sdp_lines = has(ns::jinglegate_sdp);
  p.jmi = has(ns::jingle_message);
  if (p.sdp_lines) p.name = "jinglegate";
  return p;
}

}  // namespace jinglegate::component::bridge

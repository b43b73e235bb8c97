// Trickle ICE (RFC 8838): one browser RTCIceCandidateInit <-> a transport-info (XEP-0176 §5.2).
#include "jingle/sdp/candidate.hpp"
#include "jingle/translate/mapping.hpp"

namespace jinglegate::jingle {

Result<Jingle> candidate_to_transport_info(const CandidateInit& init, const std::string& sid,
                                           Creator creator, const std::string& ufrag,
                                           const std::string& pwd) {
  if (init.sdp_mid.empty()) return fail(Errc::bad_field, "sdpMid");
  Jingle j;
  j.action = Action::transport_info;
  j.sid = sid;
  Content c;
  c.creator = creator;
  c.name = init.sdp_mid;
  IceUdpTransport t;
  t.ufrag = !init.username_fragment.empty() ? init.username_fragment : ufrag;
  t.pwd = pwd;
  if (init.candidate.empty()) {
    // End of candidates: XEP-0176 has no element for it; the transport-info still tells the peer
    // our credentials, and jinglegate peers read <gathering-complete/>.
    t.gathering_complete = true;
  } else {
    JG_TRY(auto cand, sdp::parse_candidate_line(init.candidate));
    if (t.ufrag.empty() && cand.ufrag) t.ufrag = *cand.ufrag;
    if (cand.ufrag && *cand.ufrag != t.ufrag)
      return fail(Errc::bad_field, "candidate ufrag " + *cand.ufrag + " is not the transport's");
    cand.ufrag.reset();
    cand.id = mapping::candidate_id(cand);
    if (!cand.generation) cand.generation = 0;
    t.candidates.push_back(std::move(cand));
  }
  c.transport = std::move(t);
  j.contents.push_back(std::move(c));
  return j;
}

Result<std::vector<CandidateInit>> transport_info_to_candidates(const Jingle& j) {
  std::vector<CandidateInit> out;
  for (const auto& c : j.contents) {
    const auto* t = std::get_if<IceUdpTransport>(&c.transport);
    if (!t) return fail(Errc::unsupported_transport, "content " + c.name + " has no ICE-UDP transport");
    for (const auto& cand : t->candidates) {
      IceCandidate sc = cand;
      sc.id.reset();
      // Chromium's trickled strings carry the ufrag (the a=candidate lines do not).
      if (!t->ufrag.empty()) sc.ufrag = t->ufrag;
      out.push_back(CandidateInit{sdp::write_candidate_line(sc), c.name, std::nullopt, t->ufrag});
    }
    if (t->gathering_complete) out.push_back(CandidateInit{"", c.name, std::nullopt, t->ufrag});
  }
  return out;
}

}  // namespace jinglegate::jingle

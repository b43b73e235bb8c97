// Per-client adaptations (issue 9): each rewrite on the recorded stanza of the client it is for.
#include "jingle/adapt/peer_adapt.hpp"
#include "jingle_test_util.hpp"

using namespace jgtest;
namespace adapt = jinglegate::jingle::adapt;

namespace {

std::size_t candidates(const Jingle& j, std::uint16_t component = 0) {
  std::size_t n = 0;
  for (const auto& c : j.contents)
    if (const auto* t = std::get_if<IceUdpTransport>(&c.transport))
      for (const auto& cand : t->candidates) n += component == 0 || cand.component == component;
  return n;
}

const Content& content(const Jingle& j, const std::string& name) {
  for (const auto& c : j.contents)
    if (c.name == name) return c;
  FAIL("no content " << name);
  return j.contents.front();
}

}  // namespace

TEST_CASE("Conversations gets UDP candidates only: Monal's TCP candidate without tcptype is dropped") {
  Jingle j = read_sample("monal/transport-info-tcp.xml");
  const auto before = candidates(j);
  REQUIRE(before > 0);
  CHECK(adapt::keep_udp_candidates(j) == 1);
  CHECK(candidates(j) == before - 1);
  for (const auto& c : j.contents)
    for (const auto& cand : std::get<IceUdpTransport>(c.transport).candidates) CHECK(cand.protocol == "udp");
  CHECK(adapt::keep_udp_candidates(j) == 0);  // idempotent
  // A transport-info content left without candidates goes; elsewhere the content stays.
  Jingle only_tcp = read_sample("monal/transport-info-tcp.xml");
  for (auto& c : only_tcp.contents)
    std::erase_if(std::get<IceUdpTransport>(c.transport).candidates, [](const IceCandidate& cand) { return cand.protocol == "udp"; });
  Jingle accept = only_tcp;
  accept.action = Action::session_accept;
  CHECK(adapt::keep_udp_candidates(only_tcp) == 1);
  CHECK(only_tcp.contents.empty());
  const auto contents = accept.contents.size();
  CHECK(adapt::keep_udp_candidates(accept) == 1);
  CHECK(accept.contents.size() == contents);
}

TEST_CASE("Dino gets one content per transport-info, in order; other actions are one stanza") {
  Jingle j = read_sample("conversations/session-initiate.xml");
  REQUIRE(j.contents.size() == 2);
  CHECK(adapt::one_content_per_transport_info(j).size() == 1);  // a session-initiate is not split
  j.action = Action::transport_info;
  auto split = adapt::one_content_per_transport_info(j);
  REQUIRE(split.size() == 2);
  CHECK(split[0].contents.size() == 1);
  CHECK(split[0].contents[0] == j.contents[0]);
  CHECK(split[1].contents[0] == j.contents[1]);
  CHECK(split[1].sid == j.sid);
  CHECK(split[1].initiator == j.initiator);
}

TEST_CASE("a peer without XEP-0338 gets no group, and Movim no network-cost") {
  Jingle j = read_sample("conversations/session-initiate.xml");
  REQUIRE_FALSE(j.groups.empty());
  adapt::drop_groups(j);
  CHECK(j.groups.empty());
  Jingle m = read_sample("movim/transport-info.xml");
  bool had_cost = false;
  for (const auto& c : m.contents)
    for (const auto& cand : std::get<IceUdpTransport>(c.transport).candidates) had_cost |= cand.network_cost.has_value();
  REQUIRE(had_cost);
  adapt::drop_network_cost(m);
  for (const auto& c : m.contents)
    for (const auto& cand : std::get<IceUdpTransport>(c.transport).candidates) {
      CHECK_FALSE(cand.network_cost);
      CHECK(cand.network_id);  // the real network-id stays
    }
}

TEST_CASE("a declined content stays in the session-accept with senders none, bundled, in the offer's order") {
  const Jingle offer = read_sample("conversations/session-initiate.xml");
  REQUIRE(offer.contents.size() == 2);
  const std::string audio = offer.contents[0].name;
  const std::string video = offer.contents[1].name;
  Jingle accept = offer;
  accept.action = Action::session_accept;
  accept.contents.erase(accept.contents.begin() + 1);  // the browser rejected the video m= line
  accept.groups[0].contents = {audio};
  adapt::keep_declined_contents(accept, offer, {video});
  REQUIRE(accept.contents.size() == 2);
  CHECK(accept.contents[0].name == audio);
  const Content& v = content(accept, video);
  CHECK(accept.contents[1].name == video);
  CHECK(v.senders == Senders::none);
  CHECK(v.description == offer.contents[1].description);
  const auto& vt = std::get<IceUdpTransport>(v.transport);
  const auto& at = std::get<IceUdpTransport>(accept.contents[0].transport);
  CHECK(vt.ufrag == at.ufrag);
  CHECK(vt.fingerprints == at.fingerprints);
  CHECK(vt.candidates.empty());
  CHECK(accept.groups[0].contents == std::vector<std::string>{audio, video});
}

TEST_CASE("a declined content is not invented without an accepted one to bundle on, nor when nothing was declined") {
  const Jingle offer = read_sample("conversations/session-initiate.xml");
  Jingle accept = offer;
  accept.action = Action::session_accept;
  accept.contents.clear();
  adapt::keep_declined_contents(accept, offer, {offer.contents[0].name});
  CHECK(accept.contents.empty());
  Jingle full = offer;
  adapt::keep_declined_contents(full, offer, {});
  CHECK(full == offer);
}

TEST_CASE("Dino's component-2 candidates and SDES keys do not reach the browser") {
  Jingle j = read_sample("dino/session-accept.xml");
  const auto rtcp = candidates(j, 2);
  REQUIRE(rtcp > 0);
  const auto rtp = candidates(j, 1);
  CHECK(adapt::drop_rtcp_candidates(j) == rtcp);
  CHECK(candidates(j, 2) == 0);
  CHECK(candidates(j, 1) == rtp);

  Jingle offer = read_sample("dino/session-initiate.xml");
  bool had = false;
  for (const auto& c : offer.contents) had |= std::get<RtpDescription>(c.description).encryption.has_value();
  REQUIRE(had);
  adapt::drop_sdes(offer);
  for (const auto& c : offer.contents) CHECK_FALSE(std::get<RtpDescription>(c.description).encryption);
}

TEST_CASE("Movim's second session-accept is read as the content-accept it stands for") {
  Jingle j = read_sample("movim/session-accept.xml");
  adapt::session_accept_as_content_accept(j);
  CHECK(j.action == Action::content_accept);
  Jingle t = read_sample("movim/transport-info.xml");
  adapt::session_accept_as_content_accept(t);
  CHECK(t.action == Action::transport_info);
}

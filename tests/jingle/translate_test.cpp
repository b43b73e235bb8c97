// The SDP <-> Jingle mapping rules: senders, data channels, what browsers need repaired, refusals.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "jingle/sdp/sdp.hpp"
#include "jingle/translate/translate.hpp"

using namespace jinglegate;
using namespace jinglegate::jingle;
namespace fs = std::filesystem;

namespace {

std::string sample(const std::string& name) {
  std::ifstream in(fs::path(JG_SOURCE_DIR) / "tests/data/jingle" / name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

sdp::Session sdp_of(std::string_view xml, ToSdpOptions o = {}) {
  auto j = parse_jingle(xml);
  REQUIRE(j.ok());
  auto s = to_sdp(*j, o);
  INFO((s.ok() ? "" : s.error().detail));
  REQUIRE(s.ok());
  return *s;
}

const std::string kFingerprint =
    "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>"
    "02:1A:CC:54:27:AB:EB:9C:53:3F:3E:4B:65:2E:7D:46:3F:54:42:CD:54:F1:7A:03:A2:7D:F9:B0:7F:46:19:B2</fingerprint>";

std::string transport(std::string_view inner = {}) {
  return "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u1' pwd='p1p1p1p1p1p1p1p1p1p1p1'>" +
         kFingerprint + std::string(inner) + "</transport>";
}

std::string initiate(std::string_view contents, std::string_view extra = {}) {
  return "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s1'>" + std::string(extra) +
         std::string(contents) + "</jingle>";
}

}  // namespace

TEST_CASE("senders follow the SDP direction from the author's side (RFC 3264 §6.1)") {
  using D = sdp::Direction;
  struct Row {
    D direction;
    Role author;
    Senders senders;
  };
  const Row rows[] = {
      {D::sendrecv, Role::initiator, Senders::both},      {D::sendrecv, Role::responder, Senders::both},
      {D::sendonly, Role::initiator, Senders::initiator}, {D::sendonly, Role::responder, Senders::responder},
      {D::recvonly, Role::initiator, Senders::responder}, {D::recvonly, Role::responder, Senders::initiator},
      {D::inactive, Role::initiator, Senders::none},      {D::inactive, Role::responder, Senders::none},
  };
  for (const auto& r : rows) {
    CHECK(to_senders(r.direction, r.author) == r.senders);
    CHECK(to_direction(r.senders, r.author) == r.direction);
  }
  CHECK(to_senders(D::absent, Role::initiator) == Senders::both);
}

TEST_CASE("a data channel is written as XEP-0343 and read in every form peers send") {
  const std::string dc_sdp =
      "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
      "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n"
      "a=ice-ufrag:u1\r\na=ice-pwd:p1p1p1p1p1p1p1p1p1p1p1\r\n"
      "a=fingerprint:sha-256 AA:BB\r\na=setup:actpass\r\na=mid:0\r\na=sctp-port:5000\r\na=max-message-size:262144\r\n";
  ToJingleOptions o;
  o.sid = "s1";
  auto xml = sdp_to_jingle_xml(dc_sdp, o);
  REQUIRE(xml.ok());
  CHECK(xml->find("<description xmlns='urn:xmpp:jingle:apps:webrtc-datachannel:0'/>") != std::string::npos);
  CHECK(xml->find("<sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000' protocol='webrtc-datachannel'/>") != std::string::npos);
  CHECK(xml->find("<sctp-port") != std::string::npos);
  auto back = jingle_xml_to_sdp(*xml);
  REQUIRE(back.ok());
  CHECK(*back == dc_sdp);

  // StanzaJS: no description at all; Movim: an RTP description with media='application'.
  const std::string sctpmap = "<sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000' protocol='webrtc-datachannel' streams='1024'/>";
  for (std::string description : {std::string(), std::string("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='application'/>")}) {
    const auto s = sdp_of(initiate("<content creator='initiator' name='d'>" + description + transport(sctpmap) + "</content>"));
    REQUIRE(s.media.size() == 1);
    CHECK(s.media[0].media == "application");
    CHECK(s.media[0].proto == "UDP/DTLS/SCTP");
    CHECK(s.media[0].sctp_port == 5000);
  }
}

TEST_CASE("Jingle from peers is repaired where browsers would refuse it") {
  SECTION("a group member that is not a content is dropped (Monal)") {
    const auto s = sdp_of(initiate(
        "<content creator='initiator' name='0'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
        "<payload-type id='111' name='opus' clockrate='48000' channels='2'/></description>" + transport() + "</content>",
        "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='0'/><content name='2'/></group>"));
    REQUIRE(s.groups.size() == 1);
    CHECK(s.groups[0].mids == std::vector<std::string>{"0"});
    CHECK(s.media[0].rtcp_mux);  // BUNDLE needs rtcp-mux (RFC 8843 §9)
  }
  SECTION("an ssrc-group member without a source gets one with the group's cname (StanzaJS)") {
    const auto s = sdp_of(initiate(
        "<content creator='initiator' name='1'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>"
        "<payload-type id='96' name='VP8' clockrate='90000'/><payload-type id='97' name='rtx' clockrate='90000'>"
        "<parameter name='apt' value='96'/></payload-type>"
        "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='11'><parameter name='cname' value='c1'/></source>"
        "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'><source ssrc='11'/><source ssrc='22'/></ssrc-group>"
        "</description>" + transport() + "</content>"));
    const auto* added = s.media[0].find_source(22);
    REQUIRE(added);
    REQUIRE(added->attributes.size() == 1);
    CHECK(added->attributes[0].value == "c1");
  }
  SECTION("a bundled content without credentials shares the first member's transport") {
    const auto s = sdp_of(initiate(
        "<content creator='initiator' name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>"
        "<payload-type id='0' name='PCMU' clockrate='8000'/></description>" + transport() + "</content>"
        "<content creator='initiator' name='v'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='video'>"
        "<payload-type id='96' name='VP8' clockrate='90000'/></description>"
        "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1'/></content>",
        "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='a'/><content name='v'/></group>"));
    CHECK(s.media[1].ice_ufrag == "u1");
    CHECK(s.media[1].fingerprints == s.media[0].fingerprints);
    CHECK(s.media[1].setup == Setup::actpass);
  }
}

TEST_CASE("what cannot become WebRTC SDP is refused with the XEP-0166 error") {
  const std::string rtp = "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><payload-type id='0' name='PCMU'/></description>";
  auto refuse = [](const std::string& xml) {
    auto j = parse_jingle(xml);
    REQUIRE(j.ok());
    auto s = to_sdp(*j);
    REQUIRE_FALSE(s.ok());
    return s.error().code;
  };
  CHECK(refuse(initiate("<content creator='initiator' name='f'><description xmlns='urn:xmpp:jingle:apps:file-transfer:5'/>" +
                        transport() + "</content>")) == Errc::unsupported_application);
  CHECK(refuse(initiate("<content creator='initiator' name='a'>" + rtp +
                        "<transport xmlns='urn:xmpp:jingle:transports:raw-udp:1'/></content>")) == Errc::unsupported_transport);
  CHECK(refuse(initiate("<content creator='initiator' name='a'>" + rtp +
                        "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'/></content>")) == Errc::security_error);
}

TEST_CASE("every offer and answer sample becomes SDP our parser reads back, or a clean refusal") {
  int translated = 0;
  for (const auto& dir : fs::directory_iterator(fs::path(JG_SOURCE_DIR) / "tests/data/jingle")) {
    if (!dir.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(dir.path())) {
      const std::string name = f.path().filename().string();
      if (!name.starts_with("session-initiate") && !name.starts_with("session-accept")) continue;
      INFO(f.path());
      const std::string xml = sample(dir.path().filename().string() + "/" + name);
      auto j = parse_jingle(xml);
      REQUIRE(j.ok());
      auto s = to_sdp(*j);
      if (!s.ok()) {
        CHECK(s.error().code == Errc::security_error);  // the pre-DTLS XEP-0167 example
        CHECK(xml.find("urn:xmpp:jingle:apps:dtls:0") == std::string::npos);
        continue;
      }
      const std::string text = sdp::write_sdp(*s);
      auto again = sdp::parse_sdp(text);
      INFO(text);
      REQUIRE(again.ok());
      CHECK(sdp::write_sdp(*again) == text);
      CHECK(again->media.size() == j->contents.size());
      ++translated;
    }
  }
  CHECK(translated >= 10);
}

TEST_CASE("Conversations gets what it requires: fingerprint with setup, rtcp-mux, trickle-only") {
  ToJingleOptions o;
  o.sid = "s1";
  o.sdp_lines = false;
  std::ifstream in(fs::path(JG_CORPUS_DIR) / "audio-video.offer.sdp", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto xml = sdp_to_jingle_xml(text.str(), o);
  REQUIRE(xml.ok());
  auto j = parse_jingle(*xml);
  REQUIRE(j.ok());
  for (const auto& c : j->contents) {
    const auto& t = std::get<IceUdpTransport>(c.transport);
    REQUIRE(t.fingerprints.size() == 1);
    CHECK(t.fingerprints[0].setup == Setup::actpass);
    CHECK_FALSE(t.ufrag.empty());
    CHECK(std::get<RtpDescription>(c.description).rtcp_mux);
    for (const auto& cand : t.candidates) {
      CHECK(cand.id);
      CHECK(cand.generation);
      CHECK_FALSE(cand.ufrag);
    }
  }
  // No <parameter/> without a value: Conversations refuses those (RED's fmtp 111/111).
  CHECK(xml->find("<parameter name='111/111'") == std::string::npos);
}

TEST_CASE("Jingle whose values SDP cannot carry is refused before it reaches a browser") {
  const std::string rtp_with = [] {
    return std::string("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><payload-type id='0' name='PCMU' clockrate='8000'/>");
  }();
  struct Case {
    const char* name;
    std::string description_tail;
    std::string transport_inner;
  };
  const Case cases[] = {
      {"header extension id 0", "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='0' uri='urn:x'/>", ""},
      {"a space in a payload name", "<payload-type id='96' name='V P8' clockrate='90000'/>", ""},
      {"payload type above 127", "<payload-type id='200' name='VP8' clockrate='90000'/>", ""},
      {"a line break in a parameter", "<payload-type id='97' name='VP8' clockrate='90000'><parameter name='a' value='1&#10;a=x'/></payload-type>", ""},
      {"a space in a candidate address", "",
       "<candidate component='1' foundation='1' generation='0' id='c' ip='1.2.3.4 5' port='5' priority='1' protocol='udp' type='host'/>"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const std::string xml = initiate("<content creator='initiator' name='a'>" + rtp_with + c.description_tail +
                                     "</description>" + transport(c.transport_inner) + "</content>");
    auto j = parse_jingle(xml);
    REQUIRE(j.ok());
    auto text = to_sdp_text(*j);
    REQUIRE_FALSE(text.ok());
    CHECK(text.error().code == Errc::translation_failed);
  }
}

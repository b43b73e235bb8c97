// The typed SDP model as read from real SDP (corpus and Firefox), attributes kept verbatim in
// place, fmtp forms, precedence helpers, and a session built in code.
#include <catch2/catch.hpp>

#include "jingle/sdp/sdp.hpp"
#include "tests/jingle/sdp_test_files.hpp"

using namespace jinglegate;
using namespace jinglegate::jingle::sdp;

namespace {

Session parse_ok(std::string_view text) {
  auto s = parse_sdp(text);
  if (!s) FAIL("parse failed: " << s.error().detail << " at line " << s.error().line);
  return *s;
}
Session corpus(std::string_view name) { return parse_ok(test::corpus(name)); }
Session firefox(std::string_view name) {
  return parse_ok(test::read_file(std::filesystem::path(JG_SOURCE_DIR) / "tests/data/firefox" / name));
}

}  // namespace

TEST_CASE("a Chromium audio+video offer reads into typed fields") {
  const auto s = corpus("audio-video.offer.sdp");
  CHECK(s.origin.username == "-");
  CHECK(s.origin.session_version == 2);
  REQUIRE(s.groups.size() == 1);
  CHECK(s.groups[0].semantics == "BUNDLE");
  CHECK(s.groups[0].mids == std::vector<std::string>{"0", "1"});
  CHECK(s.extmap_allow_mixed);
  REQUIRE(s.msid_semantics.size() == 1);
  CHECK(s.msid_semantics[0].space_after_colon);
  CHECK(s.msid_semantics[0].ids.size() == 1);
  REQUIRE(s.media.size() == 2);

  const auto& audio = s.media[0];
  CHECK(audio.media == "audio");
  CHECK(audio.port == 60798);
  CHECK(audio.formats.front() == "111");
  REQUIRE(audio.rtcp);
  CHECK(audio.rtcp->port == 9);
  CHECK(audio.rtcp->address == Connection{"IN", "IP4", "0.0.0.0"});
  REQUIRE(audio.candidates.size() == 4);
  CHECK(audio.candidates[1].address == "fd00::2");
  CHECK(audio.candidates[1].network_id == 2u);
  CHECK(audio.candidates[2].tcptype == "active");
  CHECK(audio.ice_options == std::vector<std::string>{"trickle"});
  REQUIRE(audio.fingerprints.size() == 1);
  CHECK(audio.fingerprints[0].hash == "sha-256");
  CHECK(audio.setup == Setup::actpass);
  CHECK(audio.mid == "0");
  CHECK(audio.extmaps[0].id == 1);
  CHECK(audio.extmaps[0].uri == "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
  CHECK(audio.direction == Direction::sendrecv);
  CHECK(audio.rtcp_mux);
  CHECK(audio.rtcp_rsize);
  CHECK(audio.rtcp_xr == "rcvr-rtt=all");
  CHECK(audio.other.empty());

  const auto* opus = audio.find_codec(111);
  REQUIRE(opus);
  CHECK(opus->rtpmap == Rtpmap{"opus", 48000, 2});
  CHECK(opus->rtcp_fb == std::vector<RtcpFb>{{"transport-cc", ""}});
  REQUIRE(opus->fmtp);
  CHECK(opus->fmtp->text == "minptime=10;useinbandfec=1");
  CHECK(opus->fmtp->params() == std::vector<FmtpParam>{{"minptime", "10"}, {"useinbandfec", "1"}});
  const auto* red = audio.find_codec(63);
  REQUIRE(red);
  CHECK(red->fmtp->text == "111/111");  // RFC 2198 redundancy: not key=value, kept
  CHECK_FALSE(red->fmtp->params());
  CHECK(audio.find_codec(0)->rtpmap == Rtpmap{"PCMU", 8000, std::nullopt});

  const auto& video = s.media[1];
  REQUIRE(video.ssrc_groups.size() == 1);
  CHECK(video.ssrc_groups[0].semantics == "FID");
  CHECK(video.ssrc_groups[0].ssrcs.size() == 2);
  REQUIRE(video.sources.size() == 2);
  CHECK(video.sources[0].ssrc == video.ssrc_groups[0].ssrcs[0]);
  CHECK(video.sources[0].attributes[0].name == "cname");
  CHECK(video.sources[0].attributes[1].name == "msid");
  CHECK(video.find_codec(96)->rtcp_fb.size() == 5);
  CHECK(video.find_codec(96)->rtcp_fb[4] == RtcpFb{"nack", "pli"});
}

TEST_CASE("the simulcast offer carries three send rids and a=simulcast") {
  const auto s = corpus("simulcast.offer.sdp");
  const auto& v = s.media.at(0);
  REQUIRE(v.rids.size() == 3);
  CHECK(v.rids[0] == Rid{"q", RidDirection::send, ""});
  CHECK(v.rids[2].id == "f");
  REQUIRE(v.simulcast);
  CHECK(v.simulcast->send == "q;h;f");
  CHECK(v.simulcast->recv.empty());
  CHECK(v.sources.empty());
  CHECK(corpus("simulcast.answer.sdp").media.at(0).rids.empty());
}

TEST_CASE("the data channel offer carries sctp-port and max-message-size") {
  const auto s = corpus("datachannel.offer.sdp");
  const auto& d = s.media.at(0);
  CHECK(d.media == "application");
  CHECK(d.proto == "UDP/DTLS/SCTP");
  CHECK(d.formats == std::vector<std::string>{"webrtc-datachannel"});
  CHECK(d.sctp_port == 5000);
  CHECK(d.max_message_size == 262144u);
  CHECK_FALSE(d.sctpmap);
  CHECK(d.direction == Direction::absent);
  CHECK(effective_direction(s, d) == Direction::sendrecv);
  CHECK(s.msid_semantics.at(0).ids.empty());
}

TEST_CASE("a track added without a stream has msid stream id -") {
  const auto s = corpus("audio-no-stream.offer.sdp");
  const auto& a = s.media.at(0);
  REQUIRE(a.msids.size() == 1);
  CHECK(a.msids[0].stream == "-");
  CHECK_FALSE(a.msids[0].track.empty());
}

TEST_CASE("a stopped transceiver has port 0 and an inactive direction stays typed") {
  CHECK(corpus("stop-video.offer.sdp").media.at(1).port == 0);
  CHECK(corpus("hold.offer.sdp").media.at(0).direction == Direction::inactive);
  CHECK(corpus("recvonly-audio.answer.sdp").media.at(0).direction == Direction::sendonly);
}

TEST_CASE("mDNS candidates keep their .local name and network-cost") {
  const auto s = corpus("datachannel-mdns.offer.sdp");
  const auto& c = s.media.at(0).candidates.at(0);
  CHECK(c.address.ends_with(".local"));
  CHECK(c.network_cost == 999u);
  CHECK_FALSE(c.network_id);
}

TEST_CASE("Firefox: session-level fingerprint and direction, upper-case UDP, component 2") {
  const auto s = firefox("firefox68-audio.offer.sdp");
  CHECK(s.origin.username == "mozilla...THIS_IS_SDPARTA-68.0");
  CHECK(s.direction == Direction::sendrecv);
  REQUIRE(s.fingerprints.size() == 1);
  CHECK(s.ice_options == std::vector<std::string>{"trickle"});
  REQUIRE(s.msid_semantics.size() == 1);
  CHECK_FALSE(s.msid_semantics[0].space_after_colon);
  CHECK(s.msid_semantics[0].ids == std::vector<std::string>{"*"});
  const auto& a = s.media.at(0);
  CHECK(a.fingerprints.empty());
  CHECK(effective_fingerprints(s, a).size() == 1);
  CHECK(effective_fingerprints(s, a)[0].hash == "sha-256");
  CHECK(effective_ice_options(s, a).size() == 1);
  CHECK(effective_ice_ufrag(s, a) == "7848ec25");
  CHECK(effective_setup(s, a) == Setup::actpass);
  CHECK(a.candidates.at(0).protocol == "UDP");
  CHECK(a.candidates.at(10).component == 2);
  CHECK(a.rtcp == Rtcp{47797, Connection{"IN", "IP4", "192.168.1.217"}});
  CHECK(a.extmaps.at(1).direction == Direction::recvonly);
  CHECK(a.msids.at(0).stream.starts_with('{'));
  CHECK(a.find_codec(9)->rtpmap->channels == 1u);
  CHECK(a.find_codec(101)->fmtp->text == "0-15");
  CHECK_FALSE(a.find_codec(101)->fmtp->params());
  // Codecs come in the m= line's order although Firefox writes a=fmtp before a=rtpmap.
  CHECK(a.codecs.at(0).pt == 109);
  CHECK(a.codecs.at(4).pt == 101);
}

TEST_CASE("Firefox: bundle-only, end-of-candidates and media-level extmap-allow-mixed") {
  const auto s = firefox("firefox99-recvonly-av.offer.sdp");
  const auto& v = s.media.at(0);
  CHECK(v.end_of_candidates);
  CHECK(v.extmap_allow_mixed);
  CHECK(v.rtcp->address->address.ends_with(".local"));
  const auto& a = s.media.at(1);
  CHECK(a.port == 0);
  CHECK(a.bundle_only);
  CHECK(a.direction == Direction::recvonly);
}

TEST_CASE("Firefox: simulcast rids and a data channel answer") {
  const auto sim = firefox("firefox60-simulcast.offer.sdp");
  const auto& v = sim.media.at(0);
  CHECK(v.rids.size() == 3);
  CHECK(v.simulcast->send == "a;b;c");
  CHECK(v.msids.at(0).stream == "-");
  CHECK(v.sources.size() == 3);
  CHECK(v.extmaps.at(3).direction == Direction::sendonly);
  const auto dc = firefox("firefox84-datachannel.answer.sdp");
  CHECK(dc.media.at(0).max_message_size == 1073741823u);
  CHECK(dc.media.at(0).setup == Setup::active);
  CHECK(dc.media.at(0).end_of_candidates);
}

TEST_CASE("unknown attributes in a Chromium SDP come back in place, byte for byte") {
  auto text = test::corpus("audio-video.offer.sdp");
  const auto insert_after = [&](std::string_view anchor, std::string_view extra) {
    const auto at = text.find(anchor);
    REQUIRE(at != std::string::npos);
    text.insert(text.find('\n', at) + 1, std::string(extra) + "\r\n");
  };
  insert_after("a=extmap-allow-mixed", "a=x-session-thing:1");
  insert_after("t=0 0", "a=x-first");
  insert_after("a=rtcp:9 IN IP4", "a=x-after-rtcp");
  insert_after("a=rtcp-rsize", "a=x-google-flag:conference");
  insert_after("a=fmtp:102 ", "a=x-per-codec:102");
  insert_after("a=rtpmap:99 rtx/90000", "a=x-between-rtpmap-and-fmtp");  // moves after the fmtp
  insert_after("a=ssrc-group:FID", "a=x-after-group");
  insert_after("a=mid:1", "a=ice-lite");  // session-level only: kept verbatim at media level
  const auto s = parse_ok(text);
  const auto written = write_sdp(s);
  CHECK(test::sorted_lines(written) == test::sorted_lines(text));
  auto expected = text;
  const auto moved = std::string("a=x-between-rtpmap-and-fmtp\r\n");
  expected.erase(expected.find(moved), moved.size());
  expected.insert(expected.find("\n", expected.find("a=fmtp:99 apt=98")) + 1, moved);
  CHECK(written == expected);
  REQUIRE(s.other.size() == 2);
  CHECK(s.other[0].name() == "x-first");
  CHECK_FALSE(s.other[0].value());
  CHECK(s.media[0].other.at(1).value() == "conference");
  CHECK(s.media[1].other.size() == 4);
}

TEST_CASE("kept attributes are stored in writing order, so parse(write(x)) == parse(x)") {
  // Found by the fuzzer: a kept line after a=rtcp-mux, then a=mid, then another kept line.
  const auto s = parse_ok(
      "v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n"
      "a=rtcp-mux\r\na=x-late\r\na=mid:0\r\na=x-early\r\n");
  const auto& other = s.media.at(0).other;
  REQUIRE(other.size() == 2);
  CHECK(other[0].text == "x-early");
  CHECK(other[0].after == MediaSlot::mid);
  CHECK(other[1].text == "x-late");
  CHECK(other[1].after == MediaSlot::rtcp_mux);
  const auto written = write_sdp(s);
  CHECK(written.ends_with("a=mid:0\r\na=x-early\r\na=rtcp-mux\r\na=x-late\r\n"));
  CHECK(parse_ok(written) == s);
}

TEST_CASE("fmtp keeps its text and reads key=value pairs on demand") {
  const auto s = parse_ok(
      "v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/SAVPF 109 101 96 97\r\n"
      "a=fmtp:109 useinbandfec=1; stereo=1\r\na=fmtp:101 0-15\r\na=fmtp:96 \r\n"
      "a=fmtp:97 sprop-parameter-sets=Z0IAH5WoFAFuQA==,aM48gA==;x=\r\n"
      "a=rtcp-fb:* nack\r\na=rtcp-fb:* trr-int 100\r\n");
  const auto& m = s.media.at(0);
  const auto& f109 = *m.find_codec(109)->fmtp;
  CHECK(f109.text == "useinbandfec=1; stereo=1");
  CHECK(f109.params() == std::vector<FmtpParam>{{"useinbandfec", "1"}, {"stereo", "1"}});
  CHECK(m.find_codec(96)->fmtp->text.empty());
  CHECK(m.find_codec(96)->fmtp->params() == std::vector<FmtpParam>{});
  CHECK(m.find_codec(97)->fmtp->params() ==
        std::vector<FmtpParam>{{"sprop-parameter-sets", "Z0IAH5WoFAFuQA==,aM48gA=="}, {"x", ""}});
  REQUIRE(m.rtcp_fb_wildcard.size() == 2);
  CHECK(m.rtcp_fb_wildcard[1].trr_int() == 100u);
  CHECK_FALSE(m.rtcp_fb_wildcard[0].trr_int());
  const auto written = write_sdp(s);
  CHECK(written.find("a=fmtp:109 useinbandfec=1; stereo=1\r\n") != std::string::npos);
  CHECK(written.find("a=fmtp:96 \r\n") != std::string::npos);
  CHECK(written.find("a=rtcp-fb:* trr-int 100\r\n") != std::string::npos);
}

TEST_CASE("fmtp text that is not key=value pairs has no params") {
  for (const char* text : {"0-15", "111/111", "a=1;", "=1", "a b=1", ";a=1"}) {
    CAPTURE(text);
    CHECK_FALSE(Fmtp{text}.params());
  }
  const std::vector<FmtpParam> pairs{{"apt", "96"}, {"x", "y z"}};
  CHECK(Fmtp::from_params(pairs).text == "apt=96;x=y z");
  CHECK(Fmtp::from_params(pairs).params() == pairs);
}

TEST_CASE("Firefox's trailing space after an ssrc msid survives") {
  const std::string line = "a=ssrc:1 msid:{a} {b} \r\n";
  const auto s = parse_ok("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/SAVPF 0\r\n" + line);
  CHECK(s.media.at(0).sources.at(0).attributes.at(0).value == "{a} {b} ");
  CHECK(write_sdp(s).ends_with(line));
}

TEST_CASE("media-level ICE and DTLS values override session-level ones") {
  Session s;
  Media m;
  s.ice_ufrag = "sess";
  s.setup = Setup::actpass;
  s.fingerprints = {{"sha-256", "AA"}};
  s.direction = Direction::sendonly;
  CHECK(effective_ice_ufrag(s, m) == "sess");
  CHECK(effective_setup(s, m) == Setup::actpass);
  CHECK(effective_direction(s, m) == Direction::sendonly);
  m.ice_ufrag = "media";
  m.setup = Setup::passive;
  m.fingerprints = {{"sha-1", "BB"}};
  m.direction = Direction::inactive;
  CHECK(effective_ice_ufrag(s, m) == "media");
  CHECK_FALSE(effective_ice_pwd(s, m));
  CHECK(effective_setup(s, m) == Setup::passive);
  CHECK(effective_fingerprints(s, m)[0].hash == "sha-1");
  CHECK(effective_direction(s, m) == Direction::inactive);
}

TEST_CASE("a default session is written as a minimal SDP that parses back") {
  const auto text = write_sdp(Session{});
  CHECK(text == "v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n");
  const auto again = parse_sdp(text);
  REQUIRE(again.ok());
  CHECK(*again == Session{});
}

TEST_CASE("a session built in code is written in Chromium's order") {
  Session s;
  s.origin.session_id = "42";
  s.origin.address = {"IN", "IP4", "127.0.0.1"};
  s.groups.push_back({"BUNDLE", {"0"}});
  s.msid_semantics.push_back({"WMS", {}, true});
  Media m;
  m.media = "audio";
  m.proto = "UDP/TLS/RTP/SAVPF";
  m.formats = {"111"};
  m.connections.push_back({});
  m.mid = "0";
  m.setup = Setup::actpass;
  m.ice_ufrag = "ufrg";
  m.direction = Direction::sendrecv;
  m.rtcp_mux = true;
  Codec opus;
  opus.pt = 111;
  opus.rtpmap = Rtpmap{"opus", 48000, 2};
  opus.fmtp = Fmtp{"minptime=10;useinbandfec=1"};
  opus.rtcp_fb.push_back({"transport-cc", ""});
  m.codecs.push_back(opus);
  m.other.push_back({"x-custom:1", MediaSlot::mid, 0});
  s.media.push_back(m);
  CHECK(write_sdp(s) ==
        "v=0\r\no=- 42 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
        "a=msid-semantic: WMS\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n"
        "a=ice-ufrag:ufrg\r\na=setup:actpass\r\na=mid:0\r\na=x-custom:1\r\na=sendrecv\r\n"
        "a=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\n"
        "a=fmtp:111 minptime=10;useinbandfec=1\r\n");
}

// The client samples in tests/data/jingle/ (Conversations, Dino, Monal, Movim, StanzaJS, Jitsi, XEP
// examples): each reads, writes and reads back equal, and carries what its client put in it.
#include "jingle_test_util.hpp"

using namespace jgtest;

namespace {

const RtpDescription& rtp(const Content& c) {
  const auto* d = std::get_if<RtpDescription>(&c.description);
  REQUIRE(d);
  return *d;
}

const IceUdpTransport& ice(const Content& c) {
  const auto* t = std::get_if<IceUdpTransport>(&c.transport);
  REQUIRE(t);
  return *t;
}

const PayloadType& payload_type(const RtpDescription& d, int id) {
  for (const auto& p : d.payload_types)
    if (p.id == id) return p;
  FAIL("no payload type " << id);
  return d.payload_types.front();
}

}  // namespace

TEST_CASE("every sample reads, and its written XML reads back to an equal model") {
  const auto files = sample_files();
  REQUIRE(files.size() >= 50);  // a broken glob must not pass as "nothing to check"
  for (const auto& file : files) {
    INFO(file.string());
    const xml::Element root = parse_xml(read_file(file));
    const xml::Element& p = payload(root);
    if (p.is("jingle", ns::jingle)) {
      auto j = read_jingle(p);
      INFO((j.ok() ? "" : j.error().detail));
      REQUIRE(j.ok());
      const std::string written = to_xml(*j);
      auto again = parse_jingle(written);
      INFO(written);
      REQUIRE(again.ok());
      CHECK(*again == *j);
      CHECK(to_xml(*again) == written);  // writing is deterministic
    } else {
      auto m = read_jingle_message(p);
      INFO((m.ok() ? "" : m.error().detail));
      REQUIRE(m.ok());
      const std::string written = to_xml(*m);
      auto again = read_jingle_message(parse_xml(written));
      INFO(written);
      REQUIRE(again.ok());
      CHECK(*again == *m);
    }
  }
}

TEST_CASE("parse_jingle accepts the <iq/> of a sample and its bare <jingle/>") {
  const std::string text = read_file(samples_dir() / "conversations/session-initiate.xml");
  auto from_iq = parse_jingle(text);
  REQUIRE(from_iq.ok());
  auto from_jingle = parse_jingle(to_xml(*from_iq));
  REQUIRE(from_jingle.ok());
  CHECK(*from_jingle == *from_iq);
  xml::DocumentReader reader;
  for (int i = 0; i < 3; ++i) {  // a kept reader parses again and again
    auto again = parse_jingle(text, reader);
    REQUIRE(again.ok());
    CHECK(*again == *from_iq);
  }
}

TEST_CASE("Conversations' session-initiate: BUNDLE, DTLS actpass, rtcp-mux, sources, no candidates") {
  const Jingle j = read_sample("conversations/session-initiate.xml");
  CHECK(j.action == Action::session_initiate);
  CHECK(j.sid == "LJ1mQp2Z9hR7sN4vWc8aDe");
  CHECK(j.initiator.empty());
  REQUIRE(j.groups.size() == 1);
  CHECK(j.groups[0].semantics == "BUNDLE");
  CHECK(j.groups[0].contents == std::vector<std::string>{"0", "1"});
  REQUIRE(j.contents.size() == 2);
  const Content& audio = j.contents[0];
  CHECK(audio.creator == Creator::initiator);
  CHECK(audio.senders == Senders::both);
  const RtpDescription& d = rtp(audio);
  CHECK(d.media == "audio");
  const PayloadType& opus = payload_type(d, 111);
  CHECK(opus.name == "opus");
  CHECK(opus.clockrate == 48000u);
  CHECK(opus.channels == 2);
  CHECK(opus.parameters == std::vector<Parameter>{{"minptime", "10"}, {"useinbandfec", "1"}});
  REQUIRE(opus.rtcp_fbs.size() == 1);
  CHECK(opus.rtcp_fbs[0].type == "transport-cc");
  CHECK(payload_type(d, 0).channels == 1);
  CHECK(d.hdrexts.size() == 4);
  CHECK(d.hdrexts[0].uri == "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
  CHECK(d.extmap_allow_mixed);
  CHECK(d.rtcp_mux);
  REQUIRE(d.sources.size() == 1);
  CHECK(d.sources[0].ssrc == 1865670974u);
  CHECK(d.sources[0].parameters[0] == Parameter{"cname", "hWWfpCNGxZmYFMvI"});
  const IceUdpTransport& t = ice(audio);
  CHECK(t.ufrag == "/NAu");
  CHECK(t.pwd == "s65bknqcYwuHnaMcjAz4bgfU");
  CHECK(t.candidates.empty());
  REQUIRE(t.fingerprints.size() == 1);
  CHECK(t.fingerprints[0].fingerprint.hash == "sha-256");
  CHECK(t.fingerprints[0].fingerprint.value.substr(0, 8) == "00:39:EF");
  CHECK(t.fingerprints[0].setup == Setup::actpass);
  const RtpDescription& video = rtp(j.contents[1]);
  REQUIRE(video.ssrc_groups.size() == 1);
  CHECK(video.ssrc_groups[0].semantics == "FID");
  CHECK(video.ssrc_groups[0].ssrcs.size() == 2);
  CHECK(payload_type(video, 96).rtcp_fbs.size() == 5);
}

TEST_CASE("Conversations' transport-info, content-add stub and JMI payloads") {
  const Jingle ti = read_sample("conversations/transport-info.xml");
  REQUIRE(ti.contents.size() == 1);
  CHECK(std::holds_alternative<std::monostate>(ti.contents[0].description));
  const IceUdpTransport& t = ice(ti.contents[0]);
  REQUIRE(t.candidates.size() == 1);
  const IceCandidate& c = t.candidates[0];
  CHECK(c.id == std::optional<std::string>("2d4a8f0e-5b7c-4e39-9a61-0f3c2b8d7e14"));
  CHECK(c.generation == 0u);
  CHECK(c.network_id == std::nullopt);
  CHECK(c.address == "192.0.2.2");
  CHECK(c.port == 60798);
  CHECK(c.priority == 2122194687u);
  CHECK(c.type == CandidateType::host);

  const Jingle add = read_sample("conversations/content-add.xml");
  CHECK(add.action == Action::content_add);
  REQUIRE(add.contents.size() == 1);
  CHECK(rtp(add.contents[0]).media == "video");
  CHECK(ice(add.contents[0]) == IceUdpTransport{});  // the stub <transport/>
  REQUIRE(add.groups.size() == 1);
  CHECK(add.groups[0].contents.size() == 2);

  const JingleMessage propose = read_message_sample("conversations/jmi-propose.xml");
  CHECK(propose.kind == JingleMessageKind::propose);
  CHECK(propose.id == "LJ1mQp2Z9hR7sN4vWc8aDe");
  REQUIRE(propose.descriptions.size() == 2);
  CHECK(propose.descriptions[1].media == "video");
  const JingleMessage proceed = read_message_sample("conversations/jmi-proceed.xml");
  REQUIRE(proceed.unknown.children.size() == 1);
  CHECK(proceed.unknown.children[0].is("device", "http://gultsch.de/xmpp/drafts/omemo/dlts-srtp-verification"));
  const JingleMessage retract = read_message_sample("conversations/jmi-retract.xml");
  CHECK(retract.kind == JingleMessageKind::retract);
  REQUIRE(retract.unknown.children.size() == 1);  // its media-less <description/> is kept, not read
  CHECK(retract.unknown.children[0].is("description", ns::jingle_rtp));
}

TEST_CASE("Dino's forms: SDES next to DTLS, two components, no BUNDLE, one candidate per transport-info") {
  const Jingle init = read_sample("dino/session-initiate.xml");
  CHECK(init.initiator == "romeo@montague.example/dino.2f7c8a1e");
  REQUIRE(init.contents.size() == 2);
  CHECK(init.contents[0].name == "audio");
  const RtpDescription& audio = rtp(init.contents[0]);
  CHECK(audio.payload_types.size() == 6);
  CHECK(payload_type(audio, 112).name == "speex");
  REQUIRE(audio.encryption);
  REQUIRE(audio.encryption->cryptos.size() == 1);
  CHECK(audio.encryption->cryptos[0].crypto_suite == "AES_CM_128_HMAC_SHA1_80");
  CHECK(audio.encryption->cryptos[0].tag == "1");
  const IceUdpTransport& t = ice(init.contents[0]);
  REQUIRE(t.candidates.size() == 2);
  CHECK(t.candidates[1].component == 2);
  CHECK(t.candidates[1].network_id == 0u);
  CHECK(init.groups.empty());

  const Jingle accept = read_sample("dino/session-accept.xml");
  CHECK(accept.initiator.empty());
  CHECK(ice(accept.contents[0]).ufrag != ice(accept.contents[1]).ufrag);
  CHECK(ice(accept.contents[0]).fingerprints[0].setup == Setup::active);
  const IceCandidate& relay = ice(accept.contents[0]).candidates[2];
  CHECK(relay.type == CandidateType::relay);
  CHECK(relay.rel_addr == std::optional<std::string>("192.168.1.20"));
  CHECK(relay.rel_port == std::optional<std::uint16_t>(51202));
  CHECK(rtp(accept.contents[0]).payload_types.size() == 1);

  const Jingle ti = read_sample("dino/transport-info.xml");
  REQUIRE(ti.contents.size() == 1);
  CHECK(ice(ti.contents[0]).fingerprints.empty());
  CHECK(ice(ti.contents[0]).candidates.size() == 1);

  const Jingle add = read_sample("dino/content-add.xml");
  CHECK(add.contents[0].senders == Senders::initiator);

  const Jingle failed = read_sample("dino/session-terminate-failed.xml");
  REQUIRE(failed.reason);
  CHECK(failed.reason->condition == ReasonCondition::failed_application);
  CHECK(failed.reason->text == "application error");

  const Jingle mute = read_sample("dino/session-info-mute.xml");
  REQUIRE(mute.info);
  CHECK(mute.info->kind == InfoKind::mute);
  CHECK(mute.info->creator == Creator::initiator);
  CHECK(mute.info->name == "audio");
  CHECK(read_sample("dino/session-info-ringing.xml").info->kind == InfoKind::ringing);
}

TEST_CASE("Monal's forms: rel_port, ICE options, its parameters, a group naming a dropped content") {
  const Jingle init = read_sample("monal/session-initiate.xml");
  REQUIRE(init.groups.size() == 1);
  CHECK(init.groups[0].contents == std::vector<std::string>{"0", "1", "2"});
  CHECK(init.contents.size() == 2);
  const IceUdpTransport& t = ice(init.contents[0]);
  CHECK(t.ice_options == std::vector<std::string>{"trickle", "renomination"});
  REQUIRE(t.candidates.size() == 1);
  CHECK(t.candidates[0].rel_port == std::optional<std::uint16_t>(61721));
  CHECK(t.candidates[0].extensions.empty());  // rel_port was understood, not kept aside
  const RtpDescription& audio = rtp(init.contents[0]);
  CHECK(audio.extmap_allow_mixed);  // unqualified (rtp namespace) form
  CHECK(audio.unknown.children.empty());
  const PayloadType& h264 = payload_type(rtp(init.contents[1]), 108);
  REQUIRE(h264.parameters.size() == 4);
  CHECK(h264.parameters[2] == h264.parameters[3]);  // duplicates kept, in order

  const Jingle tcp = read_sample("monal/transport-info-tcp.xml");
  const IceCandidate& c = ice(tcp.contents[0]).candidates[0];
  CHECK(c.protocol == "tcp");
  CHECK(!c.tcptype);

  const JingleMessage reject = read_message_sample("monal/jmi-reject-tie-break.xml");
  CHECK(reject.tie_break);
  REQUIRE(reject.reason);
  CHECK(reject.reason->condition == ReasonCondition::expired);
  const JingleMessage finish = read_message_sample("monal/jmi-finish-migrated.xml");
  CHECK(finish.migrated_to == "7E8F9A0B-1C2D-4E3F-8051-627384950A1B");
  CHECK(finish.unknown.children.empty());
  CHECK(read_message_sample("monal/jmi-ringing.xml").kind == JingleMessageKind::ringing);
}

TEST_CASE("Movim's forms: bare initiator, network-id/network-cost, bandwidth value=, sctpmap") {
  const Jingle init = read_sample("movim/session-initiate.xml");
  CHECK(init.initiator == "romeo@montague.example");
  const RtpDescription& video = rtp(init.contents[1]);
  REQUIRE(video.bandwidths.size() == 1);
  CHECK(video.bandwidths[0].type == "AS");
  CHECK(video.bandwidths[0].value == 2000u);
  CHECK(rtp(init.contents[0]).sources[0].parameters.size() == 3);

  const Jingle ti = read_sample("movim/transport-info.xml");
  CHECK(ti.responder == "juliet@call.capulet.example/web-1a2b");
  const IceCandidate& c = ice(ti.contents[0]).candidates[0];
  CHECK(c.network_id == 1u);
  CHECK(c.network_cost == 10u);
  CHECK(c.extensions.empty());

  const Jingle dc = read_sample("movim/session-initiate-datachannel.xml");
  const IceUdpTransport& t = ice(dc.contents[0]);
  REQUIRE(t.sctpmap);
  CHECK(t.sctpmap->number == 5000);
  CHECK(t.sctpmap->protocol == "webrtc-datachannel");
  CHECK(t.sctpmap->streams == 1024u);
  CHECK(rtp(dc.contents[0]).media == "application");

  const Jingle add = read_sample("movim/content-add.xml");
  REQUIRE(rtp(add.contents[1]).unknown.children.size() == 1);  // XEP-0507 <category/> kept
  CHECK(rtp(add.contents[1]).unknown.children[0].attr_or("name") == "slides");

  const Jingle mute = read_sample("movim/session-info-mute.xml");
  CHECK(mute.info->kind == InfoKind::mute);
  CHECK(!mute.info->creator);
  const JingleMessage propose = read_message_sample("movim/jmi-propose.xml");
  CHECK(propose.descriptions[0].media == "video");
  CHECK(read_message_sample("movim/jmi-finish.xml").reason->text == "Success");
}

TEST_CASE("StanzaJS's forms: data channel without description, valueless parameter, msid streams") {
  const Jingle init = read_sample("stanzajs/session-initiate.xml");
  REQUIRE(init.contents.size() == 3);
  const Content& data = init.contents[2];
  CHECK(std::holds_alternative<std::monostate>(data.description));
  REQUIRE(ice(data).sctpmap);
  CHECK(ice(data).sctpmap->streams == std::nullopt);
  const RtpDescription& audio = rtp(init.contents[0]);
  CHECK(audio.rtcp_rsize);
  CHECK(audio.ssrc == 510580771u);
  REQUIRE(audio.streams.size() == 1);
  CHECK(audio.streams[0].track == "8cd2d117-0824-4529-9f5d-170ef86bae05");
  CHECK(payload_type(audio, 126).parameters == std::vector<Parameter>{{"0-15", std::nullopt}});
  CHECK(payload_type(audio, 0).channels == 1);

  const Jingle done = read_sample("stanzajs/transport-info-gathering-complete.xml");
  CHECK(ice(done.contents[0]).gathering_complete);
  const Jingle ti = read_sample("stanzajs/transport-info.xml");
  CHECK(ice(ti.contents[0]).candidates[0].generation == 0u);  // absent, read as 0
  CHECK(read_sample("stanzajs/session-info-mute.xml").info->name == "1");
}

TEST_CASE("XEP examples and the Jitsi source-add dialect") {
  const Jingle alt = read_sample("xep/session-terminate-alternative-session.xml");
  CHECK(alt.reason->condition == ReasonCondition::alternative_session);
  CHECK(alt.reason->alternative_sid == "b84tkkwlmb48kgfb");
  const Jingle crypto = read_sample("xep/session-terminate-invalid-crypto.xml");
  REQUIRE(crypto.reason->app_conditions.size() == 1);
  CHECK(crypto.reason->app_conditions[0].is("invalid-crypto", ns::jingle_rtp_errors));
  CHECK(crypto.reason->text_lang == "en");
  const Jingle xep167 = read_sample("xep/session-initiate-0167.xml");
  const PayloadType& g729 = payload_type(rtp(xep167.contents[0]), 18);
  CHECK(g729.name == "G729");
  CHECK(!g729.clockrate);
  CHECK(ice(xep167.contents[0]).candidates[1].network_id == 1u);
  const Jingle ext = read_sample("xep/session-initiate-extensions.xml");
  const RtpDescription& video = rtp(ext.contents[1]);
  CHECK(video.trr_int == 200u);
  CHECK(payload_type(video, 98).trr_int == 100u);
  CHECK(rtp(ext.contents[0]).hdrexts[1].senders == Senders::initiator);
  CHECK(rtp(ext.contents[0]).encryption->required == true);
  CHECK(payload_type(rtp(ext.contents[0]), 96).ptime == 40u);
  CHECK(read_sample("xep/session-info-hold.xml").info->kind == InfoKind::hold);

  const Jingle jitsi = read_sample("jitsi/source-add.xml");
  CHECK(jitsi.action == Action::source_add);
  const Source& s = rtp(jitsi.contents[0]).sources[0];
  CHECK(s.unknown.attrs == std::vector<xml::Attr>{{"name", "7c1e0a2b-v0"}, {"videoType", "camera"}});
  REQUIRE(s.unknown.children.size() == 1);
  CHECK(s.unknown.children[0].is("ssrc-info", ns::jitsi_meet));
}

// Round trip of every modelled element: read(x), write, read again gives an equal model, and the
// model holds what the XML said.
#include "jingle_test_util.hpp"

using namespace jgtest;

namespace {
constexpr const char* kRtp = "xmlns='urn:xmpp:jingle:apps:rtp:1'";
}

TEST_CASE("candidate round-trips every XEP-0176 attribute and keeps unknown ones") {
  const IceCandidate c = round_trip(
      "<candidate xmlns='urn:xmpp:jingle:transports:ice-udp:1' component='2' foundation='3415873337' "
      "generation='1' id='y3s2b30v3r' ip='fd00::2' network='3' network-cost='50' port='45664' "
      "priority='1694498815' protocol='tcp' rel-addr='10.0.1.1' rel-port='8998' tcptype='passive' "
      "type='srflx' ufrag='/NAu' x-extra='a&amp;b' xmlns:q='urn:q' q:flag='1'/>",
      read_candidate, write_candidate);
  CHECK(c.component == 2);
  CHECK(c.foundation == "3415873337");
  CHECK(c.generation == 1u);
  CHECK(c.id == std::optional<std::string>("y3s2b30v3r"));
  CHECK(c.address == "fd00::2");
  CHECK(c.network_id == 3u);
  CHECK(c.network_cost == 50u);
  CHECK(c.port == 45664);
  CHECK(c.priority == 1694498815u);
  CHECK(c.protocol == "tcp");
  CHECK(c.rel_addr == std::optional<std::string>("10.0.1.1"));
  CHECK(c.rel_port == std::optional<std::uint16_t>(8998));
  CHECK(c.tcptype == std::optional<std::string>("passive"));
  CHECK(c.type == CandidateType::srflx);
  CHECK(c.ufrag == std::optional<std::string>("/NAu"));
  CHECK(c.extensions == std::vector<std::pair<std::string, std::string>>{{"x-extra", "a&b"}, {"{urn:q}flag", "1"}});
}

TEST_CASE("fingerprint round-trips hash, setup, value and Jitsi's required") {
  const DtlsFingerprint f = round_trip(
      "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='passive' required='false' "
      "cryptex='true'>\n  02:1A:CC:54\n</fingerprint>",
      read_fingerprint, write_fingerprint);
  CHECK(f.fingerprint.hash == "sha-256");
  CHECK(f.fingerprint.value == "02:1A:CC:54");
  CHECK(f.setup == Setup::passive);
  CHECK(f.required == false);
  CHECK(f.unknown.attrs == std::vector<xml::Attr>{{"cryptex", "true"}});
  const std::string written = write_one(f, write_fingerprint);
  CHECK(written ==
        "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='passive' required='false' "
        "cryptex='true'>02:1A:CC:54</fingerprint>");
}

TEST_CASE("payload-type round-trips attributes, parameters in order, feedback and trr-int") {
  const PayloadType p = round_trip(
      std::string("<payload-type ") + kRtp +
          " id='96' name='speex' clockrate='16000' channels='2' ptime='20' maxptime='40' x='y'>"
          "<parameter name='vbr' value='on'/><parameter name='cng' value='off'/><parameter name='vbr' value='on'/>"
          "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack' subtype='pli'>"
          "<parameter name='p' value='1'/></rtcp-fb>"
          "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='100'/><z xmlns='urn:z'/></payload-type>",
      read_payload_type, write_payload_type);
  CHECK(p.id == 96);
  CHECK(p.name == "speex");
  CHECK(p.clockrate == 16000u);
  CHECK(p.channels == 2);
  CHECK(p.ptime == 20u);
  CHECK(p.maxptime == 40u);
  CHECK(p.parameters == std::vector<Parameter>{{"vbr", "on"}, {"cng", "off"}, {"vbr", "on"}});
  REQUIRE(p.rtcp_fbs.size() == 1);
  CHECK(p.rtcp_fbs[0].subtype == "pli");
  CHECK(p.rtcp_fbs[0].parameters == std::vector<Parameter>{{"p", "1"}});
  CHECK(p.trr_int == 100u);
  CHECK(p.unknown.attrs == std::vector<xml::Attr>{{"x", "y"}});
  REQUIRE(p.unknown.children.size() == 1);
  CHECK(p.unknown.children[0].is("z", "urn:z"));
}

TEST_CASE("a static payload-type needs no name and defaults to one channel") {
  const PayloadType p = round_trip(std::string("<payload-type ") + kRtp + " id='0'/>", read_payload_type,
                                   write_payload_type);
  CHECK(p.name.empty());
  CHECK(!p.clockrate);
  CHECK(p.channels == 1);
  CHECK(write_one(p, write_payload_type) == "<payload-type xmlns='urn:xmpp:jingle:apps:rtp:1' id='0'/>");
}

TEST_CASE("rtp-hdrext round-trips id, uri, senders and parameters") {
  const HdrExt h = round_trip(
      "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='3' uri='urn:ietf:params:rtp-hdrext:toffset' "
      "senders='responder'><parameter name='a'/></rtp-hdrext>",
      read_hdrext, write_hdrext);
  CHECK(h.id == 3);
  CHECK(h.uri == "urn:ietf:params:rtp-hdrext:toffset");
  CHECK(h.senders == Senders::responder);
  CHECK(h.parameters == std::vector<Parameter>{{"a", std::nullopt}});
}

TEST_CASE("source and ssrc-group round-trip, valueless parameters included") {
  const Source s = round_trip(
      "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='4294967295'><parameter name='cname' value='x'/>"
      "<parameter name='label'/></source>",
      read_source, write_source);
  CHECK(s.ssrc == 4294967295u);
  CHECK(s.parameters == std::vector<Parameter>{{"cname", "x"}, {"label", std::nullopt}});
  const SsrcGroup g = round_trip(
      "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='SIM'><source ssrc='1'/><source ssrc='2'/>"
      "<source ssrc='3'/></ssrc-group>",
      read_ssrc_group, write_ssrc_group);
  CHECK(g.semantics == "SIM");
  CHECK(g.ssrcs == std::vector<std::uint32_t>{1, 2, 3});
}

TEST_CASE("group round-trips semantics and content names in order") {
  const Group g = round_trip(
      "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='LS'><content name='b'/><content name='a'/></group>",
      read_group, write_group);
  CHECK(g.semantics == "LS");
  CHECK(g.contents == std::vector<std::string>{"b", "a"});
}

TEST_CASE("sctpmap round-trips number, protocol and streams") {
  const SctpMap m = round_trip(
      "<sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000' protocol='webrtc-datachannel' "
      "streams='1024'/>",
      read_sctpmap, write_sctpmap);
  CHECK(m.number == 5000);
  CHECK(m.protocol == "webrtc-datachannel");
  CHECK(m.streams == 1024u);
}

TEST_CASE("transport round-trips credentials, candidates, fingerprints, options and SCTP parameters") {
  const IceUdpTransport t = round_trip(
      "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='8hhy' pwd='asd88' ice-generation='1'>"
      "<trickle xmlns='http://gultsch.de/xmpp/drafts/jingle/transports/ice-udp/option'/>"
      "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>AA:BB</fingerprint>"
      "<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-1' setup='actpass'>CC:DD</fingerprint>"
      "<candidate component='1' foundation='1' generation='0' id='a' ip='10.0.1.1' port='8998' "
      "priority='2130706431' protocol='udp' type='host'/>"
      "<remote-candidate component='1' ip='10.0.1.2' port='9000'/>"
      "<sctp-port xmlns='urn:xmpp:jingle:transports:webrtc-datachannel:1' value='5000'/>"
      "<max-message-size xmlns='urn:xmpp:jingle:transports:webrtc-datachannel:1'>262144</max-message-size>"
      "<gathering-complete/><x xmlns='urn:x'>kept</x></transport>",
      read_ice_udp, write_ice_udp);
  CHECK(t.ufrag == "8hhy");
  CHECK(t.pwd == "asd88");
  CHECK(t.ice_options == std::vector<std::string>{"trickle"});
  REQUIRE(t.fingerprints.size() == 2);
  CHECK(t.fingerprints[1].fingerprint.hash == "sha-1");
  REQUIRE(t.candidates.size() == 1);
  REQUIRE(t.remote_candidate);
  CHECK(t.remote_candidate->port == 9000);
  CHECK(t.sctp_port == 5000);
  CHECK(t.max_message_size == 262144u);
  CHECK(t.gathering_complete);
  CHECK(t.unknown.attrs == std::vector<xml::Attr>{{"ice-generation", "1"}});
  REQUIRE(t.unknown.children.size() == 1);
  CHECK(t.unknown.children[0].text == "kept");
}

TEST_CASE("RTP description round-trips every child it models") {
  const RtpDescription d = round_trip(
      std::string("<description ") + kRtp +
          " media='video' ssrc='42' ptime='20'>"
          "<payload-type id='96' name='VP8' clockrate='90000'/>"
          "<bandwidth type='AS'>512</bandwidth><bandwidth type='TIAS'>500000</bandwidth>"
          "<rtcp-mux/><rtcp-reduced-size/>"
          "<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' type='nack'/>"
          "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='5'/>"
          "<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='u'/>"
          "<extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>"
          "<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='42'/>"
          "<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'><source ssrc='42'/></ssrc-group>"
          "<stream xmlns='urn:xmpp:jingle:apps:rtp:msid:0' id='s' track='t'/>"
          "<encryption required='true'><crypto crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='inline:x' "
          "session-params='KDR=1' tag='1'/><zrtp-hash xmlns='urn:xmpp:jingle:apps:rtp:zrtp:1' version='1.10'>ab"
          "</zrtp-hash></encryption>"
          "<category xmlns='urn:xmpp:jingle:apps:category:0' name='slides'/></description>",
      read_rtp_description, write_rtp_description);
  CHECK(d.media == "video");
  CHECK(d.ssrc == 42u);
  CHECK(d.payload_types.size() == 1);
  REQUIRE(d.bandwidths.size() == 2);
  CHECK(d.bandwidths[1].type == "TIAS");
  CHECK(d.bandwidths[1].value == 500000u);
  CHECK(d.rtcp_mux);
  CHECK(d.rtcp_rsize);
  CHECK(d.rtcp_fbs.size() == 1);
  CHECK(d.trr_int == 5u);
  CHECK(d.hdrexts.size() == 1);
  CHECK(d.extmap_allow_mixed);
  CHECK(d.sources.size() == 1);
  CHECK(d.ssrc_groups.size() == 1);
  CHECK(d.streams.size() == 1);
  REQUIRE(d.encryption);
  CHECK(d.encryption->required == true);
  CHECK(d.encryption->cryptos[0].session_params == "KDR=1");
  CHECK(d.encryption->unknown.children.size() == 1);
  CHECK(d.unknown.attrs == std::vector<xml::Attr>{{"ptime", "20"}});
  CHECK(d.unknown.children.size() == 1);
}

TEST_CASE("reason round-trips condition, text, language and application conditions") {
  const Reason r = round_trip(
      "<reason xmlns='urn:xmpp:jingle:1'><expired/><text xml:lang='de'>Zeit</text>"
      "<tie-break xmlns='urn:xmpp:jingle:errors:1'/><mystery/></reason>",
      read_reason, write_reason);
  CHECK(r.condition == ReasonCondition::expired);
  CHECK(r.text == "Zeit");
  CHECK(r.text_lang == "de");
  REQUIRE(r.app_conditions.size() == 1);
  CHECK(r.app_conditions[0].is("tie-break", ns::jingle_errors));
  REQUIRE(r.unknown.children.size() == 1);
  CHECK(r.unknown.children[0].name == "mystery");
}

TEST_CASE("every XEP-0166 reason condition round-trips by name") {
  for (int i = 0; i <= static_cast<int>(ReasonCondition::unsupported_transports); ++i) {
    const auto c = static_cast<ReasonCondition>(i);
    const std::string name(condition_name(c));
    const Reason r = round_trip("<reason xmlns='urn:xmpp:jingle:1'><" + name + "/></reason>", read_reason, write_reason);
    CHECK(r.condition == c);
    CHECK(r.unknown.children.empty());
  }
}

TEST_CASE("every action and session-info payload round-trips by name") {
  for (int i = 0; i <= static_cast<int>(Action::source_remove); ++i) {
    const auto a = static_cast<Action>(i);
    const std::string name(action_name(a));
    const Jingle j = round_trip("<jingle xmlns='urn:xmpp:jingle:1' action='" + name + "' sid='s'/>", read_jingle,
                                write_jingle);
    CHECK(j.action == a);
  }
  for (const char* payload : {"active", "hold", "unhold", "mute", "unmute", "ringing"}) {
    const Jingle j = round_trip(std::string("<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'><") +
                                    payload + " xmlns='urn:xmpp:jingle:apps:rtp:info:1'/></jingle>",
                                read_jingle, write_jingle);
    REQUIRE(j.info);
    CHECK(info_name(j.info->kind) == payload);
  }
}

TEST_CASE("an unknown session-info payload is kept whole for unsupported-info") {
  const Jingle j = round_trip(
      "<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'>"
      "<bridge-session xmlns='http://jitsi.org/protocol/focus' id='x' restart='true'/></jingle>",
      read_jingle, write_jingle);
  REQUIRE(j.info);
  CHECK(j.info->kind == InfoKind::unknown);
  CHECK(j.info->payload.is("bridge-session", "http://jitsi.org/protocol/focus"));
  CHECK(j.info->payload.attr_or("restart") == "true");
  const Jingle ping = round_trip("<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'/>", read_jingle,
                                 write_jingle);
  CHECK(!ping.info);
}

TEST_CASE("content round-trips attributes and keeps foreign descriptions and transports whole") {
  const Content c = round_trip(
      "<content xmlns='urn:xmpp:jingle:1' creator='responder' name='x' senders='none' disposition='early-session'>"
      "<description xmlns='urn:xmpp:jingle:apps:file-transfer:5'><file><name>a.txt</name></file></description>"
      "<transport xmlns='urn:xmpp:jingle:transports:webrtc-datachannel:1' sctp-port='5000'>"
      "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'/></transport>"
      "<security xmlns='urn:xmpp:jingle:jet:0' name='x'/></content>",
      read_content, write_content);
  CHECK(c.creator == Creator::responder);
  CHECK(c.senders == Senders::none);
  CHECK(c.disposition == "early-session");
  const auto* d = std::get_if<xml::Element>(&c.description);
  REQUIRE(d);
  CHECK(d->ns == "urn:xmpp:jingle:apps:file-transfer:5");
  const auto* t = std::get_if<xml::Element>(&c.transport);
  REQUIRE(t);
  CHECK(t->attr_or("sctp-port") == "5000");
  REQUIRE(c.unknown.children.size() == 1);
  CHECK(c.unknown.children[0].name == "security");
}

TEST_CASE("jingle round-trips attributes and keeps unknown attributes and children") {
  const Jingle j = round_trip(
      "<jingle xmlns='urn:xmpp:jingle:1' action='session-accept' initiator='a@b/c' responder='d@e/f' sid='s1' "
      "xmlns:j='urn:jitsi' j:x='1'><reason><success/></reason><reason><busy/></reason>"
      "<bridge-session xmlns='http://jitsi.org/protocol/focus' id='x'/></jingle>",
      read_jingle, write_jingle);
  CHECK(j.initiator == "a@b/c");
  CHECK(j.responder == "d@e/f");
  CHECK(j.sid == "s1");
  REQUIRE(j.reason);
  CHECK(j.reason->condition == ReasonCondition::success);
  CHECK(j.unknown.attrs == std::vector<xml::Attr>{{"{urn:jitsi}x", "1"}});
  REQUIRE(j.unknown.children.size() == 2);  // the second <reason/> and Jitsi's element
  CHECK(j.unknown.children[0].name == "reason");
  CHECK(!j.info);  // only session-info has a payload
}

TEST_CASE("every XEP-0353 message kind round-trips") {
  const JingleMessage propose = round_trip(
      "<propose xmlns='urn:xmpp:jingle-message:0' id='p'><description xmlns='urn:xmpp:jingle:apps:rtp:1' "
      "media='audio'/><description xmlns='urn:xmpp:jingle:apps:file-transfer:5'/></propose>",
      read_jingle_message, write_jingle_message);
  CHECK(propose.descriptions.size() == 1);
  CHECK(propose.unknown.children.size() == 1);
  for (const char* kind : {"ringing", "proceed", "accept"}) {
    const JingleMessage m = round_trip(std::string("<") + kind + " xmlns='urn:xmpp:jingle-message:0' id='i'/>",
                                       read_jingle_message, write_jingle_message);
    CHECK(message_kind_name(m.kind) == kind);
    CHECK(m.id == "i");
  }
  const JingleMessage reject = round_trip(
      "<reject xmlns='urn:xmpp:jingle-message:0' id='r'><reason xmlns='urn:xmpp:jingle:1'><busy/></reason>"
      "<tie-break/></reject>",
      read_jingle_message, write_jingle_message);
  CHECK(reject.reason->condition == ReasonCondition::busy);
  CHECK(reject.tie_break);
  const JingleMessage retract = round_trip(
      "<retract xmlns='urn:xmpp:jingle-message:0' id='r'><reason xmlns='urn:xmpp:jingle:1'><cancel/>"
      "<text>Retracted</text></reason></retract>",
      read_jingle_message, write_jingle_message);
  CHECK(retract.reason->text == "Retracted");
  const JingleMessage finish = round_trip(
      "<finish xmlns='urn:xmpp:jingle-message:0' id='f'><reason xmlns='urn:xmpp:jingle:1'><expired/></reason>"
      "<migrated to='g'/></finish>",
      read_jingle_message, write_jingle_message);
  CHECK(finish.migrated_to == "g");
}

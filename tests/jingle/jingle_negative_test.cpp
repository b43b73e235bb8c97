// What the Jingle readers refuse, and with which error: one row per fault.
#include "jingle_test_util.hpp"

using namespace jgtest;

namespace {

struct Case {
  const char* what;
  std::string xml;  // a <jingle/>, or a JMI payload when it starts with "<jmi>"
  Errc code;
  const char* detail;  // a substring of Error::detail
};

std::string in_jingle(const std::string& inner, const std::string& attrs = "action='session-initiate' sid='s'") {
  return "<jingle xmlns='urn:xmpp:jingle:1' " + attrs + ">" + inner + "</jingle>";
}
std::string content(const std::string& inner, const std::string& attrs = "creator='initiator' name='a'") {
  return in_jingle("<content " + attrs + ">" + inner + "</content>");
}
std::string rtp(const std::string& inner, const std::string& attrs = "media='audio'") {
  return content("<description xmlns='urn:xmpp:jingle:apps:rtp:1' " + attrs + ">" + inner + "</description>");
}
std::string ice(const std::string& inner) {
  return content("<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>" + inner + "</transport>");
}
std::string candidate(const std::string& attrs) { return ice("<candidate " + attrs + "/>"); }
const std::string kCandidate = "component='1' foundation='1' ip='10.0.0.1' priority='1' protocol='udp' type='host' ";

}  // namespace

TEST_CASE("malformed Jingle is refused with the element and attribute named") {
  const std::vector<Case> cases = {
      {"missing sid", in_jingle("", "action='session-initiate'"), Errc::bad_jingle, "<jingle/>: missing attribute 'sid'"},
      {"empty sid", in_jingle("", "action='session-initiate' sid=''"), Errc::bad_jingle, "<jingle/>: bad sid=''"},
      {"missing action", in_jingle("", "sid='s'"), Errc::bad_jingle, "<jingle/>: missing attribute 'action'"},
      {"unknown action", in_jingle("", "action='session-foo' sid='s'"), Errc::unknown_action, "action='session-foo'"},
      {"action in the wrong case", in_jingle("", "action='Session-Initiate' sid='s'"), Errc::unknown_action, "Session"},
      {"old Jingle namespace", "<jingle xmlns='urn:xmpp:jingle:0' action='session-initiate' sid='s'/>",
       Errc::bad_jingle, "not a urn:xmpp:jingle:1"},
      {"content without name", content("", "creator='initiator'"), Errc::bad_jingle,
       "<content/>: missing attribute 'name'"},
      {"content creator", content("", "creator='someone' name='a'"), Errc::bad_jingle, "<content/>: bad creator='someone'"},
      {"Jitsi senders='rejected'", content("", "creator='initiator' name='a' senders='rejected'"), Errc::bad_jingle,
       "bad senders='rejected'"},
      {"description without media", rtp("", ""), Errc::bad_jingle, "<description/>: missing attribute 'media'"},
      {"non-numeric payload id", rtp("<payload-type id='abc'/>"), Errc::bad_jingle, "<payload-type/>: bad id='abc'"},
      {"payload id out of range", rtp("<payload-type id='256'/>"), Errc::bad_jingle, "bad id='256'"},
      {"payload without id", rtp("<payload-type name='opus'/>"), Errc::bad_jingle, "missing attribute 'id'"},
      {"negative channels", rtp("<payload-type id='1' channels='-1'/>"), Errc::bad_jingle, "bad channels='-1'"},
      {"clockrate with a sign", rtp("<payload-type id='1' clockrate='+8000'/>"), Errc::bad_jingle, "bad clockrate"},
      {"parameter without name", rtp("<payload-type id='1'><parameter value='1'/></payload-type>"), Errc::bad_jingle,
       "<parameter/>: missing attribute 'name'"},
      {"bandwidth without type", rtp("<bandwidth>64</bandwidth>"), Errc::bad_jingle, "<bandwidth/>: missing attribute 'type'"},
      {"bandwidth without number", rtp("<bandwidth type='AS'>lots</bandwidth>"), Errc::bad_jingle, "no bandwidth value"},
      {"crypto without key-params", rtp("<encryption><crypto crypto-suite='x' tag='1'/></encryption>"),
       Errc::bad_jingle, "<crypto/>: missing attribute 'key-params'"},
      {"encryption required='maybe'", rtp("<encryption required='maybe'/>"), Errc::bad_jingle, "bad required='maybe'"},
      {"rtcp-fb without type", rtp("<rtcp-fb xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0'/>"), Errc::bad_jingle,
       "<rtcp-fb/>: missing attribute 'type'"},
      {"trr-int without value", rtp("<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0'/>"),
       Errc::bad_jingle, "<rtcp-fb-trr-int/>: missing attribute 'value'"},
      {"hdrext id not a number", rtp("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='x' uri='u'/>"),
       Errc::bad_jingle, "<rtp-hdrext/>: bad id='x'"},
      {"hdrext without uri", rtp("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1'/>"),
       Errc::bad_jingle, "missing attribute 'uri'"},
      {"hdrext senders", rtp("<rtp-hdrext xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0' id='1' uri='u' senders='all'/>"),
       Errc::bad_jingle, "bad senders='all'"},
      {"ssrc over 32 bits", rtp("<source xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' ssrc='4294967296'/>"),
       Errc::bad_jingle, "<source/>: bad ssrc='4294967296'"},
      {"ssrc-group without semantics", rtp("<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0'/>"),
       Errc::bad_jingle, "<ssrc-group/>: missing attribute 'semantics'"},
      {"ssrc-group member without ssrc",
       rtp("<ssrc-group xmlns='urn:xmpp:jingle:apps:rtp:ssma:0' semantics='FID'><source/></ssrc-group>"),
       Errc::bad_jingle, "<source/>: missing attribute 'ssrc'"},
      {"bad candidate port", candidate(kCandidate + "port='70000'"), Errc::bad_jingle, "<candidate/>: bad port='70000'"},
      {"candidate without port", candidate(kCandidate), Errc::bad_jingle, "<candidate/>: missing attribute 'port'"},
      {"candidate without ip", candidate("component='1' foundation='1' port='1' priority='1' protocol='udp' type='host'"),
       Errc::bad_jingle, "missing attribute 'ip'"},
      {"candidate type", candidate("component='1' foundation='1' ip='a' port='1' priority='1' protocol='udp' type='relayed'"),
       Errc::bad_jingle, "bad type='relayed'"},
      {"negative priority", candidate("component='1' foundation='1' ip='a' port='1' priority='-5' protocol='udp' type='host'"),
       Errc::bad_jingle, "bad priority='-5'"},
      {"bad Monal rel_port", candidate(kCandidate + "port='1' rel_port='x'"), Errc::bad_jingle, "bad rel_port='x'"},
      {"bad generation", candidate(kCandidate + "port='1' generation='zero'"), Errc::bad_jingle, "bad generation='zero'"},
      {"remote-candidate without ip", ice("<remote-candidate component='1' port='1'/>"), Errc::bad_jingle,
       "<remote-candidate/>: missing attribute 'ip'"},
      {"fingerprint without hash", ice("<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' setup='active'>AA</fingerprint>"),
       Errc::bad_jingle, "<fingerprint/>: missing attribute 'hash'"},
      {"fingerprint setup", ice("<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='both'>AA</fingerprint>"),
       Errc::bad_jingle, "bad setup='both'"},
      {"empty fingerprint", ice("<fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='active'> </fingerprint>"),
       Errc::bad_jingle, "no fingerprint value"},
      {"sctpmap without number",
       ice("<sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' protocol='webrtc-datachannel'/>"), Errc::bad_jingle,
       "<sctpmap/>: missing attribute 'number'"},
      {"sctp-port without number", ice("<sctp-port xmlns='urn:xmpp:jingle:transports:webrtc-datachannel:1'/>"),
       Errc::bad_jingle, "<sctp-port/>: no number"},
      {"group without semantics", in_jingle("<group xmlns='urn:xmpp:jingle:apps:grouping:0'/>"), Errc::bad_jingle,
       "<group/>: missing attribute 'semantics'"},
      {"group content without name",
       in_jingle("<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content/></group>"), Errc::bad_jingle,
       "<content/>: missing attribute 'name'"},
      {"mute creator", in_jingle("<mute xmlns='urn:xmpp:jingle:apps:rtp:info:1' creator='both'/>",
                              "action='session-info' sid='s'"),
       Errc::bad_jingle, "<mute/>: bad creator='both'"},
  };
  for (const auto& c : cases) {
    INFO(c.what << ": " << c.xml);
    const xml::Element e = parse_xml(c.xml);
    auto r = read_jingle(e);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK_THAT(r.error().detail, Catch::Contains(c.detail));
  }
}

TEST_CASE("malformed XEP-0353 payloads are refused") {
  const std::vector<Case> cases = {
      {"propose without id", "<propose xmlns='urn:xmpp:jingle-message:0'/>", Errc::bad_jingle,
       "<propose/>: missing attribute 'id'"},
      {"not a JMI element", "<invite xmlns='urn:xmpp:jingle-message:0' id='x'/>", Errc::bad_jingle,
       "not a urn:xmpp:jingle-message:0 payload"},
      {"the 0.4 namespace", "<propose xmlns='urn:xmpp:jingle:jingle-message:1' id='x'/>", Errc::bad_jingle,
       "not a urn:xmpp:jingle-message:0"},
      {"proposed RTP description without media",
       "<propose xmlns='urn:xmpp:jingle-message:0' id='x'><description xmlns='urn:xmpp:jingle:apps:rtp:1'/></propose>",
       Errc::bad_jingle, "<description/>: missing attribute 'media'"},
      {"migrated without to", "<finish xmlns='urn:xmpp:jingle-message:0' id='x'><migrated/></finish>", Errc::bad_jingle,
       "<migrated/>: missing attribute 'to'"},
  };
  for (const auto& c : cases) {
    INFO(c.what << ": " << c.xml);
    auto r = read_jingle_message(parse_xml(c.xml));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK_THAT(r.error().detail, Catch::Contains(c.detail));
  }
}

TEST_CASE("parse_jingle reports XML faults and documents without Jingle") {
  struct Doc {
    const char* xml;
    Errc code;
  };
  const Doc docs[] = {
      {"<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'>", Errc::bad_xml},
      {"<!DOCTYPE x><jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'/>", Errc::restricted_xml},
      {"<iq xmlns='jabber:client' type='set'><query xmlns='urn:x'/></iq>", Errc::bad_jingle},
      {"<iq xmlns='jabber:client'><x><jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'/></x></iq>",
       Errc::bad_jingle},  // only a direct child counts
  };
  for (const auto& d : docs) {
    INFO(d.xml);
    auto r = parse_jingle(d.xml);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == d.code);
  }
}

TEST_CASE("an error's detail never echoes more than 64 characters of the offending value") {
  const std::string huge(5000, '9');
  auto r = read_jingle(parse_xml(rtp("<payload-type id='" + huge + "'/>")));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().detail.size() < 120);
}

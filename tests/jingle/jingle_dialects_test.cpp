// Read leniently, write strictly: each dialect form of jingle-clients.md is read, and what we write
// is the XEP form. Also: exactly where unknown XML goes when written back.
#include "jingle_test_util.hpp"

using namespace jgtest;

namespace {

const char* const kIce = "xmlns='urn:xmpp:jingle:transports:ice-udp:1'";

IceCandidate candidate(const std::string& attrs) {
  auto r = read_candidate(parse_xml(std::string("<candidate ") + kIce + " " + attrs + "/>"));
  INFO(attrs << (r.ok() ? "" : r.error().detail));
  REQUIRE(r.ok());
  return std::move(r).value();
}
const std::string kBase = "component='1' foundation='1' ip='10.0.0.1' port='5000' priority='1' protocol='udp' ";

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("Monal's rel_port is read and written as rel-port") {
  const IceCandidate c = candidate(kBase + "type='srflx' rel-addr='10.0.0.2' rel_port='6000' generation='0'");
  CHECK(c.rel_port == std::optional<std::uint16_t>(6000));
  const std::string out = write_one(c, write_candidate);
  CHECK(contains(out, "rel-port='6000'"));
  CHECK(!contains(out, "rel_port"));
}

TEST_CASE("with both rel-port and rel_port, rel-port wins and rel_port is kept aside") {
  const IceCandidate c = candidate(kBase + "type='srflx' rel_port='1' rel-port='2'");
  CHECK(c.rel_port == std::optional<std::uint16_t>(2));
  CHECK(c.extensions == std::vector<std::pair<std::string, std::string>>{{"rel_port", "1"}});
  const IceCandidate again = candidate(kBase + "type='srflx' rel-port='2' rel_port='1'");
  CHECK(again == c);
}

TEST_CASE("a candidate without generation reads as generation 0, and generation is always written") {
  const IceCandidate c = candidate(kBase + "type='host'");
  CHECK(c.generation == 0u);
  IceCandidate from_sdp = c;
  from_sdp.generation.reset();  // e.g. an SDP line without the extension
  CHECK(contains(write_one(from_sdp, write_candidate), "generation='0'"));
}

TEST_CASE("Movim's network-id fills network_id and is written as XEP-0176 network") {
  const IceCandidate c = candidate(kBase + "type='host' network-id='2' network-cost='10'");
  CHECK(c.network_id == 2u);
  CHECK(c.network_cost == 10u);
  const std::string out = write_one(c, write_candidate);
  CHECK(contains(out, "network='2'"));
  CHECK(contains(out, "network-cost='10'"));
  CHECK(!contains(out, "network-id"));
  const IceCandidate both = candidate(kBase + "type='host' network='1' network-id='2'");
  CHECK(both.network_id == 1u);
  CHECK(both.extensions == std::vector<std::pair<std::string, std::string>>{{"network-id", "2"}});
}

TEST_CASE("a TCP candidate without tcptype and an upper-case protocol are kept as written") {
  const IceCandidate c = candidate("component='1' foundation='1' ip='10.0.0.1' port='9' priority='1' protocol='TCP' type='host'");
  CHECK(c.protocol == "TCP");
  CHECK(!c.tcptype);
}

TEST_CASE("StanzaJS's valueless parameter and its data channel without description are read and kept") {
  const Jingle j = round_trip(
      "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s'><content creator='initiator' name='0'>"
      "<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><payload-type id='101' name='telephone-event' "
      "clockrate='8000' channels='1'><parameter name='0-15'/></payload-type></description></content>"
      "<content creator='initiator' name='1'><transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' "
      "pwd='p'><sctpmap xmlns='urn:xmpp:jingle:transports:dtls-sctp:1' number='5000' protocol='webrtc-datachannel'/>"
      "</transport></content></jingle>",
      read_jingle, write_jingle);
  const auto& d = std::get<RtpDescription>(j.contents[0].description);
  CHECK(d.payload_types[0].parameters == std::vector<Parameter>{{"0-15", std::nullopt}});
  CHECK(std::holds_alternative<std::monostate>(j.contents[1].description));
  const std::string out = to_xml(j);
  CHECK(contains(out, "<parameter name='0-15'/>"));
  CHECK(!contains(out, "channels="));  // channels='1' is the default
  CHECK(!contains(out, "<content creator='initiator' name='1'><description"));
}

TEST_CASE("Movim's bare-JID initiator is kept verbatim") {
  const Jingle j = round_trip("<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' initiator='romeo@montague.example' sid='s'/>",
                              read_jingle, write_jingle);
  CHECK(j.initiator == "romeo@montague.example");
}

TEST_CASE("bandwidth: Movim's value attribute and Monal's child elements are written as XEP-0167 text") {
  const char* forms[] = {
      "<bandwidth xmlns='urn:xmpp:jingle:apps:rtp:1' type='AS' value='64'/>",
      "<bandwidth xmlns='urn:xmpp:jingle:apps:rtp:1'><type>AS</type><value>64</value></bandwidth>",
      "<bandwidth xmlns='urn:xmpp:jingle:apps:rtp:1' type='AS'> 64 </bandwidth>",
  };
  for (const char* form : forms) {
    INFO(form);
    const RtpDescription d = round_trip(
        std::string("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>") + form + "</description>",
        read_rtp_description, write_rtp_description);
    REQUIRE(d.bandwidths.size() == 1);
    CHECK(d.bandwidths[0].type == "AS");
    CHECK(d.bandwidths[0].value == 64u);
    CHECK(d.bandwidths[0].unknown.empty());
    CHECK(contains(write_one(d, write_rtp_description), "<bandwidth type='AS'>64</bandwidth>"));
  }
}

TEST_CASE("Monal's unqualified extmap-allow-mixed is written in the rtp-hdrext namespace") {
  const RtpDescription d = round_trip("<description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'><extmap-allow-mixed/></description>",
                                      read_rtp_description, write_rtp_description);
  CHECK(d.extmap_allow_mixed);
  CHECK(contains(write_one(d, write_rtp_description),
                 "<extmap-allow-mixed xmlns='urn:xmpp:jingle:apps:rtp:rtp-hdrext:0'/>"));
}

TEST_CASE("Dino's failed_application and failed_transport are written with hyphens") {
  for (const char* name : {"failed_application", "failed_transport"}) {
    const Reason r = round_trip(std::string("<reason xmlns='urn:xmpp:jingle:1'><") + name + "/></reason>", read_reason,
                                write_reason);
    REQUIRE(r.condition);
    std::string hyphenated = name;
    hyphenated[6] = '-';
    CHECK(write_one(r, write_reason) == "<reason xmlns='urn:xmpp:jingle:1'><" + hyphenated + "/></reason>");
  }
}

TEST_CASE("Dino's reason with only a text is read and written without a condition") {
  const Reason r = round_trip("<reason xmlns='urn:xmpp:jingle:1'><text>bye</text></reason>", read_reason, write_reason);
  CHECK(!r.condition);
  CHECK(r.text == "bye");
}

TEST_CASE("an empty <text/> does not hide a later one") {
  const Reason r = round_trip("<reason xmlns='urn:xmpp:jingle:1'><gone/><text/><text>later</text></reason>", read_reason,
                              write_reason);
  CHECK(r.text == "later");
  CHECK(r.unknown.children.empty());
}

TEST_CASE("Monal's migrated in urn:xmpp:jingle:1 is written in the jingle-message namespace") {
  const JingleMessage m = round_trip(
      "<finish xmlns='urn:xmpp:jingle-message:0' id='a'><migrated xmlns='urn:xmpp:jingle:1' to='b'/></finish>",
      read_jingle_message, write_jingle_message);
  CHECK(m.migrated_to == "b");
  CHECK(to_xml(m) == "<finish xmlns='urn:xmpp:jingle-message:0' id='a'><migrated to='b'/></finish>");
}

TEST_CASE("a group's old type= attribute is read and written as semantics=") {
  const Group g = round_trip("<group xmlns='urn:xmpp:jingle:apps:grouping:0' type='BUNDLE'><content name='a'/></group>",
                             read_group, write_group);
  CHECK(g.semantics == "BUNDLE");
  CHECK(write_one(g, write_group) == "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='a'/></group>");
}

TEST_CASE("a content without creator reads as initiator; senders='both' is not written") {
  const Content c = round_trip("<content xmlns='urn:xmpp:jingle:1' name='video' senders='both'/>", read_content,
                               write_content);
  CHECK(c.creator == Creator::initiator);
  CHECK(write_one(c, write_content) == "<content xmlns='urn:xmpp:jingle:1' creator='initiator' name='video'/>");
}

TEST_CASE("unknown attributes follow the known ones; unknown children follow the known children") {
  const Jingle j = round_trip(
      "<jingle xmlns='urn:xmpp:jingle:1' x='1' action='session-initiate' sid='s'><a xmlns='urn:a'/>"
      "<content creator='initiator' name='c' y='2'><b xmlns='urn:b'/>"
      "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'><c xmlns='urn:c'/>"
      "<candidate component='1' foundation='1' ip='i' port='1' priority='1' protocol='udp' type='host' z='3'/>"
      "</transport></content></jingle>",
      read_jingle, write_jingle);
  CHECK(to_xml(j) ==
        "<jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' sid='s' x='1'>"
        "<content creator='initiator' name='c' y='2'>"
        "<transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' ufrag='u' pwd='p'>"
        "<candidate component='1' foundation='1' generation='0' ip='i' port='1' priority='1' protocol='udp' "
        "type='host' z='3'/><c xmlns='urn:c'/></transport><b xmlns='urn:b'/></content><a xmlns='urn:a'/></jingle>");
}

TEST_CASE("the writer skips what a model holds that XML cannot carry, and stays well-formed") {
  IceCandidate c = candidate(kBase + "type='host'");
  c.extensions = {{"1bad", "x"}, {"a b", "x"}, {"xmlns", "x"}, {"generation", "7"}, {"{}x", "x"},
                  {"{http://www.w3.org/XML/1998/namespace}lang", "x"}, {"ok", "1"}, {"ok", "2"}, {"xmlnsgeneration", "0"}, {"{urn:e}e", "v"}};
  const std::string out = write_one(c, write_candidate);
  auto back = read_candidate(parse_xml(out));
  REQUIRE(back.ok());
  CHECK(back->generation == 0u);
  CHECK(back->extensions ==
        std::vector<std::pair<std::string, std::string>>{{"ok", "1"}, {"xmlnsgeneration", "0"}, {"{urn:e}e", "v"}});

  IceUdpTransport t;
  t.ice_options = {"trickle", "not a name"};
  const std::string tout = write_one(t, write_ice_udp);
  auto back_t = read_ice_udp(parse_xml(tout));
  REQUIRE(back_t.ok());
  CHECK(back_t->ice_options == std::vector<std::string>{"trickle"});
}

TEST_CASE("what the model does not keep, exactly") {
  struct Loss {
    const char* what;
    std::string in;
    std::string out;  // to_xml after reading `in`
  };
  const std::string j = "<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'>";
  const std::string d = j + "<content creator='initiator' name='a'><description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>";
  const std::string d_end = "</description></content></jingle>";
  const Loss losses[] = {
      {"attributes of <parameter/> other than name and value",
       d + "<payload-type id='1'><parameter name='n' value='v' x='1'/></payload-type>" + d_end,
       d + "<payload-type id='1'><parameter name='n' value='v'/></payload-type>" + d_end},
      {"attributes of a flag element; number spellings",
       d + "<rtcp-mux x='1'/><payload-type id='007' channels='1'/>" + d_end,
       d + "<payload-type id='7'/><rtcp-mux/>" + d_end},
      {"other attributes of <rtcp-fb-trr-int/> (Movim's id)",
       d + "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' id='96' value='5'/>" + d_end,
       d + "<rtcp-fb-trr-int xmlns='urn:xmpp:jingle:apps:rtp:rtcp-fb:0' value='5'/>" + d_end},
      {"attributes of a group's <content/>",
       j + "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='0' x='1'/></group></jingle>",
       j + "<group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'><content name='0'/></group></jingle>"},
      {"attributes of a reason condition and of <text/> other than xml:lang; an empty <text/>",
       j + "<reason><busy x='1'/><text/><text y='2'>t</text></reason></jingle>",
       j + "<reason><busy/><text>t</text></reason></jingle>"},
      {"whitespace between elements; senders='both'",
       "<jingle xmlns='urn:xmpp:jingle:1' action='session-info' sid='s'>\n  <content creator='initiator' name='a' senders='both'/>\n</jingle>",
       j + "<content creator='initiator' name='a'/></jingle>"},
  };
  for (const auto& l : losses) {
    INFO(l.what);
    auto r = parse_jingle(l.in);
    REQUIRE(r.ok());
    CHECK(to_xml(*r) == l.out);
  }
}

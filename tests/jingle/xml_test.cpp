// Tests of the restricted expat reader and the streaming writer (RFC 6120 §11).
#include <catch2/catch.hpp>

#include "jingle/xml/xml_reader.hpp"
#include "jingle/xml/xml_writer.hpp"

using namespace jinglegate;
using jinglegate::xml::StreamReader;

TEST_CASE("a document parses into elements with namespaces and attributes") {
  auto r = xml::parse(
      "<?xml version='1.0' encoding='utf-8'?>"
      "<iq xmlns='jabber:client' type='set' xml:lang='en'><jingle xmlns='urn:xmpp:jingle:1' "
      "action='session-info' sid='a&amp;b'><ringing xmlns='urn:xmpp:jingle:apps:rtp:info:1'/></jingle>"
      "<x xmlns:p='urn:p' p:q='1'>t&lt;&#x41;</x></iq>");
  REQUIRE(r.ok());
  const auto& iq = *r;
  CHECK(iq.is("iq", "jabber:client"));
  CHECK(iq.attr_or("type") == "set");
  CHECK(iq.attr_or("xml:lang") == "en");
  const auto* j = iq.child("jingle", "urn:xmpp:jingle:1");
  REQUIRE(j);
  CHECK(j->attr_or("sid") == "a&b");
  CHECK(j->child("ringing", "urn:xmpp:jingle:apps:rtp:info:1"));
  const auto* x = iq.child("x", "jabber:client");
  REQUIRE(x);
  CHECK(x->attr_or("{urn:p}q") == "1");
  CHECK(x->text == "t<A");
}

TEST_CASE("written XML reads back to the same tree") {
  auto r = xml::parse(
      "<a xmlns='urn:a' k='&apos;&quot;&lt;&amp;&#10;'><b xmlns='urn:b'><c/>text &amp; more</b>"
      "<d xmlns:z='urn:z' z:y='v'/></a>");
  REQUIRE(r.ok());
  const std::string out = xml::to_string(*r);
  auto again = xml::parse(out);
  REQUIRE(again.ok());
  CHECK(*again == *r);
  CHECK(xml::to_string(*again) == out);
}

TEST_CASE("the writer declares a namespace only where it changes") {
  std::string out;
  xml::Writer w(out, "jabber:component:accept");
  w.open("iq", "jabber:component:accept").attr("type", "result").attr("n", std::uint64_t{42});
  w.open("query", "urn:q").empty("item", "urn:q").close();
  w.close();
  CHECK(out == "<iq type='result' n='42'><query xmlns='urn:q'><item/></query></iq>");
}

TEST_CASE("restricted XML is refused (RFC 6120 §11.1)") {
  struct Case {
    const char* name;
    const char* doc;
    Errc code;
  };
  const Case cases[] = {
      {"comment", "<a><!-- c --></a>", Errc::restricted_xml},
      {"processing instruction", "<a><?pi x?></a>", Errc::restricted_xml},
      {"internal DTD", "<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>", Errc::restricted_xml},
      {"external DTD", "<!DOCTYPE a SYSTEM 'http://example.org/a.dtd'><a/>", Errc::restricted_xml},
      {"billion laughs", "<!DOCTYPE l [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]><l>&b;</l>", Errc::restricted_xml},
      {"undefined entity", "<a>&nbsp;</a>", Errc::restricted_xml},
      {"non UTF-8 declaration", "<?xml version='1.0' encoding='ISO-8859-1'?><a/>", Errc::restricted_xml},
      {"not well-formed", "<a><b></a>", Errc::bad_xml},
      {"unbound prefix", "<p:a/>", Errc::bad_xml},
      {"element in the reserved xml namespace", "<a><xml:b/></a>", Errc::bad_xml},
      {"empty", "", Errc::bad_xml},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    auto r = xml::parse(c.doc);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
  }
}

TEST_CASE("depth, element count, attribute count and size are capped") {
  xml::Limits limits;
  limits.max_depth = 4;
  limits.max_elements = 10;
  limits.max_attrs = 3;
  limits.max_bytes = 200;
  CHECK(xml::parse("<a><b><c><d/></c></b></a>", limits).ok());
  CHECK(xml::parse("<a><b><c><d><e/></d></c></b></a>", limits).error().code == Errc::xml_too_deep);
  CHECK(xml::parse("<a><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/></a>", limits).error().code ==
        Errc::xml_too_many_elements);
  CHECK(xml::parse("<a w='1' x='1' y='1' z='1'/>", limits).error().code == Errc::xml_too_many_elements);
  CHECK(xml::parse("<a>" + std::string(300, 'x') + "</a>", limits).error().code == Errc::xml_too_big);
}

TEST_CASE("a DocumentReader is reusable after success and after failure") {
  xml::DocumentReader reader;
  CHECK(reader.parse("<a/>").ok());
  CHECK_FALSE(reader.parse("<a><!--x--></a>").ok());
  auto r = reader.parse("<b xmlns='urn:b'/>");
  REQUIRE(r.ok());
  CHECK(r->is("b", "urn:b"));
}

TEST_CASE("a stream yields open, stanzas and close, across arbitrary splits") {
  const std::string stream =
      "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept' "
      "xmlns:stream='http://etherx.jabber.org/streams' id='abc' from='call.a.test'>"
      "<handshake/> \n<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq>"
      "<message to='x'><body>hi</body></message></stream:stream>";
  for (std::size_t split : {std::size_t{1}, std::size_t{7}, stream.size()}) {
    StreamReader reader;
    std::vector<StreamReader::Event> events;
    for (std::size_t i = 0; i < stream.size(); i += split)
      REQUIRE(reader.feed(std::string_view(stream).substr(i, split), events).ok());
    REQUIRE(reader.finish(events).ok());
    REQUIRE(events.size() == 5);
    CHECK(events[0].kind == StreamReader::Event::Kind::open);
    CHECK(events[0].element.is("stream", "http://etherx.jabber.org/streams"));
    CHECK(events[0].element.attr_or("id") == "abc");
    CHECK(events[1].element.is("handshake", "jabber:component:accept"));
    CHECK(events[2].element.child("ping", "urn:xmpp:ping"));
    CHECK(events[3].element.child("body", "jabber:component:accept")->text == "hi");
    CHECK(events[4].kind == StreamReader::Event::Kind::close);
  }
}

TEST_CASE("a stream refuses oversized stanzas, unterminated tags, text and restricted XML") {
  xml::Limits limits;
  limits.max_bytes = 10000;
  limits.max_skip_bytes = 40000;
  const std::string open = "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'>";
  auto run = [&](const std::string& rest) {
    StreamReader reader(limits);
    std::vector<StreamReader::Event> events;
    auto r = reader.feed(open, events);
    REQUIRE(r.ok());
    for (std::size_t i = 0; i < rest.size(); i += 1000) {
      auto fed = reader.feed(std::string_view(rest).substr(i, 1000), events);
      if (!fed.ok()) return fed.error().code;
    }
    return Errc::internal_error;  // no error
  };
  CHECK(run("<message a='" + std::string(20000, 'x')) == Errc::xml_too_big);
  CHECK(run("<message><body>" + std::string(50000, 'x')) == Errc::xml_too_big);  // past max_skip_bytes
  CHECK(run("<message><a><b><c><d><e><f><g><h><i><j><k><l><m><n><o><p><q><r><s><t><u><v><w><x><y><z><a><b><c>"
            "<d><e><f><g><h>") == Errc::xml_too_deep);
  CHECK(run("hello<message/>") == Errc::bad_xml);
  CHECK(run("<message><!-- x --></message>") == Errc::restricted_xml);
  CHECK(run("<?pi?>") == Errc::restricted_xml);
  // Many small stanzas add up to far more than the limit without tripping it.
  std::string many;
  for (int i = 0; i < 500; ++i) many += "<message to='a'><body>0123456789</body></message>";
  CHECK(run(many) == Errc::internal_error);
}

TEST_CASE("a stream cut off mid-stanza fails on finish") {
  StreamReader reader;
  std::vector<StreamReader::Event> events;
  REQUIRE(reader.feed("<s xmlns='urn:s'><x>", events).ok());
  CHECK(reader.finish(events).error().code == Errc::bad_xml);
}

TEST_CASE("a failed stream reader stays failed until reset") {
  StreamReader reader;
  std::vector<StreamReader::Event> events;
  CHECK_FALSE(reader.feed("<a><!-- x -->", events).ok());
  CHECK_FALSE(reader.feed("<b/>", events).ok());
  reader.reset();
  events.clear();
  CHECK(reader.feed("<s xmlns='urn:s'><x/>", events).ok());
  CHECK(events.size() == 2);
}

TEST_CASE("a stream skips a stanza over a size limit, reports it and goes on") {
  xml::Limits limits;
  limits.max_bytes = 1000;
  limits.max_elements = 20;
  limits.max_attrs = 4;
  const std::string open = "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'>";
  std::string many;
  for (int i = 0; i < 30; ++i) many += "<x/>";
  struct Case {
    const char* name;
    std::string stanza;
    Errc code;
  };
  const Case cases[] = {
      {"too many bytes", "<iq id='1' from='a@b'><q xmlns='urn:q'><x>" + std::string(3000, 'y') + "</x></q></iq>", Errc::xml_too_big},
      {"too many bytes, ends within a slice", "<iq id='1' from='a@b'>" + std::string(1500, 'y') + "</iq>", Errc::xml_too_big},
      {"too many elements", "<iq id='1' from='a@b'><q xmlns='urn:q'>" + many + "</q></iq>", Errc::xml_too_many_elements},
      {"too many attributes on a child", "<iq id='1' from='a@b'><q a='1' b='1' c='1' d='1' e='1'/></iq>", Errc::xml_too_many_elements},
      {"too many attributes on the stanza", "<iq id='1' from='a@b' a='1' b='1' c='1' d='1'><q/></iq>", Errc::xml_too_many_elements},
      {"an element in the reserved xml namespace", "<iq id='1' from='a@b'><q xmlns='urn:q'><xml:x/></q></iq>", Errc::bad_xml},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const std::string input = open + c.stanza + "<message id='next'/>";
    for (std::size_t split : {std::size_t{1}, std::size_t{700}, input.size()}) {
      StreamReader reader(limits);
      std::vector<StreamReader::Event> events;
      for (std::size_t i = 0; i < input.size(); i += split)
        REQUIRE(reader.feed(std::string_view(input).substr(i, split), events).ok());
      REQUIRE(events.size() == 3);
      CHECK(events[1].kind == StreamReader::Event::Kind::refused);
      CHECK(events[1].error.code == c.code);
      CHECK(events[1].element.is("iq", "jabber:component:accept"));
      CHECK(events[1].element.attr_or("id") == "1");
      CHECK(events[1].element.attr_or("from") == "a@b");
      CHECK(events[1].element.children.empty());
      CHECK(events[2].kind == StreamReader::Event::Kind::stanza);
      CHECK(events[2].element.attr_or("id") == "next");
    }
  }
}

TEST_CASE("restricted XML inside a skipped stanza still fails the stream") {
  xml::Limits limits;
  limits.max_bytes = 100;
  StreamReader reader(limits);
  std::vector<StreamReader::Event> events;
  const std::string input = "<s xmlns='urn:s'><iq>" + std::string(200, 'y') + "<!-- c --></iq>";
  CHECK(reader.feed(input, events).error().code == Errc::restricted_xml);
}

TEST_CASE("a stream delivers each stanza as soon as its last byte arrives") {
  // Expat's reparse deferral would hold these back until more input came: it must be off.
  const std::string input = "<s xmlns='urn:s'><x a='1'/><y>t</y>";
  StreamReader reader;
  std::vector<StreamReader::Event> events;
  std::size_t seen_after_x = 0;
  for (std::size_t i = 0; i < input.size(); ++i) {
    REQUIRE(reader.feed(std::string_view(input).substr(i, 1), events).ok());
    if (i + 1 == input.find("<y>")) seen_after_x = events.size();
  }
  CHECK(seen_after_x == 2);
  CHECK(events.size() == 3);
}

// Tests of XEP-0115 caps: the verification string and ver, against the XEP's own examples.
#include <catch2/catch.hpp>

#include <algorithm>

#include "component/xmpp/disco.hpp"
#include "jingle/xml/xml_reader.hpp"

using namespace jinglegate;
using namespace jinglegate::component::xmpp;

TEST_CASE("caps ver of XEP-0115 §5.2 simple example") {
  DiscoInfo info;
  info.identities.push_back({"client", "pc", "", "Exodus 0.9.1"});
  info.features = {"http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                   "http://jabber.org/protocol/muc", "http://jabber.org/protocol/caps"};
  CHECK(caps_string(info) ==
        "client/pc//Exodus 0.9.1<http://jabber.org/protocol/caps<http://jabber.org/protocol/disco#info<"
        "http://jabber.org/protocol/disco#items<http://jabber.org/protocol/muc<");
  CHECK(caps_ver(info) == "QgayPKawpkPSDYmwT/WM94uAlu0=");
}

TEST_CASE("caps ver of XEP-0115 §5.3 complex example, read from its XML") {
  auto query = xml::parse(R"(<query xmlns='http://jabber.org/protocol/disco#info'
         node='http://psi-im.org#q07IKJEyjvHSyhy//CH0CxmKi8w='>
    <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
    <identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/>
    <feature var='http://jabber.org/protocol/caps'/>
    <feature var='http://jabber.org/protocol/disco#info'/>
    <feature var='http://jabber.org/protocol/disco#items'/>
    <feature var='http://jabber.org/protocol/muc'/>
    <x xmlns='jabber:x:data' type='result'>
      <field var='FORM_TYPE' type='hidden'>
        <value>urn:xmpp:dataforms:softwareinfo</value>
      </field>
      <field var='ip_version' type='text-multi'>
        <value>ipv4</value>
        <value>ipv6</value>
      </field>
      <field var='os'>
        <value>Mac</value>
      </field>
      <field var='os_version'>
        <value>10.5.1</value>
      </field>
      <field var='software'>
        <value>Psi</value>
      </field>
      <field var='software_version'>
        <value>0.11</value>
      </field>
    </x>
  </query>)");
  REQUIRE(query.ok());
  auto info = read_disco_info(*query);
  REQUIRE(info.ok());
  CHECK(caps_string(*info) ==
        "client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<http://jabber.org/protocol/caps<"
        "http://jabber.org/protocol/disco#info<http://jabber.org/protocol/disco#items<"
        "http://jabber.org/protocol/muc<urn:xmpp:dataforms:softwareinfo<ip_version<ipv4<ipv6<os<Mac<"
        "os_version<10.5.1<software<Psi<software_version<0.11<");
  CHECK(caps_ver(*info) == "q07IKJEyjvHSyhy//CH0CxmKi8w=");
}

TEST_CASE("caps ver ignores the order of identities and features") {
  DiscoInfo a;
  a.identities = {{"client", "web", "", "x"}, {"client", "pc", "", "y"}};
  a.features = {"urn:b", "urn:a", "urn:c"};
  DiscoInfo b = a;
  std::reverse(b.identities.begin(), b.identities.end());
  std::reverse(b.features.begin(), b.features.end());
  CHECK(caps_ver(a) == caps_ver(b));
  b.features.push_back("urn:d");
  CHECK(caps_ver(a) != caps_ver(b));
}

TEST_CASE("disco#info written and read back is the same") {
  DiscoResponder responder("jinglegate", [](std::string_view, std::string_view) { return false; });
  const auto& info = responder.user_info();
  auto again = read_disco_info(write_disco_info(info, "n"));
  REQUIRE(again.ok());
  CHECK(*again == info);
  CHECK(caps_ver(*again) == responder.user_caps_ver());
}

// XEP-0115 caps of contacts: verification (the XEP's examples, a wrong hash, ill-formed answers),
// call capability from features, and the cache (one disco#info per ver, no poisoning, retries).
#include <catch2/catch.hpp>

#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"
#include "presence/caps_cache.hpp"

using namespace jinglegate;
using namespace jinglegate::presence;
using namespace std::chrono_literals;

namespace {
DiscoInfo exodus() {  // XEP-0115 §5.2
  DiscoInfo info;
  info.identities.push_back({"client", "pc", "", "Exodus 0.9.1"});
  info.features = {"http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
                   "http://jabber.org/protocol/muc", "http://jabber.org/protocol/caps"};
  return info;
}
constexpr const char* kExodusVer = "QgayPKawpkPSDYmwT/WM94uAlu0=";

DiscoInfo caller(bool video = true) {  // what Dino advertises for calls (jingle-clients.md)
  DiscoInfo info;
  info.identities.push_back({"client", "pc", "", "Dino"});
  info.features = {std::string(ns::disco_info), std::string(ns::caps), std::string(ns::jingle),
                   std::string(ns::jingle_rtp), std::string(ns::jingle_rtp_audio), std::string(ns::jingle_ice_udp),
                   std::string(ns::jingle_dtls), std::string(ns::jingle_message)};
  if (video) info.features.emplace_back(ns::jingle_rtp_video);
  return info;
}

CapsRef ref_of(const DiscoInfo& info, std::string node = "https://dino.im") {
  return CapsRef{std::move(node), caps_ver(info), "sha-1"};
}
const TimePoint t0{};
}  // namespace

TEST_CASE("the XEP-0115 §5.2 example verifies under sha-1; another hash name or ver does not") {
  CHECK(caps_verify(exodus(), CapsHash::sha_1, kExodusVer));
  CHECK_FALSE(caps_verify(exodus(), CapsHash::sha_256, kExodusVer));
  CHECK_FALSE(caps_verify(exodus(), CapsHash::sha_1, "QgayPKawpkPSDYmwT/WM94uAlu1="));
  DiscoInfo more = exodus();
  more.features.emplace_back("urn:xmpp:jingle:1");  // one feature claimed that the ver does not cover
  CHECK_FALSE(caps_verify(more, CapsHash::sha_1, kExodusVer));
  CHECK(caps_verify(exodus(), CapsHash::sha_256, caps_ver(exodus(), CapsHash::sha_256)));
  CHECK(parse_caps_hash("sha-1") == CapsHash::sha_1);
  CHECK_FALSE(parse_caps_hash("md5"));  // collisions are cheap: not a verification
}

TEST_CASE("the XEP-0115 §5.3 example with a data form verifies; a form not hidden is left out") {
  auto query = xml::parse(R"(<query xmlns='http://jabber.org/protocol/disco#info'>
    <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
    <identity xml:lang='el' category='client' name='Ψ 0.11' type='pc'/>
    <feature var='http://jabber.org/protocol/caps'/>
    <feature var='http://jabber.org/protocol/disco#info'/>
    <feature var='http://jabber.org/protocol/disco#items'/>
    <feature var='http://jabber.org/protocol/muc'/>
    <x xmlns='jabber:x:data' type='result'>
      <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
      <field var='ip_version' type='text-multi'><value>ipv4</value><value>ipv6</value></field>
      <field var='os'><value>Mac</value></field>
      <field var='os_version'><value>10.5.1</value></field>
      <field var='software'><value>Psi</value></field>
      <field var='software_version'><value>0.11</value></field>
    </x>
    <x xmlns='jabber:x:data' type='result'>
      <field var='FORM_TYPE'><value>urn:example:not-hidden</value></field>
      <field var='x'><value>y</value></field>
    </x>
  </query>)");
  REQUIRE(query.ok());
  auto info = read_disco_info(*query);
  REQUIRE(info.ok());
  CHECK(caps_verify(*info, CapsHash::sha_1, "q07IKJEyjvHSyhy//CH0CxmKi8w="));
}

TEST_CASE("ill-formed answers never verify, even when their hash matches (XEP-0115 §5.4)") {
  DiscoInfo dup = exodus();
  dup.features.push_back(dup.features.front());
  CHECK_FALSE(caps_verify(dup, CapsHash::sha_1, caps_ver(dup)));

  DiscoInfo dup_id = exodus();
  dup_id.identities.push_back(dup_id.identities.front());
  CHECK_FALSE(caps_verify(dup_id, CapsHash::sha_1, caps_ver(dup_id)));

  // '<' inside a string lets two feature sets share one S: {"a<b"} and {"a", "b"}.
  DiscoInfo split = exodus();
  split.features.push_back("urn:xmpp:jingle:1<urn:xmpp:jingle:apps:rtp:1");
  CHECK_FALSE(caps_verify(split, CapsHash::sha_1, caps_ver(split)));
}

TEST_CASE("call capability needs Jingle, RTP, ICE-UDP and DTLS; JMI and data are separate") {
  CHECK(capabilities_of(caller()) == Capabilities{true, true, false, true});
  CHECK(capabilities_of(caller(false)) == Capabilities{true, false, false, true});
  CHECK(capabilities_of(exodus()) == Capabilities{});
  DiscoInfo no_dtls = caller();
  std::erase(no_dtls.features, std::string(ns::jingle_dtls));
  CHECK(capabilities_of(no_dtls) == Capabilities{false, false, false, true});
  DiscoInfo data = caller();
  data.features.emplace_back(ns::jingle_sctp);
  CHECK(capabilities_of(data).data);
}

TEST_CASE("<c/> is read from a presence and written back") {
  auto p = xml::parse("<presence xmlns='jabber:client'><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
                      "node='https://dino.im' ver='abc='/></presence>");
  REQUIRE(p.ok());
  auto ref = read_caps(*p);
  REQUIRE(ref);
  CHECK(*ref == CapsRef{"https://dino.im", "abc=", "sha-1"});
  xml::Element again("presence", "jabber:client");
  again.add(write_caps(*ref));
  CHECK(read_caps(again) == ref);
  auto legacy = xml::parse("<presence xmlns='jabber:client'><c xmlns='http://jabber.org/protocol/caps' "
                           "node='http://psi-im.org/caps' ver='0.11' ext='voice-v1'/></presence>");
  REQUIRE(read_caps(*legacy));
  CHECK(read_caps(*legacy)->legacy());
  auto no_ver = xml::parse("<presence xmlns='jabber:client'><c xmlns='http://jabber.org/protocol/caps' node='n'/></presence>");
  CHECK_FALSE(read_caps(*no_ver));
}

TEST_CASE("one disco#info per ver in flight; a verified answer serves every JID") {
  CapsCache cache;
  const CapsRef ref = ref_of(caller());
  auto q = cache.want(ref, "bob@a.test/dino", t0);
  REQUIRE(q);
  CHECK(q->jid == "bob@a.test/dino");
  CHECK(q->node == "https://dino.im#" + ref.ver);
  CHECK_FALSE(cache.want(ref, "carol@b.test/dino", t0));  // same ver: wait for the first answer
  CHECK_FALSE(cache.want(ref, "bob@a.test/dino", t0));
  auto a = cache.answer(*q, caller(), t0);
  CHECK(a.outcome == CapsCache::Outcome::verified);
  CHECK_FALSE(a.next);
  CHECK(cache.find(ref, "carol@b.test/dino") == capabilities_of(caller()));
  CHECK(cache.find(ref, "someone@else/x") == capabilities_of(caller()));
  // The answer itself is kept for the bridge's peer profile (client name, XEP-0338, …).
  REQUIRE(cache.info(ref, "carol@b.test/dino") != nullptr);
  CHECK(*cache.info(ref, "carol@b.test/dino") == caller());
  CHECK(cache.info(ref_of(exodus()), "carol@b.test/dino") == nullptr);
  CHECK(cache.pending() == 0);
  CHECK(cache.answer(*q, caller(), t0).outcome == CapsCache::Outcome::stale);  // a duplicate answer
}

TEST_CASE("an answer that does not verify is kept for its JID only and the next JID is asked") {
  CapsCache cache;
  const CapsRef ref = ref_of(exodus(), "http://exodus.example");  // a chat client's ver
  auto q = cache.want(ref, "mallory@evil.test/x", t0);
  REQUIRE(q);
  CHECK_FALSE(cache.want(ref, "alice@a.test/exodus", t0));
  // Mallory claims Jingle under Exodus's ver: hoping to make every Exodus look callable.
  auto a = cache.answer(*q, caller(), t0);
  CHECK(a.outcome == CapsCache::Outcome::jid_only);
  CHECK(cache.find(ref, "mallory@evil.test/x") == capabilities_of(caller()));
  CHECK(*cache.info(ref, "mallory@evil.test/x") == caller());  // its own word, for itself
  CHECK_FALSE(cache.find(ref, "alice@a.test/exodus"));  // not poisoned
  CHECK(cache.info(ref, "alice@a.test/exodus") == nullptr);
  REQUIRE(a.next);
  CHECK(a.next->jid == "alice@a.test/exodus");
  CHECK(cache.answer(*a.next, exodus(), t0).outcome == CapsCache::Outcome::verified);
  CHECK(cache.find(ref, "alice@a.test/exodus") == Capabilities{});
  CHECK(cache.find(ref, "mallory@evil.test/x") == Capabilities{});  // the verified answer wins for a shared ver
}

TEST_CASE("a disco#info that never answers is retried with other JIDs, then backs off, then tries again") {
  CapsSettings s;
  s.max_attempts = 2;
  s.retry_after = 60s;
  CapsCache cache(s);
  const CapsRef ref = ref_of(caller());
  auto q1 = cache.want(ref, "a@x/1", t0);
  REQUIRE(q1);
  CHECK_FALSE(cache.want(ref, "b@x/1", t0));
  auto a1 = cache.answer(*q1, fail(Errc::remote_server_timeout), t0);
  CHECK(a1.outcome == CapsCache::Outcome::failed);
  REQUIRE(a1.next);
  CHECK(a1.next->jid == "b@x/1");
  auto a2 = cache.answer(*a1.next, fail(Errc::remote_server_timeout), t0 + 1s);
  CHECK(a2.outcome == CapsCache::Outcome::failed);
  CHECK_FALSE(a2.next);  // two attempts: backing off
  CHECK_FALSE(cache.want(ref, "c@x/1", t0 + 30s));
  CHECK(cache.due(t0 + 30s).empty());
  auto retries = cache.due(t0 + 62s);
  REQUIRE(retries.size() == 1);  // one at a time, to a JID that advertised it
  CHECK(cache.answer(retries[0], caller(), t0 + 63s).outcome == CapsCache::Outcome::verified);
  CHECK(cache.find(ref, "c@x/1"));
}

TEST_CASE("legacy caps and unknown hash names are asked of each JID and never shared") {
  CapsCache cache;
  const CapsRef legacy{"http://psi-im.org/caps", "0.11", ""};
  auto q1 = cache.want(legacy, "a@x/psi", t0);
  auto q2 = cache.want(legacy, "b@x/psi", t0);
  REQUIRE(q1);
  REQUIRE(q2);  // nothing to verify, so nothing to share: each JID is asked
  CHECK(q1->node == "http://psi-im.org/caps#0.11");
  CHECK(cache.answer(*q1, caller(), t0).outcome == CapsCache::Outcome::jid_only);
  CHECK(cache.find(legacy, "a@x/psi") == capabilities_of(caller()));
  CHECK_FALSE(cache.find(legacy, "b@x/psi"));
  const CapsRef md5{"n", "abc", "md5"};
  REQUIRE(cache.want(md5, "c@x/1", t0));
  REQUIRE(cache.want(md5, "d@x/1", t0));
}

TEST_CASE("the cache stays bounded and forgets a JID's own answer when it goes") {
  CapsSettings s;
  s.max_pending = 2;
  s.max_unverified = 1;
  CapsCache cache(s);
  CHECK(cache.want(CapsRef{"n", "v1", "sha-1"}, "a@x/1", t0));
  CHECK(cache.want(CapsRef{"n", "v2", "sha-1"}, "a@x/1", t0));
  CHECK_FALSE(cache.want(CapsRef{"n", "v3", "sha-1"}, "a@x/1", t0));  // full: asked again later
  CHECK(cache.pending() == 2);
  const CapsRef legacy{"n", "1.0", ""};
  auto q = cache.want(legacy, "p@x/1", t0);
  REQUIRE_FALSE(q);  // still full
  CapsCache roomy;
  auto q2 = roomy.want(legacy, "p@x/1", t0);
  REQUIRE(q2);
  roomy.answer(*q2, caller(), t0);
  REQUIRE(roomy.find(legacy, "p@x/1"));
  roomy.forget_jid("p@x/1");
  CHECK_FALSE(roomy.find(legacy, "p@x/1"));
}

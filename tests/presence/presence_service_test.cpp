// The presence service end to end without sockets: logins, subscriptions both ways, probes,
// contacts' presence and caps, the link going down and up. Stanzas are checked as XML text.
#include <catch2/catch.hpp>

#include <algorithm>

#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_writer.hpp"
#include "presence/presence_service.hpp"

using namespace jinglegate;
using namespace jinglegate::presence;

namespace {
struct Pushed {
  std::string local, resource, what;
};

class FakeSink final : public Sink {
 public:
  std::vector<std::string> stanzas;
  std::vector<Pushed> web;
  std::vector<CapsQuery> queries;

  void send(xml::Element stanza) override { stanzas.push_back(xml::to_string(stanza, ns::component_accept)); }
  void roster(std::string_view local, std::string_view resource, const RosterUpdate& u) override {
    std::string s = u.full ? "roster full" : "roster";
    for (const auto& i : u.items)
      s += " " + i.contact + "=" + std::string(name_of(subscription_of(i.state))) + (pending_out(i.state) ? "+ask" : "");
    for (const auto& r : u.removed) s += " -" + r;
    web.push_back({std::string(local), std::string(resource), s});
  }
  void contact(std::string_view local, std::string_view resource, const ContactUpdate& u) override {
    std::string s = "presence " + u.from + (u.available ? " available" : " unavailable");
    if (u.available) s += u.caps ? (u.caps->audio ? " audio" : " no-audio") : " caps?";
    web.push_back({std::string(local), std::string(resource), s});
  }
  void request(std::string_view local, std::string_view resource, const PendingRequest& r) override {
    web.push_back({std::string(local), std::string(resource), "request " + r.contact + " " + r.status});
  }
  void query_caps(const CapsQuery& q) override { queries.push_back(q); }

  std::vector<std::string> take_stanzas() { return std::exchange(stanzas, {}); }
  std::vector<std::string> take_web() {
    std::vector<std::string> out;
    for (auto& p : web) out.push_back(p.local + "/" + p.resource + ": " + p.what);
    web.clear();
    return out;
  }
};

const CapsRef kOurCaps{"urn:xmpp:jinglegate:caps", "OURVER=", "sha-1"};

struct Fixture {
  std::unique_ptr<RosterStore> store = std::move(*RosterStore::open(":memory:"));
  FakeSink sink;
  ServiceSettings settings = [] {
    ServiceSettings s;
    s.domain = "call.a.test";
    s.own_caps = kOurCaps;
    return s;
  }();
  std::unique_ptr<PresenceService> svc = std::make_unique<PresenceService>(settings, *store, sink);

  void restart(ServiceSettings s) { svc = std::make_unique<PresenceService>(std::move(s), *store, sink); }
  Jid jid(const char* s) { return *parse_jid(s); }
  void inbound(PresenceType type, const char* from, const char* to, PresenceInfo info = {},
               std::optional<CapsRef> caps = std::nullopt) {
    PresenceStanza p{type, jid(from), jid(to), std::move(info), std::move(caps)};
    auto r = svc->on_stanza(p);
    REQUIRE(r.ok());
  }
  void put(const char* user, const char* contact, SubState s) {
    REQUIRE(store->put(user, RosterItem{contact, "", s, false}).ok());
  }
};

bool has(const std::vector<std::string>& v, const std::string& needle) {
  return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s.find(needle) != std::string::npos; });
}
}  // namespace

TEST_CASE("login: roster to the connection, presence with caps to subscribers, probes to contacts") {
  Fixture f;
  f.put("alice", "bob@a.test", SubState::both);
  f.put("alice", "carol@b.test", SubState::from);
  f.put("alice", "dave@b.test", SubState::to);
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "web1").ok());
  auto web = f.sink.take_web();
  REQUIRE(web.size() == 1);
  CHECK(web[0] == "alice/web1: roster full bob@a.test=both carol@b.test=from dave@b.test=to");
  auto out = f.sink.take_stanzas();
  CHECK(out == std::vector<std::string>{
                   "<presence from='alice@call.a.test/web1' to='bob@a.test'><c xmlns='http://jabber.org/protocol/caps' "
                   "hash='sha-1' node='urn:xmpp:jinglegate:caps' ver='OURVER='/></presence>",
                   "<presence from='alice@call.a.test/web1' to='carol@b.test'><c xmlns='http://jabber.org/protocol/caps' "
                   "hash='sha-1' node='urn:xmpp:jinglegate:caps' ver='OURVER='/></presence>",
                   "<presence from='alice@call.a.test' to='bob@a.test' type='probe'/>",
                   "<presence from='alice@call.a.test' to='dave@b.test' type='probe'/>"});

  // A contact answers; a second connection gets what the first learnt, and no new probes.
  f.inbound(PresenceType::available, "bob@a.test/phone", "alice@call.a.test", {Show::away, "out", 0});
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: presence bob@a.test/phone available no-audio"});
  REQUIRE(f.svc->connected("alice", "web2").ok());
  web = f.sink.take_web();
  CHECK(web.back() == "alice/web2: presence bob@a.test/phone available no-audio");
  out = f.sink.take_stanzas();
  CHECK(out.size() == 2);  // web2's presence to bob and carol
  CHECK_FALSE(has(out, "probe"));

  // Logout of one connection: unavailable from it; the other stays.
  f.svc->disconnected("alice", "web1");
  out = f.sink.take_stanzas();
  CHECK(out == std::vector<std::string>{
                   "<presence from='alice@call.a.test/web1' to='bob@a.test' type='unavailable'/>",
                   "<presence from='alice@call.a.test/web1' to='carol@b.test' type='unavailable'/>"});
  CHECK(f.svc->state().contact_count("alice") == 1);
  f.svc->disconnected("alice", "web2");
  CHECK(f.svc->state().contact_count("alice") == 0);  // nobody left to tell
}

TEST_CASE("show and status from the web client reach subscribers") {
  Fixture f;
  f.put("alice", "bob@a.test", SubState::from);
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.sink.take_stanzas();
  REQUIRE(f.svc->set_presence("alice", "w", PresenceInfo{Show::dnd, "in a call", 0}).ok());
  CHECK(f.sink.take_stanzas() == std::vector<std::string>{
                                     "<presence from='alice@call.a.test/w' to='bob@a.test'><show>dnd</show><status>in a "
                                     "call</status><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' "
                                     "node='urn:xmpp:jinglegate:caps' ver='OURVER='/></presence>"});
  CHECK(f.svc->set_presence("bob", "x", {}).error().code == Errc::not_allowed);
}

TEST_CASE("the web user subscribes; the contact approves; presence then flows") {
  Fixture f;
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.sink.take_web();
  REQUIRE(f.svc->subscribe("alice", f.jid("bob@a.test/ignored"), "Bob").ok());
  CHECK(f.sink.take_stanzas() == std::vector<std::string>{"<presence from='alice@call.a.test' to='bob@a.test' type='subscribe'/>"});
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: roster bob@a.test=none+ask"});
  // Presence before approval is not tracked.
  f.inbound(PresenceType::available, "bob@a.test/phone", "alice@call.a.test");
  CHECK(f.sink.take_web().empty());
  f.inbound(PresenceType::subscribed, "bob@a.test", "alice@call.a.test");
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: roster bob@a.test=to"});
  f.inbound(PresenceType::available, "bob@a.test/phone", "alice@call.a.test");
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: presence bob@a.test/phone available no-audio"});
  f.inbound(PresenceType::available, "bob@a.test/phone", "alice@call.a.test");
  CHECK(f.sink.take_web().empty());  // unchanged: not pushed again
  f.inbound(PresenceType::unavailable, "bob@a.test/phone", "alice@call.a.test");
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: presence bob@a.test/phone unavailable"});
  CHECK(f.store->item("alice", "bob@a.test").value()->name == "Bob");
}

TEST_CASE("the contact refuses: the web user's pending request ends") {
  Fixture f;
  f.svc->link_up();
  REQUIRE(f.svc->subscribe("alice", f.jid("bob@a.test"), "").ok());
  f.inbound(PresenceType::unsubscribed, "bob@a.test", "alice@call.a.test");
  CHECK(f.store->item("alice", "bob@a.test").value()->state == SubState::none);
}

TEST_CASE("an inbound request is asked of the user, approved, and the user's presence follows") {
  Fixture f;
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.sink.take_web();
  f.inbound(PresenceType::subscribe, "bob@a.test/phone", "alice@call.a.test", {Show::available, "hi", 0});
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: request bob@a.test hi"});
  CHECK(f.svc->roster("alice").value().empty());  // not in the roster until approved
  f.inbound(PresenceType::subscribe, "bob@a.test/phone", "alice@call.a.test");
  CHECK(f.sink.take_web().empty());  // asked once
  REQUIRE(f.svc->approve("alice", f.jid("bob@a.test")).ok());
  CHECK(f.sink.take_stanzas() ==
        std::vector<std::string>{"<presence from='alice@call.a.test' to='bob@a.test' type='subscribed'/>",
                                 "<presence from='alice@call.a.test/w' to='bob@a.test'><c xmlns='http://jabber.org/protocol/caps' "
                                 "hash='sha-1' node='urn:xmpp:jinglegate:caps' ver='OURVER='/></presence>"});
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: roster bob@a.test=from"});
  CHECK(f.store->requests("alice").value().empty());
  // Subscribing back makes it both.
  REQUIRE(f.svc->subscribe("alice", f.jid("bob@a.test"), "").ok());
  f.inbound(PresenceType::subscribed, "bob@a.test", "alice@call.a.test");
  CHECK(f.store->item("alice", "bob@a.test").value()->state == SubState::both);
  CHECK(f.svc->approve("alice", f.jid("bob@a.test")).error().code == Errc::item_not_found);
}

TEST_CASE("a request that arrives while the user is offline is delivered at the next login") {
  Fixture f;
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.svc->disconnected("alice", "w");
  f.sink.take_web();
  f.inbound(PresenceType::subscribe, "bob@a.test", "alice@call.a.test", {Show::available, "call me", 0});
  CHECK(f.sink.web.size() == 1);  // pushed to nobody: the user has no connection
  f.sink.take_web();
  REQUIRE(f.svc->connected("alice", "w2").ok());
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/w2: roster full", "alice/w2: request bob@a.test call me"});
}

TEST_CASE("denying a stranger's request leaves nothing behind; denying a subscriber cancels it") {
  Fixture f;
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.inbound(PresenceType::subscribe, "bob@a.test", "alice@call.a.test");
  f.sink.take_web();
  f.sink.take_stanzas();
  REQUIRE(f.svc->deny("alice", f.jid("bob@a.test")).ok());
  CHECK(f.sink.take_stanzas() == std::vector<std::string>{"<presence from='alice@call.a.test' to='bob@a.test' type='unsubscribed'/>"});
  CHECK(f.sink.take_web().empty());  // it was never in the roster
  CHECK_FALSE(f.store->item("alice", "bob@a.test").value().has_value());

  f.put("alice", "carol@b.test", SubState::both);
  REQUIRE(f.svc->deny("alice", f.jid("carol@b.test")).ok());
  CHECK(f.sink.take_stanzas() ==
        std::vector<std::string>{"<presence from='alice@call.a.test' to='carol@b.test' type='unsubscribed'/>",
                                 "<presence from='alice@call.a.test/w' to='carol@b.test' type='unavailable'/>"});
  CHECK(f.store->item("alice", "carol@b.test").value()->state == SubState::to);
  CHECK(f.svc->deny("alice", f.jid("carol@b.test")).error().code == Errc::item_not_found);
}

TEST_CASE("auto_approve answers requests without asking the user") {
  Fixture f;
  auto s = f.settings;
  s.auto_approve = true;
  f.restart(s);
  f.svc->link_up();
  REQUIRE(f.store->add_user("alice").ok());
  f.inbound(PresenceType::subscribe, "bob@a.test", "alice@call.a.test");
  CHECK(f.sink.take_stanzas() == std::vector<std::string>{"<presence from='alice@call.a.test' to='bob@a.test' type='subscribed'/>"});
  CHECK(f.store->item("alice", "bob@a.test").value()->state == SubState::from);
  CHECK(f.store->requests("alice").value().empty());
}

TEST_CASE("a subscription to a user who never logged in is refused; probes learn nothing") {
  Fixture f;
  f.svc->link_up();
  f.inbound(PresenceType::subscribe, "bob@a.test", "nobody@call.a.test");
  f.inbound(PresenceType::probe, "bob@a.test", "nobody@call.a.test");
  CHECK(f.sink.take_stanzas() ==
        std::vector<std::string>{"<presence from='nobody@call.a.test' to='bob@a.test' type='unsubscribed'/>",
                                 "<presence from='nobody@call.a.test' to='bob@a.test' type='unsubscribed'/>"});
  CHECK_FALSE(f.store->has_user("nobody").value());
}

TEST_CASE("probes are answered by subscription: presence, unavailable, or nothing revealed") {
  Fixture f;
  f.put("alice", "bob@a.test", SubState::from);
  f.put("alice", "carol@b.test", SubState::to);
  f.svc->link_up();
  f.inbound(PresenceType::probe, "bob@a.test", "alice@call.a.test");
  CHECK(f.sink.take_stanzas() == std::vector<std::string>{"<presence from='alice@call.a.test' to='bob@a.test' type='unavailable'/>"});
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.sink.take_stanzas();
  f.inbound(PresenceType::probe, "bob@a.test/x", "alice@call.a.test");
  CHECK(f.sink.take_stanzas() ==
        std::vector<std::string>{"<presence from='alice@call.a.test/w' to='bob@a.test/x'><c xmlns='http://jabber.org/protocol/caps' "
                                 "hash='sha-1' node='urn:xmpp:jinglegate:caps' ver='OURVER='/></presence>"});
  f.inbound(PresenceType::probe, "carol@b.test", "alice@call.a.test");
  f.inbound(PresenceType::probe, "mallory@evil.test", "alice@call.a.test");
  CHECK(f.sink.take_stanzas() ==
        std::vector<std::string>{"<presence from='alice@call.a.test' to='carol@b.test' type='unsubscribed'/>",
                                 "<presence from='alice@call.a.test' to='mallory@evil.test' type='unsubscribed'/>"});
}

TEST_CASE("presence from strangers is ignored and a contact's resources are bounded") {
  Fixture f;
  auto s = f.settings;
  s.state.max_resources_per_contact = 3;
  s.state.max_resources_per_user = 5;
  f.restart(s);
  f.put("alice", "bob@a.test", SubState::to);
  f.put("alice", "carol@a.test", SubState::to);
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.inbound(PresenceType::available, "mallory@evil.test/1", "alice@call.a.test");
  CHECK(f.svc->stats().presence_ignored == 1);
  for (int i = 0; i < 10; ++i) {
    const std::string from = "bob@a.test/r" + std::to_string(i);
    f.inbound(PresenceType::available, from.c_str(), "alice@call.a.test");
  }
  for (int i = 0; i < 10; ++i) {
    const std::string from = "carol@a.test/r" + std::to_string(i);
    f.inbound(PresenceType::available, from.c_str(), "alice@call.a.test");
  }
  CHECK(f.svc->state().contact_count("alice") == 5);
  CHECK(f.svc->stats().presence_refused == 15);
}

TEST_CASE("unsubscribe and remove: both ways, and the contact's presence is forgotten") {
  Fixture f;
  f.put("alice", "bob@a.test", SubState::both);
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.inbound(PresenceType::available, "bob@a.test/p", "alice@call.a.test");
  f.sink.take_web();
  f.sink.take_stanzas();
  REQUIRE(f.svc->unsubscribe("alice", f.jid("bob@a.test")).ok());
  CHECK(f.sink.take_stanzas() == std::vector<std::string>{"<presence from='alice@call.a.test' to='bob@a.test' type='unsubscribe'/>"});
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: roster bob@a.test=from", "alice/: presence bob@a.test/p unavailable"});
  REQUIRE(f.svc->remove("alice", f.jid("bob@a.test")).ok());
  CHECK(f.sink.take_stanzas() ==
        std::vector<std::string>{"<presence from='alice@call.a.test/w' to='bob@a.test' type='unavailable'/>",
                                 "<presence from='alice@call.a.test' to='bob@a.test' type='unsubscribed'/>"});
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: roster -bob@a.test"});
  CHECK(f.svc->remove("alice", f.jid("bob@a.test")).error().code == Errc::item_not_found);
}

TEST_CASE("a contact that unsubscribes stops getting presence; one that cancels is forgotten") {
  Fixture f;
  f.put("alice", "bob@a.test", SubState::both);
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.inbound(PresenceType::available, "bob@a.test/p", "alice@call.a.test");
  f.sink.take_stanzas();
  f.sink.take_web();
  f.inbound(PresenceType::unsubscribe, "bob@a.test", "alice@call.a.test");
  CHECK(f.sink.take_stanzas() == std::vector<std::string>{"<presence from='alice@call.a.test/w' to='bob@a.test' type='unavailable'/>"});
  f.inbound(PresenceType::unsubscribed, "bob@a.test", "alice@call.a.test");
  CHECK(f.store->item("alice", "bob@a.test").value()->state == SubState::none);
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: roster bob@a.test=to", "alice/: roster bob@a.test=none",
                                                      "alice/: presence bob@a.test/p unavailable"});
}

TEST_CASE("subscription actions need the link; the link's return re-announces and re-probes") {
  Fixture f;
  f.put("alice", "bob@a.test", SubState::both);
  REQUIRE(f.svc->connected("alice", "w").ok());
  CHECK(f.sink.take_stanzas().empty());  // the link is not up yet
  CHECK(f.svc->subscribe("alice", f.jid("carol@b.test"), "").error().code == Errc::xmpp_down);
  CHECK_FALSE(f.store->item("alice", "carol@b.test").value().has_value());
  f.svc->link_up();
  auto out = f.sink.take_stanzas();
  CHECK(out.size() == 2);
  CHECK(has(out, "<presence from='alice@call.a.test/w' to='bob@a.test'>"));
  CHECK(has(out, "type='probe'"));
  f.inbound(PresenceType::available, "bob@a.test/p", "alice@call.a.test");
  f.sink.take_web();
  f.svc->link_down();
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: presence bob@a.test/p unavailable"});
  CHECK(f.svc->state().contact_count("alice") == 0);
  CHECK(f.svc->subscribe("alice", f.jid("alice@call.a.test"), "").error().code == Errc::xmpp_down);
  f.svc->link_up();
  CHECK(f.svc->subscribe("alice", f.jid("alice@call.a.test"), "").error().code == Errc::bad_field);
}

TEST_CASE("unknown caps are asked once; the verified answer reaches every web user and the store") {
  Fixture f;
  f.put("alice", "bob@a.test", SubState::to);
  f.put("carol", "bob@a.test", SubState::to);
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  REQUIRE(f.svc->connected("carol", "w").ok());
  f.sink.take_web();
  DiscoInfo dino;
  dino.identities.push_back({"client", "pc", "", "Dino"});
  dino.features = {std::string(ns::jingle), std::string(ns::jingle_rtp), std::string(ns::jingle_rtp_audio),
                   std::string(ns::jingle_ice_udp), std::string(ns::jingle_dtls)};
  const CapsRef ref{"https://dino.im", caps_ver(dino), "sha-1"};
  f.inbound(PresenceType::available, "bob@a.test/dino", "alice@call.a.test", {}, ref);
  f.inbound(PresenceType::available, "bob@a.test/dino", "carol@call.a.test", {}, ref);
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: presence bob@a.test/dino available caps?",
                                                      "carol/: presence bob@a.test/dino available caps?"});
  REQUIRE(f.sink.queries.size() == 1);
  CHECK(f.sink.queries[0].jid == "bob@a.test/dino");
  f.svc->caps_answer(f.sink.queries[0], dino);
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: presence bob@a.test/dino available audio",
                                                      "carol/: presence bob@a.test/dino available audio"});
  CHECK(f.store->caps("sha-1", ref.ver).value().has_value());

  // After a restart the store answers: no new disco#info.
  f.restart(f.settings);
  f.svc->link_up();
  f.sink.queries.clear();
  REQUIRE(f.svc->connected("alice", "w").ok());
  f.sink.take_web();
  f.inbound(PresenceType::available, "bob@a.test/dino", "alice@call.a.test", {}, ref);
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: presence bob@a.test/dino available audio"});
  CHECK(f.sink.queries.empty());
}

TEST_CASE("a caps answer that does not verify serves only the JID that gave it") {
  Fixture f;
  f.put("alice", "mallory@evil.test", SubState::to);
  f.put("alice", "bob@a.test", SubState::to);
  f.svc->link_up();
  REQUIRE(f.svc->connected("alice", "w").ok());
  DiscoInfo plain;
  plain.identities.push_back({"client", "pc", "", "Plain"});
  plain.features = {std::string(ns::disco_info)};
  const CapsRef ref{"http://plain.example", caps_ver(plain), "sha-1"};
  f.inbound(PresenceType::available, "mallory@evil.test/x", "alice@call.a.test", {}, ref);
  f.inbound(PresenceType::available, "bob@a.test/plain", "alice@call.a.test", {}, ref);
  REQUIRE(f.sink.queries.size() == 1);
  DiscoInfo lie = plain;
  lie.features = {std::string(ns::jingle), std::string(ns::jingle_rtp), std::string(ns::jingle_rtp_audio),
                  std::string(ns::jingle_ice_udp), std::string(ns::jingle_dtls)};
  f.sink.take_web();
  f.svc->caps_answer(f.sink.queries[0], lie);
  CHECK(f.sink.take_web() == std::vector<std::string>{"alice/: presence mallory@evil.test/x available audio"});
  CHECK_FALSE(f.store->caps("sha-1", ref.ver).value().has_value());
  REQUIRE(f.sink.queries.size() == 2);  // bob is asked next
  CHECK(f.sink.queries[1].jid == "bob@a.test/plain");
  f.svc->caps_answer(f.sink.queries[1], plain);
  CHECK(has(f.sink.take_web(), "bob@a.test/plain available no-audio"));
  CHECK(f.svc->stats().caps_unverified == 1);
  CHECK(f.svc->stats().caps_verified == 1);
}

TEST_CASE("the directory follows its mode: off, contacts, domain") {
  Fixture f;
  f.put("alice", "bob@call.a.test", SubState::to);
  f.put("alice", "erin@call.a.test", SubState::from);  // erin does not share her presence with alice
  f.svc->link_up();
  for (const char* u : {"alice", "bob", "carol", "erin"}) REQUIRE(f.svc->connected(u, "w").ok());
  auto names = [](const Directory& d) {
    std::vector<std::string> out;
    for (const auto& e : d.users) out.push_back(e.jid);
    return out;
  };
  CHECK(names(f.svc->directory("alice").value()) == std::vector<std::string>{"bob@call.a.test"});
  auto s = f.settings;
  s.directory = DirectoryMode::domain;
  f.restart(s);
  for (const char* u : {"alice", "bob", "carol"}) REQUIRE(f.svc->connected(u, "w").ok());
  auto d = f.svc->directory("alice").value();
  CHECK(names(d) == std::vector<std::string>{"bob@call.a.test", "carol@call.a.test"});
  CHECK(d.users[0].resources == std::vector<std::string>{"w"});
  s.directory = DirectoryMode::off;
  f.restart(s);
  REQUIRE(f.svc->connected("alice", "w").ok());
  CHECK(f.svc->directory("alice").value().users.empty());
  CHECK(parse_directory_mode("domain") == DirectoryMode::domain);
  CHECK_FALSE(parse_directory_mode("all"));
}

// The bridge through its real pieces, without sockets: a real StanzaRouter whose sent stanzas are
// recorded, a real IqTracker on an io_context, a real web Router with an Outbox that records, and
// helpers that speak for the XMPP peer and the browsers.
#pragma once

#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "component/bridge/bridge.hpp"
#include "jingle/jingle.hpp"
#include "jingle/sdp/sdp.hpp"
#include "jingle/translate/translate.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"
#include "jingle/xml/xml_writer.hpp"

namespace bridgetest {

using namespace jinglegate;
using namespace jinglegate::component;
using namespace std::chrono_literals;
using nlohmann::json;
namespace sdp = jinglegate::jingle::sdp;

inline std::string read_text(const std::string& relative) {
  std::ifstream in(std::filesystem::path(JG_SOURCE_DIR) / relative, std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), {});
}
inline std::string corpus(const std::string& name) { return read_text("tests/data/corpus/" + name); }

// The SDP with the m= section `mid` taken out (and out of its groups): the audio-only start of a
// call that the corpus's renegotiate-add-video offer continues.
inline std::string without_mid(const std::string& text, const std::string& mid) {
  auto s = sdp::parse_sdp(text);
  REQUIRE(s.ok());
  std::erase_if(s->media, [&](const sdp::Media& m) { return m.mid == mid; });
  for (auto& g : s->groups) std::erase(g.mids, mid);
  return sdp::write_sdp(*s);
}

struct Recorder : web::Outbox {
  std::map<web::ConnId, std::vector<json>> got;
  void send(web::ConnId to, std::string text) override { got[to].push_back(json::parse(text)); }
  std::vector<json> take(web::ConnId c) { return std::exchange(got[c], {}); }
  // The one message of `type` the connection got (and the others it got are dropped).
  json one(web::ConnId c, const std::string& type) {
    auto all = take(c);
    std::vector<json> of;
    for (auto& m : all)
      if (m["type"] == type) of.push_back(m);
    INFO("connection " << c << " got " << json(all).dump());
    REQUIRE(of.size() == 1);
    return of[0];
  }
};

inline bridge::BridgeSettings test_settings() {
  bridge::BridgeSettings s;
  s.domain = "call.a.test";
  s.ring_timeout = 60ms;
  s.setup_timeout = 60ms;
  s.iq_timeout = 1000ms;
  s.disco_timeout = 1000ms;
  s.max_queued_candidates = 4;
  return s;
}

struct Fixture {
  boost::asio::io_context io;
  std::vector<xml::Element> sent;  // every stanza the component sent, in order
  xmpp::StanzaRouter xmpp{"call.a.test", [this](xml::Element e) { sent.push_back(std::move(e)); }};
  xmpp::IqTracker iq{io, xmpp};
  Recorder out;
  web::Router web{web::RouterSettings{"call.a.test", 5, 4, 128, std::chrono::seconds(45)}, out};
  bridge::Bridge bridge{io, test_settings(), xmpp, iq, web};
  bridge::PeerProfile profile;      // what the peer's disco#info says (answered at once)
  bool answer_disco = true;

  explicit Fixture(bool use_disco = false) {
    bridge.attach();
    if (!use_disco)
      bridge.set_profile_lookup([this](const xmpp::Jid&, const xmpp::Jid&, std::function<void(bridge::PeerProfile)> done) {
        done(profile);
      });
  }

  void login(web::ConnId c, const std::string& local, const std::string& resource) {
    REQUIRE(web.attach(c, local, resource, "rnd").ok());
  }
  void from_browser(web::ConnId c, const json& m) {
    auto parsed = web::parse_client_message(m.dump());
    REQUIRE(std::holds_alternative<web::ClientMessage>(parsed));
    web.on_message(c, std::get<web::ClientMessage>(parsed));
  }
  void receive(const std::string& stanza) {
    auto e = xml::parse("<s xmlns='jabber:component:accept'>" + stanza + "</s>");
    REQUIRE(e.ok());
    xmpp.dispatch(e->children.at(0));
  }
  std::vector<xml::Element> take_sent() { return std::exchange(sent, {}); }

  // --- what the component sent ---
  static const xml::Element* jingle_of(const xml::Element& e) { return e.child("jingle", ns::jingle); }
  static std::string action_of(const xml::Element& e) {
    const auto* j = jingle_of(e);
    return j ? std::string(j->attr_or("action")) : std::string();
  }
  static std::string jmi_kind(const xml::Element& e) {
    const auto* p = e.child_in(ns::jingle_message);
    return p ? p->name : std::string();
  }
  // The sent Jingle iqs of `action` since the last take_sent (they stay recorded).
  std::vector<xml::Element> sent_jingle(const std::string& action) const {
    std::vector<xml::Element> out;
    for (const auto& e : sent)
      if (e.name == "iq" && e.attr_or("type") == "set" && action_of(e) == action) out.push_back(e);
    return out;
  }
  xml::Element one_jingle(const std::string& action) const {
    auto all = sent_jingle(action);
    INFO("sent: " << dump_sent());
    REQUIRE(all.size() == 1);
    return all[0];
  }
  std::vector<xml::Element> sent_jmi(const std::string& kind) const {
    std::vector<xml::Element> out;
    for (const auto& e : sent)
      if (e.name == "message" && jmi_kind(e) == kind) out.push_back(e);
    return out;
  }
  const xml::Element* reply_to(const std::string& id) const {
    for (const auto& e : sent)
      if (e.name == "iq" && e.attr_or("id") == id && (e.attr_or("type") == "result" || e.attr_or("type") == "error"))
        return &e;
    return nullptr;
  }
  std::string dump_sent() const {
    std::string s;
    for (const auto& e : sent) s += xml::to_string(e, ns::component_accept) + "\n";
    return s;
  }
  static jingle::Jingle read(const xml::Element& iq) {
    auto j = jingle::read_jingle(*jingle_of(iq));
    REQUIRE(j.ok());
    return *j;
  }

  // --- the XMPP peer speaks ---
  // A Jingle iq set from `from` to `to`; returns the component's answer (result or error).
  xml::Element jingle(const std::string& from, const std::string& to, const jingle::Jingle& j,
                      const std::string& id = "") {
    const std::string iq_id = id.empty() ? "p" + std::to_string(++peer_iq_) : id;
    receive("<iq type='set' id='" + iq_id + "' from='" + from + "' to='" + to + "'>" + jingle::to_xml(j) + "</iq>");
    const auto* r = reply_to(iq_id);
    INFO("sent: " << dump_sent());
    REQUIRE(r != nullptr);
    return *r;
  }
  // Answers every Jingle iq set the component sent and has not had an answer for yet.
  void ack_all() {
    for (const auto& e : sent) {
      if (e.name != "iq" || e.attr_or("type") != "set" || acked_.count(std::string(e.attr_or("id")))) continue;
      acked_.insert(std::string(e.attr_or("id")));
      receive("<iq type='result' id='" + std::string(e.attr_or("id")) + "' from='" + std::string(e.attr_or("to")) + "' to='" +
              std::string(e.attr_or("from")) + "'/>");
    }
  }
  void refuse(const xml::Element& iq, const std::string& condition, const std::string& app = "") {
    acked_.insert(std::string(iq.attr_or("id")));
    receive("<iq type='error' id='" + std::string(iq.attr_or("id")) + "' from='" + std::string(iq.attr_or("to")) +
            "' to='" + std::string(iq.attr_or("from")) + "'><error type='cancel'><" + condition +
            " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>" + app + "</error></iq>");
  }
  void jmi(const std::string& from, const std::string& to, const std::string& payload, const std::string& extra = "",
           const std::string& id = "m1") {
    receive("<message type='chat' id='" + id + "' from='" + from + "' to='" + to + "'>" + payload + extra + "</message>");
  }
  void run_for(std::chrono::milliseconds d) {
    io.restart();
    io.run_for(d);
  }

  // --- SDP and Jingle built from the Chromium corpus ---
  static jingle::Jingle jingle_from_sdp(const std::string& text, jingle::Action action, const std::string& sid,
                                        jingle::Role author, bool lines = false) {
    auto s = sdp::parse_sdp(text);
    REQUIRE(s.ok());
    jingle::ToJingleOptions o;
    o.action = action;
    o.sid = sid;
    o.author = author;
    o.creator = author == jingle::Role::initiator ? jingle::Creator::initiator : jingle::Creator::responder;
    o.sdp_lines = lines;
    auto j = jingle::to_jingle(*s, o);
    REQUIRE(j.ok());
    return *j;
  }

 private:
  int peer_iq_ = 0;
  std::set<std::string> acked_;
};

inline std::string error_condition(const xml::Element& reply) {
  const auto* e = reply.child("error", ns::component_accept);
  if (!e) return "";
  std::string out;
  for (const auto& c : e->children) {
    if (c.name == "text") continue;
    if (!out.empty()) out += "+";
    out += c.name;
  }
  return out;
}

// --- whole calls, for the renegotiation and profile tests ---

// The SDP with the m= section `mid` rejected (port 0).
inline std::string with_port0(const std::string& text, const std::string& mid) {
  auto s = sdp::parse_sdp(text);
  REQUIRE(s.ok());
  for (auto& m : s->media)
    if (m.mid == mid) m.port = 0;
  return sdp::write_sdp(*s);
}

// alice (web) calls bob's phone with `offer`, bob accepts with `answer`: returns the sid.
inline std::string web_calls(Fixture& f, const std::string& offer, const std::string& answer) {
  f.login(1, "alice", "a1");
  f.from_browser(1, {{"type", "offer"}, {"session", "s1"}, {"to", "bob@a.test/phone"}, {"sdp", offer}});
  const std::string sid = Fixture::read(f.one_jingle("session-initiate")).sid;
  f.ack_all();
  auto accept = Fixture::jingle_from_sdp(answer, jingle::Action::session_accept, sid, jingle::Role::responder);
  REQUIRE(f.jingle("bob@a.test/phone", "alice@call.a.test/a1", accept).attr_or("type") == "result");
  f.out.take(1);
  f.take_sent();
  return sid;
}

// bob's session-initiate of `offer` rings alice (conn 3), who accepts; returns the initiate. The
// gateway's offer to the browser waits in f.out.
inline jingle::Jingle peer_rings(Fixture& f, const std::string& sid, const std::string& offer) {
  f.login(3, "alice", "y");
  auto init = Fixture::jingle_from_sdp(offer, jingle::Action::session_initiate, sid, jingle::Role::initiator);
  init.initiator = "bob@a.test/phone";
  REQUIRE(f.jingle("bob@a.test/phone", "alice@call.a.test/y", init).attr_or("type") == "result");
  f.from_browser(3, {{"type", "accept"}, {"session", sid}});
  return init;
}

// bob calls alice (conn 3) with `offer`, alice's browser answers with `answer`.
inline void peer_calls(Fixture& f, const std::string& sid, const std::string& offer, const std::string& answer) {
  peer_rings(f, sid, offer);
  f.from_browser(3, {{"type", "answer"}, {"session", sid}, {"sdp", answer}});
  f.ack_all();
  f.out.take(3);
  f.take_sent();
}

inline jingle::Jingle sample(const std::string& path, const std::string& sid) {
  auto j = jingle::parse_jingle(read_text("tests/data/jingle/" + path));
  REQUIRE(j.ok());
  j->sid = sid;
  return *j;
}

}  // namespace bridgetest

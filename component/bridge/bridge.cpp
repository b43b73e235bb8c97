// The bridge: wiring, ending calls on both sides, the call timer, link and presence events.
#include "component/bridge/bridge.hpp"

#include <utility>
#include <openssl/rand.h>

#include "component/bridge/web_jingle_map.hpp"
#include "component/errors.hpp"
#include "component/log.hpp"
#include "component/xmpp/disco.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::bridge {

using jingle::Direction;
using jingle::JmiEvent;
using jingle::JmiState;
using jingle::SessionState;
using web::HangupReason;

namespace {

bool live(SessionState s) { return s != SessionState::none && s != SessionState::ended; }

// XEP-0353 §3.1 recommends a UUIDv4 for the proposal id (it becomes the Jingle sid).
std::string uuid4() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) throw std::runtime_error("RAND_bytes failed");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s.push_back('-');
    s.push_back(kHex[b[i] >> 4]);
    s.push_back(kHex[b[i] & 15]);
  }
  return s;
}

// o= session ids are decimal (RFC 8866 §5.2); 62 random bits keep them positive in any int64.
std::string origin_id() {
  std::uint64_t v = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&v), sizeof v) != 1) throw std::runtime_error("RAND_bytes failed");
  return std::to_string(v >> 2);
}

}  // namespace

Bridge::Bridge(boost::asio::io_context& io, BridgeSettings settings, xmpp::StanzaRouter& xmpp, xmpp::IqTracker& iq,
               web::Router& web)
    : io_(io), s_(std::move(settings)), xmpp_(xmpp), iq_(iq), web_(web) {
  lookup_ = [this, alive = std::weak_ptr<bool>(alive_)](const xmpp::Jid& from, const xmpp::Jid& peer,
                                                         std::function<void(PeerProfile)> done) {
    if (disco_cache_)
      if (auto info = disco_cache_(from.bare(), peer)) return done(profile_from_disco(info));
    xml::Element q("iq", std::string(ns::component_accept));
    q.set_attr("type", "get").set_attr("from", from.str()).set_attr("to", peer.str());
    q.add("query", std::string(ns::disco_info));
    iq_.request(std::move(q), s_.disco_timeout, [alive, done = std::move(done)](Result<xml::Element> r) {
      if (alive.expired()) return;
      std::optional<presence::DiscoInfo> info;
      if (r)
        if (const auto* query = r->child("query", ns::disco_info))
          if (auto read = xmpp::read_disco_info(*query)) info = std::move(*read);
      done(profile_from_disco(info));
    });
  };
}

Bridge::~Bridge() {
  *alive_ = false;
  web_.set_remote(nullptr);
}

void Bridge::attach() {
  using xmpp::StanzaKind;
  using xmpp::StanzaType;
  xmpp_.route(StanzaKind::iq, StanzaType::set, ns::jingle, [this](const xmpp::Stanza& s) { return on_jingle(s); });
  // JMI before receipts: a propose also carries <request xmlns='urn:xmpp:receipts'/>.
  for (auto type : {StanzaType::chat, StanzaType::normal}) {
    xmpp_.route(StanzaKind::message, type, ns::jingle_message, [this](const xmpp::Stanza& s) { return on_jmi(s); });
    xmpp_.route(StanzaKind::message, type, ns::receipts, [this](const xmpp::Stanza& s) { return on_receipt(s); });
  }
  observe_presence();
  web_.set_remote(this);
}

void Bridge::observe_presence() {
  xmpp_.observe(xmpp::StanzaKind::presence, xmpp::StanzaType::unavailable,
                [this](const xmpp::Stanza& s) { peer_unavailable(s.from); });
}

Call& Bridge::new_call(Caller caller, xmpp::Jid local, xmpp::Jid peer, std::string sid, jingle::Role role) {
  auto c = std::make_unique<Call>();
  c->id = next_id_++;
  c->caller = caller;
  c->local = std::move(local);
  c->peer = std::move(peer);
  c->sid = sid.empty() ? uuid4() : std::move(sid);
  c->role = role;
  c->origin_id = origin_id();
  c->timer = std::make_unique<boost::asio::steady_timer>(io_);
  return calls_.add(std::move(c));
}

void Bridge::end_call(Call& c, HangupReason reason, By by, std::string_view why) {
  if (by == By::peer) {
    c.state = SessionState::ended;
    jmi_step(c, JmiEvent::terminated, Direction::incoming, make_reason(reason));
  } else {
    end_xmpp_side(c, reason);
  }
  end_web_side(c, reason, by);
  if (log_) {
    const bool by_caller = (by == By::web) == (c.caller == Caller::web);
    log_->ended(c.log_id, web::name_of(reason),
                by == By::us ? CallEnder::gateway : by_caller ? CallEnder::caller : CallEnder::callee, why);
  } else {
    log_call(c, "ended", std::string(web::name_of(reason)) + (why.empty() ? "" : ": " + std::string(why)));
  }
  calls_.remove(c.id);
}

// The session-terminate, retract, reject or finish that tells the peer (XEP-0166 §6.7, XEP-0353).
void Bridge::end_xmpp_side(Call& c, HangupReason reason) {
  const jingle::Reason r = make_reason(reason);
  if (live(c.state)) {
    if (link_up_) {
      auto j = make_jingle(c, jingle::Action::session_terminate);
      j.reason = r;
      send_jingle(c, std::move(j));
    } else {
      terminate_later(c, reason);
    }
    c.state = SessionState::ended;
  }
  if (c.jmi == JmiState::proposed || c.jmi == JmiState::ringing) {
    // The caller hangs up before an answer (retract); the callee's devices all went (reject).
    jmi_step(c, c.role == jingle::Role::initiator ? JmiEvent::terminated : JmiEvent::reject, Direction::outgoing, r);
  } else if (c.jmi == JmiState::proceeded || c.jmi == JmiState::session) {
    jmi_step(c, JmiEvent::terminated, Direction::outgoing, r);
  }
}

void Bridge::end_web_side(Call& c, HangupReason reason, By by) {
  const std::string from = from_of(c);
  for (const auto& leg : c.ringing) {
    web_.send(leg.conn, web::write_hangup(leg.session, from, reason));
    web_.release(leg.conn, leg.session);
  }
  c.ringing.clear();
  if (c.conn != 0) {
    if (by != By::web) web_.send(c.conn, web::write_hangup(c.session, from, reason));
    web_.release(c.conn, c.session);
  }
}

void Bridge::arm(Call& c, Wait wait) {
  c.wait = wait;
  ++c.timer_gen;
  c.timer->cancel();
  if (wait == Wait::nothing) return;
  const Millis d = wait == Wait::ring ? s_.ring_timeout : s_.setup_timeout;
  c.timer->expires_after(d);
  c.timer->async_wait([this, id = c.id, gen = c.timer_gen](const boost::system::error_code& ec) {
    if (!ec) on_timer(id, gen);
  });
}

void Bridge::on_timer(CallId id, std::uint64_t gen) {
  Call* c = calls_.get(id);
  if (!c || c->timer_gen != gen || c->wait == Wait::nothing) return;
  const Wait what = c->wait;
  c->wait = Wait::nothing;
  const jingle::Reason r = make_reason(HangupReason::timeout);
  if (c->jmi == JmiState::proposed || c->jmi == JmiState::ringing)
    jmi_step(*c, JmiEvent::ring_timeout, Direction::outgoing, r);
  else if (c->jmi == JmiState::proceeded)
    jmi_step(*c, JmiEvent::setup_timeout, Direction::outgoing, r);
  const char* why = what == Wait::ring ? "nobody answered" : what == Wait::setup ? "not set up in time"
                                                                                    : "renegotiation not answered";
  end_call(*c, HangupReason::timeout, By::us, why);
}

void Bridge::to_web(Call& c, std::string text) {
  if (c.conn != 0) web_.send(c.conn, std::move(text));
}

void Bridge::log_call(const Call& c, std::string_view event, std::string_view detail) const {
  log::info("call", event,
            {{"sid", c.sid}, {"web", c.local.str()}, {"peer", c.peer.str()},
             {"caller", c.caller == Caller::web ? "web" : "xmpp"}, {"profile", c.profile.name}, {"detail", detail}});
}

void Bridge::log_started(Call& c, std::string caller, std::string callee) {
  if (!log_) return;
  c.log_id = log_->started(CallStart{CallPath::jingle, c.sid, std::move(caller), std::move(callee), web::media_text(c.media)});
}

void Bridge::log_profile(const Call& c) {
  if (log_) log_->profiled(c.log_id, c.profile.name);
}

void Bridge::log_answered(const Call& c, const std::string& callee) {
  if (log_) log_->answered(c.log_id, callee);
}

void Bridge::untranslatable(Call& c, TranslationDirection d, const Error& e, HangupReason reason) {
  if (log_) log_->translation_failed(c.log_id, d, describe(e));
  end_call(c, reason, By::us, describe(e));
}

void Bridge::learn_profile(Call& c, CallFn then) {
  lookup_(c.local, c.peer, [this, id = c.id, then = std::move(then), alive = std::weak_ptr<bool>(alive_)](PeerProfile p) {
    if (alive.expired()) return;
    later(id, [&](Call& c) {
      p.sdp_lines = p.sdp_lines || c.profile.sdp_lines;  // its session-initiate carried our lines
      take_offer(p, c.remote);
      c.profile = std::move(p);
      c.profile_known = true;
      log_profile(c);
      if (std::exchange(c.offer_waits_profile, false)) return offer_to_browser(c);
      if (then) then(c);
    });
  });
}

void Bridge::later(CallId id, CallFn fn) {
  if (Call* c = calls_.get(id)) fn(*c);
}

web::Address Bridge::address_of(const xmpp::Jid& j) const { return web::Address{j.local, j.domain, j.resource}; }

void Bridge::connection_closed(web::ConnId conn, const web::Address&) {
  for (CallId id : calls_.of_connection(conn)) {
    Call* c = calls_.get(id);
    if (!c) continue;
    if (c->conn == conn) end_call(*c, HangupReason::gone, By::web, "the web connection closed");
    else leg_left(*c, conn, HangupReason::gone);
  }
}

void Bridge::link_down() {
  link_up_ = false;
  for (CallId id : calls_.ids())
    if (Call* c = calls_.get(id)) end_call(*c, HangupReason::connectivity_error, By::us, "the XMPP link went down");
}

void Bridge::shutdown() {
  for (CallId id : calls_.ids())
    if (Call* c = calls_.get(id)) end_call(*c, HangupReason::gone, By::us, "jinglegate is shutting down");
}

void Bridge::link_up() {
  link_up_ = true;
  flush_terminates();
}

void Bridge::peer_unavailable(const xmpp::Jid& who) {
  if (who.is_bare()) return;
  for (CallId id : calls_.ids()) {
    Call* c = calls_.get(id);
    if (c && c->peer == who) end_call(*c, HangupReason::gone, By::peer, "the peer went offline");
  }
}

}  // namespace jinglegate::component::bridge

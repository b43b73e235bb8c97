// The presence service wired into the daemon: stanza routes, web messages and events, caps queries.
#include "component/xmpp/presence_glue.hpp"

#include <boost/asio/post.hpp>

#include "component/errors.hpp"
#include "component/log.hpp"
#include "component/web/presence_protocol.hpp"
#include "component/web/protocol.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::xmpp {

namespace {
constexpr auto kTick = std::chrono::seconds(1);

std::string_view field_of(web::MessageType t) {
  switch (t) {
    case web::MessageType::subscribe:
    case web::MessageType::unsubscribe: return "to";
    case web::MessageType::approve:
    case web::MessageType::deny:
    case web::MessageType::remove: return "jid";
    default: return {};
  }
}
}  // namespace

Result<std::unique_ptr<PresenceGlue>> PresenceGlue::create(boost::asio::io_context& io, const Config& config,
                                                           StanzaRouter& router, IqTracker& iq,
                                                           web::Router& web, PresenceOptions options) {
  const auto mode = presence::parse_directory_mode(config.presence.directory);
  if (!mode) return fail(Errc::bad_config, "presence.directory: must be \"off\", \"contacts\" or \"domain\"");
  auto store = presence::RosterStore::open(config.database.path);
  if (!store) return fail(Errc::bad_config, "database.path: " + store.error().detail);
  presence::ServiceSettings s;
  s.domain = config.component.domain;
  s.own_caps = options.own_caps;
  s.auto_approve = config.presence.auto_approve;
  s.max_roster_items = config.presence.max_roster_items;
  s.directory = *mode;
  return std::unique_ptr<PresenceGlue>(
      new PresenceGlue(io, router, iq, web, std::move(*store), std::move(s), std::move(options)));
}

PresenceGlue::PresenceGlue(boost::asio::io_context& io, StanzaRouter& router, IqTracker& iq,
                           web::Router& web, std::unique_ptr<presence::RosterStore> store, presence::ServiceSettings settings,
                           PresenceOptions options)
    : io_(io), router_(router), iq_(iq), web_(web), store_(std::move(store)),
      service_(std::move(settings), *store_, *this), options_(std::move(options)), flood_(options_.flood), timer_(io) {}

PresenceGlue::~PresenceGlue() { stop(); }

void PresenceGlue::start() {
  for (auto type : {StanzaType::available, StanzaType::unavailable, StanzaType::subscribe, StanzaType::subscribed,
                    StanzaType::unsubscribe, StanzaType::unsubscribed, StanzaType::probe, StanzaType::error})
    router_.route(StanzaKind::presence, type, "", [this](const Stanza& s) { return on_stanza(s); });
  web_.set_presence(this);
  // Posted, so the login's roster follows the gateway's welcome, and events keep their order.
  auto later = [this, alive = alive_](auto fn) {
    return [this, alive, fn](const web::Address& user) {
      boost::asio::post(io_, [alive, fn, user] {
        if (*alive) fn(user);
      });
    };
  };
  web_.set_events({later([this](const web::Address& u) {
                     if (auto r = service_.connected(u.local, u.resource); !r)
                       log::error("presence", "login not served", {{"user", u.full()}, {"reason", describe(r.error())}});
                   }),
                   later([this](const web::Address& u) { service_.disconnected(u.local, u.resource); })});
  tick();
}

void PresenceGlue::stop() {
  if (!*alive_) return;
  *alive_ = false;
  timer_.cancel();
  web_.set_presence(nullptr);
  web_.set_events({});
}

void PresenceGlue::leave() {
  if (!*alive_) return;
  for (web::ConnId c : web_.logged_in())
    if (const auto* user = web_.user_of(c)) service_.disconnected(user->local, user->resource);
  stop();
}

void PresenceGlue::tick() {
  const auto now = std::chrono::steady_clock::now();
  service_.tick(now);
  flood_.prune(now);
  report_drops();
  timer_.expires_after(kTick);
  timer_.async_wait([this, alive = alive_](const boost::system::error_code& ec) {
    if (!ec && *alive) tick();
  });
}

void PresenceGlue::report_drops() {
  const auto dropped = flood_.dropped() + service_.stats().presence_refused + service_.stats().requests_refused;
  if (dropped == reported_drops_) return;  // at most one line a second, and only when it moved
  log::warn("presence", "stanzas dropped", {{"flood", flood_.dropped()}, {"table_full", service_.stats().presence_refused},
                                            {"requests_refused", service_.stats().requests_refused}});
  reported_drops_ = dropped;
}

Result<void> PresenceGlue::on_stanza(const Stanza& s) {
  if (!flood_.admit(s.from.bare().str(), s.to.local, std::chrono::steady_clock::now())) return Ok{};
  JG_TRY(auto p, presence::read_presence(*s.element));
  auto r = service_.on_stanza(p);
  if (!r && r.error().code == Errc::database_error)
    log::error("presence", "stanza not served", {{"from", s.from.str()}, {"reason", describe(r.error())}});
  return r;
}

void PresenceGlue::from_web(web::ConnId, const web::Address& user, const web::ClientMessage& m) {
  auto r = on_web(user, m);
  if (r) return;
  const Error& e = r.error();
  const bool about_jid = e.code == Errc::bad_field || e.code == Errc::bad_jid || e.code == Errc::item_not_found;
  web_.push(user.local, user.resource,
            web::write_error(e.code, e.detail.empty() ? std::string(face(e.code).text) : e.detail,
                             about_jid ? field_of(m.type) : std::string_view(), m.id));
  if (e.code == Errc::database_error) log::error("presence", "request not served", {{"reason", describe(e)}});
}

Result<void> PresenceGlue::on_web(const web::Address& user, const web::ClientMessage& m) {
  const auto& p = m.presence;
  switch (m.type) {
    case web::MessageType::presence: {
      presence::PresenceInfo info;
      info.show = p.show.empty() || p.show == "available" ? presence::Show::available : *presence::parse_show(p.show);
      info.status = p.status;
      return service_.set_presence(user.local, user.resource, std::move(info));
    }
    case web::MessageType::roster: {
      JG_TRY(auto items, service_.roster(user.local));
      web_.push(user.local, user.resource, web::write_roster(presence::RosterUpdate{std::move(items), {}, true}, m.id));
      return Ok{};
    }
    case web::MessageType::directory: {
      JG_TRY(auto d, service_.directory(user.local));
      web_.push(user.local, user.resource, web::write_directory(d, m.id));
      return Ok{};
    }
    default: break;
  }
  JG_TRY(const Jid contact, parse_jid(p.jid));
  switch (m.type) {
    case web::MessageType::subscribe: return service_.subscribe(user.local, contact, p.name);
    case web::MessageType::unsubscribe: return service_.unsubscribe(user.local, contact);
    case web::MessageType::approve: return service_.approve(user.local, contact);
    case web::MessageType::deny: return service_.deny(user.local, contact);
    case web::MessageType::remove: return service_.remove(user.local, contact);
    default: return fail(Errc::bad_message, "not a presence message");
  }
}

void PresenceGlue::send(xml::Element stanza) { router_.send(std::move(stanza)); }

void PresenceGlue::roster(std::string_view local, std::string_view resource, const presence::RosterUpdate& update) {
  web_.push(local, resource, web::write_roster(update));
}

void PresenceGlue::contact(std::string_view local, std::string_view resource, const presence::ContactUpdate& update) {
  web_.push(local, resource, web::write_contact_presence(update));
}

void PresenceGlue::request(std::string_view local, std::string_view resource, const presence::PendingRequest& request) {
  web_.push(local, resource, web::write_subscription_request(request));
}

void PresenceGlue::query_caps(const presence::CapsQuery& query) {
  // XEP-0115 §6.2: disco#info to the advertising JID with node "<node>#<ver>", from our domain.
  xml::Element iq("iq", std::string(ns::component_accept));
  iq.set_attr("type", "get");
  iq.set_attr("from", router_.domain());
  iq.set_attr("to", query.jid);
  iq.add("query", std::string(ns::disco_info)).set_attr("node", query.node);
  iq_.request(std::move(iq), options_.caps_timeout, [this, alive = alive_, query](Result<xml::Element> answer) {
    if (!*alive) return;
    Result<presence::DiscoInfo> info = fail(Errc::bad_request, "no disco#info query in the result");
    if (!answer) {
      info = answer.failure();
    } else if (const auto* q = answer->child("query", ns::disco_info)) {
      info = presence::read_disco_info(*q);
    }
    if (!info) log::debug("presence", "caps query failed", {{"jid", query.jid}, {"reason", describe(info.error())}});
    service_.caps_answer(query, info);
  });
}

}  // namespace jinglegate::component::xmpp

// The presence service (presence/, issue 6) wired into the daemon: presence stanzas from the
// XEP-0114 link's router (flood-bounded), the web gateway's presence messages and login events,
// disco#info for unknown caps through the IqTracker, a one-second tick, and the link's ups and
// downs. Everything the service says goes out here: stanzas to the router, JSON to web users.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "component/config/config.hpp"
#include "component/xmpp/presence_flood_guard.hpp"
#include "component/web/router.hpp"
#include "component/xmpp/iq_tracker.hpp"
#include "component/xmpp/stanza_router.hpp"
#include "presence/presence_service.hpp"

namespace jinglegate::component::xmpp {

struct PresenceOptions {
  presence::CapsRef own_caps;                       // node and ver the disco responder computes
  std::chrono::milliseconds caps_timeout{10000};  // a disco#info unanswered this long has failed
  PresenceFloodGuard::Settings flood;
};

class PresenceGlue final : public presence::Sink, public web::WebPresence {
 public:
  // Opens the database ([database] path) and builds the service; errors are start-up failures.
  static Result<std::unique_ptr<PresenceGlue>> create(boost::asio::io_context& io, const Config& config,
                                                      StanzaRouter& router, IqTracker& iq,
                                                      web::Router& web, PresenceOptions options);
  ~PresenceGlue() override;
  PresenceGlue(const PresenceGlue&) = delete;
  PresenceGlue& operator=(const PresenceGlue&) = delete;

  // Registers the presence routes, takes the web router's presence messages and login events,
  // starts the tick.
  void start();
  void stop();
  // Shutdown: unavailable presence from every logged-in connection, then stop().
  void leave();
  void link_up() { service_.link_up(); }
  void link_down() { service_.link_down(); }

  const presence::PresenceService& service() const { return service_; }
  const PresenceFloodGuard& flood() const { return flood_; }

  // presence::Sink
  void send(xml::Element stanza) override;
  void roster(std::string_view local, std::string_view resource, const presence::RosterUpdate& update) override;
  void contact(std::string_view local, std::string_view resource, const presence::ContactUpdate& update) override;
  void request(std::string_view local, std::string_view resource, const presence::PendingRequest& request) override;
  void query_caps(const presence::CapsQuery& query) override;

  // web::WebPresence
  void from_web(web::ConnId conn, const web::Address& user, const web::ClientMessage& m) override;

 private:
  PresenceGlue(boost::asio::io_context& io, StanzaRouter& router, IqTracker& iq, web::Router& web,
               std::unique_ptr<presence::RosterStore> store, presence::ServiceSettings settings, PresenceOptions options);
  Result<void> on_stanza(const Stanza& s);
  Result<void> on_web(const web::Address& user, const web::ClientMessage& m);
  void tick();
  void report_drops();

  boost::asio::io_context& io_;
  StanzaRouter& router_;
  IqTracker& iq_;
  web::Router& web_;
  std::unique_ptr<presence::RosterStore> store_;
  presence::PresenceService service_;
  PresenceOptions options_;
  PresenceFloodGuard flood_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // posted handlers check it
  std::uint64_t reported_drops_ = 0;
};

}  // namespace jinglegate::component::xmpp

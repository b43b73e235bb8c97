// Keeps the XMPP server's STUN/TURN list fresh (XEP-0215): asks when the link comes up, again
// before the credentials expire (credential_refresh.hpp), and retries with backoff when the
// answer fails. What it learnt stays in use while the link is down: the credentials are the TURN
// server's, valid until they expire whatever happens to the link.
//
// Prosody (mod_external_services) answers a component only when external_service_access names
// it; ejabberd (mod_stun_disco) only when its `access` rule allows the component's domain. A
// refusal is logged with that hint (docs/operations.md, "TURN").
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "component/credential_refresh.hpp"
#include "component/xmpp/extdisco.hpp"
#include "component/xmpp/iq_tracker.hpp"

namespace jinglegate::component::xmpp {

class ExternalServicesClient {
 public:
  using Update = std::function<void(const std::vector<ExternalService>&)>;
  using UnixClock = std::function<std::int64_t()>;

  // `from`: our domain; `server`: the address asked (the XMPP server's domain).
  ExternalServicesClient(boost::asio::io_context& io, IqTracker& iq, std::string from, std::string server, Update on_update,
                         UnixClock unix_now = {}, RefreshPolicy policy = {});
  ExternalServicesClient(const ExternalServicesClient&) = delete;
  ExternalServicesClient& operator=(const ExternalServicesClient&) = delete;

  void link_up();    // ask now
  void link_down();  // no more asking until the link is back; what we have stays in use
  void stop();

  const std::vector<ExternalService>& services() const { return services_; }
  const std::string& server() const { return server_; }

 private:
  void ask();
  void on_answer(Result<xml::Element> answer);
  void after(std::chrono::seconds delay);

  IqTracker& iq_;
  std::string from_;
  std::string server_;
  Update on_update_;
  UnixClock unix_now_;
  RefreshPolicy policy_;
  boost::asio::steady_timer timer_;
  std::vector<ExternalService> services_;
  unsigned failures_ = 0;
  bool up_ = false;
  bool asking_ = false;
  std::uint64_t generation_ = 0;  // answers to requests of an earlier link are dropped
};

}  // namespace jinglegate::component::xmpp

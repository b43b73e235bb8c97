// Keeps the XMPP server's STUN/TURN list fresh (XEP-0215): ask, renew before expiry, retry.
#include "component/xmpp/extdisco_client.hpp"

#include "component/errors.hpp"
#include "component/log.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::xmpp {

namespace {
constexpr std::chrono::seconds kAnswerTimeout{10};

std::int64_t system_unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// A refusal that asking again soon will not change: the server's configuration has to.
bool is_configuration(Errc e) {
  return e != Errc::remote_server_timeout && e != Errc::xmpp_down && e != Errc::internal_error &&
         e != Errc::resource_constraint && e != Errc::recipient_unavailable;
}

std::string summary(const std::vector<ExternalService>& services) {
  std::string out;
  for (const auto& s : services) {
    if (!out.empty()) out += ' ';
    out += s.type_name + ":" + s.host + (s.port ? ":" + std::to_string(*s.port) : "") +
           (s.transport_name.empty() ? "" : "/" + s.transport_name);
  }
  return out.empty() ? "none" : out;
}
}  // namespace

ExternalServicesClient::ExternalServicesClient(boost::asio::io_context& io, IqTracker& iq, std::string from,
                                               std::string server, Update on_update, UnixClock unix_now,
                                               RefreshPolicy policy)
    : iq_(iq), from_(std::move(from)), server_(std::move(server)), on_update_(std::move(on_update)),
      unix_now_(unix_now ? std::move(unix_now) : UnixClock(&system_unix_now)), policy_(policy), timer_(io) {}

void ExternalServicesClient::link_up() {
  up_ = true;
  ++generation_;
  asking_ = false;
  timer_.cancel();
  ask();
}

void ExternalServicesClient::link_down() {
  up_ = false;
  ++generation_;
  timer_.cancel();
}

void ExternalServicesClient::stop() { link_down(); }

void ExternalServicesClient::ask() {
  if (!up_ || asking_) return;
  asking_ = true;
  log::debug("extdisco", "asking", {{"server", server_}});
  iq_.request(services_request(from_, server_), std::chrono::duration_cast<std::chrono::milliseconds>(kAnswerTimeout),
              [this, gen = generation_](Result<xml::Element> answer) {
                if (gen != generation_) return;  // asked on a link that has gone since
                asking_ = false;
                on_answer(std::move(answer));
              });
}

void ExternalServicesClient::on_answer(Result<xml::Element> answer) {
  if (!answer) {
    ++failures_;
    const Errc code = answer.error().code;
    const auto delay = is_configuration(code) ? policy_.retry_max : retry_delay(failures_, policy_);
    const bool absent = code == Errc::service_unavailable || code == Errc::feature_not_implemented;
    log::write(absent ? log::Level::info : log::Level::warn, "extdisco", "refused",
               {{"server", server_}, {"reason", describe(answer.error())}, {"retry_in", delay.count()},
                {"hint", absent                      ? "the server offers no XEP-0215: Prosody mod_turn_external, ejabberd "
                                                       "mod_stun_disco, or ice.discover_xep0215 = false"
                         : code == Errc::forbidden   ? "let the server answer the component: Prosody "
                                                       "external_service_access, ejabberd mod_stun_disco access"
                         : is_configuration(code)    ? "see the server's log"
                                                     : "the server did not answer in time"}});
    return after(delay);
  }
  const xml::Element* payload = answer->child("services", ns::extdisco);
  auto services = payload ? read_services(*payload) : Result<std::vector<ExternalService>>(fail(Errc::bad_request, "no <services/>"));
  if (!services) {
    ++failures_;
    log::warn("extdisco", "bad answer", {{"server", server_}, {"reason", describe(services.error())}});
    return after(policy_.retry_max);
  }
  failures_ = 0;
  services_ = std::move(*services);
  const auto now = unix_now_();
  const auto expires = earliest_expiry(services_);
  const auto delay = refresh_delay(now, expires, policy_);
  log::info("extdisco", "services", {{"server", server_}, {"count", services_.size()}, {"services", summary(services_)},
                                     {"expires_in", expires ? *expires - now : 0}, {"refresh_in", delay.count()}});
  if (on_update_) on_update_(services_);
  after(delay);
}

void ExternalServicesClient::after(std::chrono::seconds delay) {
  timer_.expires_after(delay);
  timer_.async_wait([this, gen = generation_](const boost::system::error_code& ec) {
    if (!ec && gen == generation_) ask();
  });
}

}  // namespace jinglegate::component::xmpp

// The XEP-0114 link on Boost.Asio: connect, handshake, read, ping, reconnect, close.
#include "component/xmpp/xep0114_link.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>

#include "component/errors.hpp"
#include "component/log.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::xmpp {

namespace {
namespace asio = boost::asio;
using boost::system::error_code;

constexpr std::size_t kMaxQueuedBytes = 16 * 1024 * 1024;   // a server that stops reading is dead
constexpr auto kCloseWait = std::chrono::seconds(2);         // for the server's </stream:stream>
constexpr auto kStableLink = std::chrono::seconds(10);       // up this long: backoff starts over

std::chrono::steady_clock::duration to_duration(std::chrono::duration<double> d) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(d);
}
double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

Xep0114Link::Xep0114Link(asio::io_context& io, LinkOptions options, Events events)
    : options_(std::move(options)),
      events_(std::move(events)),
      codec_(options_.domain, options_.limits),
      resolver_(io),
      socket_(io),
      timer_(io),
      ping_timer_(io) {}

void Xep0114Link::start() {
  down_since_ = Clock::now();
  connect();
}

void Xep0114Link::connect() {
  state_ = State::connecting;
  handshake_refused_ = false;
  const std::uint64_t gen = ++gen_;
  log::debug("link", "connecting", {{"host", options_.host}, {"port", unsigned(options_.port)}});
  timer_.expires_after(to_duration(options_.connect_timeout));
  timer_.async_wait([this, gen](const error_code& ec) {
    if (ec || gen != gen_ || state_ == State::up) return;
    lost("timed out connecting or handshaking");
  });
  resolver_.async_resolve(options_.host, std::to_string(options_.port),
                          [this, gen](const error_code& ec, asio::ip::tcp::resolver::results_type results) {
    if (gen != gen_) return;
    if (ec) return lost("resolve: " + ec.message());
    asio::async_connect(socket_, results, [this, gen](const error_code& ec2, const asio::ip::tcp::endpoint&) {
      if (gen != gen_) return;
      if (ec2) return lost("connect: " + ec2.message());
      state_ = State::handshaking;
      last_input_ = Clock::now();
      write(codec_.open());
      read();
    });
  });
}

void Xep0114Link::read() {
  socket_.async_read_some(asio::buffer(rbuf_), [this, gen = gen_](const error_code& ec, std::size_t n) { on_read(gen, ec, n); });
}

void Xep0114Link::on_read(std::uint64_t gen, const error_code& ec, std::size_t n) {
  if (gen != gen_) return;
  std::vector<StreamEvent> events;
  if (ec) {
    (void)codec_.finish(events);
    for (auto& ev : events) on_event(ev);
    if (gen == gen_) lost(ec == asio::error::eof ? "server closed the connection" : "read: " + ec.message());
    return;
  }
  last_input_ = Clock::now();
  auto fed = codec_.feed(std::string_view(rbuf_.data(), n), events);
  for (auto& ev : events) {
    on_event(ev);
    if (gen != gen_) return;  // the event ended this connection
  }
  if (!fed) return fault(fed.error());
  if (state_ != State::stopped && socket_.is_open()) read();
}

void Xep0114Link::on_event(StreamEvent& ev) {
  using Kind = StreamEvent::Kind;
  switch (ev.kind) {
    case Kind::opened:
      log::debug("link", "stream opened", {{"id", ev.text}});
      write(codec_.handshake(ev.text, options_.secret));
      return;
    case Kind::handshake_accepted: return on_up();
    case Kind::stanza:
      if (!ping_id_.empty() && ev.element.name == "iq" && ev.element.attr_or("id") == ping_id_ &&
          ev.element.attr_or("type") != "get") {
        ping_id_.clear();  // any answer, result or error, proves the server routes our stanzas
        return;
      }
      if (events_.stanza) events_.stanza(ev.element);
      return;
    case Kind::refused:
      if (events_.refused) events_.refused(ev.element, ev.error);
      return;
    case Kind::stream_error:
      if (state_ == State::handshaking) {
        handshake_refused_ = true;
        log::error("link", "handshake refused",
                   {{"condition", ev.condition}, {"text", ev.text}, {"domain", options_.domain},
                    {"hint", ev.condition == "not-authorized" ? "xmpp.secret differs from the server's component secret"
                                                              : "see the server's log"}});
      } else {
        log::warn("link", "stream error from server", {{"condition", ev.condition}, {"text", ev.text}});
      }
      return;
    case Kind::closed:
      if (state_ == State::closing) return finish_shutdown();
      write(codec_.close());  // answer the server's close, then drop
      close_after_write_ = true;
      return;
  }
}

void Xep0114Link::on_up() {
  state_ = State::up;
  timer_.cancel();
  ever_up_ = true;
  auth_failures_ = 0;
  up_since_ = Clock::now();
  log::info("link", "up", {{"host", options_.host}, {"port", unsigned(options_.port)}, {"domain", options_.domain},
                           {"down_for", seconds_since(down_since_)}});
  arm_ping();
  if (events_.up) events_.up();
}

void Xep0114Link::send(const xml::Element& stanza) {
  auto bytes = codec_.encode(stanza);
  if (!bytes) return log::error("link", "refused to send", {{"reason", describe(bytes.error())}});
  if (state_ != State::up) return log::warn("link", "dropped stanza: link down", {{"to", stanza.attr_or("to")}});
  write(std::move(*bytes));
}

void Xep0114Link::write(std::string bytes) {
  wqueue_bytes_ += bytes.size();
  wqueue_.push_back(std::move(bytes));
  if (wqueue_bytes_ > kMaxQueuedBytes) return lost("write queue over " + std::to_string(kMaxQueuedBytes) + " bytes");
  if (!writing_) write_next();
}

void Xep0114Link::write_next() {
  if (wqueue_.empty()) {
    if (close_after_write_) lost("stream closed");
    return;
  }
  writing_ = true;
  asio::async_write(socket_, asio::buffer(wqueue_.front()), [this, gen = gen_](const error_code& ec, std::size_t) {
    if (gen != gen_) return;
    writing_ = false;
    wqueue_bytes_ -= wqueue_.front().size();
    wqueue_.pop_front();
    if (ec) return lost("write: " + ec.message());
    write_next();
  });
}

void Xep0114Link::fault(const Error& why) {
  const std::string_view condition = stream_condition(why.code);
  log::error("link", "stream error sent", {{"condition", condition}, {"reason", describe(why)}});
  write(codec_.error(condition, why.detail));
  close_after_write_ = true;
  timer_.expires_after(kCloseWait);  // the server may not read what we send
  timer_.async_wait([this, gen = gen_](const error_code& ec) {
    if (!ec && gen == gen_) lost("stream error sent");
  });
}

void Xep0114Link::lost(std::string_view reason) {
  ++gen_;  // every handler of this connection is now stale
  error_code ignored;
  socket_.close(ignored);
  resolver_.cancel();
  ping_timer_.cancel();
  timer_.cancel();
  wqueue_.clear();
  wqueue_bytes_ = 0;
  writing_ = false;
  close_after_write_ = false;
  ping_id_.clear();
  if (state_ == State::closing || state_ == State::stopped) return finish_shutdown();
  const bool was_up = state_ == State::up;
  if (was_up) {
    down_since_ = Clock::now();
    if (Clock::now() - up_since_ >= kStableLink) attempt_ = 0;
    log::warn("link", "down", {{"reason", reason}});
    if (events_.down) events_.down();
  } else {
    log::info("link", "connection failed", {{"reason", reason}});
  }
  if (handshake_refused_ && !ever_up_ && ++auth_failures_ >= options_.max_auth_failures) {
    state_ = State::stopped;
    log::error("link", "giving up: the server never accepted our handshake", {{"attempts", auth_failures_}});
    if (events_.fatal) events_.fatal(Error{Errc::not_authorized, "handshake refused " + std::to_string(auth_failures_) + " times", 0});
    return;
  }
  const auto delay = backoff_delay(options_.backoff, attempt_++, std::uniform_real_distribution<double>(0, 1)(rng_));
  state_ = State::waiting;
  log::info("link", "reconnecting", {{"in", delay.count()}, {"attempt", attempt_}});
  timer_.expires_after(to_duration(delay));
  timer_.async_wait([this, gen = gen_](const error_code& ec) {
    if (!ec && gen == gen_ && state_ == State::waiting) connect();
  });
}

void Xep0114Link::arm_ping() {
  const auto idle = Clock::now() - last_input_;
  const auto interval = to_duration(options_.ping_interval);
  ping_timer_.expires_after(ping_id_.empty() ? (idle < interval ? interval - idle : Clock::duration::zero())
                                             : to_duration(options_.ping_timeout));
  ping_timer_.async_wait([this, gen = gen_](const error_code& ec) {
    if (!ec) on_ping_timer(gen);
  });
}

// XEP-0199 §4.2 "component-to-server" ping, addressed to our own domain: the server routes it
// back to us, so the answer proves the whole path, and needs no mod_ping nor knowledge of the
// server's host name.
void Xep0114Link::on_ping_timer(std::uint64_t gen) {
  if (gen != gen_ || state_ != State::up) return;
  if (!ping_id_.empty()) return lost("no answer to ping within " + std::to_string(options_.ping_timeout.count()) + " s");
  if (Clock::now() - last_input_ >= to_duration(options_.ping_interval)) {
    ping_id_ = "jg-ping-" + std::to_string(++ping_seq_);
    xml::Element iq("iq", std::string(ns::component_accept));
    iq.set_attr("type", "get");
    iq.set_attr("id", ping_id_);
    iq.set_attr("from", options_.domain);
    iq.set_attr("to", options_.domain);
    iq.add("ping", std::string(ns::ping));
    log::debug("link", "ping", {{"id", ping_id_}});
    send(iq);
  }
  arm_ping();
}

void Xep0114Link::shutdown(std::function<void()> done) {
  on_shutdown_ = std::move(done);
  const bool connected = state_ == State::up || state_ == State::handshaking;
  state_ = State::closing;
  if (!connected) return lost("shutdown");
  write(codec_.close());
  timer_.expires_after(kCloseWait);
  timer_.async_wait([this, gen = gen_](const error_code& ec) {
    if (!ec && gen == gen_) lost("no </stream:stream> from the server");
  });
}

void Xep0114Link::finish_shutdown() {
  if (state_ == State::stopped) return;
  state_ = State::stopped;
  ++gen_;
  error_code ignored;
  socket_.close(ignored);
  timer_.cancel();
  ping_timer_.cancel();
  resolver_.cancel();
  log::info("link", "closed", {{"domain", options_.domain}});
  if (auto done = std::move(on_shutdown_)) done();
}

}  // namespace jinglegate::component::xmpp

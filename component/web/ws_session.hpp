// Internal to the web gateway: one WebSocket connection (RFC 6455), in Beast's session shape.
//
// do_read/on_read, a bounded write queue, and every deadline (auth, token expiry, hard close) on
// one timer; Beast's own timeout option covers the handshake and idle ping/pong. Plain or TLS by
// the Stream type. Only moves bytes: parsing is protocol.hpp, routing is router.hpp.
#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>
#include <deque>

#include "component/errors.hpp"
#include "component/log.hpp"
#include "component/web/gateway_core.hpp"
#include "component/web/handshake.hpp"
#include "component/web/rate_limit.hpp"

namespace jinglegate::component::web {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using error_code = boost::system::error_code;

std::string_view name_of(TokenSource s);
std::int64_t unix_now();

template <class Stream>
class WsSession final : public WsSessionBase, public std::enable_shared_from_this<WsSession<Stream>> {
 public:
  WsSession(Stream&& stream, std::shared_ptr<GatewayCore> core, std::string peer)
      : ws_(std::move(stream)), core_(std::move(core)), timer_(ws_.get_executor()),
        bucket_(core_->web.rate_per_second, core_->web.rate_burst, std::chrono::steady_clock::now()),
        peer_(std::move(peer)) {}
  ~WsSession() override { finish(); }

  template <class Request>
  void run(const Request& req, UpgradeAuth auth) {
    id_ = core_->add(this->weak_from_this());
    resource_ = valid_resource(auth.resource) && auth.resource.size() <= 64 ? auth.resource : "";
    websocket::stream_base::timeout t{};
    t.handshake_timeout = std::chrono::duration_cast<std::chrono::steady_clock::duration>(core_->web.handshake_timeout);
    t.idle_timeout = std::chrono::duration_cast<std::chrono::steady_clock::duration>(core_->web.idle_timeout);
    t.keep_alive_pings = true;  // a ping at idle/2, closed at idle without a frame (G8)
    ws_.set_option(t);
    ws_.read_message_max(core_->web.max_message_bytes);  // over it Beast closes with 1009
    ws_.auto_fragment(false);
    const bool echo = auth.echo_subprotocol;
    ws_.set_option(websocket::stream_base::decorator([echo](websocket::response_type& res) {
      res.set(beast::http::field::server, "jinglegate");
      if (echo) res.set(beast::http::field::sec_websocket_protocol, kSubprotocol);
    }));
    ws_.async_accept(req, [self = this->shared_from_this(), auth = std::move(auth)](error_code ec) mutable {
      self->on_accept(ec, std::move(auth));
    });
  }

  void send(std::shared_ptr<const std::string> text) override {
    if (state_ == State::closing || state_ == State::finished) return;
    if (queue_.size() >= core_->web.max_write_queue ||
        queued_bytes_ + text->size() > core_->web.max_write_queue_bytes) {
      log::warn("web", "slow-consumer", {{"conn", id_}, {"jid", jid_}, {"queued", queue_.size()}});
      return close_with(CloseCode::try_later, "slow-consumer", /*flush=*/false);
    }
    queued_bytes_ += text->size();
    queue_.push_back(std::move(text));
    core_->counters.messages_out.inc();
    if (!writing_) do_write();
  }

  void close(CloseCode code, std::string_view reason, bool flush) override { close_with(code, reason, flush); }

 private:
  enum class State { accepting, awaiting_auth, open, closing, finished };
  enum class Deadline { none, auth, token_expiry, hard_close };

  void on_accept(error_code ec, UpgradeAuth auth) {
    if (ec) return finish();
    core_->counters.connections_total.inc();
    state_ = State::awaiting_auth;
    do_read();
    if (auth.source != TokenSource::none) return authenticate(auth.token, auth.source);
    arm(Deadline::auth, core_->web.auth_timeout);
  }

  void do_read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](error_code ec, std::size_t n) { self->on_read(ec, n); });
  }

  void on_read(error_code ec, std::size_t) {
    if (ec) {
      if (ec == websocket::error::message_too_big)
        log::warn("web", "message-too-big", {{"conn", id_}, {"jid", jid_}});
      return finish();
    }
    if (state_ == State::awaiting_auth || state_ == State::open) {
      core_->counters.messages_in.inc();
      const std::string_view text(static_cast<const char*>(buffer_.data().data()), buffer_.size());
      if (!bucket_.take(std::chrono::steady_clock::now())) {
        on_rate_limited();
      } else {
        strikes_ = 0;
        if (!ws_.got_text()) reply_error(Errc::bad_message, "only text messages are accepted");
        else handle_text(text);
      }
    }
    buffer_.consume(buffer_.size());
    if (buffer_.capacity() > 16 * 1024) buffer_.shrink_to_fit();  // one big offer must not pin memory
    do_read();
  }

  // An error reply on the first refusal, close 1008 on the next one in a row (G9).
  void on_rate_limited() {
    if (++strikes_ >= 2) {
      log::warn("web", "rate-limited", {{"conn", id_}, {"jid", jid_}});
      return close_with(CloseCode::policy, "rate-limited", true);
    }
    reply_error(Errc::rate_limited, "slow down: too many messages");
  }

  void handle_text(std::string_view text) {
    Parsed parsed = parse_client_message(text, core_->limits);
    if (auto* bad = std::get_if<BadMessage>(&parsed)) {
      if (state_ == State::awaiting_auth) return refuse_auth(Errc::auth_required, TokenSource::none);
      return send_text(write_error(*bad));
    }
    auto& m = std::get<ClientMessage>(parsed);
    if (state_ == State::awaiting_auth) {
      if (m.type != MessageType::auth) return refuse_auth(Errc::auth_required, TokenSource::none);
      return authenticate(m.token, TokenSource::none);
    }
    core_->router.on_message(id_, m);
  }

  void authenticate(std::string_view token, TokenSource source) {
    auto claims = core_->verifier.verify(token, unix_now());
    if (!claims) return refuse_auth(claims.error().code, source);
    auto user = core_->router.attach(id_, claims->subject, resource_, random_resource());
    if (!user) {
      log::warn("web", "login-refused", {{"conn", id_}, {"user", claims->subject}, {"reason", "too-many-connections"}});
      reply_error(user.error().code, describe(user.error()));
      return close_with(CloseCode::policy, face(user.error().code).json_code, true);
    }
    state_ = State::open;
    jid_ = user->full();
    log::info("web", "login", {{"conn", id_}, {"jid", jid_}, {"peer", peer_}, {"token_from", name_of(source)}});
    send_text(core_->welcome_for(id_, *user));
    const auto left = std::clamp<std::int64_t>(claims->expires - unix_now() + core_->jwt_leeway_s, 0, 365LL * 86400);
    arm(Deadline::token_expiry, Seconds(static_cast<double>(left)));
  }

  void refuse_auth(Errc code, TokenSource source) {
    core_->counters.auth_failures.with({face(code).json_code}).inc();
    log::warn("web", "auth-failed", {{"conn", id_}, {"peer", peer_}, {"reason", face(code).json_code},
                                    {"token_from", name_of(source)}});
    reply_error(code, std::string(face(code).text));
    close_with(CloseCode::auth, face(code).json_code, true);
  }

  void reply_error(Errc code, std::string_view message) { send_text(write_error(code, message)); }
  void send_text(std::string text) { send(std::make_shared<const std::string>(std::move(text))); }

  void do_write() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(boost::asio::buffer(*queue_.front()),
                    [self = this->shared_from_this()](error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(error_code ec) {
    writing_ = false;
    if (!queue_.empty()) {
      queued_bytes_ -= queue_.front()->size();
      queue_.pop_front();
    }
    if (ec) return hard_close();
    if (!queue_.empty()) return do_write();
    if (pending_close_) start_close();
  }

  // flush: send what is queued first (an error reply before an auth close); else drop it.
  void close_with(CloseCode code, std::string_view reason, bool flush) {
    if (state_ == State::closing || state_ == State::finished) return;
    state_ = State::closing;
    core_->counters.closes.with({std::to_string(static_cast<unsigned>(code))}).inc();
    core_->remove(id_);  // out of the routing at once: peers learn now, nothing more is queued
    pending_close_ = websocket::close_reason(static_cast<websocket::close_code>(code), reason);
    if (!flush)
      while (queue_.size() > (writing_ ? 1u : 0u)) {
        queued_bytes_ -= queue_.back()->size();
        queue_.pop_back();
      }
    arm(Deadline::hard_close, Seconds(5));
    if (!writing_ && queue_.empty()) start_close();
  }

  void start_close() {
    auto reason = *pending_close_;
    pending_close_.reset();
    ws_.async_close(reason, [self = this->shared_from_this()](error_code) {});
  }

  void hard_close() {
    error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

  void arm(Deadline what, Seconds after) {
    deadline_ = what;
    timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(after));
    timer_.async_wait([self = this->shared_from_this(), what](error_code ec) {
      if (!ec && self->deadline_ == what) self->on_deadline(what);
    });
  }

  void on_deadline(Deadline what) {
    switch (what) {
      case Deadline::auth:
        if (state_ == State::awaiting_auth) refuse_auth(Errc::auth_required, TokenSource::none);
        break;
      case Deadline::token_expiry:  // OWASP: re-validate long sessions; ours end with the token
        log::info("web", "token-expired", {{"conn", id_}, {"jid", jid_}});
        reply_error(Errc::token_expired, "the login token expired");
        close_with(CloseCode::auth, "token-expired", true);
        break;
      case Deadline::hard_close: hard_close(); break;
      case Deadline::none: break;
    }
  }

  void finish() {
    if (state_ == State::finished) return;
    state_ = State::finished;
    deadline_ = Deadline::none;
    timer_.cancel();
    if (id_) {
      if (!jid_.empty()) log::info("web", "logout", {{"conn", id_}, {"jid", jid_}});
      core_->remove(id_);
    }
  }

  websocket::stream<Stream> ws_;
  std::shared_ptr<GatewayCore> core_;
  beast::flat_buffer buffer_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  std::optional<websocket::close_reason> pending_close_;
  boost::asio::steady_timer timer_;
  Deadline deadline_ = Deadline::none;
  TokenBucket bucket_;
  int strikes_ = 0;
  State state_ = State::accepting;
  ConnId id_ = 0;
  std::string jid_;
  std::string resource_;
  std::string peer_;
};

}  // namespace jinglegate::component::web

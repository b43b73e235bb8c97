// The XEP-0114 link on Boost.Asio: connects, handshakes, reads stanzas into the codec, pings
// when idle, reconnects with backoff, and closes the stream cleanly. No protocol logic here:
// the codec (stream_codec.hpp) owns the bytes, the router (stanza_router.hpp) owns the stanzas.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <random>
#include <string>

#include "component/xmpp/backoff.hpp"
#include "component/xmpp/stream_codec.hpp"

namespace jinglegate::component::xmpp {

struct LinkOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 5347;
  std::string domain;
  std::string secret;
  std::chrono::duration<double> ping_interval{30};  // XEP-0199 ping after this long without input
  std::chrono::duration<double> ping_timeout{10};   // no answer: the link is dead
  std::chrono::duration<double> connect_timeout{10};  // TCP connect + stream header + handshake
  BackoffPolicy backoff;
  xml::Limits limits;
  // Handshakes refused in a row, never having been accepted, before giving up (a wrong secret
  // will not fix itself; reliability goal G11). Once accepted, the link never gives up.
  unsigned max_auth_failures = 3;
};

class Xep0114Link {
 public:
  struct Events {
    std::function<void()> up;
    std::function<void()> down;
    std::function<void(const xml::Element&)> stanza;
    std::function<void(const xml::Element&, const Error&)> refused;  // an oversized stanza's head
    std::function<void(const Error&)> fatal;  // gave up: never authenticated
  };

  Xep0114Link(boost::asio::io_context& io, LinkOptions options, Events events);
  Xep0114Link(const Xep0114Link&) = delete;
  Xep0114Link& operator=(const Xep0114Link&) = delete;

  void start();
  // Sends a stanza when the link is up; drops it (logged) otherwise. A stanza whose `from` is not
  // ours is a programmer error: logged and dropped, never sent (G6).
  void send(const xml::Element& stanza);
  // Closes the stream with </stream:stream>, waits briefly for the server's, then calls `done`.
  void shutdown(std::function<void()> done);
  void set_secret(std::string secret) { options_.secret = std::move(secret); }  // next handshake
  bool is_up() const { return state_ == State::up; }

 private:
  enum class State { idle, connecting, handshaking, up, closing, waiting, stopped };
  using Clock = std::chrono::steady_clock;

  void connect();
  void read();
  void on_read(std::uint64_t gen, const boost::system::error_code& ec, std::size_t n);
  void on_event(StreamEvent& ev);
  void on_up();
  void write(std::string bytes);
  void write_next();
  void fault(const Error& why);  // our side found a stream fault: stream error, then drop
  void lost(std::string_view reason);
  void arm_ping();
  void on_ping_timer(std::uint64_t gen);
  void finish_shutdown();

  LinkOptions options_;
  Events events_;
  StreamCodec codec_;
  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::steady_timer timer_;       // connect/handshake deadline, backoff wait, close wait
  boost::asio::steady_timer ping_timer_;
  std::array<char, 16 * 1024> rbuf_{};
  std::deque<std::string> wqueue_;
  std::size_t wqueue_bytes_ = 0;
  bool writing_ = false;
  bool close_after_write_ = false;
  State state_ = State::idle;
  std::uint64_t gen_ = 0;                 // connection generation: stale handlers compare and return
  unsigned attempt_ = 0;                  // reconnection attempt, for the backoff schedule
  unsigned auth_failures_ = 0;
  bool handshake_refused_ = false;        // this connection's handshake got a stream error
  bool ever_up_ = false;
  Clock::time_point up_since_{};
  Clock::time_point down_since_{};
  Clock::time_point last_input_{};
  std::string ping_id_;                   // outstanding XEP-0199 ping, "" when none
  std::uint64_t ping_seq_ = 0;
  std::mt19937 rng_{std::random_device{}()};
  std::function<void()> on_shutdown_;
};

}  // namespace jinglegate::component::xmpp

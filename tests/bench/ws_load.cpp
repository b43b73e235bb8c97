// ws_load: load client for the web gateway (performance.md, "WebSocket signaling"). A separate
// program, not a test: prints figures. Connects N authenticated clients, measures the daemon's RSS
// per idle connection, sets up calls between pairs, then relays mixed traffic (one ~5 KB re-offer
// to ten ~250 B candidates) and reports relayed messages/s and one-way latency p50/p99.
//
//   ws_load --port P --secret S [--pid DAEMON_PID] [--clients N] [--pairs K] [--rate R] [--seconds T]
//   --rate 0 = saturation (a window of messages in flight per pair); R > 0 = R messages/s in total.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <memory>
#include <string>
#include <vector>

#include "component/web/jwt.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {
struct Options {
  std::uint16_t port = 0;
  std::string secret;
  int pid = 0;
  int clients = 2;
  int pairs = 1;
  double rate = 0;
  double seconds = 5;
  int window = 16;  // messages in flight per pair at saturation
  std::string domain = "call.a.test";
};

std::int64_t now_ns() { return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count(); }

long rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

// utime + stime of a process, in seconds (/proc/PID/stat fields 14 and 15).
double cpu_seconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream rest(stat.substr(stat.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i)
    if (i >= 14) ticks += std::stod(field);
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string token(const std::string& sub, const std::string& secret) {
  using jinglegate::component::web::base64url_encode;
  const auto exp = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count() + 3600;
  const std::string input = base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." +
                            base64url_encode(R"({"sub":")" + sub + R"(","exp":)" + std::to_string(exp) + "}");
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(input.data()),
       input.size(), mac, &len);
  return input + "." + base64url_encode(std::string_view(reinterpret_cast<char*>(mac), len));
}

// The marker that carries the send time: "ts=<ns>" inside the SDP (an a= line) or the candidate.
std::int64_t stamp_of(std::string_view text) {
  const auto p = text.find("ts=");
  if (p == std::string_view::npos) return 0;
  std::int64_t v = 0;
  for (std::size_t i = p + 3; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) v = v * 10 + (text[i] - '0');
  return v;
}

std::string reoffer(std::int64_t ts) {
  std::string sdp = "v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\na=ts=" + std::to_string(ts) + "\\r\\n";
  while (sdp.size() < 5000) sdp += "a=rtcp-fb:96 goog-remb transport-cc ccm fir nack pli\\r\\n";
  return R"({"type":"offer","session":"c","to":"x@y","sdp":")" + sdp + "\"}";
}

std::string candidate(std::int64_t ts) {
  std::string c = "candidate:ts=" + std::to_string(ts) +
                  " 1 udp 2122260223 192.0.2.1 54321 typ host generation 0 ufrag EsAw network-id 1 network-cost 10";
  return R"({"type":"candidate","session":"c","candidate":{"candidate":")" + c +
         R"(","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"EsAw"}})";
}

struct Stats {
  std::vector<std::int64_t> latencies_ns;
  std::uint64_t received = 0;
  bool measuring = false;
};

class Conn : public std::enable_shared_from_this<Conn> {
 public:
  Conn(asio::io_context& io, Stats& stats, std::string user) : ws_(io), stats_(stats), user_(std::move(user)) {}
  std::function<void(Conn&, std::string_view)> on_message;
  bool welcomed = false;
  std::string jid;
  Conn* peer = nullptr;
  int in_flight = 0;
  std::uint64_t sent = 0;

  void start(const tcp::endpoint& ep, const std::string& bearer, std::function<void()> done) {
    ws_.next_layer().async_connect(ep, [self = shared_from_this(), bearer, done](beast::error_code ec) {
      if (ec) return std::fprintf(stderr, "connect: %s\n", ec.message().c_str()), done();
      self->ws_.next_layer().socket().set_option(tcp::no_delay(true));
      self->ws_.set_option(websocket::stream_base::decorator(
          [bearer](websocket::request_type& r) { r.set(beast::http::field::authorization, "Bearer " + bearer); }));
      self->ws_.async_handshake("127.0.0.1", "/ws", [self, done](beast::error_code ec) {
        if (ec) return std::fprintf(stderr, "handshake: %s\n", ec.message().c_str()), done();
        self->ws_.async_read(self->buf_, [self, done](beast::error_code ec, std::size_t) {
          if (!ec) {
            const std::string text = beast::buffers_to_string(self->buf_.data());
            const auto j = text.find("\"jid\":\"");
            self->jid = text.substr(j + 7, text.find('"', j + 7) - j - 7);
            self->welcomed = true;
            self->buf_.consume(self->buf_.size());
            self->read_loop();
          }
          done();
        });
      });
    });
  }

  void send(std::string text) {
    queue_.push_back(std::move(text));
    ++sent;
    if (queue_.size() == 1) write_next();
  }

 private:
  void read_loop() {
    ws_.async_read(buf_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      const std::string_view text(static_cast<const char*>(self->buf_.data().data()), self->buf_.size());
      if (const auto ts = stamp_of(text); ts && self->stats_.measuring) {
        self->stats_.latencies_ns.push_back(now_ns() - ts);
        ++self->stats_.received;
      }
      if (self->on_message) self->on_message(*self, text);
      self->buf_.consume(self->buf_.size());
      self->read_loop();
    });
  }
  void write_next() {
    ws_.text(true);
    ws_.async_write(asio::buffer(queue_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->queue_.pop_front();
      if (!self->queue_.empty()) self->write_next();
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buf_;
  std::deque<std::string> queue_;
  Stats& stats_;
  std::string user_;
};

// The k-th message of a pair's stream: one re-offer, then ten candidates.
std::string nth_message(std::uint64_t k) { return k % 11 == 0 ? reoffer(now_ns()) : candidate(now_ns()); }

void run_until(asio::io_context& io, const std::function<bool()>& done, double max_seconds) {
  const auto end = Clock::now() + std::chrono::duration<double>(max_seconds);
  while (!done() && Clock::now() < end) io.run_for(std::chrono::milliseconds(10));
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--port") o.port = static_cast<std::uint16_t>(std::stoi(v));
    else if (k == "--secret") o.secret = v;
    else if (k == "--pid") o.pid = std::stoi(v);
    else if (k == "--clients") o.clients = std::stoi(v);
    else if (k == "--pairs") o.pairs = std::stoi(v);
    else if (k == "--rate") o.rate = std::stod(v);
    else if (k == "--seconds") o.seconds = std::stod(v);
    else if (k == "--window") o.window = std::stoi(v);
    else if (k == "--domain") o.domain = v;
  }
  o.pairs = std::min(o.pairs, o.clients / 2);
  return o;
}
}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  if (!o.port || o.secret.empty()) {
    std::fprintf(stderr, "usage: ws_load --port P --secret S [--pid PID] [--clients N] [--pairs K] [--rate R] [--seconds T]\n");
    return 2;
  }
  asio::io_context io(1);
  Stats stats;
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), o.port);
  const long rss0 = o.pid ? rss_kib(o.pid) : 0;

  // 1. Connect in batches (the listen backlog is finite).
  std::vector<std::shared_ptr<Conn>> conns;
  int pending = 0;
  const auto t_connect = Clock::now();
  for (int i = 0; i < o.clients; ++i) {
    std::string user = std::to_string(i);
    user.insert(user.begin(), 'u');  // not "u" + s: g++ 12 -O3 warns -Wrestrict on that (a false positive)
    auto c = std::make_shared<Conn>(io, stats, user);
    conns.push_back(c);
    ++pending;
    c->start(ep, token(user, o.secret), [&pending] { --pending; });
    if (pending >= 200) run_until(io, [&] { return pending < 100; }, 30);
  }
  run_until(io, [&] { return pending == 0; }, 60);
  const auto welcomed = std::count_if(conns.begin(), conns.end(), [](auto& c) { return c->welcomed; });
  const double connect_s = std::chrono::duration<double>(Clock::now() - t_connect).count();
  run_until(io, [] { return false; }, 1.0);  // let the daemon settle
  const long rss1 = o.pid ? rss_kib(o.pid) : 0;

  // 2. Calls: client 2i calls 2i+1 (offer, accept, answer), so the router relays by session.
  int active = 0;
  for (int p = 0; p < o.pairs; ++p) {
    Conn& a = *conns[2 * p];
    Conn& b = *conns[2 * p + 1];
    a.peer = &b;
    b.peer = &a;
    b.on_message = [&active](Conn& self, std::string_view text) {
      if (text.find("\"incoming\"") != std::string_view::npos) self.send(R"({"type":"accept","session":"c"})");
      else if (text.find("\"type\":\"offer\"") != std::string_view::npos && self.on_message) {
        self.send(R"({"type":"answer","session":"c","sdp":"v=0\r\n"})");
        ++active;
        self.on_message = nullptr;
      }
    };
    a.send(R"({"type":"offer","session":"c","to":")" + b.jid.substr(0, b.jid.find('/')) + R"(","sdp":"v=0\r\n"})");
  }
  run_until(io, [&] { return active == o.pairs; }, 30);

  // 3. Traffic. Saturation: each callee's receipt lets its caller send the next message.
  std::uint64_t k = 0;
  for (int p = 0; p < o.pairs; ++p) {
    Conn& callee = *conns[2 * p + 1];
    callee.on_message = o.rate > 0 ? std::function<void(Conn&, std::string_view)>{}
                                   : [&k](Conn& self, std::string_view) { self.peer->send(nth_message(k++)); };
  }
  stats.measuring = true;
  const auto t0 = Clock::now();
  asio::steady_timer timer(io);  // outlives the run below: the rate ticks re-arm it
  std::uint64_t due_sent = 0;
  const double cpu0 = o.pid ? cpu_seconds(o.pid) : 0;
  std::function<void()> tick = [&] {
    const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    if (elapsed >= o.seconds) return;
    const auto due = static_cast<std::uint64_t>(elapsed * o.rate);
    for (; due_sent < due; ++due_sent) conns[2 * (due_sent % o.pairs)]->send(nth_message(due_sent / o.pairs));
    timer.expires_after(std::chrono::microseconds(500));
    timer.async_wait([&](beast::error_code) { tick(); });
  };
  if (o.rate > 0) {
    tick();
  } else {
    for (int p = 0; p < o.pairs; ++p)
      for (int w = 0; w < o.window; ++w) conns[2 * p]->send(nth_message(k++));
  }
  run_until(io, [] { return false; }, o.seconds);
  stats.measuring = false;
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  const double cpu = o.pid ? (cpu_seconds(o.pid) - cpu0) / secs : 0;

  auto& l = stats.latencies_ns;
  std::sort(l.begin(), l.end());
  auto pct = [&](double q) { return l.empty() ? 0.0 : l[static_cast<std::size_t>(q * (l.size() - 1))] / 1e6; };
  std::printf("clients=%d welcomed=%ld connect_s=%.2f pairs=%d mode=%s relayed=%llu msg_per_s=%.0f p50_ms=%.3f p99_ms=%.3f",
              o.clients, static_cast<long>(welcomed), connect_s, o.pairs, o.rate > 0 ? "rate" : "saturation",
              static_cast<unsigned long long>(stats.received), stats.received / secs, pct(0.5), pct(0.99));
  if (o.pid)
    std::printf(" daemon_cpu=%.0f%% msg_per_daemon_cpu_s=%.0f", cpu * 100, cpu > 0 ? stats.received / secs / cpu : 0.0);
  if (o.pid)
    std::printf(" rss_before_kib=%ld rss_after_kib=%ld bytes_per_idle_conn=%.0f", rss0, rss1,
                o.clients ? (rss1 - rss0) * 1024.0 / o.clients : 0.0);
  std::printf("\n");
  return welcomed == o.clients ? 0 : 1;
}

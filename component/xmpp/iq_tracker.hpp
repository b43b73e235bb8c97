// Our own iq requests (RFC 6120 §8.2.3): send, then match the result or error by id and sender,
// or time out. One tracker serves everything that asks (disco#info for caps, Jingle requests,
// XEP-0215) and owns the router's iq result/error routes.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "component/xmpp/stanza_router.hpp"
#include "jingle/error.hpp"
#include "jingle/xml/element.hpp"

namespace jinglegate::component::xmpp {

class IqTracker {
 public:
  // The answer: the result stanza, or an Error — the registry code of the peer's defined
  // condition (detail: its text), or remote_server_timeout when nothing came in time, or
  // xmpp_down when the link went down first.
  using Callback = std::function<void(Result<xml::Element>)>;

  IqTracker(boost::asio::io_context& io, StanzaRouter& router);
  IqTracker(const IqTracker&) = delete;
  IqTracker& operator=(const IqTracker&) = delete;

  // Sends `iq` (type get or set; its id is set here) and calls `done` exactly once.
  void request(xml::Element iq, std::chrono::milliseconds timeout, Callback done);
  // The link went down: every pending request fails with xmpp_down (their answers are lost).
  void fail_all(Errc why);
  std::size_t pending() const { return pending_.size(); }

 private:
  struct Pending {
    std::string to;  // the address asked; an answer must come from it (RFC 6120 §8.1.2.1)
    Callback done;
    std::unique_ptr<boost::asio::steady_timer> timer;
  };
  Result<void> on_answer(const Stanza& s);
  void finish(const std::string& id, Result<xml::Element> answer);

  boost::asio::io_context& io_;
  StanzaRouter& router_;
  std::map<std::string, Pending> pending_;
  std::uint64_t next_ = 0;
};

// The registry code for a stanza error's defined condition (RFC 6120 §8.3.3); internal_error
// when the condition is unknown. Application conditions of XEP-0166 win when present.
Errc errc_of_stanza_error(const xml::Element& stanza);

}  // namespace jinglegate::component::xmpp

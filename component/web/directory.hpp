// What the rest of the daemon may ask of, and hear from, the web gateway: who is online, who came
// and went (XEP-0114 disco and presence, issue 6), and the hook the bridge fills (issue 5).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "component/web/address.hpp"
#include "component/web/protocol.hpp"
#include "jingle/error.hpp"

namespace jinglegate::component::web {

using ConnId = std::uint64_t;  // one WebSocket connection, never reused while the daemon runs

// Queries for the XEP-0114 side (disco#info/items on a user's JID, presence probes).
class WebDirectory {
 public:
  virtual ~WebDirectory() = default;
  virtual bool is_online(std::string_view local, std::string_view resource) const = 0;
  virtual std::vector<std::string> resources_of(std::string_view local) const = 0;
};

// Events for presence (issue 6): a connection logged in as `user` (a full JID), or went away.
struct WebUserEvents {
  std::function<void(const Address& user)> connected;
  std::function<void(const Address& user)> disconnected;
};

// The bridge (issue 5) implements this to carry calls to JIDs outside the component's domain.
// Without one, such offers are answered with `unknown-peer`.
class RemoteCalls {
 public:
  virtual ~RemoteCalls() = default;
  // A message of a web user's call with an XMPP peer: the offer that starts it and every later
  // message naming the same session. An error is sent back to the web user as an `error`.
  virtual Result<void> from_web(ConnId conn, const Address& user, const ClientMessage& m) = 0;
  // The connection closed: end its calls (session-terminate gone).
  virtual void connection_closed(ConnId conn, const Address& user) = 0;
};

// Presence (issue 6) implements this: the router hands it the presence family of messages
// (is_presence_type). Without one they are answered feature-not-implemented.
class WebPresence {
 public:
  virtual ~WebPresence() = default;
  virtual void from_web(ConnId conn, const Address& user, const ClientMessage& m) = 0;
};

// What the router asks the I/O layer to do with a connection.
class Outbox {
 public:
  virtual ~Outbox() = default;
  virtual void send(ConnId to, std::string text) = 0;
};

}  // namespace jinglegate::component::web

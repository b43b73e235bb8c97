// The presence part of the browser protocol (docs/protocol.md, "Presence and rosters"): the
// fields of the client's presence, subscribe, unsubscribe, approve, deny, remove, roster and
// directory messages, and the gateway's roster, presence, subscription-request and directory
// messages. Pure, like protocol.hpp, which calls in here for these types.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "presence/presence_service.hpp"

namespace jinglegate::component::web {

struct ClientMessage;
struct BadMessage;
class JsonOut;

// The fields of a presence-family client message (the others leave it empty).
struct PresenceRequest {
  std::string jid;     // subscribe, unsubscribe: `to`; approve, deny, remove: `jid`
  std::string name;    // subscribe: the roster name, optional
  std::string show;    // presence: "available" (default), "away", "chat", "dnd", "xa"
  std::string status;  // presence: optional text
  friend bool operator==(const PresenceRequest&, const PresenceRequest&) = default;
};

// Reads the fields of m.type (a presence-family type) from `obj` into m.presence. On a bad field
// fills `bad` and returns false.
bool read_presence_fields(const nlohmann::json& obj, ClientMessage& m, BadMessage& bad);
void write_presence_fields(JsonOut& o, const ClientMessage& m);  // the inverse, for tests and tools

// --- gateway -> client -----------------------------------------------------------------------
// {type:"roster", full, items:[{jid, name?, subscription, ask?}]}; a removed item has
// subscription "remove" (RFC 6121 §2.1.2.5). `id` echoes a `roster` request.
std::string write_roster(const presence::RosterUpdate& update, std::string_view id = {});
// {type:"presence", from, available, show?, status?, priority?, caps: {audio, video, data, jmi} | null}
std::string write_contact_presence(const presence::ContactUpdate& update);
// {type:"subscription-request", from, status?}
std::string write_subscription_request(const presence::PendingRequest& request);
// {type:"directory", mode, users:[{jid, resources}], truncated}
std::string write_directory(const presence::Directory& directory, std::string_view id = {});

}  // namespace jinglegate::component::web

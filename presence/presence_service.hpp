// Presence, subscriptions and rosters for the web users of the component's domain: the RFC 6121
// server side of their accounts, fed events and answering through a Sink. Pure: no sockets, no
// clock (tick() brings the time), no logging; storage through the RosterStore.
//
//   web user logs in      -> roster, pending requests, contacts' presence to that connection;
//                            available presence (with our caps) to subscribers, probes to contacts
//   web user acts         -> subscription state machine (subscription.hpp) -> stanzas, roster pushes
//   stanza from XMPP      -> the same machine inbound; contacts' presence tracked per resource,
//                            their caps resolved (caps_cache.hpp), probes answered (RFC 6121 §4.3)
//   link up / down        -> everything re-announced and re-probed / contacts' presence forgotten
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/jid.hpp"
#include "presence/caps_cache.hpp"
#include "presence/discovery.hpp"
#include "presence/presence_state.hpp"
#include "presence/roster_store.hpp"

namespace jinglegate::presence {

struct RosterUpdate {
  std::vector<RosterItem> items;     // visible items, new or changed (all of them when `full`)
  std::vector<std::string> removed;  // contacts no longer in the roster
  bool full = false;                 // the whole roster (on login), not a change
};

struct ContactUpdate {
  std::string from;                  // the contact's full JID
  bool available = false;
  PresenceInfo info;
  std::optional<Capabilities> caps;  // nullopt while unknown (a disco#info is on its way)
};

// Where the service's output goes. `resource` "" means every connection of the web user.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void send(xml::Element stanza) = 0;  // to the XMPP server; `from` is always ours (G6)
  virtual void roster(std::string_view local, std::string_view resource, const RosterUpdate& update) = 0;
  virtual void contact(std::string_view local, std::string_view resource, const ContactUpdate& update) = 0;
  virtual void request(std::string_view local, std::string_view resource, const PendingRequest& request) = 0;
  virtual void query_caps(const CapsQuery& query) = 0;  // answer with caps_answer()
};

struct ServiceSettings {
  std::string domain;             // the component's domain: web users are local@domain/resource
  CapsRef own_caps;               // the <c/> our web users' presence carries
  bool auto_approve = false;      // approve inbound subscription requests without asking
  std::size_t max_roster_items = 1000;
  std::size_t max_pending_requests = 64;  // unanswered inbound requests per user (a request flood stops here)
  DirectoryMode directory = DirectoryMode::contacts;
  std::size_t directory_limit = 500;      // users in one directory answer
  StateLimits state;
  CapsSettings caps;
};

struct ServiceStats {
  std::uint64_t presence_refused = 0;    // contact resources over a table limit
  std::uint64_t presence_ignored = 0;    // from non-contacts, or for users not online
  std::uint64_t requests_refused = 0;    // inbound requests over max_pending_requests
  std::uint64_t caps_queries = 0;
  std::uint64_t caps_verified = 0;
  std::uint64_t caps_unverified = 0;     // answers kept for their JID only
  std::uint64_t caps_failed = 0;
  std::uint64_t store_errors = 0;        // database errors not reported to anyone else
};

class PresenceService {
 public:
  PresenceService(ServiceSettings settings, RosterStore& store, Sink& sink);

  void tick(TimePoint now);  // the service's notion of now; due caps retries go out

  // --- the web side (a web user is `local`; its connection is `resource`) ---
  Result<void> connected(std::string_view local, std::string_view resource);
  void disconnected(std::string_view local, std::string_view resource);
  Result<void> set_presence(std::string_view local, std::string_view resource, PresenceInfo info);
  Result<void> subscribe(std::string_view local, const Jid& contact, std::string_view name);
  Result<void> unsubscribe(std::string_view local, const Jid& contact);
  Result<void> approve(std::string_view local, const Jid& contact);
  Result<void> deny(std::string_view local, const Jid& contact);  // a request, or the contact's subscription
  Result<void> remove(std::string_view local, const Jid& contact);  // RFC 6121 §2.5: both ways, and forget
  Result<std::vector<RosterItem>> roster(std::string_view local);   // the visible items
  Result<Directory> directory(std::string_view local);

  // --- the XMPP side ---
  // A presence stanza to one of our addresses (the router checked the domain).
  Result<void> on_stanza(const PresenceStanza& p);
  void link_up();
  void link_down();
  void caps_answer(const CapsQuery& query, const Result<DiscoInfo>& info);

  const ServiceStats& stats() const { return stats_; }
  const PresenceState& state() const { return state_; }
  const CapsCache& caps() const { return caps_; }
  bool is_link_up() const { return up_; }

 private:
  Jid user_jid(std::string_view local, std::string_view resource = {}) const;
  Result<RosterItem> existing(std::string_view local, const Jid& contact);
  Result<void> check_contact(std::string_view local, const Jid& contact) const;
  Result<void> save(std::string_view local, const RosterItem& item, bool visible_before, std::string_view status = {});
  void apply(std::string_view local, const RosterItem& item, const Transition& t, SubEvent event);
  void announce(std::string_view local, std::string_view resource, const std::vector<RosterItem>& items,
                PresenceType type);
  void probe(std::string_view local, const std::vector<RosterItem>& items);
  void forget(std::string_view local, std::string_view contact_bare);
  std::optional<Capabilities> resolve_caps(const std::optional<CapsRef>& ref, const std::string& jid);
  ContactUpdate update_of(const std::string& full, const ContactResource& r);
  void refresh_caps(const CapsRef& ref, const std::string& only_jid);

  Result<void> on_contact_presence(const PresenceStanza& p);
  Result<void> on_subscription(const PresenceStanza& p, SubEvent event);
  Result<void> on_probe(const PresenceStanza& p);
  Result<void> accept_request(std::string_view local, RosterItem& item, Transition t, std::string_view status);

  ServiceSettings s_;
  RosterStore& store_;
  Sink& sink_;
  PresenceState state_;
  CapsCache caps_;
  ServiceStats stats_;
  bool up_ = false;
  TimePoint now_{};
};

}  // namespace jinglegate::presence

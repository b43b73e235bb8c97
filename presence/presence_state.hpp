// Presence as the component holds it (RFC 6121 §4): our web users' own presence per connected
// resource, each web user's view of its contacts' presence per full JID (bounded), presence
// stanzas read and written, and the answer to a probe — who gets what, by subscription.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/jid.hpp"
#include "jingle/xml/element.hpp"
#include "presence/caps_cache.hpp"
#include "presence/subscription.hpp"

namespace jinglegate::presence {

// RFC 6121 §4.7.2.1 <show/>; `available` is its absence (plain available).
enum class Show { available, away, chat, dnd, xa };
std::string_view name_of(Show s);              // "" for available
std::optional<Show> parse_show(std::string_view s);  // "" → available; unknown → nullopt

// RFC 6121 §4.7.1 types of a presence stanza (no type attribute = available).
enum class PresenceType { available, unavailable, subscribe, subscribed, unsubscribe, unsubscribed, probe, error };
std::string_view name_of(PresenceType t);      // "" for available
std::optional<PresenceType> parse_presence_type(std::string_view s);

inline constexpr std::size_t kMaxStatusBytes = 1024;  // a status line, not a document

struct PresenceInfo {
  Show show = Show::available;
  std::string status;  // "" when none
  int priority = 0;    // RFC 6121 §4.7.2.3: -128..127
  friend bool operator==(const PresenceInfo&, const PresenceInfo&) = default;
};

// A presence stanza, parsed once at the edge.
struct PresenceStanza {
  PresenceType type = PresenceType::available;
  Jid from;
  Jid to;
  PresenceInfo info;            // its show, status (also a subscription request's text), priority
  std::optional<CapsRef> caps;  // XEP-0115 <c/>
};
// Lenient where RFC 6121 lets a receiver be: an unknown <show/> reads as available, a priority
// out of range is clamped, a long status is cut (at a UTF-8 boundary). The status without
// xml:lang wins, else the first. Errc::bad_request for a stanza that is not a presence.
Result<PresenceStanza> read_presence(const xml::Element& stanza);
// <presence from to [type]> with show/status/priority (when `info`) and <c/> (when `caps`).
xml::Element write_presence(const Jid& from, const Jid& to, PresenceType type, const PresenceInfo* info = nullptr,
                            const CapsRef* caps = nullptr);

// A contact's resource as a web user sees it.
struct ContactResource {
  PresenceInfo info;
  std::optional<CapsRef> caps;
  friend bool operator==(const ContactResource&, const ContactResource&) = default;
};

struct StateLimits {
  std::size_t max_resources_per_user = 1024;   // contact resources one web user tracks (a flood stops here)
  std::size_t max_resources_per_contact = 16;  // one contact cannot fill the table with resources
};

class PresenceState {
 public:
  explicit PresenceState(StateLimits limits = {}) : limits_(limits) {}

  // --- our web users, one presence per connected resource ---
  void set_own(std::string_view local, std::string_view resource, PresenceInfo info);
  void remove_own(std::string_view local, std::string_view resource);
  const PresenceInfo* own(std::string_view local, std::string_view resource) const;
  std::vector<std::pair<std::string, PresenceInfo>> own_resources(std::string_view local) const;
  bool online(std::string_view local) const;
  std::vector<std::string> online_users() const;  // sorted

  // --- each online web user's view of its contacts, by contact bare JID then resource ---
  enum class Update { added, changed, unchanged, refused };  // refused: over a limit
  Update set_contact(std::string_view local, const Jid& contact, ContactResource r);
  bool remove_contact(std::string_view local, const Jid& contact);  // one resource
  // Every resource of the contact (bare JID): the full JIDs removed.
  std::vector<std::string> remove_contact_all(std::string_view local, std::string_view bare);
  void drop_contacts(std::string_view local);  // the user went offline
  // The user's contacts' resources as (full JID, resource state).
  std::vector<std::pair<std::string, ContactResource>> contacts(std::string_view local) const;
  std::size_t contact_count(std::string_view local) const;

 private:
  struct View {
    std::map<std::string, std::map<std::string, ContactResource>, std::less<>> by_contact;
    std::size_t total = 0;
  };
  StateLimits limits_;
  std::map<std::string, std::map<std::string, PresenceInfo>, std::less<>> own_;
  std::map<std::string, View, std::less<>> views_;
};

// RFC 6121 §4.3.2: the stanzas that answer a probe from `prober` to our user `user` (bare, or a
// full JID naming one resource). `item_state` is the user's roster state for the prober's bare
// JID (nullopt: not in the roster); `resources` the user's connected resources. A subscriber
// (from/both) gets the presence of each resource with our caps, or unavailable when none is
// connected; anyone else gets unsubscribed and learns nothing.
std::vector<xml::Element> answer_probe(const Jid& prober, const Jid& user, std::optional<SubState> item_state,
                                       const std::vector<std::pair<std::string, PresenceInfo>>& resources,
                                       const CapsRef& our_caps);

}  // namespace jinglegate::presence

// Presence service, web side and link events: logins, the web user's subscription actions,
// re-announcing after the link comes back (RFC 6121 §3 and §4, reliability notes G12).
#include "presence/presence_service.hpp"

namespace jinglegate::presence {

namespace {
// The stanza an outbound event routes (only outbound events have Effect::route).
PresenceType stanza_type_of(SubEvent e) {
  switch (e) {
    case SubEvent::out_subscribe: return PresenceType::subscribe;
    case SubEvent::out_subscribed: return PresenceType::subscribed;
    case SubEvent::out_unsubscribe: return PresenceType::unsubscribe;
    default: return PresenceType::unsubscribed;
  }
}
}  // namespace

PresenceService::PresenceService(ServiceSettings settings, RosterStore& store, Sink& sink)
    : s_(std::move(settings)), store_(store), sink_(sink), state_(s_.state), caps_(s_.caps) {}

Jid PresenceService::user_jid(std::string_view local, std::string_view resource) const {
  return Jid{std::string(local), s_.domain, std::string(resource)};
}

void PresenceService::tick(TimePoint now) {
  now_ = now;
  for (auto& q : caps_.due(now)) {
    ++stats_.caps_queries;
    sink_.query_caps(q);
  }
}

// Presence of one resource (or unavailable) to every subscriber: contacts with 'from' (§4.2.2, §4.5.2).
void PresenceService::announce(std::string_view local, std::string_view resource, const std::vector<RosterItem>& items,
                               PresenceType type) {
  const PresenceInfo* info = state_.own(local, resource);
  const Jid from = user_jid(local, resource);
  for (const auto& item : items) {
    if (!has_from(item.state)) continue;
    auto to = parse_jid(item.contact);
    if (!to) continue;
    if (type == PresenceType::available && info) sink_.send(write_presence(from, *to, type, info, &s_.own_caps));
    else sink_.send(write_presence(from, *to, PresenceType::unavailable));
  }
}

// Probes from the user's bare JID to every contact whose presence the user receives (§4.3.1).
void PresenceService::probe(std::string_view local, const std::vector<RosterItem>& items) {
  const Jid from = user_jid(local);
  for (const auto& item : items)
    if (has_to(item.state))
      if (auto to = parse_jid(item.contact)) sink_.send(write_presence(from, *to, PresenceType::probe));
}

// The user no longer receives this contact's presence: what it knew of it is gone, and it is told.
void PresenceService::forget(std::string_view local, std::string_view contact_bare) {
  for (const auto& full : state_.remove_contact_all(local, contact_bare)) {
    ContactUpdate u;
    u.from = full;
    sink_.contact(local, "", u);
  }
}

Result<void> PresenceService::connected(std::string_view local, std::string_view resource) {
  JG_CHECK(store_.add_user(local));
  JG_TRY(auto items, store_.items(local));
  JG_TRY(auto requests, store_.requests(local));
  const bool first = !state_.online(local);
  state_.set_own(local, resource, PresenceInfo{});

  RosterUpdate full;
  full.full = true;
  for (auto& item : items)
    if (!item.hidden) full.items.push_back(item);
  sink_.roster(local, resource, full);
  for (const auto& r : requests) sink_.request(local, resource, r);  // stored while offline (§3.1.3)
  for (const auto& [jid, r] : state_.contacts(local)) sink_.contact(local, resource, update_of(jid, r));

  if (up_) {
    announce(local, resource, items, PresenceType::available);
    if (first) probe(local, items);  // later connections share what the first one learnt
  }
  return Ok{};
}

void PresenceService::disconnected(std::string_view local, std::string_view resource) {
  if (!state_.own(local, resource)) return;
  if (up_) {
    if (auto items = store_.items(local)) announce(local, resource, *items, PresenceType::unavailable);
    else ++stats_.store_errors;
  }
  state_.remove_own(local, resource);
  if (!state_.online(local)) state_.drop_contacts(local);
}

Result<void> PresenceService::set_presence(std::string_view local, std::string_view resource, PresenceInfo info) {
  if (!state_.own(local, resource)) return fail(Errc::not_allowed, "not connected");
  state_.set_own(local, resource, std::move(info));
  if (up_) {  // else it goes out with everything else when the link is back
    JG_TRY(auto items, store_.items(local));
    announce(local, resource, items, PresenceType::available);
  }
  return Ok{};
}

Result<void> PresenceService::check_contact(std::string_view local, const Jid& contact) const {
  if (!up_) return fail(Errc::xmpp_down, "the XMPP server is not connected; try again");
  if (contact.local == local && contact.domain == s_.domain) return fail(Errc::bad_field, "that is your own JID");
  return Ok{};
}

Result<RosterItem> PresenceService::existing(std::string_view local, const Jid& contact) {
  JG_TRY(auto item, store_.item(local, contact.bare().str()));
  if (!item) return fail(Errc::item_not_found, contact.bare().str() + " is not in your roster");
  return std::move(*item);
}

// Writes the item (or deletes it when it was never more than an unanswered stranger's request)
// and pushes the change to the web user when the item is or was visible.
Result<void> PresenceService::save(std::string_view local, const RosterItem& item, bool visible_before,
                                   std::string_view status) {
  RosterUpdate u;
  if (item.hidden && item.state == SubState::none) {
    JG_CHECK(store_.remove(local, item.contact));
    if (visible_before) u.removed.push_back(item.contact);
  } else {
    JG_CHECK(store_.put(local, item, status));
    if (!item.hidden) u.items.push_back(item);
  }
  if (!u.items.empty() || !u.removed.empty()) sink_.roster(local, "", u);
  return Ok{};
}

// The stanzas and presence a transition asks for (subscription.hpp effects).
void PresenceService::apply(std::string_view local, const RosterItem& item, const Transition& t, SubEvent event) {
  auto contact = parse_jid(item.contact);
  if (!contact) return;
  if (t.effects.has(Effect::route)) sink_.send(write_presence(user_jid(local), *contact, stanza_type_of(event)));
  if (t.effects.has(Effect::reply_subscribed))
    sink_.send(write_presence(user_jid(local), *contact, PresenceType::subscribed));
  if (t.effects.has(Effect::send_presence) || t.effects.has(Effect::send_unavailable)) {
    const bool available = t.effects.has(Effect::send_presence);
    for (const auto& [resource, info] : state_.own_resources(local))
      sink_.send(available ? write_presence(user_jid(local, resource), *contact, PresenceType::available, &info, &s_.own_caps)
                           : write_presence(user_jid(local, resource), *contact, PresenceType::unavailable));
  }
  if (t.effects.has(Effect::forget_presence)) forget(local, item.contact);
}

Result<void> PresenceService::subscribe(std::string_view local, const Jid& contact, std::string_view name) {
  JG_CHECK(check_contact(local, contact));
  JG_TRY(auto found, store_.item(local, contact.bare().str()));
  if (!found) {
    JG_TRY(auto count, store_.count(local));
    if (count >= s_.max_roster_items)
      return fail(Errc::roster_full, std::to_string(s_.max_roster_items) + " roster items at most");
  }
  RosterItem item = found.value_or(RosterItem{contact.bare().str(), {}, SubState::none, false});
  const bool visible_before = found && !found->hidden;
  if (!name.empty()) item.name = std::string(name);
  item.hidden = false;  // asked for by the user: in the roster from now on
  const Transition t = next(item.state, SubEvent::out_subscribe);
  item.state = t.to;
  JG_CHECK(save(local, item, visible_before));
  apply(local, item, t, SubEvent::out_subscribe);
  return Ok{};
}

Result<void> PresenceService::unsubscribe(std::string_view local, const Jid& contact) {
  JG_CHECK(check_contact(local, contact));
  JG_TRY(RosterItem item, existing(local, contact));
  const Transition t = next(item.state, SubEvent::out_unsubscribe);
  item.state = t.to;
  JG_CHECK(save(local, item, !item.hidden));
  apply(local, item, t, SubEvent::out_unsubscribe);
  return Ok{};
}

Result<void> PresenceService::approve(std::string_view local, const Jid& contact) {
  JG_CHECK(check_contact(local, contact));
  JG_TRY(RosterItem item, existing(local, contact));
  if (!pending_in(item.state)) return fail(Errc::item_not_found, "no subscription request from " + item.contact);
  return accept_request(local, item, next(item.state, SubEvent::out_subscribed), {});
}

// Approval of a pending request, by the user or by auto_approve: the contact joins the roster.
Result<void> PresenceService::accept_request(std::string_view local, RosterItem& item, Transition t,
                                             std::string_view status) {
  const bool visible_before = !item.hidden;
  item.state = t.to;
  item.hidden = false;
  JG_CHECK(save(local, item, visible_before, status));
  apply(local, item, t, SubEvent::out_subscribed);
  return Ok{};
}

Result<void> PresenceService::deny(std::string_view local, const Jid& contact) {
  JG_CHECK(check_contact(local, contact));
  JG_TRY(RosterItem item, existing(local, contact));
  if (!pending_in(item.state) && !has_from(item.state))
    return fail(Errc::item_not_found, "no request or subscription from " + item.contact);
  const Transition t = next(item.state, SubEvent::out_unsubscribed);
  const bool visible_before = !item.hidden;
  item.state = t.to;
  JG_CHECK(save(local, item, visible_before));
  apply(local, item, t, SubEvent::out_unsubscribed);
  return Ok{};
}

Result<void> PresenceService::remove(std::string_view local, const Jid& contact) {
  JG_CHECK(check_contact(local, contact));
  JG_TRY(RosterItem item, existing(local, contact));
  // RFC 6121 §2.5.2: cancel both directions as needed, then the item is gone.
  const Jid contact_bare = contact.bare();
  const Jid from = user_jid(local);
  if (has_to(item.state) || pending_out(item.state))
    sink_.send(write_presence(from, contact_bare, PresenceType::unsubscribe));
  if (has_from(item.state) || pending_in(item.state)) {
    if (has_from(item.state))
      for (const auto& [resource, info] : state_.own_resources(local))
        sink_.send(write_presence(user_jid(local, resource), contact_bare, PresenceType::unavailable));
    sink_.send(write_presence(from, contact_bare, PresenceType::unsubscribed));
  }
  JG_CHECK(store_.remove(local, item.contact));
  forget(local, item.contact);
  if (!item.hidden) {
    RosterUpdate u;
    u.removed.push_back(item.contact);
    sink_.roster(local, "", u);
  }
  return Ok{};
}

Result<std::vector<RosterItem>> PresenceService::roster(std::string_view local) {
  JG_TRY(auto items, store_.items(local));
  std::erase_if(items, [](const RosterItem& i) { return i.hidden; });
  return items;
}

Result<Directory> PresenceService::directory(std::string_view local) {
  std::vector<RosterItem> items;
  if (s_.directory == DirectoryMode::contacts) {
    JG_TRY(items, store_.items(local));
  }
  return directory_for(s_.directory, local, s_.domain, state_, items, s_.directory_limit);
}

void PresenceService::link_up() {
  up_ = true;
  // The server keeps no presence of ours across its restart (reliability notes §11): tell every
  // subscriber again and ask every contact again, for every connected web user (G12).
  for (const auto& local : state_.online_users()) {
    auto items = store_.items(local);
    if (!items) {
      ++stats_.store_errors;
      continue;
    }
    for (const auto& [resource, info] : state_.own_resources(local)) announce(local, resource, *items, PresenceType::available);
    probe(local, *items);
  }
}

void PresenceService::link_down() {
  up_ = false;
  // Nobody can be called while the server is away; the probes after link_up() bring them back.
  for (const auto& local : state_.online_users()) {
    for (const auto& [full, r] : state_.contacts(local)) {
      ContactUpdate u;
      u.from = full;
      sink_.contact(local, "", u);
    }
    state_.drop_contacts(local);
  }
}

}  // namespace jinglegate::presence

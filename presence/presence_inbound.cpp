// Presence service, XMPP side: contacts' presence and caps, inbound subscription stanzas, probes
// (RFC 6121 §3.1.3, §3.2.3, §3.3.3, §4.3.2, §4.4.3; XEP-0115 §6).
#include "presence/presence_service.hpp"

#include "jingle/xml/xml_reader.hpp"
#include "jingle/xml/xml_writer.hpp"

namespace jinglegate::presence {

Result<void> PresenceService::on_stanza(const PresenceStanza& p) {
  if (p.to.local.empty()) return Ok{};  // to the component itself: it has no presence to share
  switch (p.type) {
    case PresenceType::available:
    case PresenceType::unavailable: return on_contact_presence(p);
    case PresenceType::subscribe: return on_subscription(p, SubEvent::in_subscribe);
    case PresenceType::subscribed: return on_subscription(p, SubEvent::in_subscribed);
    case PresenceType::unsubscribe: return on_subscription(p, SubEvent::in_unsubscribe);
    case PresenceType::unsubscribed: return on_subscription(p, SubEvent::in_unsubscribed);
    case PresenceType::probe: return on_probe(p);
    case PresenceType::error: return Ok{};  // never answered (RFC 6120 §8.3.1)
  }
  return Ok{};
}

ContactUpdate PresenceService::update_of(const std::string& full, const ContactResource& r) {
  ContactUpdate u;
  u.from = full;
  u.available = true;
  u.info = r.info;
  u.caps = resolve_caps(r.caps, full);
  return u;
}

// Known capabilities, or nullopt after starting what will learn them (the store, then disco#info).
std::optional<Capabilities> PresenceService::resolve_caps(const std::optional<CapsRef>& ref, const std::string& jid) {
  if (!ref) return Capabilities{};  // no <c/>: nothing advertised, nothing to ask (XEP-0115 is how clients say)
  if (auto known = caps_.find(*ref, jid)) return known;
  if (const auto hash = parse_caps_hash(ref->hash)) {
    auto stored = store_.caps(ref->hash, ref->ver);
    if (!stored) ++stats_.store_errors;
    if (stored && *stored) {
      // Verified before it was stored; verified again, so a tampered file cannot poison us.
      auto query = xml::parse(**stored);
      auto info = query ? read_disco_info(*query) : Result<DiscoInfo>(fail(Errc::bad_xml));
      if (info && caps_verify(*info, *hash, ref->ver)) {
        caps_.add_verified(*ref, *info);
        return capabilities_of(*info);
      }
    }
  }
  if (auto q = caps_.want(*ref, jid, now_)) {
    ++stats_.caps_queries;
    sink_.query_caps(*q);
  }
  return std::nullopt;
}

Result<void> PresenceService::on_contact_presence(const PresenceStanza& p) {
  const std::string& local = p.to.local;
  const bool for_one = !p.to.resource.empty();
  if (!state_.online(local) || (for_one && !state_.own(local, p.to.resource))) {
    ++stats_.presence_ignored;  // nobody here to tell
    return Ok{};
  }
  JG_TRY(auto item, store_.item(local, p.from.bare().str()));
  if (!item || !has_to(item->state)) {
    ++stats_.presence_ignored;  // only contacts the user subscribed to are tracked
    return Ok{};
  }
  const std::string full = p.from.str();
  if (p.type == PresenceType::unavailable) {
    if (state_.remove_contact(local, p.from)) {
      ContactUpdate u;
      u.from = full;
      sink_.contact(local, "", u);
    }
    return Ok{};
  }
  ContactResource r{p.info, p.caps};
  switch (state_.set_contact(local, p.from, r)) {
    case PresenceState::Update::refused: ++stats_.presence_refused; return Ok{};
    case PresenceState::Update::unchanged: return Ok{};
    default: break;
  }
  sink_.contact(local, "", update_of(full, r));
  return Ok{};
}

Result<void> PresenceService::on_subscription(const PresenceStanza& p, SubEvent event) {
  const std::string& local = p.to.local;
  const Jid contact = p.from.bare();
  JG_TRY(bool known_user, store_.has_user(local));
  if (!known_user) {
    // RFC 6121 §3.1.3: a request to an account that does not exist is answered unsubscribed.
    if (event == SubEvent::in_subscribe) sink_.send(write_presence(user_jid(local), contact, PresenceType::unsubscribed));
    return Ok{};
  }
  JG_TRY(auto found, store_.item(local, contact.str()));
  if (!found && event != SubEvent::in_subscribe) return Ok{};  // "None": no state change (Appendix A.3)
  if (!found) {
    JG_TRY(auto hidden, store_.hidden_count(local));
    JG_TRY(auto count, store_.count(local));
    if (hidden >= s_.max_pending_requests || count >= s_.max_roster_items) {
      ++stats_.requests_refused;
      return fail(Errc::roster_full, "too many pending requests");
    }
  }
  RosterItem item = found.value_or(RosterItem{contact.str(), {}, SubState::none, true});
  const bool visible_before = found && !found->hidden;
  const Transition t = next(item.state, event);
  if (t.effects.has(Effect::ask_user) && s_.auto_approve) {
    item.state = t.to;
    return accept_request(local, item, next(t.to, SubEvent::out_subscribed), p.info.status);
  }
  item.state = t.to;
  if (t.changed()) JG_CHECK(save(local, item, visible_before, p.info.status));
  if (t.effects.has(Effect::ask_user)) sink_.request(local, "", PendingRequest{item.contact, p.info.status});
  apply(local, item, t, event);
  return Ok{};
}

Result<void> PresenceService::on_probe(const PresenceStanza& p) {
  JG_TRY(auto item, store_.item(p.to.local, p.from.bare().str()));
  std::optional<SubState> state;
  if (item) state = item->state;
  for (auto& stanza : answer_probe(p.from, p.to, state, state_.own_resources(p.to.local), s_.own_caps))
    sink_.send(std::move(stanza));
  return Ok{};
}

void PresenceService::caps_answer(const CapsQuery& query, const Result<DiscoInfo>& info) {
  const auto a = caps_.answer(query, info, now_);
  switch (a.outcome) {
    case CapsCache::Outcome::verified:
      ++stats_.caps_verified;
      if (!store_.put_caps(a.ref.hash, a.ref.ver, xml::to_string(write_disco_info(*info)))) ++stats_.store_errors;
      refresh_caps(a.ref, {});
      break;
    case CapsCache::Outcome::jid_only:
      ++stats_.caps_unverified;
      refresh_caps(a.ref, query.jid);
      break;
    case CapsCache::Outcome::failed: ++stats_.caps_failed; break;
    case CapsCache::Outcome::stale: break;
  }
  if (a.next) {
    ++stats_.caps_queries;
    sink_.query_caps(*a.next);
  }
}

// Capabilities became known: every web user who sees a resource advertising them hears again.
void PresenceService::refresh_caps(const CapsRef& ref, const std::string& only_jid) {
  for (const auto& local : state_.online_users())
    for (const auto& [full, r] : state_.contacts(local))
      if (r.caps == ref && (only_jid.empty() || full == only_jid)) sink_.contact(local, "", update_of(full, r));
}

}  // namespace jinglegate::presence

// Presence held by the component (RFC 6121 §4): own and contacts' presence, stanzas, probe answers.
#include "presence/presence_state.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "jingle/xml/ns.hpp"

namespace jinglegate::presence {

namespace {
constexpr std::array<std::string_view, 5> kShowNames{"", "away", "chat", "dnd", "xa"};
constexpr std::array<std::string_view, 8> kTypeNames{"",          "unavailable",  "subscribe", "subscribed",
                                                     "unsubscribe", "unsubscribed", "probe",     "error"};

// Cuts at `max` bytes without splitting a UTF-8 sequence (the reader guarantees valid UTF-8).
std::string cut_utf8(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

std::string status_of(const xml::Element& stanza) {
  const xml::Element* chosen = nullptr;
  for (const auto& c : stanza.children) {
    if (!c.is("status", stanza.ns)) continue;
    if (!c.attr("xml:lang")) return cut_utf8(c.text, kMaxStatusBytes);
    if (!chosen) chosen = &c;
  }
  return chosen ? cut_utf8(chosen->text, kMaxStatusBytes) : std::string();
}

int priority_of(const xml::Element& stanza) {
  const xml::Element* p = stanza.child("priority", stanza.ns);
  if (!p) return 0;
  long v = 0;
  const char* end = p->text.data() + p->text.size();
  if (std::from_chars(p->text.data(), end, v).ptr != end) return 0;
  return static_cast<int>(std::clamp(v, -128L, 127L));
}
}  // namespace

std::string_view name_of(Show s) { return kShowNames[static_cast<std::size_t>(s)]; }
std::string_view name_of(PresenceType t) { return kTypeNames[static_cast<std::size_t>(t)]; }

std::optional<Show> parse_show(std::string_view s) {
  for (std::size_t i = 0; i < kShowNames.size(); ++i)
    if (kShowNames[i] == s) return static_cast<Show>(i);
  return std::nullopt;
}

std::optional<PresenceType> parse_presence_type(std::string_view s) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i)
    if (kTypeNames[i] == s) return static_cast<PresenceType>(i);
  return std::nullopt;
}

Result<PresenceStanza> read_presence(const xml::Element& stanza) {
  if (stanza.name != "presence") return fail(Errc::bad_request, "not a presence");
  PresenceStanza p;
  const auto type = parse_presence_type(stanza.attr_or("type"));
  if (!type) return fail(Errc::bad_request, "unknown presence type");
  p.type = *type;
  JG_TRY(p.from, parse_jid(stanza.attr_or("from")));
  JG_TRY(p.to, parse_jid(stanza.attr_or("to")));
  if (const auto* show = stanza.child("show", stanza.ns)) p.info.show = parse_show(show->text).value_or(Show::available);
  p.info.status = status_of(stanza);
  p.info.priority = priority_of(stanza);
  p.caps = read_caps(stanza);
  return p;
}

xml::Element write_presence(const Jid& from, const Jid& to, PresenceType type, const PresenceInfo* info,
                            const CapsRef* caps) {
  const std::string stanza_ns(ns::component_accept);
  xml::Element p("presence", stanza_ns);
  p.set_attr("from", from.str());
  p.set_attr("to", to.str());
  if (type != PresenceType::available) p.set_attr("type", std::string(name_of(type)));
  if (info) {
    if (info->show != Show::available) p.add("show", stanza_ns).text = std::string(name_of(info->show));
    if (!info->status.empty()) p.add("status", stanza_ns).text = info->status;
    if (info->priority != 0) p.add("priority", stanza_ns).text = std::to_string(info->priority);
  }
  if (caps) p.add(write_caps(*caps));
  return p;
}

void PresenceState::set_own(std::string_view local, std::string_view resource, PresenceInfo info) {
  auto it = own_.find(local);
  if (it == own_.end()) it = own_.emplace(std::string(local), std::map<std::string, PresenceInfo>{}).first;
  it->second[std::string(resource)] = std::move(info);
}

void PresenceState::remove_own(std::string_view local, std::string_view resource) {
  auto it = own_.find(local);
  if (it == own_.end()) return;
  it->second.erase(std::string(resource));
  if (it->second.empty()) own_.erase(it);
}

const PresenceInfo* PresenceState::own(std::string_view local, std::string_view resource) const {
  auto it = own_.find(local);
  if (it == own_.end()) return nullptr;
  auto r = it->second.find(std::string(resource));
  return r == it->second.end() ? nullptr : &r->second;
}

std::vector<std::pair<std::string, PresenceInfo>> PresenceState::own_resources(std::string_view local) const {
  std::vector<std::pair<std::string, PresenceInfo>> out;
  if (auto it = own_.find(local); it != own_.end()) out.assign(it->second.begin(), it->second.end());
  return out;
}

bool PresenceState::online(std::string_view local) const { return own_.find(local) != own_.end(); }

std::vector<std::string> PresenceState::online_users() const {
  std::vector<std::string> out;
  out.reserve(own_.size());
  for (const auto& [local, resources] : own_) out.push_back(local);
  return out;
}

PresenceState::Update PresenceState::set_contact(std::string_view local, const Jid& contact, ContactResource r) {
  auto vit = views_.find(local);
  if (vit == views_.end()) vit = views_.emplace(std::string(local), View{}).first;
  View& view = vit->second;
  const std::string bare = contact.bare().str();
  auto cit = view.by_contact.find(bare);
  if (cit != view.by_contact.end()) {
    if (auto rit = cit->second.find(contact.resource); rit != cit->second.end()) {
      if (rit->second == r) return Update::unchanged;
      rit->second = std::move(r);
      return Update::changed;
    }
    if (cit->second.size() >= limits_.max_resources_per_contact) return Update::refused;
  }
  if (view.total >= limits_.max_resources_per_user) return Update::refused;
  if (cit == view.by_contact.end()) cit = view.by_contact.emplace(bare, std::map<std::string, ContactResource>{}).first;
  cit->second.emplace(contact.resource, std::move(r));
  ++view.total;
  return Update::added;
}

bool PresenceState::remove_contact(std::string_view local, const Jid& contact) {
  auto vit = views_.find(local);
  if (vit == views_.end()) return false;
  auto cit = vit->second.by_contact.find(contact.bare().str());
  if (cit == vit->second.by_contact.end() || cit->second.erase(contact.resource) == 0) return false;
  --vit->second.total;
  if (cit->second.empty()) vit->second.by_contact.erase(cit);
  return true;
}

std::vector<std::string> PresenceState::remove_contact_all(std::string_view local, std::string_view bare) {
  std::vector<std::string> removed;
  auto vit = views_.find(local);
  if (vit == views_.end()) return removed;
  auto cit = vit->second.by_contact.find(bare);
  if (cit == vit->second.by_contact.end()) return removed;
  for (const auto& [resource, r] : cit->second)
    removed.push_back(resource.empty() ? std::string(bare) : std::string(bare) + "/" + resource);
  vit->second.total -= cit->second.size();
  vit->second.by_contact.erase(cit);
  return removed;
}

void PresenceState::drop_contacts(std::string_view local) {
  if (auto it = views_.find(local); it != views_.end()) views_.erase(it);
}

std::vector<std::pair<std::string, ContactResource>> PresenceState::contacts(std::string_view local) const {
  std::vector<std::pair<std::string, ContactResource>> out;
  auto vit = views_.find(local);
  if (vit == views_.end()) return out;
  for (const auto& [bare, resources] : vit->second.by_contact)
    for (const auto& [resource, r] : resources) out.emplace_back(resource.empty() ? bare : bare + "/" + resource, r);
  return out;
}

std::size_t PresenceState::contact_count(std::string_view local) const {
  auto vit = views_.find(local);
  return vit == views_.end() ? 0 : vit->second.total;
}

std::vector<xml::Element> answer_probe(const Jid& prober, const Jid& user, std::optional<SubState> item_state,
                                       const std::vector<std::pair<std::string, PresenceInfo>>& resources,
                                       const CapsRef& our_caps) {
  const Jid bare = user.bare();
  if (!item_state || !has_from(*item_state)) return {write_presence(bare, prober, PresenceType::unsubscribed)};
  std::vector<xml::Element> out;
  for (const auto& [resource, info] : resources) {
    if (!user.resource.empty() && resource != user.resource) continue;
    out.push_back(write_presence(Jid{bare.local, bare.domain, resource}, prober, PresenceType::available, &info,
                                 &our_caps));
  }
  if (out.empty()) out.push_back(write_presence(bare, prober, PresenceType::unavailable));
  return out;
}

}  // namespace jinglegate::presence

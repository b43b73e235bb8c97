// XEP-0115 caps of our contacts: <c/>, call capability from features, and the verifying cache.
#include "presence/caps_cache.hpp"

#include <algorithm>

#include "jingle/xml/ns.hpp"

namespace jinglegate::presence {

namespace {
bool verifiable(const CapsRef& ref) { return !ref.legacy() && parse_caps_hash(ref.hash).has_value(); }

template <class Map>
void bound(Map& m, std::size_t max) {
  // Any entry will do: a dropped one is asked again when it is next advertised.
  while (m.size() > max) m.erase(m.begin());
}
}  // namespace

Capabilities capabilities_of(const DiscoInfo& info) {
  // XEP-0167 §11 / XEP-0176 §12 / XEP-0320 §6: what a client must support to take a call from a
  // browser, which always uses ICE and DTLS-SRTP. Dino, Conversations and Monal advertise all of it.
  const bool jingle = info.has(ns::jingle) && info.has(ns::jingle_ice_udp) && info.has(ns::jingle_dtls);
  const bool rtp = jingle && info.has(ns::jingle_rtp);
  Capabilities c;
  c.audio = rtp && info.has(ns::jingle_rtp_audio);
  c.video = rtp && info.has(ns::jingle_rtp_video);
  c.data = jingle && (info.has(ns::jingle_sctp) || info.has(ns::jingle_dtls_sctp));
  c.jmi = info.has(ns::jingle_message);
  return c;
}

std::optional<CapsRef> read_caps(const xml::Element& presence) {
  const xml::Element* c = presence.child("c", ns::caps);
  if (!c) return std::nullopt;
  CapsRef ref{std::string(c->attr_or("node")), std::string(c->attr_or("ver")), std::string(c->attr_or("hash"))};
  if (ref.node.empty() || ref.ver.empty()) return std::nullopt;
  return ref;
}

xml::Element write_caps(const CapsRef& ref) {
  xml::Element c("c", std::string(ns::caps));
  if (!ref.hash.empty()) c.set_attr("hash", ref.hash);
  c.set_attr("node", ref.node);
  c.set_attr("ver", ref.ver);
  return c;
}

std::string CapsCache::key_of(const CapsRef& ref, std::string_view jid) {
  if (verifiable(ref)) return "h " + ref.hash + " " + ref.ver;
  return "j " + std::string(jid) + " " + ref.node + "#" + ref.ver;  // only this JID's word
}

const CapsCache::Known* CapsCache::lookup(const CapsRef& ref, std::string_view jid) const {
  if (verifiable(ref))
    if (auto it = verified_.find(key_of(ref, jid)); it != verified_.end()) return &it->second;
  if (auto it = by_jid_.find(jid); it != by_jid_.end() && it->second.ref == ref) return &it->second.known;
  return nullptr;
}

std::optional<Capabilities> CapsCache::find(const CapsRef& ref, std::string_view jid) const {
  if (const Known* k = lookup(ref, jid)) return k->caps;
  return std::nullopt;
}

const DiscoInfo* CapsCache::info(const CapsRef& ref, std::string_view jid) const {
  const Known* k = lookup(ref, jid);
  return k ? &k->info : nullptr;
}

std::optional<CapsQuery> CapsCache::ask(const std::string& key, Pending& p, std::string jid) {
  std::erase(p.candidates, jid);
  p.asked = std::move(jid);
  ++p.attempts;
  return CapsQuery{p.asked, p.ref.node + "#" + p.ref.ver, key};
}

std::optional<CapsQuery> CapsCache::want(const CapsRef& ref, std::string_view jid, TimePoint now) {
  const std::string key = key_of(ref, jid);
  auto it = pending_.find(key);
  if (it == pending_.end()) {
    if (pending_.size() >= s_.max_pending) return std::nullopt;  // resolved later, when advertised again
    it = pending_.emplace(key, Pending{ref, {}, {}, 0, {}}).first;
    return ask(key, it->second, std::string(jid));
  }
  Pending& p = it->second;
  if (p.asked.empty() && now >= p.retry_at) {
    if (p.attempts >= s_.max_attempts) p.attempts = 0;  // a new window after backing off
    return ask(key, p, std::string(jid));
  }
  if (p.asked != jid && p.candidates.size() < s_.max_candidates &&
      std::find(p.candidates.begin(), p.candidates.end(), jid) == p.candidates.end())
    p.candidates.emplace_back(jid);
  return std::nullopt;
}

std::optional<CapsQuery> CapsCache::after_failure(const std::string& key, Pending& p, TimePoint now) {
  if (p.attempts < s_.max_attempts && !p.candidates.empty()) return ask(key, p, p.candidates.front());
  p.retry_at = now + s_.retry_after;
  return std::nullopt;
}

CapsCache::Answer CapsCache::answer(const CapsQuery& query, const Result<DiscoInfo>& info, TimePoint now) {
  auto it = pending_.find(query.key);
  if (it == pending_.end() || it->second.asked != query.jid) return {};
  Pending& p = it->second;
  p.asked.clear();
  Answer out;
  out.ref = p.ref;
  if (!info.ok()) {
    out.outcome = Outcome::failed;
    // Silence may be passing (a client busy reconnecting): the same JID may be asked again later.
    if (p.candidates.size() < s_.max_candidates) p.candidates.push_back(query.jid);
    out.next = after_failure(query.key, p, now);
    return out;
  }
  const Capabilities caps = capabilities_of(*info);
  if (verifiable(p.ref) && caps_verify(*info, *parse_caps_hash(p.ref.hash), p.ref.ver)) {
    verified_[query.key] = Known{caps, *info};
    bound(verified_, s_.max_verified);
    out.outcome = Outcome::verified;
    pending_.erase(it);
    return out;
  }
  by_jid_[query.jid] = JidCaps{p.ref, Known{caps, *info}};
  bound(by_jid_, s_.max_unverified);
  out.outcome = Outcome::jid_only;
  if (!verifiable(p.ref)) {
    pending_.erase(it);  // a legacy ver is only ever this JID's business
    return out;
  }
  out.next = after_failure(query.key, p, now);
  return out;
}

std::vector<CapsQuery> CapsCache::due(TimePoint now) {
  std::vector<CapsQuery> out;
  for (auto it = pending_.begin(); it != pending_.end();) {
    Pending& p = it->second;
    if (!p.asked.empty() || now < p.retry_at) {
      ++it;
    } else if (p.candidates.empty()) {
      it = pending_.erase(it);  // nobody left who advertises it
    } else {
      if (p.attempts >= s_.max_attempts) p.attempts = 0;
      out.push_back(*ask(it->first, p, p.candidates.front()));
      ++it;
    }
  }
  return out;
}

void CapsCache::add_verified(const CapsRef& ref, const DiscoInfo& info) {
  if (!verifiable(ref)) return;
  verified_[key_of(ref, {})] = Known{capabilities_of(info), info};
  bound(verified_, s_.max_verified);
  pending_.erase(key_of(ref, {}));
}

void CapsCache::forget_jid(std::string_view jid) {
  if (auto it = by_jid_.find(jid); it != by_jid_.end()) by_jid_.erase(it);
  for (auto it = pending_.begin(); it != pending_.end();) {
    std::erase(it->second.candidates, jid);
    const bool own = !verifiable(it->second.ref) && it->first.rfind("j " + std::string(jid) + " ", 0) == 0;
    if (own && it->second.asked.empty()) it = pending_.erase(it);
    else ++it;
  }
}

}  // namespace jinglegate::presence

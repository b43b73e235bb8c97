// The bridge's SDP <-> Jingle bookkeeping: browser-ordered SDP, re-offer diffs, description edits.
#include "component/bridge/description.hpp"

#include <algorithm>

namespace jinglegate::component::bridge {

namespace sdp = jingle::sdp;

namespace {

bool contains(const Names& names, const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); }

const sdp::Media* find_mid(const sdp::Session& s, const std::string& mid) {
  for (const auto& m : s.media)
    if (m.mid == mid) return &m;
  return nullptr;
}

// The browser's own section, rejected: what a port-0 answer or offer section may hold (JSEP
// §5.3.1: the same media and mid). Its ICE and DTLS lines are the description's (`tag`, when
// there is one), as Chromium writes them in its own rejected sections.
sdp::Media rejected_copy(const sdp::Media& m, const sdp::Media* tag) {
  sdp::Media r = m;
  if (tag) {
    r.ice_ufrag = tag->ice_ufrag;
    r.ice_pwd = tag->ice_pwd;
    r.ice_options = tag->ice_options;
    r.fingerprints = tag->fingerprints;
    r.setup = tag->setup;
  }
  r.port = 0;
  r.candidates.clear();
  r.end_of_candidates = false;
  r.direction = sdp::Direction::inactive;
  r.msids.clear();
  r.sources.clear();
  r.ssrc_groups.clear();
  r.rids.clear();
  r.simulcast.reset();
  r.bundle_only = false;
  return r;
}

// Orders `out`'s sections as `browser` has them, rejecting what `out` lacks; new ones go last.
void follow_browser_order(sdp::Session& out, const sdp::Session& browser) {
  std::vector<sdp::Media> ordered;
  ordered.reserve(browser.media.size() + out.media.size());
  const sdp::Media* tag = nullptr;
  for (const auto& m : out.media)
    if (!tag && m.port != 0) tag = &m;
  for (const auto& bm : browser.media) {
    const sdp::Media* ours = bm.mid ? find_mid(out, *bm.mid) : nullptr;
    ordered.push_back(ours ? *ours : rejected_copy(bm, tag));
  }
  for (const auto& m : out.media)
    if (!m.mid || !find_mid(browser, *m.mid)) ordered.push_back(m);
  out.media = std::move(ordered);
  const Names rejected = rejected_mids(out);
  for (auto& g : out.groups) std::erase_if(g.mids, [&](const std::string& mid) { return contains(rejected, mid); });
  std::erase_if(out.groups, [](const sdp::Group& g) { return g.mids.empty(); });
}

const jingle::IceUdpTransport* ice_of(const jingle::Content& c) { return std::get_if<jingle::IceUdpTransport>(&c.transport); }

// The credentials a content of `desc` uses: its own, or (a bundled stub) the first content's that has some.
std::string ufrag_of(const jingle::Jingle& desc, const std::string& name) {
  for (const auto& c : desc.contents)
    if (c.name == name)
      if (const auto* t = ice_of(c); t && !t->ufrag.empty()) return t->ufrag;
  for (const auto& c : desc.contents)
    if (const auto* t = ice_of(c); t && !t->ufrag.empty()) return t->ufrag;
  return {};
}

}  // namespace

Result<std::string> browser_sdp(const jingle::Jingle& desc, const sdp::Session* browser, const BrowserSdpOptions& o) {
  jingle::ToSdpOptions to;
  to.author = o.author;
  to.origin_session_id = o.origin_id;
  to.origin_version = o.origin_version;
  JG_TRY(auto session, jingle::to_sdp(desc, to));
  if (browser) follow_browser_order(session, *browser);
  std::string text = sdp::write_sdp(session);
  if (auto reread = sdp::parse_sdp(text); !reread)
    return fail(Errc::translation_failed, "the SDP would not parse: " + reread.error().detail, reread.error().line);
  return text;
}

Names rejected_mids(const sdp::Session& s) {
  Names out;
  for (const auto& m : s.media)
    if (m.port == 0 && m.mid) out.push_back(*m.mid);
  return out;
}

bool has_mid(const sdp::Session& s, const std::string& mid) { return find_mid(s, mid) != nullptr; }

OfferChange diff_offer(const sdp::Session& before, const sdp::Session& after) {
  OfferChange c;
  for (const auto& m : after.media) {
    if (!m.mid) continue;
    const sdp::Media* old = find_mid(before, *m.mid);
    if (!old) {
      if (m.port != 0) c.added.push_back(*m.mid);
      continue;
    }
    if (old->port != 0 && m.port == 0) {
      c.removed.push_back(*m.mid);
      continue;
    }
    if (m.port == 0) continue;
    if (sdp::effective_direction(before, *old) != sdp::effective_direction(after, m)) c.modified.push_back(*m.mid);
    if (sdp::effective_ice_ufrag(before, *old) != sdp::effective_ice_ufrag(after, m)) c.ice_restart = true;
  }
  return c;
}

jingle::Jingle pick_contents(const jingle::Jingle& j, const Names& names) {
  jingle::Jingle out = j;
  std::erase_if(out.contents, [&](const jingle::Content& c) { return !contains(names, c.name); });
  return out;
}

jingle::Jingle drop_contents(const jingle::Jingle& j, const Names& names) {
  jingle::Jingle out = j;
  std::erase_if(out.contents, [&](const jingle::Content& c) { return contains(names, c.name); });
  for (auto& g : out.groups) std::erase_if(g.contents, [&](const std::string& n) { return contains(names, n); });
  std::erase_if(out.groups, [](const jingle::Group& g) { return g.contents.empty(); });
  return out;
}

void merge_contents(jingle::Jingle& desc, const jingle::Jingle& add) {
  for (const auto& c : add.contents) {
    auto it = std::find_if(desc.contents.begin(), desc.contents.end(), [&](const auto& d) { return d.name == c.name; });
    if (it != desc.contents.end()) *it = c;
    else desc.contents.push_back(c);
  }
  if (!add.groups.empty()) desc.groups = add.groups;
}

void set_creators(jingle::Jingle& j, const std::map<std::string, jingle::Creator>& creators, jingle::Creator fallback) {
  for (auto& c : j.contents) {
    auto it = creators.find(c.name);
    c.creator = it == creators.end() ? fallback : it->second;
  }
}

Names content_names(const jingle::Jingle& j) {
  Names out;
  for (const auto& c : j.contents) out.push_back(c.name);
  return out;
}

Names restarted(const jingle::Jingle& desc, const jingle::Jingle& transport) {
  Names out;
  for (const auto& c : transport.contents) {
    const auto* t = ice_of(c);
    if (!t || t->ufrag.empty()) continue;
    const std::string current = ufrag_of(desc, c.name);
    if (!current.empty() && current != t->ufrag) out.push_back(c.name);
  }
  return out;
}

void apply_transports(jingle::Jingle& desc, const jingle::Jingle& transport, const Names& names) {
  for (const auto& c : transport.contents) {
    if (!contains(names, c.name)) continue;
    const auto* t = ice_of(c);
    if (!t) continue;
    for (auto& d : desc.contents) {
      if (d.name != c.name) continue;
      auto* mine = std::get_if<jingle::IceUdpTransport>(&d.transport);
      if (!mine) {
        d.transport = *t;
        continue;
      }
      mine->ufrag = t->ufrag;
      mine->pwd = t->pwd;
      if (!t->fingerprints.empty()) mine->fingerprints = t->fingerprints;
      mine->candidates = t->candidates;
      mine->gathering_complete = false;
    }
  }
}

Result<jingle::Jingle> credentials_of(const sdp::Session& s, const Names& names, const jingle::ToJingleOptions& options) {
  JG_TRY(auto j, jingle::to_jingle(s, options));
  j = pick_contents(j, names);
  j.groups.clear();
  std::erase_if(j.unknown.children, [](const xml::Element&) { return true; });
  for (auto& c : j.contents) {
    c.description = std::monostate{};
    c.unknown = {};
    c.senders = jingle::Senders::both;
    if (auto* t = std::get_if<jingle::IceUdpTransport>(&c.transport)) {
      t->candidates.clear();
      t->gathering_complete = false;
    }
  }
  return j;
}

void apply_senders(jingle::Jingle& desc, const jingle::Jingle& modify) {
  for (const auto& m : modify.contents)
    for (auto& d : desc.contents)
      if (d.name == m.name) d.senders = m.senders;
}

}  // namespace jinglegate::component::bridge

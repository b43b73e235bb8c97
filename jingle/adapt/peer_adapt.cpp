// Per-client adaptations of Jingle (issue 9): small rewrites of what we send and receive.
#include "jingle/adapt/peer_adapt.hpp"

#include <algorithm>

namespace jinglegate::jingle::adapt {

namespace {

IceUdpTransport* ice_of(Content& c) { return std::get_if<IceUdpTransport>(&c.transport); }

bool is_udp(const IceCandidate& c) {
  return c.protocol.size() == 3 && (c.protocol[0] | 0x20) == 'u' && (c.protocol[1] | 0x20) == 'd' &&
         (c.protocol[2] | 0x20) == 'p';
}

template <typename Pred>
std::size_t drop_candidates(Jingle& j, Pred drop) {
  std::size_t n = 0;
  for (auto& content : j.contents)
    if (auto* t = ice_of(content)) n += std::erase_if(t->candidates, drop);
  return n;
}

const Content* find_content(const Jingle& j, const std::string& name) {
  for (const auto& c : j.contents)
    if (c.name == name) return &c;
  return nullptr;
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

std::size_t keep_udp_candidates(Jingle& j) {
  std::size_t dropped = 0;
  std::erase_if(j.contents, [&](Content& content) {
    auto* t = ice_of(content);
    if (!t) return false;
    const bool had = !t->candidates.empty();
    dropped += std::erase_if(t->candidates, [](const IceCandidate& c) { return !is_udp(c); });
    return j.action == Action::transport_info && had && t->candidates.empty();
  });
  return dropped;
}

std::vector<Jingle> one_content_per_transport_info(Jingle j) {
  if (j.action != Action::transport_info || j.contents.size() <= 1) return {std::move(j)};
  std::vector<Jingle> out;
  auto contents = std::move(j.contents);
  for (auto& content : contents) {
    Jingle one = j;
    one.contents = {std::move(content)};
    out.push_back(std::move(one));
  }
  return out;
}

void drop_groups(Jingle& j) { j.groups.clear(); }

void drop_network_cost(Jingle& j) {
  for (auto& content : j.contents)
    if (auto* t = ice_of(content))
      for (auto& c : t->candidates) c.network_cost.reset();
}

void keep_declined_contents(Jingle& accept, const Jingle& offer, const std::vector<std::string>& declined) {
  const IceUdpTransport* bundled = nullptr;
  for (auto& c : accept.contents)
    if (const auto* t = ice_of(c); t && !bundled) bundled = t;
  if (!bundled || declined.empty()) return;
  IceUdpTransport stub = *bundled;
  stub.candidates.clear();
  stub.remote_candidate.reset();
  stub.gathering_complete = false;
  std::vector<Content> ordered;
  for (const auto& o : offer.contents) {
    if (const Content* a = find_content(accept, o.name)) {
      ordered.push_back(*a);
    } else if (contains(declined, o.name)) {
      Content c;
      c.creator = o.creator;
      c.name = o.name;
      c.senders = Senders::none;
      c.disposition = o.disposition;
      c.description = o.description;
      c.transport = stub;
      ordered.push_back(std::move(c));
    }
  }
  for (const auto& a : accept.contents)  // contents the offer does not name stay, last
    if (!find_content(offer, a.name)) ordered.push_back(a);
  accept.contents = std::move(ordered);
  for (auto& g : accept.groups) {
    const auto offered = std::find_if(offer.groups.begin(), offer.groups.end(),
                                      [&](const Group& og) { return og.semantics == g.semantics; });
    if (offered == offer.groups.end()) continue;
    std::vector<std::string> names;
    for (const auto& name : offered->contents)
      if (contains(g.contents, name) || contains(declined, name)) names.push_back(name);
    g.contents = std::move(names);
  }
}

std::size_t drop_rtcp_candidates(Jingle& j) {
  return drop_candidates(j, [](const IceCandidate& c) { return c.component != 1; });
}

void drop_sdes(Jingle& j) {
  for (auto& content : j.contents)
    if (auto* d = std::get_if<RtpDescription>(&content.description)) d->encryption.reset();
}

void session_accept_as_content_accept(Jingle& j) {
  if (j.action == Action::session_accept) j.action = Action::content_accept;
}

}  // namespace jinglegate::jingle::adapt

// The directory of online web users per [presence] directory: off, contacts or domain.
#include "presence/discovery.hpp"

#include <algorithm>
#include <array>

namespace jinglegate::presence {

namespace {
constexpr std::array<std::string_view, 3> kModeNames{"off", "contacts", "domain"};

DirectoryEntry entry_of(const PresenceState& state, const std::string& local, std::string_view domain) {
  DirectoryEntry e{local + "@" + std::string(domain), {}};
  for (const auto& [resource, info] : state.own_resources(local)) e.resources.push_back(resource);
  return e;
}
}  // namespace

std::string_view name_of(DirectoryMode m) { return kModeNames[static_cast<std::size_t>(m)]; }

std::optional<DirectoryMode> parse_directory_mode(std::string_view s) {
  for (std::size_t i = 0; i < kModeNames.size(); ++i)
    if (kModeNames[i] == s) return static_cast<DirectoryMode>(i);
  return std::nullopt;
}

Directory directory_for(DirectoryMode mode, std::string_view asker, std::string_view domain,
                        const PresenceState& state, const std::vector<RosterItem>& roster, std::size_t limit) {
  Directory d;
  d.mode = mode;
  auto add = [&](const std::string& local) {
    if (local == asker || !state.online(local)) return;
    if (d.users.size() >= limit) {
      d.truncated = true;
      return;
    }
    d.users.push_back(entry_of(state, local, domain));
  };
  if (mode == DirectoryMode::domain) {
    for (const auto& local : state.online_users()) add(local);
  } else if (mode == DirectoryMode::contacts) {
    // Roster items are sorted by contact, so the users come out sorted by JID as well.
    const std::string suffix = "@" + std::string(domain);
    for (const auto& item : roster) {
      if (item.hidden || !has_to(item.state)) continue;
      const auto& c = item.contact;
      if (c.size() > suffix.size() && c.compare(c.size() - suffix.size(), suffix.size(), suffix) == 0)
        add(c.substr(0, c.size() - suffix.size()));
    }
  }
  std::sort(d.users.begin(), d.users.end(), [](const auto& a, const auto& b) { return a.jid < b.jid; });
  return d;
}

}  // namespace jinglegate::presence

// Who can I call? The directory of online web users of the component's domain, as [presence]
// directory configures it: off (nobody), contacts (the online web users whose presence the asker
// is subscribed to: 'to' or 'both' in its roster), or domain (every online web user).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "presence/presence_state.hpp"
#include "presence/roster_store.hpp"

namespace jinglegate::presence {

enum class DirectoryMode { off, contacts, domain };
std::string_view name_of(DirectoryMode m);
std::optional<DirectoryMode> parse_directory_mode(std::string_view s);

struct DirectoryEntry {
  std::string jid;                     // bare JID, local@domain
  std::vector<std::string> resources;  // connected resources
  friend bool operator==(const DirectoryEntry&, const DirectoryEntry&) = default;
};

struct Directory {
  DirectoryMode mode = DirectoryMode::off;
  std::vector<DirectoryEntry> users;  // sorted by JID, never the asker itself
  bool truncated = false;             // more than `limit` users matched
};

// The directory `asker` (a local part of `domain`) may see; `roster` is the asker's roster.
Directory directory_for(DirectoryMode mode, std::string_view asker, std::string_view domain,
                        const PresenceState& state, const std::vector<RosterItem>& roster, std::size_t limit);

}  // namespace jinglegate::presence

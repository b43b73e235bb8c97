// XEP-0167 §7 Jingle RTP informational messages (urn:xmpp:jingle:apps:rtp:info:1), the payload of
// a session-info: <active/>, <hold/>, <unhold/>, <mute creator='' name=''/>, <unmute/>, <ringing/>.
#pragma once

#include <optional>
#include <string>

#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

enum class InfoKind { active, hold, unhold, mute, unmute, ringing, unknown };

struct SessionInfo {
  InfoKind kind = InfoKind::ringing;
  std::optional<Creator> creator;  // mute/unmute: REQUIRED by the XEP, read leniently
  std::string name;                // mute/unmute: the content name, "" = all contents
  // kind == unknown: the payload element kept whole (another namespace or name), so the caller
  // can answer <unsupported-info/> (XEP-0166 §7.2) and a relay can pass it on.
  xml::Element payload;
  Unknown unknown;                 // attributes/children of a known payload we do not model
  friend bool operator==(const SessionInfo&, const SessionInfo&) = default;
};

// Any element: a known rtp:info payload is typed, anything else becomes InfoKind::unknown.
Result<SessionInfo> read_session_info(const xml::Element& e);
void write_session_info(xml::Writer& w, const SessionInfo& info);

std::string_view info_name(InfoKind k);  // "" for unknown

}  // namespace jinglegate::jingle

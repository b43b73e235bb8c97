// XEP-0166 Jingle: the <jingle/> element and its <content/>s, model, reader and writer — the entry
// points of the Jingle model (descriptions, transports, reasons and session-info come from the
// other xep*.hpp files).
//
//   <jingle xmlns='urn:xmpp:jingle:1' action='session-initiate' initiator='romeo@montague.lit/orchard'
//           sid='a73sjjvkla37jfea'>
//     <content creator='initiator' name='voice'>
//       <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'>…</description>
//       <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' …>…</transport>
//     </content>
//   </jingle>
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "jingle/xep0166_reason.hpp"
#include "jingle/xep0167_rtp.hpp"
#include "jingle/xep0167_rtp_info.hpp"
#include "jingle/xep0176_ice_udp.hpp"
#include "jingle/xep0338_grouping.hpp"
#include "jingle/xep_common.hpp"
#include "jingle/xml/xml_reader.hpp"

namespace jinglegate::jingle {

// XEP-0166 §7.2 actions, plus the Jitsi dialect's source-add / source-remove.
enum class Action {
  content_accept,
  content_add,
  content_modify,
  content_reject,
  content_remove,
  description_info,
  security_info,
  session_accept,
  session_info,
  session_initiate,
  session_terminate,
  transport_accept,
  transport_info,
  transport_reject,
  transport_replace,
  source_add,     // Jitsi
  source_remove,  // Jitsi
};

std::string_view action_name(Action a);
std::optional<Action> parse_action(std::string_view s);

// A <description/> we do not model (another application) is kept whole, as is a <transport/>.
using Description = std::variant<std::monostate, RtpDescription, xml::Element>;
using Transport = std::variant<std::monostate, IceUdpTransport, xml::Element>;

struct Content {
  // REQUIRED by the XEP; read as initiator when absent (Dino's reader does the same).
  Creator creator = Creator::initiator;
  std::string name;                  // REQUIRED
  Senders senders = Senders::both;   // absent = both; written only when not both
  std::string disposition;           // "" = absent (XEP default "session")
  // None for StanzaJS's data-channel content (no <description/> at all) and for transport-info.
  Description description;
  Transport transport;
  Unknown unknown;                   // e.g. XEP-0391 <security/>; a second description/transport
  friend bool operator==(const Content&, const Content&) = default;
};

struct Jingle {
  Action action = Action::session_initiate;
  std::string sid;                   // REQUIRED, non-empty
  // Full JIDs by the XEP, optional ("RECOMMENDED"); kept as written, so Movim's bare-JID
  // initiator is accepted. "" = absent.
  std::string initiator;
  std::string responder;
  std::vector<Content> contents;
  std::optional<Reason> reason;
  // The payload of a session-info (XEP-0167 §7 or anything else); only read for that action.
  // A session-info without payload is a ping (XEP-0166 §6.8).
  std::optional<SessionInfo> info;
  std::vector<Group> groups;         // XEP-0338
  Unknown unknown;
  friend bool operator==(const Jingle&, const Jingle&) = default;
};

Result<Content> read_content(const xml::Element& e);
void write_content(xml::Writer& w, const Content& c);

// `jingle_element` is the <jingle xmlns='urn:xmpp:jingle:1'/> element itself.
// Missing or bad required attributes → Errc::bad_jingle (detail names element and attribute);
// an action outside XEP-0166 and the Jitsi dialect → Errc::unknown_action.
Result<Jingle> read_jingle(const xml::Element& jingle_element);
void write_jingle(xml::Writer& w, const Jingle& j);
std::string to_xml(const Jingle& j);

// Parses a document whose root is <jingle/>, or whose root (an <iq/>) has a <jingle/> child.
Result<Jingle> parse_jingle(std::string_view xml);
// The same with a reader kept by the caller (saves creating an expat parser per call).
Result<Jingle> parse_jingle(std::string_view xml, xml::DocumentReader& reader);

}  // namespace jinglegate::jingle

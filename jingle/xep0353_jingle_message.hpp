// XEP-0353 Jingle Message Initiation (urn:xmpp:jingle-message:0): the <message/> payloads
// propose, ringing, proceed, accept, reject, retract and finish; model, reader and writer.
//
//   <propose xmlns='urn:xmpp:jingle-message:0' id='ca3cf894-…'>
//     <description xmlns='urn:xmpp:jingle:apps:rtp:1' media='audio'/>
//   </propose>
//   <reject xmlns='urn:xmpp:jingle-message:0' id='…'><reason xmlns='urn:xmpp:jingle:1'><busy/></reason></reject>
//   <finish xmlns='urn:xmpp:jingle-message:0' id='…'><reason …><expired/></reason><migrated to='…'/></finish>
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/xep0166_reason.hpp"
#include "jingle/xep0167_rtp.hpp"
#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

enum class JingleMessageKind { propose, ringing, proceed, accept, reject, retract, finish };

struct JingleMessage {
  JingleMessageKind kind = JingleMessageKind::propose;
  std::string id;                             // REQUIRED: the Jingle sid to be
  std::vector<RtpDescription> descriptions;   // propose: the RTP media offered (usually media='' only)
  std::optional<Reason> reason;               // reject, retract, finish
  bool tie_break = false;                     // reject/retract <tie-break/> (XEP-0353 §4.3)
  // finish <migrated to=''/>; Monal writes it in urn:xmpp:jingle:1, the XEP in jingle-message:0
  // (read both, the XEP form is written). "" = absent.
  std::string migrated_to;
  // Everything else, in order: Conversations' <device xmlns='…/omemo/dlts-srtp-verification'/> in
  // proceed, the empty RTP <description/> it puts in reject/retract, non-RTP descriptions, …
  Unknown unknown;
  friend bool operator==(const JingleMessage&, const JingleMessage&) = default;
};

std::string_view message_kind_name(JingleMessageKind k);
bool is_jingle_message(const xml::Element& message_child);

// `message_child` is the payload element itself, e.g. the <propose/> child of a <message/>.
// Not a urn:xmpp:jingle-message:0 payload → Errc::bad_jingle; missing id → Errc::bad_jingle.
Result<JingleMessage> read_jingle_message(const xml::Element& message_child);
void write_jingle_message(xml::Writer& w, const JingleMessage& m);
std::string to_xml(const JingleMessage& m);

}  // namespace jinglegate::jingle

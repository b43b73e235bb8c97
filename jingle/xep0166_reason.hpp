// XEP-0166 §7.4 Jingle <reason/>: model, reader and writer (also used by XEP-0353 messages).
//
//   <reason xmlns='urn:xmpp:jingle:1'><success/><text>Sorry, gotta go!</text></reason>
//   <reason><alternative-session><sid>b84tkkwlmb48kgfb</sid></alternative-session></reason>
//   <reason><expired/><tie-break xmlns='urn:xmpp:jingle:errors:1'/></reason>
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

// Every condition of XEP-0166 §7.4, in the XEP's order.
enum class ReasonCondition {
  alternative_session,
  busy,
  cancel,
  connectivity_error,
  decline,
  expired,
  failed_application,
  failed_transport,
  general_error,
  gone,
  incompatible_parameters,
  media_error,
  security_error,
  success,
  timeout,
  unsupported_applications,
  unsupported_transports,
};

struct Reason {
  // The XEP requires one condition; Dino can send a <reason/> with only <text/>, so it is optional
  // on read and written only when set.
  std::optional<ReasonCondition> condition;
  std::string alternative_sid;    // <alternative-session><sid/></alternative-session>
  std::string text;               // <text/>, as written
  std::string text_lang;          // its xml:lang, "" = absent
  // Application-specific conditions (children in other namespaces), in order: <tie-break/>,
  // XEP-0167's <invalid-crypto/>, …
  std::vector<xml::Element> app_conditions;
  Unknown unknown;                // attributes; Jingle-namespace children we do not know
  friend bool operator==(const Reason&, const Reason&) = default;
};

std::string_view condition_name(ReasonCondition c);
// Also accepts Dino's "failed_application" and "failed_transport" (underscores).
std::optional<ReasonCondition> parse_condition(std::string_view name);

Result<Reason> read_reason(const xml::Element& e);
void write_reason(xml::Writer& w, const Reason& r);

}  // namespace jinglegate::jingle

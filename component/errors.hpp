// The error registry: each Errc's faces — XMPP stanza error, JSON error code, log text.
//
// Everything that rejects input returns an Error; the edges turn it into a stanza error
// (component/xmpp), a JSON `error` message (component/web) or a log line through this table.
// docs/errors.md is generated from it (`jinglegate --print-errors`).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "jingle/error.hpp"

namespace jinglegate::component {

struct ErrorFace {
  Errc code;
  std::string_view xmpp_type;       // RFC 6120 §8.3.2: cancel, continue, modify, auth, wait
  std::string_view xmpp_condition;  // RFC 6120 §8.3.3 defined condition
  std::string_view app_ns;          // application-specific condition namespace, or ""
  std::string_view app_condition;   // e.g. "unknown-session" (XEP-0166 §10), or ""
  std::string_view json_code;       // the `code` of a JSON error message
  std::string_view text;            // a human sentence for logs and error text
};

// The whole registry, one entry per Errc, in enum order.
std::span<const ErrorFace> error_registry();
const ErrorFace& face(Errc code);

// "bad-sdp-line: m= needs 4 fields (line 7)" — for logs and JSON `message`.
std::string describe(const Error& e);

}  // namespace jinglegate::component

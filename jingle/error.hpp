// Errors as values: the project-wide error codes and a small expected-like Result<T>.
//
// Why not std::expected: g++ 12 builds it, but Debian's clang 14 (the compiler libFuzzer needs)
// cannot compile libstdc++'s <expected>, and the fuzzers must build the same sources.
// Every Errc has exactly one entry in the registry (component/errors.cpp) giving its XMPP
// stanza error, its JSON error code and its log text; a test walks that registry.
#pragma once

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace jinglegate {

enum class Errc {
  // --- SDP (jingle/sdp) ---
  bad_sdp_line,        // a line that does not parse; Error::line names it
  bad_sdp_value,       // a line that parses but carries an out-of-range value
  missing_sdp_line,    // a required line (v=, o=, m= port…) is absent
  sdp_too_big,         // more lines or bytes than the limits allow

  // --- XML (jingle/xml) ---
  bad_xml,             // not well-formed (RFC 6120 §4.9.3.13 not-well-formed)
  restricted_xml,      // DTD, entity, comment or PI (RFC 6120 §11.1)
  xml_too_big,         // stanza over the byte limit (policy-violation)
  xml_too_deep,        // nesting over the depth limit
  xml_too_many_elements,

  // --- Jingle (jingle/) ---
  bad_jingle,              // a <jingle/> or child that misses a required attribute / has a bad value
  unknown_action,          // an action not in XEP-0166 (or a known dialect)
  unsupported_application, // no description we can map (feature-not-implemented + unsupported-applications)
  unsupported_transport,   // no transport we can map (feature-not-implemented + unsupported-transports)
  unsupported_info,        // a session-info payload we do not know (XEP-0166 §7.2)
  unknown_session,         // item-not-found + unknown-session
  out_of_order,            // unexpected-request + out-of-order
  tie_break,               // conflict + tie-break
  security_error,          // DTLS fingerprint missing or wrong (XEP-0320)
  translation_failed,      // the SDP <-> Jingle mapping cannot express this input

  // --- XMPP generic (component/) ---
  bad_request,
  feature_not_implemented,
  service_unavailable,
  item_not_found,
  not_allowed,
  forbidden,
  not_authorized,
  conflict,
  policy_violation,
  resource_constraint,
  recipient_unavailable,
  remote_server_timeout,
  internal_error,
  bad_config,

  // --- Web gateway (component/web) ---
  bad_json,            // the message is not JSON
  bad_message,         // JSON, but not a message we know (unknown type, not an object)
  missing_field,       // a required field is absent; Error::detail names it
  bad_field,           // a field has the wrong type or value; Error::detail names it
  message_too_big,
  rate_limited,
  auth_required,       // no token presented in time
  bad_token,           // malformed token, bad signature, wrong algorithm
  token_expired,
  token_not_yet_valid,
  token_bad_audience,
  token_bad_issuer,
  origin_not_allowed,
  too_many_connections,
  too_many_calls,
  slow_consumer,
  idle_timeout,
  unknown_peer,        // the named peer has no connection or is not reachable
  unknown_call,        // the session id names no call of this connection
  xmpp_down,           // the XEP-0114 link is not up

  // --- Calls (component/bridge) ---
  call_timeout,
  call_rejected,
  call_busy,
  peer_gone,

  // --- Presence and storage (presence/) ---
  bad_jid,
  roster_full,
  database_error,
};

// One failure: what went wrong, where (a line of input for parsers) and the offending token.
struct Error {
  Errc code = Errc::internal_error;
  std::string detail;
  int line = 0;  // 1-based input line for text parsers, 0 when not applicable

  friend bool operator==(const Error&, const Error&) = default;
};

// Carries an Error into any Result<T>: `return fail(Errc::bad_sdp_line, "m= needs 4 fields", n);`
struct Failure {
  Error error;
};

inline Failure fail(Errc code, std::string detail = {}, int line = 0) {
  return Failure{Error{code, std::move(detail), line}};
}
inline Failure fail(Error error) { return Failure{std::move(error)}; }

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Failure f) : v_(std::in_place_index<1>, std::move(f.error)) {}  // NOLINT
  template <class U, class = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                              !std::is_same_v<std::decay_t<U>, T> &&
                                              !std::is_same_v<std::decay_t<U>, Failure> &&
                                              !std::is_same_v<std::decay_t<U>, Result>>>
  Result(U&& value) : v_(std::in_place_index<0>, T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }
  Failure failure() const { return Failure{error()}; }

 private:
  std::variant<T, Error> v_;
};

// Result<void>: success carries nothing.
struct Ok {};
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Ok) {}  // NOLINT
  Result(Failure f) : error_(std::move(f.error)), ok_(false) {}  // NOLINT
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }
  Failure failure() const { return Failure{error_}; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace jinglegate

// Propagate a failure: `JG_TRY(auto x, parse_thing(s));` binds x or returns the error.
#define JG_CONCAT_INNER(a, b) a##b
#define JG_CONCAT(a, b) JG_CONCAT_INNER(a, b)
#define JG_TRY(decl, expr)                                     \
  auto JG_CONCAT(jg_try_, __LINE__) = (expr);                  \
  if (!JG_CONCAT(jg_try_, __LINE__)) return JG_CONCAT(jg_try_, __LINE__).failure(); \
  decl = std::move(*JG_CONCAT(jg_try_, __LINE__))
#define JG_CHECK(expr)                                         \
  do {                                                         \
    auto jg_check_ = (expr);                                   \
    if (!jg_check_) return jg_check_.failure();                \
  } while (0)

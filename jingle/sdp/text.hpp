// Small string_view helpers shared by the SDP parsers (RFC 8866 §9 grammar: single-space fields).
// Internal to jingle/sdp/: no allocation except in the error path.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "jingle/error.hpp"

namespace jinglegate::jingle::sdp::text {

// {before, after} the first `sep`, or nullopt when there is none.
inline std::optional<std::pair<std::string_view, std::string_view>> split_once(std::string_view s,
                                                                               char sep) {
  const auto at = s.find(sep);
  if (at == std::string_view::npos) return std::nullopt;
  return std::pair{s.substr(0, at), s.substr(at + 1)};
}

// Decimal digits only (no sign, no space), and the value fits T.
template <class T>
std::optional<T> to_uint(std::string_view s) {
  static_assert(std::is_unsigned_v<T>);
  if (s.empty() || s.size() > 20) return std::nullopt;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  if (v > std::numeric_limits<T>::max()) return std::nullopt;
  return static_cast<T>(v);
}

// Walks the SP-separated fields of a value. An empty field (two spaces, a trailing space) comes
// back as "", which every caller rejects as a missing field: SDP fields are never empty.
class Fields {
 public:
  explicit Fields(std::string_view s) : rest_(s) {}
  // True once every field has been taken.
  bool done() const { return done_; }
  std::string_view next() {
    if (done_) return {};
    const auto sp = rest_.find(' ');
    if (sp == std::string_view::npos) {
      done_ = true;
      return std::exchange(rest_, {});
    }
    const auto field = rest_.substr(0, sp);
    rest_.remove_prefix(sp + 1);
    return field;
  }
  // What is left after the fields taken so far ("" when done).
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
  bool done_ = false;
};

// `what "token"` with the token cut to a readable length, for Error::detail.
inline std::string quote(std::string_view what, std::string_view token) {
  constexpr std::size_t kMaxToken = 64;
  std::string s;
  s.reserve(what.size() + std::min(token.size(), kMaxToken) + 6);
  s.append(what).append(" \"").append(token.substr(0, kMaxToken));
  if (token.size() > kMaxToken) s.append("...");
  s.push_back('"');
  return s;
}

inline Failure bad_value(std::string_view what, std::string_view token) {
  return fail(Errc::bad_sdp_value, quote(what, token));
}
inline Failure bad_line(std::string_view what, std::string_view token) {
  return fail(Errc::bad_sdp_line, quote(what, token));
}

// A numeric field: not digits is a syntax error (bad_sdp_line), digits that do not fit T a
// range error (bad_sdp_value).
template <class T>
Result<T> number(std::string_view s, std::string_view what) {
  const bool digits = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (!digits) return bad_line(what, s);
  const auto v = to_uint<T>(s);
  if (!v) return bad_value(what, s);
  return *v;
}

// Sets a single-valued field once. A repeated one is rejected: keeping only one of them would
// drop the other silently on the way back.
template <class T, class U>
Result<void> set_once(std::optional<T>& slot, U&& value, std::string_view name) {
  if (slot) return bad_value("duplicate", name);
  slot.emplace(std::forward<U>(value));
  return Ok{};
}

}  // namespace jinglegate::jingle::sdp::text

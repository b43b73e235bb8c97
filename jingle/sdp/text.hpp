// Small string_view helpers shared by the SDP parsers (RFC 8866 §9 grammar: single-space fields).
// Internal to jingle/sdp/: no allocation except in the error path.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "jingle/error.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace jinglegate::jingle::sdp::text {

// Position of the first `c`, or npos: 16 bytes at a time with SSE2 (every x86-64), bytes
// otherwise. This scans most of the input once, so it is worth the intrinsics; a call to memchr
// (what string_view::find does) costs more than the few bytes of a typical SDP token.
inline std::size_t find(std::string_view s, char c) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(c);
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    if (const auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, needle)))) {
      return i + static_cast<std::size_t>(std::countr_zero(m));
    }
  }
#endif
  for (; i < s.size(); ++i) {
    if (s[i] == c) return i;
  }
  return std::string_view::npos;
}

// {before, after} the first `sep`, or nullopt when there is none.
inline std::optional<std::pair<std::string_view, std::string_view>> split_once(std::string_view s,
                                                                               char sep) {
  const auto at = find(s, sep);
  if (at == std::string_view::npos) return std::nullopt;
  return std::pair{s.substr(0, at), s.substr(at + 1)};
}

enum class NumberError { none, not_digits, too_big };

// Decimal digits only (no sign, no space, not empty) into `out`, which must fit T.
template <class T>
NumberError parse_uint(std::string_view s, T& out) {
  static_assert(std::is_unsigned_v<T>);
  if (s.empty()) return NumberError::not_digits;
  std::uint64_t v = 0;
  for (const char c : s) {
    const auto d = static_cast<unsigned>(static_cast<unsigned char>(c) - '0');
    if (d > 9) return NumberError::not_digits;
    v = v * 10 + d;  // may wrap past 19 digits: checked below
  }
  constexpr std::size_t kSafeDigits = 19;  // any 19-digit number fits 64 bits
  if (s.size() > kSafeDigits) {
    // 20 digits fit only up to 18446744073709551615; more never do.
    if (s.size() > 20 || s > std::string_view("18446744073709551615")) return NumberError::too_big;
  }
  if (v > std::numeric_limits<T>::max()) return NumberError::too_big;
  out = static_cast<T>(v);
  return NumberError::none;
}

template <class T>
std::optional<T> to_uint(std::string_view s) {
  T v{};
  if (parse_uint(s, v) != NumberError::none) return std::nullopt;
  return v;
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
    const auto sp = find(rest_, ' ');
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

// `what "token"` with the token cut to a readable length, for Error::detail. Out of line and
// cold (sdp.cpp): errors are rare, and keeping them out of the parsers keeps those small.
[[gnu::cold]] std::string quote(std::string_view what, std::string_view token);
[[gnu::cold]] Failure bad_value(std::string_view what, std::string_view token);
[[gnu::cold]] Failure bad_line(std::string_view what, std::string_view token);
[[gnu::cold]] Failure bad_number(NumberError e, std::string_view what, std::string_view token);

// The next field, which must be there and not be empty.
[[gnu::cold]] Failure missing(std::string_view what, std::string_view rest);
inline Result<std::string_view> field(Fields& f, std::string_view what) {
  const auto v = f.next();
  if (v.empty()) [[unlikely]] return missing(what, f.rest());
  return v;
}

// A numeric field: not digits is a syntax error (bad_sdp_line), digits that do not fit T a
// range error (bad_sdp_value).
template <class T>
Result<T> number(std::string_view s, std::string_view what) {
  T v{};
  const auto e = parse_uint(s, v);
  if (e != NumberError::none) return bad_number(e, what, s);
  return v;
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

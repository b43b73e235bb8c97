// SDP parser (RFC 8866 §5, §9): lines, sections and the session-level attributes; the media
// attributes are in sdp_media_parser.cpp. Accepts CRLF and LF; never throws, never logs.
#include <algorithm>
#include <bit>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "jingle/sdp/attributes.hpp"
#include "jingle/sdp/sdp.hpp"
#include "jingle/sdp/sdp_parser.hpp"
#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp {

using text::bad_line;
using text::bad_value;
using text::set_once;

namespace detail {

Failure no_value(std::string_view name) {
  return bad_line(std::string(name).append(" needs a value"), name);
}

namespace {
bool has_no_value(ErrorSlot& err, std::string_view name, const AttrValue& value) {
  if (value) return err.set(bad_value(std::string(name).append(" takes no value, got"), *value));
  return true;
}
}  // namespace

bool set_flag(ErrorSlot& err, bool& flag, std::string_view name, const AttrValue& value) {
  if (!has_no_value(err, name, value)) return false;
  if (flag) return err.set(bad_value("duplicate", name));
  flag = true;
  return true;
}

bool set_direction(ErrorSlot& err, Direction& d, std::string_view name, const AttrValue& value) {
  if (!has_no_value(err, name, value)) return false;
  if (d != Direction::absent) return err.set(bad_value("second direction", name));
  d = *parse_direction(name);
  return true;
}

bool set_text(ErrorSlot& err, std::optional<std::string>& slot, std::string_view name,
              const AttrValue& value) {
  SDP_TRY(err, auto v, need_value(name, value));
  return err.check(set_once(slot, v, name));
}

bool set_setup(ErrorSlot& err, std::optional<Setup>& slot, std::string_view name,
               const AttrValue& value) {
  SDP_TRY(err, auto v, need_value(name, value));
  const auto setup = parse_setup(v);
  if (!setup) return err.set(bad_value("setup", v));
  return err.check(set_once(slot, *setup, name));
}

bool set_ice_options(ErrorSlot& err, std::vector<std::string>& slot, std::string_view name,
                     const AttrValue& value) {
  SDP_TRY(err, auto v, need_value(name, value));
  if (!slot.empty()) return err.set(bad_value("duplicate", name));
  SDP_TRY(err, slot, attr::ice_options(v));
  return true;
}

// The offset of the first byte that is not printable ASCII, CR, LF or TAB (or text.size()),
// 16 bytes at a time: browsers' SDP is ASCII, so this usually scans the text once and stops.
std::size_t find_non_ascii_or_control(std::string_view text) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i del = _mm_set1_epi8(0x7f);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // Signed compare: bytes >= 0x80 are negative, so "< 0x20" catches them with the controls.
    const __m128i hit = _mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, del));
    if (_mm_movemask_epi8(hit)) break;
  }
#endif
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80 || c == 0x7f || (c < 0x20 && c != '\r' && c != '\n' && c != '\t')) return i;
  }
  return text.size();
}

// The length of the UTF-8 sequence at `at` (RFC 3629 §4: no overlongs, no surrogates, ≤ U+10FFFF),
// or 0 when it is not one.
std::size_t utf8_length(std::string_view s, std::size_t at) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
  const auto cont = [&](std::size_t k) { return at + k < s.size() && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// RFC 8866 §5 says text fields are UTF-8 by default; everything parsed here may go into XML,
// where C0 controls and invalid UTF-8 cannot be written (XML 1.0 §2.2). So both are refused.
Result<void> check_characters(std::string_view text) {
  for (std::size_t i = find_non_ascii_or_control(text); i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 1;
    if (c >= 0x80) {
      n = utf8_length(text, i);
    } else if (c == 0x7f || (c < 0x20 && c != '\r' && c != '\n' && c != '\t')) {
      n = 0;
    }
    if (n == 0) {
      const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
      return fail(Errc::bad_sdp_line, c >= 0x80 ? "invalid UTF-8" : "control character", line);
    }
    i += n;
  }
  return Ok{};
}

}  // namespace detail

namespace {

using namespace detail;

class Parser {
 public:
  explicit Parser(const Limits& limits) : limits_(limits) {}
  Result<Session> run(std::string_view text);

 private:
  bool line(std::string_view line);
  bool header(char type, std::string_view value);
  bool session_line(char type, std::string_view value);
  bool session_attribute(std::string_view text);
  bool start_media(std::string_view value);
  void finish_media();
  bool mark(SessionSlot slot, std::size_t index = 0) {
    last_ = slot;
    last_index_ = static_cast<std::uint32_t>(index);
    return true;
  }
  [[gnu::cold]] Failure failure();

  const Limits& limits_;
  Session s_;
  ErrorSlot err_;
  MediaParser media_{err_};
  bool in_media_ = false;
  bool seen_timing_ = false;
  SessionSlot last_ = SessionSlot::start;  // for kept attributes: the last known one
  std::uint32_t last_index_ = 0;
  std::size_t candidates_ = 0;
  int line_ = 0;
};

// The first LF, CR or NUL at or after `from` (or text.size()), 16 bytes at a time where SSE2 is
// there (every x86-64): this runs over every byte of the input.
std::size_t find_line_break(std::string_view text, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i nul = _mm_setzero_si128();
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, lf), _mm_cmpeq_epi8(x, cr)),
                                     _mm_cmpeq_epi8(x, nul));
    if (const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit))) {
      return i + static_cast<std::size_t>(std::countr_zero(mask));
    }
  }
#endif
  for (; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r' || text[i] == '\0') return i;
  }
  return text.size();
}

Result<Session> Parser::run(std::string_view text) {
  if (text.size() > limits_.max_bytes) {
    return fail(Errc::sdp_too_big, "more than " + std::to_string(limits_.max_bytes) + " bytes");
  }
  JG_CHECK(check_characters(text));
  for (std::size_t pos = 0; pos < text.size();) {
    if (++line_ > static_cast<int>(limits_.max_lines)) {
      return fail(Errc::sdp_too_big, "more than " + std::to_string(limits_.max_lines) + " lines",
                  line_);
    }
    const std::size_t end = find_line_break(text, pos);
    const auto l = text.substr(pos, end - pos);
    if (end == text.size() || text[end] == '\n') {
      pos = end + 1;
    } else if (text[end] == '\r' && (end + 1 == text.size() || text[end + 1] == '\n')) {
      pos = end + 2;
    } else {  // RFC 8866 §9: text is any byte but NUL, CR and LF
      return fail(Errc::bad_sdp_line, text::quote("CR or NUL inside", l), line_);
    }
    if (!line(l)) return failure();
  }
  static constexpr std::string_view kHeader[] = {"v=", "o=", "s="};
  if (line_ < 3) return fail(Errc::missing_sdp_line, std::string(kHeader[line_]), line_ + 1);
  if (!seen_timing_) return fail(Errc::missing_sdp_line, "t=", line_ + 1);
  if (in_media_) finish_media();
  sort_kept(s_.other);
  return std::move(s_);
}

// The recorded error, stamped with the line being parsed unless it names its own.
Failure Parser::failure() {
  Error e = std::move(err_.error());
  if (e.line == 0) e.line = line_;
  return fail(std::move(e));
}

bool Parser::line(std::string_view l) {
  if (l.empty()) return err_.set(bad_line("empty line", l));
  if (l.size() < 2 || l[1] != '=' || l[0] < 'a' || l[0] > 'z') {
    return err_.set(bad_line("not a <type>=<value> line", l));
  }
  const char type = l[0];
  const auto value = l.substr(2);
  // RFC 8866 §5.13: att-field is a non-empty token.
  if (type == 'a' && (value.empty() || value.front() == ':')) {
    return err_.set(bad_line("attribute without a name", l));
  }
  if (line_ <= 3) return header(type, value);
  if (type == 'm') return start_media(value);
  if (!in_media_) return session_line(type, value);
  if (!(type == 'a' ? media_.attribute(value) : media_.line(type, value))) return false;
  if (media_.take_candidate() && ++candidates_ > limits_.max_candidates) {
    return err_.set(fail(Errc::sdp_too_big,
                         "more than " + std::to_string(limits_.max_candidates) + " candidates"));
  }
  return true;
}

// RFC 8866 §5: v=, o= and s= come first, in that order.
bool Parser::header(char type, std::string_view value) {
  static constexpr char kType[] = {'v', 'o', 's'};
  if (type != kType[line_ - 1]) {
    return err_.set(fail(Errc::missing_sdp_line, std::string{kType[line_ - 1], '='}));
  }
  if (type == 'v') {
    if (value != "0") return err_.set(bad_value("v= version", value));
  } else if (type == 'o') {
    SDP_TRY(err_, s_.origin, attr::origin(value));
  } else {
    s_.name = value;
  }
  return true;
}

bool Parser::session_line(char type, std::string_view value) {
  switch (type) {
    case 'a': return session_attribute(value);
    case 'i': return err_.check(set_once(s_.info, value, "i="));
    case 'u': return err_.check(set_once(s_.uri, value, "u="));
    case 'e': s_.emails.emplace_back(value); return true;
    case 'p': s_.phones.emplace_back(value); return true;
    case 'z': return err_.check(set_once(s_.zone, value, "z="));
    case 'k': return err_.check(set_once(s_.key, value, "k="));
    case 'c': {
      SDP_TRY(err_, auto c, attr::connection(value));
      return err_.check(set_once(s_.connection, std::move(c), "c="));
    }
    case 'b': {
      SDP_TRY(err_, auto b, attr::bandwidth(value));
      s_.bandwidths.push_back(std::move(b));
      return true;
    }
    case 't': {
      SDP_TRY(err_, auto t, attr::timing(value));
      if (!seen_timing_) s_.timings.clear();
      seen_timing_ = true;
      s_.timings.push_back(std::move(t));
      return true;
    }
    case 'r':
      if (!seen_timing_) return err_.set(bad_line("r= before any t=", value));
      s_.timings.back().repeats.emplace_back(value);
      return true;
    default: return err_.set(bad_line("unexpected line type", std::string_view(&type, 1)));
  }
}

bool Parser::session_attribute(std::string_view text) {
  using S = SessionSlot;
  const auto [name, value] = split_attribute(text);
  switch (classify(name)) {
    case Attr::group: {
      SDP_TRY(err_, auto v, need_value(name, value));
      SDP_TRY(err_, auto g, attr::group(v));
      s_.groups.push_back(std::move(g));
      return mark(S::group, s_.groups.size() - 1);
    }
    case Attr::msid_semantic: {
      SDP_TRY(err_, auto v, need_value(name, value));
      SDP_TRY(err_, auto m, attr::msid_semantic(v));
      s_.msid_semantics.push_back(std::move(m));
      return mark(S::msid_semantic, s_.msid_semantics.size() - 1);
    }
    case Attr::extmap_allow_mixed:
      return set_flag(err_, s_.extmap_allow_mixed, name, value) && mark(S::extmap_allow_mixed);
    case Attr::ice_lite: return set_flag(err_, s_.ice_lite, name, value) && mark(S::ice_lite);
    case Attr::ice_ufrag:
      return set_text(err_, s_.ice_ufrag, name, value) && mark(S::ice_ufrag);
    case Attr::ice_pwd: return set_text(err_, s_.ice_pwd, name, value) && mark(S::ice_pwd);
    case Attr::ice_options:
      return set_ice_options(err_, s_.ice_options, name, value) && mark(S::ice_options);
    case Attr::fingerprint: {
      SDP_TRY(err_, auto v, need_value(name, value));
      SDP_TRY(err_, auto fp, attr::fingerprint(v));
      s_.fingerprints.push_back(std::move(fp));
      return mark(S::fingerprint, s_.fingerprints.size() - 1);
    }
    case Attr::setup: return set_setup(err_, s_.setup, name, value) && mark(S::setup);
    case Attr::extmap: {
      SDP_TRY(err_, auto v, need_value(name, value));
      SDP_CHECK(err_, attr::extmap(v, s_.extmaps.emplace_back()));
      return mark(S::extmap, s_.extmaps.size() - 1);
    }
    case Attr::direction:
      return set_direction(err_, s_.direction, name, value) && mark(S::direction);
    case Attr::end_of_candidates:
      return set_flag(err_, s_.end_of_candidates, name, value) && mark(S::end_of_candidates);
    default:
      s_.other.push_back({std::string(text), last_, last_index_});
      return true;
  }
}

bool Parser::start_media(std::string_view value) {
  if (!seen_timing_) return err_.set(fail(Errc::missing_sdp_line, "t="));
  if (in_media_) finish_media();
  if (s_.media.size() >= limits_.max_media) {
    return err_.set(fail(Errc::sdp_too_big,
                         "more than " + std::to_string(limits_.max_media) + " m= sections"));
  }
  if (s_.media.empty()) s_.media.reserve(4);  // a moved Media is ~1 KB of members
  Media& m = s_.media.emplace_back();
  SDP_CHECK(err_, attr::media_line(value, m));
  media_.start(m);
  in_media_ = true;
  return true;
}

void Parser::finish_media() {
  media_.finish();
  in_media_ = false;
}

}  // namespace

Result<Session> parse_sdp(std::string_view text, const Limits& limits) {
  return Parser(limits).run(text);
}

}  // namespace jinglegate::jingle::sdp

// SDP parser (RFC 8866 §5, §9): lines, sections and the session-level attributes; the media
// attributes are in sdp_media_parser.cpp. Accepts CRLF and LF; never throws, never logs.
#include <cstring>

#include "jingle/sdp/attributes.hpp"
#include "jingle/sdp/sdp.hpp"
#include "jingle/sdp/sdp_parser.hpp"
#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp {

using text::bad_line;
using text::bad_value;
using text::set_once;

namespace detail {

Result<void> need_no_value(std::string_view name, const AttrValue& value) {
  if (value) return bad_value(std::string(name).append(" takes no value, got"), *value);
  return Ok{};
}

Result<std::string_view> need_value(std::string_view name, const AttrValue& value) {
  if (!value || value->empty()) return bad_line(std::string(name).append(" needs a value"), name);
  return *value;
}

Result<void> set_flag(bool& flag, std::string_view name, const AttrValue& value) {
  JG_CHECK(need_no_value(name, value));
  if (flag) return bad_value("duplicate", name);
  flag = true;
  return Ok{};
}

Result<void> set_direction(Direction& d, std::string_view name, const AttrValue& value) {
  JG_CHECK(need_no_value(name, value));
  if (d != Direction::absent) return bad_value("second direction", name);
  d = *parse_direction(name);
  return Ok{};
}

Result<void> set_text(std::optional<std::string>& slot, std::string_view name,
                      const AttrValue& value) {
  JG_TRY(auto v, need_value(name, value));
  return set_once(slot, v, name);
}

Result<void> set_setup(std::optional<Setup>& slot, std::string_view name, const AttrValue& value) {
  JG_TRY(auto v, need_value(name, value));
  const auto setup = parse_setup(v);
  if (!setup) return bad_value("setup", v);
  return set_once(slot, *setup, name);
}

Result<void> set_ice_options(std::vector<std::string>& slot, std::string_view name,
                             const AttrValue& value) {
  JG_TRY(auto v, need_value(name, value));
  if (!slot.empty()) return bad_value("duplicate", name);
  JG_TRY(slot, attr::ice_options(v));
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
  Result<void> line(std::string_view line);
  Result<void> header(char type, std::string_view value);
  Result<void> session_line(char type, std::string_view value);
  Result<void> session_attribute(std::string_view text);
  Result<void> start_media(std::string_view value);
  Result<void> finish_media();

  const Limits& limits_;
  Session s_;
  MediaParser media_;
  bool in_media_ = false;
  bool seen_timing_ = false;
  SessionSlot last_ = SessionSlot::start;  // for kept attributes: the last known one
  std::uint32_t last_index_ = 0;
  std::size_t candidates_ = 0;
  int line_ = 0;
};

Result<Session> Parser::run(std::string_view text) {
  if (text.size() > limits_.max_bytes) {
    return fail(Errc::sdp_too_big, "more than " + std::to_string(limits_.max_bytes) + " bytes");
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    const std::size_t end = nl ? static_cast<const char*>(nl) - text.data() : text.size();
    auto l = text.substr(pos, end - pos);
    pos = nl ? end + 1 : text.size();
    if (++line_ > static_cast<int>(limits_.max_lines)) {
      return fail(Errc::sdp_too_big, "more than " + std::to_string(limits_.max_lines) + " lines",
                  line_);
    }
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    auto r = line(l);
    if (!r) {
      Error e = r.error();
      if (e.line == 0) e.line = line_;
      return fail(std::move(e));
    }
  }
  static constexpr std::string_view kHeader[] = {"v=", "o=", "s="};
  if (line_ < 3) return fail(Errc::missing_sdp_line, std::string(kHeader[line_]), line_ + 1);
  if (!seen_timing_) return fail(Errc::missing_sdp_line, "t=", line_ + 1);
  if (in_media_) JG_CHECK(finish_media());
  sort_kept(s_.other);
  return std::move(s_);
}

Result<void> Parser::line(std::string_view l) {
  if (l.empty()) return bad_line("empty line", l);
  if (l.size() < 2 || l[1] != '=' || l[0] < 'a' || l[0] > 'z') {
    return bad_line("not a <type>=<value> line", l);
  }
  // RFC 8866 §9: text is any byte but NUL, CR and LF.
  if (std::memchr(l.data(), '\r', l.size()) || std::memchr(l.data(), '\0', l.size())) {
    return bad_line("CR or NUL inside", l);
  }
  const char type = l[0];
  const auto value = l.substr(2);
  // RFC 8866 §5.13: att-field is a non-empty token.
  if (type == 'a' && (value.empty() || value.front() == ':')) return bad_line("attribute without a name", l);
  if (line_ <= 3) return header(type, value);
  if (type == 'm') return start_media(value);
  if (in_media_) {
    JG_CHECK(media_.line(type, value));
    if (media_.take_candidate() && ++candidates_ > limits_.max_candidates) {
      return fail(Errc::sdp_too_big,
                  "more than " + std::to_string(limits_.max_candidates) + " candidates");
    }
    return Ok{};
  }
  return session_line(type, value);
}

// RFC 8866 §5: v=, o= and s= come first, in that order.
Result<void> Parser::header(char type, std::string_view value) {
  static constexpr char kType[] = {'v', 'o', 's'};
  if (type != kType[line_ - 1]) return fail(Errc::missing_sdp_line, std::string{kType[line_ - 1], '='});
  if (type == 'v') {
    if (value != "0") return bad_value("v= version", value);
  } else if (type == 'o') {
    JG_TRY(s_.origin, attr::origin(value));
  } else {
    s_.name = value;
  }
  return Ok{};
}

Result<void> Parser::session_line(char type, std::string_view value) {
  switch (type) {
    case 'a': return session_attribute(value);
    case 'i': return set_once(s_.info, value, "i=");
    case 'u': return set_once(s_.uri, value, "u=");
    case 'e': s_.emails.emplace_back(value); return Ok{};
    case 'p': s_.phones.emplace_back(value); return Ok{};
    case 'z': return set_once(s_.zone, value, "z=");
    case 'k': return set_once(s_.key, value, "k=");
    case 'c': {
      JG_TRY(auto c, attr::connection(value));
      return set_once(s_.connection, std::move(c), "c=");
    }
    case 'b': {
      JG_TRY(auto b, attr::bandwidth(value));
      s_.bandwidths.push_back(std::move(b));
      return Ok{};
    }
    case 't': {
      JG_TRY(auto t, attr::timing(value));
      if (!seen_timing_) s_.timings.clear();
      seen_timing_ = true;
      s_.timings.push_back(std::move(t));
      return Ok{};
    }
    case 'r':
      if (!seen_timing_) return bad_line("r= before any t=", value);
      s_.timings.back().repeats.emplace_back(value);
      return Ok{};
    default: return bad_line("unexpected line type", std::string_view(&type, 1));
  }
}

Result<void> Parser::session_attribute(std::string_view text) {
  const auto [name, value] = split_attribute(text);
  auto mark = [&](SessionSlot slot, std::size_t index = 0) -> Result<void> {
    last_ = slot;
    last_index_ = static_cast<std::uint32_t>(index);
    return Ok{};
  };
  switch (classify(name)) {
    case Attr::group: {
      JG_TRY(auto v, need_value(name, value));
      JG_TRY(auto g, attr::group(v));
      s_.groups.push_back(std::move(g));
      return mark(SessionSlot::group, s_.groups.size() - 1);
    }
    case Attr::msid_semantic: {
      JG_TRY(auto v, need_value(name, value));
      JG_TRY(auto m, attr::msid_semantic(v));
      s_.msid_semantics.push_back(std::move(m));
      return mark(SessionSlot::msid_semantic, s_.msid_semantics.size() - 1);
    }
    case Attr::extmap_allow_mixed:
      JG_CHECK(set_flag(s_.extmap_allow_mixed, name, value));
      return mark(SessionSlot::extmap_allow_mixed);
    case Attr::ice_lite:
      JG_CHECK(set_flag(s_.ice_lite, name, value));
      return mark(SessionSlot::ice_lite);
    case Attr::ice_ufrag:
      JG_CHECK(set_text(s_.ice_ufrag, name, value));
      return mark(SessionSlot::ice_ufrag);
    case Attr::ice_pwd:
      JG_CHECK(set_text(s_.ice_pwd, name, value));
      return mark(SessionSlot::ice_pwd);
    case Attr::ice_options:
      JG_CHECK(set_ice_options(s_.ice_options, name, value));
      return mark(SessionSlot::ice_options);
    case Attr::fingerprint: {
      JG_TRY(auto v, need_value(name, value));
      JG_TRY(auto fp, attr::fingerprint(v));
      s_.fingerprints.push_back(std::move(fp));
      return mark(SessionSlot::fingerprint, s_.fingerprints.size() - 1);
    }
    case Attr::setup:
      JG_CHECK(set_setup(s_.setup, name, value));
      return mark(SessionSlot::setup);
    case Attr::extmap: {
      JG_TRY(auto v, need_value(name, value));
      JG_TRY(auto e, attr::extmap(v));
      s_.extmaps.push_back(std::move(e));
      return mark(SessionSlot::extmap, s_.extmaps.size() - 1);
    }
    case Attr::direction:
      JG_CHECK(set_direction(s_.direction, name, value));
      return mark(SessionSlot::direction);
    case Attr::end_of_candidates:
      JG_CHECK(set_flag(s_.end_of_candidates, name, value));
      return mark(SessionSlot::end_of_candidates);
    default:
      s_.other.push_back({std::string(text), last_, last_index_});
      return Ok{};
  }
}

Result<void> Parser::start_media(std::string_view value) {
  if (!seen_timing_) return fail(Errc::missing_sdp_line, "t=");
  if (in_media_) JG_CHECK(finish_media());
  if (s_.media.size() >= limits_.max_media) {
    return fail(Errc::sdp_too_big, "more than " + std::to_string(limits_.max_media) + " m= sections");
  }
  JG_TRY(auto m, attr::media_line(value));
  media_.start(std::move(m));
  in_media_ = true;
  return Ok{};
}

Result<void> Parser::finish_media() {
  s_.media.push_back(media_.finish());
  in_media_ = false;
  return Ok{};
}

}  // namespace

Result<Session> parse_sdp(std::string_view text, const Limits& limits) {
  return Parser(limits).run(text);
}

}  // namespace jinglegate::jingle::sdp

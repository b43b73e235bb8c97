// Shared pieces of the Jingle XEP models: unknown-XML keeping, <parameter/>, creator/senders.
#include "jingle/xep_common.hpp"

#include <algorithm>
#include <charconv>

namespace jinglegate::jingle {

namespace {
constexpr EnumNames<Creator, 2> kCreators{{"initiator", "responder"}};
constexpr EnumNames<Senders, 4> kSenders{{"both", "initiator", "responder", "none"}};
}  // namespace

std::string_view to_string(Creator c) { return kCreators(c); }
std::string_view to_string(Senders s) { return kSenders(s); }
std::optional<Creator> parse_creator(std::string_view s) { return kCreators.parse(s); }
std::optional<Senders> parse_senders(std::string_view s) { return kSenders.parse(s); }

Result<Parameter> read_parameter(const xml::Element& e) {
  Parameter p;
  const std::string* name = e.attr("name");
  if (!name) return detail::missing_attr(e, "name");
  p.name = *name;
  if (const std::string* value = e.attr("value")) p.value = *value;
  return p;
}

void write_parameter(xml::Writer& w, const Parameter& p, std::string_view ns) {
  w.open("parameter", ns).attr("name", p.name);
  if (p.value) w.attr("value", *p.value);
  w.close();
}

Result<void> read_parameters(const xml::Element& e, std::string_view ns, std::vector<Parameter>& params,
                             std::vector<xml::Element>& unknown) {
  for (const auto& c : e.children) {
    if (c.is("parameter", ns)) {
      JG_TRY(auto p, read_parameter(c));
      params.push_back(std::move(p));
    } else {
      unknown.push_back(c);
    }
  }
  return Ok{};
}

void write_parameters(xml::Writer& w, const std::vector<Parameter>& params, std::string_view ns,
                      const std::vector<xml::Element>& unknown) {
  for (const auto& p : params) write_parameter(w, p, ns);
  detail::write_unknown_children(w, unknown);
}

namespace detail {

namespace {
std::string tag(const xml::Element& e) { return "<" + e.name + "/>"; }
}  // namespace

Failure missing_attr(const xml::Element& e, std::string_view attr) {
  return fail(Errc::bad_jingle, tag(e) + ": missing attribute '" + std::string(attr) + "'");
}

Failure bad_attr(const xml::Element& e, std::string_view attr, std::string_view value) {
  // Cap the echoed value: it goes into logs and error stanzas.
  const std::string shown(value.substr(0, 64));
  return fail(Errc::bad_jingle, tag(e) + ": bad " + std::string(attr) + "='" + shown + "'");
}

Failure bad_element(const xml::Element& e, std::string_view why) {
  return fail(Errc::bad_jingle, tag(e) + ": " + std::string(why));
}

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<std::uint64_t> to_uint(std::string_view s, std::uint64_t max) {
  s = trim(s);
  if (s.empty() || s.front() < '0' || s.front() > '9') return std::nullopt;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

Result<std::optional<std::uint64_t>> opt_uint_attr(const xml::Element& e, std::string_view attr,
                                                   std::uint64_t max) {
  const std::string* s = e.attr(attr);
  if (!s) return std::optional<std::uint64_t>{};
  const auto v = to_uint(*s, max);
  if (!v) return bad_attr(e, attr, *s);
  return std::optional<std::uint64_t>{*v};
}

Result<std::uint64_t> uint_attr(const xml::Element& e, std::string_view attr, std::uint64_t max) {
  const std::string* s = e.attr(attr);
  if (!s) return missing_attr(e, attr);
  const auto v = to_uint(*s, max);
  if (!v) return bad_attr(e, attr, *s);
  return *v;
}

Result<std::optional<bool>> opt_bool_attr(const xml::Element& e, std::string_view attr) {
  const std::string* s = e.attr(attr);
  if (!s) return std::optional<bool>{};
  const std::string_view v = trim(*s);
  if (v == "true" || v == "1") return std::optional<bool>{true};
  if (v == "false" || v == "0") return std::optional<bool>{false};
  return bad_attr(e, attr, *s);
}

Result<std::string> string_attr(const xml::Element& e, std::string_view attr) {
  const std::string* s = e.attr(attr);
  if (!s) return missing_attr(e, attr);
  return *s;
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void keep_unknown_attrs(const xml::Element& e, std::initializer_list<std::string_view> known,
                        std::vector<xml::Attr>& out) {
  for (const auto& a : e.attrs)
    if (!is_one_of(a.name, known)) out.push_back(a);
}

bool is_xml_name(std::string_view s) {
  // ASCII subset of XML 1.0 Name without ':'; bytes >= 0x80 (UTF-8 of letters) are let through.
  if (s.empty()) return false;
  const auto start = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  };
  const auto rest = [&](unsigned char c) {
    return start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  };
  if (!start(static_cast<unsigned char>(s.front()))) return false;
  return std::all_of(s.begin() + 1, s.end(), [&](char c) { return rest(static_cast<unsigned char>(c)); });
}

namespace {
// The form an attribute name is written in, or false when it cannot be written.
bool writable_attr_name(std::string_view name) {
  if (name.empty()) return false;
  if (name.front() == '{') {
    const auto close = name.find('}');
    if (close == std::string_view::npos || close < 2) return false;
    // Those two URIs may not be bound to a prefix of ours (Namespaces in XML §3).
    const std::string_view uri = name.substr(1, close - 1);
    if (uri == "http://www.w3.org/XML/1998/namespace" || uri == "http://www.w3.org/2000/xmlns/") return false;
    return is_xml_name(name.substr(close + 1));
  }
  if (name.substr(0, 4) == "xml:") return is_xml_name(name.substr(4));
  return is_xml_name(name) && name != "xmlns";  // "xmlns:p" has a colon, refused above
}
}  // namespace

void write_unknown_attrs(xml::Writer& w, const std::vector<xml::Attr>& attrs,
                         std::initializer_list<std::string_view> written) {
  int prefixes = 0;
  for (std::size_t i = 0; i < attrs.size(); ++i) {
    const xml::Attr& a = attrs[i];
    if (!writable_attr_name(a.name) || is_one_of(a.name, written)) continue;
    const bool duplicate = std::any_of(attrs.begin(), attrs.begin() + static_cast<std::ptrdiff_t>(i),
                                       [&](const xml::Attr& b) { return b.name == a.name; });
    if (duplicate) continue;
    if (a.name.front() == '{') {
      // Clark notation "{uri}local": a prefix declared on this element only.
      const auto close = a.name.find('}');
      const std::string prefix = "jg" + std::to_string(++prefixes);
      w.attr("xmlns:" + prefix, std::string_view(a.name).substr(1, close - 1));
      w.attr(prefix + ":" + a.name.substr(close + 1), a.value);
    } else {
      w.attr(a.name, a.value);
    }
  }
}

void write_unknown_children(xml::Writer& w, const std::vector<xml::Element>& children) {
  for (const auto& c : children) w.element(c);
}

}  // namespace detail
}  // namespace jinglegate::jingle

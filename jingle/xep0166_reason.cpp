// XEP-0166 §7.4 Jingle <reason/>: reader and writer.
#include "jingle/xep0166_reason.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

namespace {

constexpr EnumNames<ReasonCondition, static_cast<std::size_t>(ReasonCondition::unsupported_transports) + 1>
    kConditions{{
        "alternative-session", "busy", "cancel", "connectivity-error", "decline", "expired",
        "failed-application", "failed-transport", "general-error", "gone", "incompatible-parameters",
        "media-error", "security-error", "success", "timeout", "unsupported-applications",
        "unsupported-transports",
    }};

// Reads one Jingle-namespace child; false when it is neither a (first) condition nor the (first) text.
bool read_jingle_child(const xml::Element& c, Reason& r, bool& have_text) {
  if (c.name == "text") {
    if (have_text) return false;
    // An empty <text/> is dropped (the writer would not write it back), so a later one can count.
    if (c.text.empty() && c.attr_or("xml:lang").empty()) return true;
    have_text = true;
    r.text = c.text;
    r.text_lang = c.attr_or("xml:lang");
    return true;
  }
  if (r.condition) return false;
  r.condition = parse_condition(c.name);
  if (!r.condition) return false;
  if (*r.condition == ReasonCondition::alternative_session) {
    if (const xml::Element* sid = c.child("sid", ns::jingle)) r.alternative_sid = std::string(detail::trim(sid->text));
  }
  return true;
}

}  // namespace

std::string_view condition_name(ReasonCondition c) { return kConditions(c); }

std::optional<ReasonCondition> parse_condition(std::string_view name) {
  if (auto c = kConditions.parse(name)) return c;
  if (name == "failed_application") return ReasonCondition::failed_application;  // Dino
  if (name == "failed_transport") return ReasonCondition::failed_transport;      // Dino
  return std::nullopt;
}

Result<Reason> read_reason(const xml::Element& e) {
  if (!e.is("reason", ns::jingle)) return detail::bad_element(e, "not a Jingle reason");
  Reason r;
  detail::keep_unknown_attrs(e, {}, r.unknown.attrs);
  bool have_text = false;
  for (const auto& c : e.children) {
    if (c.ns != ns::jingle) {
      r.app_conditions.push_back(c);
    } else if (!read_jingle_child(c, r, have_text)) {
      r.unknown.children.push_back(c);
    }
  }
  return r;
}

void write_reason(xml::Writer& w, const Reason& r) {
  w.open("reason", ns::jingle);
  detail::write_unknown_attrs(w, r.unknown.attrs, {});
  if (r.condition) {
    w.open(condition_name(*r.condition), ns::jingle);
    if (*r.condition == ReasonCondition::alternative_session && !r.alternative_sid.empty())
      w.open("sid", ns::jingle).text(r.alternative_sid).close();
    w.close();
  }
  if (!r.text.empty() || !r.text_lang.empty()) {
    w.open("text", ns::jingle);
    if (!r.text_lang.empty()) w.attr("xml:lang", r.text_lang);
    w.text(r.text).close();
  }
  for (const auto& c : r.app_conditions) w.element(c);
  detail::write_unknown_children(w, r.unknown.children);
  w.close();
}

}  // namespace jinglegate::jingle

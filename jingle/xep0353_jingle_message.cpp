// XEP-0353 Jingle Message Initiation: reader and writer of the jingle-message:0 payloads.
#include "jingle/xep0353_jingle_message.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

namespace {

constexpr EnumNames<JingleMessageKind, static_cast<std::size_t>(JingleMessageKind::finish) + 1> kKinds{
    {"propose", "ringing", "proceed", "accept", "reject", "retract", "finish"}};

std::optional<JingleMessageKind> parse_kind(std::string_view name) { return kKinds.parse(name); }

bool carries_reason(JingleMessageKind k) {
  return k == JingleMessageKind::reject || k == JingleMessageKind::retract || k == JingleMessageKind::finish;
}

// One child of the payload; false when it is not one of ours for this kind.
Result<bool> read_child(const xml::Element& c, JingleMessage& m) {
  const JingleMessageKind k = m.kind;
  if (k == JingleMessageKind::propose && c.is("description", ns::jingle_rtp)) {
    JG_TRY(auto d, read_rtp_description(c));
    m.descriptions.push_back(std::move(d));
  } else if (carries_reason(k) && c.is("reason", ns::jingle) && !m.reason) {
    JG_TRY(m.reason, read_reason(c));
  } else if ((k == JingleMessageKind::reject || k == JingleMessageKind::retract) &&
             c.is("tie-break", ns::jingle_message)) {
    m.tie_break = true;
  } else if (k == JingleMessageKind::finish && c.name == "migrated" &&
             (c.ns == ns::jingle_message || c.ns == ns::jingle) && m.migrated_to.empty()) {
    const std::string* to = c.attr("to");
    if (!to) return detail::missing_attr(c, "to");
    if (to->empty()) return false;
    m.migrated_to = *to;
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string_view message_kind_name(JingleMessageKind k) { return kKinds(k); }

bool is_jingle_message(const xml::Element& e) { return e.ns == ns::jingle_message && parse_kind(e.name).has_value(); }

Result<JingleMessage> read_jingle_message(const xml::Element& message_child) {
  const xml::Element& e = message_child;
  const auto kind = e.ns == ns::jingle_message ? parse_kind(e.name) : std::nullopt;
  if (!kind) return detail::bad_element(e, "not a urn:xmpp:jingle-message:0 payload");
  JingleMessage m;
  m.kind = *kind;
  JG_TRY(m.id, detail::string_attr(e, "id"));
  detail::keep_unknown_attrs(e, {"id"}, m.unknown.attrs);
  for (const auto& c : e.children) {
    JG_TRY(const bool known, read_child(c, m));
    if (!known) m.unknown.children.push_back(c);
  }
  return m;
}

void write_jingle_message(xml::Writer& w, const JingleMessage& m) {
  w.open(message_kind_name(m.kind), ns::jingle_message).attr("id", m.id);
  detail::write_unknown_attrs(w, m.unknown.attrs, {"id"});
  if (m.kind == JingleMessageKind::propose)
    for (const auto& d : m.descriptions) write_rtp_description(w, d);
  if (m.reason && carries_reason(m.kind)) write_reason(w, *m.reason);
  if (m.tie_break && (m.kind == JingleMessageKind::reject || m.kind == JingleMessageKind::retract))
    w.empty("tie-break", ns::jingle_message);
  if (!m.migrated_to.empty() && m.kind == JingleMessageKind::finish)
    w.open("migrated", ns::jingle_message).attr("to", m.migrated_to).close();
  detail::write_unknown_children(w, m.unknown.children);
  w.close();
}

std::string to_xml(const JingleMessage& m) {
  std::string out;
  xml::Writer w(out);
  write_jingle_message(w, m);
  return out;
}

}  // namespace jinglegate::jingle

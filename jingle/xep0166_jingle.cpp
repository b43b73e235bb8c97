// XEP-0166 Jingle: <jingle/> and <content/> reader and writer, and the parse/serialise entry points.
#include "jingle/xep0166_jingle.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

namespace {

constexpr EnumNames<Action, static_cast<std::size_t>(Action::source_remove) + 1> kActions{{
    "content-accept", "content-add", "content-modify", "content-reject", "content-remove",
    "description-info", "security-info", "session-accept", "session-info", "session-initiate",
    "session-terminate", "transport-accept", "transport-info", "transport-reject", "transport-replace",
    "source-add", "source-remove",
}};

Result<void> read_content_attrs(const xml::Element& e, Content& c) {
  if (const std::string* creator = e.attr("creator")) {
    const auto parsed = parse_creator(detail::trim(*creator));
    if (!parsed) return detail::bad_attr(e, "creator", *creator);
    c.creator = *parsed;
  }
  JG_TRY(c.name, detail::string_attr(e, "name"));
  if (const std::string* senders = e.attr("senders")) {
    const auto parsed = parse_senders(detail::trim(*senders));
    if (!parsed) return detail::bad_attr(e, "senders", *senders);
    c.senders = *parsed;
  }
  c.disposition = e.attr_or("disposition");
  detail::keep_unknown_attrs(e, {"creator", "name", "senders", "disposition"}, c.unknown.attrs);
  return Ok{};
}

}  // namespace

std::string_view action_name(Action a) { return kActions(a); }
std::optional<Action> parse_action(std::string_view s) { return kActions.parse(s); }

Result<Content> read_content(const xml::Element& e) {
  Content c;
  JG_CHECK(read_content_attrs(e, c));
  bool have_description = false;
  bool have_transport = false;
  for (const auto& child : e.children) {
    // The first <description/> and <transport/> of any namespace are the content's; ours are typed.
    if (child.name == "description" && !have_description) {
      have_description = true;
      if (child.ns == ns::jingle_rtp) {
        JG_TRY(c.description, read_rtp_description(child));
      } else {
        c.description = child;
      }
    } else if (child.name == "transport" && !have_transport) {
      have_transport = true;
      if (child.ns == ns::jingle_ice_udp) {
        JG_TRY(c.transport, read_ice_udp(child));
      } else {
        c.transport = child;
      }
    } else {
      c.unknown.children.push_back(child);
    }
  }
  return c;
}

void write_content(xml::Writer& w, const Content& c) {
  w.open("content", ns::jingle).attr("creator", to_string(c.creator)).attr("name", c.name);
  if (c.senders != Senders::both) w.attr("senders", to_string(c.senders));
  w.attr_if("disposition", c.disposition);
  detail::write_unknown_attrs(w, c.unknown.attrs, {"creator", "name", "senders", "disposition"});
  if (const auto* rtp = std::get_if<RtpDescription>(&c.description)) {
    write_rtp_description(w, *rtp);
  } else if (const auto* other = std::get_if<xml::Element>(&c.description)) {
    w.element(*other);
  }
  if (const auto* ice = std::get_if<IceUdpTransport>(&c.transport)) {
    write_ice_udp(w, *ice);
  } else if (const auto* other = std::get_if<xml::Element>(&c.transport)) {
    w.element(*other);
  }
  detail::write_unknown_children(w, c.unknown.children);
  w.close();
}

namespace {

Result<void> read_jingle_attrs(const xml::Element& e, Jingle& j) {
  const std::string* action = e.attr("action");
  if (!action) return detail::missing_attr(e, "action");
  const auto parsed = parse_action(detail::trim(*action));
  if (!parsed) return fail(Errc::unknown_action, "action='" + action->substr(0, 64) + "'");
  j.action = *parsed;
  const std::string* sid = e.attr("sid");
  if (!sid) return detail::missing_attr(e, "sid");
  if (sid->empty()) return detail::bad_attr(e, "sid", *sid);
  j.sid = *sid;
  j.initiator = e.attr_or("initiator");
  j.responder = e.attr_or("responder");
  detail::keep_unknown_attrs(e, {"action", "sid", "initiator", "responder"}, j.unknown.attrs);
  return Ok{};
}

// One child of <jingle/>; false when it is not one of ours.
Result<bool> read_jingle_child(const xml::Element& c, Jingle& j) {
  if (c.is("content", ns::jingle)) {
    JG_TRY(auto content, read_content(c));
    j.contents.push_back(std::move(content));
  } else if (c.is("reason", ns::jingle)) {
    if (j.reason) return false;
    JG_TRY(j.reason, read_reason(c));
  } else if (c.is("group", ns::jingle_grouping)) {
    JG_TRY(auto g, read_group(c));
    j.groups.push_back(std::move(g));
  } else if (j.action == Action::session_info && !j.info) {
    JG_TRY(j.info, read_session_info(c));
  } else {
    return false;
  }
  return true;
}

}  // namespace

Result<Jingle> read_jingle(const xml::Element& jingle_element) {
  const xml::Element& e = jingle_element;
  if (!e.is("jingle", ns::jingle)) return detail::bad_element(e, "not a urn:xmpp:jingle:1 <jingle/>");
  Jingle j;
  JG_CHECK(read_jingle_attrs(e, j));
  j.contents.reserve(e.children.size());
  for (const auto& c : e.children) {
    JG_TRY(const bool known, read_jingle_child(c, j));
    if (!known) j.unknown.children.push_back(c);
  }
  return j;
}

void write_jingle(xml::Writer& w, const Jingle& j) {
  w.open("jingle", ns::jingle).attr("action", action_name(j.action));
  w.attr_if("initiator", j.initiator).attr_if("responder", j.responder).attr("sid", j.sid);
  detail::write_unknown_attrs(w, j.unknown.attrs, {"action", "sid", "initiator", "responder"});
  for (const auto& g : j.groups) write_group(w, g);
  for (const auto& c : j.contents) write_content(w, c);
  if (j.reason) write_reason(w, *j.reason);
  if (j.info) write_session_info(w, *j.info);
  detail::write_unknown_children(w, j.unknown.children);
  w.close();
}

std::string to_xml(const Jingle& j) {
  std::string out;
  out.reserve(1024 + 2048 * j.contents.size());
  xml::Writer w(out);
  write_jingle(w, j);
  return out;
}

Result<Jingle> parse_jingle(std::string_view xml, xml::DocumentReader& reader) {
  JG_TRY(const xml::Element root, reader.parse(xml));
  if (root.is("jingle", ns::jingle)) return read_jingle(root);
  if (const xml::Element* jingle = root.child("jingle", ns::jingle)) return read_jingle(*jingle);
  return fail(Errc::bad_jingle, "no urn:xmpp:jingle:1 <jingle/> in <" + root.name + "/>");
}

Result<Jingle> parse_jingle(std::string_view xml) {
  xml::DocumentReader reader;
  return parse_jingle(xml, reader);
}

}  // namespace jinglegate::jingle

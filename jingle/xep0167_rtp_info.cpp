// XEP-0167 §7 Jingle RTP informational messages: reader and writer.
#include "jingle/xep0167_rtp_info.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

namespace {
// InfoKind::unknown is last and has no name.
constexpr EnumNames<InfoKind, 6> kKinds{{"active", "hold", "unhold", "mute", "unmute", "ringing"}};
}  // namespace

std::string_view info_name(InfoKind k) { return k == InfoKind::unknown ? std::string_view{} : kKinds(k); }

Result<SessionInfo> read_session_info(const xml::Element& e) {
  SessionInfo info;
  info.kind = e.ns == ns::jingle_rtp_info ? kKinds.parse(e.name).value_or(InfoKind::unknown) : InfoKind::unknown;
  if (info.kind == InfoKind::unknown) {
    info.payload = e;
    return info;
  }
  if (info.kind == InfoKind::mute || info.kind == InfoKind::unmute) {
    if (const std::string* creator = e.attr("creator")) {
      info.creator = parse_creator(detail::trim(*creator));
      if (!info.creator) return detail::bad_attr(e, "creator", *creator);
    }
    info.name = e.attr_or("name");
    detail::keep_unknown_attrs(e, {"creator", "name"}, info.unknown.attrs);
  } else {
    detail::keep_unknown_attrs(e, {}, info.unknown.attrs);
  }
  info.unknown.children = e.children;
  return info;
}

void write_session_info(xml::Writer& w, const SessionInfo& info) {
  if (info.kind == InfoKind::unknown) {
    w.element(info.payload);
    return;
  }
  w.open(info_name(info.kind), ns::jingle_rtp_info);
  const bool muting = info.kind == InfoKind::mute || info.kind == InfoKind::unmute;
  if (muting) {
    if (info.creator) w.attr("creator", to_string(*info.creator));
    w.attr_if("name", info.name);
  }
  if (muting) {
    detail::write_unknown_attrs(w, info.unknown.attrs, {"creator", "name"});
  } else {
    detail::write_unknown_attrs(w, info.unknown.attrs, {});
  }
  detail::write_unknown_children(w, info.unknown.children);
  w.close();
}

}  // namespace jinglegate::jingle

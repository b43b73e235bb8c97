// XEP-0167 §7 Jingle RTP informational messages: reader and writer.
#include "jingle/xep0167_rtp_info.hpp"

#include <array>
#include <utility>

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

namespace {
constexpr std::array<std::pair<InfoKind, std::string_view>, 6> kNames{{
    {InfoKind::active, "active"},
    {InfoKind::hold, "hold"},
    {InfoKind::unhold, "unhold"},
    {InfoKind::mute, "mute"},
    {InfoKind::unmute, "unmute"},
    {InfoKind::ringing, "ringing"},
}};
}  // namespace

std::string_view info_name(InfoKind k) {
  for (const auto& [kind, name] : kNames)
    if (kind == k) return name;
  return {};
}

Result<SessionInfo> read_session_info(const xml::Element& e) {
  SessionInfo info;
  info.kind = InfoKind::unknown;
  if (e.ns == ns::jingle_rtp_info) {
    for (const auto& [kind, name] : kNames)
      if (e.name == name) info.kind = kind;
  }
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

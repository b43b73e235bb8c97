// XEP-0339 Source-Specific Media Attributes in Jingle: <source/> and <ssrc-group/> reader and writer.
#include "jingle/xep0339_ssma.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

namespace {
constexpr std::uint64_t kMaxSsrc = 0xffffffffu;
}

Result<Source> read_source(const xml::Element& e) {
  Source s;
  JG_TRY(const auto ssrc, detail::uint_attr(e, "ssrc", kMaxSsrc));
  s.ssrc = static_cast<std::uint32_t>(ssrc);
  detail::keep_unknown_attrs(e, {"ssrc"}, s.unknown.attrs);
  JG_CHECK(read_parameters(e, ns::jingle_ssma, s.parameters, s.unknown.children));
  return s;
}

void write_source(xml::Writer& w, const Source& s) {
  w.open("source", ns::jingle_ssma).attr("ssrc", std::uint64_t{s.ssrc});
  detail::write_unknown_attrs(w, s.unknown.attrs, {"ssrc"});
  write_parameters(w, s.parameters, ns::jingle_ssma, s.unknown.children);
  w.close();
}

Result<SsrcGroup> read_ssrc_group(const xml::Element& e) {
  SsrcGroup g;
  JG_TRY(g.semantics, detail::string_attr(e, "semantics"));
  detail::keep_unknown_attrs(e, {"semantics"}, g.unknown.attrs);
  for (const auto& c : e.children) {
    if (c.is("source", ns::jingle_ssma)) {
      JG_TRY(const auto ssrc, detail::uint_attr(c, "ssrc", kMaxSsrc));
      g.ssrcs.push_back(static_cast<std::uint32_t>(ssrc));
    } else {
      g.unknown.children.push_back(c);
    }
  }
  return g;
}

void write_ssrc_group(xml::Writer& w, const SsrcGroup& g) {
  w.open("ssrc-group", ns::jingle_ssma).attr("semantics", g.semantics);
  detail::write_unknown_attrs(w, g.unknown.attrs, {"semantics"});
  for (const auto ssrc : g.ssrcs) w.open("source", ns::jingle_ssma).attr("ssrc", std::uint64_t{ssrc}).close();
  detail::write_unknown_children(w, g.unknown.children);
  w.close();
}

}  // namespace jinglegate::jingle

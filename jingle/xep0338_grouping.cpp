// XEP-0338 Jingle Grouping Framework: <group/> reader and writer.
#include "jingle/xep0338_grouping.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

Result<Group> read_group(const xml::Element& e) {
  Group g;
  if (const std::string* semantics = e.attr("semantics")) {
    g.semantics = *semantics;
  } else if (const std::string* type = e.attr("type")) {
    g.semantics = *type;
  } else {
    return detail::missing_attr(e, "semantics");
  }
  // When both are present, semantics wins and type is kept as an unknown attribute.
  const bool type_is_unknown = e.attr("semantics") != nullptr;
  for (const auto& a : e.attrs)
    if (a.name != "semantics" && (a.name != "type" || type_is_unknown)) g.unknown.attrs.push_back(a);
  for (const auto& c : e.children) {
    // The <content/> children inherit the grouping namespace; accept a Jingle-qualified one too.
    if (c.name == "content" && (c.ns == ns::jingle_grouping || c.ns == ns::jingle)) {
      const std::string* name = c.attr("name");
      if (!name) return detail::missing_attr(c, "name");
      g.contents.push_back(*name);
    } else {
      g.unknown.children.push_back(c);
    }
  }
  return g;
}

void write_group(xml::Writer& w, const Group& g) {
  w.open("group", ns::jingle_grouping).attr("semantics", g.semantics);
  detail::write_unknown_attrs(w, g.unknown.attrs, {"semantics"});
  for (const auto& name : g.contents) w.open("content", ns::jingle_grouping).attr("name", name).close();
  detail::write_unknown_children(w, g.unknown.children);
  w.close();
}

}  // namespace jinglegate::jingle

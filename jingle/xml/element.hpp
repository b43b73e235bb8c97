// A small owned XML element tree: what the reader produces and what models keep of unknown XML.
//
// Mixed content is not modelled: an element keeps the concatenation of its own character data
// in `text` (XMPP payloads we handle never interleave text and children meaningfully).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jinglegate::xml {

// An attribute. `name` is the local name for unqualified attributes, "xml:lang"-style for the
// XML namespace, and Clark notation "{uri}local" for any other namespace-qualified attribute.
struct Attr {
  std::string name;
  std::string value;
  friend bool operator==(const Attr&, const Attr&) = default;
};

struct Element {
  std::string name;  // local name
  std::string ns;    // namespace URI ("" when none)
  std::vector<Attr> attrs;
  std::vector<Element> children;
  std::string text;

  Element() = default;
  Element(std::string name_, std::string ns_) : name(std::move(name_)), ns(std::move(ns_)) {}

  bool is(std::string_view n, std::string_view uri) const { return name == n && ns == uri; }

  // The attribute's value, or nullptr when absent.
  const std::string* attr(std::string_view n) const {
    for (const auto& a : attrs)
      if (a.name == n) return &a.value;
    return nullptr;
  }
  std::string_view attr_or(std::string_view n, std::string_view fallback = {}) const {
    const std::string* v = attr(n);
    return v ? std::string_view(*v) : fallback;
  }
  Element& set_attr(std::string n, std::string v);  // replaces an existing one

  // First child with that name and namespace, or nullptr.
  const Element* child(std::string_view n, std::string_view uri) const {
    for (const auto& c : children)
      if (c.is(n, uri)) return &c;
    return nullptr;
  }
  Element* child(std::string_view n, std::string_view uri) {
    for (auto& c : children)
      if (c.is(n, uri)) return &c;
    return nullptr;
  }
  // First child in that namespace, whatever its name, or nullptr.
  const Element* child_in(std::string_view uri) const {
    for (const auto& c : children)
      if (c.ns == uri) return &c;
    return nullptr;
  }
  Element& add(Element child_element) {
    children.push_back(std::move(child_element));
    return children.back();
  }
  Element& add(std::string n, std::string uri) { return add(Element(std::move(n), std::move(uri))); }

  friend bool operator==(const Element&, const Element&) = default;
};

}  // namespace jinglegate::xml

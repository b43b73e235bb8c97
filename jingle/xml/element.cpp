// A small owned XML element tree: the out-of-line members of Element.
#include "jingle/xml/element.hpp"

namespace jinglegate::xml {

Element& Element::set_attr(std::string n, std::string v) {
  for (auto& a : attrs) {
    if (a.name == n) {
      a.value = std::move(v);
      return *this;
    }
  }
  attrs.push_back(Attr{std::move(n), std::move(v)});
  return *this;
}

}  // namespace jinglegate::xml

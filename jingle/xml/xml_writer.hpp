// A small streaming XML writer: appends escaped markup to one string, namespaces declared only
// where they change. Models write themselves through it; `Element` trees go through `element()`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/xml/element.hpp"

namespace jinglegate::xml {

void append_escaped_text(std::string& out, std::string_view s);  // & < >
void append_escaped_attr(std::string& out, std::string_view s);  // & < > ' "

class Writer {
 public:
  // `inherited_ns` is the default namespace in scope where this output is placed, e.g.
  // "jabber:component:accept" for a stanza written into a component stream.
  explicit Writer(std::string& out, std::string_view inherited_ns = {});

  // <name xmlns='ns' — the xmlns is written only when ns differs from the one in scope.
  // `name` and `ns` are kept as views until close(): pass literals or strings that outlive it.
  Writer& open(std::string_view name, std::string_view ns);
  Writer& attr(std::string_view name, std::string_view value);
  Writer& attr(std::string_view name, std::uint64_t value);
  Writer& attr_if(std::string_view name, std::string_view value) {  // skipped when empty
    return value.empty() ? *this : attr(name, value);
  }
  Writer& text(std::string_view s);
  Writer& close();  // "/>" or "</name>"
  // A leaf: <name xmlns='ns'/> with no attributes.
  Writer& empty(std::string_view name, std::string_view ns) { return open(name, ns).close(); }
  // A whole element tree (e.g. an unknown child kept by a model).
  Writer& element(const Element& e);

  std::size_t depth() const { return stack_.size(); }

 private:
  struct Open {
    std::string_view name;
    std::string_view ns;
    bool has_content;
  };
  void finish_start_tag();

  std::string& out_;
  std::string_view base_ns_;
  std::vector<Open> stack_;
  bool in_start_tag_ = false;
};

// Serialises a tree; `inherited_ns` as for Writer.
std::string to_string(const Element& e, std::string_view inherited_ns = {});

}  // namespace jinglegate::xml

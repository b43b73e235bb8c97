// A small streaming XML writer: appends escaped markup to one string.
#include "jingle/xml/xml_writer.hpp"

#include <charconv>

namespace jinglegate::xml {

namespace {
template <bool Attr>
void append_escaped(std::string& out, std::string_view s) {
  std::size_t run = 0;  // start of the pending run of characters that need no escaping
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char* rep = nullptr;
    switch (s[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '\'': if (Attr) rep = "&apos;"; break;
      case '"': if (Attr) rep = "&quot;"; break;
      // Attribute values are normalised by readers (XML 1.0 §3.3.3): keep whitespace exact.
      case '\n': if (Attr) rep = "&#10;"; break;
      case '\r': rep = "&#13;"; break;
      case '\t': if (Attr) rep = "&#9;"; break;
      default: break;
    }
    if (rep) {
      out.append(s.data() + run, i - run);
      out.append(rep);
      run = i + 1;
    }
  }
  out.append(s.data() + run, s.size() - run);
}
}  // namespace

void append_escaped_text(std::string& out, std::string_view s) { append_escaped<false>(out, s); }
void append_escaped_attr(std::string& out, std::string_view s) { append_escaped<true>(out, s); }

Writer::Writer(std::string& out, std::string_view inherited_ns) : out_(out), base_ns_(inherited_ns) {}

void Writer::finish_start_tag() {
  if (in_start_tag_) {
    out_.push_back('>');
    in_start_tag_ = false;
  }
}

Writer& Writer::open(std::string_view name, std::string_view ns) {
  finish_start_tag();
  if (!stack_.empty()) stack_.back().has_content = true;
  const std::string_view in_scope = stack_.empty() ? base_ns_ : stack_.back().ns;
  out_.push_back('<');
  out_.append(name);
  if (ns != in_scope) {
    out_.append(" xmlns='");
    append_escaped_attr(out_, ns);
    out_.push_back('\'');
  }
  stack_.push_back(Open{name, ns, false});
  in_start_tag_ = true;
  return *this;
}

Writer& Writer::attr(std::string_view name, std::string_view value) {
  out_.push_back(' ');
  out_.append(name);
  out_.append("='");
  append_escaped_attr(out_, value);
  out_.push_back('\'');
  return *this;
}

Writer& Writer::attr(std::string_view name, std::uint64_t value) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  out_.push_back(' ');
  out_.append(name);
  out_.append("='");
  out_.append(buf, end);
  out_.push_back('\'');
  return *this;
}

Writer& Writer::text(std::string_view s) {
  if (s.empty()) return *this;
  finish_start_tag();
  if (!stack_.empty()) stack_.back().has_content = true;
  append_escaped_text(out_, s);
  return *this;
}

Writer& Writer::close() {
  const Open top = stack_.back();
  stack_.pop_back();
  if (!top.has_content) {
    out_.append("/>");
    in_start_tag_ = false;
    return *this;
  }
  finish_start_tag();
  out_.append("</");
  out_.append(top.name);
  out_.push_back('>');
  return *this;
}

Writer& Writer::element(const Element& e) {
  open(e.name, e.ns);
  int prefixes = 0;
  for (const auto& a : e.attrs) {
    if (!a.name.empty() && a.name.front() == '{') {
      // Clark notation "{uri}local": declare a prefix for this element only.
      const auto close_brace = a.name.find('}');
      const std::string prefix = "ns" + std::to_string(++prefixes);
      attr("xmlns:" + prefix, std::string_view(a.name).substr(1, close_brace - 1));
      attr(prefix + ":" + a.name.substr(close_brace + 1), a.value);
    } else {
      attr(a.name, a.value);
    }
  }
  text(e.text);
  for (const auto& c : e.children) element(c);
  return close();
}

std::string to_string(const Element& e, std::string_view inherited_ns) {
  std::string out;
  Writer w(out, inherited_ns);
  w.element(e);
  return out;
}

}  // namespace jinglegate::xml

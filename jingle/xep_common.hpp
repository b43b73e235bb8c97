// Shared pieces of the Jingle XEP models (XEP-0166 family): what we keep of XML we do not model,
// the <parameter name='' value=''/> element, the creator/senders enums, and reader helpers.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/xml/element.hpp"
#include "jingle/xml/xml_writer.hpp"

namespace jinglegate::jingle {

// What a reader did not understand on one element, in document order: a bridge must not drop a
// peer's extension silently. Writers emit the attributes after the known ones and the children
// after the known ones (so the relative order of known and unknown children is not kept).
struct Unknown {
  std::vector<xml::Attr> attrs;      // names as xml::Attr: "local", "xml:lang" or "{uri}local"
  std::vector<xml::Element> children;
  bool empty() const { return attrs.empty() && children.empty(); }
  friend bool operator==(const Unknown&, const Unknown&) = default;
};

// XEP-0166 §7.2 content creator; also XEP-0167 <mute creator=''/>.
enum class Creator { initiator, responder };
// XEP-0166 §7.2 content senders ("absent = both"); also XEP-0294 <rtp-hdrext senders=''/>.
enum class Senders { both, initiator, responder, none };

std::string_view to_string(Creator c);
std::string_view to_string(Senders s);
std::optional<Creator> parse_creator(std::string_view s);
std::optional<Senders> parse_senders(std::string_view s);

// A closed set's XML names, indexed by the enum's value (the enum lists them in the same order).
template <class E, std::size_t N>
struct EnumNames {
  std::array<std::string_view, N> names;
  std::string_view operator()(E e) const { return names[static_cast<std::size_t>(e)]; }
  std::optional<E> parse(std::string_view s) const {
    for (std::size_t i = 0; i < N; ++i)
      if (names[i] == s) return static_cast<E>(i);
    return std::nullopt;
  }
};

// <parameter name='' value=''/>: XEP-0167 (payload-type), XEP-0293, XEP-0294, XEP-0339. The
// value is optional in XEP-0293/0294/0339 and StanzaJS writes a=fmtp:101 0-15 without one.
// Attributes other than name/value on a <parameter/> are not kept.
struct Parameter {
  std::string name;
  std::optional<std::string> value;
  friend bool operator==(const Parameter&, const Parameter&) = default;
};
Result<Parameter> read_parameter(const xml::Element& e);
void write_parameter(xml::Writer& w, const Parameter& p, std::string_view ns);
// The children of an element holding <parameter/>s in namespace `ns` (XEP-0293, 0294, 0339):
// parameters to `params`, anything else to `unknown`.
Result<void> read_parameters(const xml::Element& e, std::string_view ns, std::vector<Parameter>& params,
                             std::vector<xml::Element>& unknown);
// Writes `params` in `ns`, then the unknown children.
void write_parameters(xml::Writer& w, const std::vector<Parameter>& params, std::string_view ns,
                      const std::vector<xml::Element>& unknown);

namespace detail {

// Errc::bad_jingle naming the element: "<candidate/>: missing attribute 'port'".
Failure missing_attr(const xml::Element& e, std::string_view attr);
Failure bad_attr(const xml::Element& e, std::string_view attr, std::string_view value);
Failure bad_element(const xml::Element& e, std::string_view why);

// Unsigned decimal, surrounding XML whitespace ignored; nullopt on anything else or overflow.
std::optional<std::uint64_t> to_uint(std::string_view s, std::uint64_t max);
// The attribute as an unsigned number no larger than `max`: absent → nullopt, bad → failure.
Result<std::optional<std::uint64_t>> opt_uint_attr(const xml::Element& e, std::string_view attr,
                                                   std::uint64_t max);
// Required variant: absent or bad → failure.
Result<std::uint64_t> uint_attr(const xml::Element& e, std::string_view attr, std::uint64_t max);
// xs:boolean: true/1/false/0.
Result<std::optional<bool>> opt_bool_attr(const xml::Element& e, std::string_view attr);
// A required attribute's value (may be empty).
Result<std::string> string_attr(const xml::Element& e, std::string_view attr);

std::string_view trim(std::string_view s);  // XML whitespace

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names);

// Appends the attributes of `e` whose names are not in `known` to `out`.
void keep_unknown_attrs(const xml::Element& e, std::initializer_list<std::string_view> known,
                        std::vector<xml::Attr>& out);

// Writes kept attributes: "{uri}local" gets a prefix declared on this element; names that are not
// XML names, or that the writer already wrote (`written`), are skipped so the output stays
// well-formed whatever a model holds.
void write_unknown_attrs(xml::Writer& w, const std::vector<xml::Attr>& attrs,
                         std::initializer_list<std::string_view> written);
void write_unknown_children(xml::Writer& w, const std::vector<xml::Element>& children);

bool is_xml_name(std::string_view s);

}  // namespace detail
}  // namespace jinglegate::jingle

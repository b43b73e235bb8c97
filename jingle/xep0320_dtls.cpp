// XEP-0320 Use of DTLS-SRTP in Jingle Sessions: <fingerprint/> reader and writer.
#include "jingle/xep0320_dtls.hpp"

#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle {

namespace {
constexpr EnumNames<Setup, 4> kSetups{{"actpass", "active", "passive", "holdconn"}};
}  // namespace

std::string_view setup_name(Setup s) { return kSetups(s); }
std::optional<Setup> parse_setup(std::string_view s) { return kSetups.parse(s); }

Result<DtlsFingerprint> read_fingerprint(const xml::Element& e) {
  DtlsFingerprint f;
  JG_TRY(f.fingerprint.hash, detail::string_attr(e, "hash"));
  f.fingerprint.value = std::string(detail::trim(e.text));
  if (f.fingerprint.value.empty()) return detail::bad_element(e, "no fingerprint value");
  if (const std::string* setup = e.attr("setup")) {
    f.setup = parse_setup(detail::trim(*setup));
    if (!f.setup) return detail::bad_attr(e, "setup", *setup);
  }
  JG_TRY(f.required, detail::opt_bool_attr(e, "required"));
  detail::keep_unknown_attrs(e, {"hash", "setup", "required"}, f.unknown.attrs);
  f.unknown.children = e.children;
  return f;
}

void write_fingerprint(xml::Writer& w, const DtlsFingerprint& f) {
  w.open("fingerprint", ns::jingle_dtls).attr("hash", f.fingerprint.hash);
  if (f.setup) w.attr("setup", setup_name(*f.setup));
  if (f.required) w.attr("required", *f.required ? "true" : "false");
  detail::write_unknown_attrs(w, f.unknown.attrs, {"hash", "setup", "required"});
  // Unknown children before the value keep the value the element's only character data.
  detail::write_unknown_children(w, f.unknown.children);
  w.text(f.fingerprint.value);
  w.close();
}

}  // namespace jinglegate::jingle

// libFuzzer target for the Jingle model (XEP-0166 family and XEP-0353): anything read can be
// written, and what is written reads back to an equal model.
//
//   xml::parse → read_jingle → write → xml::parse → read_jingle, equal (likewise read_jingle_message)
// on the document root and on each of its direct children (so a whole <iq/> or <message/> works).
// Every per-client adaptation (jingle/adapt/peer_adapt.hpp) applied to what was read must keep
// that property: the bridge writes what they return.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "jingle/adapt/peer_adapt.hpp"
#include "jingle/jingle.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"

using namespace jinglegate;

namespace {

[[noreturn]] void die(const char* what, const std::string& written) {
  std::fprintf(stderr, "jingle_fuzz: %s\nwritten: %s\n", what, written.c_str());
  std::abort();
}

// The writer may add one attribute to an element (generation='0' on a candidate, creator on a
// content): the re-read gets room for it, the property is about the model, not the limits.
xml::Limits relaxed() {
  xml::Limits l;
  l.max_attrs *= 2;
  l.max_bytes *= 2;
  return l;
}

template <class Read, class ToXml>
void check(const xml::Element& e, Read read, ToXml to_xml) {
  auto first = read(e);
  if (!first) return;
  const std::string written = to_xml(*first);
  auto reparsed = xml::parse(written, relaxed());
  if (!reparsed) die(("written XML does not parse: " + reparsed.error().detail).c_str(), written);
  auto second = read(*reparsed);
  if (!second) die("written XML does not read back", written);
  if (!(*second == *first)) die("model changed across write and read", written);
}

void round_trip(const jingle::Jingle& j) {
  const std::string written = jingle::to_xml(j);
  auto reparsed = xml::parse(written, relaxed());
  if (!reparsed) die(("adapted XML does not parse: " + reparsed.error().detail).c_str(), written);
  auto again = jingle::read_jingle(*reparsed);
  if (!again) die("adapted XML does not read back", written);
  if (!(*again == j)) die("adapted model changed across write and read", written);
}

void check_adapted(const jingle::Jingle& j) {
  namespace adapt = jingle::adapt;
  jingle::Jingle out = j;
  adapt::keep_udp_candidates(out);
  adapt::drop_groups(out);
  adapt::drop_network_cost(out);
  adapt::drop_rtcp_candidates(out);
  adapt::drop_sdes(out);
  adapt::session_accept_as_content_accept(out);
  for (const auto& one : adapt::one_content_per_transport_info(out)) round_trip(one);
  if (j.contents.size() < 2) return;
  jingle::Jingle accept = j;
  accept.contents.erase(accept.contents.begin());
  adapt::keep_declined_contents(accept, j, {j.contents.front().name});
  round_trip(accept);
}

void check_element(const xml::Element& e) {
  if (e.is("jingle", ns::jingle)) {
    check(e, jingle::read_jingle, [](const jingle::Jingle& j) { return jingle::to_xml(j); });
    if (auto j = jingle::read_jingle(e)) check_adapted(*j);
  } else if (e.ns == ns::jingle_message) {
    check(e, jingle::read_jingle_message, [](const jingle::JingleMessage& m) { return jingle::to_xml(m); });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto root = xml::parse(input);
  if (!root) return 0;
  check_element(*root);
  for (const auto& child : root->children) check_element(child);
  return 0;
}

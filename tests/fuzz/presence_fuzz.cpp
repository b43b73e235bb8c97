// libFuzzer target: what presence/ reads from the XMPP side — presence stanzas (RFC 6121 §4.7,
// XEP-0115 <c/>) and disco#info answers (XEP-0030, hashed per XEP-0115 §5).
// Properties: never crashes; a presence read is written and reads back the same; a disco#info
// read is written and reads back the same, and its hash computes under every algorithm.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "jingle/xml/xml_reader.hpp"
#include "presence/caps_cache.hpp"
#include "presence/presence_state.hpp"

using namespace jinglegate;
using namespace jinglegate::presence;

namespace {
void presence_round_trip(const xml::Element& e) {
  auto p = read_presence(e);
  if (!p) return;
  const auto written = write_presence(p->from, p->to, p->type, &p->info, p->caps ? &*p->caps : nullptr);
  auto again = read_presence(written);
  if (!again || again->type != p->type || !(again->info == p->info) || again->caps != p->caps ||
      !(again->from == p->from) || !(again->to == p->to))
    std::abort();
}

void disco_round_trip(const xml::Element& e) {
  auto info = read_disco_info(e);
  if (!info) return;
  auto again = read_disco_info(write_disco_info(*info));
  if (!again || !(*again == *info)) std::abort();
  for (auto h : {CapsHash::sha_1, CapsHash::sha_256, CapsHash::sha_512}) (void)caps_verify(*info, h, caps_ver(*info, h));
  (void)capabilities_of(*info);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = xml::parse(text);
  if (!doc) return 0;
  presence_round_trip(*doc);
  disco_round_trip(*doc);
  return 0;
}

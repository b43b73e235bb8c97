// libFuzzer target: the XEP-0114 stream codec (restricted expat in stream mode) fed arbitrary
// server bytes in arbitrary slices. Properties: no crash, leak or hang; once failed it stays
// failed; every stanza it yields can be written and read back to the same tree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "component/xmpp/stream_codec.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_reader.hpp"
#include "jingle/xml/xml_writer.hpp"

using namespace jinglegate;
using namespace jinglegate::component::xmpp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  // The first byte picks the slice size, so split reads are explored too.
  const std::size_t slice = 1 + data[0] % 64;
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  xml::Limits limits;
  limits.max_bytes = 4096;
  limits.max_skip_bytes = 16384;
  StreamCodec codec("call.a.test", limits);
  (void)codec.open();
  std::vector<StreamEvent> events;
  bool failed = false;
  for (std::size_t i = 0; i < input.size(); i += slice) {
    auto r = codec.feed(input.substr(i, slice), events);
    if (failed && r.ok()) __builtin_trap();  // a failed stream must stay failed
    failed = failed || !r.ok();
  }
  if (!failed) (void)codec.finish(events);
  for (const auto& ev : events) {
    if (ev.kind != StreamEvent::Kind::stanza) continue;
    const std::string text = xml::to_string(ev.element);
    auto again = xml::parse(text);
    if (!again.ok() || !(*again == ev.element)) __builtin_trap();
  }
  return 0;
}

// Fuzz target: the SDP <-> Jingle translation. Whatever the input, as SDP or as Jingle XML:
//  - SDP that parses translates to Jingle whose XML reads back; if that becomes SDP again, our own
//    parser reads it (anything we write, we can read);
//  - Jingle that reads and translates (to_sdp_text checks its output parses) re-translates to
//    Jingle from that SDP.
// Refusals (Errc) are fine; crashes, sanitizer reports and unreadable output are not.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "jingle/sdp/sdp.hpp"
#include "jingle/translate/translate.hpp"

using namespace jinglegate::jingle;

namespace {
void require(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto s = sdp::parse_sdp(input)) {
    for (bool lines : {true, false}) {
      ToJingleOptions o;
      o.sid = "fuzz";
      o.sdp_lines = lines;
      auto j = to_jingle(*s, o);
      if (!j) continue;
      auto again = parse_jingle(to_xml(*j));
      require(again.ok());
      // SDP from a browser-shaped description must come back writable and readable.
      if (auto back = to_sdp(*again)) require(sdp::parse_sdp(sdp::write_sdp(*back)).ok());
    }
  }

  if (auto j = parse_jingle(input)) {
    if (auto text = to_sdp_text(*j)) {
      auto reread = sdp::parse_sdp(*text);
      require(reread.ok());
      ToJingleOptions o;
      o.sid = j->sid.empty() ? "fuzz" : j->sid;
      require(to_jingle(*reread, o).ok());
    }
  }
  return 0;
}

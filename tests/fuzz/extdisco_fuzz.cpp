// libFuzzer target: the XEP-0215 reader (and XEP-0082 DateTime) over arbitrary XML from the
// server. Properties: no crash, leak or hang; anything read can be written and reads back the
// same; a DateTime that parses writes back to the same instant.
#include <cstddef>
#include <cstdint>
#include <string>

#include "component/xmpp/extdisco.hpp"
#include "jingle/xml/xml_reader.hpp"

using namespace jinglegate;
using namespace jinglegate::component::xmpp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto t = parse_datetime(input)) {
    auto again = parse_datetime(write_datetime(*t));
    if (!again || *again != *t) __builtin_trap();
  }
  xml::Limits limits;
  limits.max_bytes = 64 * 1024;
  auto doc = xml::parse(input, limits);
  if (!doc) return 0;
  auto services = read_services(*doc);
  if (!services) return 0;
  auto again = read_services(write_services(*services));
  if (!again || *again != *services) __builtin_trap();
  (void)earliest_expiry(*services);
  return 0;
}

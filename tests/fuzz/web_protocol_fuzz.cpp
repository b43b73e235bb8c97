// libFuzzer target: the browser signaling protocol parser (component/web/protocol.cpp).
// Properties: never crashes; anything read can be written, and reads back as the same message;
// every refusal names a registry code and serializes as valid JSON.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "component/web/protocol.hpp"

using namespace jinglegate::component::web;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Parsed p = parse_client_message(text);
  if (auto* bad = std::get_if<BadMessage>(&p)) {
    if (nlohmann::json::parse(write_error(*bad), nullptr, false).is_discarded()) std::abort();
    return 0;
  }
  const auto& m = std::get<ClientMessage>(p);
  const std::string written = write_client_message(m);
  Parsed again = parse_client_message(written, ProtocolLimits{written.size() + 1});
  if (!std::holds_alternative<ClientMessage>(again) || !(std::get<ClientMessage>(again) == m)) std::abort();
  return 0;
}

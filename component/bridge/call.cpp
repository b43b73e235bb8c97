// One bridged call: the lookups its fields answer.
#include "component/bridge/call.hpp"

namespace jinglegate::component::bridge {

jingle::Creator Call::creator_of(const std::string& name) const {
  auto it = creators.find(name);
  return it == creators.end() ? jingle::Creator::initiator : it->second;
}

std::string Call::mid_at(std::uint16_t index) const {
  if (!browser || index >= browser->media.size()) return {};
  return browser->media[index].mid.value_or("");
}

std::optional<std::uint16_t> Call::index_of(const std::string& mid) const {
  if (!browser) return std::nullopt;
  for (std::size_t i = 0; i < browser->media.size(); ++i)
    if (browser->media[i].mid == mid) return static_cast<std::uint16_t>(i);
  return std::nullopt;
}

}  // namespace jinglegate::component::bridge

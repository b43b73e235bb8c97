// The bridge's calls and their indexes.
#include "component/bridge/call_registry.hpp"

namespace jinglegate::component::bridge {

Call& CallRegistry::add(std::unique_ptr<Call> call) {
  Call& c = *call;
  by_sid_[{c.local.bare().str(), c.sid}] = c.id;
  calls_[c.id] = std::move(call);
  return c;
}

void CallRegistry::remove(CallId id) {
  auto it = calls_.find(id);
  if (it == calls_.end()) return;
  std::erase_if(by_sid_, [id](const auto& kv) { return kv.second == id; });
  std::erase_if(by_web_, [id](const auto& kv) { return kv.second == id; });
  calls_.erase(it);
}

Call* CallRegistry::get(CallId id) {
  auto it = calls_.find(id);
  return it == calls_.end() ? nullptr : it->second.get();
}

Call* CallRegistry::by_sid(const std::string& local_bare, const std::string& sid) {
  auto it = by_sid_.find({local_bare, sid});
  return it == by_sid_.end() ? nullptr : get(it->second);
}

Call* CallRegistry::by_web(web::ConnId conn, const std::string& session) {
  auto it = by_web_.find({conn, session});
  return it == by_web_.end() ? nullptr : get(it->second);
}

void CallRegistry::index_web(web::ConnId conn, const std::string& session, CallId id) { by_web_[{conn, session}] = id; }

void CallRegistry::unindex_web(web::ConnId conn, const std::string& session) { by_web_.erase({conn, session}); }

std::vector<CallId> CallRegistry::ids() const {
  std::vector<CallId> out;
  for (const auto& [id, c] : calls_) out.push_back(id);
  return out;
}

std::vector<CallId> CallRegistry::of_connection(web::ConnId conn) const {
  std::vector<CallId> out;
  for (const auto& [key, id] : by_web_)
    if (key.first == conn && (out.empty() || out.back() != id)) out.push_back(id);
  return out;
}

}  // namespace jinglegate::component::bridge

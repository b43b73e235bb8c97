// A plain set of online web users (local part + resource): the IsOnline the daemon uses until
// the web gateway provides its own, and what tests feed the disco responder with.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "jingle/error.hpp"

namespace jinglegate::component::xmpp {

class WebUserSet {
 public:
  void add(std::string local, std::string resource) { users_.emplace(std::move(local), std::move(resource)); }
  void remove(std::string_view local, std::string_view resource) { users_.erase({std::string(local), std::string(resource)}); }
  bool online(std::string_view local, std::string_view resource) const {
    return users_.count({std::string(local), std::string(resource)}) == 1;
  }
  std::size_t size() const { return users_.size(); }

 private:
  std::set<std::pair<std::string, std::string>> users_;
};

// "alice/web1, bob/phone" → a set; Errc::bad_config naming the bad entry otherwise.
Result<WebUserSet> parse_web_users(std::string_view list);

}  // namespace jinglegate::component::xmpp

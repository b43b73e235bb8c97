// A plain set of online web users: parsing its one-line form.
#include "component/xmpp/web_users.hpp"

namespace jinglegate::component::xmpp {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

Result<WebUserSet> parse_web_users(std::string_view list) {
  WebUserSet set;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view entry = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (entry.empty()) continue;
    const auto slash = entry.find('/');
    if (slash == 0 || slash == std::string_view::npos || slash + 1 == entry.size() ||
        entry.find('@') != std::string_view::npos)
      return fail(Errc::bad_config, "web user \"" + std::string(entry) + "\" is not local/resource");
    set.add(std::string(entry.substr(0, slash)), std::string(entry.substr(slash + 1)));
  }
  return set;
}

}  // namespace jinglegate::component::xmpp

// Typed, bounded reading of one TOML table of the configuration, in the manner of Prosody's
// get_option_integer(name, default, min): each getter names its key, checks type and bounds,
// and `finish()` refuses any key nobody asked for.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "component/config/config.hpp"

namespace jinglegate::component::config_detail {

class Section {
 public:
  // `table` may be null (the section is absent: every key keeps its default). `name` prefixes
  // every error: "web.listen_port: must be 1..65535".
  Section(const toml::table* table, std::string name) : table_(table), name_(std::move(name)) {}

  bool has(std::string_view key) const { return table_ && table_->contains(key); }
  void known(std::string_view key) { asked_.emplace(key); }  // a key read by other means
  Result<void> str(std::string_view key, std::string& out, bool required = false);
  Result<void> flag(std::string_view key, bool& out);
  Result<void> integer(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max);
  Result<void> number(std::string_view key, double& out, double min, double max, std::string_view unit = {});
  Result<void> seconds(std::string_view key, Seconds& out, double min, double max);
  Result<void> strings(std::string_view key, std::vector<std::string>& out);
  Result<void> finish() const;  // unknown keys, by name

  template <class T>
  Result<void> count(std::string_view key, T& out, std::int64_t min, std::int64_t max) {
    auto v = static_cast<std::int64_t>(out);
    JG_CHECK(integer(key, v, min, max));
    out = static_cast<T>(v);
    return Ok{};
  }

  // An error about `key` with the line it is on, when it is present.
  Failure bad(std::string_view key, std::string_view message) const;
  const std::string& name() const { return name_; }

 private:
  const toml::node* get(std::string_view key);

  const toml::table* table_;
  std::string name_;
  std::set<std::string, std::less<>> asked_;
};

}  // namespace jinglegate::component::config_detail

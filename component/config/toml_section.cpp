// Typed, bounded reading of one TOML table of the configuration.
#include "component/config/toml_section.hpp"

#include <cmath>

namespace jinglegate::component::config_detail {

namespace {
std::string bounds(double min, double max) {
  auto fmt = [](double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  };
  return fmt(min) + ".." + fmt(max);
}
}  // namespace

const toml::node* Section::get(std::string_view key) {
  asked_.emplace(key);
  return table_ ? table_->get(key) : nullptr;
}

Failure Section::bad(std::string_view key, std::string_view message) const {
  int line = 0;
  if (const toml::node* n = table_ ? table_->get(key) : nullptr) line = static_cast<int>(n->source().begin.line);
  return fail(Errc::bad_config, name_ + "." + std::string(key) + ": " + std::string(message), line);
}

Result<void> Section::str(std::string_view key, std::string& out, bool required) {
  const toml::node* n = get(key);
  if (!n) {
    if (required) return bad(key, "required");
    return Ok{};
  }
  const auto* s = n->as_string();
  if (!s) return bad(key, "must be a string");
  out = s->get();
  if (required && out.empty()) return bad(key, "must not be empty");
  return Ok{};
}

Result<void> Section::flag(std::string_view key, bool& out) {
  const toml::node* n = get(key);
  if (!n) return Ok{};
  const auto* b = n->as_boolean();
  if (!b) return bad(key, "must be true or false");
  out = b->get();
  return Ok{};
}

Result<void> Section::integer(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max) {
  const toml::node* n = get(key);
  if (!n) return Ok{};
  const auto* i = n->as_integer();
  if (!i) return bad(key, "must be an integer");
  if (i->get() < min || i->get() > max) return bad(key, "must be " + std::to_string(min) + ".." + std::to_string(max));
  out = i->get();
  return Ok{};
}

Result<void> Section::number(std::string_view key, double& out, double min, double max, std::string_view unit) {
  const toml::node* n = get(key);
  if (!n) return Ok{};
  std::string suffix;  // appended, not operator+: GCC 12 warns falsely (-Wrestrict, PR 105651) at -O2
  if (!unit.empty()) suffix.append(" ").append(unit);
  double v = 0;
  if (const auto* i = n->as_integer()) v = static_cast<double>(i->get());
  else if (const auto* f = n->as_floating_point()) v = f->get();
  else return bad(key, unit.empty() ? std::string("must be a number") : "must be a number of" + suffix);
  if (!std::isfinite(v) || v < min || v > max) return bad(key, "must be " + bounds(min, max) + suffix);
  out = v;
  return Ok{};
}

Result<void> Section::seconds(std::string_view key, Seconds& out, double min, double max) {
  double v = out.count();
  JG_CHECK(number(key, v, min, max, "seconds"));
  out = Seconds(v);
  return Ok{};
}

Result<void> Section::strings(std::string_view key, std::vector<std::string>& out) {
  const toml::node* n = get(key);
  if (!n) return Ok{};
  const auto* a = n->as_array();
  if (!a) return bad(key, "must be an array of strings");
  std::vector<std::string> values;
  for (const auto& item : *a) {
    const auto* s = item.as_string();
    if (!s) return bad(key, "must be an array of strings");
    values.push_back(s->get());
  }
  out = std::move(values);
  return Ok{};
}

Result<void> Section::finish() const {
  if (!table_) return Ok{};
  for (const auto& [k, v] : *table_)
    if (!asked_.count(k.str())) return bad(k.str(), "unknown key");
  return Ok{};
}

}  // namespace jinglegate::component::config_detail

// Prometheus metrics of the daemon: the registry and the text exposition format 0.0.4.
#include "component/metrics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace jinglegate::component {

namespace {
// [a-zA-Z_:][a-zA-Z0-9_:]* for metric names; labels the same without ':' and not starting "__"
// (reserved for Prometheus itself).
bool valid_name(std::string_view s, bool label) {
  if (s.empty() || (label && s.substr(0, 2) == "__")) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!label && c == ':') ||
                    (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

void check_names(std::string_view name, const std::vector<std::string>& labels) {
  if (!valid_name(name, false)) throw std::logic_error("metrics: bad metric name " + std::string(name));
  for (const auto& l : labels)
    if (!valid_name(l, true) || l == "le") throw std::logic_error("metrics: bad label name " + l + " in " + std::string(name));
}

std::string_view type_name(MetricType t) {
  switch (t) {
    case MetricType::counter: return "counter";
    case MetricType::gauge: return "gauge";
    case MetricType::histogram: return "histogram";
  }
  return "untyped";
}

// {a="x",b="y"} — with an extra pair (the histogram's le) when given; "" when there is nothing.
std::string label_set(const std::vector<std::string>& names, const std::vector<std::string>& values,
                      std::string_view extra_name = {}, std::string_view extra_value = {}) {
  if (names.empty() && extra_name.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ',';
    out += names[i] + "=\"" + escape_label_value(values[i]) + '"';
  }
  if (!extra_name.empty()) {
    if (!names.empty()) out += ',';
    out += std::string(extra_name) + "=\"" + std::string(extra_value) + '"';
  }
  return out + '}';
}

void write_sample(std::string& out, const std::string& name, std::string_view suffix, const std::string& labels, double v) {
  out += name;
  out += suffix;
  out += labels;
  out += ' ';
  out += format_metric_value(v);
  out += '\n';
}

// A gauge whose value is read when scraped.
class CallbackGauge final : public FamilyBase {
 public:
  CallbackGauge(std::string name, std::string help, std::function<double()> read)
      : FamilyBase(std::move(name), std::move(help), MetricType::gauge, {}), read_(std::move(read)) {}
  void write_samples(std::string& out) const override { write_sample(out, name_, "", "", read_()); }

 private:
  std::function<double()> read_;
};

void write_child(std::string& out, const FamilyBase& f, const std::vector<std::string>& values, const Counter& c) {
  write_sample(out, f.name(), "", label_set(f.label_names(), values), c.value());
}
void write_child(std::string& out, const FamilyBase& f, const std::vector<std::string>& values, const Gauge& g) {
  write_sample(out, f.name(), "", label_set(f.label_names(), values), g.value());
}
void write_child(std::string& out, const FamilyBase& f, const std::vector<std::string>& values, const Histogram& h) {
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= h.upper_bounds().size(); ++i) {
    cumulative += h.bucket_counts()[i];
    const std::string le = i < h.upper_bounds().size() ? format_metric_value(h.upper_bounds()[i]) : "+Inf";
    write_sample(out, f.name(), "_bucket", label_set(f.label_names(), values, "le", le), static_cast<double>(cumulative));
  }
  const std::string labels = label_set(f.label_names(), values);
  write_sample(out, f.name(), "_sum", labels, h.sum());
  write_sample(out, f.name(), "_count", labels, static_cast<double>(h.count()));
}
}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds) : bounds_(std::move(upper_bounds)), counts_(bounds_.size() + 1, 0) {
  if (!std::is_sorted(bounds_.begin(), bounds_.end()) ||
      std::adjacent_find(bounds_.begin(), bounds_.end()) != bounds_.end() ||
      std::any_of(bounds_.begin(), bounds_.end(), [](double b) { return !std::isfinite(b); }))
    throw std::logic_error("metrics: histogram bounds must be finite and strictly increasing");
}

void Histogram::observe(double v) {
  // Bucket i counts v ≤ bounds[i] (Prometheus' `le`); the last one is +Inf.
  const auto i = static_cast<std::size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  ++counts_[i];
  ++count_;
  sum_ += v;
}

template <class Metric>
Metric& Family<Metric>::with(std::vector<std::string> values) {
  if (values.size() != labels_.size())
    throw std::logic_error("metrics: " + name_ + " takes " + std::to_string(labels_.size()) + " label values");
  auto it = children_.find(values);
  if (it == children_.end()) it = children_.emplace(std::move(values), make_()).first;
  return it->second;
}

template <class Metric>
void Family<Metric>::write_samples(std::string& out) const {
  for (const auto& [values, metric] : children_) write_child(out, *this, values, metric);
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

FamilyBase* Metrics::find(std::string_view name, MetricType type, std::string_view help, const std::vector<std::string>& labels) {
  for (auto& f : families_) {
    if (f->name() != name) continue;
    if (f->type() != type || f->help() != help || f->label_names() != labels)
      throw std::logic_error("metrics: " + std::string(name) + " registered twice with different types, help or labels");
    return f.get();
  }
  check_names(name, labels);
  return nullptr;
}

void Metrics::add(std::unique_ptr<FamilyBase> family) { families_.push_back(std::move(family)); }

Family<Counter>& Metrics::counter(std::string_view name, std::string_view help, std::vector<std::string> labels) {
  if (auto* f = find(name, MetricType::counter, help, labels)) return static_cast<Family<Counter>&>(*f);
  auto f = std::make_unique<Family<Counter>>(std::string(name), std::string(help), MetricType::counter, std::move(labels),
                                             [] { return Counter{}; });
  auto& ref = *f;
  add(std::move(f));
  return ref;
}

Family<Gauge>& Metrics::gauge(std::string_view name, std::string_view help, std::vector<std::string> labels) {
  if (auto* f = find(name, MetricType::gauge, help, labels)) return static_cast<Family<Gauge>&>(*f);
  auto f = std::make_unique<Family<Gauge>>(std::string(name), std::string(help), MetricType::gauge, std::move(labels),
                                           [] { return Gauge{}; });
  auto& ref = *f;
  add(std::move(f));
  return ref;
}

Family<Histogram>& Metrics::histogram(std::string_view name, std::string_view help, std::vector<double> upper_bounds,
                                      std::vector<std::string> labels) {
  if (auto* f = find(name, MetricType::histogram, help, labels)) return static_cast<Family<Histogram>&>(*f);
  Histogram prototype(std::move(upper_bounds));  // validates the bounds once, at registration
  auto f = std::make_unique<Family<Histogram>>(std::string(name), std::string(help), MetricType::histogram,
                                               std::move(labels), [prototype] { return prototype; });
  auto& ref = *f;
  add(std::move(f));
  return ref;
}

void Metrics::gauge_fn(std::string_view name, std::string_view help, std::function<double()> read) {
  if (find(name, MetricType::gauge, help, {})) throw std::logic_error("metrics: " + std::string(name) + " registered twice");
  add(std::make_unique<CallbackGauge>(std::string(name), std::string(help), std::move(read)));
}

std::string Metrics::expose() const {
  std::string out;
  out.reserve(256 * families_.size());
  for (const auto& f : families_) {
    out += "# HELP " + f->name() + ' ' + escape_help(f->help()) + '\n';
    out += "# TYPE " + f->name() + ' ' + std::string(type_name(f->type())) + '\n';
    f->write_samples(out);
  }
  return out;
}

std::string format_metric_value(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back as v
  return std::string(buf, r.ptr);
}

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string escape_help(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

}  // namespace jinglegate::component

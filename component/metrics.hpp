// Prometheus metrics of the daemon: counters, gauges and histograms with labels, written in the
// text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats).
//
// One registry, owned by the daemon and passed by reference to what feeds it (link, gateway,
// router, call log; the bridge later). Single-threaded like the rest of the daemon: no atomics.
// Registering a family is idempotent (same name, type, help and labels → the same family), so each
// part registers what it feeds and nobody needs a list of all metrics; a mismatch is a
// programmer error and throws std::logic_error. Names follow Prometheus conventions: `_total`
// for counters, base units (`_seconds`).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jinglegate::component {

class Counter {
 public:
  void inc(double by = 1) { value_ += by; }  // by ≥ 0: a counter only goes up
  double value() const { return value_; }

 private:
  double value_ = 0;
};

class Gauge {
 public:
  void set(double v) { value_ = v; }
  void inc(double by = 1) { value_ += by; }
  void dec(double by = 1) { value_ -= by; }
  double value() const { return value_; }

 private:
  double value_ = 0;
};

class Histogram {
 public:
  explicit Histogram(std::vector<double> upper_bounds);  // sorted, finite; +Inf is implied
  void observe(double v);
  const std::vector<double>& upper_bounds() const { return bounds_; }
  const std::vector<std::uint64_t>& bucket_counts() const { return counts_; }  // not cumulative
  std::uint64_t count() const { return count_; }
  double sum() const { return sum_; }

 private:
  std::vector<double> bounds_;
  std::vector<std::uint64_t> counts_;  // one per bound, then one for +Inf
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

enum class MetricType { counter, gauge, histogram };

// What the exposition needs of any family.
class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, MetricType type, std::vector<std::string> labels)
      : name_(std::move(name)), help_(std::move(help)), type_(type), labels_(std::move(labels)) {}
  virtual ~FamilyBase() = default;
  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  MetricType type() const { return type_; }
  const std::vector<std::string>& label_names() const { return labels_; }
  virtual void write_samples(std::string& out) const = 0;

 protected:
  std::string name_;
  std::string help_;
  MetricType type_;
  std::vector<std::string> labels_;
};

// A metric and its children, one per combination of label values. Children are created on first
// use and live as long as the registry, so a reference taken once stays valid (hot paths keep it).
template <class Metric>
class Family final : public FamilyBase {
 public:
  Family(std::string name, std::string help, MetricType type, std::vector<std::string> labels,
         std::function<Metric()> make)
      : FamilyBase(std::move(name), std::move(help), type, std::move(labels)), make_(std::move(make)) {}

  // The child with these label values (as many as the family has labels).
  Metric& with(std::initializer_list<std::string_view> values) { return with(std::vector<std::string>(values.begin(), values.end())); }
  Metric& with(std::vector<std::string> values);
  Metric& get() { return with({}); }  // a family without labels
  void write_samples(std::string& out) const override;

 private:
  std::function<Metric()> make_;
  std::map<std::vector<std::string>, Metric> children_;  // ordered: a stable exposition
};

class Metrics {
 public:
  Family<Counter>& counter(std::string_view name, std::string_view help, std::vector<std::string> labels = {});
  Family<Gauge>& gauge(std::string_view name, std::string_view help, std::vector<std::string> labels = {});
  Family<Histogram>& histogram(std::string_view name, std::string_view help, std::vector<double> upper_bounds,
                               std::vector<std::string> labels = {});
  // A gauge read at scrape time (open connections, link state): no code path keeps it in step.
  void gauge_fn(std::string_view name, std::string_view help, std::function<double()> read);

  // The whole registry in the text format 0.0.4, families in registration order.
  std::string expose() const;

 private:
  FamilyBase* find(std::string_view name, MetricType type, std::string_view help, const std::vector<std::string>& labels);
  void add(std::unique_ptr<FamilyBase> family);

  std::vector<std::unique_ptr<FamilyBase>> families_;
};

// The Content-Type of expose()'s text.
inline constexpr std::string_view kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// Exposed for tests: a sample value as the format writes it (shortest round-trip, +Inf, -Inf, NaN),
// and a label value or help text escaped.
std::string format_metric_value(double v);
std::string escape_label_value(std::string_view v);
std::string escape_help(std::string_view v);

}  // namespace jinglegate::component

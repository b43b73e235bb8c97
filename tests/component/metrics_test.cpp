// The metrics registry against the Prometheus text exposition format 0.0.4.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "component/metrics.hpp"

using namespace jinglegate::component;

TEST_CASE("an empty registry exposes nothing") { CHECK(Metrics().expose().empty()); }

TEST_CASE("a counter and a gauge are written with HELP, TYPE and one sample line each") {
  Metrics m;
  m.counter("jg_events_total", "Events seen.").get().inc(3);
  auto& g = m.gauge("jg_open", "Open things.").get();
  g.set(5);
  g.dec(2);
  CHECK(m.expose() ==
        "# HELP jg_events_total Events seen.\n"
        "# TYPE jg_events_total counter\n"
        "jg_events_total 3\n"
        "# HELP jg_open Open things.\n"
        "# TYPE jg_open gauge\n"
        "jg_open 3\n");
}

TEST_CASE("labelled children are written in label order, values escaped") {
  Metrics m;
  auto& f = m.counter("jg_stanzas_total", "Stanzas.", {"direction", "kind"});
  f.with({"out", "iq"}).inc();
  f.with({"in", "message"}).inc(2);
  f.with({"in", "a\"b\\c\nd"}).inc();
  CHECK(m.expose() ==
        "# HELP jg_stanzas_total Stanzas.\n"
        "# TYPE jg_stanzas_total counter\n"
        "jg_stanzas_total{direction=\"in\",kind=\"a\\\"b\\\\c\\nd\"} 1\n"
        "jg_stanzas_total{direction=\"in\",kind=\"message\"} 2\n"
        "jg_stanzas_total{direction=\"out\",kind=\"iq\"} 1\n");
}

TEST_CASE("a family with labels but no child yet still has its HELP and TYPE") {
  Metrics m;
  m.counter("jg_errors_total", "Errors.", {"code"});
  CHECK(m.expose() == "# HELP jg_errors_total Errors.\n# TYPE jg_errors_total counter\n");
}

TEST_CASE("a histogram writes cumulative buckets up to +Inf, then _sum and _count") {
  Metrics m;
  auto& h = m.histogram("jg_setup_seconds", "Set-up time.", {0.25, 1, 2.5}, {"path"}).with({"web"});
  for (double v : {0.1, 0.25, 0.5, 3.0, 100.0}) h.observe(v);
  CHECK(m.expose() ==
        "# HELP jg_setup_seconds Set-up time.\n"
        "# TYPE jg_setup_seconds histogram\n"
        "jg_setup_seconds_bucket{path=\"web\",le=\"0.25\"} 2\n"  // le means ≤: 0.25 is in the first bucket
        "jg_setup_seconds_bucket{path=\"web\",le=\"1\"} 3\n"
        "jg_setup_seconds_bucket{path=\"web\",le=\"2.5\"} 3\n"
        "jg_setup_seconds_bucket{path=\"web\",le=\"+Inf\"} 5\n"
        "jg_setup_seconds_sum{path=\"web\"} 103.85\n"
        "jg_setup_seconds_count{path=\"web\"} 5\n");
}

TEST_CASE("a histogram without labels has only le in its bucket label set") {
  Metrics m;
  m.histogram("jg_h", "H.", {1}).get().observe(0.5);
  CHECK(m.expose() ==
        "# HELP jg_h H.\n# TYPE jg_h histogram\n"
        "jg_h_bucket{le=\"1\"} 1\njg_h_bucket{le=\"+Inf\"} 1\njg_h_sum 0.5\njg_h_count 1\n");
}

TEST_CASE("a callback gauge is read at scrape time") {
  Metrics m;
  int open = 1;
  m.gauge_fn("jg_connections", "Open connections.", [&open] { return open; });
  CHECK(m.expose().find("jg_connections 1\n") != std::string::npos);
  open = 7;
  CHECK(m.expose().find("jg_connections 7\n") != std::string::npos);
}

TEST_CASE("values use the shortest round-trip text and the format's special values") {
  CHECK(format_metric_value(0) == "0");
  CHECK(format_metric_value(42) == "42");
  CHECK(format_metric_value(0.005) == "0.005");
  CHECK(format_metric_value(1e21) == "1e+21");
  CHECK(format_metric_value(-2.5) == "-2.5");
  CHECK(format_metric_value(std::numeric_limits<double>::infinity()) == "+Inf");
  CHECK(format_metric_value(-std::numeric_limits<double>::infinity()) == "-Inf");
  CHECK(format_metric_value(std::nan("")) == "NaN");
  CHECK(std::stod(format_metric_value(0.1 + 0.2)) == 0.1 + 0.2);
}

TEST_CASE("HELP text escapes backslash and newline only") {
  CHECK(escape_help("a\\b\nc\"d") == "a\\\\b\\nc\"d");
  Metrics m;
  m.gauge("jg_x", "line one\nline \\two").get();
  CHECK(m.expose().rfind("# HELP jg_x line one\\nline \\\\two\n", 0) == 0);
}

TEST_CASE("registering the same family twice returns it; a different shape is a programmer error") {
  Metrics m;
  auto& a = m.counter("jg_c_total", "C.", {"k"});
  auto& b = m.counter("jg_c_total", "C.", {"k"});
  CHECK(&a == &b);
  a.with({"x"}).inc();
  CHECK(b.with({"x"}).value() == 1);
  CHECK_THROWS_AS(m.gauge("jg_c_total", "C.", {"k"}), std::logic_error);
  CHECK_THROWS_AS(m.counter("jg_c_total", "Other help.", {"k"}), std::logic_error);
  CHECK_THROWS_AS(m.counter("jg_c_total", "C.", {"j"}), std::logic_error);
  CHECK_THROWS_AS(m.gauge_fn("jg_c_total", "C.", [] { return 0.0; }), std::logic_error);
}

TEST_CASE("bad names, bad label counts and bad buckets are refused") {
  Metrics m;
  CHECK_THROWS_AS(m.counter("9lives", "x"), std::logic_error);
  CHECK_THROWS_AS(m.counter("has-dash", "x"), std::logic_error);
  CHECK_THROWS_AS(m.counter("jg_ok", "x", {"__reserved"}), std::logic_error);
  CHECK_THROWS_AS(m.counter("jg_ok2", "x", {"a:b"}), std::logic_error);
  CHECK_THROWS_AS(m.histogram("jg_h", "x", {1}, {"le"}), std::logic_error);
  CHECK_THROWS_AS(m.histogram("jg_h2", "x", {2, 1}), std::logic_error);
  CHECK_THROWS_AS(m.histogram("jg_h3", "x", {1, 1}), std::logic_error);
  CHECK_NOTHROW(m.counter("jg:colons_ok_total", "x"));
  auto& f = m.counter("jg_two_total", "x", {"a", "b"});
  CHECK_THROWS_AS(f.with({"only-one"}), std::logic_error);
}

TEST_CASE("a child reference stays valid as more children are added") {
  Metrics m;
  auto& f = m.counter("jg_many_total", "x", {"n"});
  Counter& first = f.with({"0"});
  for (int i = 1; i < 1000; ++i) f.with({std::to_string(i)}).inc();
  first.inc(5);
  CHECK(f.with({"0"}).value() == 5);
}

// Structured log lines for the daemon: one line per event, `key=value` fields, to stderr.
#include "component/log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace jinglegate::log {

namespace {
Level g_level = Level::info;  // the daemon is single-threaded: one io_context, one thread
Sink g_sink;

constexpr std::string_view name_of(Level l) {
  switch (l) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
  }
  return "info";
}

bool needs_quotes(std::string_view s) {
  if (s.empty()) return true;
  for (char c : s)
    if (c == ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return true;
  return false;
}

void append_value(std::string& out, std::string_view s) {
  if (!needs_quotes(s)) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : "?");
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}
}  // namespace

Value::Value(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  text = buf;
}

void set_level(Level l) { g_level = l; }
void set_sink(Sink sink) { g_sink = std::move(sink); }
Level level() { return g_level; }

std::optional<Level> parse_level(std::string_view s) {
  for (Level l : {Level::debug, Level::info, Level::warn, Level::error})
    if (s == name_of(l)) return l;
  return std::nullopt;
}

std::string format(Level l, std::string_view area, std::string_view event, Fields fields) {
  std::string line;
  line.reserve(128);
  line.append(name_of(l));
  line.push_back(' ');
  line.append(area);
  line.push_back(' ');
  line.append(event);
  for (const auto& [k, v] : fields) {
    line.push_back(' ');
    line.append(k);
    line.push_back('=');
    append_value(line, v.text);
  }
  return line;
}

void write(Level l, std::string_view area, std::string_view event, Fields fields) {
  if (l < g_level) return;
  if (g_sink) return g_sink(l, format(l, area, event, fields));
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char stamp[80];  // wide enough for any int fields, so -Wformat-truncation holds at -O2
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  std::string line = stamp + format(l, area, event, fields);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace jinglegate::log

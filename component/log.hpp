// Structured log lines for the daemon: one line per event, `key=value` fields, to stderr.
//
//   2026-11-24T21:00:00.123Z info link connected host=127.0.0.1 port=5347
//
// jingle/ never logs; component/ and presence/ log through this only. Values with spaces or
// quotes are quoted. Tokens, secrets and message bodies are never passed here.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace jinglegate::log {

enum class Level { debug, info, warn, error };

// A field value: text or a number.
struct Value {
  std::string text;
  Value(std::string_view s) : text(s) {}               // NOLINT
  Value(const std::string& s) : text(s) {}             // NOLINT
  Value(const char* s) : text(s ? s : "") {}           // NOLINT
  Value(std::int64_t v) : text(std::to_string(v)) {}   // NOLINT
  Value(std::uint64_t v) : text(std::to_string(v)) {}  // NOLINT
  Value(int v) : text(std::to_string(v)) {}            // NOLINT
  Value(unsigned v) : text(std::to_string(v)) {}       // NOLINT
  Value(double v);                                     // NOLINT
  Value(bool v) : text(v ? "true" : "false") {}        // NOLINT
};
using Field = std::pair<std::string_view, Value>;
using Fields = std::initializer_list<Field>;

void set_level(Level level);
// Where lines go: stderr (with a UTC timestamp) by default. Tests capture the formatted lines
// here, without the timestamp; an empty function restores stderr.
using Sink = std::function<void(Level level, const std::string& line)>;
void set_sink(Sink sink);
Level level();
std::optional<Level> parse_level(std::string_view s);

// Formats one line (without the newline); exposed for tests.
std::string format(Level level, std::string_view area, std::string_view event, Fields fields);

void write(Level level, std::string_view area, std::string_view event, Fields fields = {});
inline void debug(std::string_view area, std::string_view event, Fields f = {}) { write(Level::debug, area, event, f); }
inline void info(std::string_view area, std::string_view event, Fields f = {}) { write(Level::info, area, event, f); }
inline void warn(std::string_view area, std::string_view event, Fields f = {}) { write(Level::warn, area, event, f); }
inline void error(std::string_view area, std::string_view event, Fields f = {}) { write(Level::error, area, event, f); }

}  // namespace jinglegate::log

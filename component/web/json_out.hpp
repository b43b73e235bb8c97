// A tiny JSON text writer for the gateway's outbound messages: one buffer, no DOM.
//
// Relaying a 5 KB offer through a DOM would copy it twice; here the SDP is escaped once into a
// buffer reserved up front. Strings are assumed valid UTF-8 (they come from nlohmann's parser,
// which rejects invalid UTF-8, or from our own constants).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace jinglegate::component::web {

class JsonOut {
 public:
  explicit JsonOut(std::size_t reserve = 256) { out_.reserve(reserve); }

  JsonOut& begin_object() { open('{'); return *this; }
  JsonOut& end_object() { close('}'); return *this; }
  JsonOut& begin_array() { open('['); return *this; }
  JsonOut& end_array() { close(']'); return *this; }

  JsonOut& key(std::string_view k) {
    comma();
    quoted(k);
    out_.push_back(':');
    after_key_ = true;
    return *this;
  }
  JsonOut& value(std::string_view s) { comma(); quoted(s); return *this; }
  JsonOut& string(std::string_view k, std::string_view s) { return key(k).value(s); }
  JsonOut& boolean(std::string_view k, bool b) { key(k); comma(); out_.append(b ? "true" : "false"); return *this; }
  JsonOut& null(std::string_view k) { key(k); comma(); out_.append("null"); return *this; }
  JsonOut& raw(std::string_view k, std::string_view json) { key(k); comma(); out_.append(json); return *this; }
  JsonOut& number(std::string_view k, std::uint64_t n) { return raw(k, std::to_string(n)); }
  JsonOut& number(std::string_view k, double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return raw(k, buf);
  }

  std::string take() { return std::move(out_); }

 private:
  void open(char c) { comma(); out_.push_back(c); first_ = true; }
  void close(char c) { out_.push_back(c); first_ = false; }
  // Before a value or key: a comma unless it is the first in its container or follows a key.
  void comma() {
    if (after_key_) after_key_ = false;
    else if (!first_) out_.push_back(',');
    first_ = false;
  }
  void quoted(std::string_view s) {
    out_.push_back('"');
    std::size_t run = 0;  // copy unescaped runs in one append
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_.append(s.substr(run, i - run));
      run = i + 1;
      switch (c) {
        case '"': out_.append("\\\""); break;
        case '\\': out_.append("\\\\"); break;
        case '\n': out_.append("\\n"); break;
        case '\r': out_.append("\\r"); break;
        case '\t': out_.append("\\t"); break;
        default: {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out_.append(buf);
        }
      }
    }
    out_.append(s.substr(run));
    out_.push_back('"');
  }

  std::string out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace jinglegate::component::web

// Restricted XML reading over expat: whole documents and XMPP streams (RFC 6120 §11).
//
// Debian 12's expat is 2.5: it lacks reparse-deferral control and the allocation tracker, so the
// restrictions are ours: any DOCTYPE, entity declaration, comment or processing instruction stops
// the parser (restricted-xml); a non-UTF-8 or non-1.0 XML declaration is refused; bytes per stanza,
// nesting depth, elements per stanza and attributes per element are capped.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/xml/element.hpp"

namespace jinglegate::xml {

struct Limits {
  std::size_t max_bytes = 512 * 1024;   // per stanza / document; Prosody's component default
  int max_depth = 32;                   // deepest Jingle path is ~7 below the stanza
  std::size_t max_elements = 8192;      // per stanza; a 4-transceiver offer has ~1 200
  std::size_t max_attrs = 64;           // per element; <candidate/> has 13
};

// Parses one complete document (a single root element).
Result<Element> parse(std::string_view document, const Limits& limits = {});

// A reusable document parser: same as parse(), keeping expat's parser between calls.
class DocumentReader {
 public:
  explicit DocumentReader(const Limits& limits = {});
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;
  Result<Element> parse(std::string_view document);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A push parser for an XMPP stream: the root element opens the stream, each child of the root
// is one stanza, the root's end tag closes it. After an error the reader stays failed until
// reset(); the caller closes the stream with the matching stream error.
class StreamReader {
 public:
  struct Event {
    enum class Kind { open, stanza, close };
    Kind kind;
    Element element;  // open: the root with its attributes and no children; stanza: the stanza
  };

  explicit StreamReader(const Limits& limits = {});
  ~StreamReader();
  StreamReader(const StreamReader&) = delete;
  StreamReader& operator=(const StreamReader&) = delete;

  // Appends the events that `bytes` completes to `out`. On error, events parsed before the fault
  // are still appended.
  Result<void> feed(std::string_view bytes, std::vector<Event>& out);
  // The peer closed the connection: flushes what expat held back (it may keep the stream's end
  // tag until more input arrives) and fails if the stream was cut off mid-stanza.
  Result<void> finish(std::vector<Event>& out);
  void reset();  // for a new stream (reconnection)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jinglegate::xml

// Restricted XML reading over expat: whole documents and XMPP streams (RFC 6120 §11).
//
// Debian 12's expat is 2.5 with security backports: the restrictions are ours: any DOCTYPE,
// entity declaration, comment or processing instruction stops the parser (restricted-xml); a
// non-UTF-8 or non-1.0 XML declaration is refused; bytes per stanza, nesting depth, elements per
// stanza and attributes per element are capped. In stream mode reparse deferral (the 2.6 fix for
// CVE-2023-52425, backported by Debian) is turned off when expat has it: it holds a token that a
// small read completes until more bytes come, which on a quiet stream means a stanza waits for the
// next one. Without it a big token fed in 4 KiB slices is rescanned per slice; the byte caps
// bound that cost (as fast_xml does, reliability notes §2).
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
  // Stream mode only: a stanza over max_bytes / max_elements / max_attrs is skipped (its tree is
  // dropped as it arrives) and reported as a `refused` event, so one peer's oversized stanza does
  // not cost everybody the stream. Skipping stops at this many bytes of one stanza: past that the
  // stream fails (expat buffers a single token whole, so this bounds its memory).
  std::size_t max_skip_bytes = 8 * 512 * 1024;
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
// reset(); the caller closes the stream with the matching stream error. Depth over the limit,
// restricted or malformed XML are such errors; a stanza that is only too big is not (see
// Limits::max_skip_bytes): it comes out as a `refused` event and the stream goes on.
class StreamReader {
 public:
  struct Event {
    enum class Kind { open, stanza, refused, close };
    Kind kind;
    // open: the root with its attributes and no children; stanza: the stanza; refused: the
    // stanza's own element with its attributes, without children or text.
    Element element;
    Error error;  // refused: why (xml_too_big or xml_too_many_elements)
  };

  explicit StreamReader(const Limits& limits = {});
  ~StreamReader();
  StreamReader(const StreamReader&) = delete;
  StreamReader& operator=(const StreamReader&) = delete;
  StreamReader(StreamReader&&) noexcept;  // expat's user data points into the heap: moving is safe
  StreamReader& operator=(StreamReader&&) noexcept;

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

// Restricted XML reading over expat: whole documents and XMPP streams (RFC 6120 §11).
#include "jingle/xml/xml_reader.hpp"

#include <expat.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

namespace jinglegate::xml {

namespace {

constexpr char kNsSep = '\x01';  // cannot occur in an XML name, so it splits "uri<sep>local" safely
constexpr std::string_view kXmlNs = "http://www.w3.org/XML/1998/namespace";
// Stream input is parsed in slices so that an unterminated tag is caught after at most one
// slice past the byte limit, not after the whole read buffer.
constexpr std::size_t kSlice = 4096;

void split_name(const char* expanded, std::string& ns, std::string& local) {
  const char* sep = std::strchr(expanded, kNsSep);
  if (sep) {
    ns.assign(expanded, sep - expanded);
    local.assign(sep + 1);
  } else {
    ns.clear();
    local.assign(expanded);
  }
}

bool is_xml_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

}  // namespace

// The shared core: one expat parser, the restriction handlers, and the tree being built.
// In document mode the root is the result; in stream mode depth 1 is the stream and each
// depth-2 subtree is a stanza.
class Core {
 public:
  Core(const Limits& limits, bool stream) : limits_(limits), stream_(stream) {
    parser_ = XML_ParserCreateNS("UTF-8", kNsSep);
    install();
  }
  ~Core() { XML_ParserFree(parser_); }
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;

  void reset() {
    XML_ParserReset(parser_, "UTF-8");
    install();
    stack_.clear();
    error_.reset();
    result_.reset();
    fed_ = 0;
    boundary_ = 0;
    stanza_start_ = 0;
    elements_ = 0;
    skip_.reset();
    skip_depth_ = 0;
    done_ = false;
  }

  Result<void> parse_chunk(std::string_view bytes, bool final, std::vector<StreamReader::Event>* out) {
    if (error_) return fail(*error_);
    out_ = out;
    std::size_t pos = 0;
    // An empty final chunk still goes to expat once: it ends the document.
    do {
      const std::size_t n = stream_ ? std::min(kSlice, bytes.size() - pos) : bytes.size();
      const bool last = final && pos + n == bytes.size();
      fed_ += n;
      if (XML_Parse(parser_, bytes.data() + pos, static_cast<int>(n), last) != XML_STATUS_OK) {
        if (!error_) error_ = expat_error();
        break;
      }
      pos += n;
      if (stream_ && !check_stream_bytes()) break;
    } while (pos < bytes.size());
    out_ = nullptr;
    if (error_) return fail(*error_);
    return Ok{};
  }

  std::optional<Element> take_result() { return std::move(result_); }
  bool done() const { return done_; }

 private:
  static std::string over_bytes(std::size_t limit) { return "stanza exceeds " + std::to_string(limit) + " bytes"; }

  // Between slices: a stanza whose start tag is complete starts being skipped once over the byte
  // limit; anything else (an unterminated tag, a skip past max_skip_bytes) fails the stream.
  bool check_stream_bytes() {
    if (skip_) {
      if (fed_ - stanza_start_ <= limits_.max_skip_bytes) return true;
      error_ = Error{Errc::xml_too_big, over_bytes(limits_.max_skip_bytes), 0};
      return false;
    }
    if (fed_ - boundary_ <= limits_.max_bytes) return true;
    if (stack_.size() >= 2) {
      enter_skip(Error{Errc::xml_too_big, over_bytes(limits_.max_bytes), 0}, 0);
      return true;
    }
    error_ = Error{Errc::xml_too_big, over_bytes(limits_.max_bytes), 0};
    return false;
  }

  // Drops what was built of the current stanza but its own element; `opening` counts an element
  // being started right now that was not pushed.
  void enter_skip(Error why, std::size_t opening) {
    skip_ = std::move(why);
    skip_depth_ = stack_.size() - 2 + opening;
    stack_.resize(2);
    stack_.back().children.clear();
    stack_.back().text.clear();
  }

  // An element being started inside a stanza (not the stanza itself) breaks a limit: skip the
  // stanza in stream mode. False when the caller must fail instead.
  bool refuse_in_stream(Errc code, std::string detail) {
    if (!stream_ || stack_.size() < 2) return false;
    enter_skip(Error{code, std::move(detail), line()}, 1);
    return true;
  }

  void install() {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &Core::on_start, &Core::on_end);
    XML_SetCharacterDataHandler(parser_, &Core::on_text);
    XML_SetXmlDeclHandler(parser_, &Core::on_xml_decl);
    XML_SetStartDoctypeDeclHandler(parser_, &Core::on_doctype);
    XML_SetCommentHandler(parser_, &Core::on_comment);
    XML_SetProcessingInstructionHandler(parser_, &Core::on_pi);
    XML_SetEntityDeclHandler(parser_, &Core::on_entity_decl);
    XML_SetSkippedEntityHandler(parser_, &Core::on_skipped_entity);
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
#ifdef JG_HAVE_REPARSE_DEFERRAL
    if (stream_) XML_SetReparseDeferralEnabled(parser_, XML_FALSE);
#endif
  }

  void stop(Errc code, std::string detail) {
    if (!error_) error_ = Error{code, std::move(detail), line()};
    XML_StopParser(parser_, XML_FALSE);
  }
  int line() const { return static_cast<int>(XML_GetCurrentLineNumber(parser_)); }

  Error expat_error() const {
    const XML_Error code = XML_GetErrorCode(parser_);
    // An undefined entity reference is an entity other than the five predefined ones.
    const Errc errc = code == XML_ERROR_UNDEFINED_ENTITY ? Errc::restricted_xml : Errc::bad_xml;
    return Error{errc, XML_ErrorString(code), line()};
  }

  std::size_t index_after_token() const {
    return static_cast<std::size_t>(XML_GetCurrentByteIndex(parser_)) +
           static_cast<std::size_t>(XML_GetCurrentByteCount(parser_));
  }

  // After stop() expat may still report the end of the tag it was in: every handler ignores
  // events once an error is recorded.
  static void on_start(void* self_, const char* name, const char** atts) {
    auto* self = static_cast<Core*>(self_);
    if (self->error_) return;
    const int depth = static_cast<int>(self->stack_.size() + self->skip_depth_);
    const int stanza_depth = self->stream_ ? depth - 1 : depth;  // depth inside the stanza / document
    // Depth stays fatal even while skipping: expat keeps a tag per open level.
    if (stanza_depth >= self->limits_.max_depth)
      return self->stop(Errc::xml_too_deep, "nesting deeper than " + std::to_string(self->limits_.max_depth));
    if (self->skip_) {
      ++self->skip_depth_;
      return;
    }
    if (self->stream_ && depth == 1) {
      self->elements_ = 0;
      self->stanza_start_ = static_cast<std::size_t>(XML_GetCurrentByteIndex(self->parser_));
    }
    if (++self->elements_ > self->limits_.max_elements) {
      std::string why = "more than " + std::to_string(self->limits_.max_elements) + " elements";
      if (!self->refuse_in_stream(Errc::xml_too_many_elements, why)) self->stop(Errc::xml_too_many_elements, std::move(why));
      return;
    }
    Element e;
    split_name(name, e.ns, e.name);
    // <xml:foo/> is well-formed but names no element any protocol defines, and it could not be
    // written back (a default xmlns may not be the reserved namespace, XML Names §3).
    if (e.ns == kXmlNs) {
      std::string why = "<xml:" + e.name + "/>: no element lives in the reserved xml namespace";
      if (!self->refuse_in_stream(Errc::bad_xml, why)) self->stop(Errc::bad_xml, std::move(why));
      return;
    }
    std::size_t count = 0;
    for (const char** a = atts; *a; a += 2) ++count;
    if (count > self->limits_.max_attrs) {
      std::string why = "more than " + std::to_string(self->limits_.max_attrs) + " attributes on <" + e.name + "/>";
      if (self->stream_ && depth == 1) {
        // The stanza's own element is kept whole (the reply needs its addressing); what follows is skipped.
        self->skip_ = Error{Errc::xml_too_many_elements, std::move(why), self->line()};
      } else {
        if (!self->refuse_in_stream(Errc::xml_too_many_elements, why)) self->stop(Errc::xml_too_many_elements, std::move(why));
        return;
      }
    }
    e.attrs.reserve(count);
    for (const char** a = atts; *a; a += 2) {
      Attr attr;
      const char* sep = std::strchr(a[0], kNsSep);
      if (!sep) {
        attr.name = a[0];
      } else if (std::string_view(a[0], sep - a[0]) == kXmlNs) {
        attr.name = std::string("xml:") + (sep + 1);
      } else {
        attr.name = "{" + std::string(a[0], sep - a[0]) + "}" + (sep + 1);
      }
      attr.value = a[1];
      e.attrs.push_back(std::move(attr));
    }
    self->stack_.push_back(std::move(e));
    if (self->stream_ && depth == 0) {
      self->boundary_ = self->index_after_token();
      if (self->out_) {
        Element root = self->stack_.back();
        self->out_->push_back({StreamReader::Event::Kind::open, std::move(root), {}});
      }
    }
  }

  static void on_end(void* self_, const char*) {
    auto* self = static_cast<Core*>(self_);
    if (self->error_) return;
    if (self->skip_ && self->skip_depth_ > 0) {
      --self->skip_depth_;
      return;
    }
    Element e = std::move(self->stack_.back());
    self->stack_.pop_back();
    const std::size_t depth = self->stack_.size();
    if (self->stream_) {
      if (depth == 0) {
        self->done_ = true;
        if (self->out_) self->out_->push_back({StreamReader::Event::Kind::close, Element(e.name, e.ns), {}});
        return;
      }
      if (depth == 1) {
        const std::size_t end = self->index_after_token();
        if (!self->skip_ && end - self->stanza_start_ > self->limits_.max_bytes)
          self->skip_ = Error{Errc::xml_too_big, over_bytes(self->limits_.max_bytes), self->line()};
        self->boundary_ = end;
        auto kind = StreamReader::Event::Kind::stanza;
        Error why;
        if (self->skip_) {
          kind = StreamReader::Event::Kind::refused;
          why = std::move(*self->skip_);
          self->skip_.reset();
          e.children.clear();
          e.text.clear();
        }
        if (self->out_) self->out_->push_back({kind, std::move(e), std::move(why)});
        return;
      }
    } else if (depth == 0) {
      self->done_ = true;
      self->result_ = std::move(e);
      return;
    }
    self->stack_.back().children.push_back(std::move(e));
  }

  static void on_text(void* self_, const char* s, int len) {
    auto* self = static_cast<Core*>(self_);
    const std::string_view text(s, static_cast<std::size_t>(len));
    if (self->error_ || self->skip_ || self->stack_.empty()) return;
    if (self->stream_ && self->stack_.size() == 1) {
      // Between stanzas only whitespace (keepalives) may appear.
      if (!is_xml_space(text)) self->stop(Errc::bad_xml, "text between stanzas");
      return;
    }
    self->stack_.back().text.append(text);
  }

  static void on_xml_decl(void* self_, const char* version, const char* encoding, int) {
    auto* self = static_cast<Core*>(self_);
    if (version && std::string_view(version) != "1.0")
      return self->stop(Errc::restricted_xml, "XML version other than 1.0");
    if (encoding && !iequals(encoding, "UTF-8"))
      return self->stop(Errc::restricted_xml, "encoding other than UTF-8");
  }
  static void on_doctype(void* self, const char*, const char*, const char*, int) {
    static_cast<Core*>(self)->stop(Errc::restricted_xml, "DOCTYPE");
  }
  static void on_comment(void* self, const char*) {
    static_cast<Core*>(self)->stop(Errc::restricted_xml, "comment");
  }
  static void on_pi(void* self, const char*, const char*) {
    static_cast<Core*>(self)->stop(Errc::restricted_xml, "processing instruction");
  }
  static void on_entity_decl(void* self, const char*, int, const char*, int, const char*, const char*,
                             const char*, const char*) {
    static_cast<Core*>(self)->stop(Errc::restricted_xml, "entity declaration");
  }
  static void on_skipped_entity(void* self, const char*, int) {
    static_cast<Core*>(self)->stop(Errc::restricted_xml, "entity reference");
  }

  XML_Parser parser_;
  Limits limits_;
  bool stream_;
  std::vector<Element> stack_;
  std::optional<Error> error_;
  std::optional<Element> result_;
  std::vector<StreamReader::Event>* out_ = nullptr;
  std::size_t fed_ = 0;           // bytes given to expat since reset
  std::size_t boundary_ = 0;      // byte index after the last complete stanza (or stream header)
  std::size_t stanza_start_ = 0;  // byte index where the current stanza began
  std::size_t elements_ = 0;      // elements in the current stanza / document
  std::optional<Error> skip_;     // stream mode: why the current stanza is being skipped
  std::size_t skip_depth_ = 0;    // open elements below the skipped stanza's own element
  bool done_ = false;
};

// ---- DocumentReader ----

struct DocumentReader::Impl {
  Limits limits;
  Core core;
  bool used = false;
  explicit Impl(const Limits& l) : limits(l), core(l, false) {}
};

DocumentReader::DocumentReader(const Limits& limits) : impl_(std::make_unique<Impl>(limits)) {}
DocumentReader::~DocumentReader() = default;

Result<Element> DocumentReader::parse(std::string_view document) {
  if (impl_->used) impl_->core.reset();
  impl_->used = true;
  if (document.size() > impl_->limits.max_bytes)
    return fail(Errc::xml_too_big, "document exceeds " + std::to_string(impl_->limits.max_bytes) + " bytes");
  JG_CHECK(impl_->core.parse_chunk(document, true, nullptr));
  auto root = impl_->core.take_result();
  if (!root) return fail(Errc::bad_xml, "no root element");
  return std::move(*root);
}

Result<Element> parse(std::string_view document, const Limits& limits) {
  DocumentReader reader(limits);
  return reader.parse(document);
}

// ---- StreamReader ----

struct StreamReader::Impl {
  Core core;
  explicit Impl(const Limits& l) : core(l, true) {}
};

StreamReader::StreamReader(const Limits& limits) : impl_(std::make_unique<Impl>(limits)) {}
StreamReader::~StreamReader() = default;
StreamReader::StreamReader(StreamReader&&) noexcept = default;
StreamReader& StreamReader::operator=(StreamReader&&) noexcept = default;

Result<void> StreamReader::feed(std::string_view bytes, std::vector<Event>& out) {
  return impl_->core.parse_chunk(bytes, false, &out);
}

Result<void> StreamReader::finish(std::vector<Event>& out) {
  return impl_->core.parse_chunk({}, true, &out);
}

void StreamReader::reset() { impl_->core.reset(); }

}  // namespace jinglegate::xml

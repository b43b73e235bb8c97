// XEP-0114 component stream codec, sans-I/O: bytes in → stream events, values in → bytes out.
//
// The Asio link (xep0114_link.hpp) only moves these bytes. Parsing is the restricted expat reader
// (RFC 6120 §11: no DTD, entities, comments or PIs; size, depth and element caps).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/xml/element.hpp"
#include "jingle/xml/xml_reader.hpp"

namespace jinglegate::component::xmpp {

struct StreamEvent {
  enum class Kind {
    opened,              // the server's stream header; `text` is its id
    handshake_accepted,  // the empty <handshake/> (XEP-0114 §3)
    stanza,              // a message, presence or iq in `element`
    refused,             // a stanza over a size limit: its own element (no children) and `error`
    stream_error,        // <stream:error>: `condition` (RFC 6120 §4.9.3) and `text`
    closed,              // </stream:stream>
  };
  Kind kind;
  xml::Element element;
  std::string condition;
  std::string text;
  Error error;
};

// Where the stream is, from our side.
enum class StreamState { idle, awaiting_header, awaiting_handshake, authenticated, closed, failed };

class StreamCodec {
 public:
  // `domain` is the component's domain: our `to` on the header and the only `from` we emit.
  StreamCodec(std::string domain, const xml::Limits& limits);

  // ---- encoding ----
  // Starts a new stream (resets the decoder): the header that opens it.
  std::string open();
  // <handshake>hex SHA-1(id + secret)</handshake>, once the server's header gave `id`.
  std::string handshake(std::string_view stream_id, std::string_view secret) const;
  // A stanza for the wire. Refused (Errc::forbidden) when its `from` is missing or outside our
  // domain: the server would close the stream with invalid-from (XEP-0114 §3, G6).
  Result<std::string> encode(const xml::Element& stanza) const;
  std::string close();                                   // </stream:stream>
  std::string error(std::string_view condition, std::string_view text);  // stream error + close

  // ---- decoding ----
  // Appends the events `bytes` completes. A failure is a stream-level fault: answer it with
  // error(stream_condition(e.code), ...) and drop the connection. Events before it are kept.
  Result<void> feed(std::string_view bytes, std::vector<StreamEvent>& out);
  // The server closed the TCP connection: flush; fails if it was cut mid-stanza.
  Result<void> finish(std::vector<StreamEvent>& out);

  StreamState state() const { return state_; }
  const std::string& domain() const { return domain_; }

 private:
  Result<void> on_reader_event(xml::StreamReader::Event& ev, std::vector<StreamEvent>& out);
  Result<void> on_element(xml::Element& e, std::vector<StreamEvent>& out);

  std::string domain_;
  xml::StreamReader reader_;
  StreamState state_ = StreamState::idle;
};

// RFC 6120 §4.9.3 condition for a fault found in the peer's stream: restricted-xml,
// not-well-formed, policy-violation (size/depth/count), invalid-xml (a protocol violation).
std::string_view stream_condition(Errc code);

// hex(SHA-1(stream_id + secret)), lowercase (XEP-0114 §3).
std::string handshake_digest(std::string_view stream_id, std::string_view secret);

}  // namespace jinglegate::component::xmpp

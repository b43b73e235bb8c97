// XEP-0114 component stream codec, sans-I/O: bytes in → stream events, values in → bytes out.
#include "component/xmpp/stream_codec.hpp"

#include <openssl/evp.h>

#include "component/xmpp/jid.hpp"
#include "jingle/xml/ns.hpp"
#include "jingle/xml/xml_writer.hpp"

namespace jinglegate::component::xmpp {

namespace {
using Kind = StreamEvent::Kind;

StreamEvent event(Kind kind) { return StreamEvent{kind, {}, {}, {}, {}}; }

bool is_stanza(const xml::Element& e) {
  return e.ns == ns::component_accept && (e.name == "message" || e.name == "presence" || e.name == "iq");
}

// <stream:error><condition xmlns='…streams'/><text>…</text></stream:error> (RFC 6120 §4.9.2)
StreamEvent read_stream_error(const xml::Element& e) {
  StreamEvent ev = event(Kind::stream_error);
  for (const auto& c : e.children) {
    if (c.ns != ns::streams) continue;
    if (c.name == "text") ev.text = c.text;
    else if (ev.condition.empty()) ev.condition = c.name;
  }
  if (ev.condition.empty()) ev.condition = "undefined-condition";
  return ev;
}
}  // namespace

std::string handshake_digest(std::string_view stream_id, std::string_view secret) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, stream_id.data(), stream_id.size());
  EVP_DigestUpdate(ctx, secret.data(), secret.size());
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    hex.push_back(kHex[md[i] >> 4]);
    hex.push_back(kHex[md[i] & 0xf]);
  }
  return hex;
}

std::string_view stream_condition(Errc code) {
  switch (code) {
    case Errc::restricted_xml: return "restricted-xml";
    case Errc::bad_xml: return "not-well-formed";
    case Errc::xml_too_big:
    case Errc::xml_too_deep:
    case Errc::xml_too_many_elements: return "policy-violation";
    case Errc::feature_not_implemented: return "unsupported-stanza-type";
    case Errc::bad_request: return "invalid-xml";
    default: return "undefined-condition";
  }
}

StreamCodec::StreamCodec(std::string domain, const xml::Limits& limits) : domain_(std::move(domain)), reader_(limits) {}

std::string StreamCodec::open() {
  reader_.reset();
  state_ = StreamState::awaiting_header;
  std::string out = "<?xml version='1.0'?><stream:stream xmlns='";
  out.append(ns::component_accept).append("' xmlns:stream='").append(ns::stream).append("' to='");
  xml::append_escaped_attr(out, domain_);
  out.append("'>");
  return out;
}

std::string StreamCodec::handshake(std::string_view stream_id, std::string_view secret) const {
  return "<handshake>" + handshake_digest(stream_id, secret) + "</handshake>";
}

Result<std::string> StreamCodec::encode(const xml::Element& stanza) const {
  if (!is_stanza(stanza)) return fail(Errc::bad_request, "not a stanza: <" + stanza.name + "/>");
  const std::string* from = stanza.attr("from");
  if (!from) return fail(Errc::forbidden, "stanza without from");
  auto jid = parse_jid(*from);
  if (!jid || !in_domain(*jid, domain_)) return fail(Errc::forbidden, "from outside " + domain_ + ": " + *from);
  return xml::to_string(stanza, ns::component_accept);
}

std::string StreamCodec::close() {
  state_ = StreamState::closed;
  return "</stream:stream>";
}

std::string StreamCodec::error(std::string_view condition, std::string_view text) {
  std::string out;
  xml::Writer w(out, ns::component_accept);
  w.open("stream:error", ns::component_accept);
  w.empty(condition, ns::streams);
  if (!text.empty()) w.open("text", ns::streams).text(text).close();
  w.close();
  return out + close();
}

Result<void> StreamCodec::feed(std::string_view bytes, std::vector<StreamEvent>& out) {
  if (state_ == StreamState::failed) return fail(Errc::bad_request, "stream already failed");
  std::vector<xml::StreamReader::Event> events;
  auto fed = reader_.feed(bytes, events);
  for (auto& ev : events) {
    auto r = on_reader_event(ev, out);
    if (!r) {
      state_ = StreamState::failed;
      return r;
    }
  }
  if (!fed) state_ = StreamState::failed;
  return fed;
}

Result<void> StreamCodec::finish(std::vector<StreamEvent>& out) {
  if (state_ == StreamState::failed || state_ == StreamState::closed) return Ok{};
  std::vector<xml::StreamReader::Event> events;
  auto done = reader_.finish(events);
  for (auto& ev : events) JG_CHECK(on_reader_event(ev, out));
  return done;
}

Result<void> StreamCodec::on_reader_event(xml::StreamReader::Event& ev, std::vector<StreamEvent>& out) {
  using RK = xml::StreamReader::Event::Kind;
  switch (ev.kind) {
    case RK::open: {
      if (!ev.element.is("stream", ns::stream)) return fail(Errc::bad_request, "root is not <stream:stream/>");
      if (state_ != StreamState::awaiting_header) return fail(Errc::bad_request, "unexpected stream header");
      const std::string id(ev.element.attr_or("id"));
      if (id.empty()) return fail(Errc::bad_request, "stream header without id");
      state_ = StreamState::awaiting_handshake;
      StreamEvent opened = event(Kind::opened);
      opened.text = id;
      out.push_back(std::move(opened));
      return Ok{};
    }
    case RK::stanza: return on_element(ev.element, out);
    case RK::refused: {
      if (state_ != StreamState::authenticated) return fail(ev.error);
      StreamEvent refused = event(Kind::refused);
      refused.element = std::move(ev.element);
      refused.error = std::move(ev.error);
      out.push_back(std::move(refused));
      return Ok{};
    }
    case RK::close:
      state_ = StreamState::closed;
      out.push_back(event(Kind::closed));
      return Ok{};
  }
  return Ok{};
}

Result<void> StreamCodec::on_element(xml::Element& e, std::vector<StreamEvent>& out) {
  if (e.is("error", ns::stream)) {
    out.push_back(read_stream_error(e));
    return Ok{};
  }
  if (state_ == StreamState::awaiting_handshake) {
    if (!e.is("handshake", ns::component_accept)) return fail(Errc::bad_request, "expected <handshake/>, got <" + e.name + "/>");
    state_ = StreamState::authenticated;
    out.push_back(event(Kind::handshake_accepted));
    return Ok{};
  }
  if (!is_stanza(e)) return fail(Errc::feature_not_implemented, "unexpected <" + e.name + " xmlns='" + e.ns + "'/>");
  StreamEvent ev = event(Kind::stanza);
  ev.element = std::move(e);
  out.push_back(std::move(ev));
  return Ok{};
}

}  // namespace jinglegate::component::xmpp

// What a Jingle peer wrote must fit SDP's grammar before it becomes SDP (RFC 8866 §9): a value
// with a space where SDP takes one token, or a line break anywhere, would change the lines a
// browser reads. XML hands us any Unicode text; this pass refuses what SDP cannot carry.
#include <string>
#include <string_view>

#include "jingle/translate/mapping.hpp"

namespace jinglegate::jingle::mapping {

namespace {

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f) return false;
  return true;
}

// Free text inside one line: no line breaks or NUL (RFC 8866 §9), single spaces between fields.
bool is_line_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

bool is_fields(std::string_view s) {
  if (s.empty()) return true;
  if (s.front() == ' ' || s.back() == ' ' || s.find("  ") != std::string_view::npos) return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

class Checker {
 public:
  Result<void> token(std::string_view what, std::string_view v, std::string_view also_not = {}) {
    if (is_token(v) && v.find_first_of(also_not) == std::string_view::npos) return Ok{};
    return refuse(what, v);
  }
  Result<void> fields(std::string_view what, std::string_view v) {
    return is_fields(v) ? Result<void>(Ok{}) : refuse(what, v);
  }
  Result<void> text(std::string_view what, std::string_view v) {
    return is_line_text(v) && !v.starts_with(' ') ? Result<void>(Ok{}) : refuse(what, v);
  }
  std::string where;

 private:
  Result<void> refuse(std::string_view what, std::string_view v) {
    std::string shown(v.substr(0, 40));
    for (auto& c : shown)
      if (static_cast<unsigned char>(c) < 0x20) c = '?';
    return fail(Errc::translation_failed, where + std::string(what) + " '" + shown + "' cannot be written as SDP");
  }
};

Result<void> check_candidate(Checker& k, const IceCandidate& c) {
  JG_CHECK(k.token("candidate foundation", c.foundation));
  JG_CHECK(k.token("candidate protocol", c.protocol));
  JG_CHECK(k.token("candidate address", c.address));
  if (c.rel_addr) JG_CHECK(k.token("candidate rel-addr", *c.rel_addr));
  if (c.tcptype) JG_CHECK(k.token("candidate tcptype", *c.tcptype));
  for (const auto& [name, value] : c.extensions) {
    JG_CHECK(k.token("candidate extension", name));
    JG_CHECK(k.token("candidate extension value", value));
  }
  return Ok{};
}

Result<void> check_codecs(Checker& k, const sdp::Media& m) {
  for (const auto& c : m.codecs) {
    if (c.rtpmap) JG_CHECK(k.token("payload-type name", c.rtpmap->encoding, "/"));
    if (c.fmtp) JG_CHECK(k.text("payload-type parameters", c.fmtp->text));
    for (const auto& fb : c.rtcp_fb) {
      JG_CHECK(k.token("rtcp-fb type", fb.type));
      JG_CHECK(k.fields("rtcp-fb subtype", fb.params));
    }
  }
  for (const auto& fb : m.rtcp_fb_wildcard) {
    JG_CHECK(k.token("rtcp-fb type", fb.type));
    JG_CHECK(k.fields("rtcp-fb subtype", fb.params));
  }
  return Ok{};
}

Result<void> check_media(Checker& k, const sdp::Media& m) {
  if (m.mid) JG_CHECK(k.token("content name", *m.mid));
  JG_CHECK(k.token("media", m.media));
  JG_CHECK(check_codecs(k, m));
  for (const auto& e : m.extmaps) {
    JG_CHECK(k.token("rtp-hdrext uri", e.uri));
    JG_CHECK(k.fields("rtp-hdrext parameters", e.attributes));
  }
  for (const auto& id : m.msids) {
    JG_CHECK(k.token("msid stream", id.stream));
    if (!id.track.empty()) JG_CHECK(k.token("msid track", id.track));
  }
  for (const auto& src : m.sources) {
    for (const auto& a : src.attributes) {
      JG_CHECK(k.token("source parameter", a.name, ":"));
      if (a.value) JG_CHECK(k.text("source parameter value", *a.value));
    }
  }
  for (const auto& g : m.ssrc_groups) JG_CHECK(k.token("ssrc-group semantics", g.semantics));
  for (const auto& b : m.bandwidths) JG_CHECK(k.token("bandwidth type", b.type, ":"));
  if (m.ice_ufrag) JG_CHECK(k.token("ufrag", *m.ice_ufrag));
  if (m.ice_pwd) JG_CHECK(k.token("pwd", *m.ice_pwd));
  for (const auto& o : m.ice_options) JG_CHECK(k.token("ICE option", o));
  for (const auto& f : m.fingerprints) {
    JG_CHECK(k.token("fingerprint hash", f.hash));
    JG_CHECK(k.token("fingerprint", f.value));
  }
  for (const auto& c : m.candidates) JG_CHECK(check_candidate(k, c));
  return Ok{};
}

}  // namespace

Result<void> check_writable(const sdp::Session& s) {
  Checker k;
  for (const auto& g : s.groups) {
    JG_CHECK(k.token("group semantics", g.semantics));
    for (const auto& mid : g.mids) JG_CHECK(k.token("group content", mid));
  }
  for (const auto& m : s.media) {
    k.where = "content " + m.mid.value_or("?") + ": ";
    JG_CHECK(check_media(k, m));
  }
  return Ok{};
}

}  // namespace jinglegate::jingle::mapping

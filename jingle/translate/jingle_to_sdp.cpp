// Jingle (XEP-0166) -> SDP offer/answer: one m= section per <content/>, in order, mid = name.
#include <algorithm>

#include "jingle/sdp/sdp.hpp"
#include "jingle/translate/mapping.hpp"
#include "jingle/xml/xml_reader.hpp"

namespace jinglegate::jingle {

namespace {

Role default_author(Action a) {
  return a == Action::session_accept || a == Action::content_accept || a == Action::transport_accept
             ? Role::responder
             : Role::initiator;
}

// A stable 63-bit decimal for o= (RFC 8866 §5.2 wants a numeric session id) from the sid.
std::string origin_id(const std::string& sid) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : sid) h = (h ^ c) * 1099511628211ull;
  return std::to_string(h & 0x7fffffffffffffffull);
}

Result<sdp::Media> to_media(const Content& c, Role author) {
  sdp::Media m;
  m.mid = c.name;
  const auto* rtp = std::get_if<RtpDescription>(&c.description);
  const auto* other = std::get_if<xml::Element>(&c.description);
  const auto* ice = std::get_if<IceUdpTransport>(&c.transport);
  if (!ice) return fail(Errc::unsupported_transport, "content " + c.name + " has no ICE-UDP transport");
  // A data channel: XEP-0343's own description, none at all (StanzaJS) or an RTP description
  // with media='application' (Movim), each with SCTP parameters in the transport.
  const bool sctp = ice->sctp_port || ice->sctpmap;
  const bool data = sctp && (!rtp || rtp->media == "application") &&
                    (!other || mapping::is_data_channel_description(*other));
  if (data) {
    m.media = "application";
    m.proto = "UDP/DTLS/SCTP";
    m.formats = {"webrtc-datachannel"};
  } else if (rtp) {
    if (rtp->payload_types.empty())  // an m= line needs at least one format (RFC 8866 §5.14)
      return fail(Errc::translation_failed, "content " + c.name + " offers no payload type");
    m.media = rtp->media;
    m.proto = ice->fingerprints.empty() ? "RTP/AVPF" : "UDP/TLS/RTP/SAVPF";
    JG_CHECK(mapping::from_rtp_description(*rtp, c.senders, author, m));
    m.rtcp = sdp::Rtcp{9, sdp::Connection{}};  // rtcp-mux: the port is unused (JSEP §5.2.1)
  } else {
    return fail(Errc::unsupported_application, "content " + c.name + " has no RTP or data-channel description");
  }
  mapping::from_transport(*ice, m);
  mapping::set_default_candidate(m);
  if (const auto* lines = mapping::find_lines(c.unknown)) JG_CHECK(mapping::apply_media_lines(*lines, m));
  return m;
}

// Session-level lines derived from the media when the Jingle carries no residual: JSEP's
// msid-semantic with the stream ids, and extmap-allow-mixed once if every description has it.
void derive_session_lines(sdp::Session& s) {
  sdp::MsidSemantic ms;
  ms.space_after_colon = true;  // as Chromium writes it
  for (const auto& m : s.media)
    for (const auto& id : m.msids)
      if (id.stream != "-" && std::find(ms.ids.begin(), ms.ids.end(), id.stream) == ms.ids.end())
        ms.ids.push_back(id.stream);
  s.msid_semantics = {std::move(ms)};
  bool any_rtp = false, all = true;
  for (const auto& m : s.media) {
    if (m.media != "audio" && m.media != "video") continue;
    any_rtp = true;
    all = all && m.extmap_allow_mixed;
  }
  s.extmap_allow_mixed = any_rtp && all;
}

// Values written once at the session level (Firefox) are not repeated in each m= section.
void fold_session_values(sdp::Session& s) {
  for (auto& m : s.media) {
    if (s.extmap_allow_mixed) m.extmap_allow_mixed = false;
    if (s.ice_ufrag && m.ice_ufrag == s.ice_ufrag) m.ice_ufrag.reset();
    if (s.ice_pwd && m.ice_pwd == s.ice_pwd) m.ice_pwd.reset();
    if (!s.ice_options.empty() && m.ice_options == s.ice_options) m.ice_options.clear();
    if (!s.fingerprints.empty() && m.fingerprints == s.fingerprints) m.fingerprints.clear();
    if (s.setup && m.setup == s.setup) m.setup.reset();
  }
}

// BUNDLE members share one transport (RFC 8843 §7): a member that came without ICE credentials or
// fingerprint (a bundled XEP example, Conversations' stub <transport/> in content-add) takes those
// of the first member that has them.
void inherit_bundle_transport(sdp::Session& s) {
  for (const auto& g : s.groups) {
    if (g.semantics != "BUNDLE") continue;
    const sdp::Media* tagged = nullptr;
    for (const auto& mid : g.mids)
      for (const auto& m : s.media)
        if (!tagged && m.mid == mid && m.ice_ufrag && !m.fingerprints.empty()) tagged = &m;
    if (!tagged) continue;
    const sdp::Media source = *tagged;  // copied: the loop below writes into s.media
    for (auto& m : s.media) {
      if (!m.mid || std::find(g.mids.begin(), g.mids.end(), *m.mid) == g.mids.end()) continue;
      if (!m.ice_ufrag) {
        m.ice_ufrag = source.ice_ufrag;
        m.ice_pwd = source.ice_pwd;
      }
      if (m.fingerprints.empty()) {
        m.fingerprints = source.fingerprints;
        m.setup = source.setup;
      }
    }
  }
}

// What browsers refuse that peers do send, repaired where the intent is plain (JSEP, RFC 8843):
// a group naming a content that is not there (Monal lists a dropped data channel), a BUNDLE
// member without rtcp-mux, an ssrc-group member without a source line (StanzaJS keeps only the
// first SSRC). Without a DTLS fingerprint there is no WebRTC (RFC 8827 §6.5): refused.
Result<void> browser_rules(sdp::Session& s) {
  for (auto& g : s.groups) {
    std::erase_if(g.mids, [&](const std::string& mid) {
      return std::none_of(s.media.begin(), s.media.end(), [&](const sdp::Media& m) { return m.mid == mid; });
    });
  }
  std::erase_if(s.groups, [](const sdp::Group& g) { return g.mids.empty(); });
  inherit_bundle_transport(s);
  for (auto& m : s.media) {
    if (m.port != 0 && m.fingerprints.empty() && s.fingerprints.empty())
      return fail(Errc::security_error, "content " + m.mid.value_or("?") + " has no DTLS fingerprint (XEP-0320)");
    const bool rtp = m.media == "audio" || m.media == "video";
    for (const auto& g : s.groups)
      if (rtp && g.semantics == "BUNDLE" && std::find(g.mids.begin(), g.mids.end(), m.mid) != g.mids.end())
        m.rtcp_mux = true;
    for (const auto& g : m.ssrc_groups) {
      const sdp::Source* named = nullptr;
      for (auto ssrc : g.ssrcs)
        if (const auto* src = m.find_source(ssrc)) named = named ? named : src;
      if (!named) continue;
      std::optional<std::string> cname;
      for (const auto& a : named->attributes)
        if (a.name == "cname") cname = a.value;
      for (auto ssrc : g.ssrcs) {
        if (m.find_source(ssrc) || !cname) continue;
        m.sources.push_back(sdp::Source{ssrc, {sdp::SsrcAttribute{"cname", cname}}});
      }
    }
  }
  return Ok{};
}

}  // namespace

Result<sdp::Session> to_sdp(const Jingle& j, const ToSdpOptions& o) {
  const Role author = o.author.value_or(default_author(j.action));
  sdp::Session s;
  s.origin.session_id = o.origin_session_id.empty() ? origin_id(j.sid) : o.origin_session_id;
  s.origin.session_version = o.origin_version;
  s.origin.address = sdp::Connection{"IN", "IP4", "127.0.0.1"};
  s.media.reserve(j.contents.size());
  for (const auto& c : j.contents) {
    // Content names become mids, which must be unique (RFC 8843 §7.1; XEP-0166 §7.2 names too).
    for (const auto& m : s.media)
      if (m.mid == c.name) return fail(Errc::bad_jingle, "two contents are named " + c.name);
    JG_TRY(auto m, to_media(c, author));
    s.media.push_back(std::move(m));
  }
  for (const auto& g : j.groups) s.groups.push_back(sdp::Group{g.semantics, g.contents});
  derive_session_lines(s);
  if (const auto* lines = mapping::find_lines(j.unknown)) JG_CHECK(mapping::apply_session_lines(*lines, s));
  fold_session_values(s);
  JG_CHECK(browser_rules(s));
  JG_CHECK(mapping::check_writable(s));
  return s;
}

Result<std::string> to_sdp_text(const Jingle& jingle, const ToSdpOptions& options) {
  JG_TRY(const auto session, to_sdp(jingle, options));
  std::string text = sdp::write_sdp(session);
  if (auto reread = sdp::parse_sdp(text); !reread) {
    Error e = reread.error();
    return fail(Errc::translation_failed, "the SDP would not parse: " + e.detail, e.line);
  }
  return text;
}

Result<std::string> jingle_xml_to_sdp(std::string_view xml, const ToSdpOptions& options) {
  JG_TRY(const auto jingle, parse_jingle(xml));
  return to_sdp_text(jingle, options);
}

}  // namespace jinglegate::jingle

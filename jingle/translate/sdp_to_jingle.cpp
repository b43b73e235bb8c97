// SDP offer/answer -> Jingle (XEP-0166): one <content/> per m= section, named by its mid.
#include "jingle/sdp/sdp.hpp"
#include "jingle/translate/mapping.hpp"

namespace jinglegate::jingle {

namespace {

std::string content_name(const sdp::Media& m, std::size_t index) {
  // JSEP always writes a=mid; a content needs a name (XEP-0166 §7.2), so an SDP without mids
  // gets the m= index, which is what a mid-less answer would be matched by anyway.
  return m.mid ? *m.mid : std::to_string(index);
}

Result<Content> to_content(const sdp::Session& s, const sdp::Media& m, std::size_t index,
                           const ToJingleOptions& o) {
  Content c;
  c.creator = o.creator;
  c.name = content_name(m, index);
  if (mapping::is_data_channel(m)) {
    c.description = mapping::data_channel_description();
  } else if (!m.codecs.empty() || m.media == "audio" || m.media == "video") {
    c.description = mapping::to_rtp_description(s, m, o.author);
    c.senders = to_senders(sdp::effective_direction(s, m), o.author);
  } else {
    return fail(Errc::translation_failed, "m=" + m.media + " section " + c.name + " is neither RTP nor a data channel");
  }
  c.transport = mapping::to_transport(s, m);
  if (o.sdp_lines) c.unknown.children.push_back(mapping::media_lines(m));
  return c;
}

}  // namespace

Result<Jingle> to_jingle(const sdp::Session& s, const ToJingleOptions& o) {
  Jingle j;
  j.action = o.action;
  j.sid = o.sid;
  j.initiator = o.initiator;
  j.responder = o.responder;
  j.contents.reserve(s.media.size());
  for (std::size_t i = 0; i < s.media.size(); ++i) {
    JG_TRY(auto content, to_content(s, s.media[i], i, o));
    j.contents.push_back(std::move(content));
  }
  for (const auto& g : s.groups) j.groups.push_back(Group{g.semantics, g.mids, {}});
  if (o.sdp_lines) j.unknown.children.push_back(mapping::session_lines(s));
  return j;
}

Result<std::string> sdp_to_jingle_xml(std::string_view text, const ToJingleOptions& options) {
  JG_TRY(const auto session, sdp::parse_sdp(text));
  JG_TRY(const auto jingle, to_jingle(session, options));
  return to_xml(jingle);
}

}  // namespace jinglegate::jingle

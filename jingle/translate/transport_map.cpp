// XEP-0176 ICE-UDP transport with XEP-0320 DTLS fingerprints and XEP-0343 SCTP parameters <->
// the ICE (RFC 8839), DTLS (RFC 8842) and SCTP (RFC 8841) attributes of an SDP m= section.
#include <cstdio>

#include "jingle/translate/mapping.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::jingle::mapping {

namespace {
constexpr std::string_view kDataChannelApp = "urn:xmpp:jingle:apps:webrtc-datachannel:0";

// FNV-1a over what identifies a candidate (RFC 8445 §5.1.1.3: foundation, component, transport
// address): stable across trickle and re-offers, unique within a session in practice.
std::uint64_t fnv1a(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h ^ 0xff;  // a separator between fields
}
}  // namespace

std::string candidate_id(const IceCandidate& c) {
  std::uint64_t h = 14695981039346656037ull;
  h = fnv1a(h, c.foundation);
  h = fnv1a(h, c.protocol);
  h = fnv1a(h, c.address);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u.%u", static_cast<unsigned>(c.component), static_cast<unsigned>(c.port));
  h = fnv1a(h, buf);
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

IceUdpTransport to_transport(const sdp::Session& s, const sdp::Media& m) {
  IceUdpTransport t;
  if (const auto& u = sdp::effective_ice_ufrag(s, m)) t.ufrag = *u;
  if (const auto& p = sdp::effective_ice_pwd(s, m)) t.pwd = *p;
  const auto options = sdp::effective_ice_options(s, m);
  t.ice_options.assign(options.begin(), options.end());
  const auto setup = sdp::effective_setup(s, m);
  for (const auto& f : sdp::effective_fingerprints(s, m)) {
    DtlsFingerprint fp;
    fp.fingerprint = f;
    fp.setup = setup;  // XEP-0320 §3: setup travels on the fingerprint (Conversations requires it)
    t.fingerprints.push_back(std::move(fp));
  }
  t.candidates.reserve(m.candidates.size());
  for (const auto& c : m.candidates) {
    IceCandidate jc = c;
    jc.id = candidate_id(c);
    jc.ufrag.reset();  // XEP-0176 carries the ufrag on the transport
    if (!jc.generation) jc.generation = 0;  // Monal cannot parse a candidate without it
    t.candidates.push_back(std::move(jc));
  }
  if (m.sctp_port) t.sctp_port = m.sctp_port;
  t.max_message_size = m.max_message_size;
  if (m.sctpmap) {
    t.sctpmap = SctpMap{m.sctpmap->number, m.sctpmap->app, m.sctpmap->streams, {}};
  } else if (m.sctp_port) {
    // XEP-0343 0.3.1's <sctpmap/> as well, for the readers that know only that form (Movim,
    // StanzaJS, lib-jitsi-meet); a=sctp-port wins when both arrive.
    t.sctpmap = SctpMap{*m.sctp_port, "webrtc-datachannel", std::nullopt, {}};
  }
  return t;
}

void from_transport(const IceUdpTransport& t, sdp::Media& m) {
  if (!t.ufrag.empty()) m.ice_ufrag = t.ufrag;
  if (!t.pwd.empty()) m.ice_pwd = t.pwd;
  m.ice_options = t.ice_options;
  for (const auto& f : t.fingerprints) {
    m.fingerprints.push_back(f.fingerprint);
    if (f.setup && !m.setup) m.setup = f.setup;
  }
  m.candidates.reserve(t.candidates.size());
  for (const auto& c : t.candidates) {
    IceCandidate sc = c;
    sc.id.reset();
    sc.ufrag.reset();  // browsers' a=candidate lines carry none
    m.candidates.push_back(std::move(sc));
  }
  m.end_of_candidates = m.end_of_candidates || t.gathering_complete;
  if (t.sctp_port) {
    m.sctp_port = t.sctp_port;
  } else if (t.sctpmap) {
    // Browsers take the RFC 8841 form; the old sctpmap number is the SCTP port.
    m.sctp_port = t.sctpmap->number;
  }
  m.max_message_size = t.max_message_size;
}

namespace {
// An mDNS name (RFC 8839 §5.1 allows FQDNs; browsers hide host addresses behind "<uuid>.local")
// cannot be the default candidate: c= needs an address.
bool is_ip_literal(std::string_view a) {
  if (a.find(':') != std::string_view::npos) return true;  // IPv6
  return !a.empty() && a.find_first_not_of("0123456789.") == std::string_view::npos;
}
}  // namespace

void set_default_candidate(sdp::Media& m) {
  for (const auto& c : m.candidates) {
    if (c.component != 1 || !is_ip_literal(c.address)) continue;
    m.port = c.port;
    const bool v6 = c.address.find(':') != std::string::npos;
    m.connections = {sdp::Connection{"IN", v6 ? "IP6" : "IP4", c.address}};
    return;
  }
  m.port = 9;  // JSEP §5.2.1: the discard port until a candidate is known
  m.connections = {sdp::Connection{}};
}

bool is_data_channel(const sdp::Media& m) {
  return m.media == "application" && (m.sctp_port || m.sctpmap || m.proto.find("SCTP") != std::string::npos);
}

xml::Element data_channel_description() { return xml::Element("description", std::string(kDataChannelApp)); }

bool is_data_channel_description(const xml::Element& e) { return e.is("description", kDataChannelApp); }

}  // namespace jinglegate::jingle::mapping

// XEP-0320 Use of DTLS-SRTP in Jingle Sessions: the <fingerprint/> element, model, reader and writer.
//
//   <fingerprint xmlns='urn:xmpp:jingle:apps:dtls:0' hash='sha-256' setup='actpass'>D0:91:…</fingerprint>
#pragma once

#include <optional>
#include <string_view>

#include "jingle/dtls.hpp"
#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

struct DtlsFingerprint {
  Fingerprint fingerprint;       // hash attribute + character data (surrounding whitespace trimmed)
  // XEP-0320 §3: setup is REQUIRED and Conversations refuses a session without it; read leniently
  // (Movim omits it when a=setup precedes the m= line), written whenever set.
  std::optional<Setup> setup;
  std::optional<bool> required;  // Jitsi's required='false'; no XEP defines it
  Unknown unknown;               // e.g. lib-jitsi-meet's cryptex='true'
  friend bool operator==(const DtlsFingerprint&, const DtlsFingerprint&) = default;
};

std::string_view setup_name(Setup s);  // not to_string: Setup lives in namespace jinglegate
std::optional<Setup> parse_setup(std::string_view s);

Result<DtlsFingerprint> read_fingerprint(const xml::Element& e);
void write_fingerprint(xml::Writer& w, const DtlsFingerprint& f);

}  // namespace jinglegate::jingle

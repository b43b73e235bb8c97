// DTLS-SRTP parameters shared by SDP (RFC 8122 a=fingerprint, RFC 4145 a=setup) and Jingle
// (XEP-0320 <fingerprint hash='' setup=''/>).
#pragma once

#include <optional>
#include <string>

namespace jinglegate {

enum class Setup { actpass, active, passive, holdconn };

struct Fingerprint {
  std::string hash;   // "sha-256" (lower case in Jingle; SDP is case-insensitive, kept as written)
  std::string value;  // "D0:91:..." upper-case hex pairs, as written
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

}  // namespace jinglegate

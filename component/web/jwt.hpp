// JWT login tokens (RFC 7519, JWS RFC 7515) verified per the JWT BCP (RFC 8725) with OpenSSL 3.
//
// HS256 (shared secret), RS256 and ES256 (public key PEM). The algorithm is pinned per key in the
// config and never taken from the token alone (RFC 8725 §3.1): `alg` must equal the key's, so
// alg=none and HS/RS confusion are refused. `kid`, when the token has one, must name a key.
// Pure apart from OpenSSL: the caller passes the clock in.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "component/config/config.hpp"
#include "jingle/error.hpp"

struct evp_pkey_st;

namespace jinglegate::component::web {

enum class JwtAlg { hs256, rs256, es256 };

struct JwtClaims {
  std::string subject;      // `sub`: the user's localpart
  std::int64_t expires = 0; // `exp`, unix seconds
};

// base64url without padding (RFC 7515 §2, RFC 4648 §5), strict: no '=', no other alphabet,
// unused trailing bits zero.
Result<std::string> base64url_decode(std::string_view in);
std::string base64url_encode(std::string_view in);

class JwtVerifier {
 public:
  // Loads and checks every key: an HS256 secret shorter than 32 bytes (RFC 8725 §3.5), an RSA key
  // under 2048 bits, an EC key not on P-256 or an unknown alg is a bad_config.
  static Result<JwtVerifier> create(const JwtSettings& settings);

  Result<JwtClaims> verify(std::string_view token, std::int64_t now_unix) const;

 private:
  struct Key {
    std::string kid;
    JwtAlg alg = JwtAlg::hs256;
    std::string secret;
    std::shared_ptr<evp_pkey_st> pkey;
  };
  Result<void> check_signature(const Key& key, std::string_view signing_input, std::string_view sig) const;

  std::vector<Key> keys_;
  std::string issuer_;
  std::string audience_;
  std::int64_t leeway_s_ = 60;
  std::size_t max_token_bytes_ = 4096;
};

}  // namespace jinglegate::component::web

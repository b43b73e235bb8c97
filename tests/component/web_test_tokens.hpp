// Test helper: HS256 tokens signed with OpenSSL for the gateway's tests.
#pragma once

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "component/web/jwt.hpp"

namespace jg_test {

inline std::string hmac_sha256(std::string_view key, std::string_view input) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(input.data()),
       input.size(), mac, &len);
  return std::string(reinterpret_cast<char*>(mac), len);
}

inline std::string hs256_token(const nlohmann::json& claims, std::string_view secret,
                               nlohmann::json header = nlohmann::json{{"alg", "HS256"}, {"typ", "JWT"}}) {
  using jinglegate::component::web::base64url_encode;
  const std::string input = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
  return input + "." + base64url_encode(hmac_sha256(secret, input));
}

inline std::int64_t unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace jg_test

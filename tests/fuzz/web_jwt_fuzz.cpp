// libFuzzer target: JWT verification (component/web/jwt.cpp) with an HS256 and an ES256 key.
// Properties: never crashes; the input is never accepted (it cannot carry a valid signature
// without the secret, so an accepted input means a verification bypass).
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "component/web/jwt.hpp"

using namespace jinglegate::component;
using namespace jinglegate::component::web;

namespace {
std::string ec_public_pem() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> k(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), k.get());
  char* p = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &p);
  return std::string(p, static_cast<std::size_t>(n));
}

const JwtVerifier& verifier() {
  static const JwtVerifier v = [] {
    JwtSettings s;
    s.keys.push_back(JwtKey{"", "HS256", "fuzzing secret that is 32+ bytes long", ""});
    s.keys.push_back(JwtKey{"ec", "ES256", "", ec_public_pem()});
    return *JwtVerifier::create(s);
  }();
  return v;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  if (verifier().verify(token, 1'800'000'000)) std::abort();
  // Decoding alone must round-trip whatever it accepts.
  if (auto d = base64url_decode(token); d && base64url_encode(*d) != token) std::abort();
  return 0;
}

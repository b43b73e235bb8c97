// JWT login tokens (RFC 7519, JWS RFC 7515) verified per the JWT BCP (RFC 8725) with OpenSSL 3.
#include "component/web/jwt.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "component/web/address.hpp"

namespace jinglegate::component::web {

namespace {
using nlohmann::json;

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

Failure bad(std::string detail) { return fail(Errc::bad_token, std::move(detail)); }

std::optional<JwtAlg> parse_alg(std::string_view s) {
  if (s == "HS256") return JwtAlg::hs256;
  if (s == "RS256") return JwtAlg::rs256;
  if (s == "ES256") return JwtAlg::es256;
  return std::nullopt;
}

Result<std::shared_ptr<evp_pkey_st>> load_public_key(const JwtKey& k, JwtAlg alg) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(k.public_key_pem.data(), static_cast<int>(k.public_key_pem.size())), BIO_free);
  EVP_PKEY* raw = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (!raw) return fail(Errc::bad_config, "jwt.keys: public key is not a PEM SubjectPublicKeyInfo");
  std::shared_ptr<evp_pkey_st> pkey(raw, EVP_PKEY_free);
  if (alg == JwtAlg::rs256) {
    if (!EVP_PKEY_is_a(raw, "RSA") || EVP_PKEY_get_bits(raw) < 2048)
      return fail(Errc::bad_config, "jwt.keys: RS256 needs an RSA key of at least 2048 bits");
    return pkey;
  }
  char group[64] = {};
  std::size_t len = 0;
  if (!EVP_PKEY_is_a(raw, "EC") ||
      !EVP_PKEY_get_utf8_string_param(raw, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) ||
      std::string_view(group) != "prime256v1")
    return fail(Errc::bad_config, "jwt.keys: ES256 needs an EC key on P-256");
  return pkey;
}

// JWS ES256 carries r||s (RFC 7518 §3.4); OpenSSL verifies DER ECDSA-Sig-Value.
Result<std::string> es256_to_der(std::string_view sig) {
  if (sig.size() != 64) return bad("ES256 signature must be 64 bytes");
  const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
  ECDSA_SIG* s = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(p, 32, nullptr);
  BIGNUM* ss = BN_bin2bn(p + 32, 32, nullptr);
  if (!s || !r || !ss || !ECDSA_SIG_set0(s, r, ss)) {
    BN_free(r);
    BN_free(ss);
    ECDSA_SIG_free(s);
    return fail(Errc::internal_error, "ECDSA_SIG");
  }
  unsigned char* der = nullptr;
  const int n = i2d_ECDSA_SIG(s, &der);
  ECDSA_SIG_free(s);
  if (n <= 0) return fail(Errc::internal_error, "i2d_ECDSA_SIG");
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
  OPENSSL_free(der);
  return out;
}

Result<json> decode_json_part(std::string_view b64, std::string_view what) {
  JG_TRY(std::string text, base64url_decode(b64));
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return bad(std::string(what) + " is not a JSON object");
  return j;
}

bool audience_matches(const json& aud, std::string_view want) {
  if (aud.is_string()) return aud.get_ref<const std::string&>() == want;
  if (!aud.is_array()) return false;
  for (const auto& a : aud)
    if (a.is_string() && a.get_ref<const std::string&>() == want) return true;
  return false;
}

// NumericDate (RFC 7519 §2): a JSON number of seconds, possibly fractional.
std::optional<double> numeric_date(const json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  const double v = it->get<double>();
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}
}  // namespace

Result<std::string> base64url_decode(std::string_view in) {
  if (in.size() % 4 == 1) return bad("base64url length");
  std::string out;
  out.reserve(in.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = sextet(c);
    if (v < 0) return bad("base64url alphabet");
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return bad("base64url trailing bits");
  return out;
}

std::string base64url_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() * 4 + 2) / 3);
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3f]);
  return out;
}

Result<JwtVerifier> JwtVerifier::create(const JwtSettings& s) {
  JwtVerifier v;
  if (s.keys.empty()) return fail(Errc::bad_config, "jwt.keys: at least one key is required");
  for (const auto& k : s.keys) {
    auto alg = parse_alg(k.alg);
    if (!alg) return fail(Errc::bad_config, "jwt.keys.alg: must be HS256, RS256 or ES256");
    Key key{k.kid, *alg, {}, {}};
    if (*alg == JwtAlg::hs256) {
      if (k.secret.size() < 32) return fail(Errc::bad_config, "jwt.keys.secret: HS256 needs at least 32 bytes");
      key.secret = k.secret;
    } else {
      JG_TRY(key.pkey, load_public_key(k, *alg));
    }
    v.keys_.push_back(std::move(key));
  }
  v.issuer_ = s.issuer;
  v.audience_ = s.audience;
  v.leeway_s_ = static_cast<std::int64_t>(s.leeway.count());
  v.max_token_bytes_ = s.max_token_bytes;
  return v;
}

Result<void> JwtVerifier::check_signature(const Key& key, std::string_view input, std::string_view sig) const {
  if (key.alg == JwtAlg::hs256) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int len = 0;
    if (!HMAC(EVP_sha256(), key.secret.data(), static_cast<int>(key.secret.size()),
              reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac.data(), &len))
      return fail(Errc::internal_error, "HMAC");
    if (sig.size() != len || CRYPTO_memcmp(mac.data(), sig.data(), len) != 0) return bad("bad signature");
    return Ok{};
  }
  std::string der;
  if (key.alg == JwtAlg::es256) {
    JG_TRY(der, es256_to_der(sig));
    sig = der;
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.pkey.get()) != 1)
    return fail(Errc::internal_error, "EVP_DigestVerifyInit");
  const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()), sig.size(),
                                  reinterpret_cast<const unsigned char*>(input.data()), input.size());
  if (rc != 1) return bad("bad signature");
  return Ok{};
}

Result<JwtClaims> JwtVerifier::verify(std::string_view token, std::int64_t now) const {
  if (token.size() > max_token_bytes_) return bad("token too large");
  const auto d1 = token.find('.');
  const auto d2 = d1 == std::string_view::npos ? d1 : token.find('.', d1 + 1);
  if (d2 == std::string_view::npos || token.find('.', d2 + 1) != std::string_view::npos)
    return bad("a JWS compact token has three parts");
  JG_TRY(json header, decode_json_part(token.substr(0, d1), "header"));
  const auto alg_it = header.find("alg");
  if (alg_it == header.end() || !alg_it->is_string()) return bad("header.alg missing");
  const auto alg = parse_alg(alg_it->get_ref<const std::string&>());  // "none" and others: nullopt
  if (!alg) return bad("algorithm not accepted");
  if (header.contains("crit")) return bad("header.crit not understood");  // RFC 7515 §4.1.11
  if (auto typ = header.find("typ"); typ != header.end() && (!typ->is_string() || (*typ != "JWT" && *typ != "jwt")))
    return bad("header.typ must be JWT");
  const Key* key = nullptr;
  // A token's kid must name a configured key; when no key has a kid, the alg picks the key.
  const bool keys_have_kids = std::any_of(keys_.begin(), keys_.end(), [](const Key& k) { return !k.kid.empty(); });
  if (auto kid = header.find("kid"); kid != header.end() && keys_have_kids) {
    if (!kid->is_string()) return bad("header.kid must be a string");
    for (const auto& k : keys_)
      if (k.kid == kid->get_ref<const std::string&>()) key = &k;
  } else {
    for (const auto& k : keys_)
      if (k.alg == *alg && !key) key = &k;
  }
  if (!key) return bad("no key for this token");
  if (key->alg != *alg) return bad("algorithm does not match the key");  // pinned (RFC 8725 §3.1)
  JG_TRY(std::string sig, base64url_decode(token.substr(d2 + 1)));
  JG_CHECK(check_signature(*key, token.substr(0, d2), sig));
  JG_TRY(json claims, decode_json_part(token.substr(d1 + 1, d2 - d1 - 1), "claims"));

  const auto exp = numeric_date(claims, "exp");
  if (!exp) return bad("claims.exp missing");
  if (static_cast<double>(now - leeway_s_) >= *exp) return fail(Errc::token_expired, "exp is past");
  if (claims.contains("nbf")) {
    const auto nbf = numeric_date(claims, "nbf");
    if (!nbf) return bad("claims.nbf must be a number");
    if (static_cast<double>(now + leeway_s_) < *nbf) return fail(Errc::token_not_yet_valid, "nbf is future");
  }
  if (!issuer_.empty()) {
    auto iss = claims.find("iss");
    if (iss == claims.end() || !iss->is_string() || iss->get_ref<const std::string&>() != issuer_)
      return fail(Errc::token_bad_issuer, "iss");
  }
  if (!audience_.empty()) {
    auto aud = claims.find("aud");
    if (aud == claims.end() || !audience_matches(*aud, audience_)) return fail(Errc::token_bad_audience, "aud");
  }
  auto sub = claims.find("sub");
  if (sub == claims.end() || !sub->is_string() || !valid_localpart(sub->get_ref<const std::string&>()))
    return bad("claims.sub must be a JID localpart");
  const double capped = std::min(*exp, 9.0e15);  // keep the cast defined for absurd exp values
  return JwtClaims{sub->get<std::string>(), static_cast<std::int64_t>(capped)};
}

}  // namespace jinglegate::component::web

// JWT login tokens: tokens signed here with OpenSSL, each rule of RFC 8725 checked (G7).
#include <catch2/catch.hpp>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "component/web/jwt.hpp"
#include "web_test_tokens.hpp"

using namespace jinglegate;
using namespace jinglegate::component;
using namespace jinglegate::component::web;
using nlohmann::json;

namespace {
constexpr std::int64_t kNow = 1'800'000'000;
const std::string kSecret = "an HS256 secret of at least 32 bytes!";

using Pkey = std::shared_ptr<EVP_PKEY>;

Pkey rsa_key() {
  static Pkey k(EVP_RSA_gen(2048), EVP_PKEY_free);
  return k;
}
Pkey ec_key() {
  static Pkey k(EVP_EC_gen("P-256"), EVP_PKEY_free);
  return k;
}

std::string public_pem(EVP_PKEY* k) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), k);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string digest_sign(EVP_PKEY* k, std::string_view input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, k);
  std::size_t len = 0;
  EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  sig.resize(len);
  return sig;
}

// DER ECDSA-Sig-Value -> JWS r||s (RFC 7518 §3.4).
std::string der_to_raw(const std::string& der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* s = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size()));
  std::string out(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(s), reinterpret_cast<unsigned char*>(out.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(s), reinterpret_cast<unsigned char*>(out.data()) + 32, 32);
  ECDSA_SIG_free(s);
  return out;
}

json claims(std::string sub = "alice") {
  return json{{"sub", sub}, {"exp", kNow + 600}, {"iat", kNow}};
}

// Signs with `sign_as` (HS256/RS256/ES256) but writes `alg_header` into the header.
std::string token(const json& payload, const std::string& sign_as, json header = json::object(),
                  const std::string& hs_key = kSecret) {
  if (!header.contains("alg")) header["alg"] = sign_as;
  const std::string input = base64url_encode(header.dump()) + "." + base64url_encode(payload.dump());
  std::string sig;
  if (sign_as == "HS256") sig = jg_test::hmac_sha256(hs_key, input);
  else if (sign_as == "RS256") sig = digest_sign(rsa_key().get(), input);
  else if (sign_as == "ES256") sig = der_to_raw(digest_sign(ec_key().get(), input));
  return input + "." + base64url_encode(sig);
}

JwtSettings settings_with(std::vector<JwtKey> keys) {
  JwtSettings s;
  s.keys = std::move(keys);
  s.leeway = Seconds(60);
  return s;
}
JwtKey hs_key(std::string kid = "") { return JwtKey{std::move(kid), "HS256", kSecret, ""}; }
JwtKey rs_key(std::string kid = "") { return JwtKey{std::move(kid), "RS256", "", public_pem(rsa_key().get())}; }
JwtKey es_key(std::string kid = "") { return JwtKey{std::move(kid), "ES256", "", public_pem(ec_key().get())}; }

JwtVerifier verifier(JwtSettings s) {
  auto v = JwtVerifier::create(s);
  REQUIRE(v);
  return std::move(*v);
}

Errc code_of(const JwtVerifier& v, const std::string& t) {
  auto r = v.verify(t, kNow);
  REQUIRE_FALSE(r);
  return r.error().code;
}
}  // namespace

TEST_CASE("valid HS256, RS256 and ES256 tokens give the subject and expiry") {
  for (const auto& [alg, key] : {std::pair{"HS256", hs_key()}, {"RS256", rs_key()}, {"ES256", es_key()}}) {
    INFO(alg);
    const auto v = verifier(settings_with({key}));
    auto r = v.verify(token(claims(), alg), kNow);
    REQUIRE(r);
    CHECK(r->subject == "alice");
    CHECK(r->expires == kNow + 600);
  }
}

TEST_CASE("expired and not-yet-valid tokens are refused outside the leeway") {
  const auto v = verifier(settings_with({hs_key()}));
  json c = claims();
  c["exp"] = kNow - 61;
  CHECK(code_of(v, token(c, "HS256")) == Errc::token_expired);
  c["exp"] = kNow - 59;  // within the 60 s leeway
  CHECK(v.verify(token(c, "HS256"), kNow));
  c = claims();
  c["nbf"] = kNow + 61;
  CHECK(code_of(v, token(c, "HS256")) == Errc::token_not_yet_valid);
  c["nbf"] = kNow + 30;
  CHECK(v.verify(token(c, "HS256"), kNow));
  c = claims();
  c.erase("exp");
  CHECK(code_of(v, token(c, "HS256")) == Errc::bad_token);  // a login token must expire
  c["exp"] = "tomorrow";
  CHECK(code_of(v, token(c, "HS256")) == Errc::bad_token);
}

TEST_CASE("alg=none, other algorithms and HS/RS confusion are refused") {
  const auto rs = verifier(settings_with({rs_key()}));
  const std::string input = base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(claims().dump());
  CHECK(code_of(rs, input + ".") == Errc::bad_token);
  CHECK(code_of(rs, input) == Errc::bad_token);
  CHECK(code_of(rs, token(claims(), "HS256", json{{"alg", "None"}})) == Errc::bad_token);
  CHECK(code_of(rs, token(claims(), "HS256", json{{"alg", "HS512"}})) == Errc::bad_token);
  // The classic substitution: HMAC keyed with the RSA public key's PEM, sent as HS256.
  const std::string pem = public_pem(rsa_key().get());
  CHECK(code_of(rs, token(claims(), "HS256", json::object(), pem)) == Errc::bad_token);
  // And the other way: an RS256 key configured, the header says RS256, signed by HMAC.
  CHECK(code_of(rs, token(claims(), "HS256", json{{"alg", "RS256"}}, pem)) == Errc::bad_token);
  // ES256 signature under an RS256 key.
  CHECK(code_of(rs, token(claims(), "ES256", json{{"alg", "RS256"}})) == Errc::bad_token);
  const auto hs = verifier(settings_with({hs_key()}));
  CHECK(code_of(hs, token(claims(), "RS256")) == Errc::bad_token);
}

TEST_CASE("a token signed with another key is refused") {
  const auto v = verifier(settings_with({hs_key()}));
  CHECK(code_of(v, token(claims(), "HS256", json::object(), "another secret, also 32 bytes long")) == Errc::bad_token);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> other(EVP_EC_gen("P-256"), EVP_PKEY_free);
  const auto es = verifier(settings_with({JwtKey{"", "ES256", "", public_pem(other.get())}}));
  CHECK(code_of(es, token(claims(), "ES256")) == Errc::bad_token);
}

TEST_CASE("audience and issuer are checked when configured") {
  auto s = settings_with({hs_key()});
  s.audience = "jinglegate";
  s.issuer = "https://login.example.org";
  const auto v = verifier(s);
  json c = claims();
  CHECK(code_of(v, token(c, "HS256")) == Errc::token_bad_issuer);
  c["iss"] = "https://login.example.org";
  CHECK(code_of(v, token(c, "HS256")) == Errc::token_bad_audience);
  c["aud"] = "someone-else";
  CHECK(code_of(v, token(c, "HS256")) == Errc::token_bad_audience);
  c["aud"] = json::array({"x", "jinglegate"});
  CHECK(v.verify(token(c, "HS256"), kNow));
  c["aud"] = "jinglegate";
  CHECK(v.verify(token(c, "HS256"), kNow));
  c["iss"] = "https://evil.example.org";
  CHECK(code_of(v, token(c, "HS256")) == Errc::token_bad_issuer);
}

TEST_CASE("malformed base64url, structure and claims are refused") {
  const auto v = verifier(settings_with({hs_key()}));
  const std::string good = token(claims(), "HS256");
  const auto parts_end = good.rfind('.');
  CHECK(code_of(v, good + "=") == Errc::bad_token);                    // padding
  CHECK(code_of(v, good.substr(0, parts_end) + ".+/AA") == Errc::bad_token);  // base64, not base64url
  CHECK(code_of(v, "a.b") == Errc::bad_token);
  CHECK(code_of(v, good + ".x") == Errc::bad_token);
  CHECK(code_of(v, "") == Errc::bad_token);
  CHECK(code_of(v, "..") == Errc::bad_token);
  CHECK(code_of(v, base64url_encode("[1]") + "." + base64url_encode(claims().dump()) + ".") == Errc::bad_token);
  CHECK(code_of(v, "!!!." + base64url_encode(claims().dump()) + ".") == Errc::bad_token);
  CHECK(code_of(v, token(claims("al@ice"), "HS256")) == Errc::bad_token);  // not a localpart
  CHECK(code_of(v, token(claims(""), "HS256")) == Errc::bad_token);
  json no_sub = claims();
  no_sub.erase("sub");
  CHECK(code_of(v, token(no_sub, "HS256")) == Errc::bad_token);
  CHECK(code_of(v, token(claims(), "HS256", json{{"crit", json::array({"exp"})}})) == Errc::bad_token);
  CHECK(code_of(v, token(claims(), "HS256", json{{"typ", "JOSE+JSON"}})) == Errc::bad_token);
  // A flipped signature bit.
  std::string flipped = good;
  flipped[flipped.size() - 2] = flipped[flipped.size() - 2] == 'A' ? 'B' : 'A';
  CHECK(code_of(v, flipped) == Errc::bad_token);
}

TEST_CASE("base64url decoding is strict about trailing bits and length") {
  CHECK(*base64url_decode("YQ") == "a");
  CHECK_FALSE(base64url_decode("YR"));   // non-zero unused bits
  CHECK_FALSE(base64url_decode("Y"));    // impossible length
  CHECK(*base64url_decode("") == "");
  CHECK(base64url_encode("\xfb\xff") == "-_8");
}

TEST_CASE("an oversize token is refused before it is decoded") {
  auto s = settings_with({hs_key()});
  s.max_token_bytes = 256;
  const auto v = verifier(s);
  json c = claims();
  c["pad"] = std::string(300, 'x');
  CHECK(code_of(v, token(c, "HS256")) == Errc::bad_token);
  CHECK(v.verify(token(claims(), "HS256"), kNow));
}

TEST_CASE("kid picks the key, and a kid naming no key is refused") {
  const auto v = verifier(settings_with({hs_key("k1"), rs_key("k2")}));
  CHECK(v.verify(token(claims(), "RS256", json{{"kid", "k2"}}), kNow));
  CHECK(v.verify(token(claims(), "HS256", json{{"kid", "k1"}}), kNow));
  CHECK(code_of(v, token(claims(), "HS256", json{{"kid", "k2"}, {"alg", "RS256"}}, public_pem(rsa_key().get()))) ==
        Errc::bad_token);
  CHECK(code_of(v, token(claims(), "HS256", json{{"kid", "k2"}})) == Errc::bad_token);  // k2 is RS256
  CHECK(code_of(v, token(claims(), "HS256", json{{"kid", "k9"}})) == Errc::bad_token);
}

TEST_CASE("weak or mismatched keys are refused at start-up") {
  CHECK_FALSE(JwtVerifier::create(settings_with({})));
  CHECK_FALSE(JwtVerifier::create(settings_with({JwtKey{"", "HS256", "short", ""}})));
  CHECK_FALSE(JwtVerifier::create(settings_with({JwtKey{"", "none", kSecret, ""}})));
  CHECK_FALSE(JwtVerifier::create(settings_with({JwtKey{"", "RS256", "", public_pem(ec_key().get())}})));
  CHECK_FALSE(JwtVerifier::create(settings_with({JwtKey{"", "ES256", "", public_pem(rsa_key().get())}})));
  CHECK_FALSE(JwtVerifier::create(settings_with({JwtKey{"", "RS256", "", "not a pem"}})));
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> small(EVP_RSA_gen(1024), EVP_PKEY_free);
  CHECK_FALSE(JwtVerifier::create(settings_with({JwtKey{"", "RS256", "", public_pem(small.get())}})));
  auto r = JwtVerifier::create(settings_with({JwtKey{"", "HS256", "short", ""}}));
  CHECK(r.error().code == Errc::bad_config);
}

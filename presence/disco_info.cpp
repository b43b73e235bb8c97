// XEP-0030 disco#info value, reader and writer; XEP-0115 §5 verification string, hash and check.
#include "presence/disco_info.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "jingle/xml/ns.hpp"

namespace jinglegate::presence {

namespace {
const xml::Element* form_type_field(const xml::Element& form) {
  for (const auto& f : form.children)
    if (f.is("field", ns::data_forms) && f.attr_or("var") == "FORM_TYPE") return &f;
  return nullptr;
}

std::string form_type(const xml::Element& form) {
  if (const auto* f = form_type_field(form))
    if (const auto* v = f->child("value", ns::data_forms)) return v->text;
  return {};
}

std::vector<std::string> values_of(const xml::Element& field) {
  std::vector<std::string> values;
  for (const auto& v : field.children)
    if (v.is("value", ns::data_forms)) values.push_back(v.text);
  std::sort(values.begin(), values.end());
  return values;
}

// XEP-0115 §5.1 step 7: FORM_TYPE, then each other field by var with its sorted values.
void append_form(std::string& s, const xml::Element& form) {
  s.append(form_type(form)).push_back('<');
  std::vector<const xml::Element*> fields;
  for (const auto& f : form.children)
    if (f.is("field", ns::data_forms) && f.attr_or("var") != "FORM_TYPE") fields.push_back(&f);
  std::sort(fields.begin(), fields.end(), [](const auto* a, const auto* b) { return a->attr_or("var") < b->attr_or("var"); });
  for (const auto* f : fields) {
    s.append(f->attr_or("var")).push_back('<');
    for (const auto& v : values_of(*f)) s.append(v).push_back('<');
  }
}

const EVP_MD* digest_of(CapsHash h) {
  switch (h) {
    case CapsHash::sha_1: return EVP_sha1();
    case CapsHash::sha_224: return EVP_sha224();
    case CapsHash::sha_256: return EVP_sha256();
    case CapsHash::sha_384: return EVP_sha384();
    case CapsHash::sha_512: return EVP_sha512();
  }
  return EVP_sha1();
}

bool has_separator(std::string_view s) { return s.find('<') != std::string_view::npos; }

// XEP-0115 §5.4 steps 3.3–3.5, plus no '<' inside any string that goes into S.
bool well_formed_for_caps(const DiscoInfo& info) {
  std::set<std::tuple<std::string, std::string, std::string, std::string>> ids;
  for (const auto& i : info.identities) {
    if (has_separator(i.category) || has_separator(i.type) || has_separator(i.lang) || has_separator(i.name)) return false;
    if (!ids.emplace(i.category, i.type, i.lang, i.name).second) return false;
  }
  std::set<std::string_view> features;
  for (const auto& f : info.features)
    if (has_separator(f) || !features.insert(f).second) return false;
  std::set<std::string> form_types;
  for (const auto& form : info.forms) {
    const auto* ft = form_type_field(form);
    if (!ft) continue;
    const auto values = values_of(*ft);
    if (values.empty() || std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) != values.end())
      return false;
    if (!form_types.insert(values.front()).second) return false;
    for (const auto& field : form.children) {
      if (!field.is("field", ns::data_forms)) continue;
      if (has_separator(field.attr_or("var"))) return false;
      for (const auto& v : values_of(field))
        if (has_separator(v)) return false;
    }
  }
  return true;
}
}  // namespace

bool DiscoInfo::has(std::string_view feature) const {
  return std::find(features.begin(), features.end(), feature) != features.end();
}

xml::Element write_disco_info(const DiscoInfo& info, std::string_view node) {
  xml::Element query("query", std::string(ns::disco_info));
  if (!node.empty()) query.set_attr("node", std::string(node));
  for (const auto& id : info.identities) {
    auto& e = query.add("identity", std::string(ns::disco_info));
    e.set_attr("category", id.category);
    e.set_attr("type", id.type);
    if (!id.lang.empty()) e.set_attr("xml:lang", id.lang);
    if (!id.name.empty()) e.set_attr("name", id.name);
  }
  for (const auto& f : info.features) query.add("feature", std::string(ns::disco_info)).set_attr("var", f);
  for (const auto& form : info.forms) query.add(form);
  return query;
}

Result<DiscoInfo> read_disco_info(const xml::Element& query) {
  if (!query.is("query", ns::disco_info)) return fail(Errc::bad_request, "not a disco#info query");
  DiscoInfo info;
  for (const auto& c : query.children) {
    if (c.is("identity", ns::disco_info)) {
      if (!c.attr("category") || !c.attr("type")) return fail(Errc::bad_request, "identity without category or type");
      info.identities.push_back(Identity{std::string(c.attr_or("category")), std::string(c.attr_or("type")),
                                         std::string(c.attr_or("xml:lang")), std::string(c.attr_or("name"))});
    } else if (c.is("feature", ns::disco_info)) {
      if (!c.attr("var")) return fail(Errc::bad_request, "feature without var");
      info.features.emplace_back(c.attr_or("var"));
    } else if (c.is("x", ns::data_forms)) {
      info.forms.push_back(c);
    }
  }
  return info;
}

std::string caps_string(const DiscoInfo& info) {
  std::vector<const Identity*> ids;
  for (const auto& i : info.identities) ids.push_back(&i);
  std::sort(ids.begin(), ids.end(), [](const auto* a, const auto* b) {
    return std::tie(a->category, a->type, a->lang, a->name) < std::tie(b->category, b->type, b->lang, b->name);
  });
  std::string s;
  for (const auto* i : ids) s.append(i->category + '/' + i->type + '/' + i->lang + '/' + i->name + '<');
  std::vector<std::string> features = info.features;
  std::sort(features.begin(), features.end());
  for (const auto& f : features) s.append(f).push_back('<');
  std::vector<const xml::Element*> forms;
  for (const auto& f : info.forms)
    if (!form_type(f).empty()) forms.push_back(&f);  // §5.4: a form without FORM_TYPE is ignored
  std::sort(forms.begin(), forms.end(), [](const auto* a, const auto* b) { return form_type(*a) < form_type(*b); });
  for (const auto* f : forms) append_form(s, *f);
  return s;
}

std::string caps_ver(const DiscoInfo& info, CapsHash hash) {
  const std::string s = caps_string(info);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), md, &len, digest_of(hash), nullptr);
  unsigned char b64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  const int n = EVP_EncodeBlock(b64, md, static_cast<int>(len));
  return std::string(reinterpret_cast<const char*>(b64), static_cast<std::size_t>(n));
}

std::string caps_ver(const DiscoInfo& info) { return caps_ver(info, CapsHash::sha_1); }

std::optional<CapsHash> parse_caps_hash(std::string_view name) {
  if (name == "sha-1") return CapsHash::sha_1;
  if (name == "sha-224") return CapsHash::sha_224;
  if (name == "sha-256") return CapsHash::sha_256;
  if (name == "sha-384") return CapsHash::sha_384;
  if (name == "sha-512") return CapsHash::sha_512;
  return std::nullopt;
}

bool caps_verify(const DiscoInfo& info, CapsHash hash, std::string_view ver) {
  if (!well_formed_for_caps(info)) return false;
  // §5.4 3.6: a form whose FORM_TYPE is not of type hidden is left out of S.
  DiscoInfo hashed = info;
  std::erase_if(hashed.forms, [](const xml::Element& f) {
    const auto* ft = form_type_field(f);
    return ft && ft->attr_or("type") != "hidden";
  });
  return caps_ver(hashed, hash) == ver;
}

}  // namespace jinglegate::presence

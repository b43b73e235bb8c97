// XEP-0115 entity capabilities of our contacts: the <c/> of a presence, the call capability derived
// from disco#info features, and the cache that resolves unknown vers with one disco#info per ver.
//
// Cache poisoning (reliability notes): an answer is shared by ver only when it verifies (the
// hash recomputed from the answer equals the ver, XEP-0115 §5.4); an answer that does not verify,
// and every answer to legacy caps (no hash, so nothing to verify), describes the JID that gave it
// and nobody else. A disco#info without an answer is retried with another JID that advertised the
// same ver, at most max_attempts times, then not before retry_after. Pure: time is an argument.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/xml/element.hpp"
#include "presence/disco_info.hpp"

namespace jinglegate::presence {

using TimePoint = std::chrono::steady_clock::time_point;

// What a contact's resource can take, read from its disco#info features.
struct Capabilities {
  bool audio = false;  // Jingle RTP audio over ICE-UDP with DTLS-SRTP (XEP-0166/0167/0176/0320)
  bool video = false;  // the same with rtp:video
  bool data = false;   // a WebRTC data channel: ICE-UDP + DTLS + XEP-0343
  bool jmi = false;    // XEP-0353 Jingle Message Initiation (ringing before session-initiate)
  friend bool operator==(const Capabilities&, const Capabilities&) = default;
};
Capabilities capabilities_of(const DiscoInfo& info);

// The <c xmlns='http://jabber.org/protocol/caps'/> of a presence (XEP-0115 §4).
struct CapsRef {
  std::string node;
  std::string ver;
  std::string hash;  // "" for legacy caps (XEP-0115 before 1.5): ver is then a version string
  friend bool operator==(const CapsRef&, const CapsRef&) = default;
  bool legacy() const { return hash.empty(); }
};
// nullopt when the presence has no usable <c/> (absent, or without node or ver).
std::optional<CapsRef> read_caps(const xml::Element& presence);
xml::Element write_caps(const CapsRef& ref);

// A disco#info to send: to `jid`, with node "<node>#<ver>" (XEP-0115 §6.2).
struct CapsQuery {
  std::string jid;
  std::string node;
  std::string key;  // the cache's name for what is asked; pass the query back with the answer
  friend bool operator==(const CapsQuery&, const CapsQuery&) = default;
};

struct CapsSettings {
  std::size_t max_verified = 4096;      // vers kept in memory (the store keeps more)
  std::size_t max_unverified = 8192;    // per-JID answers
  std::size_t max_pending = 256;        // vers being resolved at once
  std::size_t max_candidates = 8;       // JIDs remembered per ver to ask after a failure
  unsigned max_attempts = 3;            // disco#info per ver before backing off
  std::chrono::seconds retry_after{300};  // a ver that failed max_attempts times is asked again after this
};

class CapsCache {
 public:
  explicit CapsCache(CapsSettings settings = {}) : s_(settings) {}

  // The capabilities of `jid` advertising `ref`, when known.
  std::optional<Capabilities> find(const CapsRef& ref, std::string_view jid) const;
  // The disco#info behind it (identities and features: the bridge's peer profile), when known;
  // the pointer lives until the cache next changes.
  const DiscoInfo* info(const CapsRef& ref, std::string_view jid) const;
  // `jid` advertises `ref` and find() knew nothing: the disco#info to send now, if one is due
  // (none while another JID is asked about the same ver, or the ver is backing off).
  std::optional<CapsQuery> want(const CapsRef& ref, std::string_view jid, TimePoint now);

  enum class Outcome {
    verified,    // shared by every JID advertising this ver; store it
    jid_only,    // describes query.jid only (did not verify, or legacy)
    failed,      // no usable answer
    stale,       // not an answer we wait for (late, or from a forgotten query)
  };
  struct Answer {
    Outcome outcome = Outcome::stale;
    CapsRef ref;                      // what was resolved (verified: hash and ver)
    std::optional<CapsQuery> next;    // another JID to ask now (after jid_only or failed)
  };
  Answer answer(const CapsQuery& query, const Result<DiscoInfo>& info, TimePoint now);
  std::vector<CapsQuery> due(TimePoint now);  // retries whose time has come

  void add_verified(const CapsRef& ref, const DiscoInfo& info);  // e.g. loaded from the store
  void forget_jid(std::string_view jid);  // it went away: its own answer and candidacies go
  std::size_t pending() const { return pending_.size(); }
  std::size_t verified() const { return verified_.size(); }

 private:
  struct Pending {
    CapsRef ref;
    std::vector<std::string> candidates;  // advertised this ver, not asked yet
    std::string asked;                    // in flight, "" when none
    unsigned attempts = 0;
    TimePoint retry_at{};
  };
  struct Known {
    Capabilities caps;
    DiscoInfo info;
  };
  struct JidCaps {
    CapsRef ref;
    Known known;
  };
  const Known* lookup(const CapsRef& ref, std::string_view jid) const;
  static std::string key_of(const CapsRef& ref, std::string_view jid);
  std::optional<CapsQuery> ask(const std::string& key, Pending& p, std::string jid);
  std::optional<CapsQuery> after_failure(const std::string& key, Pending& p, TimePoint now);

  CapsSettings s_;
  std::map<std::string, Known, std::less<>> verified_;  // "hash ver"
  std::map<std::string, JidCaps, std::less<>> by_jid_;
  std::map<std::string, Pending, std::less<>> pending_;
};

}  // namespace jinglegate::presence

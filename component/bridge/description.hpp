// The bridge's SDP <-> Jingle bookkeeping (RFC 8829 offer/answer against XEP-0166 contents),
// pure: the SDP a browser gets for the peer's description with its m= lines in the browser's
// order, what changed in a browser's re-offer, and the edits renegotiation makes to a description.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/sdp/sdp.hpp"
#include "jingle/translate/translate.hpp"

namespace jinglegate::component::bridge {

using Names = std::vector<std::string>;

struct BrowserSdpOptions {
  jingle::Role author = jingle::Role::initiator;  // who wrote the description (the peer's role)
  std::string origin_id;                          // o= of the call, when the Jingle carries none
  std::uint64_t origin_version = 2;
};

// The peer's description `desc` as SDP for the browser. With `browser` (the browser's current
// description), the m= sections follow its m= lines: a mid the description lacks is written
// rejected (port 0, from the browser's own section) and leaves the BUNDLE group (JSEP §5.3.1,
// RFC 8843 §7.3.3); contents the browser has not seen yet come last. The text is read back by our
// parser before it is returned (as jingle::to_sdp_text does).
Result<std::string> browser_sdp(const jingle::Jingle& desc, const jingle::sdp::Session* browser,
                                const BrowserSdpOptions& options);

// What a browser's new offer changes against its current description (RFC 8829 §5.2.2).
struct OfferChange {
  Names added;      // m= sections with a new mid and a port
  Names removed;    // sections whose port went to 0 (a stopped transceiver)
  Names modified;   // sections whose direction changed
  bool ice_restart = false;  // new ICE credentials (createOffer({iceRestart: true}))
  bool none() const { return added.empty() && removed.empty() && modified.empty() && !ice_restart; }
  // How many of the four kinds of change it makes (the bridge maps one kind per offer).
  int kinds() const {
    return !added.empty() + !removed.empty() + !modified.empty() + static_cast<int>(ice_restart);
  }
};
OfferChange diff_offer(const jingle::sdp::Session& before, const jingle::sdp::Session& after);

// Mids of the m= sections with port 0.
Names rejected_mids(const jingle::sdp::Session& s);
bool has_mid(const jingle::sdp::Session& s, const std::string& mid);

// --- descriptions (the contents of a session as one Jingle value) ---
// The contents of `j` named in `names`, in `j`'s order, with its groups and residual lines.
jingle::Jingle pick_contents(const jingle::Jingle& j, const Names& names);
jingle::Jingle drop_contents(const jingle::Jingle& j, const Names& names);
// Adds or replaces `add`'s contents in `desc`; `add`'s groups, when it has any, replace desc's.
void merge_contents(jingle::Jingle& desc, const jingle::Jingle& add);
// Content creators as the session knows them (to_jingle gives every content the same one).
void set_creators(jingle::Jingle& j, const std::map<std::string, jingle::Creator>& creators,
                  jingle::Creator fallback);
Names content_names(const jingle::Jingle& j);

// XEP-0176 ICE restart: the contents of a transport-info or transport-replace whose ICE
// credentials differ from those `desc` holds (a transport without ufrag is not a restart).
Names restarted(const jingle::Jingle& desc, const jingle::Jingle& transport);
// Takes the new credentials (and fingerprints, when sent) of those contents into `desc`; their
// old candidates go (they belong to the previous ICE generation).
void apply_transports(jingle::Jingle& desc, const jingle::Jingle& transport, const Names& names);
// A transport-info carrying only the ICE credentials and fingerprints of `names` in `s` (the
// Conversations form of an ICE restart offer and answer: no candidates).
Result<jingle::Jingle> credentials_of(const jingle::sdp::Session& s, const Names& names,
                                      const jingle::ToJingleOptions& options);
// Content senders changed by a content-modify.
void apply_senders(jingle::Jingle& desc, const jingle::Jingle& modify);

}  // namespace jinglegate::component::bridge

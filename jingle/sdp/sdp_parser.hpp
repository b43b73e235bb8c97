// Internals of the SDP parser (RFC 8866): attribute names, value checks shared by the session
// and media levels, and the per-m= section parser. Internal to jingle/sdp/.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "jingle/error.hpp"
#include "jingle/sdp/sdp.hpp"
#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp::detail {

// The value after "name:", or nullopt when the attribute has no colon (a property attribute).
using AttrValue = std::optional<std::string_view>;

// The attributes the model knows. Anything else is kept verbatim.
enum class Attr : std::uint8_t {
  other, group, msid_semantic, extmap_allow_mixed, ice_lite, ice_ufrag, ice_pwd, ice_options,
  fingerprint, setup, extmap, direction, end_of_candidates, bundle_only, rtcp, candidate, mid,
  sctp_port, max_message_size, sctpmap, msid, rtcp_mux, rtcp_mux_only, rtcp_rsize, rtcp_xr,
  rtpmap, packetization, rtcp_fb, fmtp, maxptime, ptime, framerate, ssrc_group, ssrc, rid,
  simulcast, label,
};
Attr classify(std::string_view name);

inline std::pair<std::string_view, AttrValue> split_attribute(std::string_view text) {
  const auto colon = text::find(text, ':');
  if (colon == std::string_view::npos) return {text, std::nullopt};
  return {text.substr(0, colon), text.substr(colon + 1)};
}

// Orders kept attributes as the writer puts them back (stable: same anchor, same order), so a
// parsed model equals the model of its written text.
template <class Slot>
void sort_kept(std::vector<KeptAttribute<Slot>>& kept) {
  std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.after != b.after ? a.after < b.after : a.index < b.index;
  });
}

// Where the per-line functions record a failure. They return bool: a bool costs nothing on the
// way up, where a Result<void> would build and destroy an Error at every level of every line.
class ErrorSlot {
 public:
  [[gnu::cold]] bool set(Failure f) {
    error_ = std::move(f.error);
    return false;
  }
  bool check(const Result<void>& r) { return r ? true : set(r.failure()); }
  Error& error() { return error_; }

 private:
  Error error_;
};

// Propagate a leaf parser's failure into the ErrorSlot `err` and return false.
#define SDP_CHECK(err, expr)                                              \
  do {                                                                    \
    if (auto sdp_r_ = (expr); !sdp_r_) return (err).set(sdp_r_.failure()); \
  } while (0)
#define SDP_TRY(err, decl, expr)                                                  \
  auto JG_CONCAT(sdp_try_, __LINE__) = (expr);                                    \
  if (!JG_CONCAT(sdp_try_, __LINE__)) return (err).set(JG_CONCAT(sdp_try_, __LINE__).failure()); \
  decl = std::move(*JG_CONCAT(sdp_try_, __LINE__))

// Value checks that both levels share; `name` is the attribute's name, for the error detail.
[[gnu::cold]] Failure no_value(std::string_view name);
inline Result<std::string_view> need_value(std::string_view name, const AttrValue& value) {
  if (!value || value->empty()) [[unlikely]] return no_value(name);
  return *value;
}
bool set_flag(ErrorSlot& err, bool& flag, std::string_view name, const AttrValue& value);
bool set_direction(ErrorSlot& err, Direction& d, std::string_view name, const AttrValue& value);
bool set_text(ErrorSlot& err, std::optional<std::string>& slot, std::string_view name,
              const AttrValue& value);
bool set_setup(ErrorSlot& err, std::optional<Setup>& slot, std::string_view name,
               const AttrValue& value);
bool set_ice_options(ErrorSlot& err, std::vector<std::string>& slot, std::string_view name,
                     const AttrValue& value);

// Refuses invalid UTF-8 and C0 controls other than CR, LF and TAB (they cannot go into XML).
Result<void> check_characters(std::string_view text);

// Parses the lines of one m= section (sdp_media_parser.cpp).
class MediaParser {
 public:
  explicit MediaParser(ErrorSlot& err) : err_(err) {}
  // Parses into `m` (already holding its m= line) until finish().
  void start(Media& m);
  bool line(char type, std::string_view value);  // i= c= b= k= a=
  bool attribute(std::string_view text);         // a= (most lines: called directly)
  // True once after the line just parsed was an a=candidate (for the session-wide limit).
  bool take_candidate() { return std::exchange(candidate_, false); }
  // Puts the codecs in the m= line's order and the kept attributes in writing order.
  void finish();

 private:
  bool transport(Attr a, std::string_view name, const AttrValue& value);
  bool rtp(Attr a, std::string_view name, const AttrValue& value);
  bool payload(Attr a, std::string_view name, const AttrValue& value);
  bool streams(Attr a, std::string_view name, const AttrValue& value);
  std::size_t codec_index(std::uint8_t pt);
  std::size_t source_index(std::uint32_t ssrc);
  bool mark(MediaSlot slot, std::size_t index = 0) {
    last_ = slot;
    last_index_ = static_cast<std::uint32_t>(index);
    return true;
  }
  void order_codecs();

  ErrorSlot& err_;
  Media* m_ = nullptr;
  std::array<std::uint8_t, 128> pt_index_{};  // payload type -> index in m_.codecs, 0xFF: none
  MediaSlot last_ = MediaSlot::start;
  std::uint32_t last_index_ = 0;
  bool candidate_ = false;
};

}  // namespace jinglegate::jingle::sdp::detail

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
  const auto colon = text.find(':');
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

// Value checks that both levels share; `name` is the attribute's name, for the error detail.
Result<void> need_no_value(std::string_view name, const AttrValue& value);
Result<std::string_view> need_value(std::string_view name, const AttrValue& value);
Result<void> set_flag(bool& flag, std::string_view name, const AttrValue& value);
Result<void> set_direction(Direction& d, std::string_view name, const AttrValue& value);
Result<void> set_text(std::optional<std::string>& slot, std::string_view name,
                      const AttrValue& value);
Result<void> set_setup(std::optional<Setup>& slot, std::string_view name, const AttrValue& value);
Result<void> set_ice_options(std::vector<std::string>& slot, std::string_view name,
                             const AttrValue& value);

// Parses the lines of one m= section (sdp_media_parser.cpp).
class MediaParser {
 public:
  void start(Media m);
  Result<void> line(char type, std::string_view value);
  // True once after the line just parsed was an a=candidate (for the session-wide limit).
  bool take_candidate() { return std::exchange(candidate_, false); }
  // The section, its codecs put in the m= line's order.
  Media finish();

 private:
  Result<void> attribute(std::string_view text);
  Result<void> transport(Attr a, std::string_view name, const AttrValue& value);
  Result<void> rtp(Attr a, std::string_view name, const AttrValue& value);
  Result<void> payload(Attr a, std::string_view name, const AttrValue& value);
  Result<void> streams(Attr a, std::string_view name, const AttrValue& value);
  std::size_t codec_index(std::uint8_t pt);
  std::size_t source_index(std::uint32_t ssrc);
  Result<void> mark(MediaSlot slot, std::size_t index = 0);
  void order_codecs();

  Media m_;
  std::array<std::uint8_t, 128> pt_index_{};  // payload type -> index in m_.codecs, 0xFF: none
  MediaSlot last_ = MediaSlot::start;
  std::uint32_t last_index_ = 0;
  bool candidate_ = false;
};

}  // namespace jinglegate::jingle::sdp::detail

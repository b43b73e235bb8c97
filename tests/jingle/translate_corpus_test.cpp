// The Chromium corpus round-trips SDP -> Jingle XML -> SDP: byte for byte with jinglegate's
// residual lines, and with only the documented lines lost when talking to other clients.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "jingle/sdp/sdp.hpp"
#include "jingle/translate/translate.hpp"

using namespace jinglegate;
using namespace jinglegate::jingle;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<fs::path> corpus(std::string_view suffix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(JG_CORPUS_DIR))
    if (e.path().filename().string().ends_with(suffix)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> lines_of(const std::string& sdp) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < sdp.size()) {
    const auto end = sdp.find("\r\n", pos);
    out.push_back(sdp.substr(pos, end - pos));
    if (end == std::string::npos) break;
    pos = end + 2;
  }
  return out;
}

// Lines of `a` that `b` lacks (multiset difference).
std::vector<std::string> missing(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::map<std::string, int> have;
  for (const auto& l : b) ++have[l];
  std::vector<std::string> out;
  for (const auto& l : a)
    if (have[l]-- <= 0) out.push_back(l);
  return out;
}

ToJingleOptions options_for(const fs::path& p, bool sdp_lines) {
  ToJingleOptions o;
  const bool answer = p.filename().string().find(".answer.") != std::string::npos;
  o.action = answer ? Action::session_accept : Action::session_initiate;
  o.author = answer ? Role::responder : Role::initiator;
  o.sid = "a73sjjvkla37jfea";
  o.initiator = "alice@call.a.test/web1";
  o.responder = "bob@b.test/dino";
  o.sdp_lines = sdp_lines;
  return o;
}

std::string round_trip(const std::string& sdp, const ToJingleOptions& o) {
  auto xml = sdp_to_jingle_xml(sdp, o);
  REQUIRE(xml.ok());
  ToSdpOptions back;
  back.author = o.author;
  auto out = jingle_xml_to_sdp(*xml, back);
  INFO(*xml);
  REQUIRE(out.ok());
  return *out;
}

// What other clients cannot be told, because no XEP has an element for it (docs/jingle-mapping.md).
bool lost_without_residual(const std::string& line, bool has_rtp) {
  // a=msid-semantic is derived from the a=msid lines when no residual says it; Chromium's own
  // choice and order of ids there is not derivable (and Unified Plan ignores the line).
  for (std::string_view prefix : {"o=", "a=rtcp-xr:", "a=rid:", "a=simulcast:", "a=msid-semantic:"})
    if (line.starts_with(prefix)) return true;
  // Said once for the session, it travels in each RTP description (XEP-0294): a session with only
  // a data channel has none to carry it, and it means nothing there.
  if (line == "a=extmap-allow-mixed") return !has_rtp;
  // A stopped or rejected m= section (port 0) is a content-remove / content-reject for the bridge
  // to send, not part of a description (XEP-0166 §6.7, §7.2).
  if (line.starts_with("m=") && line.find(" 0 ") == line.find(' ')) return true;
  // RED's "111/111": Conversations refuses a <parameter/> without a value.
  if (line.starts_with("a=fmtp:") && line.find('=', 7) == std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("every corpus SDP comes back byte for byte through Jingle with the residual lines") {
  const auto files = corpus(".sdp");
  REQUIRE(files.size() == 48);
  for (const auto& p : files) {
    INFO(p.filename());
    const std::string sdp = slurp(p);
    CHECK(round_trip(sdp, options_for(p, true)) == sdp);
  }
}

TEST_CASE("without the residual lines only the lines no XEP carries are lost") {
  std::map<std::string, int> lost_kinds;
  for (const auto& p : corpus(".sdp")) {
    INFO(p.filename());
    const std::string sdp = slurp(p);
    const auto in = lines_of(sdp);
    const auto out = lines_of(round_trip(sdp, options_for(p, false)));
    const bool has_rtp = sdp.find("RTP/SAVPF") != std::string::npos;
    for (const auto& l : missing(in, out)) {
      INFO(l);
      CHECK(lost_without_residual(l, has_rtp));
      ++lost_kinds[l.substr(0, l.find_first_of(":= "))];
    }
    // Nothing is invented either, beyond the replacements of what was lost (o=, msid-semantic,
    // the m= line of a port-0 section, now with the discard port or its first candidate's).
    for (const auto& l : missing(out, in)) {
      INFO(l);
      CHECK((l.starts_with("o=") || l.starts_with("m=") || l.starts_with("a=msid-semantic:")));
    }
  }
  CHECK(lost_kinds.size() <= 8);
}

TEST_CASE("every trickled corpus candidate survives a transport-info round trip") {
  int checked = 0;
  for (const auto& p : corpus(".candidates.json")) {
    INFO(p.filename());
    const auto list = nlohmann::json::parse(slurp(p));
    for (const auto& c : list) {
      CandidateInit init;
      if (c.is_null()) continue;  // end of candidates has no mid in the corpus files
      init.candidate = c["candidate"].get<std::string>();
      init.sdp_mid = c["sdpMid"].get<std::string>();
      init.username_fragment = c["usernameFragment"].get<std::string>();
      auto ti = candidate_to_transport_info(init, "sid1", Creator::initiator, "", "");
      REQUIRE(ti.ok());
      auto parsed = parse_jingle(to_xml(*ti));
      REQUIRE(parsed.ok());
      auto back = transport_info_to_candidates(*parsed);
      REQUIRE(back.ok());
      REQUIRE(back->size() == 1);
      CHECK(back->front().candidate == init.candidate);
      CHECK(back->front().sdp_mid == init.sdp_mid);
      CHECK(back->front().username_fragment == init.username_fragment);
      ++checked;
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("end of candidates travels as gathering-complete") {
  CandidateInit end{"", "0", 0, "ZCbA"};
  auto ti = candidate_to_transport_info(end, "sid1", Creator::initiator, "ZCbA", "pwd");
  REQUIRE(ti.ok());
  auto back = transport_info_to_candidates(*parse_jingle(to_xml(*ti)));
  REQUIRE(back.ok());
  REQUIRE(back->size() == 1);
  CHECK(back->front().candidate.empty());
  CHECK(back->front().sdp_mid == "0");
}

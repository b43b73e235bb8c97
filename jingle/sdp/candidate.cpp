// ICE candidate lines (RFC 8839 §5.1): parse_candidate_line / write_candidate_line.
#include "jingle/sdp/candidate.hpp"
#include "jingle/sdp/sdp_parser.hpp"

#include <algorithm>

#include "jingle/sdp/emit.hpp"
#include "jingle/sdp/text.hpp"

namespace jinglegate::jingle::sdp {

namespace {

using text::bad_line;
using text::bad_value;
using text::number;
using text::set_once;

// foundation = 1*32 ice-char; ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.1)
bool is_foundation(std::string_view s) {
  return !s.empty() && s.size() <= 32 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/';
  });
}

std::optional<CandidateType> parse_type(std::string_view s) {
  if (s == "host") return CandidateType::host;
  if (s == "srflx") return CandidateType::srflx;
  if (s == "prflx") return CandidateType::prflx;
  if (s == "relay") return CandidateType::relay;
  return std::nullopt;
}

Result<void> extension(IceCandidate& c, std::string_view name, std::string_view value) {
  if (name == "raddr") return set_once(c.rel_addr, value, name);
  if (name == "rport") {
    JG_TRY(auto port, number<std::uint16_t>(value, "candidate: rport"));
    return set_once(c.rel_port, port, name);
  }
  if (name == "tcptype") return set_once(c.tcptype, value, name);
  if (name == "generation") {
    JG_TRY(auto n, number<std::uint32_t>(value, "candidate: generation"));
    return set_once(c.generation, n, name);
  }
  if (name == "ufrag") return set_once(c.ufrag, value, name);
  if (name == "network-id") {
    JG_TRY(auto n, number<std::uint32_t>(value, "candidate: network-id"));
    return set_once(c.network_id, n, name);
  }
  if (name == "network-cost") {
    JG_TRY(auto n, number<std::uint32_t>(value, "candidate: network-cost"));
    return set_once(c.network_cost, n, name);
  }
  c.extensions.emplace_back(name, value);
  return Ok{};
}

Result<void> head(IceCandidate& c, text::Fields& f) {
  JG_TRY(auto foundation, text::field(f, "candidate foundation"));
  if (!is_foundation(foundation)) return bad_value("candidate: foundation", foundation);
  c.foundation = foundation;
  JG_TRY(auto component_text, text::field(f, "candidate component"));
  JG_TRY(c.component, number<std::uint16_t>(component_text, "candidate: component"));
  if (c.component < 1 || c.component > 256) {
    return bad_value("candidate: component", component_text);
  }
  JG_TRY(auto protocol, text::field(f, "candidate transport"));
  c.protocol = protocol;
  JG_TRY(auto priority, text::field(f, "candidate priority"));
  JG_TRY(c.priority, number<std::uint32_t>(priority, "candidate: priority"));
  JG_TRY(auto address, text::field(f, "candidate address"));
  c.address = address;
  JG_TRY(auto port, text::field(f, "candidate port"));
  JG_TRY(c.port, number<std::uint16_t>(port, "candidate: port"));
  JG_TRY(auto typ, text::field(f, "candidate typ"));
  if (typ != "typ") return bad_line("candidate: expected typ, got", typ);
  JG_TRY(auto type_text, text::field(f, "candidate type"));
  const auto type = parse_type(type_text);
  if (!type) return bad_value("candidate: type", type_text);
  c.type = *type;
  return Ok{};
}

}  // namespace

Result<void> parse_candidate_into(std::string_view value, IceCandidate& c) {
  text::Fields f(value);
  JG_CHECK(head(c, f));
  while (!f.done()) {
    JG_TRY(auto name, text::field(f, "candidate extension name"));
    if (f.done()) return bad_line("candidate: extension without a value", name);
    JG_TRY(auto ext_value, text::field(f, "candidate extension value"));
    JG_CHECK(extension(c, name, ext_value));
  }
  return Ok{};
}

Result<IceCandidate> parse_candidate_value(std::string_view value) {
  JG_CHECK(detail::check_characters(value));
  IceCandidate c;
  JG_CHECK(parse_candidate_into(value, c));
  return c;
}

Result<IceCandidate> parse_candidate_line(std::string_view line) {
  if (line.starts_with("a=")) line.remove_prefix(2);
  if (line.starts_with("candidate:")) line.remove_prefix(10);
  auto c = parse_candidate_value(line);
  if (!c) {
    Error e = c.error();
    e.line = 1;
    return fail(std::move(e));
  }
  return c;
}

std::string write_candidate_line(const IceCandidate& candidate) {
  return emit::build([&](auto& out) { emit::candidate(out, candidate); });
}

}  // namespace jinglegate::jingle::sdp

// jinglegate-convert: the SDP <-> Jingle translation of jingle/ on the command line, no daemon.
//
//   jinglegate-convert sdp2jingle [--answer] [--no-sdp-lines] [--sid SID] < offer.sdp > jingle.xml
//   jinglegate-convert jingle2sdp [--author initiator|responder] < jingle.xml > offer.sdp
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>

#include "jingle/translate/translate.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: jinglegate-convert sdp2jingle [--answer] [--no-sdp-lines] [--sid SID] < sdp\n"
               "       jinglegate-convert jingle2sdp [--author initiator|responder] < jingle-xml\n");
  return 2;
}

int report(const jinglegate::Error& e) {
  std::fprintf(stderr, "jinglegate-convert: %s%s%s\n", e.detail.c_str(), e.line ? " at line " : "",
               e.line ? std::to_string(e.line).c_str() : "");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace jinglegate::jingle;
  if (argc < 2) return usage();
  const std::string_view mode = argv[1];
  const std::string input{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  if (mode == "sdp2jingle") {
    ToJingleOptions o;
    o.sid = "jinglegate-convert";
    for (int i = 2; i < argc; ++i) {
      const std::string_view a = argv[i];
      if (a == "--answer") {
        o.action = Action::session_accept;
        o.author = Role::responder;
      } else if (a == "--no-sdp-lines") {
        o.sdp_lines = false;
      } else if (a == "--sid" && i + 1 < argc) {
        o.sid = argv[++i];
      } else {
        return usage();
      }
    }
    auto xml = sdp_to_jingle_xml(input, o);
    if (!xml) return report(xml.error());
    std::cout << *xml << "\n";
    return 0;
  }
  if (mode == "jingle2sdp") {
    ToSdpOptions o;
    for (int i = 2; i < argc; ++i) {
      const std::string_view a = argv[i];
      if (a == "--author" && i + 1 < argc) {
        const std::string_view r = argv[++i];
        if (r != "initiator" && r != "responder") return usage();
        o.author = r == "initiator" ? Role::initiator : Role::responder;
      } else {
        return usage();
      }
    }
    auto sdp = jingle_xml_to_sdp(input, o);
    if (!sdp) return report(sdp.error());
    std::cout << *sdp;
    return 0;
  }
  return usage();
}

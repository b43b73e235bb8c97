// XEP-0338 Jingle Grouping Framework: <group/>, model, reader and writer.
//
//   <group xmlns='urn:xmpp:jingle:apps:grouping:0' semantics='BUNDLE'>      a=group:BUNDLE 0 1
//     <content name='0'/><content name='1'/>
//   </group>
#pragma once

#include <string>
#include <vector>

#include "jingle/xep_common.hpp"

namespace jinglegate::jingle {

struct Group {
  // REQUIRED. Older XEP-0338 drafts (and lib-jitsi-meet's reader) use type='' instead: read, not written.
  std::string semantics;
  std::vector<std::string> contents;  // content names, in order; other attributes of <content/> are not kept
  Unknown unknown;
  friend bool operator==(const Group&, const Group&) = default;
};

Result<Group> read_group(const xml::Element& e);
void write_group(xml::Writer& w, const Group& g);

}  // namespace jinglegate::jingle

// The typed Jingle model (XEP-0166 and the XEPs it carries) and XEP-0353 messages: one include.
#pragma once

#include "jingle/xep0166_jingle.hpp"          // <jingle/>, <content/>: read_jingle, write_jingle, parse_jingle, to_xml
#include "jingle/xep0166_reason.hpp"          // <reason/>
#include "jingle/xep0167_rtp.hpp"             // RTP <description/>, <payload-type/>
#include "jingle/xep0167_rtp_info.hpp"        // session-info payloads
#include "jingle/xep0176_ice_udp.hpp"         // ICE-UDP <transport/>, <candidate/>
#include "jingle/xep0293_rtcp_fb.hpp"         // <rtcp-fb/>
#include "jingle/xep0294_hdrext.hpp"          // <rtp-hdrext/>
#include "jingle/xep0320_dtls.hpp"            // <fingerprint/>
#include "jingle/xep0338_grouping.hpp"        // <group/>
#include "jingle/xep0339_ssma.hpp"            // <source/>, <ssrc-group/>
#include "jingle/xep0343_sctp.hpp"            // <sctpmap/>, <sctp-port/>, <max-message-size/>
#include "jingle/xep0353_jingle_message.hpp"  // propose, proceed, …

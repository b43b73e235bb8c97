// XMPP addresses for the link: the pure Jid of jingle/jid.hpp (RFC 7622), named in this namespace
// too, so that component/ and presence/ share one type.
#pragma once

#include "jingle/jid.hpp"

namespace jinglegate::component::xmpp {

using jinglegate::in_domain;
using jinglegate::Jid;
using jinglegate::parse_jid;

}  // namespace jinglegate::component::xmpp

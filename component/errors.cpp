// The error registry: each Errc's faces — XMPP stanza error, JSON error code, log text.
#include "component/errors.hpp"

#include <array>

#include "jingle/xml/ns.hpp"

namespace jinglegate::component {

namespace {
constexpr std::string_view J = ns::jingle_errors;
constexpr std::string_view X = ns::xmpp_errors;

// Keep in enum order: a static_assert below and a unit test check it.
constexpr std::array kRegistry{
    // SDP
    ErrorFace{Errc::bad_sdp_line, "modify", "bad-request", "", "", "bad-sdp-line", "SDP line does not parse"},
    ErrorFace{Errc::bad_sdp_value, "modify", "bad-request", "", "", "bad-sdp-value", "SDP value out of range"},
    ErrorFace{Errc::missing_sdp_line, "modify", "bad-request", "", "", "missing-sdp-line", "required SDP line missing"},
    ErrorFace{Errc::sdp_too_big, "modify", "policy-violation", "", "", "sdp-too-big", "SDP exceeds the size limit"},
    // XML
    ErrorFace{Errc::bad_xml, "modify", "bad-request", "", "", "bad-xml", "XML is not well-formed"},
    ErrorFace{Errc::restricted_xml, "modify", "bad-request", "", "", "restricted-xml", "XML uses restricted features (RFC 6120 11.1)"},
    ErrorFace{Errc::xml_too_big, "modify", "policy-violation", X, "stanza-too-big", "xml-too-big", "stanza exceeds the size limit"},
    ErrorFace{Errc::xml_too_deep, "modify", "policy-violation", "", "", "xml-too-deep", "XML nested too deep"},
    ErrorFace{Errc::xml_too_many_elements, "modify", "policy-violation", "", "", "xml-too-many-elements", "XML has too many elements or attributes"},
    // Jingle
    ErrorFace{Errc::bad_jingle, "modify", "bad-request", "", "", "bad-jingle", "malformed Jingle element"},
    ErrorFace{Errc::unknown_action, "modify", "bad-request", "", "", "unknown-action", "unknown Jingle action"},
    ErrorFace{Errc::unsupported_application, "cancel", "feature-not-implemented", J, "unsupported-applications", "unsupported-application", "no supported application description"},
    ErrorFace{Errc::unsupported_transport, "cancel", "feature-not-implemented", J, "unsupported-transports", "unsupported-transport", "no supported transport"},
    ErrorFace{Errc::unsupported_info, "modify", "feature-not-implemented", J, "unsupported-info", "unsupported-info", "unsupported session-info payload"},
    ErrorFace{Errc::unknown_session, "cancel", "item-not-found", J, "unknown-session", "unknown-session", "no such Jingle session"},
    ErrorFace{Errc::out_of_order, "wait", "unexpected-request", J, "out-of-order", "out-of-order", "request out of order for the session state"},
    ErrorFace{Errc::tie_break, "cancel", "conflict", J, "tie-break", "tie-break", "crossing requests; the other side wins"},
    ErrorFace{Errc::security_error, "cancel", "not-acceptable", "", "", "security-error", "DTLS-SRTP fingerprint missing or invalid"},
    ErrorFace{Errc::translation_failed, "cancel", "not-acceptable", "", "", "translation-failed", "cannot translate between SDP and Jingle"},
    // XMPP generic
    ErrorFace{Errc::bad_request, "modify", "bad-request", "", "", "bad-request", "bad request"},
    ErrorFace{Errc::feature_not_implemented, "cancel", "feature-not-implemented", "", "", "feature-not-implemented", "feature not implemented"},
    ErrorFace{Errc::service_unavailable, "cancel", "service-unavailable", "", "", "service-unavailable", "service unavailable"},
    ErrorFace{Errc::item_not_found, "cancel", "item-not-found", "", "", "item-not-found", "item not found"},
    ErrorFace{Errc::not_allowed, "cancel", "not-allowed", "", "", "not-allowed", "not allowed"},
    ErrorFace{Errc::forbidden, "auth", "forbidden", "", "", "forbidden", "forbidden"},
    ErrorFace{Errc::not_authorized, "auth", "not-authorized", "", "", "not-authorized", "not authorized"},
    ErrorFace{Errc::conflict, "cancel", "conflict", "", "", "conflict", "conflict"},
    ErrorFace{Errc::policy_violation, "modify", "policy-violation", "", "", "policy-violation", "policy violation"},
    ErrorFace{Errc::resource_constraint, "wait", "resource-constraint", "", "", "resource-constraint", "resource constraint"},
    ErrorFace{Errc::recipient_unavailable, "wait", "recipient-unavailable", "", "", "recipient-unavailable", "recipient unavailable"},
    ErrorFace{Errc::remote_server_timeout, "wait", "remote-server-timeout", "", "", "remote-server-timeout", "remote server timeout"},
    ErrorFace{Errc::internal_error, "wait", "internal-server-error", "", "", "internal-error", "internal error"},
    ErrorFace{Errc::bad_config, "cancel", "internal-server-error", "", "", "bad-config", "invalid configuration"},
    // Web gateway
    ErrorFace{Errc::bad_json, "modify", "bad-request", "", "", "bad-json", "message is not valid JSON"},
    ErrorFace{Errc::bad_message, "modify", "bad-request", "", "", "bad-message", "unknown or malformed message"},
    ErrorFace{Errc::missing_field, "modify", "bad-request", "", "", "missing-field", "required field missing"},
    ErrorFace{Errc::bad_field, "modify", "bad-request", "", "", "bad-field", "field has a wrong type or value"},
    ErrorFace{Errc::message_too_big, "modify", "policy-violation", "", "", "message-too-big", "message exceeds the size limit"},
    ErrorFace{Errc::rate_limited, "wait", "policy-violation", "", "", "rate-limited", "too many messages"},
    ErrorFace{Errc::auth_required, "auth", "not-authorized", "", "", "auth-required", "authentication required"},
    ErrorFace{Errc::bad_token, "auth", "not-authorized", "", "", "bad-token", "token rejected"},
    ErrorFace{Errc::token_expired, "auth", "not-authorized", "", "", "token-expired", "token expired"},
    ErrorFace{Errc::token_not_yet_valid, "auth", "not-authorized", "", "", "token-not-yet-valid", "token not yet valid"},
    ErrorFace{Errc::token_bad_audience, "auth", "not-authorized", "", "", "token-bad-audience", "token audience not accepted"},
    ErrorFace{Errc::token_bad_issuer, "auth", "not-authorized", "", "", "token-bad-issuer", "token issuer not accepted"},
    ErrorFace{Errc::origin_not_allowed, "auth", "forbidden", "", "", "origin-not-allowed", "origin not allowed"},
    ErrorFace{Errc::too_many_connections, "wait", "resource-constraint", "", "", "too-many-connections", "too many connections for this user"},
    ErrorFace{Errc::too_many_calls, "wait", "resource-constraint", "", "", "too-many-calls", "too many calls for this user"},
    ErrorFace{Errc::slow_consumer, "wait", "resource-constraint", "", "", "slow-consumer", "client reads too slowly"},
    ErrorFace{Errc::idle_timeout, "wait", "remote-server-timeout", "", "", "idle-timeout", "connection idle too long"},
    ErrorFace{Errc::unknown_peer, "cancel", "item-not-found", "", "", "unknown-peer", "no such peer"},
    ErrorFace{Errc::unknown_call, "cancel", "item-not-found", J, "unknown-session", "unknown-call", "no such call"},
    ErrorFace{Errc::xmpp_down, "wait", "remote-server-timeout", "", "", "xmpp-down", "XMPP server link is down"},
    // Calls
    ErrorFace{Errc::call_timeout, "wait", "remote-server-timeout", "", "", "call-timeout", "call not answered in time"},
    ErrorFace{Errc::call_rejected, "cancel", "not-acceptable", "", "", "call-rejected", "call rejected"},
    ErrorFace{Errc::call_busy, "wait", "resource-constraint", "", "", "call-busy", "callee busy"},
    ErrorFace{Errc::peer_gone, "cancel", "recipient-unavailable", "", "", "peer-gone", "peer went away"},
    // Presence and storage
    ErrorFace{Errc::bad_jid, "modify", "jid-malformed", "", "", "bad-jid", "malformed JID"},
    ErrorFace{Errc::roster_full, "wait", "resource-constraint", "", "", "roster-full", "roster size limit reached"},
    ErrorFace{Errc::database_error, "wait", "internal-server-error", "", "", "database-error", "database error"},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kRegistry.size(); ++i)
    if (static_cast<std::size_t>(kRegistry[i].code) != i) return false;
  return true;
}
static_assert(in_enum_order(), "error registry must list every Errc in enum order");
static_assert(kRegistry.size() == static_cast<std::size_t>(Errc::database_error) + 1,
              "every Errc needs a registry entry");
}  // namespace

std::span<const ErrorFace> error_registry() { return kRegistry; }

const ErrorFace& face(Errc code) { return kRegistry[static_cast<std::size_t>(code)]; }

std::string describe(const Error& e) {
  std::string s(face(e.code).json_code);
  s += ": ";
  s += e.detail.empty() ? std::string(face(e.code).text) : e.detail;
  if (e.line > 0) s += " (line " + std::to_string(e.line) + ")";
  return s;
}

}  // namespace jinglegate::component

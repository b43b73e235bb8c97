// The presence part of the browser protocol: presence-family client fields and gateway messages.
#include "component/web/presence_protocol.hpp"

#include <nlohmann/json.hpp>

#include "component/web/json_out.hpp"
#include "component/web/protocol.hpp"

namespace jinglegate::component::web {

namespace {
using nlohmann::json;
namespace pr = ::jinglegate::presence;

constexpr std::size_t kMaxJidBytes = 3071;   // RFC 7622: three parts of 1023
constexpr std::size_t kMaxNameBytes = 1023;  // a roster name is a label

bool refuse(BadMessage& bad, Errc code, std::string field, std::string message) {
  bad.code = code;
  bad.field = std::move(field);
  bad.message = std::move(message);
  return false;
}

// XML 1.0 cannot carry C0 controls other than tab, LF and CR: they would break the stream.
bool xml_safe(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

bool text(const json& obj, BadMessage& bad, const char* key, std::string& out, bool required, std::size_t max) {
  auto it = obj.find(key);
  if (it == obj.end()) return !required || refuse(bad, Errc::missing_field, key, std::string(key) + " is required");
  if (!it->is_string()) return refuse(bad, Errc::bad_field, key, std::string(key) + " must be a string");
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max) return refuse(bad, Errc::bad_field, key, std::string(key) + " is too long");
  if (!xml_safe(s)) return refuse(bad, Errc::bad_field, key, std::string(key) + " contains control characters");
  out = s;
  return true;
}

bool jid(const json& obj, BadMessage& bad, const char* key, std::string& out) {
  if (!text(obj, bad, key, out, true, kMaxJidBytes)) return false;
  return parse_jid(out).ok() || refuse(bad, Errc::bad_field, key, std::string(key) + " must be a JID");
}

std::string_view show_name(pr::Show s) { return s == pr::Show::available ? "available" : pr::name_of(s); }
}  // namespace

bool read_presence_fields(const json& obj, ClientMessage& m, BadMessage& bad) {
  PresenceRequest& p = m.presence;
  switch (m.type) {
    case MessageType::presence:
      if (!text(obj, bad, "show", p.show, false, 16) || !text(obj, bad, "status", p.status, false, pr::kMaxStatusBytes))
        return false;
      if (!p.show.empty() && p.show != "available" && !pr::parse_show(p.show))
        return refuse(bad, Errc::bad_field, "show", "show must be available, away, chat, dnd or xa");
      return true;
    case MessageType::subscribe:
      return jid(obj, bad, "to", p.jid) && text(obj, bad, "name", p.name, false, kMaxNameBytes);
    case MessageType::unsubscribe: return jid(obj, bad, "to", p.jid);
    case MessageType::approve:
    case MessageType::deny:
    case MessageType::remove: return jid(obj, bad, "jid", p.jid);
    case MessageType::roster:
    case MessageType::directory: return true;
    default: return refuse(bad, Errc::bad_message, "type", "not a presence message");
  }
}

void write_presence_fields(JsonOut& o, const ClientMessage& m) {
  const PresenceRequest& p = m.presence;
  switch (m.type) {
    case MessageType::presence:
      if (!p.show.empty()) o.string("show", p.show);
      if (!p.status.empty()) o.string("status", p.status);
      break;
    case MessageType::subscribe:
      o.string("to", p.jid);
      if (!p.name.empty()) o.string("name", p.name);
      break;
    case MessageType::unsubscribe: o.string("to", p.jid); break;
    case MessageType::approve:
    case MessageType::deny:
    case MessageType::remove: o.string("jid", p.jid); break;
    default: break;
  }
}

std::string write_roster(const pr::RosterUpdate& update, std::string_view id) {
  JsonOut o(64 + 96 * (update.items.size() + update.removed.size()));
  o.begin_object().string("type", "roster");
  if (!id.empty()) o.raw("id", id);
  o.boolean("full", update.full).key("items").begin_array();
  for (const auto& item : update.items) {
    o.begin_object().string("jid", item.contact);
    if (!item.name.empty()) o.string("name", item.name);
    o.string("subscription", pr::name_of(pr::subscription_of(item.state)));
    if (pr::pending_out(item.state)) o.string("ask", "subscribe");
    o.end_object();
  }
  for (const auto& contact : update.removed)
    o.begin_object().string("jid", contact).string("subscription", "remove").end_object();
  o.end_array();
  return o.end_object().take();
}

std::string write_contact_presence(const pr::ContactUpdate& u) {
  JsonOut o(192 + u.from.size() + u.info.status.size());
  o.begin_object().string("type", "presence").string("from", u.from).boolean("available", u.available);
  if (u.available) {
    o.string("show", show_name(u.info.show));
    if (!u.info.status.empty()) o.string("status", u.info.status);
    if (u.info.priority != 0) o.raw("priority", std::to_string(u.info.priority));
    if (u.caps) {
      o.key("caps").begin_object();
      o.boolean("audio", u.caps->audio).boolean("video", u.caps->video);
      o.boolean("data", u.caps->data).boolean("jmi", u.caps->jmi);
      o.end_object();
    } else {
      o.null("caps");  // not known yet: another presence message follows when it is
    }
  }
  return o.end_object().take();
}

std::string write_subscription_request(const pr::PendingRequest& r) {
  JsonOut o(96 + r.contact.size() + r.status.size());
  o.begin_object().string("type", "subscription-request").string("from", r.contact);
  if (!r.status.empty()) o.string("status", r.status);
  return o.end_object().take();
}

std::string write_directory(const pr::Directory& d, std::string_view id) {
  JsonOut o(96 + 64 * d.users.size());
  o.begin_object().string("type", "directory");
  if (!id.empty()) o.raw("id", id);
  o.string("mode", pr::name_of(d.mode)).key("users").begin_array();
  for (const auto& u : d.users) {
    o.begin_object().string("jid", u.jid).key("resources").begin_array();
    for (const auto& r : u.resources) o.value(r);
    o.end_array().end_object();
  }
  o.end_array().boolean("truncated", d.truncated);
  return o.end_object().take();
}

}  // namespace jinglegate::component::web

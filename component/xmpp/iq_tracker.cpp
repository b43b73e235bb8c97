// Our own iq requests (RFC 6120 §8.2.3): send, match the answer by id and sender, or time out.
#include "component/xmpp/iq_tracker.hpp"

#include "component/errors.hpp"
#include "component/log.hpp"
#include "jingle/xml/ns.hpp"

namespace jinglegate::component::xmpp {

IqTracker::IqTracker(boost::asio::io_context& io, StanzaRouter& router) : io_(io), router_(router) {
  auto answer = [this](const Stanza& s) { return on_answer(s); };
  router_.route(StanzaKind::iq, StanzaType::result, "", answer);
  router_.route(StanzaKind::iq, StanzaType::error, "", answer);
}

void IqTracker::request(xml::Element iq, std::chrono::milliseconds timeout, Callback done) {
  // Ids are ours alone: a prefix no peer uses, and a counter (RFC 6120 §8.1.3: unique enough).
  const std::string id = "jg" + std::to_string(++next_);
  iq.set_attr("id", id);
  Pending p{std::string(iq.attr_or("to")), std::move(done), std::make_unique<boost::asio::steady_timer>(io_, timeout)};
  p.timer->async_wait([this, id](const boost::system::error_code& ec) {
    if (!ec) finish(id, fail(Errc::remote_server_timeout, "no answer to iq " + id));
  });
  pending_.emplace(id, std::move(p));
  router_.send(std::move(iq));
}

Result<void> IqTracker::on_answer(const Stanza& s) {
  auto it = pending_.find(s.id);
  if (it == pending_.end()) {
    log::debug("iq", "answer to no request of ours", {{"id", s.id}, {"from", s.from.str()}});
    return Ok{};  // never answered: it is a result or an error (RFC 6120 §8.2.3)
  }
  // An answer from anyone but the addressee is spoofed or misrouted: ignore it, keep waiting.
  if (!it->second.to.empty() && s.from.str() != it->second.to) {
    log::warn("iq", "answer from the wrong sender ignored", {{"id", s.id}, {"from", s.from.str()}, {"expected", it->second.to}});
    return Ok{};
  }
  if (s.type == StanzaType::result) {
    finish(s.id, xml::Element(*s.element));
  } else {
    const auto* error = s.element->child("error", s.element->ns);
    const auto* text = error ? error->child("text", ns::stanzas) : nullptr;
    finish(s.id, fail(errc_of_stanza_error(*s.element), text ? text->text : std::string()));
  }
  return Ok{};
}

void IqTracker::finish(const std::string& id, Result<xml::Element> answer) {
  auto it = pending_.find(id);
  if (it == pending_.end()) return;
  Pending p = std::move(it->second);
  pending_.erase(it);
  p.timer->cancel();
  p.done(std::move(answer));
}

void IqTracker::fail_all(Errc why) {
  while (!pending_.empty()) finish(pending_.begin()->first, fail(why, "the XMPP link went down"));
}

Errc errc_of_stanza_error(const xml::Element& stanza) {
  const auto* error = stanza.child("error", stanza.ns);
  if (!error) return Errc::internal_error;
  // The generic registry entries are those whose JSON code is the defined condition itself.
  Errc defined = Errc::internal_error;
  for (const auto& c : error->children) {
    for (const auto& f : error_registry()) {
      if (!f.app_ns.empty() && c.ns == f.app_ns && c.name == f.app_condition) return f.code;
      if (c.ns == ns::stanzas && c.name == f.xmpp_condition && f.json_code == f.xmpp_condition) defined = f.code;
    }
  }
  return defined;
}

}  // namespace jinglegate::component::xmpp

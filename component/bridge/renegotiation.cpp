// The bridge's renegotiation: a browser's re-offer becomes content-add, content-remove,
// content-modify or an ICE restart (Conversations' transport-info with new credentials); the
// peer's content-add/-remove/-modify, ICE restart and transport-replace become an offer to the
// browser, whose answer becomes content-accept/-reject, transport-info or transport-accept.
#include "component/bridge/bridge.hpp"
#include "component/bridge/web_jingle_map.hpp"
#include "component/errors.hpp"
#include "component/log.hpp"

namespace jinglegate::component::bridge {

using jingle::Action;
using jingle::Direction;
using jingle::SessionState;
using web::HangupReason;
namespace sdp = jingle::sdp;

namespace {

bool waits_for_browser(Pending p) {
  return p == Pending::web_content_add || p == Pending::web_transport || p == Pending::web_replace ||
         p == Pending::web_silent || p == Pending::web_initial;
}
bool waits_for_peer(Pending p) {
  return p == Pending::peer_content_add || p == Pending::peer_ice_restart || p == Pending::peer_modify ||
         p == Pending::peer_initial;
}

Names minus(const Names& a, const Names& b) {
  Names out;
  for (const auto& n : a)
    if (std::find(b.begin(), b.end(), n) == b.end()) out.push_back(n);
  return out;
}
Names both(const Names& a, const Names& b) { return minus(a, minus(a, b)); }

jingle::Content bare_content(jingle::Creator creator, const std::string& name) {
  jingle::Content c;
  c.creator = creator;
  c.name = name;
  return c;
}

// Contents `names` taken out of the session: `j` (a content-remove or content-reject) with their
// bare contents, or, for a peer that takes neither (profile remove_as_modify/reject_as_modify),
// a content-modify turning them off (senders='none').
jingle::Jingle turn_off(jingle::Jingle j, const Call& c, const Names& names, bool as_modify) {
  if (as_modify) j.action = Action::content_modify;
  for (const auto& n : names) {
    j.contents.push_back(bare_content(c.creator_of(n), n));
    if (as_modify) j.contents.back().senders = jingle::Senders::none;
  }
  return j;
}

// Conversations' content-accept for a bundled content carries a stub transport: the content
// joins the BUNDLE group so that it inherits the group's transport (RFC 8843 §7).
void join_bundle(jingle::Jingle& desc, const jingle::Jingle& added) {
  for (const auto& c : added.contents) {
    const auto* t = std::get_if<jingle::IceUdpTransport>(&c.transport);
    if (t && !t->ufrag.empty()) continue;
    for (auto& g : desc.groups)
      if (g.semantics == "BUNDLE" && std::find(g.contents.begin(), g.contents.end(), c.name) == g.contents.end())
        g.contents.push_back(c.name);
  }
}

}  // namespace

// --- the browser renegotiates ---

Result<void> Bridge::on_web_reoffer(Call& c, const web::ClientMessage& m) {
  if (c.state != SessionState::active || c.pending != Pending::none || !c.browser)
    return fail(Errc::out_of_order, "a negotiation is in flight or the call is not set up yet");
  auto parsed = sdp::parse_sdp(m.sdp);
  if (!parsed) return fail(Errc::bad_field, "sdp: " + describe(parsed.error()));
  const OfferChange change = diff_offer(*c.browser, *parsed);
  if (change.kinds() > 1)
    return fail(Errc::feature_not_implemented, "one kind of change per offer: add, remove, direction or ICE restart");
  if (change.ice_restart && !c.profile.ice_restart)
    return fail(Errc::feature_not_implemented, c.profile.name + " does not restart ICE; the call keeps its transport");
  c.browser_offer = std::move(*parsed);
  const sdp::Session& offer = *c.browser_offer;
  jingle::ToJingleOptions o;
  o.sid = c.sid;
  o.author = c.role;
  o.creator = c.our_creator();
  o.sdp_lines = c.profile.sdp_lines;
  if (change.none()) {
    answer_browser_offer(c);
    return Ok{};
  }
  if (!change.added.empty()) {
    o.action = Action::content_add;
    JG_TRY(c.state, jingle::next(c.state, Action::content_add, Direction::outgoing, c.role, c.role));
    JG_TRY(auto j, jingle::to_jingle(offer, o));
    j = pick_contents(j, change.added);
    for (const auto& name : change.added) c.creators[name] = c.our_creator();
    c.pending = Pending::peer_content_add;
    c.pending_names = change.added;
    send_jingle(c, std::move(j));
  } else if (!change.removed.empty() || !change.modified.empty()) {
    const bool remove = !change.removed.empty();
    auto j = remove ? turn_off(make_jingle(c, Action::content_remove), c, change.removed, c.profile.remove_as_modify)
                    : make_jingle(c, Action::content_modify);
    for (const auto& name : remove ? Names{} : change.modified) {
      jingle::Content content = bare_content(c.creator_of(name), name);
      for (const auto& mm : offer.media)
        if (mm.mid == name) content.senders = jingle::to_senders(sdp::effective_direction(offer, mm), c.role);
      j.contents.push_back(std::move(content));
    }
    c.pending = Pending::peer_modify;
    c.pending_names = remove ? change.removed : change.modified;
    // content-remove and content-modify have no answer action: the iq result is the answer.
    send_jingle(c, j, [this, j, remove](Call& c) {
      if (c.pending != Pending::peer_modify) return;
      c.remote = remove ? drop_contents(c.remote, content_names(j)) : c.remote;
      if (!remove) apply_senders(c.remote, j);
      answer_browser_offer(c);
    });
  } else {
    o.action = Action::transport_info;
    const Names live = minus(content_names(c.remote), rejected_mids(offer));
    JG_TRY(auto j, credentials_of(offer, live, o));
    set_creators(j, c.creators, c.our_creator());
    c.pending = Pending::peer_ice_restart;
    c.pending_names = live;
    send_jingle(c, std::move(j));
  }
  log_call(c, "renegotiating", "offer from the browser");
  arm(c, Wait::negotiation);
  return Ok{};
}

// The peer's answer is in c.remote: the browser gets it as the answer to its offer.
void Bridge::answer_browser_offer(Call& c) {
  if (!c.browser_offer) return;
  auto text = browser_sdp(c.remote, &*c.browser_offer,
                          {jingle::other(c.role), c.origin_id, ++c.origin_version});
  if (!text) return untranslatable(c, TranslationDirection::jingle_to_sdp, text.error(), HangupReason::failed_application);
  c.browser = std::move(c.browser_offer);
  c.browser_offer.reset();
  c.pending = Pending::none;
  c.pending_names.clear();
  arm(c, Wait::nothing);
  to_web(c, web::write_answer(c.session, from_of(c), *text, summary_for_web(c.profile)));
  log_call(c, "renegotiated");
}

void Bridge::negotiation_failed(Call& c, const Error& why) {
  if (c.state == SessionState::local_content_add || c.state == SessionState::local_transport_replace)
    c.state = SessionState::active;  // the refusal withdraws our request
  c.pending = Pending::none;
  c.pending_names.clear();
  c.browser_offer.reset();
  arm(c, Wait::nothing);
  // The browser's offer is refused: it rolls back (jinglegate.js does on an error for its offer).
  to_web(c, web::write_error(why.code, "the peer refused the renegotiation: " + describe(why), "sdp", {}, c.session));
  log_call(c, "renegotiation refused", describe(why));
}

// --- the peer renegotiates ---

Result<void> Bridge::check_peer_request(const Call& c, const jingle::Jingle& j) const {
  const bool request = j.action != Action::transport_info || !restarted(c.remote, j).empty();
  if (!request) return Ok{};  // candidates
  if (waits_for_browser(c.pending)) return fail(Errc::out_of_order, "a negotiation with the browser is in flight");
  // XEP-0166 §7.2.16 for requests the state machine does not track (ICE restarts, removals,
  // modifications): the initiator's wins. A crossing content-add was decided by the machine.
  if (waits_for_peer(c.pending) && c.pending != Pending::peer_ice_restart && c.role == jingle::Role::initiator &&
      j.action != Action::content_add)
    return fail(Errc::tie_break, "crossed our own request; the initiator's wins");
  if (j.action == Action::content_add) {
    if (j.contents.empty()) return fail(Errc::bad_request, "content-add without content");
    for (const auto& add : j.contents)
      for (const auto& have : c.remote.contents)
        if (add.name == have.name) return fail(Errc::bad_request, "content " + add.name + " exists");
  }
  return Ok{};
}

void Bridge::on_peer_request(Call& c, const jingle::Jingle& j) {
  if (waits_for_peer(c.pending)) {  // ours lost the crossing: the browser's offer is rolled back
    c.browser_offer.reset();
    c.pending = Pending::none;
  }
  const Names names = content_names(j);
  jingle::Jingle next = c.remote;
  Pending pending = Pending::web_silent;
  switch (j.action) {
    case Action::content_add:
      merge_contents(next, j);
      for (const auto& content : j.contents) c.creators[content.name] = content.creator;
      pending = Pending::web_content_add;
      break;
    case Action::content_remove:
      next = drop_contents(next, names);
      if (next.contents.empty())  // XEP-0166 §6.6: a session without content is void
        return end_call(c, HangupReason::success, By::us, "every content was removed");
      break;
    case Action::content_modify: apply_senders(next, j); break;
    case Action::transport_replace:
      for (const auto& content : j.contents)
        if (!std::holds_alternative<jingle::IceUdpTransport>(content.transport)) {
          auto reject = make_jingle(c, Action::transport_reject);
          reject.contents = j.contents;
          c.state = SessionState::active;
          return send_jingle(c, std::move(reject));
        }
      apply_transports(next, j, names);
      pending = Pending::web_replace;
      break;
    default: return;
  }
  auto text = browser_sdp(next, c.browser ? &*c.browser : nullptr,
                          {jingle::other(c.role), c.origin_id, ++c.origin_version});
  if (!text) {
    if (j.action == Action::content_add) {  // what the browser cannot take is declined cleanly
      auto reject = make_jingle(c, Action::content_reject);
      for (const auto& content : j.contents) reject.contents.push_back(bare_content(content.creator, content.name));
      c.state = SessionState::active;
      log_call(c, "content-add declined", describe(text.error()));
      return send_jingle(c, std::move(reject));
    }
    return untranslatable(c, TranslationDirection::jingle_to_sdp, text.error(), HangupReason::failed_application);
  }
  c.remote = std::move(next);
  c.pending = pending;
  c.pending_names = names;
  to_web(c, web::write_offer(c.session, from_of(c), *text, media_of(c.remote), summary_for_web(c.profile)));
  log_call(c, "renegotiating", std::string(jingle::action_name(j.action)) + " from the peer");
  arm(c, Wait::negotiation);
}

// The browser's answer to an offer made of the peer's request.
Result<void> Bridge::answer_peer_request(Call& c, const sdp::Session& answer) {
  if (!waits_for_browser(c.pending)) return fail(Errc::out_of_order, "there is no offer to answer");
  const Pending pending = c.pending;
  const Names names = c.pending_names;
  c.browser = answer;
  c.pending = Pending::none;
  c.pending_names.clear();
  arm(c, Wait::nothing);
  jingle::ToJingleOptions o;
  o.sid = c.sid;
  o.author = c.role;
  o.sdp_lines = c.profile.sdp_lines;
  const Names rejected = both(names, rejected_mids(answer));
  const Names accepted = minus(names, rejected);
  if (pending == Pending::web_content_add) {
    o.action = accepted.empty() ? Action::content_reject : Action::content_accept;
    auto next = jingle::next(c.state, o.action, Direction::outgoing, c.role, c.role);
    if (next) c.state = *next;
    if (accepted.empty()) {
      send_jingle(c, turn_off(make_jingle(c, Action::content_reject), c, rejected, c.profile.reject_as_modify));
    } else {
      JG_TRY(auto j, jingle::to_jingle(answer, o));
      j = pick_contents(j, accepted);
      set_creators(j, c.creators, c.our_creator());
      send_jingle(c, std::move(j));
      if (!rejected.empty())  // accepted in part: the rest is removed again
        send_jingle(c, turn_off(make_jingle(c, Action::content_remove), c, rejected, c.profile.remove_as_modify));
    }
    c.remote = drop_contents(c.remote, rejected);
  } else if (pending == Pending::web_transport || pending == Pending::web_replace) {
    o.action = pending == Pending::web_transport ? Action::transport_info : Action::transport_accept;
    JG_TRY(auto j, credentials_of(answer, names, o));
    set_creators(j, c.creators, c.our_creator());
    if (pending == Pending::web_replace) c.state = SessionState::active;
    send_jingle(c, std::move(j));
  }
  log_call(c, "renegotiated");
  return Ok{};
}

// The peer's answer to our content-add (or transport-replace, which we never send).
void Bridge::on_peer_answer(Call& c, const jingle::Jingle& j) {
  if (c.pending != Pending::peer_content_add) return;
  if (j.action == Action::content_accept) {
    join_bundle(c.remote, j);
    merge_contents(c.remote, j);
  }
  answer_browser_offer(c);
}

// A transport-info with new credentials: the peer's ICE restart, or its answer to ours.
bool Bridge::on_ice_restart(Call& c, const jingle::Jingle& j) {
  const Names names = restarted(c.remote, j);
  if (names.empty()) return false;
  apply_transports(c.remote, j, names);
  if (c.pending == Pending::peer_ice_restart) {
    answer_browser_offer(c);
    return true;
  }
  if (waits_for_peer(c.pending)) {  // ours lost the crossing (we are the responder)
    c.browser_offer.reset();
    c.pending = Pending::none;
  }
  auto text = browser_sdp(c.remote, c.browser ? &*c.browser : nullptr,
                          {jingle::other(c.role), c.origin_id, ++c.origin_version});
  if (!text) {
    untranslatable(c, TranslationDirection::jingle_to_sdp, text.error(), HangupReason::failed_transport);
    return true;
  }
  c.pending = Pending::web_transport;
  c.pending_names = names;
  to_web(c, web::write_offer(c.session, from_of(c), *text, c.media, summary_for_web(c.profile)));
  log_call(c, "renegotiating", "ICE restart from the peer");
  arm(c, Wait::negotiation);
  return true;
}

}  // namespace jinglegate::component::bridge

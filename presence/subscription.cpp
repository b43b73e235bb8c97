// The RFC 6121 §3 subscription state machine: RFC 6121 Appendix A's tables as data.
#include "presence/subscription.hpp"

#include <array>

namespace jinglegate::presence {

namespace {
using S = SubState;
using E = Effect;

struct Cell {
  SubState to;
  Effects effects;
};
using Row = std::array<Cell, kSubStates>;  // indexed by the current state, in enum order

// Outbound subscribe (A.2.1). Always routed, even without a state change: a user asking again
// heals a contact's server that lost the request (jabberd14 and Prosody do the same).
constexpr Row kOutSubscribe{{
    {S::none_pending_out, {E::route}}, {S::none_pending_out, {E::route}}, {S::none_pending_out_in, {E::route}},
    {S::none_pending_out_in, {E::route}}, {S::to, {E::route}}, {S::to_pending_in, {E::route}},
    {S::from_pending_out, {E::route}}, {S::from_pending_out, {E::route}}, {S::both, {E::route}},
}};
// Outbound subscribed (A.2.3): approves a pending request; without one it does nothing (we do
// not offer pre-approval, §3.4). Approval sends the user's presence to the new subscriber (§3.1.5).
constexpr Row kOutSubscribed{{
    {S::none, {}}, {S::none_pending_out, {}}, {S::from, {E::route, E::send_presence}},
    {S::from_pending_out, {E::route, E::send_presence}}, {S::to, {}}, {S::both, {E::route, E::send_presence}},
    {S::from, {}}, {S::from_pending_out, {}}, {S::both, {}},
}};
// Outbound unsubscribe (A.2.2). Always routed, like subscribe; losing 'to' forgets the contact's
// presence at once (its server will send unavailable too, §3.3.2).
constexpr Row kOutUnsubscribe{{
    {S::none, {E::route}}, {S::none, {E::route}}, {S::none_pending_in, {E::route}},
    {S::none_pending_in, {E::route}}, {S::none, {E::route, E::forget_presence}},
    {S::none_pending_in, {E::route, E::forget_presence}}, {S::from, {E::route}}, {S::from, {E::route}},
    {S::from, {E::route, E::forget_presence}},
}};
// Outbound unsubscribed (A.2.4): denies a pending request or cancels the contact's subscription;
// a cancelled subscriber gets unavailable from each of the user's resources (§3.2.2).
constexpr Row kOutUnsubscribed{{
    {S::none, {}}, {S::none_pending_out, {}}, {S::none, {E::route}},
    {S::none_pending_out, {E::route}}, {S::to, {}}, {S::to, {E::route}},
    {S::none, {E::route, E::send_unavailable}}, {S::none_pending_out, {E::route, E::send_unavailable}},
    {S::to, {E::route, E::send_unavailable}},
}};
// Inbound subscribe (A.3.1): a new request is asked of the user; from a contact already
// subscribed it is confirmed without asking (§3.1.3); a repeated pending one is not asked twice.
constexpr Row kInSubscribe{{
    {S::none_pending_in, {E::ask_user}}, {S::none_pending_out_in, {E::ask_user}}, {S::none_pending_in, {}},
    {S::none_pending_out_in, {}}, {S::to_pending_in, {E::ask_user}}, {S::to_pending_in, {}},
    {S::from, {E::reply_subscribed}}, {S::from_pending_out, {E::reply_subscribed}}, {S::both, {E::reply_subscribed}},
}};
// Inbound subscribed (A.3.3): only an answer to the user's pending request counts.
constexpr Row kInSubscribed{{
    {S::none, {}}, {S::to, {}}, {S::none_pending_in, {}},
    {S::to_pending_in, {}}, {S::to, {}}, {S::to_pending_in, {}},
    {S::from, {}}, {S::both, {}}, {S::both, {}},
}};
// Inbound unsubscribe (A.3.2): the contact stops receiving the user's presence (or withdraws its
// request); the user's resources send it unavailable.
constexpr Row kInUnsubscribe{{
    {S::none, {}}, {S::none_pending_out, {}}, {S::none, {}},
    {S::none_pending_out, {}}, {S::to, {}}, {S::to, {}},
    {S::none, {E::send_unavailable}}, {S::none_pending_out, {E::send_unavailable}}, {S::to, {E::send_unavailable}},
}};
// Inbound unsubscribed (A.3.4): the contact denied the user's request or cancelled the user's
// subscription; the contact's presence is forgotten.
constexpr Row kInUnsubscribed{{
    {S::none, {}}, {S::none, {}}, {S::none_pending_in, {}},
    {S::none_pending_in, {}}, {S::none, {E::forget_presence}}, {S::none_pending_in, {E::forget_presence}},
    {S::from, {}}, {S::from, {}}, {S::from, {E::forget_presence}},
}};

constexpr std::array<const Row*, kSubEvents> kTable{&kOutSubscribe, &kOutSubscribed, &kOutUnsubscribe,
                                                     &kOutUnsubscribed, &kInSubscribe, &kInSubscribed,
                                                     &kInUnsubscribe, &kInUnsubscribed};

struct Facts {
  Subscription sub;
  bool out;
  bool in;
};
constexpr std::array<Facts, kSubStates> kFacts{{
    {Subscription::none, false, false}, {Subscription::none, true, false}, {Subscription::none, false, true},
    {Subscription::none, true, true}, {Subscription::to, false, false}, {Subscription::to, false, true},
    {Subscription::from, false, false}, {Subscription::from, true, false}, {Subscription::both, false, false},
}};

constexpr std::array<std::string_view, kSubStates> kStateNames{
    "None", "None + Pending Out", "None + Pending In", "None + Pending Out/In", "To", "To + Pending In",
    "From", "From + Pending Out", "Both"};
constexpr std::array<std::string_view, kSubEvents> kEventNames{
    "outbound subscribe", "outbound subscribed", "outbound unsubscribe", "outbound unsubscribed",
    "inbound subscribe",  "inbound subscribed",  "inbound unsubscribe",  "inbound unsubscribed"};
constexpr std::array<std::string_view, 4> kSubNames{"none", "to", "from", "both"};

constexpr std::size_t idx(auto e) { return static_cast<std::size_t>(e); }
}  // namespace

Subscription subscription_of(SubState s) { return kFacts[idx(s)].sub; }
bool pending_out(SubState s) { return kFacts[idx(s)].out; }
bool pending_in(SubState s) { return kFacts[idx(s)].in; }
bool has_to(SubState s) { return subscription_of(s) == Subscription::to || subscription_of(s) == Subscription::both; }
bool has_from(SubState s) {
  return subscription_of(s) == Subscription::from || subscription_of(s) == Subscription::both;
}

std::optional<SubState> make_state(Subscription sub, bool out, bool in) {
  for (std::size_t i = 0; i < kFacts.size(); ++i)
    if (kFacts[i].sub == sub && kFacts[i].out == out && kFacts[i].in == in) return static_cast<SubState>(i);
  return std::nullopt;
}

std::string_view name_of(Subscription s) { return kSubNames[idx(s)]; }
std::string_view name_of(SubState s) { return kStateNames[idx(s)]; }
std::string_view name_of(SubEvent e) { return kEventNames[idx(e)]; }

std::optional<Subscription> parse_subscription(std::string_view s) {
  for (std::size_t i = 0; i < kSubNames.size(); ++i)
    if (kSubNames[i] == s) return static_cast<Subscription>(i);
  return std::nullopt;
}

Transition next(SubState state, SubEvent event) {
  const Cell& c = (*kTable[idx(event)])[idx(state)];
  return Transition{state, c.to, c.effects};
}

}  // namespace jinglegate::presence

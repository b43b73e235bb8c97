// The RFC 6121 §3 presence subscription state machine, from the side of a web user's server (we are
// the server of every account of the component's domain). States are RFC 6121 Appendix A's nine;
// events are the four subscription stanzas, outbound (the web user acts) or inbound (a contact's).
//
//   next(state, event) -> {new state, effects}      pure; table-tested over every pair
//
// Effects say what the service must do; it does them (stanzas, roster pushes, questions).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace jinglegate::presence {

// RFC 6121 §2.1.2.5: the 'subscription' attribute of a roster item.
enum class Subscription { none, to, from, both };

// RFC 6121 Appendix A.1: the subscription plus the pending flags of §3 ("Pending Out": the user asked
// the contact and waits; "Pending In": the contact asked the user and waits).
enum class SubState {
  none, none_pending_out, none_pending_in, none_pending_out_in,
  to, to_pending_in,
  from, from_pending_out,
  both,
};
inline constexpr int kSubStates = 9;

enum class SubEvent {
  out_subscribe, out_subscribed, out_unsubscribe, out_unsubscribed,  // the web user's (RFC 6121 A.2)
  in_subscribe, in_subscribed, in_unsubscribe, in_unsubscribed,      // a contact's (RFC 6121 A.3)
};
inline constexpr int kSubEvents = 8;

Subscription subscription_of(SubState s);
bool pending_out(SubState s);  // the roster item's ask='subscribe'
bool pending_in(SubState s);
bool has_to(SubState s);       // the user receives the contact's presence (to, both)
bool has_from(SubState s);     // the contact receives the user's presence (from, both)
// The state with these facts; nullopt for combinations RFC 6121 cannot reach (to + pending out…).
std::optional<SubState> make_state(Subscription sub, bool out, bool in);

std::string_view name_of(Subscription s);  // "none", "to", "from", "both"
std::optional<Subscription> parse_subscription(std::string_view s);
std::string_view name_of(SubState s);      // "None + Pending Out" as RFC 6121 writes it
std::string_view name_of(SubEvent e);      // "outbound subscribe"

// What a transition asks for besides the new state. A changed state always means a roster push
// to the web user (RFC 6121 §2.1.6), so that is not an effect of its own.
enum class Effect : std::uint8_t {
  route = 1,              // send the stanza to the contact, from the user's bare JID (outbound)
  ask_user = 2,           // a new inbound request: the web user approves or denies it (§3.1.3)
  reply_subscribed = 4,   // inbound subscribe from a contact already subscribed: confirm it (§3.1.3)
  send_presence = 8,      // send the user's current presence to the contact (§3.1.5, approval)
  send_unavailable = 16,  // the contact lost the user's presence: unavailable from each resource (§3.2.2)
  forget_presence = 32,   // the user lost the contact's presence: clear it and say so (§3.2.3)
};

class Effects {
 public:
  constexpr Effects() = default;
  constexpr Effects(std::initializer_list<Effect> list) {
    for (Effect e : list) bits_ |= static_cast<std::uint8_t>(e);
  }
  constexpr bool has(Effect e) const { return (bits_ & static_cast<std::uint8_t>(e)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  friend constexpr bool operator==(Effects, Effects) = default;

 private:
  std::uint8_t bits_ = 0;
};

struct Transition {
  SubState from;
  SubState to;
  Effects effects;
  bool changed() const { return from != to; }
  friend bool operator==(const Transition&, const Transition&) = default;
};

Transition next(SubState state, SubEvent event);

}  // namespace jinglegate::presence

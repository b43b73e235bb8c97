// Presence test helpers: XMPP users that advertise caps and answer (or lie, or stay silent about)
// disco#info, approve subscriptions on request, and web-side waits for the presence messages.
import { RawClient, capsVer, attr } from './xmpp.mjs';

export { attr };

const NS_CAPS = 'http://jabber.org/protocol/caps';
const NS_DISCO = 'http://jabber.org/protocol/disco#info';

// What a call client advertises (Dino's set, jingle-clients.md) and what a chat-only one does.
export const JINGLE_FEATURES = [NS_DISCO, NS_CAPS, 'urn:xmpp:jingle:1', 'urn:xmpp:jingle:apps:rtp:1',
  'urn:xmpp:jingle:apps:rtp:audio', 'urn:xmpp:jingle:apps:rtp:video', 'urn:xmpp:jingle:transports:ice-udp:1',
  'urn:xmpp:jingle:apps:dtls:0', 'urn:xmpp:jingle-message:0'];
export const CHAT_FEATURES = [NS_DISCO, NS_CAPS, 'http://jabber.org/protocol/muc', 'urn:xmpp:receipts'];

export const PLAIN = 'no caps yet';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// An XMPP user logged in with a raw client. It answers disco#info for its caps node with
// `answer` (the truth by default; a lie when it differs from `features`), unless `silent`; it
// approves subscription requests when `approve`; after `answerDelayMs` if given. It sends its
// initial presence with <c/> (see below when `presence` is false).
export async function xmppUser(server, user, password, { resource = 'rig', name = `Rig ${user}`, features = CHAT_FEATURES,
  answer = features, node = 'https://rig.example/caps', silent = false, approve = false, answerDelayMs = 0,
  presence = true } = {}) {
  const c = await RawClient.login({ server, user, password, resource });
  // A roster get makes the resource "interested" (RFC 6121 §2.1.6): Prosody delivers inbound
  // subscription stanzas and roster pushes to interested resources only, as to real clients.
  await c.iq('roster0', "<iq type='get' id='roster0'><query xmlns='jabber:iq:roster'/></iq>");
  c.ver = capsVer({ identities: [{ category: 'client', type: 'pc', name }], features });
  c.node = node;
  c.discoAsked = [];
  const reply = (xml) => (answerDelayMs ? sleep(answerDelayMs).then(() => c.send(xml)) : c.send(xml));
  const mine = (s) => (s.startsWith('<iq') && attr(s, 'type') === 'get' && s.includes(NS_DISCO) && s.includes(`${node}#`)) ||
    (approve && s.startsWith('<presence') && attr(s, 'type') === 'subscribe');
  (async () => {  // serves until the stream closes (next() then rejects)
    for (;;) {
      const s = await c.next(mine, 2 ** 31 - 1);
      if (s.startsWith('<presence')) {
        reply(`<presence to='${attr(s, 'from')}' type='subscribed'/>`);
        continue;
      }
      c.discoAsked.push(attr(s, 'from'));
      if (silent) continue;
      const feats = answer.map((f) => `<feature var='${f}'/>`).join('');
      reply(`<iq type='result' id='${attr(s, 'id')}' to='${attr(s, 'from')}'><query xmlns='${NS_DISCO}' node='${attr(s, 'node')}'>` +
        `<identity category='client' type='pc' name='${name}'/>${feats}</query></iq>`);
    }
  })().catch(() => {});
  // Without `presence`, a plain one (status PLAIN): available, so that Prosody delivers
  // subscription requests, but no caps until the test sends them.
  if (presence) c.send(`<presence><c xmlns='${NS_CAPS}' hash='sha-1' node='${node}' ver='${c.ver}'/></presence>`);
  else c.send(`<presence><status>${PLAIN}</status></presence>`);
  return c;
}

// The next presence stanza received by `c` of `type` ('' = available) from `from` (a prefix).
export function nextPresence(c, { type = '', from = '', timeoutMs } = {}) {
  return c.next((s) => s.startsWith('<presence') && (attr(s, 'type') || '') === type &&
    (attr(s, 'from') || '').startsWith(from), timeoutMs);
}

// Waits on a web session for a message of `type` matching `pred`, dropping the others of that type.
export async function until(web, type, pred, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`no matching ${type} within ${timeoutMs} ms`);
    const m = await web.next(type, left);
    if (pred(m)) return m;
  }
}

// A roster item of `jid` in a roster message, or undefined.
export const item = (roster, jid) => roster.items.find((i) => i.jid === jid);
// The next roster push naming `jid`.
export const rosterPush = (web, jid, timeoutMs) => until(web, 'roster', (r) => Boolean(item(r, jid)), timeoutMs).then((r) => item(r, jid));
// The next presence of `from` (full JID) with known caps (or unavailable).
export const presenceOf = (web, from, { known = true, timeoutMs } = {}) =>
  until(web, 'presence', (p) => p.from === from && (!known || !p.available || p.caps !== null), timeoutMs);

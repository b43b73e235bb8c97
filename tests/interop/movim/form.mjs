// Movim (web; the PHP daemon is the XMPP client, the browser does WebRTC with max-bundle) as a
// Jingle peer: its forms. Sources (read, not copied): movim/movim @bf786260 src/Movim/Librairies/
// SDPtoJingle.php (initiator = own bare JID, responder = the peer's JID even on transport-info;
// transport before description; candidates copy network-id/network-cost, no id), JingletoSDP.php,
// public/scripts/movim_jingles.js (bundlePolicy 'max-bundle'; a peer's content-add answered with a
// second session-accept), app/Widgets/Visio/Visio.php + Jingle.php (propose lists video before
// audio, JMI <ringing/> sent on every propose, <finish/> after the call). Caps: Movim's disco
// identity client/web "Movim", node https://movim.eu/. Issues: https://github.com/movim/movim/issues/1231.
import { NS } from '../sdp.mjs';
import { descriptionXml, transportXml, groupXml, jingleIq, reasonXml, rtpMedia, jmiDescriptions, message, candidateXml } from '../forms.mjs';

export const name = 'movim';
export const profile = 'movim';  // the gateway's profile name for it (from its disco#info)
export const resource = 'movim9f2c';
export const version = '0.31';
export const caps = {
  node: 'https://movim.eu/',
  identities: [{ category: 'client', type: 'web', name: 'Movim' }],
  features: ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'jabber:iq:version', 'urn:xmpp:ping',
    'urn:xmpp:receipts', 'urn:xmpp:chat-markers:0', 'urn:xmpp:jingle:1', 'urn:xmpp:jingle:apps:rtp:1', 'urn:xmpp:jingle:apps:rtp:audio',
    'urn:xmpp:jingle:apps:rtp:video', 'urn:xmpp:jingle:transports:ice-udp:1', 'urn:xmpp:jingle:apps:dtls:0',
    'urn:xmpp:jingle-message:0', 'urn:xmpp:jingle:apps:grouping:0', 'urn:xmpp:jingle:apps:rtp:rtcp-fb:0',
    'urn:xmpp:jingle:apps:rtp:rtp-hdrext:0', 'urn:xmpp:jingle:apps:rtp:ssma:0', 'urn:xmpp:jingle:muji:0'],
};
export const jmi = true;
export const bundlePolicy = 'max-bundle';
export const view = {};
export const contentName = (m) => m.mid;

const jmiMsg = (to, sid, el, inner = '') => message({ to, id: `mv-${el}-${sid}`, body: `<${el} xmlns='${NS.jmi}' id='${sid}'${inner ? `>${inner}</${el}>` : '/>'}` });
// Video before audio.
export const propose = ({ to, sid, media }) => jmiMsg(to, sid, 'propose', jmiDescriptions([...media].reverse()));
export const answerPropose = ({ sid, to }) => [jmiMsg(to, sid, 'ringing'), jmiMsg(to, sid, 'proceed')];

const attrs = (peer, responder) => ` initiator='${peer.bareJid}'${responder ? ` responder='${responder}'` : ''}`;
const contents = (sdp) => rtpMedia(sdp).map((m) => `<content creator='initiator' name='${m.mid}' senders='both'>`
  + transportXml(m) + descriptionXml(m) + '</content>').join('');
const group = (sdp) => (sdp.groups.length ? groupXml(rtpMedia(sdp).map((m) => m.mid)) : '');

// Its own calls name its bare JID as initiator; an answer names the caller and itself.
export const initiate = ({ to, id, sid, sdp, peer }) => jingleIq({ to, id, action: 'session-initiate', sid, attrs: attrs(peer), body: group(sdp) + contents(sdp) });
export const accept = ({ to, id, sid, sdp, peer }) => jingleIq({ to, id, action: 'session-accept', sid, attrs: ` initiator='${to}' responder='${peer.jid}'`, body: group(sdp) + contents(sdp) });

// One candidate per stanza, network-id and network-cost copied from the browser, no id.
export function transportInfos({ to, sid, sdp, peer, session }) {
  return rtpMedia(sdp).flatMap((m) => m.candidates.map((c, i) => jingleIq({ to, id: `mvti${i}-${m.mid}-${sid}`, action: 'transport-info', sid,
    attrs: session.weInitiated ? attrs(peer, to) : ` initiator='${to}' responder='${to}'`,
    body: `<content creator='initiator' name='${m.mid}'><transport xmlns='${NS.ice}' ufrag='${m.ufrag}' pwd='${m.pwd}'>${
      candidateXml(c).replace('/>', ` network-id='1' network-cost='10'/>`)}</transport></content>` })));
}

// movim_jingles.js: a content-add is applied to the browser as a new offer and answered with a
// second session-accept carrying the browser's whole answer.
export const answerContentAdd = ({ to, id, sid, sdp, peer }) => jingleIq({ to, id, action: 'session-accept', sid,
  attrs: ` initiator='${to}' responder='${peer.jid}'`, body: group(sdp) + contents(sdp) });

export const terminate = ({ to, id, sid, reason, text, peer }) => jingleIq({ to, id, action: 'session-terminate', sid, attrs: attrs(peer), body: reasonXml(reason, text) });
export const afterTerminate = ({ to, sid }) => [jmiMsg(to, sid, 'finish', `<reason xmlns='${NS.jingle}'><success/></reason>`)];
// Its payload handler acknowledges every Jingle iq (unknown-session check commented out).
export const check = () => null;
// Its JingletoSDP copies network-cost into the browser's SDP; its profile must not send it (issue 9 F).
export function observe(j) {
  const cands = j.jingle.getChildren('content').flatMap((c) => c.getChildren('transport')).flatMap((t) => t.getChildren('candidate'));
  return cands.some((c) => c.attributes['network-cost'] !== undefined) ? 'a candidate with network-cost' : null;
}

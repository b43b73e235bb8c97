// Gajim (desktop, Python, Farstream + libnice) as a Jingle peer: its forms and requirements.
// Sources (read, not copied), gajim/gajim @67350349 (2026-08-08): gajim/common/modules/jingle.py
// (contents named 'voice' and 'video'; a plain session-initiate to a full JID, no XEP-0353),
// jingle_session.py (__make_jingle: initiator attribute on every action), jingle_content.py
// (content name, creator, senders='both'), jingle_rtp.py (fsrtpconference; payload-types from
// Farstream: OPUS, SPEEX, G722, PCMA, PCMU, AMR, telephone-event; no <fingerprint>, no <crypto>,
// no <rtcp-mux/>: plain RTP), jingle_transport.py (make_candidate: foundation '1', generation '0',
// network '0', uuid id, no rel-addr/rel-port; ufrag/pwd on the transport), modules/caps.py
// (identity client/pc "Gajim", node https://gajim.org), helpers.py get_optional_features
// (Jingle RTP features announced only when A/V is installed; commented out since commit 18b73bce,
// 2026-06-07, "Remove all jingle features as its currently not supported"). See README.md.
import { NS } from '../sdp.mjs';
import { payloadXml, jingleIq, reasonXml, rtpMedia, candidateXml } from '../forms.mjs';

export const name = 'gajim';
export const profile = 'gajim';  // the gateway's profile name for it (from its disco#info)
export const resource = 'gajim.X7K2QF9B';
export const version = '2.4.7';
const BASE = ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/muc',
  'jabber:iq:version', 'urn:xmpp:ping', 'urn:xmpp:receipts', 'urn:xmpp:chat-markers:0', 'http://jabber.org/protocol/chatstates',
  'urn:xmpp:message-correct:0', 'urn:xmpp:jingle:1', 'urn:xmpp:time', 'urn:xmpp:avatar:metadata+notify'];
const AV = ['urn:xmpp:jingle:apps:rtp:1', 'urn:xmpp:jingle:apps:rtp:audio', 'urn:xmpp:jingle:apps:rtp:video', 'urn:xmpp:jingle:transports:ice-udp:1'];
const identities = [{ category: 'client', type: 'pc', name: 'Gajim' }];
// Gajim up to 2.4 with its A/V dependencies installed; from June 2026 on it announces no RTP.
export const caps = { node: 'https://gajim.org', identities, features: [...BASE, ...AV] };
export const capsWithoutAv = { node: 'https://gajim.org', identities, features: BASE };
export const jmi = false;
export const view = {};
export const contentName = (m) => (m.kind === 'audio' ? 'voice' : 'video');
const CODECS = ['opus', 'speex', 'G722', 'PCMA', 'PCMU', 'AMR', 'telephone-event'];

export const answerPropose = () => [];

// Farstream's codecs, plain RTP: the engine's ufrag/pwd and candidates, never a fingerprint.
export function initiate({ to, id, sid, sdp, peer }) {
  const body = rtpMedia(sdp).map((m) => {
    const pts = m.payloads.filter((p) => m.kind === 'video' || CODECS.includes(p.name)).map((p) => payloadXml(p, { fb: false })).join('');
    const cands = m.candidates.map((c) => candidateXml({ ...c, foundation: '1', relAddr: undefined, relPort: undefined }, { id: true, network: true })).join('');
    return `<content name='${contentName(m)}' creator='initiator' senders='both'><description xmlns='${NS.rtp}' media='${m.kind}'>${pts}</description>`
      + `<transport xmlns='${NS.ice}' ufrag='${m.ufrag}' pwd='${m.pwd}'>${cands}</transport></content>`;
  }).join('');
  return jingleIq({ to, id, action: 'session-initiate', sid, attrs: ` initiator='${peer.jid}'`, body });
}

export const accept = () => { throw new Error('Gajim cannot answer a DTLS-SRTP call: it has no XEP-0320'); };
export const transportInfos = () => [];
export const terminate = ({ to, id, sid, reason, text, peer }) => jingleIq({ to, id, action: 'session-terminate', sid, attrs: ` initiator='${peer.jid}'`, body: reasonXml(reason, text) });
export const check = () => null;

// Conversations (Android, libwebrtc) as a Jingle peer: its stanza forms and what it requires.
// Sources (read, not copied): iNPUTmice/Conversations @0677ddc5 (2023) src/main/java/eu/siacs/
// conversations/xmpp/jingle/RtpContentMap.java (toJinglePacket, requireDTLSFingerprint: setup
// must be actpass on initiate, "Use of DTLS-SRTP (XEP-0320) is required"), stanzas/
// RtpDescription.java, stanzas/IceUdpTransportInfo.java (udp candidates only), JingleRtpConnection
// .java (JMI; proposed media must equal the initiate's; accept must carry the initiate's media),
// generator/AbstractGenerator.java (identity client/phone "Conversations", VOIP_NAMESPACES,
// caps node http://conversations.im), generator/MessageGenerator.java (jm-propose-<sid>, receipt
// request, <store/>). Issues: https://github.com/iNPUTmice/Conversations/issues/3725 (security-
// error on non-actpass), shared notes jingle-clients.md §1. Values come from the peer engine.
import { NS } from '../sdp.mjs';
import { descriptionXml, transportXml, groupXml, jingleIq, reasonXml, rtpMedia, jmiDescriptions, message, candidateXml } from '../forms.mjs';

export const name = 'conversations';
export const profile = 'conversations';  // the gateway's profile name for it (from its disco#info)
export const resource = 'Conversations.Xk3v';
export const version = '2.12.8';
export const caps = {
  node: 'http://conversations.im',
  identities: [{ category: 'client', type: 'phone', name: 'Conversations' }],
  features: ['eu.siacs.conversations.axolotl.devicelist+notify', 'http://jabber.org/protocol/caps',
    'http://jabber.org/protocol/chatstates', 'http://jabber.org/protocol/disco#info', 'jabber:iq:version',
    'urn:xmpp:avatar:metadata+notify', 'urn:xmpp:chat-markers:0', 'urn:xmpp:jingle:1', 'urn:xmpp:jingle:apps:dtls:0',
    'urn:xmpp:jingle:apps:file-transfer:3', 'urn:xmpp:jingle:apps:rtp:1', 'urn:xmpp:jingle:apps:rtp:audio',
    'urn:xmpp:jingle:apps:rtp:video', 'urn:xmpp:jingle:transports:ice-udp:1', 'urn:xmpp:jingle:transports:s5b:1',
    'urn:xmpp:jingle:transports:ibb:1', 'urn:xmpp:jingle-message:0', 'urn:xmpp:ping', 'urn:xmpp:receipts'],
};
export const jmi = true;
// Its SDP converter drops tcp candidates ("XEP-0176 doesn't support tcp").
export const view = { udpOnly: true };
export const contentName = (m) => m.mid;

const OMEMO_DTLS = 'http://gultsch.de/xmpp/drafts/omemo/dlts-srtp-verification';

export const propose = ({ to, sid, media }) => message({ to, id: `jm-propose-${sid}`,
  body: `<propose xmlns='${NS.jmi}' id='${sid}'>${jmiDescriptions(media)}</propose><request xmlns='${NS.receipts}'/><store xmlns='${NS.hints}'/>` });

const proceed = (to, sid) => message({ to, id: `jm-proceed-${sid}`,
  body: `<proceed xmlns='${NS.jmi}' id='${sid}'><device xmlns='${OMEMO_DTLS}' id='1496012370'/></proceed><store xmlns='${NS.hints}'/>` });

// A propose that asks for a receipt gets one (it drives the caller's "ringing"); then proceed.
export function answerPropose({ propose: p, sid, to }) {
  const out = [];
  if (p.includes(`xmlns='${NS.receipts}'`) || p.includes(`xmlns="${NS.receipts}"`)) {
    const id = /^<message[^>]*\sid=['"]([^'"]+)['"]/.exec(p)[1];
    out.push(`<message to='${to}' id='rcpt-${sid}'><received xmlns='${NS.receipts}' id='${id}'/></message>`);
  }
  out.push(proceed(to, sid));
  return out;
}

const contents = (sdp, setup, creator = 'initiator') => rtpMedia(sdp).map((m) => `<content creator='${creator}' name='${m.mid}'>`
  + descriptionXml(m, { extmapAllowMixed: sdp.extmapAllowMixed }) + transportXml(m, { setup }) + '</content>').join('');

const group = (sdp) => (sdp.groups.length ? groupXml(rtpMedia(sdp).map((m) => m.mid)) : '');

// No initiator attribute; the group first; candidates always trickled.
export const initiate = ({ to, id, sid, sdp }) => jingleIq({ to, id, action: 'session-initiate', sid, body: group(sdp) + contents(sdp, 'actpass') });
export const accept = ({ to, id, sid, sdp }) => jingleIq({ to, id, action: 'session-accept', sid, body: group(sdp) + contents(sdp, sdp.media[0].setup ?? 'active') });

// One candidate per transport-info, with a random id.
let n = 0;
export function transportInfos({ to, sid, sdp }) {
  const creator = 'initiator';
  return rtpMedia(sdp).flatMap((m) => m.candidates.filter((c) => c.protocol === 'udp').map((c) => jingleIq({ to, id: `ti${++n}`, action: 'transport-info', sid,
    body: `<content creator='${creator}' name='${m.mid}'><transport xmlns='${NS.ice}' ufrag='${m.ufrag}' pwd='${m.pwd}'>${candidateXml(c, { id: true })}</transport></content>` })));
}

// ICE restart (JingleRtpConnection.restartIce / onTransportInfo): one transport-info with every
// content's new ufrag/pwd and fingerprint, no candidates; the candidates follow one by one.
export const restart = ({ to, sid, sdp }) => [jingleIq({ to, id: `rs${++n}`, action: 'transport-info', sid,
  body: rtpMedia(sdp).map((m) => `<content creator='initiator' name='${m.mid}'>${transportXml(m, { setup: m.setup })}</content>`).join('') })];

// Adding video (JingleRtpConnection.addMedia): content-add with the new content's description and
// a stub transport (no ufrag, pwd or candidates: it joins the BUNDLE transport), and the group.
export const contentAdd = ({ to, id, sid, sdp, added, session }) => jingleIq({ to, id, action: 'content-add', sid,
  body: group(sdp) + added.map((m) => `<content creator='${session.weInitiated ? 'initiator' : 'responder'}' name='${m.mid}' senders='both'>`
    + descriptionXml(m, { extmapAllowMixed: sdp.extmapAllowMixed }) + `<transport xmlns='${NS.ice}'/></content>`).join('') });

export const terminate = ({ to, id, sid, reason, text }) => jingleIq({ to, id, action: 'session-terminate', sid, body: reasonXml(reason, text) });

const mediaOf = (jingle) => jingle.getChildren('content').map((c) => c.getChildren('description').find((d) => d.getNamespace() === NS.rtp)?.attributes.media);

// RtpContentMap.requireContentDescriptions / requireDTLSFingerprint and the JMI media check.
export function check(j, { session }) {
  // JingleRtpConnection.receiveContentRemove: a content-remove is only the retraction of a
  // content-add not yet accepted; anything else ends the call.
  if (j.action === 'content-remove') return { terminate: 'failed-application', text: 'Conversations only supports content-remove as a means to retract a not yet accepted content-add' };
  if (!['session-initiate', 'session-accept'].includes(j.action)) return null;
  for (const c of j.jingle.getChildren('content')) {
    const desc = c.getChildren('description').find((d) => d.getNamespace() === NS.rtp);
    const tr = c.getChildren('transport').find((t) => t.getNamespace() === NS.ice);
    if (!desc || !tr) return { terminate: 'failed-application', text: `content ${c.attributes.name} is not RTP over ICE-UDP` };
    const fp = tr.getChildren('fingerprint')[0];
    if (!fp?.attributes.hash || !fp.attributes.setup) return { terminate: 'security-error', text: `Use of DTLS-SRTP (XEP-0320) is required for content ${c.attributes.name}` };
    if (j.action === 'session-initiate' && fp.attributes.setup !== 'actpass') return { terminate: 'security-error', text: `setup must be actpass, got ${fp.attributes.setup}` };
  }
  const media = mediaOf(j.jingle).sort().join(',');
  if (session && media !== [...session.media].sort().join(',')) return { terminate: 'security-error', text: `media ${media} differ from the proposed ${session.media}` };
  return null;
}

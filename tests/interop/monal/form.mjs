// Monal (iOS/macOS, libwebrtc, SDP<->Jingle in Rust) as a Jingle peer: its forms and what it
// requires. Sources (read, not copied): monal-im/Monal @133bfd39 rust/sdp-to-jingle/src/
// xep_0176.rs (candidate attribute rel_port, read and written; generation required when parsing,
// written as 0; tcp candidates without tcptype; no network), xep_0167.rs (transport before
// description, explicit xmlns on content), Monal/Classes/MLCall.m (every call starts with JMI; a
// session-initiate whose sid no JMI call created is ignored without an iq answer; candidates are
// split out of initiate/accept into transport-info; session-terminate followed by JMI <finish/>),
// MLVoIPProcessor.m, MonalXMPPUnitTests/SDPTest.m @383344dd (useinbandfec='true'). Issues:
// https://github.com/monal-im/Monal/issues/1557 (bare session-initiate ignored). Caps node and
// identity: HelperTools.m getOwnCapsHash: "client/phone//Monal <CFBundleShortVersionString>" (the
// name carries the version), node http://monal-im.org/.
import { NS } from '../sdp.mjs';
import { descriptionXml, transportXml, groupXml, jingleIq, reasonXml, rtpMedia, jmiDescriptions, message, candidateXml } from '../forms.mjs';

export const name = 'monal';
export const profile = 'monal';  // the gateway's profile name for it (from its disco#info)
export const resource = 'Monal-iOS.9a3e1f';
export const version = '6.4.5';
export const caps = {
  node: 'http://monal-im.org/',
  identities: [{ category: 'client', type: 'phone', name: `Monal ${version}` }],
  features: ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'jabber:iq:version', 'urn:xmpp:ping',
    'urn:xmpp:receipts', 'urn:xmpp:chat-markers:0', 'http://jabber.org/protocol/chatstates', 'urn:xmpp:jingle:1',
    'urn:xmpp:jingle:apps:rtp:1', 'urn:xmpp:jingle:apps:rtp:audio', 'urn:xmpp:jingle:apps:rtp:video',
    'urn:xmpp:jingle:transports:ice-udp:1', 'urn:xmpp:jingle:apps:dtls:0', 'urn:xmpp:jingle-message:0',
    'urn:xmpp:jingle:apps:grouping:0', 'urn:xmpp:jingle:apps:rtp:rtcp-fb:0', 'urn:xmpp:jingle:apps:rtp:rtp-hdrext:0',
    'urn:xmpp:jingle:apps:rtp:ssma:0', 'eu.siacs.conversations.axolotl.devicelist+notify', 'urn:xmpp:avatar:metadata+notify'],
};
export const jmi = true;
export const view = { relPortAttr: 'rel_port', requireGeneration: true };
export const contentName = (m) => m.mid;
export const sid = () => crypto.randomUUID().toUpperCase();

const OMEMO_DTLS = 'http://gultsch.de/xmpp/drafts/omemo/dlts-srtp-verification';
const store = `<store xmlns='${NS.hints}'/>`;
const jmiMsg = (to, sid, el, inner = '') => message({ to, id: crypto.randomUUID().toUpperCase(),
  body: `<${el} xmlns='${NS.jmi}' id='${sid}'${inner ? `>${inner}</${el}>` : '/>'}${store}` });

export const propose = ({ to, sid, media }) => jmiMsg(to, sid, 'propose', jmiDescriptions(media));

// It rings (JMI <ringing/>), then the user accepts (proceed with its OMEMO device).
export const answerPropose = ({ sid, to }) => [jmiMsg(to, sid, 'ringing'), jmiMsg(to, sid, 'proceed', `<device xmlns='${OMEMO_DTLS}' id='1174963420'/>`)];

// useinbandfec written as 'true' (SDPTest.m); transport before description; no candidates inline.
const monalPayloads = (ps) => ps.map((p) => ({ ...p, params: p.params.map(([k, v]) => [k, k === 'useinbandfec' && v === '1' ? 'true' : v]) }));
const contents = (sdp, setup) => rtpMedia(sdp).map((m) => `<content xmlns='${NS.jingle}' creator='initiator' senders='both' name='${m.mid}'>`
  + transportXml(m, { setup }) + descriptionXml(m, { payloads: monalPayloads, extmapAllowMixed: sdp.extmapAllowMixed }) + '</content>').join('');
const group = (sdp) => (sdp.groups.length ? groupXml(rtpMedia(sdp).map((m) => m.mid)) : '');

export const initiate = ({ to, id, sid, sdp }) => jingleIq({ to, id, action: 'session-initiate', sid, body: group(sdp) + contents(sdp, 'actpass') });
export const accept = ({ to, id, sid, sdp }) => jingleIq({ to, id, action: 'session-accept', sid, body: group(sdp) + contents(sdp, 'active') });

// HelperTools candidate2xml: one candidate per transport-info, rel_port, numeric id, and (as the
// alpha builds did) a TCP host candidate without tcptype.
let n = 0;
export function transportInfos({ to, sid, sdp }) {
  return rtpMedia(sdp).flatMap((m, i) => {
    const tcp = i === 0 ? [{ foundation: '4', component: '1', protocol: 'tcp', priority: '1518280447', ip: '127.0.0.1', port: '9', type: 'host' }] : [];
    return [...m.candidates, ...tcp].map((c) => jingleIq({ to, id: crypto.randomUUID().toUpperCase(), action: 'transport-info', sid,
      body: `<content xmlns='${NS.jingle}' creator='initiator' senders='both' name='${m.mid}'><transport xmlns='${NS.ice}' pwd='${m.pwd}' ufrag='${m.ufrag}'>${
        candidateXml(c, { relPortAttr: 'rel_port', omitTcptype: true }).replace('<candidate ', `<candidate xmlns='${NS.ice}' id='${++n}' `)}</transport></content>` }));
  });
}

export const terminate = ({ to, id, sid, reason, text }) => jingleIq({ to, id, action: 'session-terminate', sid, body: `<reason xmlns='${NS.jingle}'><${reason}/>${text ? `<text>${text}</text>` : ''}</reason>` });

// "for Conversations compatibility" it also ends the JMI call.
export const afterTerminate = ({ to, sid }) => [jmiMsg(to, sid, 'finish', `<reason xmlns='${NS.jingle}'><success/></reason>`)];

export function check(j, { session }) {
  // MLCall.m: only sessions created by JMI exist; anything else is dropped without an answer.
  if (j.action === 'session-initiate' && !session) return { ignore: true, text: 'session-initiate without a JMI call' };
  if (['session-initiate', 'session-accept', 'transport-info'].includes(j.action)) {
    for (const c of j.jingle.getChildren('content')) {
      for (const cand of c.getChildren('transport').flatMap((t) => t.getChildren('candidate'))) {
        if (cand.attributes.generation === undefined) return { iqError: 'bad-request', text: 'candidate without generation' };
      }
    }
  }
  return null;
}

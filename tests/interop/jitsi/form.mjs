// Jitsi Meet's P2P dialect (lib-jitsi-meet between two browsers) as a Jingle peer: its forms.
// Sources (read, not copied): jitsi/lib-jitsi-meet @01daa07c and @0aed808a modules/sdp/SDP.ts
// (toJingle: in P2P (isP2P) the content names and the BUNDLE group are the SDP mids — `name:
// this.isP2P ? mid : mediaType`; 'audio'/'video' only towards Jicofo/JVB; fromJingle writes the
// content name as a=mid, so the MID header extension of its RTP matches the names; <source name= videoType=> with <ssrc-info owner=> in http://jitsi.org/
// jitmeet, fingerprint with required='false', candidates in the transport), modules/xmpp/
// JingleSessionPC.ts (no XEP-0353: session-initiate straight to the full JID; 'source-add' and
// 'source-remove' actions for new remote sources), tests/data/jingle/jitsi/source-add.xml.
// Disco: modules/xmpp/xmpp.ts @095ca0f4 (Caps node 'https://jitsi.org/jitsi-meet'; initFeaturesList)
// and strophe.disco.ts: lib-jitsi-meet adds NO <identity/> at all, so a profile can only come from
// the caps node or the http://jitsi.org/* features.
import { NS } from '../sdp.mjs';
import { descriptionXml, transportXml, groupXml, jingleIq, reasonXml, rtpMedia } from '../forms.mjs';

export const name = 'jitsi';
export const profile = 'jitsi';  // the gateway's profile name for it (from its disco#info)
export const resource = '7c1e0a2b';
export const caps = {
  node: 'https://jitsi.org/jitsi-meet',
  identities: [],
  features: ['http://jabber.org/protocol/caps', 'urn:xmpp:jingle:1', 'urn:xmpp:jingle:apps:rtp:1',
    'urn:xmpp:jingle:transports:ice-udp:1', 'urn:xmpp:jingle:apps:dtls:0', 'urn:xmpp:jingle:transports:dtls-sctp:1',
    'urn:xmpp:jingle:apps:rtp:audio', 'urn:xmpp:jingle:apps:rtp:video', 'http://jitsi.org/json-encoded-sources',
    'urn:ietf:rfc:4588', 'http://jitsi.org/remb', 'http://jitsi.org/tcc', 'http://jitsi.org/source-name',
    'http://jitsi.org/receive-multiple-video-streams', 'http://jitsi.org/visitors-1', 'http://jitsi.org/start-muted-room-metadata'],
};
export const jmi = false;
export const view = {};
export const contentName = (m) => m.mid;

const JITMEET = 'http://jitsi.org/jitmeet';
const contents = (sdp, setup, peer) => rtpMedia(sdp).map((m) => {
  const d = descriptionXml(m).replaceAll(/<source xmlns='[^']+' ssrc='(\d+)'>/g, `<source xmlns='${NS.ssma}' ssrc='$1' name='${peer.jid.split('/')[1]}-${m.kind[0]}0'${m.kind === 'video' ? " videoType='camera'" : ''}>`)
    .replaceAll('</source>', `<ssrc-info xmlns='${JITMEET}' owner='${peer.jid}'/></source>`);
  const t = transportXml(m, { setup, candidates: m.candidates }).replace(`<fingerprint xmlns='${NS.dtls}'`, `<fingerprint xmlns='${NS.dtls}' required='false'`);
  return `<content creator='initiator' name='${m.mid}' senders='both'>${d}${t}</content>`;
}).join('');
const group = (sdp) => (sdp.groups.length ? groupXml(rtpMedia(sdp).map((m) => m.mid)) : '');

export const initiate = ({ to, id, sid, sdp, peer }) => jingleIq({ to, id, action: 'session-initiate', sid, attrs: ` initiator='${peer.jid}'`, body: group(sdp) + contents(sdp, 'actpass', peer) });
export const accept = ({ to, id, sid, sdp, peer }) => jingleIq({ to, id, action: 'session-accept', sid, attrs: ` initiator='${to}' responder='${peer.jid}'`, body: group(sdp) + contents(sdp, 'active', peer) });
export const answerPropose = () => [];
export const transportInfos = () => [];
export const terminate = ({ to, id, sid, reason, text }) => jingleIq({ to, id, action: 'session-terminate', sid, body: reasonXml(reason, text) });

// A new remote video source (a second camera / screen share) in the Jitsi way.
export const sourceAdd = ({ to, id, sid, peer }) => jingleIq({ to, id, action: 'source-add', sid, attrs: ` initiator='${peer.jid}'`,
  body: `<content name='1'><description xmlns='${NS.rtp}' media='video'><source xmlns='${NS.ssma}' ssrc='2436710385' name='${peer.jid.split('/')[1]}-v1' videoType='desktop'>`
    + `<parameter name='msid' value='screen-1 screen-track-1'/><ssrc-info xmlns='${JITMEET}' owner='${peer.jid}'/></source></description></content>` });
export const check = () => null;

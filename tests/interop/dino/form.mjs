// Dino (Linux desktop, GStreamer + libnice, no SDP) as a Jingle peer: its stanza forms and what
// it requires. Sources (read, not copied): dino/dino @45723ac2 xmpp-vala/src/module/xep/
// 0166_jingle/session.vala (initiator attribute on initiate/info/transport-info, none on accept/
// terminate), content_node.vala (transport-info with more than one content: feature-not-
// implemented "can't process multiple content nodes"), 0167_jingle_rtp/content_parameters.vala
// (payload-types, rtp-hdrext, <encryption><crypto/> SDES next to DTLS, <rtcp-mux/>),
// payload_type.vala (attribute order id, channels, clockrate, name), plugins/rtp/src/module.vala
// (codecs opus/speex/G722/PCMU/PCMA, H264/VP9/VP8; rtcp-fb goog-remb, ccm fir, nack, nack pli;
// hdrext urn:3gpp:video-orientation only), plugins/ice (one ICE stream per content, 2 components),
// libdino/src/service/entity_info.vala + caps node https://dino.im. Observed: real Dino 0.4.2 in
// shared notes jingle-clients.md (Dino addendum: no BUNDLE group, one payload per content in its
// accept, candidates of components 1 and 2 inside the accept, ringing session-info at once).
// https://github.com/dino/dino/issues/1888 (component-2 candidates trickled), /1214 (first payload).
import { NS } from '../sdp.mjs';
import { descriptionXml, transportXml, jingleIq, reasonXml, rtpMedia, jmiDescriptions, message, candidateXml } from '../forms.mjs';

export const name = 'dino';
export const profile = 'dino';  // the gateway's profile name for it (from its disco#info)
export const resource = 'dino.2f7c8a1e';
export const version = '0.4.2';
export const caps = {
  node: 'https://dino.im',
  identities: [{ category: 'client', type: 'pc', name: 'Dino' }],
  features: ['http://jabber.org/protocol/caps', 'http://jabber.org/protocol/disco#info', 'http://jabber.org/protocol/disco#items',
    'http://jabber.org/protocol/muc', 'jabber:iq:version', 'urn:xmpp:ping', 'urn:xmpp:receipts', 'urn:xmpp:chat-markers:0',
    'http://jabber.org/protocol/chatstates', 'urn:xmpp:message-correct:0', 'urn:xmpp:jingle:1',
    'urn:xmpp:jingle:apps:file-transfer:5', 'urn:xmpp:jingle:transports:s5b:1', 'urn:xmpp:jingle:transports:ibb:1',
    'urn:xmpp:jingle:apps:rtp:1', 'urn:xmpp:jingle:apps:rtp:audio', 'urn:xmpp:jingle:apps:rtp:video',
    'urn:xmpp:jingle:transports:ice-udp:1', 'urn:xmpp:jingle:transports:raw-udp:1', 'urn:xmpp:jingle:apps:dtls:0',
    'urn:xmpp:jingle-message:0', 'urn:xmpp:jingle:muji:0', 'urn:xmpp:call-invites:0', 'urn:xmpp:jingle:apps:rtp:info:1',
    'eu.siacs.conversations.axolotl.devicelist+notify', 'urn:xmpp:avatar:metadata+notify', 'urn:xmpp:bookmarks:1+notify',
    'urn:xmpp:mam:2'],
};
export const jmi = true;
// Dino knows no XEP-0338: a <group/> it receives means nothing to it.
export const view = { ignoreGroup: true };
// One ICE stream per content, as Dino's libnice does: the engine gathers for every m= line,
// re-offers included (with 'balanced', a re-offer's new m= line would ride the offered BUNDLE).
export const bundlePolicy = 'max-compat';
export const contentName = (m) => m.kind;

const CODECS = { audio: ['opus', 'speex', 'G722', 'PCMU', 'PCMA'], video: ['H264', 'VP9', 'VP8'] };
const FB = ['goog-remb', 'ccm fir', 'nack', 'nack pli'];
const ORDER = ['id', 'channels', 'clockrate', 'name'];
const keepPayloads = (kind) => (ps) => ps.filter((p) => CODECS[kind].includes(p.name))
  .map((p) => ({ ...p, fb: p.fb.filter((f) => FB.includes(`${f.type}${f.subtype ? ` ${f.subtype}` : ''}`)) }));
const hdrext = (e) => e.uri === 'urn:3gpp:video-orientation';
const desc = (m, o) => descriptionXml(m, { payloads: keepPayloads(m.kind), ptOrder: ORDER, hdrext, sources: false, ...o });

export const propose = ({ to, sid, media }) => message({ to, id: `dp-${sid}`, body: `<propose xmlns='${NS.jmi}' id='${sid}'>${jmiDescriptions(media)}</propose>` });

export const answerPropose = ({ sid, to }) => [message({ to, id: `dpr-${sid}`, body: `<proceed xmlns='${NS.jmi}' id='${sid}'/>` })];

// XEP-0167 <ringing/> session-info as soon as a session-initiate arrived.
export const onInitiate = ({ peer, to, sid }) => [jingleIq({ to, id: `ri-${sid}`, action: 'session-info', sid,
  attrs: ` initiator='${to}'`, body: `<ringing xmlns='${NS.info}'/>` })];

// Both components of every candidate (libnice gathers RTCP too, even with rtcp-mux offered).
const both = (c) => [candidateXml(c, { id: true, network: true }), candidateXml(c, { id: true, network: true, component: 2, portOffset: 1 })];

export function initiate({ to, id, sid, sdp, peer }) {
  const body = rtpMedia(sdp).map((m) => `<content creator='initiator' name='${m.kind}' senders='both'>${desc(m, { crypto: true })}${transportXml(m, { setup: 'actpass' })}</content>`).join('');
  return jingleIq({ to, id, action: 'session-initiate', sid, attrs: ` initiator='${peer.jid}'`, body });
}

// One payload per content (the one it picked), candidates inline, no group.
export function accept({ to, id, sid, sdp }) {
  const body = rtpMedia(sdp).map((m) => {
    const tr = transportXml(m, { setup: 'active' }).replace('</transport>', m.candidates.flatMap(both).join('') + '</transport>');
    return `<content creator='initiator' name='${m.mid}' senders='both'>${desc(m, { payloads: (ps) => keepPayloads(m.kind)(ps).slice(0, 1) })}${tr}</content>`;
  }).join('');
  return jingleIq({ to, id, action: 'session-accept', sid, body });
}

// As initiator: one transport-info per content (never more than one content in a stanza).
export function transportInfos({ to, sid, sdp, session, peer }) {
  if (!session.weInitiated) return [];
  return rtpMedia(sdp).map((m, i) => jingleIq({ to, id: `dti${i}-${sid}`, action: 'transport-info', sid, attrs: ` initiator='${peer.jid}'`,
    body: `<content creator='initiator' name='${m.kind}'><transport xmlns='${NS.ice}' ufrag='${m.ufrag}' pwd='${m.pwd}'>${m.candidates.flatMap(both).join('')}</transport></content>` }));
}

// Its session-info carries the initiator attribute (session.vala).
export const infoAttrs = (peer, s) => ` initiator='${s.weInitiated ? peer.jid : s.remote}'`;

// Enabling video mid-call (call_state.vala / content_node.vala): content-add with the new content,
// senders = its own role (it sends its camera), its own ICE stream (ufrag, pwd, fingerprint,
// candidates of both components inline) and SDES next to DTLS.
export function contentAdd({ to, id, sid, added, session, peer }) {
  const role = session.weInitiated ? 'initiator' : 'responder';
  const body = added.map((m) => `<content creator='${role}' name='${m.kind}' senders='${role}'>${desc(m, { crypto: true })}`
    + transportXml(m, { setup: m.setup }).replace('</transport>', m.candidates.flatMap(both).join('') + '</transport>') + '</content>').join('');
  return jingleIq({ to, id, action: 'content-add', sid, attrs: ` initiator='${session.weInitiated ? peer.jid : to}'`, body });
}

export const terminate = ({ to, id, sid, reason, text }) => jingleIq({ to, id, action: 'session-terminate', sid, body: reasonXml(reason, text) });

// Not refusals (Dino ignores them), but what its profile must not send (issue 9 E).
export function observe(j) {
  if (j.jingle.getChildren('group').some((g) => g.getNamespace() === NS.group)) return 'a BUNDLE <group/> (Dino has no XEP-0338)';
  return null;
}

export function check(j) {
  const contents = j.jingle.getChildren('content');
  if (j.action === 'transport-info' && contents.length > 1) return { iqError: 'feature-not-implemented', text: "can't process multiple content nodes" };
  if (['content-reject', 'content-remove', 'source-add', 'source-remove'].includes(j.action)) return { iqError: 'feature-not-implemented', text: `${j.action} not supported` };
  return null;
}

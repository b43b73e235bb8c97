// Building blocks of the client forms in tests/interop/<client>/form.mjs: XEP-0166/0167/0176/
// 0293/0294/0320/0339 elements written from one m= section of the peer engine's SDP (sdp.mjs
// parseSdp), with the knobs where real clients differ (which children, which attribute names).
import crypto from 'node:crypto';
import { NS } from './sdp.mjs';

export const esc = (s) => String(s).replaceAll('&', '&amp;').replaceAll("'", '&apos;').replaceAll('<', '&lt;');

// A candidate. `o`: relPortAttr ('rel-port' | 'rel_port'), id (true = random), generation
// (true = always, value default 0), network (true = '0'), omitTcptype, component (override).
export function candidateXml(c, o = {}) {
  let s = `<candidate component='${o.component ?? c.component}' foundation='${c.foundation}'`;
  if (o.generation !== false) s += ` generation='${c.generation ?? 0}'`;
  if (o.id) s += ` id='${crypto.randomUUID()}'`;
  s += ` ip='${c.ip}'`;
  if (o.network) s += ` network='0'`;
  s += ` port='${o.portOffset ? Number(c.port) + o.portOffset : c.port}' priority='${c.priority}' protocol='${c.protocol}'`;
  if (c.relAddr !== undefined) s += ` rel-addr='${c.relAddr}'`;
  if (c.relPort !== undefined) s += ` ${o.relPortAttr ?? 'rel-port'}='${c.relPort}'`;
  if (c.tcptype && !o.omitTcptype) s += ` tcptype='${c.tcptype}'`;
  return `${s} type='${c.type}'/>`;
}

const fbXml = (fb) => `<rtcp-fb xmlns='${NS.fb}' type='${esc(fb.type)}'${fb.subtype ? ` subtype='${esc(fb.subtype)}'` : ''}/>`;

// A payload-type in the given attribute order; `params` false leaves fmtp out.
export function payloadXml(p, { params = true, fb = true, order = ['id', 'name', 'clockrate', 'channels'] } = {}) {
  const attrs = { id: p.id, name: p.name, clockrate: p.clockrate, channels: p.channels };
  let s = '<payload-type' + order.filter((k) => attrs[k] !== undefined).map((k) => ` ${k}='${esc(attrs[k])}'`).join('') + '>';
  if (params) for (const [k, v] of p.params) s += `<parameter name='${esc(k)}' value='${esc(v)}'/>`;
  if (fb) s += p.fb.map(fbXml).join('');
  return s + '</payload-type>';
}

// An RTP <description/> from an m= section. `o`: payloads (filter function over the list),
// params, fb, hdrext (filter over extmaps, false = none), sources, rtcpMux, extmapAllowMixed,
// crypto (Dino's SDES offer), ptOrder.
export function descriptionXml(m, o = {}) {
  const payloads = o.payloads ? o.payloads(m.payloads) : m.payloads;
  let s = `<description xmlns='${NS.rtp}' media='${m.kind}'>`;
  if (o.fb !== false) s += m.fb.map(fbXml).join('');
  s += payloads.map((p) => payloadXml(p, { params: o.params !== false, fb: o.fb !== false, order: o.ptOrder })).join('');
  if (o.crypto) {
    s += `<encryption required='0'><crypto crypto-suite='AES_CM_128_HMAC_SHA1_80' key-params='inline:${crypto.randomBytes(30).toString('base64')}' tag='1'/></encryption>`;
  }
  const exts = o.hdrext === false ? [] : o.hdrext ? m.extmaps.filter(o.hdrext) : m.extmaps;
  s += exts.map((e) => `<rtp-hdrext xmlns='${NS.hdrext}' id='${e.id}' uri='${esc(e.uri)}'/>`).join('');
  if (o.extmapAllowMixed) s += `<extmap-allow-mixed xmlns='${NS.hdrext}'/>`;
  if (o.sources !== false) {
    for (const g of m.ssrcGroups) s += `<ssrc-group xmlns='${NS.ssma}' semantics='${g.semantics}'>${g.ssrcs.map((x) => `<source ssrc='${x}'/>`).join('')}</ssrc-group>`;
    for (const src of m.ssrcs) {
      s += `<source xmlns='${NS.ssma}' ssrc='${src.ssrc}'>${src.params.map(([k, v]) => `<parameter name='${esc(k)}' value='${esc(v)}'/>`).join('')}</source>`;
    }
  }
  if (o.rtcpMux !== false && m.rtcpMux) s += '<rtcp-mux/>';
  return s + '</description>';
}

// An ICE-UDP <transport/> with the XEP-0320 fingerprint. `o.setup` overrides the SDP's value;
// `o.candidates`: a list to put inside (none by default: trickled); `o.candidate`: candidateXml options.
export function transportXml(m, o = {}) {
  let s = `<transport xmlns='${NS.ice}' pwd='${esc(m.pwd)}' ufrag='${esc(m.ufrag)}'>`;
  if (m.fingerprint && o.fingerprint !== false) {
    s += `<fingerprint xmlns='${NS.dtls}' hash='${m.fingerprint.hash}' setup='${o.setup ?? m.setup}'>${m.fingerprint.value}</fingerprint>`;
  }
  s += (o.candidates ?? []).map((c) => candidateXml(c, o.candidate)).join('');
  return s + '</transport>';
}

export const groupXml = (names) => `<group xmlns='${NS.group}' semantics='BUNDLE'>${names.map((n) => `<content name='${esc(n)}'/>`).join('')}</group>`;

export const jingleIq = ({ to, id, action, sid, attrs = '', body = '' }) =>
  `<iq type='set' to='${to}' id='${id}'><jingle xmlns='${NS.jingle}' action='${action}' sid='${esc(sid)}'${attrs}>${body}</jingle></iq>`;

export const reasonXml = (cond, text) => `<reason><${cond}/>${text ? `<text>${esc(text)}</text>` : ''}</reason>`;

// The RTP media of an SDP (no data channel), in order.
export const rtpMedia = (sdp) => sdp.media.filter((m) => m.kind === 'audio' || m.kind === 'video');

// XEP-0353 elements.
export const jmiDescriptions = (media) => media.map((k) => `<description xmlns='${NS.rtp}' media='${k}'/>`).join('');
export const message = ({ to, id, type = 'chat', body }) => `<message to='${to}' id='${id}'${type ? ` type='${type}'` : ''}>${body}</message>`;

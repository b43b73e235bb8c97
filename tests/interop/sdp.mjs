// The interop peers' own SDP <-> Jingle (XEP-0166/0167/0176/0293/0294/0320/0338/0339) converter,
// written for the suite independently of jinglegate's C++: it reads the SDP of the peer engine
// (a Chromium RTCPeerConnection) so client forms can fill their templates, and turns the Jingle a
// scripted client receives into SDP for that engine, as the client would read it (`view` options).
import { parse } from 'stanza/jxt/index.js';

export const NS = {
  jingle: 'urn:xmpp:jingle:1', rtp: 'urn:xmpp:jingle:apps:rtp:1', ice: 'urn:xmpp:jingle:transports:ice-udp:1',
  dtls: 'urn:xmpp:jingle:apps:dtls:0', fb: 'urn:xmpp:jingle:apps:rtp:rtcp-fb:0', hdrext: 'urn:xmpp:jingle:apps:rtp:rtp-hdrext:0',
  ssma: 'urn:xmpp:jingle:apps:rtp:ssma:0', group: 'urn:xmpp:jingle:apps:grouping:0', jmi: 'urn:xmpp:jingle-message:0',
  errors: 'urn:xmpp:jingle:errors:1', info: 'urn:xmpp:jingle:apps:rtp:info:1', receipts: 'urn:xmpp:receipts',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas', disco: 'http://jabber.org/protocol/disco#info',
  caps: 'http://jabber.org/protocol/caps', hints: 'urn:xmpp:hints',
};

export const parseXml = (xml) => parse(xml);

// One candidate line's value ("candidate:..." without "a=") as an object.
export function parseCandidate(line) {
  const f = line.replace(/^a=/, '').replace(/^candidate:/, '').trim().split(/\s+/);
  const c = { foundation: f[0], component: f[1], protocol: f[2].toLowerCase(), priority: f[3], ip: f[4], port: f[5], type: f[7] };
  for (let i = 8; i + 1 < f.length; i += 2) {
    const [k, v] = [f[i], f[i + 1]];
    if (k === 'raddr') c.relAddr = v;
    else if (k === 'rport') c.relPort = v;
    else if (k === 'tcptype') c.tcptype = v;
    else if (k === 'generation') c.generation = v;
    else if (k === 'network-id') c.network = v;
  }
  return c;
}

export function candidateLine(c) {
  let s = `candidate:${c.foundation} ${c.component} ${c.protocol} ${c.priority} ${c.ip} ${c.port} typ ${c.type}`;
  if (c.relAddr !== undefined) s += ` raddr ${c.relAddr}`;
  if (c.relPort !== undefined) s += ` rport ${c.relPort}`;
  if (c.tcptype) s += ` tcptype ${c.tcptype}`;
  return s + ` generation ${c.generation ?? 0}`;
}

// Chromium's SDP as { groups, media: [...] }: per m= section the fields a Jingle form needs.
export function parseSdp(sdp) {
  const lines = sdp.split(/\r?\n/).filter(Boolean);
  const out = { groups: [], media: [], extmapAllowMixed: false };
  let m = null;
  const session = {};
  for (const line of lines) {
    const [key, value] = [line.slice(0, 1), line.slice(2)];
    if (key === 'm') {
      const [kind, port, proto, ...fmts] = value.split(' ');
      m = { kind, port, proto, fmts, payloads: [], extmaps: [], ssrcs: [], ssrcGroups: [], candidates: [], fb: [],
        direction: 'sendrecv', rtcpMux: false, ...session };
      m.payloads = fmts.map((id) => ({ id, params: [], fb: [] }));
      out.media.push(m);
      continue;
    }
    if (key !== 'a') continue;
    const colon = value.indexOf(':');
    const [name, rest] = colon < 0 ? [value, ''] : [value.slice(0, colon), value.slice(colon + 1)];
    const target = m ?? session;
    const pt = (id) => m?.payloads.find((p) => p.id === id);
    switch (name) {
      case 'group': { const [semantics, ...mids] = rest.split(' '); out.groups.push({ semantics, mids }); break; }
      case 'extmap-allow-mixed': out.extmapAllowMixed = true; break;
      case 'ice-ufrag': target.ufrag = rest; break;
      case 'ice-pwd': target.pwd = rest; break;
      case 'fingerprint': { const [hash, fp] = rest.split(' '); target.fingerprint = { hash, value: fp }; break; }
      case 'setup': target.setup = rest; break;
      case 'mid': m.mid = rest; break;
      case 'rtcp-mux': m.rtcpMux = true; break;
      case 'sendrecv': case 'sendonly': case 'recvonly': case 'inactive': m.direction = name; break;
      case 'rtpmap': {
        const [id, enc] = rest.split(' ');
        const [codec, clock, channels] = enc.split('/');
        Object.assign(pt(id) ?? {}, { name: codec, clockrate: clock, channels });
        break;
      }
      case 'fmtp': {
        const sp = rest.indexOf(' ');
        const p = pt(rest.slice(0, sp));
        if (p) p.params = rest.slice(sp + 1).split(';').map((kv) => kv.trim().split('=')).filter((kv) => kv.length === 2);
        break;
      }
      case 'rtcp-fb': {
        const [id, type, subtype] = rest.split(' ');
        if (id === '*') m.fb.push({ type, subtype }); else pt(id)?.fb.push({ type, subtype });
        break;
      }
      case 'extmap': { const [idDir, uri] = rest.split(' '); const [id, dir] = idDir.split('/'); m.extmaps.push({ id, dir, uri }); break; }
      case 'ssrc': {
        const sp = rest.indexOf(' ');
        const ssrc = rest.slice(0, sp);
        const [k, ...v] = rest.slice(sp + 1).split(':');
        let s = m.ssrcs.find((x) => x.ssrc === ssrc);
        if (!s) m.ssrcs.push(s = { ssrc, params: [] });
        s.params.push([k, v.join(':')]);
        break;
      }
      case 'ssrc-group': { const [semantics, ...ssrcs] = rest.split(' '); m.ssrcGroups.push({ semantics, ssrcs }); break; }
      case 'candidate': m.candidates.push(parseCandidate(value)); break;
      case 'sctp-port': m.sctpPort = rest; break;
      default: break;
    }
  }
  return out;
}

const kids = (el, name, ns) => (el?.getChildren(name) ?? []).filter((c) => !ns || c.getNamespace() === ns);
const kid = (el, name, ns) => kids(el, name, ns)[0];

// The candidates of one <transport/> as SDP candidate objects. `relPortAttr`: which attribute a
// client reads for the related port (Monal reads only rel_port). `requireGeneration`: Monal fails
// the whole stanza when a candidate has none (returned as { error }).
export function jingleCandidates(transport, { relPortAttr = 'rel-port', requireGeneration = false, udpOnly = false } = {}) {
  const out = [];
  for (const c of kids(transport, 'candidate')) {
    const a = c.attributes;
    if (requireGeneration && a.generation === undefined) return { error: `candidate ${a.foundation} without generation` };
    if (udpOnly && a.protocol?.toLowerCase() !== 'udp') continue;
    out.push({ foundation: a.foundation, component: a.component, protocol: a.protocol?.toLowerCase(), priority: a.priority,
      ip: a.ip, port: a.port, type: a.type, relAddr: a['rel-addr'], relPort: a[relPortAttr], tcptype: a.tcptype,
      generation: a.generation });
  }
  return out;
}

function direction(senders, weInitiated) {
  if (!senders || senders === 'both') return 'sendrecv';
  if (senders === 'none') return 'inactive';
  // The direction written in the SDP of the remote party (the one whose Jingle this is).
  const weSend = (senders === 'initiator') === weInitiated;
  return weSend ? 'recvonly' : 'sendonly';
}

// The SDP a client derives from a session-initiate / session-accept / content-add `jingle`
// element. `view`: { ignoreGroup (no XEP-0338), weInitiated, mids: content name -> engine mid,
// relPortAttr, requireGeneration, udpOnly }. Returns { sdp, names } or { error }.
export function jingleToSdp(jingle, view = {}) {
  const mids = view.mids ?? {};
  const midOf = (name) => mids[name] ?? name;
  let sdp = `v=0\r\no=- ${view.version ?? 1} 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n`;
  const group = kid(jingle, 'group', NS.group);
  if (group && !view.ignoreGroup) {
    sdp += `a=group:${group.attributes.semantics} ${kids(group, 'content').map((c) => midOf(c.attributes.name)).join(' ')}\r\n`;
  }
  sdp += 'a=msid-semantic: WMS *\r\n';
  const names = [];
  for (const content of kids(jingle, 'content')) {
    const desc = kid(content, 'description', NS.rtp);
    const transport = kid(content, 'transport', NS.ice);
    if (!desc) return { error: `content ${content.attributes.name} has no RTP description` };
    if (!transport) return { error: `content ${content.attributes.name} has no ICE-UDP transport` };
    const pts = kids(desc, 'payload-type');
    names.push(content.attributes.name);
    sdp += `m=${desc.attributes.media} 9 UDP/TLS/RTP/SAVPF ${pts.map((p) => p.attributes.id).join(' ')}\r\n`;
    sdp += 'c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n';
    sdp += `a=ice-ufrag:${transport.attributes.ufrag}\r\na=ice-pwd:${transport.attributes.pwd}\r\n`;
    const fp = kid(transport, 'fingerprint', NS.dtls);
    if (fp) sdp += `a=fingerprint:${fp.attributes.hash} ${fp.getText().trim()}\r\na=setup:${fp.attributes.setup}\r\n`;
    sdp += `a=mid:${midOf(content.attributes.name)}\r\n`;
    for (const h of kids(desc, 'rtp-hdrext', NS.hdrext)) sdp += `a=extmap:${h.attributes.id} ${h.attributes.uri}\r\n`;
    sdp += `a=${direction(content.attributes.senders, view.weInitiated)}\r\n`;
    if (kid(desc, 'rtcp-mux') || (group && !view.ignoreGroup)) sdp += 'a=rtcp-mux\r\n';
    for (const fb of kids(desc, 'rtcp-fb', NS.fb)) sdp += `a=rtcp-fb:* ${fb.attributes.type}${fb.attributes.subtype ? ` ${fb.attributes.subtype}` : ''}\r\n`;
    for (const p of pts) {
      const a = p.attributes;
      sdp += `a=rtpmap:${a.id} ${a.name}/${a.clockrate ?? 8000}${a.channels && a.channels !== '1' ? `/${a.channels}` : ''}\r\n`;
      const params = kids(p, 'parameter').map((x) => `${x.attributes.name}=${x.attributes.value}`);
      if (params.length) sdp += `a=fmtp:${a.id} ${params.join(';')}\r\n`;
      for (const fb of kids(p, 'rtcp-fb', NS.fb)) sdp += `a=rtcp-fb:${a.id} ${fb.attributes.type}${fb.attributes.subtype ? ` ${fb.attributes.subtype}` : ''}\r\n`;
    }
    for (const g of kids(desc, 'ssrc-group', NS.ssma)) sdp += `a=ssrc-group:${g.attributes.semantics} ${kids(g, 'source').map((s) => s.attributes.ssrc).join(' ')}\r\n`;
    for (const s of kids(desc, 'source', NS.ssma)) {
      for (const p of kids(s, 'parameter')) sdp += `a=ssrc:${s.attributes.ssrc} ${p.attributes.name}${p.attributes.value ? `:${p.attributes.value}` : ''}\r\n`;
    }
    const cands = jingleCandidates(transport, view);
    if (cands.error) return cands;
    for (const c of cands) sdp += `a=${candidateLine(c)}\r\n`;
  }
  return { sdp, names };
}

// XMPP clients for tests: a raw c2s client over TCP for hand-written XML (SASL PLAIN, no TLS,
// loopback only), a StanzaJS client over WebSocket (in Node), and an independent XEP-0115 ver.
import crypto from 'node:crypto';
import net from 'node:net';
import * as XMPP from 'stanza';
import { Mailbox } from './mailbox.mjs';

// Splits an XMPP byte stream into top-level elements (a test helper, not a parser: enough for
// what Prosody and ejabberd send, where '>' in attribute values is always escaped).
export class StanzaSplitter {
  constructor() { this.buf = ''; this.depth = 0; this.start = -1; this.pos = 0; }
  push(text) {
    this.buf += text;
    const out = [];
    for (;;) {
      const lt = this.buf.indexOf('<', this.pos);
      if (lt < 0) break;
      const gt = this.buf.indexOf('>', lt);
      if (gt < 0) break;
      const tag = this.buf.slice(lt, gt + 1);
      this.pos = gt + 1;
      if (tag.startsWith('<?')) continue;
      if (tag.startsWith('<stream:stream')) { this.depth = 1; out.push(tag); continue; }
      if (tag === '</stream:stream>') { this.depth = 0; out.push(tag); continue; }
      if (tag.startsWith('</')) {
        if (--this.depth === 1) out.push(this.buf.slice(this.start, this.pos));
      } else {
        if (this.depth === 1) this.start = lt;
        if (tag.endsWith('/>')) { if (this.depth === 1) out.push(tag); } else this.depth++;
      }
    }
    if (this.depth <= 1) { this.buf = this.buf.slice(this.pos); this.pos = 0; this.start = -1; }
    return out;
  }
}

// The value of attribute `name` in the start tag of `xml` (either quote style), or undefined.
export function attr(xml, name) {
  const tag = xml.slice(0, xml.indexOf('>') + 1);
  const m = new RegExp(`\\s${name}=(?:'([^']*)'|"([^"]*)")`).exec(tag);
  return m ? (m[1] ?? m[2]).replaceAll('&apos;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>').replaceAll('&amp;', '&') : undefined;
}

// A scripted c2s peer: SASL PLAIN without TLS, then any stanza text out and stanzas awaited by
// predicate. `server` (a rig Prosody) gives host, port, domain and the user's password; or pass
// them one by one. `presence: true` sends initial presence (needed for messages to the bare JID).
export class RawClient {
  static async login({ server, host = server?.ip ?? '127.0.0.1', port = server?.ports.c2s,
    domain = server?.domain, user, password = server?.users?.[user], resource = 'rig', presence = false }) {
    const c = new RawClient();
    c.mailbox = new Mailbox(`${user}@${domain}`);
    c.splitter = new StanzaSplitter();
    c.socket = net.connect(port, host);
    c.socket.setEncoding('utf8');
    c.socket.on('data', (d) => { for (const s of c.splitter.push(d)) c.mailbox.push(s); });
    c.socket.on('close', () => c.mailbox.close('socket closed'));
    await new Promise((resolve, reject) => { c.socket.once('connect', resolve); c.socket.once('error', reject); });
    c.socket.on('error', () => {});  // 'close' follows and fails the waiters
    const header = `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;
    c.send(header);
    await c.next((s) => s.startsWith('<stream:features') && s.includes('PLAIN'));
    const token = Buffer.from(`\0${user}\0${password}`).toString('base64');
    c.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${token}</auth>`);
    await c.next((s) => s.startsWith('<success'));
    c.send(header);
    await c.next((s) => s.startsWith('<stream:features') && s.includes('bind'));
    c.send(`<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${resource}</resource></bind></iq>`);
    const bound = await c.next((s) => s.includes("id='bind1'") || s.includes('id="bind1"'));
    c.jid = /<jid>([^<]+)<\/jid>/.exec(bound)[1];
    if (presence) c.send('<presence/>');
    return c;
  }

  // Everything received and not yet taken by next(), oldest first.
  get received() { return this.mailbox.received; }

  send(xml) { this.socket.write(xml); }

  // The first element received (from now on, or already received and not yet taken) that
  // matches `pred` (a function or a RegExp); rejects after `timeoutMs` or when the stream closes.
  next(pred, timeoutMs = 5000) { return this.mailbox.next(pred, timeoutMs); }

  // Sends an iq (its id must be unique) and returns the reply with that id.
  iq(id, xml, timeoutMs) {
    this.send(xml);
    return this.next((s) => s.startsWith('<iq') && attr(s, 'id') === id, timeoutMs);
  }

  // Acknowledges a received <iq type='set'/'get'> with an empty result (XEP-0166 wants every
  // Jingle iq acknowledged).
  ack(iq) {
    this.send(`<iq type='result' id='${attr(iq, 'id')}' to='${attr(iq, 'from')}'/>`);
  }

  close() { this.send('</stream:stream>'); this.socket.end(); }
}

export async function stanzaClient({ jid, password, wsUrl }) {
  const client = XMPP.createClient({ jid, password, transports: { websocket: wsUrl, bosh: false } });
  const started = new Promise((resolve, reject) => {
    client.once('session:started', resolve);
    client.once('disconnected', () => reject(new Error('disconnected before session start')));
  });
  client.connect();
  await started;
  return client;
}

// XEP-0115 §5.1, written from the XEP independently of jinglegate's C++.
export function capsVer({ identities = [], features = [] }) {
  const ids = identities.map((i) => `${i.category}/${i.type}/${i.lang || ''}/${i.name || ''}`).sort();
  const s = ids.map((x) => x + '<').join('') + [...features].sort().map((f) => f + '<').join('');
  return crypto.createHash('sha1').update(s, 'utf8').digest('base64');
}

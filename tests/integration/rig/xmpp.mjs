// XMPP clients for tests: a raw c2s client over TCP for hand-written XML (SASL PLAIN, no TLS,
// loopback only), a StanzaJS client over WebSocket, and an independent XEP-0115 ver.
import crypto from 'node:crypto';
import net from 'node:net';
import * as XMPP from 'stanza';

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

export class RawClient {
  static async login({ port, domain, user, password, resource = 'rig' }) {
    const c = new RawClient();
    c.received = [];
    c.waiters = [];
    c.splitter = new StanzaSplitter();
    c.socket = net.connect(port, '127.0.0.1');
    c.socket.setEncoding('utf8');
    c.socket.on('data', (d) => {
      for (const s of c.splitter.push(d)) c.received.push(s);
      c.waiters = c.waiters.filter((w) => !w());
    });
    await new Promise((resolve, reject) => { c.socket.once('connect', resolve); c.socket.once('error', reject); });
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
    return c;
  }

  send(xml) { this.socket.write(xml); }

  // The first element received (from now on, or already received and not yet taken) that
  // matches `pred`.
  next(pred, timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const i = this.received.findIndex(pred);
        if (i < 0) return false;
        clearTimeout(timer);
        resolve(this.received.splice(i, 1)[0]);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`no matching stanza within ${timeoutMs} ms; received: ${this.received.join('\n')}`));
      }, timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }

  // Sends an iq (its id must be unique) and returns the reply with that id.
  iq(id, xml, timeoutMs) {
    this.send(xml);
    return this.next((s) => s.startsWith('<iq') && (s.includes(`id='${id}'`) || s.includes(`id="${id}"`)), timeoutMs);
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

// A scripted Jingle client of the interop suite: a rig RawClient that presents one real client
// (XEP-0115 caps in its presence, its XEP-0030 identity and features, XEP-0092 version), sends
// that client's stanza forms (tests/interop/<client>/form.mjs) filled from the peer engine, and
// enforces on what it receives the requirements that client documents (form.check).
import { RawClient, attr, capsVer } from '../integration/rig/xmpp.mjs';
import { Mailbox } from '../integration/rig/mailbox.mjs';
import { NS, parseXml, jingleCandidates, candidateLine } from './sdp.mjs';
import { reasonXml } from './forms.mjs';

const FOREVER = 24 * 3600 * 1000;
let seq = 0;
export const nextId = (p) => `${p}${++seq}-${Date.now().toString(36)}`;

export class Peer {
  // `form`: a client form module; `engine`: its Engine.
  static async start({ server, user, form, engine, resource = form.resource ?? 'interop' }) {
    const p = new Peer();
    p.form = form;
    p.engine = engine;
    p.client = await RawClient.login({ server, user, resource });
    p.jid = p.client.jid;
    p.bareJid = p.jid.split('/')[0];
    p.jingles = new Mailbox(`${form.name} jingle from jinglegate`, (xs) => xs.map((x) => x.xml).join('\n'));
    p.refusals = [];   // what this client refused (form.check verdicts), for assertions
    p.sessions = new Map();
    p.violations = []; // what jinglegate sent that this client's profile must not (form.observe)
    p.calls = [];      // { web, sid } of each call set up, for the profile checks
    const ver = capsVer(form.caps);
    p.client.send(`<presence><c xmlns='${NS.caps}' hash='sha-1' node='${form.caps.node}' ver='${ver}'/></presence>`);
    p.loop();
    return p;
  }

  // The background reader: disco/version/ping gets are answered; Jingle iqs go through the
  // client's checks, candidates go to the engine, the rest waits in p.jingles.
  async loop() {
    for (;;) {
      let s;
      try { s = await this.client.next((x) => x.startsWith('<iq') && ['get', 'set'].includes(attr(x, 'type')), FOREVER); } catch { return; }
      try { await this.onIq(s); } catch (e) { this.refusals.push(`harness: ${e.message}`); }
    }
  }

  async onIq(xml) {
    const el = parseXml(xml);
    const q = el.children.find((c) => typeof c !== 'string');
    const [from, id] = [attr(xml, 'from'), attr(xml, 'id')];
    if (q?.getName() === 'query' && q.getNamespace() === NS.disco) return this.client.send(this.discoResult(from, id, q.attributes.node));
    if (q?.getName() === 'query' && q.getNamespace() === 'jabber:iq:version') {
      return this.client.send(`<iq type='result' to='${from}' id='${id}'><query xmlns='jabber:iq:version'><name>${this.form.caps.identities[0]?.name ?? this.form.name}</name><version>${this.form.version ?? '1.0'}</version></query></iq>`);
    }
    if (q?.getName() === 'ping') return this.client.send(`<iq type='result' to='${from}' id='${id}'/>`);
    if (q?.getName() !== 'jingle' || q.getNamespace() !== NS.jingle) {
      return this.client.send(`<iq type='error' to='${from}' id='${id}'><error type='cancel'><service-unavailable xmlns='${NS.stanzas}'/></error></iq>`);
    }
    const j = { xml, el, jingle: q, from, id, action: q.attributes.action, sid: q.attributes.sid };
    const session = this.sessions.get(j.sid);
    const seen = this.form.observe?.(j, { peer: this, session });
    if (seen) this.violations.push(`${j.action}: ${seen}`);
    const verdict = this.form.check?.(j, { peer: this, session }) ?? null;
    if (verdict) return this.refuse(j, verdict);
    this.client.send(`<iq type='result' to='${from}' id='${id}'/>`);
    if (j.action === 'transport-info' && session) return this.onTransportInfo(session, j);
    this.jingles.push(j);
  }

  // What the client does with a stanza it does not accept.
  refuse(j, v) {
    this.refusals.push(`${j.action}: ${v.ignore ? 'ignored' : v.iqError ?? v.terminate}${v.text ? ` (${v.text})` : ''}`);
    if (v.ignore) return;
    if (v.iqError) {
      const app = v.jingleError ? `<${v.jingleError} xmlns='${NS.errors}'/>` : '';
      return this.client.send(`<iq type='error' to='${j.from}' id='${j.id}'><error type='cancel'><${v.iqError} xmlns='${NS.stanzas}'/>${app}${v.text ? `<text xmlns='${NS.stanzas}'>${v.text}</text>` : ''}</error></iq>`);
    }
    this.client.send(`<iq type='result' to='${j.from}' id='${j.id}'/>`);
    this.send(this.form.terminate({ to: j.from, id: nextId('t'), sid: j.sid, reason: v.terminate, text: v.text, peer: this }));
  }

  // New ICE credentials (an ICE restart) wait in p.jingles for the case, and the candidates that
  // follow are held until it applied them (release); other candidates go to the engine.
  async onTransportInfo(session, j) {
    const known = session.remoteUfrags ?? {};
    const changed = j.jingle.getChildren('content').filter((c) => {
      const ufrag = c.getChildren('transport')[0]?.attributes.ufrag;
      return ufrag && known[c.attributes.name] && ufrag !== known[c.attributes.name];
    });
    if (changed.length) {
      for (const c of changed) known[c.attributes.name] = c.getChildren('transport')[0].attributes.ufrag;
      session.held = [];
      return this.jingles.push(j);
    }
    if (session.held) return void session.held.push(j.jingle);
    return this.trickle(session, j.jingle);
  }

  async release(session) {
    const held = session.held ?? [];
    session.held = null;
    for (const q of held) await this.trickle(session, q);
  }

  // Candidates of a transport-info (or inline ones) to the engine, read as the client reads them.
  async trickle(session, jingle) {
    for (const content of jingle.getChildren('content')) {
      const transport = content.getChildren('transport').find((t) => t.getNamespace() === NS.ice);
      const cands = jingleCandidates(transport, this.form.view ?? {});
      if (cands.error) { this.refusals.push(`transport-info: ${cands.error}`); continue; }
      const mid = session.mids[content.attributes.name] ?? content.attributes.name;
      for (const c of cands) await this.engine.addCandidate(mid, candidateLine(c));
    }
  }

  discoResult(to, id, node) {
    const { identities, features } = this.form.caps;
    const ids = identities.map((i) => `<identity category='${i.category}' type='${i.type}' name='${i.name}'/>`).join('');
    return `<iq type='result' to='${to}' id='${id}'><query xmlns='${NS.disco}'${node ? ` node='${node}'` : ''}>${ids}${features.map((f) => `<feature var='${f}'/>`).join('')}</query></iq>`;
  }

  send(xml) { this.client.send(xml); }

  // Sends a Jingle iq (from a form) and returns the reply.
  async iq(xml, timeoutMs = 10000) {
    return this.client.iq(attr(xml, 'id'), xml, timeoutMs);
  }

  // A Jingle iq from jinglegate that passed the checks: `action` for session `sid`.
  nextJingle(action, sid, timeoutMs = 15000) {
    return this.jingles.next((j) => j.action === action && (!sid || j.sid === sid), timeoutMs);
  }

  next(pred, timeoutMs = 15000) { return this.client.next(pred, timeoutMs); }

  nextMessage(child, sid, timeoutMs = 15000) {
    return this.client.next((s) => s.startsWith('<message') && s.includes(`<${child}`) && (!sid || s.includes(sid)), timeoutMs);
  }

  reason(j) {
    const r = j.jingle.getChildren('reason')[0];
    return r?.children.find((c) => typeof c !== 'string' && c.getName() !== 'text')?.getName();
  }

  close() { this.client.close(); }
}

export const terminateBody = (reason, text) => reasonXml(reason, text);

// StanzaJS in headless Chromium (test-rig.md §3, §6): an independent Jingle implementation with
// real WebRTC for the bridge's tests. StanzaJS is bundled once per run with esbuild into an IIFE,
// the page comes from a loopback HTTP server (Chromium's Local Network Access check), each user
// gets its own browser context, and media relays through coturn on 127.0.0.1 (iceTransportPolicy
// 'relay'). StanzaJS has no XEP-0353: its calls are plain session-initiate to a full JID.
import http from 'node:http';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { launchBrowser } from './browser.mjs';
import { Mailbox } from './mailbox.mjs';

const harness = path.join(import.meta.dirname, 'stanza_page', 'harness.js');
let bundle = null;

// StanzaJS and the harness in one minified IIFE (~380 kB), built in memory the first time a run
// needs it (~0.1 s).
// Its Node built-ins map to stanza's own browser shims, except `events` (npm events).
export function stanzaBundle() {
  bundle ??= esbuild.build({ entryPoints: [harness], bundle: true, format: 'iife', platform: 'browser',
    target: 'chrome120', minify: true, write: false, logLevel: 'silent' }).then((r) => r.outputFiles[0].text);
  return bundle;
}

const PAGE = '<!doctype html><meta charset="utf-8"><title>jinglegate rig: StanzaJS</title><script src="/stanza-rig.js"></script>';

// The page's origin: http://127.0.0.1:<port>/, so that ws:// to any loopback address is allowed.
async function servePage() {
  const js = await stanzaBundle();
  const server = http.createServer((req, res) => {
    const files = { '/': ['text/html', PAGE], '/stanza-rig.js': ['text/javascript', js] };
    const file = files[req.url];
    if (!file) { res.writeHead(204).end(); return; }  // favicon: no console error in the page
    res.writeHead(200, { 'content-type': `${file[0]}; charset=utf-8` }).end(file[1]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export class StanzaBrowser {
  // One Chromium and one page server for a test file. `turn`: a rig coturn (rig/coturn.mjs); its
  // TURN REST credentials go to every user, with relay-only ICE unless `relay: false`.
  static async launch({ turn = null, relay = true } = {}) {
    const b = new StanzaBrowser();
    b.turn = turn;
    b.relay = relay;
    [b.server, b.browser] = await Promise.all([servePage(), launchBrowser()]);
    b.url = `http://127.0.0.1:${b.server.address().port}/`;
    b.users = [];
    return b;
  }

  // Logs in over WebSocket and sends initial presence (unless `presence: false`). Either `server`
  // (a rig Prosody: its domain, WebSocket URL and the user's password) and `user`, or `jid`,
  // `password` and `wsUrl`. Resolves with a StanzaUser once the session started.
  async login({ server, user, jid = `${user}@${server.domain}`, password = server?.users?.[user],
    wsUrl = server?.wsUrl, resource = 'stanza', presence = true, iceServers }) {
    iceServers ??= this.turn ? [this.turn.iceServer(jid)] : [];
    const u = await StanzaUser.open(this.browser, this.url, jid);
    this.users.push(u);
    u.jid = await u.page.evaluate((o) => window.rig.login(o),
      { jid, password, wsUrl, resource, iceServers, iceTransportPolicy: this.relay ? 'relay' : 'all', presence });
    return u;
  }

  async close() {
    await Promise.all(this.users.map((u) => u.close()));
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const isEvent = (pred) => (typeof pred === 'function' ? pred
  : (e) => Object.entries(pred).every(([k, v]) => e[k] === v));

// One XMPP user in its own browser context. Stanzas it receives (raw XML text) and the Jingle
// events StanzaJS raises ({ event, sid, peer, data, value }) are queued in Node for next*().
export class StanzaUser {
  static async open(browser, url, name) {
    const u = new StanzaUser();
    u.name = name;
    u.stanzas = new Mailbox(`${name} stanzas`);
    u.events = new Mailbox(`${name} jingle events`, (items) => items.map((e) => JSON.stringify(e)).join('\n'));
    u.data = new Mailbox(`${name} data channel`, (items) => items.map((e) => JSON.stringify(e)).join('\n'));
    u.log = [];  // StanzaJS's error log lines and page errors, for failure messages
    u.context = await browser.newContext();
    u.page = await u.context.newPage();
    u.page.on('pageerror', (err) => u.log.push(`page error: ${err.message}`));
    u.page.on('console', (msg) => { if (msg.type() === 'error') u.log.push(`console: ${msg.text()}`); });
    await u.page.exposeFunction('rigEmit', (kind, data) => u.take(kind, data));
    await u.page.goto(url);
    return u;
  }

  take(kind, data) {
    if (kind === 'stanza') this.stanzas.push(data);
    else if (kind === 'jingle') this.events.push(data);
    else if (kind === 'data') this.data.push(data);
    else if (kind === 'log') this.log.push(`${data.message} ${data.data.join(' ')}`);
    else if (kind === 'disconnected') { this.stanzas.close('disconnected'); this.events.close('disconnected'); }
  }

  rig(method, ...args) {
    return this.page.evaluate(([m, a]) => window.rig[m](...a), [method, args]);
  }

  get bareJid() { return this.jid.split('/')[0]; }

  // Sends any stanza text as one WebSocket message.
  send(xml) { return this.rig('sendRaw', xml); }

  // The first stanza received (raw XML) matching `pred` (function or RegExp).
  next(pred, timeoutMs = 5000) { return this.stanzas.next(pred, timeoutMs); }

  // The first Jingle event matching `pred`: a function, or fields to equal, e.g.
  // { event: 'terminated', sid }. Events: outgoing, incoming, accepted, terminated (data = the
  // reason, { condition, text }), ringing, mute, unmute, hold, resumed, connectionState and
  // sessionState (value), pc (RTCPeerConnection.connectionState), datachannel (value open/closed).
  nextEvent(pred, timeoutMs = 10000) { return this.events.next(isEvent(pred), timeoutMs); }

  // Places a call with real WebRTC: fake audio/video tracks and, unless `data: false`, a data
  // channel (its label is `data`). Resolves with the sid once session-initiate is sent.
  call(peer, { audio = true, video = true, data = 'rig' } = {}) {
    return this.rig('call', peer, { audio, video, data });
  }

  // Waits for an incoming session (from `from`, a full JID, if given): resolves with { sid, peer }.
  async incoming({ from, timeoutMs = 10000 } = {}) {
    const e = await this.nextEvent((x) => x.event === 'incoming' && (!from || x.peer === from), timeoutMs);
    return { sid: e.sid, peer: e.peer };
  }

  // Answers with fake audio/video tracks of its own (session-accept).
  accept(sid, { audio = true, video = true } = {}) { return this.rig('accept', sid, { audio, video }); }

  // Ends the session with a XEP-0166 reason condition (session-terminate).
  hangup(sid, reason = 'success') { return this.rig('hangup', sid, reason); }

  // Resolves with the reason ({ condition, text }) once the session has ended, whichever side ended it.
  async ended(sid, timeoutMs = 10000) {
    return (await this.nextEvent({ event: 'terminated', sid }, timeoutMs)).data;
  }

  // Calls a MediaSession method: ring, mute(creator, name), hold, resume, restartIce, ...
  invoke(sid, method, ...args) { return this.rig('invoke', sid, method, args); }

  sendData(sid, text, timeoutMs = 10000) { return this.rig('sendData', sid, text, timeoutMs); }

  // The next data-channel message of session `sid` matching `pred` (function or RegExp on the text).
  async nextData(sid, pred = () => true, timeoutMs = 10000) {
    const test = pred instanceof RegExp ? (t) => pred.test(t) : pred;
    return (await this.data.next((m) => m.sid === sid && test(m.text), timeoutMs)).text;
  }

  // getStats() of the session's RTCPeerConnection: { audio, video (inbound-rtp bytesReceived),
  // framesDecoded, dataMessagesReceived, pair: { local, remote: { type, address, port } }, state }.
  stats(sid) { return this.rig('stats', sid); }

  // Polls stats until at least `audio` and `video` bytes have been received; resolves with them.
  async waitForMedia(sid, { audio = 1, video = 1, timeoutMs = 15000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.stats(sid);
      if (s.audio >= audio && s.video >= video) return s;
      if (Date.now() > deadline) {
        throw new Error(`${this.name}: media below ${audio}/${video} bytes after ${timeoutMs} ms: ${JSON.stringify(s)}\n${this.log.join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async close() {
    if (!this.context) return;
    const context = this.context;
    this.context = null;
    await this.rig('disconnect').catch(() => {});
    await context.close();
  }
}

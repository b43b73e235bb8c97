// jinglegate under test: writes a TOML config, starts build/component/jinglegate, waits for
// "link up" in its log (or only for its WebSocket listener when there is no XMPP server).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Proc, tempDir } from './process.mjs';
import { freePort, waitForPort } from './ports.mjs';

export const buildDir = () => {
  const dir = process.env.JG_BUILD_DIR;
  if (!dir) throw new Error('JG_BUILD_DIR is not set (tests/integration/run.sh BUILD_DIR sets it)');
  return dir;
};

export const randomSecret = () => crypto.randomBytes(24).toString('hex');
export const LINK_UP = /info link up /;

function toml(sections) {
  let out = '';
  for (const [name, keys] of Object.entries(sections)) {
    out += name.startsWith('[[') ? `${name}\n` : `[${name}]\n`;
    for (const [k, v] of Object.entries(keys)) out += `${k} = ${JSON.stringify(v)}\n`;
  }
  return out;
}

const b64url = (b) => Buffer.from(b).toString('base64url');

// An HS256 JWT signed with Node's crypto (independent of the daemon's code).
export function hs256(claims, secret) {
  const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export const clientDir = path.resolve(import.meta.dirname, '../../../component/web/client');

export class Jinglegate {
  // `port`/`secret`: the XMPP server's component port and secret (without a server, a closed port:
  // the link keeps retrying and the web side works alone). `xmpp`, `web`, `ice`, `metrics` override
  // keys of those sections; `turn` is a started coturn (rig/coturn.mjs) for the [ice] section's
  // static-secret TURN (leave it out to test XEP-0215 alone).
  static async start({ domain = 'call.a.test', port, secret = randomSecret(), xmpp = {}, web = {}, ice = {}, turn = null,
    presence = {}, metrics = {}, waitUp = true, logLevel = 'debug' }) {
    const j = new Jinglegate();
    j.dir = tempDir('jg-daemon-');
    j.config = path.join(j.dir, 'jinglegate.toml');
    j.domain = domain;
    j.jwtSecret = randomSecret();
    j.webPort = await freePort();
    if (port === undefined) port = await freePort();  // nothing listens there
    j.sections = {
      component: { domain },
      xmpp: { host: '127.0.0.1', port, secret, reconnect_initial: 0.2, reconnect_max: 2, ...xmpp },
      web: { listen_address: '127.0.0.1', listen_port: j.webPort, tls: false, static_dir: clientDir, ...web },
      ice: turn ? { turn_secret: turn.secret, turn_uris: [turn.uri], credential_ttl: 3600, ...ice } : ice,
      metrics,
      '[[jwt.keys]]': { alg: 'HS256', secret: j.jwtSecret },
      presence,
      database: { path: 'jinglegate.sqlite' },
      log: { level: logLevel },
    };
    fs.writeFileSync(j.config, toml(j.sections));
    await j.spawn({ waitUp });
    return j;
  }

  // Starts the daemon on this instance's config and directory (again, after stop() or a kill:
  // the database in the directory is kept). `output` then holds the new process's only.
  async spawn({ waitUp = true } = {}) {
    this.proc = new Proc('jinglegate', path.join(buildDir(), 'component', 'jinglegate'), ['--config', this.config],
      { cwd: this.dir, logFile: path.join(this.dir, 'jinglegate.log'),
        env: { ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1' } });
    this.logFile = path.join(this.dir, 'jinglegate.log');
    await Promise.race([waitForPort(this.webPort),
      this.proc.exited.then((e) => { throw new Error(`jinglegate exited ${JSON.stringify(e)}:\n${this.proc.output.slice(-2000)}`); })]);
    if (waitUp) await this.proc.waitFor(LINK_UP);
  }

  get databasePath() { return path.join(this.dir, 'jinglegate.sqlite'); }

  get url() { return `http://127.0.0.1:${this.webPort}`; }
  get wsUrl() { return `ws://127.0.0.1:${this.webPort}/ws`; }
  // A token for web user `sub` (the localpart), valid for `ttl` seconds.
  token(sub, ttl = 600, secret = this.jwtSecret) { return hs256({ sub, exp: Math.floor(Date.now() / 1000) + ttl }, secret); }

  // A web user's WebSocket connection from Node (no browser): resolves with { ws, welcome, next() }
  // once the gateway's welcome arrived; next(type) resolves with the next message of that type.
  async login(sub, { resource, token = this.token(sub) } = {}) {
    const ws = new WebSocket(this.wsUrl + (resource ? `?resource=${encodeURIComponent(resource)}` : ''),
      ['jinglegate.v1', `jwt.${token}`]);
    const queue = [];
    const waiters = [];
    // next(type) or next([type, …]): the first message of that type (or of one of those types).
    const matches = (type, m) => (Array.isArray(type) ? type.includes(m.type) : m.type === type);
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      const i = waiters.findIndex((w) => matches(w.type, m));
      if (i >= 0) waiters.splice(i, 1)[0].resolve(m); else queue.push(m);
    };
    const next = (type, timeoutMs = 5000) => {
      const i = queue.findIndex((m) => matches(type, m));
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]);
      return new Promise((resolve, reject) => {
        const w = { type, resolve };
        waiters.push(w);
        setTimeout(() => { const k = waiters.indexOf(w); if (k >= 0) { waiters.splice(k, 1); reject(new Error(`no ${type} within ${timeoutMs} ms`)); } }, timeoutMs);
      });
    };
    const closed = new Promise((resolve) => ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })));
    await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('WebSocket failed')); });
    const first = await next(['welcome', 'error']);
    if (first.type === 'error') throw Object.assign(new Error(`login refused: ${first.code}`), { code: first.code, closed });
    return { ws, welcome: first, next, closed, send: (m) => ws.send(JSON.stringify(m)), close: () => ws.close() };
  }

  // SIGHUP after rewriting the config with `change(sections)` applied; resolves with the daemon's
  // "reloaded" line.
  async reload(change = () => {}) {
    change(this.sections);
    fs.writeFileSync(this.config, toml(this.sections));
    const from = this.output.length;
    process.kill(this.proc.pid, 'SIGHUP');
    return (await this.proc.waitFor(/info main reloaded .*\n/, { from }))[0];
  }

  // The Prometheus text of GET /metrics.
  async metrics() {
    const res = await fetch(`${this.url}/metrics`);
    if (res.status !== 200) throw new Error(`/metrics: HTTP ${res.status}`);
    return res.text();
  }

  get output() { return this.proc.output; }
  get capsVer() { return /caps_ver="?([^\s"]+)/.exec(this.output)[1]; }
  stop() { return this.proc.stop(); }
}

// Starts jinglegate with a secret the server does not know and waits for it to give up: returns
// the finished process (exit code, output) for the caller's assertions.
export async function runWithWrongSecret(port) {
  const bad = await Jinglegate.start({ port, secret: randomSecret(), waitUp: false,
    xmpp: { reconnect_initial: 0.1, reconnect_max: 0.4 } });
  await bad.proc.exited;
  return bad.proc;
}

// Two web users of `jg` (Node WebSockets, no media) in an active call: alice offers, bob accepts
// and answers. Resolves with both logins once alice has the answer.
export async function webCall(jg, session = 'c1') {
  const alice = await jg.login('alice');
  const bob = await jg.login('bob');
  alice.send({ type: 'offer', session, to: `bob@${jg.domain}`, sdp: 'v=0\r\n' });
  const incoming = await bob.next('incoming');
  bob.send({ type: 'accept', session: incoming.session });
  await bob.next('offer');
  bob.send({ type: 'answer', session: incoming.session, sdp: 'v=0\r\n' });
  await alice.next('answer');
  return { alice, bob };
}

// The value of one sample of a Prometheus text ("name{labels}" exactly as written), or undefined.
export function sample(text, series) {
  for (const line of text.split('\n'))
    if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1));
  return undefined;
}

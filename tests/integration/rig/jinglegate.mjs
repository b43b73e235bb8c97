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
  // the link keeps retrying and the web side works alone). `xmpp`, `web`, `ice` override keys of
  // those sections; `turn` is a started coturn (rig/coturn.mjs) for the [ice] section.
  static async start({ domain = 'call.a.test', port, secret = randomSecret(), xmpp = {}, web = {}, ice = {}, turn = null,
    presence = {}, waitUp = true, logLevel = 'debug' }) {
    const j = new Jinglegate();
    j.dir = tempDir('jg-daemon-');
    j.config = path.join(j.dir, 'jinglegate.toml');
    j.domain = domain;
    j.jwtSecret = randomSecret();
    j.webPort = await freePort();
    if (port === undefined) port = await freePort();  // nothing listens there
    fs.writeFileSync(j.config, toml({
      component: { domain },
      xmpp: { host: '127.0.0.1', port, secret, reconnect_initial: 0.2, reconnect_max: 2, ...xmpp },
      web: { listen_address: '127.0.0.1', listen_port: j.webPort, tls: false, static_dir: clientDir, ...web },
      ice: turn ? { turn_secret: turn.secret, turn_uris: [turn.uri], credential_ttl: 3600, ...ice } : ice,
      '[[jwt.keys]]': { alg: 'HS256', secret: j.jwtSecret },
      presence,
      database: { path: 'jinglegate.sqlite' },
      log: { level: logLevel },
    }));
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
  token(sub, ttl = 600) { return hs256({ sub, exp: Math.floor(Date.now() / 1000) + ttl }, this.jwtSecret); }

  // A web user's WebSocket connection from Node (no browser): resolves with { ws, welcome, next() }
  // once the gateway's welcome arrived; next(type) resolves with the next message of that type.
  async login(sub, { resource } = {}) {
    const ws = new WebSocket(this.wsUrl + (resource ? `?resource=${encodeURIComponent(resource)}` : ''),
      ['jinglegate.v1', `jwt.${this.token(sub)}`]);
    const queue = [];
    const waiters = [];
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      const i = waiters.findIndex((w) => w.type === m.type);
      if (i >= 0) waiters.splice(i, 1)[0].resolve(m); else queue.push(m);
    };
    const next = (type, timeoutMs = 5000) => {
      const i = queue.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]);
      return new Promise((resolve, reject) => {
        const w = { type, resolve };
        waiters.push(w);
        setTimeout(() => { const k = waiters.indexOf(w); if (k >= 0) { waiters.splice(k, 1); reject(new Error(`no ${type} within ${timeoutMs} ms`)); } }, timeoutMs);
      });
    };
    await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('WebSocket failed')); });
    const welcome = await next('welcome');
    return { ws, welcome, next, send: (m) => ws.send(JSON.stringify(m)), close: () => ws.close() };
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

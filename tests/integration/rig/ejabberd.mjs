// An ejabberd 23.01 of the test's own, run as `erl` directly (no ejabberdctl, no epmd, no
// distribution), with conf/ejabberd.yml.snippet verbatim under `listen:` (test-rig.md §2). With
// `turn` (a started coturn), the entries of conf/ejabberd-turn.yml.snippet join the top-level keys
// of the same names: mod_stun_disco answers XEP-0215 with that coturn's credentials.
import fs from 'node:fs';
import path from 'node:path';
import { Proc, tempDir, sleep } from './process.mjs';
import { freePort } from './ports.mjs';
import { fillSnippet } from './prosody.mjs';

// The indented entries under each top-level key of a YAML snippet, by key (comments dropped), so
// they can join the keys of the same names in a config.
function snippetEntries(text) {
  const out = {};
  let key = null;
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const top = /^([a-z_]+):\s*$/.exec(line);
    if (top) { key = top[1]; out[key] = ''; continue; }
    if (!key || !line.startsWith(' ')) throw new Error(`snippet line outside a top-level key: ${line}`);
    out[key] += line + '\n';
  }
  return out;
}

function erlLibs() {
  for (const d of fs.readdirSync('/usr/lib')) {
    const dir = path.join('/usr/lib', d);
    if (d.endsWith('-linux-gnu') && fs.existsSync(dir) && fs.readdirSync(dir).some((e) => e.startsWith('ejabberd-'))) return dir;
  }
  throw new Error('no ejabberd-*/ebin under /usr/lib/*-linux-gnu');
}

export class Ejabberd {
  static async start({ domain = 'a.test', component = 'call.a.test', secret, users = {}, turn = null, turnTtl = 43200 }) {
    const e = new Ejabberd();
    e.domain = domain;
    e.component = component;
    e.dir = tempDir('jg-ejabberd-');
    e.ports = { c2s: await freePort(), component: await freePort(), http: await freePort() };
    fs.mkdirSync(path.join(e.dir, 'log'));
    fs.mkdirSync(path.join(e.dir, 'spool'));
    const snippet = fillSnippet('ejabberd.yml.snippet',
      { COMPONENT_DOMAIN: component, COMPONENT_SECRET: secret, COMPONENT_PORT: String(e.ports.component) });
    const extra = turn ? snippetEntries(fillSnippet('ejabberd-turn.yml.snippet', { COMPONENT_DOMAIN: component,
      TURN_SECRET: turn.secret, TURN_HOST: '127.0.0.1', TURN_PORT: String(turn.port), TURN_TTL: String(turnTtl) })) : {};
    const yml = `hosts: ["${domain}"]
loglevel: info
certfiles: []
auth_method: internal
auth_password_format: plain
s2s_use_starttls: false
acl:
  local: { user_regexp: "" }
${extra.acl ?? ''}access_rules:
  local: { allow: local }
  c2s: { allow: all }
${extra.access_rules ?? ''}api_permissions:
  "console commands": { from: [ejabberd_ctl], who: all, what: "*" }
  "loopback http": { from: [mod_http_api], who: { ip: "127.0.0.0/8" }, what: ["register", "status"] }
modules:
  mod_roster: {}
  mod_disco: {}
  mod_ping: {}
  mod_admin_extra: {}
${extra.modules ?? ''}listen:
  - { port: ${e.ports.c2s}, ip: "127.0.0.1", module: ejabberd_c2s, starttls: false }
  - port: ${e.ports.http}
    ip: "127.0.0.1"
    module: ejabberd_http
    request_handlers: { /xmpp-websocket: ejabberd_http_ws, /api: mod_http_api }
${snippet}`;
    fs.writeFileSync(path.join(e.dir, 'ejabberd.yml'), yml);
    await e.spawn();
    for (const [user, password] of Object.entries(users)) await e.register(user, password);
    return e;
  }

  async spawn() {
    const dir = this.dir;
    const logFile = path.join(dir, 'log', 'ejabberd.log');
    const offset = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    this.proc = new Proc('ejabberd', 'erl',
      ['-noinput', '-mnesia', 'dir', `"${dir}/spool"`, '-s', 'ejabberd'],
      { cwd: dir, logFile: path.join(dir, 'erl.stdout'),
        env: { EJABBERD_CONFIG_PATH: path.join(dir, 'ejabberd.yml'), EJABBERD_LOG_PATH: logFile,
               ERL_CRASH_DUMP: path.join(dir, 'log', 'erl_crash.dump'), ERL_CRASH_DUMP_BYTES: '0',
               ERL_LIBS: erlLibs(), HOME: dir } });
    // Listeners accept before ejabberd is ready: wait for its own line (test-rig.md §2).
    const deadline = Date.now() + 20000;
    while (!/is started in the node/.test(this.logText().slice(offset))) {
      if (this.proc.exit || Date.now() > deadline) throw new Error(`ejabberd did not start:\n${this.logText().slice(-2000)}${this.proc.output}`);
      await sleep(50);
    }
  }

  async register(user, password) {
    const res = await fetch(`http://127.0.0.1:${this.ports.http}/api/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, host: this.domain, password }),
    });
    if (!res.ok) throw new Error(`register ${user}: ${res.status} ${await res.text()}`);
  }

  get wsUrl() { return `ws://127.0.0.1:${this.ports.http}/xmpp-websocket`; }
  logText() {
    try { return fs.readFileSync(path.join(this.dir, 'log', 'ejabberd.log'), 'utf8'); } catch { return ''; }
  }
  kill(signal = 'SIGKILL') { return this.proc.stop({ signal }); }
  stop() { return this.proc.stop({ timeoutMs: 10000 }); }
}

// A Prosody 0.12 of the test's own on loopback ports, with conf/prosody.cfg.lua.snippet appended
// verbatim (placeholders filled in), started in the foreground and stopped by PID (test-rig.md §1).
// With `turn` (a started coturn), conf/prosody-turn.cfg.lua.snippet goes under the VirtualHost:
// XEP-0215 answers with that coturn's TURN REST credentials (test-rig.md §5).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Proc, tempDir } from './process.mjs';
import { freePort, waitForPort } from './ports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function fillSnippet(file, values) {
  let text = fs.readFileSync(path.join(root, 'conf', file), 'utf8');
  for (const [k, v] of Object.entries(values)) text = text.replaceAll(`@${k}@`, v);
  if (/@[A-Z_]+@/.test(text)) throw new Error(`${file}: unfilled placeholder ${text.match(/@[A-Z_]+@/)[0]}`);
  return text;
}

// Lua text for one value: a string, number, boolean or array of those.
const lua = (v) => (Array.isArray(v) ? `{ ${v.map(lua).join(', ')} }` : typeof v === 'string' ? JSON.stringify(v) : String(v));

export class Prosody {
  // `ip`: the loopback address every listener binds (c2s, s2s, component, HTTP/WebSocket).
  // `s2sPort`: default a free port; federation needs 5269 (rig/federation.mjs).
  // `hosts`: { name: ip } for a hosts file of this instance's own, read by lua-unbound, which
  //   ignores /etc/hosts (test-rig.md §4); without it, names resolve as the system does.
  // `modules`: more modules_enabled; `turn`: a rig coturn announced by mod_turn_external (XEP-0215)
  //   through conf/prosody-turn.cfg.lua.snippet, credentials valid `turnTtl` s; `config` /
  //   `hostConfig`: more Lua lines, global / under the VirtualHost.
  // `users`: { name: password }, kept in `this.users` (RawClient.login({ server, user }) reads it).
  static async start({ domain = 'a.test', component = 'call.a.test', secret, users = {}, ip = '127.0.0.1',
    s2sPort, hosts = null, modules = [], turn = null, turnTtl = 43200, config = '', hostConfig = '' }) {
    const p = new Prosody();
    p.domain = domain;
    p.component = component;
    p.ip = ip;
    p.users = { ...users };
    p.dir = tempDir('jg-prosody-');
    p.ports = { c2s: await freePort(ip), s2s: s2sPort ?? await freePort(ip), component: await freePort(ip),
      http: await freePort(ip) };
    const dir = p.dir;
    fs.mkdirSync(path.join(dir, 'data'));
    fs.mkdirSync(path.join(dir, 'certs'));
    const globals = `${process.getuid() === 0 ? 'run_as_root = true\n' : ''}pidfile = "${dir}/prosody.pid"
data_path = "${dir}/data"
certificates = "${dir}/certs"
log = { { levels = { min = "debug" }, to = "file", filename = "${dir}/prosody.log" } }
interfaces = { "${ip}" }; local_interfaces = { "${ip}" }
c2s_ports = { ${p.ports.c2s} }; s2s_ports = { ${p.ports.s2s} }
component_ports = { ${p.ports.component} }; component_interfaces = { "${ip}" }
http_ports = { ${p.ports.http} }; http_interfaces = { "${ip}" }; https_ports = { }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
s2s_require_encryption = false
s2s_secure_auth = false
authentication = "internal_plain"
modules_enabled = ${lua(['roster', 'saslauth', 'disco', 'ping', 'dialback', 'websocket', ...modules])}
modules_disabled = { "tls" }
${p.resolverConfig(hosts)}${config}
VirtualHost "${domain}"
${hostConfig}
`;
    const snippet = fillSnippet('prosody.cfg.lua.snippet', { COMPONENT_DOMAIN: component, COMPONENT_SECRET: secret });
    const turnLines = turn ? fillSnippet('prosody-turn.cfg.lua.snippet', { TURN_SECRET: turn.secret, TURN_HOST: '127.0.0.1',
      TURN_PORT: String(turn.port), TURN_TTL: String(turnTtl), COMPONENT_DOMAIN: component, DOMAIN: domain }) : '';
    fs.writeFileSync(path.join(dir, 'prosody.cfg.lua'), globals + turnLines + '\n' + snippet);
    const accounts = path.join(dir, 'data', domain.replaceAll('.', '%2e'), 'accounts');
    fs.mkdirSync(accounts, { recursive: true });
    for (const [user, password] of Object.entries(users))
      fs.writeFileSync(path.join(accounts, `${user}.dat`), `return { ["password"] = ${JSON.stringify(password)}; };\n`);
    await p.spawn();
    return p;
  }

  // lua-unbound reads only the files named here: no DNS server is asked for names in `hosts`,
  // and SRV lookups fail fast (NXDOMAIN), so s2s falls back to <domain>:5269 (test-rig.md §4).
  resolverConfig(hosts) {
    if (!hosts) return '';
    const byIp = new Map();
    for (const [name, ip] of Object.entries(hosts)) byIp.set(ip, [...(byIp.get(ip) ?? []), name]);
    fs.writeFileSync(path.join(this.dir, 'hosts'), [...byIp].map(([ip, names]) => `${ip} ${names.join(' ')}\n`).join(''));
    fs.writeFileSync(path.join(this.dir, 'resolv.conf'), 'nameserver 127.0.0.1\n');
    return `unbound = { hoststxt = "${this.dir}/hosts"; resolvconf = "${this.dir}/resolv.conf" }\n`;
  }

  async spawn() {
    this.proc = new Proc('prosody', 'prosody', ['--config', path.join(this.dir, 'prosody.cfg.lua'), '-F'],
      { cwd: this.dir, logFile: path.join(this.dir, 'prosody.stdout') });
    for (const port of Object.values(this.ports)) await waitForPort(port, { host: this.ip });
    // Prosody logs a port it cannot bind and runs on: another server on that port would answer.
    const failed = /Failed to open server port.*/.exec(this.logText());
    if (failed) { await this.stop(); throw new Error(`prosody ${this.domain}: ${failed[0]}`); }
  }

  get wsUrl() { return `ws://${this.ip}:${this.ports.http}/xmpp-websocket`; }
  logText() {
    try { return fs.readFileSync(path.join(this.dir, 'prosody.log'), 'utf8'); } catch { return ''; }
  }
  kill(signal = 'SIGKILL') { return this.proc.stop({ signal }); }
  stop() { return this.proc.stop(); }
}

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

export class Prosody {
  static async start({ domain = 'a.test', component = 'call.a.test', secret, users = {}, turn = null, turnTtl = 43200 }) {
    const p = new Prosody();
    p.domain = domain;
    p.component = component;
    p.dir = tempDir('jg-prosody-');
    p.ports = { c2s: await freePort(), s2s: await freePort(), component: await freePort(), http: await freePort() };
    const dir = p.dir;
    fs.mkdirSync(path.join(dir, 'data'));
    fs.mkdirSync(path.join(dir, 'certs'));
    const globals = `${process.getuid() === 0 ? 'run_as_root = true\n' : ''}pidfile = "${dir}/prosody.pid"
data_path = "${dir}/data"
certificates = "${dir}/certs"
log = { { levels = { min = "debug" }, to = "file", filename = "${dir}/prosody.log" } }
interfaces = { "127.0.0.1" }; local_interfaces = { "127.0.0.1" }
c2s_ports = { ${p.ports.c2s} }; s2s_ports = { ${p.ports.s2s} }
component_ports = { ${p.ports.component} }; component_interfaces = { "127.0.0.1" }
http_ports = { ${p.ports.http} }; http_interfaces = { "127.0.0.1" }; https_ports = { }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
s2s_require_encryption = false
s2s_secure_auth = false
authentication = "internal_plain"
modules_enabled = { "roster", "saslauth", "disco", "ping", "dialback", "websocket" }
modules_disabled = { "tls" }
VirtualHost "${domain}"
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

  async spawn() {
    this.proc = new Proc('prosody', 'prosody', ['--config', path.join(this.dir, 'prosody.cfg.lua'), '-F'],
      { cwd: this.dir, logFile: path.join(this.dir, 'prosody.stdout') });
    for (const port of Object.values(this.ports)) await waitForPort(port);
  }

  get wsUrl() { return `ws://127.0.0.1:${this.ports.http}/xmpp-websocket`; }
  logText() {
    try { return fs.readFileSync(path.join(this.dir, 'prosody.log'), 'utf8'); } catch { return ''; }
  }
  kill(signal = 'SIGKILL') { return this.proc.stop({ signal }); }
  stop() { return this.proc.stop(); }
}

// XMPP federation on loopback (RFC 6120 s2s with XEP-0220 dialback, test-rig.md §4): one Prosody
// per domain on a loopback address of its own with s2s on port 5269, names from per-test hosts
// files, registered users, mod_websocket, and a jinglegate attached to each as call.<domain>.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import { Prosody } from './prosody.mjs';
import { Jinglegate, randomSecret } from './jinglegate.mjs';

// s2s has no port in the name: after the SRV lookup fails, a server dials <domain>:5269.
export const S2S_PORT = 5269;

// Users registered on each domain when the test names none; the password is "<user>-pw".
export const DEFAULT_USERS = { 'a.test': ['alice', 'carol'], 'b.test': ['bob', 'dave'] };

const canBind = (ip, port) => new Promise((resolve) => {
  const s = net.createServer();
  s.once('error', () => resolve(false));
  s.listen(port, ip, () => s.close(() => resolve(true)));
});

// One loopback address per domain, 127.R.S.2, .3, ...: all of 127/8 is loopback on Linux. Random
// R.S, not 127.0.0.2, so that runs in other worktrees on the same machine, which also need port
// 5269, never meet ours.
export async function pickAddresses(count) {
  for (let attempt = 0; attempt < 20; ++attempt) {
    const [r, s] = crypto.randomBytes(2);
    const ips = Array.from({ length: count }, (_, i) => `127.${100 + (r % 150)}.${s}.${i + 2}`);
    if ((await Promise.all(ips.map((ip) => canBind(ip, S2S_PORT)))).every(Boolean)) return ips;
  }
  throw new Error(`no free loopback addresses for port ${S2S_PORT}`);
}

export class Federation {
  // `domains`: the XMPP domains, one Prosody each. `users`: { domain: { name: password } }
  // (default DEFAULT_USERS). `gateways`: false for none, or options for Jinglegate.start (one per
  // domain, as call.<domain>; a function (domain) => options for per-domain ones). `prosody`:
  // more options for every Prosody.start (modules, turn, config, ...). `addresses`: { domain: ip }
  // to choose the loopback addresses yourself.
  static async start({ domains = ['a.test', 'b.test'], users, gateways = {}, prosody = {}, addresses } = {}) {
    const f = new Federation();
    f.servers = {};
    f.gateways = {};
    f.secrets = {};
    try {
      const ips = addresses ? domains.map((d) => addresses[d]) : await pickAddresses(domains.length);
      f.addresses = Object.fromEntries(domains.map((d, i) => [d, ips[i]]));
      // Every server resolves every domain and component domain (dialback dials both back).
      const hosts = {};
      for (const d of domains) { hosts[d] = f.addresses[d]; hosts[`call.${d}`] = f.addresses[d]; }
      await Promise.all(domains.map(async (domain) => {
        f.secrets[domain] = randomSecret();
        f.servers[domain] = await Prosody.start({ ...prosody, domain, component: `call.${domain}`,
          secret: f.secrets[domain], users: usersOf(domain, users), ip: f.addresses[domain], s2sPort: S2S_PORT, hosts });
      }));
      if (gateways !== false) await Promise.all(domains.map((d) => f.attachGateway(d, gateways)));
    } catch (e) {
      await f.stop();
      throw e;
    }
    return f;
  }

  // Starts jinglegate as call.<domain> on that domain's server and waits for "link up".
  async attachGateway(domain, options = {}) {
    const opts = typeof options === 'function' ? options(domain) : options;
    const server = this.servers[domain];
    this.gateways[domain] = await Jinglegate.start({ ...opts, domain: server.component, port: server.ports.component,
      secret: this.secrets[domain], xmpp: { host: server.ip, ...opts.xmpp } });
    return this.gateways[domain];
  }

  server(domain) { return this.servers[domain]; }
  gateway(domain) { return this.gateways[domain]; }

  // Stops every gateway, then every server, by PID; temp dirs go when the test process exits.
  // Resolves with the gateways' exits ({ code, signal }) for assertCleanExits.
  async stop() {
    const exits = await Promise.all(Object.values(this.gateways).map((g) => g.stop()));
    await Promise.all(Object.values(this.servers).map((s) => s.stop()));
    return exits;
  }
}

// Every jinglegate stopped by SIGTERM exited 0 (a crash or a hang at shutdown fails the file).
export function assertCleanExits(exits = []) {
  for (const exit of exits) assert.equal(exit.code, 0, `jinglegate exited with ${JSON.stringify(exit)}`);
}

function usersOf(domain, users) {
  if (users) return users[domain] ?? {};
  return Object.fromEntries((DEFAULT_USERS[domain] ?? []).map((u) => [u, `${u}-pw`]));
}

// The single-domain variant: a.test only (c2s, WebSocket and call.a.test), on a loopback address
// of its own like the federated ones, so that a test can move to two domains without changes.
export function startSingleDomain(options = {}) {
  return Federation.start({ ...options, domains: ['a.test'] });
}

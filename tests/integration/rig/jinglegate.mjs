// jinglegate under test: writes a TOML config, starts build/component/jinglegate, waits for
// "link up" in its log.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Proc, tempDir } from './process.mjs';
import { freePort } from './ports.mjs';

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

export class Jinglegate {
  // `xmpp` overrides keys of [xmpp]; `webUsers` is "local/resource,…" (online web users).
  static async start({ domain = 'call.a.test', port, secret, xmpp = {}, webUsers = '', waitUp = true, logLevel = 'debug' }) {
    const j = new Jinglegate();
    j.dir = tempDir('jg-daemon-');
    j.config = path.join(j.dir, 'jinglegate.toml');
    fs.writeFileSync(j.config, toml({
      component: { domain },
      xmpp: { host: '127.0.0.1', port, secret, reconnect_initial: 0.2, reconnect_max: 2, ...xmpp },
      web: { listen_address: '127.0.0.1', listen_port: await freePort(), tls: false },
      '[[jwt.keys]]': { alg: 'HS256', secret: randomSecret() },
      database: { path: 'jinglegate.sqlite' },
      log: { level: logLevel },
    }));
    j.proc = new Proc('jinglegate', path.join(buildDir(), 'component', 'jinglegate'), ['--config', j.config],
      { cwd: j.dir, logFile: path.join(j.dir, 'jinglegate.log'),
        env: { JINGLEGATE_TEST_WEB_USERS: webUsers, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1' } });
    if (waitUp) await j.proc.waitFor(LINK_UP);
    return j;
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

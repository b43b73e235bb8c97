// The jinglegate daemon for integration tests: a TOML config in the test's dir, a port picked at
// run time, stopped by PID. The exit code is returned so a leak found by ASan fails the test.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startProcess, waitForPort } from './net.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const build = process.env.JG_BUILD ?? path.join(root, 'build');

const b64url = b => Buffer.from(b).toString('base64url');

// An HS256 JWT signed with node's crypto (independent of the daemon's code).
export function hs256(claims, secret) {
  const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export async function startJinglegate(dir, { domain = 'call.a.test', turn = null, extra = '' } = {}) {
  const port = await freePort();
  const jwtSecret = crypto.randomBytes(32).toString('hex');
  const config = `
[component]
domain = "${domain}"
[web]
listen_address = "127.0.0.1"
listen_port = ${port}
tls = false
static_dir = "${path.join(root, 'component/web/client')}"
${extra}
[[jwt.keys]]
alg = "HS256"
secret = "${jwtSecret}"
[ice]
turn_secret = "${turn?.secret ?? ''}"
turn_uris = [${turn ? `"${turn.uri}"` : ''}]
credential_ttl = 3600
`;
  const file = path.join(dir, 'jinglegate.toml');
  fs.writeFileSync(file, config);
  const log = fs.createWriteStream(path.join(dir, 'jinglegate.log'));
  const proc = startProcess(path.join(build, 'component/jinglegate'), ['--config', file], { logStream: log });
  await Promise.race([waitForPort(port), proc.exited.then(r => { throw new Error(`jinglegate exited ${r.code}`); })]);
  const token = (sub, ttl = 600) => hs256({ sub, exp: Math.floor(Date.now() / 1000) + ttl }, jwtSecret);
  return { port, url: `http://127.0.0.1:${port}`, token, stop: () => proc.stop(), logFile: path.join(dir, 'jinglegate.log') };
}

// coturn on 127.0.0.1 for browser media (test-rig.md §5, §6): TURN REST credentials from a static
// secret, relaying between loopback peers only. Started per test, stopped by PID.
// `iceServer(name)` is an RTCIceServer with fresh credentials, for a browser's RTCPeerConnection.
import crypto from 'node:crypto';
import path from 'node:path';
import { freePort, waitForPort } from './ports.mjs';
import { Proc, tempDir } from './process.mjs';

export async function startCoturn({ secret = crypto.randomBytes(16).toString('hex'), realm = 'a.test' } = {}) {
  const dir = tempDir('jg-turn-');
  const port = await freePort();
  // Separate relay port ranges for parallel instances (test-rig.md §5).
  const base = 49160 + (process.pid % 150) * 100;
  const args = ['-n', '--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1', '--listening-port', String(port),
    '--min-port', String(base), '--max-port', String(base + 99), '--use-auth-secret', '--static-auth-secret', secret,
    '--realm', realm, '--fingerprint', '--no-tls', '--no-dtls', '--no-cli', '--no-rfc5780', '--allow-loopback-peers',
    '--no-multicast-peers', '--db', path.join(dir, 'turndb'), '--pidfile', path.join(dir, 'turnserver.pid'),
    '--log-file', path.join(dir, 'turn.log'), '--simple-log', '--no-stdout-log'];
  const proc = new Proc('coturn', 'turnserver', args, { cwd: dir, logFile: path.join(dir, 'turn.stdout.log') });
  await waitForPort(port);
  const uri = `turn:127.0.0.1:${port}?transport=udp`;
  return { host: '127.0.0.1', port, secret, uri, proc, stop: () => proc.stop(),
    iceServer: (name = 'rig', ttlSeconds = 3600) => ({ urls: uri, ...turnRestCredentials(secret, name, ttlSeconds) }) };
}

// TURN REST credentials (test-rig.md §5): username "<unix expiry>:<name>", password
// base64(HMAC-SHA1(secret, username)), the form coturn's --use-auth-secret checks.
export function turnRestCredentials(secret, name = 'rig', ttlSeconds = 3600) {
  const username = `${Math.floor(Date.now() / 1000) + ttlSeconds}:${name}`;
  return { username, credential: crypto.createHmac('sha1', secret).update(username).digest('base64') };
}

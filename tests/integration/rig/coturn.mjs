// coturn on 127.0.0.1 for browser media (test-rig.md §5, §6): TURN REST credentials from a static
// secret, relaying between loopback peers only. Started per test, stopped by PID.
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
  return { port, secret, uri: `turn:127.0.0.1:${port}?transport=udp`, stop: () => proc.stop() };
}

// Signals on a running daemon (issue 7): SIGTERM during a live web-to-web call (both sides told
// why, WebSockets closed with 1001, the XMPP stream closed, exit 0), and SIGHUP (a new JWT key
// taken and the old refused, limits changed, keys that need a restart named, a broken file kept out).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Prosody } from './rig/prosody.mjs';
import { Jinglegate, randomSecret, webCall } from './rig/jinglegate.mjs';

const secret = randomSecret();
let prosody;

before(async () => { prosody = await Prosody.start({ secret }); });
after(async () => { await prosody?.stop(); });

test('SIGTERM in a call: both sides hear hangup and shutdown, close 1001, the stream closes, exit 0', async () => {
  const jg = await Jinglegate.start({ port: prosody.ports.component, secret });
  const { alice, bob } = await webCall(jg);
  const t0 = Date.now();
  const exited = jg.proc.stop();  // SIGTERM, SIGKILL only after 5 s
  for (const [who, peer] of [[alice, bob.welcome.jid], [bob, alice.welcome.jid]]) {
    const bye = await who.next('hangup');
    assert.equal(bye.session, 'c1');
    assert.equal(bye.reason, 'gone');
    assert.equal(bye.from, peer);
    assert.equal((await who.next('shutdown')).message, 'the gateway is shutting down');
    assert.equal((await who.closed).code, 1001);
  }
  assert.deepEqual(await exited, { code: 0, signal: null });
  assert.ok(Date.now() - t0 < 4000, `exited after ${Date.now() - t0} ms`);
  assert.match(jg.output, /info main shutting down signal=TERM/);
  assert.match(jg.output, new RegExp('info call ended id=1 path=web sid=c1 caller=alice@call\\.a\\.test/\\S+ ' +
    'callee=bob@call\\.a\\.test/\\S+ outcome=completed reason=gone by=gateway setup=[\\d.]+ duration=[\\d.]+'));
  assert.match(jg.output, /info link closed domain=call\.a\.test/);
  assert.doesNotMatch(jg.output, /no <\/stream:stream> from the server|grace period over/);
  assert.match(jg.output, /info main exit code=0/);
});

test('SIGHUP: the new JWT key logs in, the old one is refused, limits change, open connections stay', async () => {
  const jg = await Jinglegate.start({ port: prosody.ports.component, secret });
  const oldToken = jg.token('carol');
  const before = await jg.login('carol', { token: oldToken });
  assert.equal(before.welcome.limits.maxCalls, 4);
  const newSecret = randomSecret();
  const line = await jg.reload((s) => {
    s['[[jwt.keys]]'] = { alg: 'HS256', secret: newSecret };
    s.web.max_calls_per_user = 2;
    s.web.max_connections_per_user = 1;
  });
  assert.match(line, /applied="log\.level web xmpp\.secret" failed=- restart_needed=-/);

  const refused = await jg.login('dave', { token: jg.token('dave') }).catch((e) => e);
  assert.equal(refused.code, 'bad-token');
  assert.equal((await refused.closed).code, 4401);
  const fresh = await jg.login('dave', { token: jg.token('dave', 600, newSecret) });
  assert.equal(fresh.welcome.limits.maxCalls, 2);
  const second = await jg.login('dave', { token: jg.token('dave', 600, newSecret) }).catch((e) => e);
  assert.equal(second.code, 'too-many-connections');  // max_connections_per_user is now 1
  assert.equal(before.ws.readyState, WebSocket.OPEN);  // logged in with the old key, still there

  const moved = await jg.reload((s) => { s.web.listen_port += 1; s.database.path = 'other.sqlite'; });
  assert.match(moved, /restart_needed="web\.listen_port database\.path"/);
  const from = jg.output.length;
  fs.writeFileSync(jg.config, '[component\nnot toml');
  process.kill(jg.proc.pid, 'SIGHUP');
  await jg.proc.waitFor(/error main reload failed, keeping the running config reason="TOML: /, { from });
  const still = await jg.login('erin', { token: jg.token('erin', 600, newSecret) });
  assert.equal(still.welcome.limits.maxCalls, 2);
  assert.deepEqual(await jg.stop(), { code: 0, signal: null });
});

// Issue 3 on ejabberd 23.01: handshake, wrong secret, disco and caps over WebSocket, restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Ejabberd } from './rig/ejabberd.mjs';
import { Jinglegate, randomSecret, runWithWrongSecret, LINK_UP } from './rig/jinglegate.mjs';
import { RawClient, stanzaClient, capsVer } from './rig/xmpp.mjs';

const secret = randomSecret();
let carol;
let ejabberd;
let jg;

before(async () => {
  ejabberd = await Ejabberd.start({ secret, users: { bob: 'bob-pw' } });
});

after(async () => {
  carol?.close();
  if (jg) await jg.stop();
  if (ejabberd) await ejabberd.stop();
});

test('a wrong secret is refused by ejabberd, logged, and ends with a non-zero exit', async () => {
  const bad = await runWithWrongSecret(ejabberd.ports.component);
  assert.equal(bad.exit.code, 1);
  assert.equal(bad.count(/error link handshake refused condition=not-authorized/), 3);
});

test('the handshake succeeds; disco#info on the domain and a web user; caps ver verifies', async () => {
  jg = await Jinglegate.start({ port: ejabberd.ports.component, secret,
    xmpp: { ping_interval: 1, ping_timeout: 2 } });
  carol = await jg.login('carol', { resource: 'web1' });  // a web user online over WebSocket
  const client = await stanzaClient({ jid: 'bob@a.test', password: 'bob-pw', wsUrl: ejabberd.wsUrl });
  try {
    const domain = await client.getDiscoInfo('call.a.test');
    assert.deepEqual(domain.identities.map((i) => `${i.category}/${i.type}`), ['gateway/webrtc']);
    const user = await client.getDiscoInfo('carol@call.a.test/web1');
    assert.ok(user.features.includes('urn:xmpp:jingle:apps:rtp:audio'));
    assert.equal(capsVer(user), jg.capsVer);
  } finally {
    client.disconnect();
  }
});

test('self-pings are routed by ejabberd and no from is refused (check_from)', async () => {
  const before = jg.proc.count(/debug link ping id=/);
  await new Promise((r) => setTimeout(r, 3500));
  assert.ok(jg.proc.count(/debug link ping id=/) >= before + 2, 'pings were sent');
  assert.equal(jg.proc.count(LINK_UP), 1);
  assert.doesNotMatch(ejabberd.logText(), /invalid-from|improper-addressing/);
});

test('ejabberd killed and restarted: the link is back within a few seconds', async (t) => {
  const offset = jg.output.length;
  await ejabberd.kill('SIGKILL');
  await jg.proc.waitFor(/warn link down/, { from: offset });
  const restarted = Date.now();
  await ejabberd.spawn();
  const ready = Date.now();
  await jg.proc.waitFor(LINK_UP, { from: offset, timeoutMs: 15000 });
  const back = Date.now();
  t.diagnostic(`ejabberd start ${ready - restarted} ms; link up ${back - ready} ms after ejabberd was ready`);
  assert.ok(back - ready < 5000, `link back ${back - ready} ms after ejabberd was ready`);
  const bob = await RawClient.login({ port: ejabberd.ports.c2s, domain: 'a.test', user: 'bob', password: 'bob-pw' });
  const ping = await bob.iq('p1', "<iq type='get' id='p1' to='carol@call.a.test/web1'><ping xmlns='urn:xmpp:ping'/></iq>");
  assert.match(ping, /type=["']result["']/);
  bob.close();
});

// Issue 3 on Prosody 0.12: handshake, wrong secret, disco and caps, ping/version/unknown iq,
// an oversized stanza, restart of the server, clean shutdown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Prosody } from './rig/prosody.mjs';
import { Jinglegate, randomSecret, runWithWrongSecret, LINK_UP } from './rig/jinglegate.mjs';
import { RawClient, stanzaClient, capsVer } from './rig/xmpp.mjs';

const secret = randomSecret();
const MAX_STANZA = 4096;  // far below Prosody's 512 KiB component limit, so the refusal is ours
let carol;
let prosody;
let jg;
let alice;

before(async () => {
  prosody = await Prosody.start({ secret, users: { alice: 'alice-pw' } });
});

after(async () => {
  alice?.close();
  carol?.close();
  if (jg) await jg.stop();
  if (prosody) await prosody.stop();
});

test('a wrong secret is logged clearly, retried with backoff, and ends with a non-zero exit', async () => {
  const bad = await runWithWrongSecret(prosody.ports.component);
  assert.equal(bad.exit.code, 1);
  assert.equal(bad.count(/error link handshake refused condition=not-authorized/), 3);
  assert.match(bad.output, /hint="xmpp.secret differs from the server's component secret"/);
  assert.match(bad.output, /giving up: the server never accepted our handshake/);
  const delays = [...bad.output.matchAll(/link reconnecting in=([\d.]+) attempt=(\d+)/g)].map((m) => Number(m[1]));
  assert.deepEqual(delays.length, 2);
  assert.equal(delays[0], 0);                       // the first retry at once
  assert.ok(delays[1] >= 0.08 && delays[1] <= 0.12, `second delay ${delays[1]}`);  // 0.1 s ± 20 %
});

test('the handshake succeeds and the link comes up', async () => {
  jg = await Jinglegate.start({ port: prosody.ports.component, secret,
    xmpp: { max_stanza_bytes: MAX_STANZA, ping_interval: 1, ping_timeout: 2 } });
  carol = await jg.login('carol', { resource: 'web1' });  // a web user online over WebSocket
  assert.equal(jg.proc.count(LINK_UP), 1);
  alice = await RawClient.login({ port: prosody.ports.c2s, domain: 'a.test', user: 'alice', password: 'alice-pw' });
});

test('disco#info on the domain and on a web user\'s full JID, and the caps ver verifies', async () => {
  const client = await stanzaClient({ jid: 'alice@a.test', password: 'alice-pw', wsUrl: prosody.wsUrl });
  try {
    const domain = await client.getDiscoInfo('call.a.test');
    assert.deepEqual(domain.identities.map((i) => `${i.category}/${i.type}`), ['gateway/webrtc']);
    assert.ok(domain.features.includes('urn:xmpp:ping'));

    const user = await client.getDiscoInfo('carol@call.a.test/web1');
    assert.deepEqual(user.identities.map((i) => `${i.category}/${i.type}`), ['client/web']);
    for (const f of ['urn:xmpp:jingle:1', 'urn:xmpp:jingle:apps:rtp:1', 'urn:xmpp:jingle:apps:rtp:audio',
      'urn:xmpp:jingle:apps:rtp:video', 'urn:xmpp:jingle:transports:ice-udp:1', 'urn:xmpp:jingle:apps:dtls:0',
      'urn:xmpp:jingle-message:0', 'urn:xmpp:jingle:apps:rtp:rtcp-fb:0', 'urn:xmpp:jingle:apps:rtp:rtp-hdrext:0',
      'urn:ietf:rfc:5888', 'urn:ietf:rfc:5576', 'urn:xmpp:jingle:transports:webrtc-datachannel:1'])
      assert.ok(user.features.includes(f), f);
    const ver = capsVer(user);
    assert.equal(ver, jg.capsVer);
    const byNode = await client.getDiscoInfo('carol@call.a.test/web1', `urn:xmpp:jinglegate:caps#${ver}`);
    assert.equal(capsVer(byNode), ver);
  } finally {
    client.disconnect();
  }
});

test('ping and version are answered; unknown iqs and absent users get service-unavailable', async () => {
  const ping = await alice.iq('p1', "<iq type='get' id='p1' to='call.a.test'><ping xmlns='urn:xmpp:ping'/></iq>");
  assert.match(ping, /type=["']result["']/);
  const version = await alice.iq('v1', "<iq type='get' id='v1' to='carol@call.a.test/web1'><query xmlns='jabber:iq:version'/></iq>");
  assert.match(version, /<name>jinglegate<\/name>/);
  const unknown = await alice.iq('u1', "<iq type='set' id='u1' to='call.a.test'><query xmlns='jabber:iq:last'/></iq>");
  assert.match(unknown, /type=["']error["'][\s\S]*<service-unavailable/);
  const absent = await alice.iq('u2', "<iq type='get' id='u2' to='dave@call.a.test/x'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
  assert.match(absent, /<service-unavailable/);
});

test('a stanza over our size limit is refused with policy-violation and the link stays up', async () => {
  const big = 'x'.repeat(2 * MAX_STANZA);
  const reply = await alice.iq('big1', `<iq type='get' id='big1' to='carol@call.a.test/web1'><query xmlns='jabber:iq:version'><pad>${big}</pad></query></iq>`);
  assert.match(reply, /type=["']error["']/);
  assert.match(reply, /<policy-violation xmlns=["']urn:ietf:params:xml:ns:xmpp-stanzas["']/);
  assert.match(reply, /<stanza-too-big xmlns=["']urn:xmpp:errors["']/);
  const ping = await alice.iq('p2', "<iq type='get' id='p2' to='call.a.test'><ping xmlns='urn:xmpp:ping'/></iq>");
  assert.match(ping, /type=["']result["']/);
  assert.equal(jg.proc.count(LINK_UP), 1);
  assert.match(jg.output, /warn router refused stanza from=alice@a.test\/rig reason="xml-too-big/);
});

test('an error stanza gets no reply', async () => {
  alice.send("<iq type='error' id='e1' to='call.a.test'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
  const ping = await alice.iq('p3', "<iq type='get' id='p3' to='call.a.test'><ping xmlns='urn:xmpp:ping'/></iq>");
  assert.match(ping, /type=["']result["']/);
  assert.ok(!alice.received.some((s) => s.includes("id='e1'") || s.includes('id="e1"')));
});

test('self-pings keep the link alive through Prosody, and no from is ever refused', async () => {
  const before = jg.proc.count(/debug link ping id=/);
  // Two more pings, each answered within ping_timeout, or the link would have been declared dead
  // (waited for, not slept: a busy machine delays timers but must not fail the test).
  await jg.proc.waitForCount(/debug link ping id=/, before + 2, { timeoutMs: 15000 });
  assert.equal(jg.proc.count(LINK_UP), 1);
  assert.doesNotMatch(jg.output, /no answer to ping/);
  assert.doesNotMatch(prosody.logText(), /invalid-from/);
});

test('Prosody killed and restarted (5 times): the link is back within a few seconds, no manual step', async (t) => {
  const delays = [];
  for (let round = 0; round < 5; ++round) {
    const offset = jg.output.length;
    await prosody.kill('SIGKILL');
    await jg.proc.waitFor(/warn link down/, { from: offset });
    await prosody.spawn();
    const ready = Date.now();
    await jg.proc.waitFor(LINK_UP, { from: offset, timeoutMs: 10000 });
    delays.push(Date.now() - ready);
  }
  t.diagnostic(`link up after Prosody listened again: ${delays.join(', ')} ms`);
  assert.ok(Math.max(...delays) < 3000, `link back within 3 s: ${delays}`);
  alice = await RawClient.login({ port: prosody.ports.c2s, domain: 'a.test', user: 'alice', password: 'alice-pw' });
  const ping = await alice.iq('p4', "<iq type='get' id='p4' to='carol@call.a.test/web1'><ping xmlns='urn:xmpp:ping'/></iq>");
  assert.match(ping, /type=["']result["']/);
});

test('SIGTERM closes the stream cleanly and exits 0', async () => {
  const exit = await jg.stop();
  assert.equal(exit.code, 0);
  assert.match(jg.output, /info link closed domain=call.a.test/);
  assert.doesNotMatch(jg.output, /no <\/stream:stream> from the server/);
  jg = null;
});

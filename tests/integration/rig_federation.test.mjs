// Rig self-test: two Prosody federated over loopback s2s (a.test, b.test), a jinglegate on each
// as call.<domain>, scripted raw clients on either domain; and the single-domain variant.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Federation, startSingleDomain } from './rig/federation.mjs';
import { startCoturn } from './rig/coturn.mjs';
import { RawClient, attr } from './rig/xmpp.mjs';

const DISCO_INFO = 'http://jabber.org/protocol/disco#info';

const discoInfo = (client, id, to) =>
  client.iq(id, `<iq type='get' id='${id}' to='${to}'><query xmlns='${DISCO_INFO}'/></iq>`);

describe('two domains', () => {
  let fed;
  let alice;
  let bob;

  before(async () => {
    fed = await Federation.start();
    [alice, bob] = await Promise.all([
      RawClient.login({ server: fed.server('a.test'), user: 'alice', presence: true }),
      RawClient.login({ server: fed.server('b.test'), user: 'bob', presence: true }),
    ]);
  });

  after(async () => {
    alice?.close();
    bob?.close();
    await fed?.stop();
  });

  test('each domain has its own loopback address, s2s on 5269 and a jinglegate whose link is up', () => {
    const { 'a.test': a, 'b.test': b } = fed.addresses;
    assert.notEqual(a, b);
    for (const ip of [a, b]) assert.match(ip, /^127\.\d+\.\d+\.\d+$/);
    assert.equal(fed.server('a.test').ports.s2s, 5269);
    assert.equal(fed.server('b.test').ports.s2s, 5269);
    assert.match(fed.gateway('a.test').output, /info link up /);
    assert.match(fed.gateway('b.test').output, /info link up /);
  });

  test('a message from alice@a.test reaches bob@b.test over s2s, and the answer comes back', async () => {
    alice.send(`<message to='bob@b.test' type='chat' id='m1'><body>hello b.test</body></message>`);
    const got = await bob.next((s) => s.startsWith('<message') && attr(s, 'id') === 'm1');
    assert.equal(attr(got, 'from'), alice.jid);
    assert.match(got, /<body>hello b.test<\/body>/);
    bob.send(`<message to='${alice.jid}' type='chat' id='m2'><body>hello a.test</body></message>`);
    const back = await alice.next((s) => s.startsWith('<message') && attr(s, 'id') === 'm2');
    assert.equal(attr(back, 'from'), bob.jid);
    // The path really was s2s: a.test's Prosody opened a stream to b.test's, and dialback passed.
    assert.ok(/Outgoing s2s connection a\.test->b\.test complete/.test(fed.server('a.test').logText()));
    assert.ok(/Incoming s2s connection a\.test->b\.test complete/.test(fed.server('b.test').logText()));
  });

  test('disco#info from alice@a.test to call.b.test is answered by the jinglegate on b.test, and the other way round', async () => {
    for (const [client, to, id] of [[alice, 'call.b.test', 'd1'], [bob, 'call.a.test', 'd2']]) {
      const reply = await discoInfo(client, id, to);
      assert.equal(attr(reply, 'type'), 'result', reply);
      assert.equal(attr(reply, 'from'), to);
      // Only jinglegate names itself gateway/webrtc; Prosody would answer for an absent component
      // with service-unavailable.
      const identity = /<identity\b[^>]*>/.exec(reply)?.[0] ?? '';
      assert.deepEqual([attr(identity, 'category'), attr(identity, 'type')], ['gateway', 'webrtc'], reply);
    }
  });

  test('a scripted peer waits by predicate with a timeout and fails at once when its stream closes', async () => {
    await assert.rejects(alice.next(/never sent/, 150), /nothing matching \/never sent\/ within 150 ms/);
    const carol = await RawClient.login({ server: fed.server('a.test'), user: 'carol' });
    const waiting = carol.next(/never sent/, 10000);
    const started = Date.now();
    carol.close();
    await assert.rejects(waiting, /closed/);
    assert.ok(Date.now() - started < 2000);
  });
});

describe('single domain', () => {
  let fed;
  let turn;

  before(async () => {
    turn = await startCoturn();
    fed = await startSingleDomain({ prosody: { turn } });
  });
  after(async () => {
    await fed?.stop();
    await turn?.stop();
  });

  test('a.test alone: two users talk, and call.a.test answers disco#info', async () => {
    assert.deepEqual(Object.keys(fed.servers), ['a.test']);
    const [alice, carol] = await Promise.all(['alice', 'carol'].map((user) =>
      RawClient.login({ server: fed.server('a.test'), user, presence: true })));
    try {
      alice.send(`<message to='carol@a.test' type='chat' id='s1'><body>same domain</body></message>`);
      assert.match(await carol.next((s) => attr(s, 'id') === 's1'), /same domain/);
      const reply = await discoInfo(alice, 'd3', 'call.a.test');
      assert.equal(attr(reply, 'type'), 'result', reply);
    } finally {
      alice.close();
      carol.close();
    }
  });

  test('Prosody with `turn` announces the rig coturn over XEP-0215 with TURN REST credentials from its secret', async () => {
    const alice = await RawClient.login({ server: fed.server('a.test'), user: 'alice' });
    try {
      const reply = await alice.iq('x1', "<iq type='get' id='x1' to='a.test'><services xmlns='urn:xmpp:extdisco:2'/></iq>");
      const service = /<service\b[^>]*type=['"]turn['"][^>]*>/.exec(reply)?.[0];
      assert.ok(service, reply);
      assert.equal(attr(service, 'host'), turn.host);
      assert.equal(Number(attr(service, 'port')), turn.port);
      const username = attr(service, 'username');
      assert.equal(attr(service, 'password'), crypto.createHmac('sha1', turn.secret).update(username).digest('base64'));
    } finally {
      alice.close();
    }
  });
});
